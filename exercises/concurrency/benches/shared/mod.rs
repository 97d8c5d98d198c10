//! What the three benchmarks share: Criterion's settings and the sizes around the graded one
//! (the inputs themselves are in `inputs/mod.rs`).
//!
//! A directory's `mod.rs` is not a benchmark of its own; each bench file pulls this in with
//! `mod shared;`. Each benchmark measures its function at a quarter, a half and all of the size
//! the grader uses, with `Throughput::Elements(n)`.

use criterion::Criterion;
use std::time::Duration;

/// Few samples and short measurements, so that `cargo bench -p concurrency` takes a minute or
/// two even on the slow starter. Command-line options such as `--measurement-time 10` or
/// `--sample-size 50` override these.
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

/// A quarter, a half and all of `n`, the size the grader uses.
pub fn sizes(n: usize) -> [usize; 3] {
    [n / 4, n / 2, n]
}
