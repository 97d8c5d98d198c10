//! The exercise's correctness tests, run against the reference solution:
//! `cargo test -p big-o-solution`.
//!
//! The tests live in `exercises/big-o/tests/big_o.rs` and call `big_o::…`; here the name
//! `big_o` is given to this crate, so the very same file checks the solution.

extern crate big_o_solution as big_o;

#[path = "../../../exercises/big-o/tests/big_o.rs"]
mod exercise_tests;
