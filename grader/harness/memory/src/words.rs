//! `word-frequencies`: the most frequent words of a text, without a `String` per word.

use crate::inputs::{prose, word};
use fastrand::Rng;
use grader_kit::correctness::{Case, case};

/// Texts at the edges: empty, no word at all, `k` of 0, beyond the vocabulary or `usize::MAX`,
/// apostrophes, digits and non-ASCII letters, one word in every case, ties, and random prose.
pub(crate) fn edge_cases(rng: &mut Rng) -> Vec<Case<(String, usize)>> {
    let mut cases = vec![
        case("edge case: empty text", (String::new(), 5)),
        case("edge case: k = 0", ("one two two".to_string(), 0)),
        case("edge case: one word", ("word".to_string(), 1)),
        case("edge case: no word at all", ("... !!! ''' -- \n".to_string(), 3)),
        case(
            "edge case: k beyond the vocabulary",
            ("b a c b".to_string(), 1000),
        ),
        case("edge case: k = usize::MAX", ("b a c b".to_string(), usize::MAX)),
        case(
            "edge case: apostrophes",
            (
                "'Tis' the season, don't ''' ' rock'n'roll o'clock 'twas".to_string(),
                10,
            ),
        ),
        case(
            "edge case: digits, hyphens, underscores, non-ASCII letters",
            (
                "route66 2024 well-known snake_case café naïve 2024 ÉCOLE".to_string(),
                10,
            ),
        ),
        case(
            "edge case: one word in every case",
            ("Rust RUST rust rUsT ruSt".to_string(), 3),
        ),
        case("edge case: all equal", ("echo ".repeat(1000), 3)),
        case("edge case: a long word", ("x".repeat(5000), 2)),
    ];
    let tied: Vec<String> = (0..300).rev().map(word).collect();
    cases.push(case("edge case: 300 words, all tied", (tied.join(" "), 20)));
    let tied_at_k = "a a a b b b c c d d e e f".to_string();
    cases.push(case("edge case: a tie across the k-th place", (tied_at_k, 3)));
    for n in [1, 7, 100, 1023] {
        cases.push(case(format!("random prose of {n} words"), prose(rng, n)));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::VOCABULARY;
    use crate::{Api, Starter};
    use std::collections::HashSet;

    #[test]
    fn generated_prose_is_seeded_and_sized() {
        for n in [0, 1, 17, 1000] {
            let (text, k) = prose(&mut Rng::with_seed(3), n);
            assert_eq!((text.clone(), k), prose(&mut Rng::with_seed(3), n));
            assert!((1..=20).contains(&k));
            assert_eq!(text.split_ascii_whitespace().count(), n);
        }
    }

    #[test]
    fn generated_prose_has_a_zipf_like_vocabulary() {
        let vocabulary: HashSet<String> = (0..VOCABULARY).map(word).collect();
        assert_eq!(vocabulary.len(), VOCABULARY, "made-up words are distinct");
        let (text, _) = prose(&mut Rng::with_seed(1), 20_000);
        let all = Starter::top_words(&text, usize::MAX);
        assert!(
            all.len() > 300 && all.len() <= VOCABULARY,
            "{} distinct words",
            all.len()
        );
        assert_eq!(all[0].0, "the");
        let share = all[0].1 as f64 / 20_000.0;
        assert!((0.08..0.25).contains(&share), "\"the\" is {share} of the words");
        let capitalised = text
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
            .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
            .count();
        assert!(
            (1_000..4_000).contains(&capitalised),
            "{capitalised} capitalised words"
        );
    }

    #[test]
    fn edge_cases_run_on_the_starter() {
        for Case { input: (text, k), .. } in edge_cases(&mut Rng::with_seed(5)) {
            assert!(Starter::top_words(&text, k).len() <= k);
        }
    }
}
