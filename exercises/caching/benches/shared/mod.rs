//! What the three benchmarks share: Criterion's settings, and the popularity law of the skus.
//!
//! A directory's `mod.rs` is not a benchmark of its own; each bench file pulls this in with
//! `mod shared;`.

#![allow(dead_code)] // each benchmark uses its own part of this module

use criterion::Criterion;
use fastrand::Rng;
use std::time::Duration;

/// Few samples and short measurements, so that `cargo bench -p caching` takes a minute or two
/// even on the slow starter. Command-line options such as `--measurement-time 10` or
/// `--sample-size 50` override these.
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

/// `n` skus, drawn from a catalogue of `catalogue` products with a Zipf law of exponent `s`:
/// the product ranked r is asked for in proportion to 1 / (r + 1)^s. The skus are scattered
/// over 10,000 to 99,999, as the grader's are.
pub fn zipf_skus(rng: &mut Rng, catalogue: usize, s: f64, n: usize) -> Vec<u32> {
    let cumulative: Vec<f64> = (1..=catalogue)
        .scan(0.0, |total, r| {
            *total += 1.0 / (r as f64).powf(s);
            Some(*total)
        })
        .collect();
    let total = cumulative[catalogue - 1];
    (0..n)
        .map(|_| {
            let rank = cumulative
                .partition_point(|&c| c <= rng.f64() * total)
                .min(catalogue - 1);
            10_000 + (rank as u32).wrapping_mul(7_919) % 90_000
        })
        .collect()
}
