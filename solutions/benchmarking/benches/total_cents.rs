//! Runs `bench_total_cents` from the library: the benchmark of task 2, which the grader also
//! runs, and whose figure it checks against its own measurement of `total_cents`.
//!
//! ```text
//! cargo bench -p benchmarking-solution --bench total_cents
//! ```
//!
//! The benchmark itself is in `src/lib.rs`: the honest version.

use criterion::{criterion_group, criterion_main};

criterion_group!(benches, benchmarking_solution::bench_total_cents);
criterion_main!(benches);
