//! The benchmarking chapter's tasks. Both are graded on measurements the grader makes itself:
//! `crossover` compares the learner's recorded findings with the measured crossover of two
//! lookups, `honest-benchmark` compares the learner's criterion figure with the true time.

pub mod crossover;
pub mod honest;

use std::process::ExitCode;

/// The system allocator, declared here so that a subject crate cannot declare one of its own
/// (a slow one, to move the crossover of the timed lookups, or to change what a benchmark's
/// setup costs): such a crate fails to build against the harness, with rustc's "conflicts with
/// global allocator".
#[global_allocator]
static ALLOC: std::alloc::System = std::alloc::System;

/// The chapter's public API, exactly as the exercise declares it.
pub trait Api {
    /// The crate's `findings.toml`.
    const FINDINGS: &'static str;
    /// See `benchmarking::count_known_linear`.
    fn count_known_linear(known: &[u32], queries: &[u32]) -> usize;
    /// See `benchmarking::count_known_hashed`.
    fn count_known_hashed(known: &[u32], queries: &[u32]) -> usize;
    /// See `benchmarking::make_line`.
    fn make_line(seed: u64, prices: usize) -> String;
    /// See `benchmarking::total_cents`.
    fn total_cents(line: &str) -> u64;
    /// See `benchmarking::bench_total_cents`.
    fn bench_total_cents(c: &mut criterion::Criterion, total_cents: fn(&str) -> u64);
}

/// Implements [`Api`] for a new marker type by calling a crate with the chapter's API.
#[macro_export]
macro_rules! forward_api {
    ($marker:ident => $krate:ident) => {
        /// The subject these tasks grade.
        #[derive(Debug)]
        pub struct $marker;
        impl $crate::Api for $marker {
            const FINDINGS: &'static str = $krate::FINDINGS;
            fn count_known_linear(known: &[u32], queries: &[u32]) -> usize {
                $krate::count_known_linear(known, queries)
            }
            fn count_known_hashed(known: &[u32], queries: &[u32]) -> usize {
                $krate::count_known_hashed(known, queries)
            }
            fn make_line(seed: u64, prices: usize) -> String {
                $krate::make_line(seed, prices)
            }
            fn total_cents(line: &str) -> u64 {
                $krate::total_cents(line)
            }
            fn bench_total_cents(c: &mut criterion::Criterion, total_cents: fn(&str) -> u64) {
                $krate::bench_total_cents(c, total_cents)
            }
        }
    };
}

forward_api!(Starter => benchmarking_starter);

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let crossover = crossover::CrossoverTask::<S>::new();
    let honest = honest::HonestBenchmarkTask::<S>::new();
    grader_kit::harness::main(&[&crossover, &honest])
}
