//! Benchmark of `accept_bookings` on a quarter, a half and all of 8,000 booking requests.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p data-structures --bench accept_bookings
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p data-structures --bench accept_bookings -- --save-baseline before
//! cargo bench -p data-structures --bench accept_bookings -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- accept_bookings/8000`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use data_structures::accept_bookings;
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("accept_bookings");
    for n in shared::sizes(inputs::BOOKING_REQUESTS) {
        // Built once, outside the timed loop: only `accept_bookings` is measured.
        let requests = inputs::booking_requests(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &requests, |b, requests| {
            b.iter(|| black_box(accept_bookings(black_box(requests))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
