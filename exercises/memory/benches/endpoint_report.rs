//! Benchmark of `endpoint_report` on a quarter, a half and all of 20,000 lines of access log.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p memory --bench endpoint_report
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p memory --bench endpoint_report -- --save-baseline before
//! cargo bench -p memory --bench endpoint_report -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- endpoint_report/20000`. This measures time; for the
//! heap, run `cargo run --release -p memory --example heap_profile`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use memory::endpoint_report;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("endpoint_report");
    for n in shared::sizes(inputs::LOG_LINES_TIMED) {
        // The log, built once, outside the timed loop: only the call is measured.
        let input = inputs::access_log(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, log| {
            b.iter(|| black_box(endpoint_report(black_box(log.as_bytes()))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
