//! What the four benchmarks share: the sizes they measure and Criterion's settings. The
//! inputs themselves come from `inputs/mod.rs`.
//!
//! A directory's `mod.rs` is not a benchmark of its own; each bench file pulls this in with
//! `mod shared;`.

use criterion::Criterion;
use std::time::Duration;

/// An eighth, a quarter, a half and all of `n`, the size the grader times: with
/// `Throughput::Elements(n)`, Criterion reports elements per second, which stays about flat for
/// O(n) code and halves at every doubling for O(n²) code.
pub fn sizes(n: usize) -> [usize; 4] {
    [n / 8, n / 4, n / 2, n]
}

/// Few samples and short measurements, so that `cargo bench -p big-o` takes a couple of minutes
/// even on the quadratic starter. Command-line options such as `--measurement-time 10` or
/// `--sample-size 50` override these.
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}
