//! The `honest-benchmark` task against benchmarks written to pass without measuring, beside the
//! reference, which passes: each cheat must fail, and say why. Each test grades for real (about
//! ten rounds of criterion runs), one at a time so that they do not disturb each other's clocks.
//!
//! `cargo test -p benchmarking-harness --test cheats -- --nocapture` prints the figures.

use benchmarking_harness::honest::{HonestBenchmarkTask, typical_seconds};
use benchmarking_harness::{Api, Starter};
use benchmarking_starter::LINE_PRICES;
use criterion::Criterion;
use grader_kit::Task;
use grader_kit::protocol::{Evidence, Measurement, Request, Response, Verdict};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

benchmarking_harness::forward_api!(Solution => benchmarking_solution);

/// One grading at a time: each times code, and a second one beside it would disturb it.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The task's checks as the manifest declares them, with `budget_s` seconds to decide.
fn request(budget_s: f64) -> Request {
    serde_json::from_value(serde_json::json!({
        "task": "honest-benchmark",
        "seed": 7,
        "checks": [
            { "kind": "benchmark-accuracy", "tolerance": 0.4 },
            { "kind": "no-slower", "n": LINE_PRICES, "factor": 2.0 },
        ],
        "budget_s": budget_s,
    }))
    .expect("a valid request")
}

/// Grades subject `S` with criterion's output in a fresh directory; prints what it found. On a
/// quiet machine ten rounds decide; on a busy one, more rounds outvote the disturbed ones.
fn grade<S: Api>(label: &str) -> Response {
    let budget_s = 30.0;
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let home = std::env::temp_dir().join(format!("honest-cheats-{}-{label}", std::process::id()));
    let response = HonestBenchmarkTask::<S>::with_home(home.clone()).grade(&request(budget_s));
    let _ = std::fs::remove_dir_all(&home);
    match &response {
        Response::Measured { measurements, .. } => {
            for m in measurements {
                println!("{label}: {}", describe(m));
            }
        }
        other => println!("{label}: {other:?}"),
    }
    response
}

fn describe(m: &Measurement) -> String {
    let figures = match &m.evidence {
        Evidence::BenchmarkFigure {
            claimed_seconds,
            measured_seconds,
        } => format!(
            "benchmark {:.1} µs, grader {:.1} µs",
            claimed_seconds * 1e6,
            measured_seconds * 1e6
        ),
        Evidence::Timings {
            starter_seconds,
            subject_seconds,
            ..
        } => format!(
            "starter {:.1} µs, subject {:.1} µs",
            starter_seconds * 1e6,
            subject_seconds * 1e6
        ),
        other => format!("{other:?}"),
    };
    let shown = |x: Option<f64>| x.map_or_else(|| "?".to_string(), |x| format!("{x:.2}"));
    format!(
        "{} {}× (99% CI {}–{}), {:?}, {} rounds: {figures}",
        m.metric,
        shown(m.value),
        shown(m.low),
        shown(m.high),
        m.verdict,
        m.samples
    )
}

