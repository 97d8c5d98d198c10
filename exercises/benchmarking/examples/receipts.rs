//! A whole program to time from the outside: makes a day of receipts (lines of prices) and
//! totals them. The book times it with hyperfine, in a debug and a release build.
//!
//! ```console
//! cargo build -p benchmarking --example receipts             # target/debug/examples/receipts
//! cargo build --release -p benchmarking --example receipts   # target/release/examples/receipts
//! hyperfine --warmup 3 'target/debug/examples/receipts' 'target/release/examples/receipts'
//! ```
//!
//! An optional argument sets the number of lines (default 500).

use benchmarking::{LINE_PRICES, make_line, total_cents};

// ANCHOR: main
/// Lines of receipts when no count is given.
const DEFAULT_LINES: u64 = 500;

fn main() {
    let lines = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(DEFAULT_LINES);
    let cents: u64 = (0..lines)
        .map(|seed| total_cents(&make_line(seed, LINE_PRICES)))
        .sum();
    let (units, hundredths) = (cents / 100, cents % 100);
    println!("{lines} receipts, {LINE_PRICES} prices each: {units}.{hundredths:02}");
}
// ANCHOR_END: main
