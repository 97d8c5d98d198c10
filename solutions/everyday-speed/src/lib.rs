//! # Everyday speed: I/O, iterators, build profiles and clippy: the reference solution
//!
//! The same API as `exercises/everyday-speed`, fast.

// ANCHOR: count_distinct
/// How many different values `values` holds: sorted, equal values are neighbours.
pub fn count_distinct(values: &[u64]) -> usize {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted.len()
}
// ANCHOR_END: count_distinct