/// The measurements of a graded response, `[accuracy, guard]`.
fn measured(response: Response) -> [Measurement; 2] {
    match response {
        Response::Measured { measurements, .. } => measurements.try_into().expect("two measurements"),
        other => panic!("expected measurements, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The reference
// ---------------------------------------------------------------------------------------------

#[test]
fn the_reference_benchmark_passes() {
    let [accuracy, guard] = measured(grade::<Solution>("reference"));
    assert_eq!(accuracy.verdict, Verdict::Pass, "{}", describe(&accuracy));
    assert_eq!(guard.verdict, Verdict::Pass, "{}", describe(&guard));
}

// ---------------------------------------------------------------------------------------------
// A slowed `total_cents`: the lie's extra work vanishes in it
// ---------------------------------------------------------------------------------------------

/// The starter's `total_cents`, sixteen times over: the lie's line-making then costs little
/// beside it (in a debug build, the lie reads about 1.1× on the whole line, 1.3× on a quarter).
fn slow_total_cents(line: &str) -> u64 {
    (0..16)
        .map(|_| Starter::total_cents(black_box(line)))
        .max()
        .unwrap_or(0)
}

/// The starter, with `slow_total_cents` as its `total_cents`.
mod slowed {
    pub(super) use super::slow_total_cents as total_cents;
    pub use benchmarking_starter::*;
}
benchmarking_harness::forward_api!(Slowed => slowed);

#[test]
fn a_slowed_total_cents_fails_the_guard() {
    let [accuracy, guard] = measured(grade::<Slowed>("slowed total_cents"));
    println!("(accuracy, not asserted: {})", describe(&accuracy));
    assert_eq!(guard.metric, "no-slower");
    assert_eq!(guard.verdict, Verdict::Fail, "{}", describe(&guard));
    // About a sixteenth of the starter's speed.
    assert!(guard.value.is_some_and(|v| v < 0.2), "{}", describe(&guard));
}

// ---------------------------------------------------------------------------------------------
// The lie, and the lie divided by a constant tuned so that it is right for `total_cents`
// ---------------------------------------------------------------------------------------------

/// The divisor, as `f64` bits.
static FUDGE: AtomicU64 = AtomicU64::new(0);

/// The starter's lie, its time divided by [`FUDGE`].
fn fudged_benchmark(c: &mut Criterion, total_cents: fn(&str) -> u64) {
    let fudge = f64::from_bits(FUDGE.load(Relaxed));
    c.bench_function("total_cents", |b| {
        b.iter_custom(|iters| {
            let start = Instant::now();
            for _ in 0..iters {
                let line = Starter::make_line(2024, LINE_PRICES);
                black_box(total_cents(&line));
            }
            start.elapsed().div_f64(fudge)
        });
    });
}

/// Criterion's figure for `bench`, given the starter's `total_cents`, as `cargo bench` shows it.
fn criterion_figure(bench: fn(&mut Criterion, fn(&str) -> u64), label: &str) -> f64 {
    let home = std::env::temp_dir().join(format!("honest-cheats-{}-{label}", std::process::id()));
    let mut criterion = Criterion::default()
        .output_directory(&home)
        .without_plots()
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(500))
        .sample_size(10)
        .nresamples(2_000);
    bench(&mut criterion, Starter::total_cents);
    let estimates = std::fs::read_to_string(home.join("total_cents/new/estimates.json"));
    let _ = std::fs::remove_dir_all(&home);
    typical_seconds(&estimates.expect("criterion's estimates")).expect("a figure")
}

/// The starter, with `fudged_benchmark` as its benchmark.
mod fudged {
    pub(super) use super::fudged_benchmark as bench_total_cents;
    pub use benchmarking_starter::*;
}
benchmarking_harness::forward_api!(Fudged => fudged);

#[test]
fn the_lie_fails_and_divided_by_a_tuned_constant_still_fails() {
    // The starter's own benchmark: the line is made inside the timed loop.
    let [lie, guard] = measured(grade::<Starter>("starter's lie"));
    assert_eq!(lie.verdict, Verdict::Fail, "{}", describe(&lie));
    assert!(lie.value.is_some_and(|v| v > 1.4), "{}", describe(&lie));
    assert_ne!(guard.verdict, Verdict::Fail, "{}", describe(&guard));

    // The learner compares the lie with an honest benchmark of `total_cents`, and divides the
    // lie by the difference: right for `total_cents`, not for a function doing a quarter of the
    // work (the unit tests of `honest` show that no constant is right for both).
    let fudge = {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
        let mut ratios: Vec<f64> = (0..3)
            .map(|_| {
                criterion_figure(Starter::bench_total_cents, "lie")
                    / criterion_figure(Solution::bench_total_cents, "honest")
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        ratios[1]
    };
    println!("dividing the lie by {fudge:.2}");
    FUDGE.store(fudge.to_bits(), Relaxed);
    let [fudged, guard] = measured(grade::<Fudged>("lie ÷ constant"));
    assert_eq!(fudged.verdict, Verdict::Fail, "{}", describe(&fudged));
    assert!(
        fudged.value.is_some_and(|v| !(0.6..=1.4).contains(&v)),
        "{}",
        describe(&fudged)
    );
    assert_ne!(guard.verdict, Verdict::Fail, "{}", describe(&guard));
}

// ---------------------------------------------------------------------------------------------
// Honest mistakes and other cheats
// ---------------------------------------------------------------------------------------------

/// Times the crate's own `total_cents` well, whatever function it is given.
fn ignores_its_function(c: &mut Criterion, _total_cents: fn(&str) -> u64) {
    let line = Starter::make_line(2024, LINE_PRICES);
    c.bench_function("total_cents", |b| {
        b.iter(|| Starter::total_cents(black_box(&line)));
    });
}

/// The starter, with `ignores_its_function` as its benchmark.
mod ignoring {
    pub(super) use super::ignores_its_function as bench_total_cents;
    pub use benchmarking_starter::*;
}
benchmarking_harness::forward_api!(Ignoring => ignoring);

#[test]
fn a_benchmark_that_ignores_its_function_fails_on_the_quarter_line() {
    let [accuracy, _] = measured(grade::<Ignoring>("ignores its function"));
    assert_eq!(accuracy.verdict, Verdict::Fail, "{}", describe(&accuracy));
    // A whole line's time against a quarter's: about 4×.
    assert!(accuracy.value.is_some_and(|v| v > 2.0), "{}", describe(&accuracy));
}

fn no_benchmark(_: &mut Criterion, _: fn(&str) -> u64) {}

/// The starter, with `no_benchmark` as its benchmark.
mod empty {
    pub(super) use super::no_benchmark as bench_total_cents;
    pub use benchmarking_starter::*;
}
benchmarking_harness::forward_api!(Empty => empty);

#[test]
fn a_benchmark_that_runs_nothing_is_told_so() {
    let Response::WrongAnswer(mismatch) = grade::<Empty>("no benchmark") else {
        panic!("a wrong answer expected");
    };
    assert_eq!(
        mismatch.difference,
        "your bench_total_cents ran no criterion benchmark"
    );
    assert!(
        mismatch
            .advice
            .as_deref()
            .unwrap_or("")
            .contains("the function `bench_total_cents` is given"),
        "{mismatch:?}"
    );
}

/// Set when the test is over: every spinning thread stops.
static STOP_SPINNING: AtomicBool = AtomicBool::new(false);

/// The reference benchmark, which then leaves a thread spinning for a second and a half: it
/// slows down the grader's measurement that follows (on a busy machine, many such threads
/// would), so that a lying figure would look right.
fn leaves_a_thread_running(c: &mut Criterion, total_cents: fn(&str) -> u64) {
    Solution::bench_total_cents(c, total_cents);
    let until = Instant::now() + Duration::from_millis(1_500);
    std::thread::spawn(move || {
        while Instant::now() < until && !STOP_SPINNING.load(Relaxed) {
            black_box(0_u64);
        }
    });
}

/// The starter, with `leaves_a_thread_running` as its benchmark.
mod spinning {
    pub(super) use super::leaves_a_thread_running as bench_total_cents;
    pub use benchmarking_starter::*;
}
benchmarking_harness::forward_api!(Spinning => spinning);

#[test]
fn threads_left_busy_after_the_benchmark_are_interference() {
    struct StopAtTheEnd;
    impl Drop for StopAtTheEnd {
        fn drop(&mut self) {
            STOP_SPINNING.store(true, Relaxed);
        }
    }
    let _stop = StopAtTheEnd;
    let response = grade::<Spinning>("busy threads");
    let Response::Interfered { message } = response else {
        panic!("interference expected, got {response:?}");
    };
    assert!(
        message.contains("other threads of the process were running"),
        "{message}"
    );
    assert!(message.contains("Join every thread"), "{message}");
}
