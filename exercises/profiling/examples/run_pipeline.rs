//! Runs the whole pipeline once, on a generated log: the program to profile.
//!
//! ```console
//! cargo build --release -p profiling --example run_pipeline
//! valgrind --tool=callgrind --callgrind-out-file=callgrind.out target/release/examples/run_pipeline
//! callgrind_annotate --inclusive=yes callgrind.out | head -40
//! ```
//!
//! Or run it under `perf record -g` or `samply record` (see the book). It prints the report and,
//! on stderr, how long `analyze` took. Give a number of lines to change the log's size:
//! `target/release/examples/run_pipeline 5000`.

use profiling::{analyze, generate_log};
use std::hint::black_box;
use std::time::Instant;

// The size of log the grader times, `inputs::LOG_LINES`.
#[path = "../benches/inputs/mod.rs"]
mod inputs;

pub fn main() {
    let lines = match std::env::args().nth(1) {
        Some(arg) => arg.parse().expect("the argument is a number of lines"),
        None => inputs::LOG_LINES,
    };
    // The log is generated before the clock starts: only `analyze` is timed.
    let log = generate_log(1, lines);
    let start = Instant::now();
    let report = analyze(black_box(&log));
    let elapsed = start.elapsed();
    eprintln!(
        "analyze took {:.1} ms on {lines} lines",
        elapsed.as_secs_f64() * 1e3
    );
    print!("{report}");
}
