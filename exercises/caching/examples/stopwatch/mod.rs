//! The examples' stopwatch (the Big O chapter's, see `exercises/big-o/examples/growth.rs`).
//!
//! A directory's `mod.rs` is not an example of its own; each example pulls this in with
//! `mod stopwatch;`.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How long one call of `f` takes, in seconds.
///
/// Calls are batched until a batch lasts 10 ms, so the clock's resolution and the cost of
/// reading it vanish in the total. The fastest of five batches is kept: noise (another
/// process, an interrupt, a cold cache) only ever adds time.
pub fn seconds_per_call<R>(mut f: impl FnMut() -> R) -> f64 {
    let mut calls: u32 = 1;
    loop {
        let start = Instant::now();
        for _ in 0..calls {
            black_box(f());
        }
        if start.elapsed() >= Duration::from_millis(10) {
            break;
        }
        calls *= 2;
    }
    (0..5)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                black_box(f());
            }
            start.elapsed().as_secs_f64() / f64::from(calls)
        })
        .fold(f64::INFINITY, f64::min)
}

/// `seconds` in the unit that suits it.
pub fn show(seconds: f64) -> String {
    match seconds {
        s if s < 1e-6 => format!("{:.1} ns", s * 1e9),
        s if s < 1e-3 => format!("{:.1} µs", s * 1e6),
        s if s < 1.0 => format!("{:.2} ms", s * 1e3),
        s => format!("{s:.2} s"),
    }
}

/// Warns when the example was built without optimisations: its timings would mean little.
pub fn warn_if_debug() {
    if cfg!(debug_assertions) {
        println!("(a debug build: run with --release for meaningful timings)\n");
    }
}
