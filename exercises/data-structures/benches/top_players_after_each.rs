//! Benchmark of `top_players_after_each` on a quarter, a half and all of 1,500 score updates,
//! each time by about a quarter as many players, with a board of five.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p data-structures --bench top_players_after_each
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p data-structures --bench top_players_after_each -- --save-baseline before
//! cargo bench -p data-structures --bench top_players_after_each -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- top_players_after_each/1500`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use data_structures::top_players_after_each;
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("top_players_after_each");
    for n in shared::sizes(inputs::SCORE_UPDATES) {
        // Built once, outside the timed loop: only `top_players_after_each` is measured.
        let (updates, k) = inputs::score_updates(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &updates, |b, updates| {
            b.iter(|| black_box(top_players_after_each(black_box(updates), black_box(k))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
