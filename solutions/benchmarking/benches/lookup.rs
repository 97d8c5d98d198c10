//! Which is faster, `count_known_linear` or `count_known_hashed`, and from which size of
//! `known` on? The completed benchmark: both functions at every size.
//!
//! Run it with:
//!
//! ```text
//! cargo bench -p benchmarking-solution --bench lookup
//! ```
//!
//! Add a filter after `--` to run some of it only: `-- lookup/linear` or `-- lookup/hashed/64`.
//! The conclusions drawn from it are in `solutions/benchmarking/findings.toml`.

use benchmarking_solution::{QUERIES, count_known_hashed, count_known_linear};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use fastrand::Rng;
use std::hint::black_box;
use std::time::Duration;

// ANCHOR: inputs
/// The sizes of `known` to compare (4, 8, 16, …, 4096), and `lookup_inputs(rng, n, QUERIES)`:
/// the shape of input the grader times, from the frozen copy of the exercise's inputs module.
#[path = "../../../grader/starters/benchmarking/benches/inputs/mod.rs"]
mod inputs;
use inputs::{SIZES, lookup_inputs};
// ANCHOR_END: inputs

// ANCHOR: group
/// One of the two functions being compared.
type Contender = fn(&[u32], &[u32]) -> usize;

fn lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookup");
    // Every call answers QUERIES queries: Criterion also reports queries per second.
    group.throughput(Throughput::Elements(QUERIES as u64));
    let mut rng = Rng::with_seed(1);
    let contenders: [(&str, Contender); 2] = [("linear", count_known_linear), ("hashed", count_known_hashed)];
    for n in SIZES {
        for (name, count_known) in contenders {
            group.bench_function(BenchmarkId::new(name, n), |b| {
                // A fresh input for every call, made before the clock starts: only the count is
                // timed, and the CPU cannot learn one input by heart.
                b.iter_batched_ref(
                    || lookup_inputs(&mut rng, n, QUERIES),
                    |(known, queries)| count_known(black_box(known), black_box(queries)),
                    BatchSize::SmallInput,
                );
            });
        }
    }
    group.finish();
}
// ANCHOR_END: group

/// Short measurements: 22 benchmarks in a minute or two.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(1))
        .sample_size(50)
}

criterion_group! { name = benches; config = config(); targets = lookup }
criterion_main!(benches);
