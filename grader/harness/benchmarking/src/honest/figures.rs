//! The two figures of a round: the learner's benchmark, run under criterion, and the
//! grader's own measurement of the same function.

use super::Workload;
use crate::{Api, Starter};
use criterion::Criterion;
use fastrand::Rng;
use grader_kit::clocks::CpuStamp;
use grader_kit::protocol::Mismatch;
use grader_kit::stats;
use grader_kit::task::calls_for;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// The grader's own measurement of one round: this many batches, the median taken.
const BATCHES: usize = 5;

/// Fresh lines per round, each batch going over all of them: too many, and too long, for a
/// branch predictor to learn, as it learns the one line a benchmark repeats.
const POOL: usize = 64;

/// Each of the grader's batches lasts about this long, as one of criterion's samples does, so
/// that a busy machine's time-sharing weighs on both figures alike (a batch of a millisecond or
/// two slips between other programs' time slices, a criterion sample cannot).
const TARGET_BATCH: Duration = Duration::from_millis(10);

/// At most this many passes over the pool make up one batch.
const MAX_PASSES: usize = 1_000;

/// Criterion's configuration for one run of the learner's benchmark: short, but long enough for
/// a stable estimate of a call of a few microseconds. Only the point estimate is read, so few
/// bootstrap resamples are needed (criterion warns below 1,000).
const WARM_UP: Duration = Duration::from_millis(60);
const MEASUREMENT: Duration = Duration::from_millis(300);
const SAMPLES: usize = 10;
const RESAMPLES: usize = 2_000;

/// What to do when the benchmark ran nothing the grader can read.
const BENCH_ADVICE: &str = "Time the function `bench_total_cents` is given (its parameter `total_cents`) with \
     `c.bench_function(\"total_cents\", |b| …)`, and nothing else.";

/// The criterion configuration the learner's benchmark runs under, writing to `home`.
fn criterion(home: &Path) -> Criterion {
    Criterion::default()
        .output_directory(home)
        .without_plots()
        .warm_up_time(WARM_UP)
        .measurement_time(MEASUREMENT)
        .sample_size(SAMPLES)
        .nresamples(RESAMPLES)
}

/// Runs the learner's benchmark on `workload` with a short criterion configuration and returns
/// its estimate, in seconds per iteration, from the newest `new/estimates.json` under `home`.
pub(super) fn learner_figure<S: Api>(home: &Path, workload: &Workload) -> Result<f64, Mismatch> {
    let before = SystemTime::now();
    S::bench_total_cents(&mut criterion(home), workload.run);
    let problem = |actual: String, difference: String| Mismatch {
        case: "bench_total_cents".into(),
        input: format!("a criterion run of your benchmark, given {}", workload.name),
        expected: "criterion's estimate of one benchmark of the function it is given".into(),
        actual,
        difference,
        advice: Some(BENCH_ADVICE.into()),
    };
    let estimates = newest_estimates(home, before).ok_or_else(|| {
        problem(
            "no estimates.json written".into(),
            "your bench_total_cents ran no criterion benchmark".into(),
        )
    })?;
    let text = std::fs::read_to_string(&estimates)
        .map_err(|e| problem(e.to_string(), format!("{} cannot be read", estimates.display())))?;
    typical_seconds(&text).ok_or_else(|| {
        problem(
            "no slope or mean in it".into(),
            format!("unreadable criterion estimates in {}", estimates.display()),
        )
    })
}

/// Criterion's headline figure (the slope of its linear fit, else the mean), in seconds.
pub fn typical_seconds(estimates_json: &str) -> Option<f64> {
    let value: serde_json::Value = serde_json::from_str(estimates_json).ok()?;
    let point = |key: &str| value.get(key)?.get("point_estimate")?.as_f64();
    point("slope").or_else(|| point("mean")).map(|ns| ns * 1e-9)
}

/// The most recently written `…/new/estimates.json` under `dir`, if written after `since`.
fn newest_estimates(dir: &Path, since: SystemTime) -> Option<PathBuf> {
    let mut newest: Option<(SystemTime, PathBuf)> = None;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.ends_with("new/estimates.json")
                && let Ok(modified) = entry.metadata().and_then(|m| m.modified())
                && modified >= since
                && newest.as_ref().is_none_or(|(t, _)| modified > *t)
            {
                newest = Some((modified, path));
            }
        }
    }
    newest.map(|(_, path)| path)
}

/// The grader's own figure: seconds per call of `f` on fresh lines of `prices` prices, built
/// outside the clock, results kept from the optimizer (the median over batches); and the share
/// of the batches' time that other threads of the process spent on a CPU (their median).
pub(super) fn grader_figure(rng: &mut Rng, f: fn(&str) -> u64, prices: usize) -> (f64, f64) {
    let lines: Vec<String> = (0..POOL)
        .map(|_| Starter::make_line(rng.u64(..), prices))
        .collect();
    let pass = || {
        for line in &lines {
            black_box(f(black_box(line)));
        }
    };
    let once = Instant::now();
    pass();
    let passes = calls_for(TARGET_BATCH, once.elapsed().as_secs_f64(), MAX_PASSES);
    let (seconds, shares): (Vec<f64>, Vec<f64>) = (0..BATCHES)
        .map(|_| {
            let stamp = CpuStamp::now();
            let start = Instant::now();
            for _ in 0..passes {
                pass();
            }
            let wall = start.elapsed().as_secs_f64();
            let others = stamp.others_since().as_secs_f64();
            (wall / (passes * POOL) as f64, others / wall.max(1e-9))
        })
        .unzip();
    (stats::median(&seconds), stats::median(&shares))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_estimates_prefer_the_slope() {
        let both = r#"{"mean":{"point_estimate":2000.0},"slope":{"point_estimate":1500.0}}"#;
        assert!((typical_seconds(both).unwrap() - 1.5e-6).abs() < 1e-15);
        let mean_only = r#"{"mean":{"point_estimate":2000.0},"slope":null}"#;
        assert!((typical_seconds(mean_only).unwrap() - 2e-6).abs() < 1e-15);
        assert_eq!(typical_seconds("not json"), None);
    }

    #[test]
    fn the_newest_estimates_file_is_found() {
        let dir = std::env::temp_dir().join(format!("honest-test-{}", std::process::id()));
        let old = dir.join("a/new");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("estimates.json"), "{}").unwrap();
        let since = SystemTime::now();
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(newest_estimates(&dir, since), None);
        let fresh = dir.join("total_cents/new");
        std::fs::create_dir_all(&fresh).unwrap();
        std::fs::write(fresh.join("estimates.json"), "{}").unwrap();
        assert_eq!(newest_estimates(&dir, since), Some(fresh.join("estimates.json")));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
