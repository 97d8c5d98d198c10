//! Why one timing lies, measured: the same work timed ten times in a row, the same loop timed
//! with and without `black_box`, and the same work timed with its setup inside the clock.
//!
//! ```console
//! cargo run --release -p benchmarking --example stopwatch
//! cargo run -p benchmarking --example stopwatch   # the same in a debug build, for comparison
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Bytes of data per checksum: 64 KiB, a size that fits the CPU's caches.
const DATA_BYTES: usize = 64 * 1024;

// ANCHOR: checksum
/// FNV-1a, a simple 64-bit hash of `data`: one multiplication per byte, each depending on the
/// previous one, so the loop can be neither skipped nor vectorised. Pure: it only computes.
fn checksum(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
// ANCHOR_END: checksum

/// `len` random bytes.
fn random_bytes(rng: &mut fastrand::Rng, len: usize) -> Vec<u8> {
    std::iter::repeat_with(|| rng.u8(..)).take(len).collect()
}

// ANCHOR: one_timing
/// Times `checksum` on the same data ten times in a row, one stopwatch reading each.
fn ten_timings(data: &[u8]) -> Vec<Duration> {
    (0..10)
        .map(|_| {
            let start = Instant::now();
            let hash = checksum(black_box(data));
            let elapsed = start.elapsed();
            black_box(hash);
            elapsed
        })
        .collect()
}
// ANCHOR_END: one_timing

// ANCHOR: per_call
/// Average time per call over `calls` calls of `f`, timed as one block.
fn per_call(calls: u32, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..calls {
        f();
    }
    Duration::from_secs_f64(start.elapsed().as_secs_f64() / f64::from(calls))
}
// ANCHOR_END: per_call

// ANCHOR: dead_code
/// A key known at compile time, as in a benchmark of a hash function written in a hurry.
const KEY: &[u8] = b"customer:0042137";

/// A million checksums of [`KEY`], timed three ways.
fn dead_code() -> [(&'static str, Duration); 3] {
    let calls = 1_000_000;
    // The result is unused, and `checksum` does nothing else: the optimizer may delete the
    // call.
    let unused = per_call(calls, || {
        checksum(KEY);
    });
    // The result is used, but the input is a constant: the optimizer may compute the checksum
    // while compiling, and leave nothing to do at run time.
    let constant_input = per_call(calls, || {
        black_box(checksum(KEY));
    });
    // Neither: every call really hashes the 16 bytes.
    let honest = per_call(calls, || {
        black_box(checksum(black_box(KEY)));
    });
    [
        ("result unused", unused),
        ("result through black_box", constant_input),
        ("input and result through black_box", honest),
    ]
}
// ANCHOR_END: dead_code

// ANCHOR: setup_inside
/// A thousand checksums of 64 KiB, with and without making the input inside the timed region.
fn setup_inside(rng: &mut fastrand::Rng) -> [(&'static str, Duration); 2] {
    let calls = 1_000;
    let inside = per_call(calls, || {
        let fresh = random_bytes(rng, DATA_BYTES);
        black_box(checksum(black_box(&fresh)));
    });
    let data = random_bytes(rng, DATA_BYTES);
    let outside = per_call(calls, || {
        black_box(checksum(black_box(&data)));
    });
    [
        ("setup inside the clock", inside),
        ("setup outside the clock", outside),
    ]
}
// ANCHOR_END: setup_inside

fn main() {
    if cfg!(debug_assertions) {
        println!("(a debug build: unoptimised, so every figure below is meaningless)\n");
    }
    let mut rng = fastrand::Rng::with_seed(42);
    let data = random_bytes(&mut rng, DATA_BYTES);

    println!("One checksum of 64 KiB, timed ten times in a row:");
    let timings = ten_timings(&data);
    let formatted: Vec<String> = timings.iter().map(|t| format!("{t:.1?}")).collect();
    println!("  {}", formatted.join("  "));
    let (fastest, slowest) = (timings.iter().min(), timings.iter().max());
    if let (Some(fastest), Some(slowest)) = (fastest, slowest) {
        let spread = slowest.as_secs_f64() / fastest.as_secs_f64().max(1e-12);
        println!("  fastest {fastest:.1?}, slowest {slowest:.1?}: ×{spread:.1} for the same work\n");
    }

    println!("A million checksums of a 16-byte constant key, time per call:");
    for (label, time) in dead_code() {
        println!("  {label:<40}{time:>12.1?}");
    }
    println!();

    println!("1,000 checksums of 64 KiB, time per call:");
    for (label, time) in setup_inside(&mut rng) {
        println!("  {label:<40}{time:>12.1?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_is_fnv_1a() {
        // The published FNV-1a 64 test vectors.
        assert_eq!(checksum(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(checksum(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(checksum(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn the_timings_are_taken() {
        let mut rng = fastrand::Rng::with_seed(1);
        let data = random_bytes(&mut rng, 256);
        assert_eq!(data.len(), 256);
        assert_eq!(ten_timings(&data).len(), 10);
        assert!(per_call(3, || {}) < Duration::from_secs(1));
    }
}
