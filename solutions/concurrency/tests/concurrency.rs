//! The exercise's correctness tests, run against the reference solution:
//! `cargo test -p concurrency-solution`.
//!
//! The tests live in `exercises/concurrency/tests/concurrency.rs` and call `concurrency::…`;
//! here the name `concurrency` is given to this crate, so the very same file checks the
//! solution.

extern crate concurrency_solution as concurrency;

#[path = "../../../exercises/concurrency/tests/concurrency.rs"]
mod exercise_tests;
