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
//!
//! The grader's own figure and the run of the learner's benchmark are in `figures`, the
//! verdicts drawn from them in `judge`.

mod figures;
mod judge;

pub use figures::typical_seconds;
pub use judge::{GuardTrack, Track, accuracy, accuracy_goal, guard, guard_goal, interference, settled};

use crate::{Api, Starter};
use benchmarking_starter::LINE_PRICES;
use fastrand::Rng;
use figures::{grader_figure, learner_figure};
use grader_kit::Task;
use grader_kit::correctness::{Case, check_all};
use grader_kit::inputs::AWKWARD_SIZES;
use grader_kit::measure::MIN_ROUNDS;
use grader_kit::protocol::{Measurement, Mismatch, Request, Response, Verdict};
use grader_kit::spec::Check;
use grader_kit::stats;
use judge::interval;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Rounds at most, whatever the budget (each runs the learner's benchmark once per workload).
const MAX_ROUNDS: usize = 60;

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

#[cfg(test)]
mod tests {
    use super::*;

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
