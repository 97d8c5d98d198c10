//! Benchmark of `calibrate` at a quarter, a half and all of the graded size:
//! `cargo bench -p everyday-speed --bench calibrate`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use everyday_speed::calibrate;
use fastrand::Rng;
use std::hint::black_box;

mod inputs;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("calibrate");
    for n in [inputs::GRADED_SAMPLES / 4, inputs::GRADED_SAMPLES / 2, inputs::GRADED_SAMPLES] {
        // Built once, outside the timed loop: only `calibrate` is measured.
        let (samples, gains, offsets) = inputs::signal(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| calibrate(black_box(&samples), black_box(&gains), black_box(&offsets)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
