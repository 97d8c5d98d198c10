//! Task `honest-benchmark`: the learner fixes a criterion benchmark that lies (setup inside the
//! timed loop, result thrown away). The grader runs the learner's benchmark, reads criterion's
//! estimate, and compares it, round after round, with its own measurement of the real work.
//!
//! The figure has to be measured; it cannot be fitted:
//!
//! - The benchmark is handed the function it times, and each round runs it on two
//!   [`workloads`]: `total_cents`, and `total_cents` of the line's first quarter. Work that a
//!   benchmark adds to its clock (a line made inside the timed loop) is the same for both, while
//!   the real work of the second is four times smaller, so a figure divided by a constant is
//!   right for one of them at most. (Sizes would not do it: making a line and totalling it both
//!   grow with its length at the same rate, and the starter's benchmark reads about 4× the truth
//!   at every size from 1 to 16,000 prices.)
//! - The no-slower guard times the learner's `total_cents` against the frozen starter's in the
//!   same rounds, so that slowing `total_cents` down until the extra work vanishes in it fails.
//! - Other threads of the process busy while the grader's clock runs (left running by the
//!   benchmark, to slow down the measurement it is compared with) are interference.

use crate::{Api, Starter};
use benchmarking_starter::LINE_PRICES;
use criterion::Criterion;
use fastrand::Rng;
use grader_kit::Task;
use grader_kit::clocks::CpuStamp;
use grader_kit::correctness::{Case, check_all};
use grader_kit::inputs::AWKWARD_SIZES;
use grader_kit::measure::MIN_ROUNDS;
use grader_kit::protocol::{Evidence, Goal, Measurement, Mismatch, Request, Response, Verdict};
use grader_kit::spec::Check;
use grader_kit::stats;
use grader_kit::task::calls_for;
use std::hint::black_box;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// Rounds at most, whatever the budget (each runs the learner's benchmark once per workload).
const MAX_ROUNDS: usize = 60;

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

/// A round whose timed batches saw other threads of the process on a CPU for more than this
/// share of their time was disturbed.
const DISTURBED_SHARE: f64 = 0.25;

/// Interference is called when at least this share of the rounds was disturbed.
const INTERFERING_ROUNDS: f64 = 0.5;

/// What to do when the benchmark ran nothing the grader can read.
const BENCH_ADVICE: &str = "Time the function `bench_total_cents` is given (its parameter `total_cents`) with \
     `c.bench_function(\"total_cents\", |b| …)`, and nothing else.";

/// A function the learner's benchmark is run on, and the grader times on its own.
#[derive(Debug, Clone, Copy)]
pub struct Workload {
    /// What it computes, in words.
    pub name: &'static str,
    /// The function, as the benchmark receives it.
    pub run: fn(&str) -> u64,
}

/// The functions the learner's benchmark must time right: the subject's `total_cents`, and the
/// same on the first quarter of the line (a quarter of the work, on the same input).
pub fn workloads<S: Api>() -> [Workload; 2] {
    [
        Workload {
            name: "total_cents",
            run: S::total_cents,
        },
        Workload {
            name: "total_cents of the line's first quarter",
            run: first_quarter::<S>,
        },
    ]
}

/// `total_cents` of the first quarter of `line` (by bytes; the whole line when the cut would
/// split a character).
fn first_quarter<S: Api>(line: &str) -> u64 {
    S::total_cents(line.get(..line.len() / 4).unwrap_or(line))
}

/// The `honest-benchmark` task for subject `S`.
#[derive(Debug, Default)]
pub struct HonestBenchmarkTask<S> {
    /// Where criterion writes its estimates; `CRITERION_HOME` when not given.
    home: Option<PathBuf>,
    subject: PhantomData<S>,
}

impl<S> HonestBenchmarkTask<S> {
    /// The task, with criterion's output in `CRITERION_HOME` (the grader sets it).
    pub fn new() -> Self {
        HonestBenchmarkTask {
            home: None,
            subject: PhantomData,
        }
    }

    /// The task, with criterion's output in `home`.
    pub fn with_home(home: PathBuf) -> Self {
        HonestBenchmarkTask {
            home: Some(home),
            subject: PhantomData,
        }
    }
}

