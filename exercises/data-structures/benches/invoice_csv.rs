//! Benchmark of `invoice_csv` on a quarter, a half and all of 8,000 invoices.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p data-structures --bench invoice_csv
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p data-structures --bench invoice_csv -- --save-baseline before
//! cargo bench -p data-structures --bench invoice_csv -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- invoice_csv/8000`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use data_structures::invoice_csv;
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("invoice_csv");
    for n in shared::sizes(inputs::INVOICES) {
        // Built once, outside the timed loop: only `invoice_csv` is measured.
        let rows = inputs::invoices(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &rows, |b, rows| {
            b.iter(|| black_box(invoice_csv(black_box(rows))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
