//! Task `crossover`: the learner benchmarks two lookups and records which wins at small and
//! large sizes, and from which size the hashed one wins. The grader times the same two
//! (frozen) functions itself and accepts the recorded crossover within a stated factor.

use crate::{Api, inputs};
use benchmarking_starter::{QUERIES, count_known_hashed, count_known_linear};
use fastrand::Rng;
use grader_kit::Task;
use grader_kit::clocks::CpuStamp;
use grader_kit::measure::{Policy, until_decided};
use grader_kit::protocol::{Evidence, Goal, Mismatch, Request, Response};
use grader_kit::spec::Check;
use grader_kit::stats;
use grader_kit::task::calls_for;
use serde::Deserialize;
use std::convert::Infallible;
use std::hint::black_box;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

/// Each timed sample aims at this much work.
const TARGET_SAMPLE: Duration = Duration::from_micros(500);

/// What to do when the findings are wrong or missing.
const ADVICE: &str = "Benchmark both lookups with `cargo bench -p benchmarking --bench lookup` at sizes from 4 to 4096, \
     then record what you measured in exercises/benchmarking/findings.toml.";

/// The learner's `findings.toml`.
#[derive(Debug, Deserialize)]
struct Findings {
    faster_at_small_n: String,
    faster_at_large_n: String,
    crossover_n: u64,
}

/// The `crossover` task for subject `S`.
#[derive(Debug, Default)]
pub struct CrossoverTask<S>(PhantomData<S>);

impl<S> CrossoverTask<S> {
    /// The task.
    pub fn new() -> Self {
        CrossoverTask(PhantomData)
    }
}

impl<S: Api> Task for CrossoverTask<S> {
    fn name(&self) -> &str {
        "crossover"
    }

    fn grade(&self, request: &Request) -> Response {
        let findings = match read_findings(S::FINDINGS) {
            Ok(f) => f,
            Err(mismatch) => return Response::WrongAnswer(mismatch),
        };
        let Some(Check::Crossover { sizes, within_factor }) = request.checks.first() else {
            return Response::Error {
                message: "crossover grades exactly one crossover check".into(),
            };
        };
        let goal = Goal::Between(1.0 / within_factor, *within_factor);
        let policy = Policy::with_budget(Duration::from_secs_f64(request.budget_s));
        let mut rng = Rng::with_seed(request.seed);
        let started = Instant::now();
        let mut ratios = vec![Vec::new(); sizes.len()];
        let mut crossovers = Vec::new();
        let mut shares = Vec::new();
        let claimed = findings.crossover_n as f64;
        let sequence = until_decided(goal, policy, |pass| {
            let (pass_ratios, pass_shares): (Vec<f64>, Vec<f64>) = sizes
                .iter()
                .map(|&n| hashed_over_linear(&mut rng, n, pass))
                .unzip();
            shares.push(stats::median(&pass_shares));
            for (all, r) in ratios.iter_mut().zip(&pass_ratios) {
                all.push(*r);
            }
            let crossover = crossover(sizes, &pass_ratios);
            crossovers.push(crossover);
            Ok::<_, Infallible>((Some(claimed / crossover), started.elapsed()))
        })
        .unwrap_or_else(|never| match never {});
        if let Some(message) = interference(&shares) {
            return Response::Interfered { message };
        }
        let medians: Vec<f64> = ratios.iter().map(|r| stats::median(r)).collect();
        let measured = stats::median(&crossovers);

        // The two directions are not a matter of degree: wrong is wrong.
        let small = if medians[0] > 1.0 { "linear" } else { "hashed" };
        let large = if medians[medians.len() - 1] > 1.0 {
            "linear"
        } else {
            "hashed"
        };
        for (key, answer, truth, n, ratio) in [
            (
                "faster_at_small_n",
                &findings.faster_at_small_n,
                small,
                sizes[0],
                medians[0],
            ),
            (
                "faster_at_large_n",
                &findings.faster_at_large_n,
                large,
                sizes[sizes.len() - 1],
                medians[medians.len() - 1],
            ),
        ] {
            if answer.trim().to_lowercase() != truth {
                return Response::WrongAnswer(Mismatch {
                    case: format!("findings.toml: {key}"),
                    input: format!("n = {n}: hashed takes {ratio:.2}× the time of linear"),
                    expected: format!("{truth:?}"),
                    actual: format!("{answer:?}"),
                    difference: format!("at n = {n} the measurement says {truth} is faster"),
                    advice: Some(ADVICE.into()),
                });
            }
        }
        let evidence = Evidence::Crossover {
            first: "linear".into(),
            second: "hashed".into(),
            sizes: sizes.clone(),
            ratios: medians,
            measured,
            claimed,
        };
        let measurement = sequence.into_measurement("crossover", "x", goal, policy.confidence, evidence);
        Response::Measured {
            cases: 0,
            measurements: vec![measurement],
        }
    }
}