/// What a request asks of this task: the accuracy check, and the guard if any, with their
/// positions in the request.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Plan {
    accuracy: (usize, f64),
    guard: Option<(usize, usize, f64)>,
}

impl Plan {
    fn from_checks(checks: &[Check]) -> Result<Plan, String> {
        let (mut accuracy, mut guard) = (None, None);
        for (i, check) in checks.iter().enumerate() {
            match check {
                Check::BenchmarkAccuracy { tolerance } if accuracy.is_none() => {
                    accuracy = Some((i, *tolerance))
                }
                Check::NoSlower { n, factor } if guard.is_none() => guard = Some((i, *n, *factor)),
                other => {
                    return Err(format!(
                        "honest-benchmark cannot grade this {} check",
                        other.metric()
                    ));
                }
            }
        }
        let accuracy = accuracy.ok_or("honest-benchmark needs one benchmark-accuracy check")?;
        Ok(Plan { accuracy, guard })
    }
}

/// Why the measurement stopped before a verdict.
#[derive(Debug)]
enum Stop {
    Mismatch(Mismatch),
    Interfered(String),
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
        let plan = match Plan::from_checks(&request.checks) {
            Ok(plan) => plan,
            Err(message) => return Response::Error { message },
        };
        let home = match self
            .home
            .clone()
            .or_else(|| std::env::var_os("CRITERION_HOME").map(PathBuf::from))
        {
            Some(home) => home,
            None => {
                return Response::Error {
                    message: "CRITERION_HOME is not set".into(),
                };
            }
        };
        let budget = Duration::from_secs_f64(request.budget_s);
        match measure::<S>(plan, &home, &mut rng, budget) {
            Ok(measurements) => Response::Measured {
                cases: count,
                measurements,
            },
            Err(Stop::Mismatch(mismatch)) => Response::WrongAnswer(mismatch),
            Err(Stop::Interfered(message)) => Response::Interfered { message },
        }
    }
}

/// One workload's figures, round by round: the learner's benchmark and the grader's own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Track {
    /// Seconds per iteration according to the learner's benchmark.
    pub claimed: Vec<f64>,
    /// Seconds per call measured by the grader.
    pub measured: Vec<f64>,
}

impl Track {
    /// The per-round ratios claimed / measured.
    pub fn ratios(&self) -> Vec<f64> {
        self.claimed
            .iter()
            .zip(&self.measured)
            .map(|(c, m)| c / m)
            .collect()
    }
}

/// The guard's figures, round by round: seconds per call of the starter and of the subject.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GuardTrack {
    /// The frozen starter's `total_cents`.
    pub starter: Vec<f64>,
    /// The subject's `total_cents`.
    pub subject: Vec<f64>,
}

impl GuardTrack {
    /// The per-round ratios starter / subject (below 1: the subject is slower).
    pub fn ratios(&self) -> Vec<f64> {
        self.starter
            .iter()
            .zip(&self.subject)
            .map(|(s, j)| s / j)
            .collect()
    }
}

/// The goal of the accuracy check.
pub fn accuracy_goal(tolerance: f64) -> Goal {
    Goal::Between(1.0 - tolerance, 1.0 + tolerance)
}

/// The goal of the guard.
pub fn guard_goal(factor: f64) -> Goal {
    Goal::AtLeast(1.0 / factor)
}

/// The median's interval of `samples` and its verdict against `goal` (NaN and inconclusive
/// while there are too few samples).
fn interval(samples: &[f64], goal: Goal) -> (f64, f64, Verdict) {
    match stats::median_interval(samples, stats::CONFIDENCE) {
        Some((low, high)) => (low, high, stats::decide(low, high, goal)),
        None => (f64::NAN, f64::NAN, Verdict::Inconclusive),
    }
}

