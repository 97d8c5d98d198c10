//! The exercise's correctness tests, run against the reference solution:
//! `cargo test -p memory-solution`.
//!
//! The tests live in `exercises/memory/tests/memory.rs` and call `memory::…`; here the name
//! `memory` is given to this crate, so the very same file checks the solution.

extern crate memory_solution as memory;

#[path = "../../../exercises/memory/tests/memory.rs"]
mod exercise_tests;
