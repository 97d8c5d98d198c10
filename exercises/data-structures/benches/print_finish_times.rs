//! Benchmark of `print_finish_times` on a quarter, a half and all of 8,000 print jobs.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p data-structures --bench print_finish_times
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p data-structures --bench print_finish_times -- --save-baseline before
//! cargo bench -p data-structures --bench print_finish_times -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- print_finish_times/8000`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use data_structures::print_finish_times;
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("print_finish_times");
    for n in shared::sizes(inputs::PRINT_JOBS) {
        // Built once, outside the timed loop: only `print_finish_times` is measured.
        let (pages, per_turn) = inputs::print_jobs(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &pages, |b, pages| {
            b.iter(|| black_box(print_finish_times(black_box(pages), black_box(per_turn))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
