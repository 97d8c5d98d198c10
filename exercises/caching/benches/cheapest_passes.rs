//! Benchmark of `cheapest_passes` on travellers with 2,000 travel days in all, each with the
//! prices of their own city: the shape of input the grader times.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p caching --bench cheapest_passes
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p caching --bench cheapest_passes -- --save-baseline before
//! cargo bench -p caching --bench cheapest_passes -- --baseline before
//! ```

use caching::cheapest_passes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;

mod shared;

/// Travel days in all, the size the grader times.
const N: usize = 2_000;

/// How many calls the starter's recursion makes for `days` (ascending, distinct).
fn starter_calls(days: &[u32]) -> u64 {
    let mut calls = vec![1_u64; days.len() + 1];
    for i in (0..days.len()).rev() {
        calls[i] = [1, 7, 30].iter().fold(1_u64, |total, &length| {
            let next = i + days[i..].partition_point(|&d| u64::from(d) < u64::from(days[i]) + length);
            total.saturating_add(calls[next])
        });
    }
    calls[0]
}

/// Travellers with `n` travel days in all: each travels on some weekdays of a year, cut where
/// the starter's recursion would pass 50,000 to 100,000 calls (about 0.1 ms), as the grader
/// cuts its travellers; prices around a day pass of $1.50 to $4.50.
fn travellers(rng: &mut Rng, n: usize) -> Vec<(Vec<u32>, [u64; 3])> {
    let mut out = Vec::new();
    let mut left = n;
    while left > 0 {
        let first = rng.u32(19_000..21_000);
        let rate = rng.f64() * 0.8 + 0.1;
        let year: Vec<u32> = (first..first + 365)
            .filter(|d| d % 7 < 5 && rng.f64() < rate)
            .collect();
        let budget = rng.u64(50_000..=100_000);
        let mut take = 0;
        while take < year.len() && take < left && starter_calls(&year[..=take]) <= budget {
            take += 1;
        }
        if take == 0 {
            continue;
        }
        left -= take;
        let day = rng.u64(150..=450);
        let prices = [day, day * rng.u64(3..=6), day * rng.u64(8..=18)];
        out.push((year[..take].to_vec(), prices));
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("cheapest_passes");
    // Built once, outside the timed loop: only `cheapest_passes` is measured.
    let input = travellers(&mut Rng::with_seed(1), N);
    group.throughput(Throughput::Elements(input.len() as u64));
    group.bench_function(format!("{} travellers, {N} days", input.len()), |b| {
        b.iter(|| {
            input
                .iter()
                .map(|(days, prices)| cheapest_passes(black_box(days), black_box(prices)))
                .sum::<u64>()
        });
    });
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