/// The accuracy measurement over every workload: the benchmark passes only when its figure is
/// right for each. The measurement shown is the one that decides: the first workload whose
/// figure is wrong, else the first undecided one, else the first (`total_cents` itself).
pub fn accuracy(tracks: &[Track], goal: Goal) -> Measurement {
    let verdicts: Vec<Verdict> = tracks.iter().map(|t| interval(&t.ratios(), goal).2).collect();
    let shown = verdicts
        .iter()
        .position(|v| *v == Verdict::Fail)
        .or_else(|| verdicts.iter().position(|v| *v == Verdict::Inconclusive))
        .unwrap_or(0);
    let track = &tracks[shown];
    let ratios = track.ratios();
    let (low, high, verdict) = interval(&ratios, goal);
    Measurement {
        metric: "benchmark-accuracy".into(),
        value: stats::median(&ratios),
        low,
        high,
        confidence: stats::CONFIDENCE,
        unit: "x".into(),
        goal,
        verdict,
        samples: ratios.len(),
        evidence: Evidence::BenchmarkFigure {
            claimed_seconds: stats::median(&track.claimed),
            measured_seconds: stats::median(&track.measured),
        },
    }
}

/// The guard's measurement: the subject's `total_cents` against the starter's, at `n` prices.
pub fn guard(n: usize, factor: f64, track: &GuardTrack) -> Measurement {
    let goal = guard_goal(factor);
    let ratios = track.ratios();
    let (low, high, verdict) = interval(&ratios, goal);
    Measurement {
        metric: "no-slower".into(),
        value: stats::median(&ratios),
        low,
        high,
        confidence: stats::CONFIDENCE,
        unit: "x".into(),
        goal,
        verdict,
        samples: ratios.len(),
        evidence: Evidence::Timings {
            n,
            starter_seconds: stats::median(&track.starter),
            subject_seconds: stats::median(&track.subject),
        },
    }
}

/// Whether the rounds so far settle everything: every check decided, or one failed (the task
/// fails whatever the others say).
pub fn settled(verdicts: &[Verdict]) -> bool {
    verdicts.contains(&Verdict::Fail) || verdicts.iter().all(|v| *v == Verdict::Pass)
}

/// The interference found in the rounds' shares of other threads' CPU time, if any.
pub fn interference(shares: &[f64]) -> Option<String> {
    let rounds = shares.len();
    let disturbed = shares.iter().filter(|&&s| s > DISTURBED_SHARE).count();
    if rounds == 0 || (disturbed as f64) < INTERFERING_ROUNDS * rounds as f64 {
        return None;
    }
    Some(format!(
        "while the grader timed total_cents, other threads of the process were running (on average {:.0}% of its time, more than {:.0}% in {disturbed} of {rounds} rounds): your benchmark leaves threads busy after it returns, which slows down the measurement its figure is compared with. Join every thread you start before `bench_total_cents` returns.",
        100.0 * stats::median(shares),
        100.0 * DISTURBED_SHARE,
    ))
}

