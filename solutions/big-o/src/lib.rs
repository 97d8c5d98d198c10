//! # Big O and algorithms: reference solution
//!
//! The same API as `exercises/big-o`, each function O(n) or O(n log n).

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

/// The revenue report: for each customer name, the total of its customers' orders in cents,
/// ascending by name. The first customer listed with an account number owns its orders; orders
/// of unlisted account numbers are left out.
///
/// `customer_by_id` scanned the customer list once per order: O(orders × customers). Index the
/// customers once instead, account number → position of the first customer listed with it
/// (`entry().or_insert`, where `collect()` would keep the last), and add each order to its
/// customer's slot: O(orders + customers) expected. Then one line per name, sorted.
pub fn revenue_by_customer(customers: &[Customer], orders: &[Order]) -> Vec<(String, u64)> {
    let mut position_of: HashMap<u64, usize> = HashMap::with_capacity(customers.len());
    for (position, customer) in customers.iter().enumerate() {
        position_of.entry(customer.id).or_insert(position);
    }
    // Per customer: `None` until an order arrives, so that an order of 0 cents still counts.
    let mut spent: Vec<Option<u64>> = vec![None; customers.len()];
    for order in orders {
        if let Some(&position) = position_of.get(&order.customer_id) {
            *spent[position].get_or_insert(0) += u64::from(order.cents);
        }
    }
    let mut by_name: HashMap<&str, u64> = HashMap::new();
    for (customer, spent) in customers.iter().zip(spent) {
        if let Some(cents) = spent {
            *by_name.entry(&customer.name).or_insert(0) += cents;
        }
    }
    let mut report: Vec<(String, u64)> = by_name
        .into_iter()
        .map(|(name, cents)| (name.to_string(), cents))
        .collect();
    report.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    report
}
// ANCHOR_END: revenue_by_customer
