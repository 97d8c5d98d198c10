//! Benchmark of `top_words` on a quarter, a half and all of 20,000 words of prose.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p memory --bench top_words
//! ```
//!
//! To compare before and after a change, save a baseline, change the code, then compare:
//!
//! ```text
//! cargo bench -p memory --bench top_words -- --save-baseline before
//! cargo bench -p memory --bench top_words -- --baseline before
//! ```
//!
//! Add a filter after `--` to run one size only: `-- top_words/20000`. This measures time; for the
//! heap, run `cargo run --release -p memory --example heap_profile`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use memory::top_words;
use std::hint::black_box;

mod inputs;
mod shared;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("top_words");
    for n in shared::sizes(inputs::PROSE_WORDS) {
        // The text and k, built once, outside the timed loop: only the call is measured.
        let input = inputs::prose(&mut Rng::with_seed(n as u64), n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, (text, k)| {
            b.iter(|| black_box(top_words(black_box(text), black_box(*k))));
        });
    }
    group.finish();
}

criterion_group! { name = benches; config = shared::config(); targets = bench }
criterion_main!(benches);
