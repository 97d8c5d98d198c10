//! Exact mode's fixed randomness (`grader --exact`).
//!
//! Rust's `HashMap` seeds its hasher from `getrandom`, so a hash map's probes, and with them the
//! instructions a program executes, change from run to run: enough to move a count by a few
//! percent, or by half where a sort follows a map's iteration order. Preloaded into a counted
//! process, this library's `getrandom` interposes on the C library's (the standard library looks
//! the symbol up weakly for exactly this purpose) and hands out a fixed stream, so every run of
//! the same code on the same inputs executes the same instructions. Nothing in a counted
//! process needs secret randomness: its signing key comes from the grader.

#![allow(unsafe_code)] // a C function, exported for the dynamic linker

use std::sync::atomic::{AtomicU64, Ordering};

/// The stream's position: each call takes the next words of a SplitMix64 sequence.
static STATE: AtomicU64 = AtomicU64::new(0x5eed_0fe4_ac70_0001);

/// The SplitMix64 increment (Steele, Lea and Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014).
const GOLDEN_GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// SplitMix64's output function.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `getrandom(2)`'s C signature: fills `length` bytes at `buffer` and returns `length`.
///
/// # Safety
///
/// `buffer` must point to `length` writable bytes, as `getrandom(2)` requires of its caller.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn getrandom(buffer: *mut u8, length: usize, _flags: u32) -> isize {
    if buffer.is_null() || length == 0 {
        return 0;
    }
    // SAFETY: the caller hands `length` writable bytes at `buffer` (see above).
    let bytes = unsafe { std::slice::from_raw_parts_mut(buffer, length) };
    for chunk in bytes.chunks_mut(8) {
        let word = mix(STATE
            .fetch_add(GOLDEN_GAMMA, Ordering::Relaxed)
            .wrapping_add(GOLDEN_GAMMA));
        chunk.copy_from_slice(&word.to_le_bytes()[..chunk.len()]);
    }
    length as isize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_fills_any_length_and_moves_on() {
        let (mut a, mut b) = ([0u8; 13], [0u8; 13]);
        // SAFETY: both buffers are 13 writable bytes.
        let (na, nb) = unsafe { (getrandom(a.as_mut_ptr(), 13, 0), getrandom(b.as_mut_ptr(), 13, 0)) };
        assert_eq!((na, nb), (13, 13));
        assert_ne!(a, [0; 13]);
        assert_ne!(a, b);
        // SAFETY: a null buffer is refused before it is touched.
        assert_eq!(unsafe { getrandom(std::ptr::null_mut(), 4, 0) }, 0);
    }

    #[test]
    fn splitmix_matches_its_reference_values() {
        // The first output of SplitMix64 seeded with 0 (the published reference value).
        assert_eq!(mix(GOLDEN_GAMMA), 0xe220_a839_7b1d_cdaf);
    }
}
