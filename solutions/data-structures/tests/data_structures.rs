//! The exercise's correctness tests, run against the reference solution:
//! `cargo test -p data-structures-solution`.
//!
//! The tests live in `exercises/data-structures/tests/data_structures.rs` and call
//! `data_structures::…`; here the name `data_structures` is given to this crate, so the very
//! same file checks the solution.

extern crate data_structures_solution as data_structures;

#[path = "../../../exercises/data-structures/tests/data_structures.rs"]
mod exercise_tests;
