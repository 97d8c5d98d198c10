//! Task `honest-benchmark`: the learner fixes a criterion benchmark that lies (setup inside the
//! timed loop, result thrown away). The grader runs the learner's benchmark, reads criterion's
//! estimate, and compares it, round after round, with its own measurement of the real work.

use crate::{Api, Starter};
use benchmarking_starter::LINE_PRICES;
use criterion::Criterion;
use fastrand::Rng;
use grader_kit::Task;
use grader_kit::correctness::{Case, check_all};
use grader_kit::inputs::AWKWARD_SIZES;
use grader_kit::measure::{Policy, until_decided};
use grader_kit::protocol::{Evidence, Goal, Mismatch, Request, Response};
use grader_kit::spec::Check;
use grader_kit::stats;
use grader_kit::task::calls_for;
use std::hint::black_box;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// Rounds before a verdict: each runs the learner's whole criterion benchmark (about half a
/// second), and 8 is the fewest for which the 99% order-statistic interval exists.
const MIN_ROUNDS: usize = 8;

/// The grader's own measurement of one round: this many batches, each on fresh lines.
const BATCHES: usize = 5;

/// Each of the grader's batches aims at this much work.
const TARGET_BATCH: Duration = Duration::from_millis(2);

/// The `honest-benchmark` task for subject `S`.
#[derive(Debug, Default)]
pub struct HonestBenchmarkTask<S>(PhantomData<S>);

impl<S> HonestBenchmarkTask<S> {
    /// The task.
    pub fn new() -> Self {
        HonestBenchmarkTask(PhantomData)
    }
}

impl<S: Api> Task for HonestBenchmarkTask<S> {
    fn name(&self) -> &str {
        "honest-benchmark"
    }

    fn grade(&self, request: &Request) -> Response {
        let mut rng = Rng::with_seed(request.seed);
        // The work itself must be unchanged: the benchmark is what gets fixed.
        let cases = line_cases(&mut rng);
        let count = match check_all(
            cases,
            |l: &String| Starter::total_cents(l),
            |l: &String| S::total_cents(l),
        ) {
            Ok(count) => count,
            Err(mismatch) => return Response::WrongAnswer(mismatch),
        };
        let Some(Check::BenchmarkAccuracy { tolerance }) = request.checks.first() else {
            return Response::Error {
                message: "honest-benchmark grades one benchmark-accuracy check".into(),
            };
        };
        let Some(home) = std::env::var_os("CRITERION_HOME").map(PathBuf::from) else {
            return Response::Error {
                message: "CRITERION_HOME is not set".into(),
            };
        };
        let goal = Goal::Between(1.0 - tolerance, 1.0 + tolerance);
        let policy = Policy {
            min_rounds: MIN_ROUNDS,
            ..Policy::with_budget(Duration::from_secs_f64(request.budget_s))
        };
        let started = Instant::now();
        let (mut claimed, mut measured) = (Vec::new(), Vec::new());
        let sequence = until_decided(goal, policy, |round| {
            let (learner, grader) = if round.is_multiple_of(2) {
                let l = learner_figure::<S>(&home)?;
                (l, grader_figure::<S>(&mut rng))
            } else {
                let g = grader_figure::<S>(&mut rng);
                (learner_figure::<S>(&home)?, g)
            };
            claimed.push(learner);
            measured.push(grader);
            Ok((learner / grader, started.elapsed()))
        });
        let sequence = match sequence {
            Ok(s) => s,
            Err(mismatch) => return Response::WrongAnswer(mismatch),
        };
        let evidence = Evidence::BenchmarkFigure {
            claimed_seconds: stats::median(&claimed),
            measured_seconds: stats::median(&measured),
        };
        let m = sequence.into_measurement("benchmark-accuracy", "x", goal, policy.confidence, evidence);
        Response::Measured {
            cases: count,
            measurements: vec![m],
        }
    }
}

/// Lines to check `total_cents` on: hand-picked awkward ones, then generated ones.
fn line_cases(rng: &mut Rng) -> Vec<Case<String>> {
    let awkward = [
        "",
        ",",
        "0",
        "0.00",
        "1",
        "12.34",
        "1.5",
        "1.234",
        "abc",
        "12.3x",
        "-1.00",
        "99999999.99",
        " 7.00 ",
        "1,,2",
    ];
    let mut cases: Vec<Case<String>> = awkward
        .iter()
        .map(|l| Case {
            label: format!("edge case: {l:?}"),
            input: l.to_string(),
        })
        .collect();
    for n in AWKWARD_SIZES {
        let line = Starter::make_line(rng.u64(..), n);
        cases.push(Case {
            label: format!("generated line of {n} prices"),
            input: line,
        });
    }
    cases
}

/// Runs the learner's benchmark with a short criterion configuration and returns its estimate,
/// in seconds per iteration, from the newest `new/estimates.json` under `home`.
fn learner_figure<S: Api>(home: &Path) -> Result<f64, Mismatch> {
    let before = SystemTime::now();
    let mut criterion = Criterion::default()
        .without_plots()
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(400))
        .sample_size(10);
    S::bench_total_cents(&mut criterion);
    let problem = |difference: String| Mismatch {
        case: "bench_total_cents".into(),
        input: "a criterion run of your benchmark".into(),
        expected: "one benchmark of total_cents".into(),
        actual: "see the difference".into(),
        difference,
        advice: Some(
            "Benchmark `total_cents` with `c.bench_function(\"total_cents\", …)` inside `bench_total_cents`."
                .into(),
        ),
    };
    let estimates = newest_estimates(home, before)
        .ok_or_else(|| problem("your bench_total_cents ran no criterion benchmark".into()))?;
    let text = std::fs::read_to_string(&estimates).map_err(|e| problem(e.to_string()))?;
    typical_seconds(&text).ok_or_else(|| {
        problem(format!(
            "unreadable criterion estimates in {}",
            estimates.display()
        ))
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

/// The grader's own figure: the median over batches of seconds per `total_cents` call on
/// fresh lines of LINE_PRICES prices, built outside the clock, results kept from the optimizer.
fn grader_figure<S: Api>(rng: &mut Rng) -> f64 {
    let line = Starter::make_line(rng.u64(..), LINE_PRICES);
    let once = Instant::now();
    black_box(S::total_cents(black_box(&line)));
    let calls = calls_for(TARGET_BATCH, once.elapsed().as_secs_f64(), 256);
    let batches: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let lines: Vec<String> = (0..calls)
                .map(|_| Starter::make_line(rng.u64(..), LINE_PRICES))
                .collect();
            let start = Instant::now();
            for line in &lines {
                black_box(S::total_cents(black_box(line)));
            }
            start.elapsed().as_secs_f64() / calls as f64
        })
        .collect();
    stats::median(&batches)
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
