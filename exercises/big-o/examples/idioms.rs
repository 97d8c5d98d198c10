//! The idioms the Big O chapter teaches, each next to the quadratic code it replaces.
//!
//! Run them with `cargo run -p big-o --example idioms`, test them with `cargo test -p big-o`.
//! The book includes them piece by piece, between the `ANCHOR` comments.

use std::collections::{HashMap, HashSet, VecDeque};

// ANCHOR: has_duplicate_quadratic
/// Whether any value occurs twice: every pair compared, n·(n−1)/2 comparisons.
fn has_duplicate_quadratic(values: &[u64]) -> bool {
    values
        .iter()
        .enumerate()
        .any(|(i, value)| values[i + 1..].contains(value))
}
// ANCHOR_END: has_duplicate_quadratic

// ANCHOR: has_duplicate
/// Whether any value occurs twice: one pass, one O(1) expected set operation per value.
fn has_duplicate(values: &[u64]) -> bool {
    let mut seen = HashSet::with_capacity(values.len());
    // `insert` returns false when the value was already there: lookup and insert in one hash.
    !values.iter().all(|&value| seen.insert(value))
}
// ANCHOR_END: has_duplicate

// ANCHOR: first_repeat
/// The first value to occur a second time, scanning left to right.
fn first_repeat<'a>(words: &[&'a str]) -> Option<&'a str> {
    let mut seen = HashSet::new();
    words.iter().copied().find(|&word| !seen.insert(word))
}
// ANCHOR_END: first_repeat

// ANCHOR: distinct_sorted
/// The distinct values, ascending: sort in place, then drop adjacent repeats. O(n log n), no
/// hashing, and no second allocation.
fn distinct_sorted(mut values: Vec<u32>) -> Vec<u32> {
    values.sort_unstable();
    values.dedup();
    values
}
// ANCHOR_END: distinct_sorted

// ANCHOR: most_frequent
/// The most frequent value (the smallest one on a tie): after sorting, equal values form
/// runs, and `chunk_by` hands each run over as a slice.
fn most_frequent(values: &[u32]) -> Option<u32> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted
        .chunk_by(|a, b| a == b)
        // `max_by_key` keeps the last maximum; reversing makes that the smallest value.
        .rev()
        .max_by_key(|run| run.len())
        .map(|run| run[0])
}
// ANCHOR_END: most_frequent

// ANCHOR: merge_sorted
/// Merges two ascending lists into one: two pointers, each only moves forward. O(n + m).
fn merge_sorted(a: &[i32], b: &[i32]) -> Vec<i32> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            merged.push(a[i]);
            i += 1;
        } else {
            merged.push(b[j]);
            j += 1;
        }
    }
    // One side is exhausted; the rest of the other is already in order.
    merged.extend_from_slice(&a[i..]);
    merged.extend_from_slice(&b[j..]);
    merged
}
// ANCHOR_END: merge_sorted

// ANCHOR: window_sums
/// The sum of every window of `width` consecutive values. Recomputing each sum costs
/// O(n·width); sliding costs O(n): add the value entering, subtract the one leaving.
fn window_sums(values: &[i64], width: usize) -> Vec<i64> {
    if width == 0 || width > values.len() {
        return Vec::new();
    }
    let mut sum: i64 = values[..width].iter().sum();
    let mut sums = Vec::with_capacity(values.len() - width + 1);
    sums.push(sum);
    for (entering, leaving) in values[width..].iter().zip(values) {
        sum += entering - leaving;
        sums.push(sum);
    }
    sums
}
// ANCHOR_END: window_sums

// ANCHOR: distinct_per_window
/// How many distinct values each window of `width` consecutive values holds. A HashMap counts
/// what is inside the window; each value enters it once and leaves it once, so the whole scan
/// is O(n) expected, whatever the width.
fn distinct_per_window(values: &[u32], width: usize) -> Vec<usize> {
    if width == 0 || width > values.len() {
        return Vec::new();
    }
    let mut counts: HashMap<u32, usize> = HashMap::new();
    let mut distinct = Vec::with_capacity(values.len() - width + 1);
    for (end, &value) in values.iter().enumerate() {
        *counts.entry(value).or_insert(0) += 1;
        if end >= width {
            let leaving = values[end - width];
            if let Some(count) = counts.get_mut(&leaving) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(&leaving);
                }
            }
        }
        if end + 1 >= width {
            distinct.push(counts.len());
        }
    }
    distinct
}
// ANCHOR_END: distinct_per_window

// ANCHOR: queue_quadratic
/// Serves jobs first in, first out. `Vec::remove(0)` shifts every remaining element down by
/// one: O(n) per job, O(n²) for the queue.
fn serve_all_quadratic(mut jobs: Vec<u32>) -> u64 {
    let mut served = 0;
    while !jobs.is_empty() {
        let job = jobs.remove(0);
        served += u64::from(job);
    }
    served
}
// ANCHOR_END: queue_quadratic

// ANCHOR: queue
/// The same with a `VecDeque`, a ring buffer: `pop_front` is O(1).
fn serve_all(jobs: Vec<u32>) -> u64 {
    let mut jobs = VecDeque::from(jobs);
    let mut served = 0;
    while let Some(job) = jobs.pop_front() {
        served += u64::from(job);
    }
    served
}
// ANCHOR_END: queue

// ANCHOR: string_quadratic
/// Builds "n, n−1, …, 1" by prepending: each `insert_str(0, …)` moves every byte already in
/// the string, so the whole build is O(total length²).
fn countdown_quadratic(n: u32) -> String {
    let mut text = String::new();
    for i in 1..=n {
        if !text.is_empty() {
            text.insert_str(0, ", ");
        }
        text.insert_str(0, &i.to_string());
    }
    text
}
// ANCHOR_END: string_quadratic

