//! The sequential measuring procedures. They see timings only through [`Sampler`], so tests
//! drive them with scripted numbers and the real harness drives them with code under a clock.

use crate::protocol::{Evidence, Goal, Measurement, Mismatch, Verdict};
use crate::spec::ComplexityClass;
use crate::stats;
use std::time::Duration;

/// Rounds measured before any verdict is drawn: at 99% confidence the order-statistic
/// interval needs at least 8 samples, and 10 keeps one disturbed round from deciding.
pub const MIN_ROUNDS: usize = 10;

/// A hard cap on rounds, whatever the budget, so a verdict never waits forever.
pub const MAX_ROUNDS: usize = 400;

/// An exact figure (a count, a heap figure, findings): its interval is the point itself, one
/// sample, confidence 1, judged against `goal`.
pub fn exact(metric: &str, unit: &str, value: f64, goal: Goal, evidence: Evidence) -> Measurement {
    Measurement {
        metric: metric.into(),
        value: Some(value),
        low: Some(value),
        high: Some(value),
        confidence: 1.0,
        unit: unit.into(),
        goal,
        verdict: stats::decide(value, value, goal),
        samples: 1,
        evidence,
    }
}

/// A source of paired timings.
pub trait Sampler {
    /// Times the starter and the subject on fresh inputs of size `n` and returns their
    /// seconds per call as `(starter, subject)`. Even rounds run the starter first, odd rounds
    /// the subject first, so a drift in machine speed favours neither side. Fails when the two
    /// disagree on one of the inputs.
    fn round(&mut self, n: usize, round: usize) -> Result<(f64, f64), Mismatch>;

    /// Time spent since the sampler was created.
    fn elapsed(&self) -> Duration;
}

/// When a sequential measurement stops.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// Rounds before the first look at the interval.
    pub min_rounds: usize,
    /// Rounds after which the measurement stops, decided or not.
    pub max_rounds: usize,
    /// Time after which the measurement stops, decided or not (checked after `min_rounds`).
    pub budget: Duration,
    /// Confidence level of the interval.
    pub confidence: f64,
}

impl Policy {
    /// The standard policy with the given time budget.
    pub fn with_budget(budget: Duration) -> Self {
        Policy {
            min_rounds: MIN_ROUNDS,
            max_rounds: MAX_ROUNDS,
            budget,
            confidence: stats::CONFIDENCE,
        }
    }
}

/// The outcome of a sequential measurement: the samples, their median and its interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Sequence {
    /// Every sample drawn, in order.
    pub samples: Vec<f64>,
    /// The median: `None` when no sample was drawn.
    pub value: Option<f64>,
    /// The order-statistic interval, `(low, high)`: `None` when too few samples gave one.
    pub interval: Option<(f64, f64)>,
    /// The interval's verdict against the goal.
    pub verdict: Verdict,
}

/// Draws samples until the median's confidence interval decides against `goal`, or the policy
/// stops it (checked only after `min_rounds`). `draw(round)` returns the next sample (`None`
/// when the round gave none: it counts towards `max_rounds`, not towards the samples) and the
/// time spent so far; it is the one place where the chapters' measurements differ.
pub fn until_decided<E>(
    goal: Goal,
    policy: Policy,
    mut draw: impl FnMut(usize) -> Result<(Option<f64>, Duration), E>,
) -> Result<Sequence, E> {
    let mut samples = Vec::new();
    let (mut interval, mut verdict) = (None, Verdict::Inconclusive);
    for round in 0..policy.max_rounds {
        let (sample, elapsed) = draw(round)?;
        samples.extend(sample);
        if samples.len() < policy.min_rounds {
            continue;
        }
        if let Some((low, high)) = stats::median_interval(&samples, policy.confidence) {
            interval = Some((low, high));
            verdict = stats::decide(low, high, goal);
        }
        if verdict != Verdict::Inconclusive || elapsed >= policy.budget {
            break;
        }
    }
    Ok(Sequence {
        value: (!samples.is_empty()).then(|| stats::median(&samples)),
        samples,
        interval,
        verdict,
    })
}