/// Parses the findings; an unfilled or unreadable file is a wrong answer with a clear message.
fn read_findings(text: &str) -> Result<Findings, Mismatch> {
    let problem = |actual: String, difference: &str| Mismatch {
        case: "findings.toml".into(),
        input: "exercises/benchmarking/findings.toml".into(),
        expected: "faster_at_small_n, faster_at_large_n and crossover_n from your own benchmark".into(),
        actual,
        difference: difference.into(),
        advice: Some(ADVICE.into()),
    };
    let findings: Findings =
        toml::from_str(text).map_err(|e| problem(e.message().to_string(), "it does not parse"))?;
    let unfilled = [
        findings.faster_at_small_n.trim().is_empty(),
        findings.faster_at_large_n.trim().is_empty(),
    ];
    if findings.crossover_n == 0 || unfilled.contains(&true) {
        let actual = format!(
            "faster_at_small_n = {:?}, faster_at_large_n = {:?}, crossover_n = {}",
            findings.faster_at_small_n, findings.faster_at_large_n, findings.crossover_n
        );
        return Err(problem(actual, "it is not filled in yet"));
    }
    Ok(findings)
}

/// The crossover of one pass, defined as `findings.toml` asks for it: the smallest measured size
/// from which on the hashed lookup is faster (ratio below 1 there and at every larger size).
/// Beyond the measured range it is twice the largest size; below it, half the smallest.
pub fn crossover(sizes: &[usize], ratios: &[f64]) -> f64 {
    let faster_from = (0..sizes.len()).rev().take_while(|&i| ratios[i] < 1.0).last();
    match faster_from {
        Some(0) => sizes[0] as f64 / 2.0,
        Some(i) => sizes[i] as f64,
        None => 2.0 * sizes[sizes.len() - 1] as f64,
    }
}

/// Calls per timed sample at most: each call gets its own fresh input.
const MAX_CALLS: usize = 64;

/// A pass whose timed samples saw other threads of the process on a CPU for more than this
/// share of their time was disturbed.
const DISTURBED_SHARE: f64 = 0.25;

/// Interference is called when at least this share of the passes was disturbed.
const INTERFERING_PASSES: f64 = 0.5;

/// The interference found in the passes' shares of other threads' CPU time, if any. Nothing of
/// the learner's runs in this task, so nothing of the process should run beside the clock.
pub fn interference(shares: &[f64]) -> Option<String> {
    let passes = shares.len();
    let disturbed = shares.iter().filter(|&&s| s > DISTURBED_SHARE).count();
    if passes == 0 || (disturbed as f64) < INTERFERING_PASSES * passes as f64 {
        return None;
    }
    Some(format!(
        "while the grader timed the two lookups, other threads of the process were running (on average {:.0}% of the time, more than {:.0}% in {disturbed} of {passes} passes): something in your crate starts threads that disturb the measurement.",
        100.0 * stats::median(shares),
        100.0 * DISTURBED_SHARE,
    ))
}

