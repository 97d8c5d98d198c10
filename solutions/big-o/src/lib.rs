//! # Big O and algorithms: reference solution
//!
//! The same API as `exercises/big-o`, each function O(n) or O(n log n).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

// ANCHOR: find_duplicates
/// Order IDs that occur more than once in `order_ids`, each reported once, in ascending order.
///
/// Sort a copy, then equal IDs sit side by side: O(n log n), and one allocation.
pub fn find_duplicates(order_ids: &[u64]) -> Vec<u64> {
    let mut sorted = order_ids.to_vec();
    sorted.sort_unstable();
    sorted
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() > 1)
        .map(|run| run[0])
        .collect()
}
// ANCHOR_END: find_duplicates

// ANCHOR: count_pairs_with_sum
/// How many pairs of payments (by position, `i < j`) add up exactly to `target`.
///
/// One pass with a count of the amounts seen so far: each amount pairs with every earlier
/// amount equal to `target - amount`. O(n) expected.
pub fn count_pairs_with_sum(amounts: &[i64], target: i64) -> u64 {
    let mut seen: HashMap<i64, u64> = HashMap::with_capacity(amounts.len());
    let mut pairs = 0;
    for &amount in amounts {
        // The complement can fall outside i64 (target − i64::MIN): then nothing pairs.
        if let Ok(complement) = i64::try_from(i128::from(target) - i128::from(amount)) {
            pairs += seen.get(&complement).copied().unwrap_or(0);
        }
        *seen.entry(amount).or_insert(0) += 1;
    }
    pairs
}
// ANCHOR_END: count_pairs_with_sum

// ANCHOR: longest_unique_window
/// The longest stretch of `page_ids` with no page twice; the leftmost wins a tie.
///
/// A sliding window: remember where each page was last seen; a repeat moves the window's
/// start just past the earlier visit. Each position enters and leaves once: O(n).
pub fn longest_unique_window(page_ids: &[u32]) -> Range<usize> {
    let mut last_seen: HashMap<u32, usize> = HashMap::with_capacity(page_ids.len());
    let mut best = 0..0;
    let mut start = 0;
    for (end, page) in page_ids.iter().enumerate() {
        if let Some(previous) = last_seen.insert(*page, end) {
            start = start.max(previous + 1);
        }
        if end + 1 - start > best.len() {
            best = start..end + 1;
        }
    }
    best
}
// ANCHOR_END: longest_unique_window

// ANCHOR: common_customers
/// Customers who appear in both campaigns' lists, each once, in ascending order.
///
/// Sort and deduplicate both lists, then walk them together with two pointers, always
/// advancing the smaller side: O(n log n + m log m), no hashing.
pub fn common_customers(campaign_a: &[u64], campaign_b: &[u64]) -> Vec<u64> {
    let sorted_unique = |list: &[u64]| {
        let mut v = list.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (a, b) = (sorted_unique(campaign_a), sorted_unique(campaign_b));
    let (mut i, mut j) = (0, 0);
    let mut common = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                common.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    common
}
// ANCHOR_END: common_customers
