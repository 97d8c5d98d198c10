//! A small program to practise profiling on, before the exercise: the most frequent words of a
//! generated text, stop words ("the", "and", …) left out.
//!
//! ```console
//! cargo run --release -p profiling --example top_words
//! cargo build --release -p profiling --example top_words
//! perf record --call-graph dwarf target/release/examples/top_words
//! valgrind --tool=callgrind --callgrind-out-file=callgrind.out target/release/examples/top_words
//! ```
//!
//! As in the exercise, every function is `#[inline(never)]`, so that each one keeps its name in a
//! profile.

use fastrand::Rng;
use std::collections::HashMap;
use std::time::Instant;

/// How many words the generated text has.
const WORDS: usize = 30_000;

/// The words the text is made of, stop words included.
const VOCABULARY: [&str; 24] = [
    "the",
    "and",
    "of",
    "to",
    "a",
    "in",
    "is",
    "it",
    "that",
    "was",
    "profile",
    "first",
    "then",
    "measure",
    "cache",
    "memory",
    "thread",
    "latency",
    "rust",
    "vector",
    "hash",
    "sort",
    "loop",
    "allocation",
];

/// The words that are too common to be interesting.
const STOP_WORDS: [&str; 40] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her",
    "his", "i", "if", "in", "into", "is", "it", "its", "no", "not", "of", "on", "or", "she", "so", "that",
    "the", "their", "then", "there", "they", "to", "was", "with",
];

/// A text of `words` words with some capitals and punctuation, the same for the same seed.
#[inline(never)]
fn generate_text(seed: u64, words: usize) -> String {
    let mut rng = Rng::with_seed(seed);
    let mut text = String::new();
    for i in 0..words {
        let word = VOCABULARY[rng.usize(..VOCABULARY.len())];
        if i % 12 == 0 {
            // A new sentence: a capital letter.
            text.push_str(&word[..1].to_uppercase());
            text.push_str(&word[1..]);
        } else {
            text.push_str(word);
        }
        text.push_str(if i % 12 == 11 { ". " } else { " " });
    }
    text
}

// ANCHOR: pipeline
/// The words of `text`, in lower case, without punctuation.
#[inline(never)]
fn tokenize(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|word| !word.is_empty())
        .collect()
}

/// The stop words, as a list.
#[inline(never)]
fn stop_words() -> Vec<String> {
    STOP_WORDS.iter().map(|word| word.to_string()).collect()
}

/// Whether `word` is a stop word.
#[inline(never)]
fn is_stop_word(word: &str) -> bool {
    stop_words().iter().any(|stop| stop == word)
}

/// How many times each word that is not a stop word occurs.
#[inline(never)]
fn count_words(words: &[String]) -> HashMap<&str, u32> {
    let mut counts = HashMap::new();
    for word in words {
        if !is_stop_word(word) {
            *counts.entry(word.as_str()).or_insert(0) += 1;
        }
    }
    counts
}

/// The `k` most frequent words, most frequent first, then in alphabetical order.
#[inline(never)]
fn top_words<'a>(counts: &HashMap<&'a str, u32>, k: usize) -> Vec<(&'a str, u32)> {
    let mut ranked: Vec<(&str, u32)> = counts.iter().map(|(&word, &count)| (word, count)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.truncate(k);
    ranked
}
// ANCHOR_END: pipeline

fn main() {
    let text = generate_text(1, WORDS);
    let start = Instant::now();
    let words = tokenize(&text);
    let counts = count_words(&words);
    let top = top_words(&counts, 5);
    eprintln!(
        "{} words counted in {:.1} ms",
        words.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
    for (word, count) in top {
        println!("{count:>6}  {word}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_left_out_and_ties_are_alphabetical() {
        let words = tokenize("The cache, the CACHE and the loop. Then: loop; sort!");
        assert_eq!(
            words,
            [
                "the", "cache", "the", "cache", "and", "the", "loop", "then", "loop", "sort"
            ]
        );
        let counts = count_words(&words);
        assert_eq!(top_words(&counts, 2), [("cache", 2), ("loop", 2)]);
        assert_eq!(top_words(&counts, 10), [("cache", 2), ("loop", 2), ("sort", 1)]);
    }

    #[test]
    fn generated_text_is_deterministic() {
        assert_eq!(generate_text(3, 100), generate_text(3, 100));
        assert_eq!(tokenize(&generate_text(3, 100)).len(), 100);
    }
}
