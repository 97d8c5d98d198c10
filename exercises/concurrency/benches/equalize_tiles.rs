//! Benchmark of `equalize_tiles` on a quarter, a half and all of the 1,600 tiles of 64 × 64
//! pixels the grader times (see `inputs/mod.rs`).
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p concurrency --bench equalize_tiles
//! ```
//!
//! Criterion reports wall-clock time: with the tiles spread over P cores, expect close to P
//! times less than the starter (on a quiet machine: another busy process takes cores away).
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p concurrency --bench equalize_tiles -- --save-baseline before
//! cargo bench -p concurrency --bench equalize_tiles -- --baseline before
//! ```

use concurrency::equalize_tiles;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

use inputs::tiles::{N, image};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("equalize_tiles");
    for n in shared::sizes(N) {
        // Built once, outside the timed loop: only `equalize_tiles` is measured.
        let tiles = image(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &tiles, |b, tiles| {
            b.iter(|| black_box(equalize_tiles(black_box(tiles))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
