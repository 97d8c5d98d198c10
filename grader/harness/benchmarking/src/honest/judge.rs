//! The verdicts drawn from a round's figures: the accuracy of the learner's figure on every
//! workload, the guard on `total_cents`'s own speed, when to stop, and interference.

use grader_kit::protocol::{Evidence, Goal, Measurement, Verdict};
use grader_kit::stats;

/// A round whose timed batches saw other threads of the process on a CPU for more than this
/// share of their time was disturbed.
const DISTURBED_SHARE: f64 = 0.25;

/// Interference is called when at least this share of the rounds was disturbed.
const INTERFERING_ROUNDS: f64 = 0.5;

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

/// The median's interval of `samples` and its verdict against `goal` (no interval and
/// inconclusive while there are too few samples).
pub(super) fn interval(samples: &[f64], goal: Goal) -> (Option<f64>, Option<f64>, Verdict) {
    match stats::median_interval(samples, stats::CONFIDENCE) {
        Some((low, high)) => (Some(low), Some(high), stats::decide(low, high, goal)),
        None => (None, None, Verdict::Inconclusive),
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
        value: Some(stats::median(&ratios)),
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
        value: Some(stats::median(&ratios)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use benchmarking_starter::LINE_PRICES;

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
        assert!((m.value.unwrap() - 4.1).abs() < 0.3, "{:?}", m.value);
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
        assert!((m.value.unwrap() - 3.3).abs() < 0.3, "{:?}", m.value);
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
        assert!((m.value.unwrap() - 0.1).abs() < 0.02, "{:?}", m.value);
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
}
