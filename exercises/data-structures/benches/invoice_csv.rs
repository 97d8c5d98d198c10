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

mod shared;

/// The size the grader times.
const N: usize = 8_000;

/// `n` invoices: five-digit member numbers, amounts from $15 to $2,500: the shape of input the
/// grader times.
fn invoices(rng: &mut Rng, n: usize) -> Vec<(u64, u64)> {
    (0..n)
        .map(|_| (rng.u64(10_000..100_000), rng.u64(1_500..=250_000)))
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("invoice_csv");
    for n in shared::sizes(N) {
        // Built once, outside the timed loop: only `invoice_csv` is measured.
        let rows = invoices(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &rows, |b, rows| {
            b.iter(|| black_box(invoice_csv(black_box(rows))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
