//! Benchmark of `common_customers` on two lists of 1000, 2000, 4000 and 8000 customers each.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p big-o --bench common_customers
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p big-o --bench common_customers -- --save-baseline before
//! cargo bench -p big-o --bench common_customers -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- common_customers/8000`.

use big_o::common_customers;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("common_customers");
    for n in shared::sizes(inputs::CUSTOMERS) {
        // Built once, outside the timed loop: only `common_customers` is measured.
        let (a, b) = inputs::campaigns(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &(a, b), |bencher, (a, b)| {
            bencher.iter(|| black_box(common_customers(black_box(a), black_box(b))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
