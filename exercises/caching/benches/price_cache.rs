//! Benchmark of `PriceCache` on a trace of 5,000 operations, with a fresh cache of capacity 256
//! in front of a fresh `SimulatedBackend` of 20 µs per fetch each time: the input the grader
//! times (see `inputs/mod.rs`). The time is almost all backend calls: a cache that saves calls
//! saves time.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p caching --bench price_cache
//! ```

use caching::{PriceCache, SimulatedBackend};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;
use std::sync::Arc;

mod inputs;
mod shared;

use inputs::prices::{CAPACITY, LATENCY, N, Op, trace};

/// A fresh backend and cache through the trace, as the grader runs it; the sum of the answers.
fn serve(ops: &[Op]) -> u64 {
    let backend = Arc::new(SimulatedBackend::new(LATENCY));
    let cache = PriceCache::new(Arc::clone(&backend), CAPACITY);
    let mut total = 0;
    for &op in ops {
        match op {
            Op::Price(sku) => total += cache.price(sku),
            Op::Change(sku, price) => {
                backend.set_price(sku, price);
                cache.invalidate(sku);
            }
        }
    }
    total
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("price_cache");
    // A starter's trace takes about 0.1 s: time each iteration on its own.
    group.sampling_mode(SamplingMode::Flat);
    let ops = trace(&mut Rng::with_seed(1), N);
    group.throughput(Throughput::Elements(N as u64));
    group.bench_with_input(BenchmarkId::from_parameter(N), &ops, |b, ops| {
        b.iter(|| serve(black_box(ops)));
    });
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
