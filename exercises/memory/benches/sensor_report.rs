//! Benchmark of `load_readings` then `sensor_report` (as the grader calls them) on a quarter, a half and
//! all of 20,000 sensor readings.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p memory --bench sensor_report
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p memory --bench sensor_report -- --save-baseline before
//! cargo bench -p memory --bench sensor_report -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- sensor_report/20000`. This measures time; for the
//! heap, run `cargo run --release -p memory --example heap_profile`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use memory::{load_readings, sensor_report};
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("sensor_report");
    for n in shared::sizes(inputs::READINGS_TIMED) {
        // The CSV, built once, outside the timed loop: only the call is measured.
        let input = inputs::sensor_csv(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, csv| {
            b.iter(|| black_box(sensor_report(&load_readings(black_box(csv)))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