impl Sequence {
    /// The measurement this sequence makes, with its metric, unit, goal and evidence.
    pub fn into_measurement(
        self,
        metric: &str,
        unit: &str,
        goal: Goal,
        confidence: f64,
        evidence: Evidence,
    ) -> Measurement {
        let (low, high) = self.interval.unzip();
        Measurement {
            metric: metric.into(),
            value: self.value,
            low,
            high,
            confidence,
            unit: unit.into(),
            goal,
            verdict: self.verdict,
            samples: self.samples.len(),
            evidence,
        }
    }
}

/// Interleaved A/B rounds at size `n` until the speed-up's interval decides against `at_least`
/// or the budget runs out. The speed-up is the median of per-round ratios starter/subject.
pub fn measure_speedup(
    sampler: &mut impl Sampler,
    n: usize,
    at_least: f64,
    policy: Policy,
) -> Result<Measurement, Mismatch> {
    let goal = Goal::AtLeast(at_least);
    let start = sampler.elapsed();
    let (mut starter, mut subject) = (Vec::new(), Vec::new());
    let ratios = until_decided(goal, policy, |round| {
        let (s, j) = sampler.round(n, round)?;
        starter.push(s);
        subject.push(j);
        Ok((Some(s / j), sampler.elapsed() - start))
    })?;
    let evidence = Evidence::Timings {
        n,
        starter_seconds: stats::median(&starter),
        subject_seconds: stats::median(&subject),
    };
    Ok(ratios.into_measurement("speedup", "x", goal, policy.confidence, evidence))
}

/// Repeated passes over `sizes` (each pass interleaving starter and subject at every size);
/// each pass yields one log-log slope per side. The subject's median slope, with its interval,
/// is judged against the class's ceiling.
pub fn measure_complexity(
    sampler: &mut impl Sampler,
    sizes: &[usize],
    target: ComplexityClass,
    policy: Policy,
) -> Result<Measurement, Mismatch> {
    let goal = Goal::AtMost(target.max_exponent());
    let start = sampler.elapsed();
    let mut starter_times = vec![Vec::new(); sizes.len()];
    let mut subject_times = vec![Vec::new(); sizes.len()];
    let mut starter_slopes = Vec::new();
    let slopes = until_decided(goal, policy, |pass| {
        let (mut starter_pass, mut subject_pass) = (Vec::new(), Vec::new());
        for (i, &n) in sizes.iter().enumerate() {
            let (s, j) = sampler.round(n, pass + i)?;
            starter_times[i].push(s);
            subject_times[i].push(j);
            starter_pass.push((n as f64, s));
            subject_pass.push((n as f64, j));
        }
        starter_slopes.extend(stats::loglog_slope(&starter_pass));
        // Every pass has a slope: the manifest's sizes are distinct (each double the last). A
        // pass that had none gives no sample.
        let slope = stats::loglog_slope(&subject_pass);
        Ok((slope, sampler.elapsed() - start))
    })?;
    let medians = |times: &[Vec<f64>]| times.iter().map(|t| stats::median(t)).collect();
    let evidence = Evidence::Curves {
        sizes: sizes.to_vec(),
        starter_seconds: medians(&starter_times),
        subject_seconds: medians(&subject_times),
        starter_exponent: stats::median(&starter_slopes),
        target,
    };
    Ok(slopes.into_measurement("complexity", "exponent", goal, policy.confidence, evidence))
}

/// A sampler that replays a formula: the mock behind the procedures' tests, public so that
/// report tests elsewhere can build realistic measurements without a clock.
#[derive(Debug)]
pub struct ScriptedSampler<F> {
    script: F,
    clock: Duration,
}

impl<F: FnMut(usize, usize) -> (f64, f64)> ScriptedSampler<F> {
    /// `script(n, round)` returns the `(starter, subject)` seconds per call for that round.
    pub fn new(script: F) -> Self {
        ScriptedSampler {
            script,
            clock: Duration::ZERO,
        }
    }
}

impl<F: FnMut(usize, usize) -> (f64, f64)> Sampler for ScriptedSampler<F> {
    fn round(&mut self, n: usize, round: usize) -> Result<(f64, f64), Mismatch> {
        let (s, j) = (self.script)(n, round);
        self.clock += Duration::from_secs_f64(s + j);
        Ok((s, j))
    }