/// One interleaved measurement at size `n`: time of the hashed lookup over the linear one,
/// each call on a fresh input made before the clock starts (as the bench does it); and the
/// share of the timed samples' time that other threads of the process spent on a CPU.
fn hashed_over_linear(rng: &mut Rng, n: usize, pass: usize) -> (f64, f64) {
    let mut others = 0.0;
    let mut wall = 0.0;
    let mut time = |f: fn(&[u32], &[u32]) -> usize| {
        let (known, queries) = lookup_input(rng, n);
        let once = Instant::now();
        black_box(f(black_box(&known), black_box(&queries)));
        let calls = calls_for(TARGET_SAMPLE, once.elapsed().as_secs_f64(), MAX_CALLS);
        let inputs: Vec<(Vec<u32>, Vec<u32>)> = (0..calls).map(|_| lookup_input(rng, n)).collect();
        let stamp = CpuStamp::now();
        let start = Instant::now();
        for (known, queries) in &inputs {
            black_box(f(black_box(known), black_box(queries)));
        }
        let seconds = start.elapsed().as_secs_f64();
        others += stamp.others_since().as_secs_f64();
        wall += seconds;
        seconds / calls as f64
    };
    let (linear, hashed) = if pass.is_multiple_of(2) {
        let l = time(count_known_linear);
        (l, time(count_known_hashed))
    } else {
        let h = time(count_known_hashed);
        (time(count_known_linear), h)
    };
    (hashed / linear, others / f64::max(wall, 1e-9))
}

/// The inputs of one call at size `n`: `n` known IDs and [`QUERIES`] queries, half of them
/// known, in random order (a predictable hit/miss pattern would let the branch predictor
/// flatter one side), as the exercise's benchmark makes them.
pub fn lookup_input(rng: &mut Rng, n: usize) -> (Vec<u32>, Vec<u32>) {
    inputs::lookup_inputs(rng, n, QUERIES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crossover_is_the_smallest_size_from_which_hashed_wins() {
        let sizes = [4, 8, 16, 32];
        assert_eq!(crossover(&sizes, &[4.0, 2.0, 0.5, 0.25]), 16.0);
        assert_eq!(crossover(&sizes, &[4.0, 3.0, 2.0, 1.5]), 64.0);
        assert_eq!(crossover(&sizes, &[0.5, 0.4, 0.3, 0.2]), 2.0);
        // Noise that dips below 1 and back: hashed wins only from 16 on.
        assert_eq!(crossover(&sizes, &[0.9, 1.2, 0.8, 0.5]), 16.0);
    }

    #[test]
    fn busy_threads_beside_the_clock_are_interference() {
        assert_eq!(interference(&[0.0, 0.3, 0.01, 0.0]), None);
        let message = interference(&[0.5, 0.6, 0.01, 0.7]).unwrap();
        assert!(message.contains("3 of 4 passes"), "{message}");
    }

    #[test]
    fn unfilled_findings_are_explained() {
        let err = read_findings("faster_at_small_n = \"\"\nfaster_at_large_n = \"\"\ncrossover_n = 0\n")
            .unwrap_err();
        assert_eq!(err.difference, "it is not filled in yet");
        assert!(err.actual.contains("crossover_n = 0"), "{}", err.actual);
        let err = read_findings("crossover_n = \"many\"").unwrap_err();
        assert_eq!(err.difference, "it does not parse");
        let ok = read_findings(
            "faster_at_small_n = \"linear\"\nfaster_at_large_n = \"hashed\"\ncrossover_n = 64\n",
        );
        assert_eq!(ok.unwrap().crossover_n, 64);
    }

    #[test]
    fn lookup_inputs_are_half_known() {
        let (known, queries) = lookup_input(&mut Rng::with_seed(1), 64);
        assert_eq!(known.len(), 64);
        let hits = queries.iter().filter(|q| known.contains(q)).count();
        assert_eq!(hits, QUERIES / 2);
        // Shuffled: hits do not simply alternate with misses.
        let alternating = queries
            .iter()
            .enumerate()
            .filter(|(i, q)| known.contains(q) == (i % 2 == 0))
            .count();
        assert!(
            alternating < QUERIES * 3 / 4,
            "{alternating} of {QUERIES} follow the alternation"
        );
    }
}
