//! The inputs of the lookup comparison, and the sizes it is graded at: the shape of data the
//! grader times `count_known_linear` and `count_known_hashed` on, defined once, here. (The
//! receipts of `total_cents` come from the library's own `make_line`.)
//!
//! A directory's `mod.rs` is not a benchmark of its own; a bench file pulls it in with
//! `mod inputs;`. It uses nothing but `std` and `fastrand`.

#![allow(dead_code)] // each user takes its own part of this module

use fastrand::Rng;

// ANCHOR: inputs
/// The sizes of `known` to compare, doubling each time: 4, 8, 16, …, 4096. The grader measures
/// the crossover at exactly these sizes.
pub const SIZES: [usize; 11] = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

/// `n` distinct known IDs, and `queries` queries: half of them known IDs, half IDs that are not
/// known, in random order. Every ID is below `2 * n`.
pub fn lookup_inputs(rng: &mut Rng, n: usize, queries: usize) -> (Vec<u32>, Vec<u32>) {
    // 2n distinct IDs in random order: the first n are known, the other n are not.
    let mut ids: Vec<u32> = (0..2 * n as u32).collect();
    rng.shuffle(&mut ids);
    let (known, unknown) = ids.split_at(n);
    let mut queries: Vec<u32> = (0..queries)
        .map(|i| match i % 2 {
            0 => known[rng.usize(..n)],
            _ => unknown[rng.usize(..n)],
        })
        .collect();
    // Hits and misses in an order the CPU's branch predictor cannot guess.
    rng.shuffle(&mut queries);
    (known.to_vec(), queries)
}
// ANCHOR_END: inputs
