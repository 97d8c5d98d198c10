//! Benchmark of `SharedPriceCache`: 4 threads share a fresh cache in front of a fresh
//! `SimulatedBackend` that sleeps 200 µs per fetch, each thread asking for its quarter of 1,000
//! lookups of popular skus: the input the grader times (see `inputs/mod.rs`). The threads overlap only when
//! one thread's wait for the backend does not hold up the others.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p caching --bench shared_cache
//! ```

use caching::{SharedPriceCache, SimulatedBackend};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;

mod inputs;
mod shared;

use inputs::shared::{LATENCY, N, THREADS, lookups};

/// The threads' answers, summed.
fn serve(skus: &[u32]) -> u64 {
    let backend = SimulatedBackend::sleeping(LATENCY);
    let cache = SharedPriceCache::new(&backend);
    let cache = &cache;
    std::thread::scope(|scope| {
        let handles: Vec<_> = skus
            .chunks(skus.len().div_ceil(THREADS))
            .map(|slice| scope.spawn(move || slice.iter().map(|&sku| cache.price(sku)).sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().expect("no panic")).sum()
    })
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("shared_cache");
    // A starter's run takes about 75 ms: time each iteration on its own.
    group.sampling_mode(SamplingMode::Flat);
    let skus = lookups(&mut Rng::with_seed(1), N);
    group.throughput(Throughput::Elements(N as u64));
    group.bench_with_input(BenchmarkId::from_parameter(N), &skus, |b, skus| {
        b.iter(|| serve(black_box(skus)));
    });
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
