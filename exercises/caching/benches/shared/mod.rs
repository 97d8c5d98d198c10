//! What the three benchmarks share: Criterion's settings (their inputs are in `inputs/mod.rs`).
//!
//! A directory's `mod.rs` is not a benchmark of its own; each bench file pulls this in with
//! `mod shared;`.

use criterion::Criterion;
use std::time::Duration;

/// Few samples and short measurements, so that `cargo bench -p caching` takes a minute or two
/// even on the slow starter. Command-line options such as `--measurement-time 10` or
/// `--sample-size 50` override these.
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}
