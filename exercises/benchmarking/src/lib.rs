//! # Benchmarking: the exercise
//!
//! In this chapter you do not make code faster: you find out, with numbers, how fast it is.
//! Two tasks, both graded by comparing your measurement with the grader's own.
//!
//! 1. **crossover**: [`count_known_linear`] scans a slice, [`count_known_hashed`] builds a
//!    `HashSet`. Which is faster, and from which size of `known` on? Complete the benchmark in
//!    `benches/lookup.rs`, run it, and write your conclusions in `findings.toml`. Do not edit
//!    the two functions: the grader times them itself.
//! 2. **honest-benchmark**: [`bench_total_cents`] reports a time for [`total_cents`], and the
//!    time is wrong. Fix the benchmark, not the function, so that its figure is the time of
//!    `total_cents` itself.
//!
//! - Check your answers: `cargo test -p benchmarking`
//! - Measure: `cargo bench -p benchmarking --bench lookup` and
//!   `cargo bench -p benchmarking --bench total_cents`
//! - Grade it: `cargo run -p grader -- benchmarking`

use criterion::Criterion;
use std::collections::HashSet;

// ANCHOR: crossover
/// Queries per call in the lookup comparison.
pub const QUERIES: usize = 1_000;

/// How many of `queries` are in `known`, by scanning `known` for each query.
///
/// A query that occurs twice counts twice. Given and correct: do not edit it, measure it.
pub fn count_known_linear(known: &[u32], queries: &[u32]) -> usize {
    queries.iter().filter(|query| known.contains(query)).count()
}

/// The same count, by building a `HashSet` of `known` once and probing it.
///
/// Given and correct: do not edit it, measure it.
pub fn count_known_hashed(known: &[u32], queries: &[u32]) -> usize {
    let known: HashSet<u32> = known.iter().copied().collect();
    queries.iter().filter(|query| known.contains(query)).count()
}
// ANCHOR_END: crossover

// ANCHOR: findings
/// The learner's conclusions, read by the grader.
pub const FINDINGS: &str = include_str!("../findings.toml");
// ANCHOR_END: findings

// ANCHOR: total_cents
/// Prices per line in the benchmark.
pub const LINE_PRICES: usize = 1_000;

/// A CSV line of `prices` prices like "12.34,0.99,105.00", deterministic in `seed`.
///
/// Every price has two decimals and one to three digits before the point, from 0.00 to
/// 999.99; small prices are as common as large ones. The same seed always gives the same line.
pub fn make_line(seed: u64, prices: usize) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let fields: Vec<String> = (0..prices)
        .map(|_| {
            // Below 1.00, 10.00, 100.00 or 1000.00, with equal odds: every magnitude is common.
            let limit = 10_u64.pow(rng.u32(2..=5));
            let cents = rng.u64(..limit);
            format!("{}.{:02}", cents / 100, cents % 100)
        })
        .collect();
    fields.join(",")
}

/// The sum of the line's prices in cents.
///
/// Fields are separated by commas; ASCII whitespace around a field is ignored. A price is one
/// or more ASCII digits, optionally followed by a point and one or two digits: "12.34" is 1234
/// cents, "12.3" is 1230 and "12" is 1200. Any other field ("", "abc", "-1.00", "1.234", "1.",
/// ".5") counts 0, and so does a price too large for a `u64` of cents. The total stops at
/// `u64::MAX` rather than overflow.
///
/// Pure: no panics, no I/O, nothing but the returned value.
pub fn total_cents(line: &str) -> u64 {
    line.split(',')
        .map(|field| price_cents(field.trim_ascii()).unwrap_or(0))
        .fold(0, u64::saturating_add)
}

/// The price in `field` in cents, or `None` when `field` is not a price (see [`total_cents`]).
fn price_cents(field: &str) -> Option<u64> {
    let (units, fraction) = field.split_once('.').unwrap_or((field, "00"));
    let fraction_cents = match fraction.len() {
        1 => digits(fraction)? * 10,
        2 => digits(fraction)?,
        _ => return None,
    };
    digits(units)?.checked_mul(100)?.checked_add(fraction_cents)
}

/// The value of a non-empty string of ASCII digits, or `None` for anything else or on overflow.
fn digits(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0_u64, |value, byte| {
        let digit = char::from(byte).to_digit(10)?;
        value.checked_mul(10)?.checked_add(u64::from(digit))
    })
}
// ANCHOR_END: total_cents

// ANCHOR: bench_total_cents
/// Benchmarks `total_cents` on one line of LINE_PRICES prices, with criterion, as benchmark id
/// "total_cents". `total_cents` is the function to time: `benches/total_cents.rs` passes this
/// crate's [`total_cents`] (run it with `cargo bench -p benchmarking --bench total_cents`); the
/// grader passes other functions of the same signature too, and checks each figure.
pub fn bench_total_cents(c: &mut Criterion, total_cents: fn(&str) -> u64) {
    c.bench_function("total_cents", |b| {
        b.iter(|| {
            let line = make_line(2024, LINE_PRICES);
            total_cents(&line);
        });
    });
}
// ANCHOR_END: bench_total_cents