    fn elapsed(&self) -> Duration {
        self.clock
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy::with_budget(Duration::from_secs(2))
    }

    /// ±`spread` of multiplicative noise, deterministic in the round number.
    fn jitter(round: usize, spread: f64) -> f64 {
        1.0 + spread * (((round * 7919) % 101) as f64 / 50.0 - 1.0)
    }

    #[test]
    fn a_clear_speedup_passes_after_the_minimum_rounds() {
        let mut s = ScriptedSampler::new(|_, r| (0.010 * jitter(r, 0.1), 0.0001));
        let m = measure_speedup(&mut s, 4000, 10.0, policy()).unwrap();
        assert_eq!(m.verdict, Verdict::Pass);
        assert_eq!(m.samples, MIN_ROUNDS);
        let (low, value, high) = (m.low.unwrap(), m.value.unwrap(), m.high.unwrap());
        assert!(low <= value && value <= high);
        assert!((value - 100.0).abs() < 10.0, "{value}");
    }

    #[test]
    fn the_starter_against_itself_fails() {
        let mut s = ScriptedSampler::new(|_, r| (0.010 * jitter(r, 0.1), 0.010 * jitter(r + 3, 0.1)));
        let m = measure_speedup(&mut s, 4000, 10.0, policy()).unwrap();
        assert_eq!(m.verdict, Verdict::Fail);
        assert!(m.high.unwrap() < 10.0);
    }

    #[test]
    fn a_speedup_at_the_threshold_is_inconclusive_when_the_budget_ends() {
        let mut s = ScriptedSampler::new(|_, r| (0.010 * jitter(r, 0.3), 0.001));
        let m = measure_speedup(&mut s, 4000, 10.0, policy()).unwrap();
        assert_eq!(m.verdict, Verdict::Inconclusive);
        assert!(m.low.unwrap() < 10.0 && m.high.unwrap() >= 10.0);
        // Stopped by the budget: 2 s of 11 ms rounds is about 180 rounds.
        assert!(m.samples > 100 && m.samples < MAX_ROUNDS, "{}", m.samples);
    }

    #[test]
    fn a_mismatch_during_timing_stops_the_measurement() {
        struct Wrong;
        impl Sampler for Wrong {
            fn round(&mut self, _: usize, round: usize) -> Result<(f64, f64), Mismatch> {
                Err(Mismatch {
                    case: format!("timed round {round}"),
                    input: "[1]".into(),
                    expected: "1".into(),
                    actual: "2".into(),
                    difference: "1 ≠ 2".into(),
                    advice: None,
                })
            }
            fn elapsed(&self) -> Duration {
                Duration::ZERO
            }
        }
        let err = measure_speedup(&mut Wrong, 10, 2.0, policy()).unwrap_err();
        assert_eq!(err.case, "timed round 0");
    }

    #[test]
    fn complexity_tells_linear_from_quadratic() {
        let sizes = [1000, 2000, 4000, 8000];
        let mut linear = ScriptedSampler::new(|n, r| {
            let n = n as f64;
            (1e-9 * n * n * jitter(r, 0.05), 1e-8 * n * jitter(r + 5, 0.05))
        });
        let m = measure_complexity(&mut linear, &sizes, ComplexityClass::Linearithmic, policy()).unwrap();
        assert_eq!(m.verdict, Verdict::Pass);
        assert!((m.value.unwrap() - 1.0).abs() < 0.1, "{:?}", m.value);
        let Evidence::Curves {
            starter_exponent,
            subject_seconds,
            ..
        } = &m.evidence
        else {
            panic!("complexity evidence is curves");
        };
        assert!((starter_exponent - 2.0).abs() < 0.1);
        assert_eq!(subject_seconds.len(), sizes.len());

        let mut quadratic =
            ScriptedSampler::new(|n, r| (1e-9 * (n * n) as f64, 1e-9 * (n * n) as f64 * jitter(r, 0.05)));
        let m = measure_complexity(&mut quadratic, &sizes, ComplexityClass::Linearithmic, policy()).unwrap();
        assert_eq!(m.verdict, Verdict::Fail);
        assert!(m.low.unwrap() > 1.5);
    }
}
