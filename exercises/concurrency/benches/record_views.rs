//! Benchmark of `ViewCounter::record` under contention: 4 threads record a quarter, a half
//! and all of the 100,000 page views the grader uses, 60% of them on 4 hot pages.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p concurrency --bench record_views
//! ```
//!
//! Each iteration builds a fresh counter (outside the clock), then times the 4 threads from
//! spawn to join, as the grader does. The benchmark does not check the totals: a fast counter
//! that loses views is easy to write. `cargo test` (and a stress test of your own) checks that.

use concurrency::ViewCounter;
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::thread;

mod shared;

/// The size the grader uses, in page views.
const N: usize = 100_000;

/// Threads recording at once.
const THREADS: usize = 4;

/// 64 pages (ids 1,000 to 1,063), and `n` views: 60% on the 4 hot pages, 1% on pages the
/// counter does not know.
fn traffic(rng: &mut Rng, n: usize) -> (Vec<u32>, Vec<u32>) {
    let pages: Vec<u32> = (1_000..1_064).collect();
    let trace = (0..n)
        .map(|_| match rng.u8(..100) {
            0 => 200_000 + rng.u32(..10),
            1..=60 => pages[rng.usize(..4)],
            _ => pages[rng.usize(..64)],
        })
        .collect();
    (pages, trace)
}

/// Records `trace` into `counter` from [`THREADS`] threads, a contiguous share each.
fn record_all(counter: &ViewCounter, trace: &[u32]) {
    thread::scope(|s| {
        for share in trace.chunks(trace.len().div_ceil(THREADS).max(1)) {
            s.spawn(move || {
                for &page in share {
                    counter.record(page);
                }
            });
        }
    });
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("record_views");
    for n in shared::sizes(N) {
        let (pages, trace) = traffic(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &trace, |b, trace| {
            b.iter_batched(
                || ViewCounter::new(&pages),
                |counter| {
                    record_all(&counter, trace);
                    counter
                },
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
