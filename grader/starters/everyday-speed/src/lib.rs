//! # Everyday speed: I/O, iterators, build profiles and clippy: the exercise
//!
//! Make every function fast without changing its signature or its answers.
//!
//! - Check your answers: `cargo test -p everyday-speed`
//! - Measure it yourself: `cargo bench -p everyday-speed`
//! - Grade it: `cargo run -p grader -- everyday-speed`

// ANCHOR: count_distinct
/// How many different values `values` holds.
pub fn count_distinct(values: &[u64]) -> usize {
    let mut distinct = 0;
    for (i, value) in values.iter().enumerate() {
        if !values[..i].contains(value) {
            distinct += 1;
        }
    }
    distinct
}
// ANCHOR_END: count_distinct
