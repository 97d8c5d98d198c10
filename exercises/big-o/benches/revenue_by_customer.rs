//! Benchmark of `revenue_by_customer` on 1000, 2000, 4000 and 8000 orders, each time from as
//! many customers.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p big-o --bench revenue_by_customer
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p big-o --bench revenue_by_customer -- --save-baseline before
//! cargo bench -p big-o --bench revenue_by_customer -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- revenue_by_customer/8000`.

use big_o::{Customer, Order, revenue_by_customer};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("revenue_by_customer");
    for n in shared::sizes(inputs::ORDERS) {
        // Built once, outside the timed loop: only `revenue_by_customer` is measured.
        let (customers, orders) = inputs::order_book(&mut Rng::with_seed(n as u64), n);
        let customers: Vec<Customer> = customers
            .into_iter()
            .map(|(id, name)| Customer { id, name })
            .collect();
        let orders: Vec<Order> = orders
            .into_iter()
            .map(|(customer_id, cents)| Order { customer_id, cents })
            .collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(n),
            &(customers, orders),
            |b, (customers, orders)| {
                b.iter(|| black_box(revenue_by_customer(black_box(customers), black_box(orders))));
            },
        );
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
