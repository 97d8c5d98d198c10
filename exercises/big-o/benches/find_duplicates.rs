//! Benchmark of `find_duplicates` on 1000, 2000, 4000 and 8000 order IDs.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p big-o --bench find_duplicates
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p big-o --bench find_duplicates -- --save-baseline before
//! cargo bench -p big-o --bench find_duplicates -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- find_duplicates/8000`.

use big_o::find_duplicates;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("find_duplicates");
    for n in shared::sizes(inputs::ORDER_IDS) {
        // Built once, outside the timed loop: only `find_duplicates` is measured.
        let ids = inputs::order_ids(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &ids, |b, ids| {
            b.iter(|| black_box(find_duplicates(black_box(ids))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
