//! The inputs that the benchmarks measure and the grader grades, defined once: the grader reads
//! a frozen copy of this file, so `cargo bench` measures the shapes of input that are graded.

use fastrand::Rng;

/// The size the grader times (the manifest's `n`).
pub const GRADED_N: usize = 8000;

/// `n` values drawn from a range of a billion.
pub fn values(rng: &mut Rng, n: usize) -> Vec<u64> {
    (0..n).map(|_| rng.u64(..1_000_000_000)).collect()
}
