//! The exercise's correctness tests, run against the reference solution:
//! `cargo test -p benchmarking-solution`.
//!
//! The tests live in `exercises/benchmarking/tests/benchmarking.rs` and call `benchmarking::…`;
//! here the name `benchmarking` is given to this crate, so the very same file checks the
//! solution, its `findings.toml` included.

extern crate benchmarking_solution as benchmarking;

#[path = "../../../exercises/benchmarking/tests/benchmarking.rs"]
mod exercise_tests;

/// The reference answers every question: a blank answer here would be a measurement not taken.
#[test]
fn the_reference_findings_are_answered() {
    let findings: toml::Table = toml::from_str(benchmarking::FINDINGS).unwrap();
    assert_ne!(findings["faster_at_small_n"].as_str(), Some(""));
    assert_ne!(findings["faster_at_large_n"].as_str(), Some(""));
    let crossover = findings["crossover_n"].as_integer().unwrap();
    assert!((4..=4096).contains(&crossover), "crossover_n = {crossover}");
}
