//! Benchmark of `longest_unique_window` on sessions of 1000, 2000, 4000 and 8000 page views.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p big-o --bench longest_unique_window
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p big-o --bench longest_unique_window -- --save-baseline before
//! cargo bench -p big-o --bench longest_unique_window -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- longest_unique_window/8000`.

use big_o::longest_unique_window;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;

mod shared;

/// A session of `n` page views from a catalogue of n²/4096 pages (at least 2), the shape of
/// input the grader times: repeat-free stretches then grow in proportion to n (about n/50).
fn session(rng: &mut Rng, n: usize) -> Vec<u32> {
    let catalogue = (n * n / 4096).max(2) as u32;
    (0..n).map(|_| rng.u32(..catalogue)).collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("longest_unique_window");
    for n in shared::SIZES {
        // Built once, outside the timed loop: only `longest_unique_window` is measured.
        let pages = session(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &pages, |b, pages| {
            b.iter(|| black_box(longest_unique_window(black_box(pages))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
