//! Benchmark of `count_pairs_with_sum` on 1000, 2000, 4000 and 8000 payments.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p big-o --bench count_pairs_with_sum
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p big-o --bench count_pairs_with_sum -- --save-baseline before
//! cargo bench -p big-o --bench count_pairs_with_sum -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- count_pairs_with_sum/8000`.

use big_o::count_pairs_with_sum;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("count_pairs_with_sum");
    for n in shared::sizes(inputs::PAYMENTS) {
        // Built once, outside the timed loop: only `count_pairs_with_sum` is measured.
        let (amounts, target) = inputs::payments(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &amounts, |b, amounts| {
            b.iter(|| black_box(count_pairs_with_sum(black_box(amounts), black_box(target))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
