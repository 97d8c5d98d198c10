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

/// How many customers per campaign the grader times `common_customers` on.
pub const CUSTOMERS: usize = 8_000;

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

/// Two campaign lists of `n` customer IDs each, drawn uniformly from `0..3n + 1`: about 28% of
/// each list's customers are in the other too, and each list repeats some of its own.
pub fn campaigns(rng: &mut Rng, n: usize) -> (Vec<u64>, Vec<u64>) {
    let space = 3 * n as u64 + 1;
    let a = (0..n).map(|_| rng.u64(..space)).collect();
    let b = (0..n).map(|_| rng.u64(..space)).collect();
    (a, b)
}
