//! A tour of Criterion on a job everyone knows: sorting a `Vec<u64>`. Three benchmarks of the
//! same `sort_unstable`, two of them subtly wrong, so that you can see by how much.
//!
//! ```text
//! cargo bench -p benchmarking --bench tour
//! ```
//!
//! Not part of the exercise: the book's page on Criterion walks through it.

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;
use std::time::Duration;

// ANCHOR: unsorted
/// `n` random values: an input that `sort_unstable` has real work to do on.
fn unsorted(rng: &mut Rng, n: usize) -> Vec<u64> {
    (0..n).map(|_| rng.u64(..)).collect()
}
// ANCHOR_END: unsorted

// ANCHOR: sort
fn sort(c: &mut Criterion) {
    let mut group = c.benchmark_group("sort");
    for n in [1_000, 100_000] {
        // Criterion divides by this to report elements per second, beside the time per call.
        group.throughput(Throughput::Elements(n as u64));
        let data = unsorted(&mut Rng::with_seed(n as u64), n);

        // Wrong: after the first call, `v` is sorted, and every later call times sorting a
        // sorted slice, which `sort_unstable` notices and finishes in one pass.
        let mut v = data.clone();
        group.bench_function(BenchmarkId::new("sorted-in-place", n), |b| {
            b.iter(|| v.sort_unstable());
        });

        // Closer, but the copy is inside the timed region: this times `clone` plus the sort.
        group.bench_with_input(BenchmarkId::new("clone-inside", n), &data, |b, data| {
            b.iter(|| {
                let mut v = data.clone();
                v.sort_unstable();
                v
            });
        });

        // Right: `iter_batched` calls the setup (here a fresh random input) for every call of
        // the routine, but stops the clock while it runs. Only the sort is timed.
        let mut rng = Rng::with_seed(1);
        group.bench_function(BenchmarkId::new("batched", n), |b| {
            b.iter_batched(
                || unsorted(&mut rng, n),
                |mut v| {
                    v.sort_unstable();
                    black_box(v)
                },
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}
// ANCHOR_END: sort

// ANCHOR: config
/// Criterion's defaults (3 s of warm-up, 5 s of measurement, 100 samples) made shorter. Options
/// on the command line, such as `-- --measurement-time 10`, override these.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(50)
}

criterion_group! { name = benches; config = config(); targets = sort }
criterion_main!(benches);
// ANCHOR_END: config
