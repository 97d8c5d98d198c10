//! # Benchmarking: reference solution
//!
//! The same API as `exercises/benchmarking`. The two lookup functions, `make_line` and
//! `total_cents` are the starter's, unchanged: this chapter's tasks are about measuring them.
//! What differs:
//!
//! - `findings.toml` holds the conclusions measured with `benches/lookup.rs` (complete here);
//! - [`bench_total_cents`] is honest: it times `total_cents` and nothing else.

use criterion::Criterion;
use std::collections::HashSet;
use std::hint::black_box;

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
/// Pure: no panics, no I/O, nothing but the returned value, so an optimizer is free to delete a
/// call whose result is unused.
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
/// crate's [`total_cents`] (run it with `cargo bench -p benchmarking-solution --bench
/// total_cents`); the grader passes other functions of the same signature too, and checks each
/// figure.
pub fn bench_total_cents(c: &mut Criterion, total_cents: fn(&str) -> u64) {
    // Made once, before any clock starts: the benchmark times `total_cents`, not `make_line`.
    let line = make_line(2024, LINE_PRICES);
    c.bench_function("total_cents", |b| {
        // `black_box` on the way in: the optimizer may not assume it knows the line, and so
        // cannot compute the total once for all the calls. On the way out: it may not delete
        // a call whose result it sees unused.
        b.iter(|| black_box(total_cents(black_box(&line))));
    });
}
// ANCHOR_END: bench_total_cents
