//! The exercise's correctness tests, run against the reference solution:
//! `cargo test -p profiling-solution`.
//!
//! The tests live in `exercises/profiling/tests/pipeline.rs` and call `profiling::…`; here the
//! name `profiling` is given to this crate, so the very same file checks the solution.

extern crate profiling_solution as profiling;

#[path = "../../../exercises/profiling/tests/pipeline.rs"]
mod exercise_tests;
