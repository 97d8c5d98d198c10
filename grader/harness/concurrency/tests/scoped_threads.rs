//! `image-histograms` solved with `std::thread::scope` instead of rayon: the other correct
//! answer a learner is likely to write. Its answers are checked here like any subject's, and its
//! speed-up is graded for real (the figures print with `--nocapture`; a release build on a
//! quiet machine passes it, as the closing notes record):
//!
//! `cargo test --release -p concurrency-harness --test scoped_threads -- --nocapture`
//!
//! On a busy machine it may be inconclusive, never a fail. The serial starter, graded the same
//! way, must never pass.

use concurrency_harness::{Starter, image_histograms, inputs};
use grader_kit::protocol::{Evidence, Measurement, Request, Response, Verdict};
use grader_kit::spec::Check;
use grader_kit::task::Task;

/// The starter, but for its `equalize_tiles`: the tiles cut into one run per core, each run on
/// a scoped thread, the partial reports joined in order.
mod scoped {
    use concurrency_starter::tiles::{equalized_checksum, histogram_of};
    pub use concurrency_starter::*;

    pub fn equalize_tiles(tiles: &[Vec<u8>]) -> TileReport {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let run = tiles.len().div_ceil(threads).max(1);
        let parts: Vec<(Vec<u64>, [u64; 256])> = std::thread::scope(|scope| {
            let workers: Vec<_> = tiles
                .chunks(run)
                .map(|part| {
                    scope.spawn(move || {
                        let mut histogram = [0; 256];
                        let checksums = part
                            .iter()
                            .map(|tile| {
                                let tile_histogram = histogram_of(tile);
                                for (total, count) in histogram.iter_mut().zip(tile_histogram) {
                                    *total += count;
                                }
                                equalized_checksum(tile, &tile_histogram)
                            })
                            .collect();
                        (checksums, histogram)
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("a worker panicked"))
                .collect()
        });
        let mut histogram = [0; 256];
        let mut checksums = Vec::with_capacity(tiles.len());
        for (part, part_histogram) in parts {
            checksums.extend(part);
            for (total, count) in histogram.iter_mut().zip(part_histogram) {
                *total += count;
            }
        }
        TileReport { checksums, histogram }
    }
}
concurrency_harness::forward_api!(Scoped => scoped);

/// Grades `task` as the grader does: `checks`, a budget of `budget_s` seconds.
fn grade(task: &dyn Task, checks: Vec<Check>, budget_s: f64) -> Response {
    let request: Request = serde_json::from_value(serde_json::json!({
        "task": task.name(),
        "seed": 11,
        "checks": checks,
        "budget_s": budget_s,
    }))
    .expect("a request");
    task.grade(&request)
}

/// The manifest's check for `image-histograms`, and its budget.
fn parallel_check() -> (Vec<Check>, f64) {
    let check = Check::ParallelSpeedup {
        n: inputs::tiles::N,
        efficiency: 0.45,
    };
    (vec![check], 6.0)
}

/// The one measurement of a graded response, printed.
fn measured(label: &str, response: &Response) -> Measurement {
    let Response::Measured { measurements, .. } = response else {
        panic!("{label}: expected a measurement, got {response:#?}")
    };
    let m = measurements[0].clone();
    let Evidence::Parallel {
        capacity, offered, ..
    } = m.evidence
    else {
        panic!("{label}: parallel evidence expected")
    };
    let shown = |x: Option<f64>| x.map_or_else(|| "?".to_string(), |x| format!("{x:.2}"));
    println!(
        "{label}: {:?}, {}× (99% CI {}–{}) on {} rounds; probe capacity {}, cores offered in {}% of the rounds",
        m.verdict,
        shown(m.value),
        shown(m.low),
        shown(m.high),
        m.samples,
        shown(capacity),
        offered.map_or_else(|| "?".to_string(), |o| format!("{:.0}", o * 100.0))
    );
    m
}

#[test]
fn scoped_threads_answer_as_the_starter_does() {
    let response = grade(&image_histograms::<Scoped>(), Vec::new(), 1.0);
    let Response::Measured { cases, .. } = response else {
        panic!("expected agreement on every case, got {response:#?}")
    };
    assert!(cases > 0);
}

/// Asserts only what must hold on any machine, busy or idle: a correct parallel solution is
/// never failed, and serial code never passes (a pass on a quiet machine is the self-test's).
#[test]
fn a_scoped_thread_solution_is_never_failed_and_the_starter_never_passes() {
    let (checks, budget) = parallel_check();
    let start = std::time::Instant::now();
    let scoped = measured(
        "std::thread::scope",
        &grade(&image_histograms::<Scoped>(), checks.clone(), budget),
    );
    println!("  graded in {:.1} s", start.elapsed().as_secs_f64());
    let start = std::time::Instant::now();
    let starter = measured("starter", &grade(&image_histograms::<Starter>(), checks, budget));
    println!("  graded in {:.1} s", start.elapsed().as_secs_f64());
    assert_ne!(
        scoped.verdict,
        Verdict::Fail,
        "a correct parallel solution was failed"
    );
    assert_ne!(starter.verdict, Verdict::Pass, "serial code passed");
}
