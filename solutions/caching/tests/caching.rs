//! The exercise's correctness tests, run against the reference solution:
//! `cargo test -p caching-solution`.
//!
//! The tests live in `exercises/caching/tests/caching.rs` and call `caching::…`; here the name
//! `caching` is given to this crate, so the very same file checks the solution.

extern crate caching_solution as caching;

#[path = "../../../exercises/caching/tests/caching.rs"]
mod exercise_tests;
