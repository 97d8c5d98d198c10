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

use std::collections::BTreeMap;
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

// ANCHOR: revenue_by_customer
/// A customer of the shop, as the customer service exports them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    /// The customer's account number.
    pub id: u64,
    /// The name the report shows.
    pub name: String,
}

/// One order, as the checkout records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    /// The account number of the customer who placed it.
    pub customer_id: u64,
    /// What the order came to, in cents.
    pub cents: u32,
}

/// The customer with account number `id`: the first one in `customers` if the export lists it
/// more than once, `None` if it does not list it.
fn customer_by_id(customers: &[Customer], id: u64) -> Option<&Customer> {
    customers.iter().find(|customer| customer.id == id)
}

/// The revenue report: for each customer name, the total of its customers' orders in cents, as
/// `(name, cents)`, in ascending order of name (byte order).
///
/// An order belongs to the customer [`customer_by_id`] finds for its `customer_id`: the first
/// one listed, when an account number is listed twice. Orders of an account number that is not
/// listed are left out of the report. Customers who share a name share a line; a name with no
/// orders has no line. Totals are exact.
pub fn revenue_by_customer(customers: &[Customer], orders: &[Order]) -> Vec<(String, u64)> {
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for order in orders {
        if let Some(customer) = customer_by_id(customers, order.customer_id) {
            *totals.entry(&customer.name).or_insert(0) += u64::from(order.cents);
        }
    }
    totals
        .into_iter()
        .map(|(name, cents)| (name.to_string(), cents))
        .collect()
}
// ANCHOR_END: revenue_by_customer
