//! Benchmark of `org_answers` on a quarter, a half and all of an org chart of 2,000 employees (with a
//! quarter as many queries).
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p memory --bench org_answers
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p memory --bench org_answers -- --save-baseline before
//! cargo bench -p memory --bench org_answers -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- org_answers/2000`. On the starter, every
//! call leaks its whole chart (about 170 KB at 2,000 employees), and Criterion makes thousands
//! of calls: expect this benchmark's process to grow to 1.5–3 GB until the leak is fixed. This measures time; for the
//! heap, run `cargo run --release -p memory --example heap_profile`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use memory::org_answers;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("org_answers");
    for n in shared::sizes(inputs::EMPLOYEES) {
        // The chart's records and queries, built once, outside the timed loop: only the call is measured.
        let input = inputs::org_chart(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, (records, queries)| {
            b.iter(|| black_box(org_answers(black_box(records), black_box(queries))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
