//! Benchmark of `triage_order` on a quarter, a half and all of a 12,000-event shift.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p data-structures --bench triage_order
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p data-structures --bench triage_order -- --save-baseline before
//! cargo bench -p data-structures --bench triage_order -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- triage_order/12000`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use data_structures::triage_order;
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("triage_order");
    for n in shared::sizes(inputs::SHIFT_EVENTS) {
        // Built once, outside the timed loop: only `triage_order` is measured.
        let events = inputs::shift(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &events, |b, events| {
            b.iter(|| black_box(triage_order(black_box(events))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