// ANCHOR: string
/// The same by appending in the order the text is read: amortised O(1) per push, and no
/// temporary `String` per number (`write!` formats straight into the buffer).
fn countdown(n: u32) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    for i in (1..=n).rev() {
        if !text.is_empty() {
            text.push_str(", ");
        }
        // Writing into a String cannot fail.
        let _ = write!(text, "{i}");
    }
    text
}
// ANCHOR_END: string

// ANCHOR: iterators
/// The total of the orders above `threshold`, in cents. One pass and no allocation: the
/// adapters fuse into a single loop. Collecting the filtered orders into a `Vec` first would
/// allocate and write n values only to read them back once.
fn large_order_total(amounts_cents: &[u64], threshold: u64) -> u64 {
    amounts_cents.iter().filter(|&&amount| amount > threshold).sum()
}
// ANCHOR_END: iterators

fn main() {
    let ids = [17, 4, 99, 4, 23];
    println!(
        "has_duplicate_quadratic({ids:?}) = {}",
        has_duplicate_quadratic(&ids)
    );
    println!("has_duplicate({ids:?}) = {}", has_duplicate(&ids));

    let words = ["cart", "search", "item", "search", "cart"];
    println!("first_repeat({words:?}) = {:?}", first_repeat(&words));

    let tags = vec![5, 3, 5, 1, 3];
    println!("distinct_sorted({tags:?}) = {:?}", distinct_sorted(tags.clone()));
    println!("most_frequent({tags:?}) = {:?}", most_frequent(&tags));

    let (a, b) = ([1, 4, 9], [2, 3, 10, 11]);
    println!("merge_sorted({a:?}, {b:?}) = {:?}", merge_sorted(&a, &b));

    let sales = [3, 1, 4, 1, 5, 9, 2, 6];
    println!("window_sums({sales:?}, 3) = {:?}", window_sums(&sales, 3));

    let pages = [1, 2, 1, 3, 3, 4];
    println!(
        "distinct_per_window({pages:?}, 3) = {:?}",
        distinct_per_window(&pages, 3)
    );

    let jobs: Vec<u32> = (1..=5).collect();
    println!(
        "serve_all_quadratic = {}, serve_all = {}",
        serve_all_quadratic(jobs.clone()),
        serve_all(jobs)
    );
    println!(
        "countdown_quadratic(5) = {:?}, countdown(5) = {:?}",
        countdown_quadratic(5),
        countdown(5)
    );
    println!(
        "large_order_total = {}",
        large_order_total(&[1_999, 25_000, 12_000, 4_850], 10_000)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates() {
        for values in [&[][..], &[1], &[1, 2, 3], &[1, 2, 1], &[7, 7], &[3, 1, 2, 9, 2]] {
            assert_eq!(
                has_duplicate(values),
                has_duplicate_quadratic(values),
                "{values:?}"
            );
        }
        assert!(has_duplicate(&[3, 1, 2, 9, 2]));
        assert!(!has_duplicate(&[u64::MAX, 0]));
    }

    #[test]
    fn first_repeat_is_the_first_second_occurrence() {
        assert_eq!(first_repeat(&["a", "b", "b", "a"]), Some("b"));
        assert_eq!(first_repeat(&["a", "b", "a", "b"]), Some("a"));
        assert_eq!(first_repeat(&["a", "b"]), None);
        assert_eq!(first_repeat(&[]), None);
    }

    #[test]
    fn sorted_runs() {
        assert_eq!(distinct_sorted(vec![5, 3, 5, 1, 3]), [1, 3, 5]);
        assert_eq!(distinct_sorted(vec![]), []);
        assert_eq!(most_frequent(&[5, 3, 5, 1, 3]), Some(3));
        assert_eq!(most_frequent(&[2, 9, 9]), Some(9));
        assert_eq!(most_frequent(&[]), None);
    }

    #[test]
    fn merging() {
        assert_eq!(merge_sorted(&[1, 4, 9], &[2, 3, 10, 11]), [1, 2, 3, 4, 9, 10, 11]);
        assert_eq!(merge_sorted(&[], &[1, 1]), [1, 1]);
        assert_eq!(merge_sorted(&[2, 2], &[2]), [2, 2, 2]);
    }

    #[test]
    fn sliding_windows_match_recomputing() {
        let values: Vec<i64> = (0..50).map(|i| (i * 37 % 11) - 5).collect();
        for width in 0..=52 {
            let recomputed: Vec<i64> = match width {
                0 => Vec::new(),
                _ => values.windows(width).map(|w| w.iter().sum()).collect(),
            };
            assert_eq!(window_sums(&values, width), recomputed, "width {width}");
        }
        let pages: Vec<u32> = (0..50).map(|i| i * 7 % 5).collect();
        for width in 1..=50 {
            let recounted: Vec<usize> = pages
                .windows(width)
                .map(|w| w.iter().collect::<HashSet<_>>().len())
                .collect();
            assert_eq!(distinct_per_window(&pages, width), recounted, "width {width}");
        }
        assert!(distinct_per_window(&pages, 0).is_empty());
    }

    #[test]
    fn queues_and_strings() {
        let jobs: Vec<u32> = (0..100).collect();
        assert_eq!(serve_all(jobs.clone()), serve_all_quadratic(jobs));
        assert_eq!(countdown(3), "3, 2, 1");
        assert_eq!(countdown(12), countdown_quadratic(12));
        assert_eq!(countdown(0), "");
    }

    #[test]
    fn iterator_total() {
        assert_eq!(large_order_total(&[5, 20, 30], 10), 50);
        assert_eq!(large_order_total(&[], 0), 0);
    }
}
