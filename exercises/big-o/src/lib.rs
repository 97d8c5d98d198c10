//! # Big O and algorithms: the exercise
//!
//! Four functions from an order-analytics service. Each one is correct, and each one has to
//! handle a busy day's hundred thousand orders as well as a unit test's hundred. Make every one
//! of them O(n) or O(n log n) without changing its signature or its answers.
//!
//! - Check your answers: `cargo test -p big-o`
//! - Measure it yourself: `cargo bench -p big-o`
//! - Grade it: `cargo run -p grader -- big-o`
//!
//! The grader compares your answers with this starter's on edge cases and random inputs, times
//! both on the same fresh inputs, and fits how your time grows with n.

use std::ops::Range;

// ANCHOR: find_duplicates
/// Order IDs that occur more than once in `order_ids`, each reported once, in ascending order.
pub fn find_duplicates(order_ids: &[u64]) -> Vec<u64> {
    let mut duplicates = Vec::new();
    for (i, id) in order_ids.iter().enumerate() {
        // Does this ID come again later, and is it not reported yet?
        let repeated = order_ids[i + 1..].contains(id);
        if repeated && !duplicates.contains(id) {
            duplicates.push(*id);
        }
    }
    duplicates.sort_unstable();
    duplicates
}
// ANCHOR_END: find_duplicates

// ANCHOR: count_pairs_with_sum
/// How many pairs of payments (by position, `i < j`) add up exactly to `target`: candidate
/// charge-and-refund pairs for the fraud team. Sums are exact: no overflow at the extremes.
pub fn count_pairs_with_sum(amounts: &[i64], target: i64) -> u64 {
    let mut pairs = 0;
    for i in 0..amounts.len() {
        for j in i + 1..amounts.len() {
            if i128::from(amounts[i]) + i128::from(amounts[j]) == i128::from(target) {
                pairs += 1;
            }
        }
    }
    pairs
}
// ANCHOR_END: count_pairs_with_sum

// ANCHOR: longest_unique_window
/// The longest stretch of a browsing session in which no page is visited twice, as a range of
/// positions in `page_ids`. The leftmost one wins a tie; an empty session gives `0..0`.
pub fn longest_unique_window(page_ids: &[u32]) -> Range<usize> {
    let mut best = 0..0;
    for start in 0..page_ids.len() {
        let mut end = start;
        // Grow the window while the next page is not already inside it.
        while end < page_ids.len() && !page_ids[start..end].contains(&page_ids[end]) {
            end += 1;
        }
        if end - start > best.len() {
            best = start..end;
        }
    }
    best
}
// ANCHOR_END: longest_unique_window

// ANCHOR: common_customers
/// Customers who appear in both campaigns' lists, each reported once, in ascending order.
pub fn common_customers(campaign_a: &[u64], campaign_b: &[u64]) -> Vec<u64> {
    let mut common = Vec::new();
    for customer in campaign_a {
        if campaign_b.contains(customer) && !common.contains(customer) {
            common.push(*customer);
        }
    }
    common.sort_unstable();
    common
}
// ANCHOR_END: common_customers
