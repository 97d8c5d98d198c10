//! Measures the heap of one of the exercise's tasks, the way the grader does, with the `dhat`
//! crate: how many allocations one call makes, how many bytes are live at its peak, and how many
//! are still allocated once its result is dropped.
//!
//! ```console
//! cargo run --release -p memory --example heap_profile -- log-summary
//! cargo run --release -p memory --example heap_profile -- word-frequencies
//! cargo run --release -p memory --example heap_profile -- org-chart
//! cargo run --release -p memory --example heap_profile -- sensor-log
//! ```
//!
//! A second argument sets the input's size (lines, words or employees) instead of the grader's.
//! Each run also writes `dhat-heap.json`, the full profile: open it in dhat's viewer,
//! <https://nnethercote.github.io/dh_view/dh_view.html>, to see which lines of code allocated
//! what.

use std::hint::black_box;
use std::process::ExitCode;

#[path = "../benches/inputs/mod.rs"]
mod inputs;

// ANCHOR: global_allocator
// Every allocation of this program goes through dhat's allocator, which records it (with its
// call stack) while a `dhat::Profiler` is running. It is much slower than the system allocator:
// install it in a profiling build, never in the program you time or ship.
#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;
// ANCHOR_END: global_allocator

// ANCHOR: measure
/// dhat's figures for one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HeapFigures {
    /// Allocations made during the call (`total_blocks`).
    allocations: u64,
    /// Bytes those allocations asked for, in all (`total_bytes`).
    allocated_bytes: u64,
    /// The most bytes live at any moment of the call, its result included (`max_bytes`).
    peak_bytes: usize,
    /// Bytes allocated during the call and still allocated after its result is dropped
    /// (`curr_bytes`): a leak.
    leaked_bytes: usize,
}

/// Runs `call` on `input` under a heap profiler. The input was built before the profiler
/// started, so its own allocations are not counted, only what the call does.
fn measure<I, O>(input: &I, call: impl FnOnce(&I) -> O) -> HeapFigures {
    let profiler = start_profiler();
    let output = call(black_box(input));
    drop(black_box(output));
    let stats = dhat::HeapStats::get();
    drop(profiler); // writes dhat-heap.json
    HeapFigures {
        allocations: stats.total_blocks,
        allocated_bytes: stats.total_bytes,
        peak_bytes: stats.max_bytes,
        leaked_bytes: stats.curr_bytes,
    }
}
// ANCHOR_END: measure

/// A heap profiler that writes `dhat-heap.json` when it is dropped. The tests use dhat's testing
/// mode instead, which writes nothing.
fn start_profiler() -> dhat::Profiler {
    if cfg!(test) {
        dhat::Profiler::builder().testing().build()
    } else {
        dhat::Profiler::new_heap()
    }
}

/// The exercise's four tasks, by the names the grader uses.
const TASKS: [&str; 4] = ["log-summary", "word-frequencies", "org-chart", "sensor-log"];

/// Measures task `task` at size `n` (`None`: the grader's size), with a line saying what ran.
fn run(task: &str, n: Option<usize>) -> Option<(String, HeapFigures)> {
    let mut rng = fastrand::Rng::with_seed(1);
    let measured = match task {
        "log-summary" => {
            let n = n.unwrap_or(inputs::LOG_LINES);
            let log = inputs::access_log(&mut rng, n);
            let what = format!("endpoint_report on {n} lines of access log ({} bytes)", log.len());
            (what, measure(&log, |log| memory::endpoint_report(log.as_bytes())))
        }
        "word-frequencies" => {
            let n = n.unwrap_or(inputs::PROSE_WORDS);
            let (text, k) = inputs::prose(&mut rng, n);
            let what = format!("top_words on {n} words ({} bytes), k = {k}", text.len());
            (what, measure(&text, |text| memory::top_words(text, k)))
        }
        "org-chart" => {
            let n = n.unwrap_or(inputs::EMPLOYEES);
            let input = inputs::org_chart(&mut rng, n);
            let what = format!("org_answers on {n} employees, {} queries", input.1.len());
            (
                what,
                measure(&input, |(records, queries)| memory::org_answers(records, queries)),
            )
        }
        "sensor-log" => {
            let n = n.unwrap_or(inputs::READINGS);
            let csv = inputs::sensor_csv(&mut rng, n);
            let what = format!(
                "load_readings + sensor_report on {n} readings ({} bytes)",
                csv.len()
            );
            (
                what,
                measure(&csv, |csv| memory::sensor_report(&memory::load_readings(csv))),
            )
        }
        _ => return None,
    };
    Some(measured)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or_default();
    let n = match args.get(1).map(|n| n.parse::<usize>()) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => {
            eprintln!("the size must be a whole number, not {:?}", args[1]);
            return ExitCode::from(2);
        }
    };
    let Some((what, figures)) = run(task, n) else {
        eprintln!(
            "usage: heap_profile TASK [SIZE], where TASK is one of {}",
            TASKS.join(", ")
        );
        return ExitCode::from(2);
    };
    println!("{task}: {what}");
    println!("  allocations      {:>12}", figures.allocations);
    println!("  bytes allocated  {:>12}", figures.allocated_bytes);
    println!("  peak bytes live  {:>12}", figures.peak_bytes);
    println!("  bytes leaked     {:>12}", figures.leaked_bytes);
    if cfg!(debug_assertions) {
        println!("(a debug build: add --release to measure what the grader measures)");
    }
    println!("Open dhat-heap.json in https://nnethercote.github.io/dh_view/dh_view.html");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    // dhat allows one profiler at a time, and the test runner allocates on other threads while
    // a test runs: so a single test measures, and asserts only what that noise cannot break.
    #[test]
    fn measures_allocations_peaks_and_leaks() {
        let figures = measure(&4096, |&n| {
            let kept = vec![0u8; n];
            let leaked: &'static mut [u8] = Box::leak(vec![1u8; n].into_boxed_slice());
            (kept, leaked.len())
        });
        assert!(figures.allocations >= 2, "{figures:?}");
        assert!(figures.allocated_bytes >= 8192, "{figures:?}");
        assert!(figures.peak_bytes >= 8192, "{figures:?}");
        assert!(figures.leaked_bytes >= 4096, "{figures:?}");
        for task in TASKS {
            let (what, figures) = run(task, Some(50)).expect("a task");
            assert!(!what.is_empty());
            assert!(figures.allocations > 0, "{task}: {figures:?}");
        }
    }

    #[test]
    fn unknown_tasks_are_refused() {
        assert!(TASKS.iter().all(|t| t.contains('-')));
        assert!(run("nonsense", Some(1)).is_none());
    }
}
