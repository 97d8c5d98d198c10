//! The inputs the benchmarks measure: the same shapes of input, at the same sizes, as the
//! grader times (it generates its inputs with a frozen copy of this file).
//!
//! A directory's `mod.rs` is not a benchmark of its own; each bench file pulls this in with
//! `mod inputs;`. It needs nothing but `std` and `fastrand`.

// Each benchmark uses one generator of the four.
#![allow(dead_code)]

use fastrand::Rng;

/// How many order IDs the grader times `find_duplicates` on.
pub const ORDER_IDS: usize = 8_000;

/// How many payments the grader times `count_pairs_with_sum` on.
pub const PAYMENTS: usize = 8_000;

/// How many page views the grader times `longest_unique_window` on.
pub const PAGE_VIEWS: usize = 8_000;

/// How many orders the grader times `revenue_by_customer` on (with as many customers).
pub const ORDERS: usize = 8_000;

/// The sizes at which the grader times each function to fit its growth, time ≈ nᵏ.
pub const GROWTH_SIZES: [usize; 4] = [500, 1_000, 2_000, 4_000];

/// `n` order IDs drawn uniformly from `0..1_000_000_000`, about one in ten of them then
/// overwritten with a copy of another: many IDs occur twice, a few three times or more.
pub fn order_ids(rng: &mut Rng, n: usize) -> Vec<u64> {
    let mut ids: Vec<u64> = (0..n).map(|_| rng.u64(..1_000_000_000)).collect();
    for _ in 0..n / 10 {
        let (from, to) = (rng.usize(..n), rng.usize(..n));
        ids[to] = ids[from];
    }
    ids
}

/// `n` payment amounts in cents, drawn uniformly from `0..4n + 10`, and a target that is the
/// sum of two of them (drawn from `0..100` when there are none), so there are pairs to count.
pub fn payments(rng: &mut Rng, n: usize) -> (Vec<i64>, i64) {
    let range = 4 * n as i64 + 10;
    let amounts: Vec<i64> = (0..n).map(|_| rng.i64(0..range)).collect();
    let target = match n {
        0 => rng.i64(0..100),
        _ => amounts[rng.usize(..n)] + amounts[rng.usize(..n)],
    };
    (amounts, target)
}

/// A browsing session of `n` page views, drawn uniformly from a catalogue of n²/4096 pages (at
/// least 2): the longest stretch without a repeated page grows in proportion to n (about n/50).
pub fn session(rng: &mut Rng, n: usize) -> Vec<u32> {
    let catalogue = (n * n / 4096).max(2) as u32;
    (0..n).map(|_| rng.u32(..catalogue)).collect()
}

/// First names and surnames of the generated customers: 400 names in all, so that customers
/// often share a name.
const FIRST_NAMES: [&str; 20] = [
    "Ada", "Ben", "Chloé", "Dmitri", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kaia", "Liam", "Mei",
    "Nour", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Zoë",
];
const SURNAMES: [&str; 20] = [
    "Abara", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ito", "Jones", "Kowalski",
    "Lind", "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka", "Weber",
];

/// A day's order book: the customers as (account number, name), the orders as (account number,
/// cents).
pub type OrderBook = (Vec<(u64, String)>, Vec<(u64, u32)>);

/// A day's order book: `n` customers (at least one) as (account number, name), in no
/// particular order, and `n` orders as (account number, cents). Account numbers are drawn from
/// `10_000_000..100_000_000`; about one customer in a hundred repeats an earlier one's number
/// under another name. Orders are of $1 to $500, nineteen in twenty by a listed customer, the
/// rest by account numbers the list does not know.
pub fn order_book(rng: &mut Rng, n: usize) -> OrderBook {
    let mut customers: Vec<(u64, String)> = Vec::with_capacity(n.max(1));
    for _ in 0..n.max(1) {
        let id = match customers.len() {
            0 => rng.u64(10_000_000..100_000_000),
            len if rng.u8(..100) == 0 => customers[rng.usize(..len)].0,
            _ => rng.u64(10_000_000..100_000_000),
        };
        let name = format!(
            "{} {}",
            rng.choice(FIRST_NAMES).unwrap_or("Ada"),
            rng.choice(SURNAMES).unwrap_or("Berg")
        );
        customers.push((id, name));
    }
    let orders = (0..n)
        .map(|_| {
            let id = match rng.u8(..20) {
                0 => rng.u64(100_000_000..1_000_000_000),
                _ => customers[rng.usize(..customers.len())].0,
            };
            (id, rng.u32(100..=50_000))
        })
        .collect();
    (customers, orders)
}
