//! Benchmark of `blocked_payments` on a quarter, a half and all of 16,000 payments, each time
//! with a blocklist a quarter as long.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p data-structures --bench blocked_payments
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p data-structures --bench blocked_payments -- --save-baseline before
//! cargo bench -p data-structures --bench blocked_payments -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- blocked_payments/16000`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use data_structures::blocked_payments;
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("blocked_payments");
    for n in shared::sizes(inputs::PAYMENTS) {
        // Built once, outside the timed loop: only `blocked_payments` is measured.
        let input = inputs::payments(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, (cards, blocklist)| {
            b.iter(|| black_box(blocked_payments(black_box(cards), black_box(blocklist))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
