//! Which is faster, `count_known_linear` or `count_known_hashed`, and from which size of
//! `known` on? This benchmark is yours to complete: as given, it measures one function at one
//! size, which answers nothing. See "Your turn" below.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p benchmarking --bench lookup
//! ```
//!
//! Add a filter after `--` to run some of it only: `-- lookup/linear` or `-- lookup/hashed/64`.
//! Then write your conclusions in `exercises/benchmarking/findings.toml`.

use benchmarking::{QUERIES, count_known_linear};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;
use std::time::Duration;

// ANCHOR: inputs
/// The sizes of `known` to compare (4, 8, 16, …, 4096), and `lookup_inputs(rng, n, QUERIES)`:
/// `n` distinct known IDs and QUERIES queries, half of them known, in random order. The shape
/// of input the grader times, defined in `benches/inputs/mod.rs`.
mod inputs;
use inputs::{SIZES, lookup_inputs};
// ANCHOR_END: inputs

// ANCHOR: group
fn lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookup");
    // Every call answers QUERIES queries: Criterion also reports queries per second.
    group.throughput(Throughput::Elements(QUERIES as u64));
    let mut rng = Rng::with_seed(1);

    let n = SIZES[0];
    group.bench_function(BenchmarkId::new("linear", n), |b| {
        // A fresh input for every call, made before the clock starts: only the count is timed,
        // and the CPU cannot learn one input by heart.
        b.iter_batched_ref(
            || lookup_inputs(&mut rng, n, QUERIES),
            |(known, queries)| count_known_linear(black_box(known), black_box(queries)),
            BatchSize::SmallInput,
        );
    });

    // Your turn. One function at one size answers nothing. Make this measure both functions
    // at every size in SIZES:
    //
    // 1. Loop over SIZES, and move the benchmark above into the loop.
    // 2. Next to it, benchmark `count_known_hashed` the same way, as
    //    `BenchmarkId::new("hashed", n)` (import it from `benchmarking` at the top).
    // 3. Run it, and for each n compare the two times: which is faster, and from which n on?

    group.finish();
}
// ANCHOR_END: group

/// Short measurements: 22 benchmarks once the group is complete, in about a minute.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(1))
        .sample_size(50)
}

criterion_group! { name = benches; config = config(); targets = lookup }
criterion_main!(benches);
