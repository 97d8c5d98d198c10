//! Benchmark of `cheapest_passes` on travellers with 2,000 travel days in all, each with the
//! prices of their own city: the input the grader times (see `inputs/mod.rs`).
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

mod inputs;
mod shared;

use inputs::passes::{N, travellers};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("cheapest_passes");
    // Built once, outside the timed loop: only `cheapest_passes` is measured.
    let input = travellers(&mut Rng::with_seed(1), N);
    group.throughput(Throughput::Elements(input.len() as u64));
    group.bench_function(format!("{} travellers, {N} days", input.len()), |b| {
        b.iter(|| {
            input
                .iter()
                .map(|t| cheapest_passes(black_box(&t.days), black_box(&t.prices)))
                .sum::<u64>()
        });
    });
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