/// Rounds of: the learner's benchmark and the grader's measurement on each workload, in
/// alternating order, then the guard's pair of timings, also alternating; until every check is
/// decided, one fails, or the budget is spent. Returns the measurements in the request's order.
fn measure<S: Api>(
    plan: Plan,
    home: &Path,
    rng: &mut Rng,
    budget: Duration,
) -> Result<Vec<Measurement>, Stop> {
    let started = Instant::now();
    let (position, tolerance) = plan.accuracy;
    let goal = accuracy_goal(tolerance);
    let workloads = workloads::<S>();
    let mut tracks = vec![Track::default(); workloads.len()];
    let mut guard_track = GuardTrack::default();
    let mut shares = Vec::new();
    for round in 0..MAX_ROUNDS {
        let mut round_shares = Vec::new();
        for (i, (workload, track)) in workloads.iter().zip(&mut tracks).enumerate() {
            let (claimed, (measured, share)) = if (round + i).is_multiple_of(2) {
                let l = learner_figure::<S>(home, workload).map_err(Stop::Mismatch)?;
                (l, grader_figure(rng, workload.run, LINE_PRICES))
            } else {
                let g = grader_figure(rng, workload.run, LINE_PRICES);
                (learner_figure::<S>(home, workload).map_err(Stop::Mismatch)?, g)
            };
            track.claimed.push(claimed);
            track.measured.push(measured);
            round_shares.push(share);
        }
        if let Some((_, n, _)) = plan.guard {
            let (starter, subject) = if round.is_multiple_of(2) {
                let s = grader_figure(rng, Starter::total_cents, n);
                (s, grader_figure(rng, S::total_cents, n))
            } else {
                let j = grader_figure(rng, S::total_cents, n);
                (grader_figure(rng, Starter::total_cents, n), j)
            };
            guard_track.starter.push(starter.0);
            guard_track.subject.push(subject.0);
            round_shares.extend([starter.1, subject.1]);
        }
        shares.push(stats::median(&round_shares));
        if round + 1 < MIN_ROUNDS {
            continue;
        }
        let mut verdicts: Vec<Verdict> = tracks.iter().map(|t| interval(&t.ratios(), goal).2).collect();
        if let Some((_, _, factor)) = plan.guard {
            verdicts.push(interval(&guard_track.ratios(), guard_goal(factor)).2);
        }
        if settled(&verdicts) || started.elapsed() >= budget {
            break;
        }
    }
    if let Some(message) = interference(&shares) {
        return Err(Stop::Interfered(message));
    }
    let mut measurements = vec![(position, accuracy(&tracks, goal))];
    if let Some((position, n, factor)) = plan.guard {
        measurements.push((position, guard(n, factor, &guard_track)));
    }
    measurements.sort_by_key(|(i, _)| *i);
    Ok(measurements.into_iter().map(|(_, m)| m).collect())
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
fn learner_figure<S: Api>(home: &Path, workload: &Workload) -> Result<f64, Mismatch> {
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
fn grader_figure(rng: &mut Rng, f: fn(&str) -> u64, prices: usize) -> (f64, f64) {
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

    /// ±`spread` of multiplicative noise, deterministic in the round number.
    fn jitter(round: usize, spread: f64) -> f64 {
        1.0 + spread * (((round * 7919) % 101) as f64 / 50.0 - 1.0)
    }

    /// `rounds` rounds of a workload whose true time is `truth` and whose benchmark reads
    /// `claimed(truth)`.
    fn track(rounds: usize, truth: f64, claimed: impl Fn(f64) -> f64) -> Track {
        let measured: Vec<f64> = (0..rounds).map(|r| truth * jitter(r, 0.05)).collect();
        Track {
            claimed: (0..rounds)
                .map(|r| claimed(truth) * jitter(r + 7, 0.05))
                .collect(),
            measured,
        }
    }

    /// The figures of the real starter, measured: making the line costs 3.1× totalling it.
    const MAKE_LINE: f64 = 3.1 * 32e-6;
    const TOTAL: f64 = 32e-6;
    const QUARTER: f64 = TOTAL / 4.0;

    #[test]
    fn an_honest_benchmark_passes_on_both_workloads() {
        let tracks = [track(12, TOTAL, |t| 0.95 * t), track(12, QUARTER, |t| 0.9 * t)];
        let m = accuracy(&tracks, accuracy_goal(0.4));
        assert_eq!(m.verdict, Verdict::Pass);
        assert_eq!(m.metric, "benchmark-accuracy");
        // The measurement shown is `total_cents` itself.
        let Evidence::BenchmarkFigure { measured_seconds, .. } = m.evidence else {
            panic!("{:?}", m.evidence)
        };
        assert!(
            (measured_seconds / TOTAL - 1.0).abs() < 0.06,
            "{measured_seconds}"
        );
    }

    #[test]
    fn the_lying_benchmark_fails_and_shows_total_cents() {
        let tracks = [
            track(12, TOTAL, |t| t + MAKE_LINE),
            track(12, QUARTER, |t| t + MAKE_LINE),
        ];
        let m = accuracy(&tracks, accuracy_goal(0.4));
        assert_eq!(m.verdict, Verdict::Fail);
        assert!((m.value - 4.1).abs() < 0.3, "{}", m.value);
    }

    #[test]
    fn a_lie_divided_by_a_constant_fails_on_the_quarter() {
        // The constant that makes the lie right for `total_cents`: 4.1.
        let fudge = (TOTAL + MAKE_LINE) / TOTAL;
        let tracks = [
            track(12, TOTAL, |t| (t + MAKE_LINE) / fudge),
            track(12, QUARTER, |t| (t + MAKE_LINE) / fudge),
        ];
        assert_eq!(
            interval(&tracks[0].ratios(), accuracy_goal(0.4)).2,
            Verdict::Pass,
            "right for total_cents"
        );
        let m = accuracy(&tracks, accuracy_goal(0.4));
        assert_eq!(m.verdict, Verdict::Fail);
        // The shown figures are the quarter's: 3.3× its true time.
        assert!((m.value - 3.3).abs() < 0.3, "{}", m.value);
        let Evidence::BenchmarkFigure { measured_seconds, .. } = m.evidence else {
            panic!("{:?}", m.evidence)
        };
        assert!((measured_seconds / QUARTER - 1.0).abs() < 0.06);
        // Whatever the constant, one of the two is wrong by more than the tolerance allows.
        for fudge in [1.0, 2.0, 3.0, 4.1, 6.0, 13.0, 20.0] {
            let tracks = [
                track(12, TOTAL, |t| (t + MAKE_LINE) / fudge),
                track(12, QUARTER, |t| (t + MAKE_LINE) / fudge),
            ];
            assert_eq!(
                accuracy(&tracks, accuracy_goal(0.4)).verdict,
                Verdict::Fail,
                "÷ {fudge}"
            );
        }
    }

    #[test]
    fn a_slowed_total_cents_fails_the_guard() {
        // Ten times slower: the lie's extra work vanishes in it, and the figure reads ≈ 1.3×.
        let slow = 10.0 * TOTAL;
        let track = GuardTrack {
            starter: (0..12).map(|r| TOTAL * jitter(r, 0.05)).collect(),
            subject: (0..12).map(|r| slow * jitter(r + 3, 0.05)).collect(),
        };
        let m = guard(LINE_PRICES, 1.5, &track);
        assert_eq!(m.verdict, Verdict::Fail);
        assert_eq!(m.metric, "no-slower");
        assert!((m.value - 0.1).abs() < 0.02, "{}", m.value);
        let same = GuardTrack {
            starter: track.starter.clone(),
            subject: (0..12).map(|r| TOTAL * jitter(r + 3, 0.05)).collect(),
        };
        assert_eq!(guard(LINE_PRICES, 1.5, &same).verdict, Verdict::Pass);
    }

    #[test]
    fn measuring_stops_once_settled() {
        use Verdict::{Fail, Inconclusive, Pass};
        assert!(settled(&[Pass, Pass, Pass]));
        assert!(settled(&[Pass, Fail, Inconclusive]));
        assert!(!settled(&[Pass, Inconclusive]));
    }

    #[test]
    fn busy_threads_during_the_graders_clock_are_interference() {
        assert_eq!(interference(&[0.0, 0.01, 0.3, 0.0]), None);
        let message = interference(&[0.9, 0.8, 0.0, 0.95]).unwrap();
        assert!(message.contains("3 of 4 rounds"), "{message}");
        assert!(message.contains("Join every thread"), "{message}");
    }

    #[test]
    fn plans_take_one_accuracy_check_and_an_optional_guard() {
        let accuracy = Check::BenchmarkAccuracy { tolerance: 0.4 };
        let no_slower = Check::NoSlower { n: 1000, factor: 1.5 };
        assert_eq!(
            Plan::from_checks(&[no_slower.clone(), accuracy.clone()]),
            Ok(Plan {
                accuracy: (1, 0.4),
                guard: Some((0, 1000, 1.5))
            })
        );
        assert!(Plan::from_checks(std::slice::from_ref(&no_slower)).is_err());
        assert!(Plan::from_checks(&[accuracy.clone(), accuracy]).is_err());
    }

    #[test]
    fn the_quarter_workload_reads_a_quarter_of_the_line() {
        let line = "1.00,2.00,3.00,4.00".to_string();
        // 19 bytes: the first quarter is "1.00".
        assert_eq!(first_quarter::<Starter>(&line), 100);
        let [total, quarter] = workloads::<Starter>();
        assert_eq!((total.run)(&line), 1000);
        assert_eq!((quarter.run)(&line), 100);
        // A cut inside a character keeps the whole line: "€" is 3 bytes of 7.
        assert_eq!(first_quarter::<Starter>("€,8.00"), 800);
    }
}
