//! Benchmark of `smooth` at a quarter, a half and all of the graded size:
//! `cargo bench -p everyday-speed --bench smooth`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use everyday_speed::smooth;
use fastrand::Rng;
use std::hint::black_box;

mod inputs;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("smooth");
    for n in [
        inputs::GRADED_VALUES / 4,
        inputs::GRADED_VALUES / 2,
        inputs::GRADED_VALUES,
    ] {
        // Built once, outside the timed loop: only `smooth` is measured.
        let (samples, weights) = inputs::signal(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| smooth(black_box(&samples), black_box(&weights)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
