//! The benchmarking chapter's tasks. Both are graded on measurements the grader makes itself:
//! `crossover` compares the learner's recorded findings with the measured crossover of two
//! lookups, `honest-benchmark` compares the learner's criterion figure with the true time.

pub mod crossover;
pub mod honest;

/// The inputs the tasks are graded on, and their sizes: the frozen copy of the exercise's
/// `benches/inputs/mod.rs`, which its benchmarks use too.
#[path = "../../../starters/benchmarking/benches/inputs/mod.rs"]
pub mod inputs;

use std::process::ExitCode;

/// The system allocator, declared here so that a subject crate cannot declare one of its own
/// (a slow one, to move the crossover of the timed lookups, or to change what a benchmark's
/// setup costs): such a crate fails to build against the harness, with rustc's "conflicts with
/// global allocator".
#[global_allocator]
static ALLOC: std::alloc::System = std::alloc::System;

grader_kit::subject_api! {
    crate benchmarking_harness;
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
        fn bench_total_cents(c: &mut criterion::Criterion, total_cents: fn(&str) -> u64) -> ();
    }
}

forward_api!(Starter => benchmarking_starter);

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let crossover = crossover::CrossoverTask::<S>::new();
    let honest = honest::HonestBenchmarkTask::<S>::new();
    grader_kit::harness::main(&[&crossover, &honest])
}
