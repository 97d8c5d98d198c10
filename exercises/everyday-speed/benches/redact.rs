//! Benchmark of `redact_log` on a log of the graded size:
//! `cargo bench -p everyday-speed --bench redact`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use everyday_speed::redact_log;
use fastrand::Rng;
use std::hint::black_box;

mod inputs;

fn bench(c: &mut Criterion) {
    let n = inputs::GRADED_LINES;
    // Built once, outside the timed loop: only `redact_log` is measured.
    let (log, secrets) = inputs::server_log(&mut Rng::with_seed(n as u64), n);
    let mut group = c.benchmark_group("redact");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("redact_log", |b| {
        b.iter(|| redact_log(black_box(&log), black_box(&secrets)));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
