//! Benchmark of `count_distinct` at a quarter, a half and all of the graded size:
//! `cargo bench -p everyday-speed --bench count_distinct`.

use everyday_speed::count_distinct;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;

mod inputs;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("count_distinct");
    for n in [inputs::GRADED_N / 4, inputs::GRADED_N / 2, inputs::GRADED_N] {
        // Built once, outside the timed loop: only `count_distinct` is measured.
        let values = inputs::values(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &values, |b, values| {
            b.iter(|| black_box(count_distinct(black_box(values))));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
