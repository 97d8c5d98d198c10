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

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("longest_unique_window");
    for n in shared::sizes(inputs::PAGE_VIEWS) {
        // Built once, outside the timed loop: only `longest_unique_window` is measured.
        let pages = inputs::session(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &pages, |b, pages| {
            b.iter(|| black_box(longest_unique_window(black_box(pages))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
