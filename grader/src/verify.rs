//! The grader's own reading of a harness's measurements. The response is signed, so it comes
//! from the harness; still, no verdict is taken on trust: each requested check must have
//! exactly one measurement, of its metric, against the goal the manifest sets, and a pass must
//! follow from the figures. A shortfall here means the process was tampered with (or the
//! grader has a bug), and the task fails as interfered.

use grader_kit::heap::threshold;
use grader_kit::measure::MIN_ROUNDS;
use grader_kit::parallel;
use grader_kit::protocol::{Evidence, Goal, Measurement, Verdict};
use grader_kit::spec::Check;
use grader_kit::stats::decide;

/// The measurements in check order, each confirmed against its check; or what is wrong.
///
/// A task may stop at a broken property (a counted task's stale answer ends it): then fewer
/// measurements come back, in check order, and at least one of them must be a confirmed fail.
pub fn verify(checks: &[Check], measurements: Vec<Measurement>) -> Result<Vec<Measurement>, String> {
    let answered = measurements.len();
    let wrong_count = || {
        format!(
            "the harness answered {answered} measurements for {} checks",
            checks.len()
        )
    };
    if answered > checks.len() || answered == 0 && !checks.is_empty() {
        return Err(wrong_count());
    }
    let mut remaining = checks.iter();
    let mut confirmed = Vec::with_capacity(answered);
    for m in measurements {
        // The next check of this measurement's metric, skipping the ones a stop left out.
        let check = remaining
            .by_ref()
            .find(|c| c.metric() == m.metric)
            .ok_or_else(|| format!("a {} measurement that no remaining check asked for", m.metric))?;
        confirmed.push(confirm(check, m)?);
    }
    if answered < checks.len() && !confirmed.iter().any(|m| m.verdict == Verdict::Fail) {
        return Err(wrong_count());
    }
    Ok(confirmed)
}

fn confirm(check: &Check, m: Measurement) -> Result<Measurement, String> {
    let metric = check.metric();
    if m.metric != metric {
        return Err(format!(
            "a {} measurement stood where a {metric} check was asked",
            m.metric
        ));
    }
    let goal = expected_goal(check, &m.evidence)?;
    if !same_goal(goal, m.goal) {
        return Err(format!(
            "the {metric} goal {:?} is not the manifest's {goal:?}",
            m.goal
        ));
    }
    if m.verdict == Verdict::Pass && !pass_follows(check, &m, goal) {
        let shown = |x: Option<f64>| x.map_or_else(|| "?".to_string(), |x| x.to_string());
        return Err(format!(
            "a pass on {metric} that its figures do not support ({} in [{}, {}] against {goal:?}, {} samples)",
            shown(m.value),
            shown(m.low),
            shown(m.high),
            m.samples
        ));
    }
    Ok(m)
}

/// What the goal of `check` must be, given the figures it depends on.
fn expected_goal(check: &Check, evidence: &Evidence) -> Result<Goal, String> {
    Ok(match (check, evidence) {
        (Check::Speedup { at_least, .. }, _) => Goal::AtLeast(*at_least),
        (Check::NoSlower { factor, .. }, _) => Goal::AtLeast(1.0 / factor),
        (Check::Complexity { target, .. }, _) => Goal::AtMost(target.max_exponent()),
        (Check::Crossover { within_factor, .. }, _) => Goal::Between(1.0 / within_factor, *within_factor),
        (Check::BenchmarkAccuracy { tolerance }, _) => Goal::Between(1.0 - tolerance, 1.0 + tolerance),
        (Check::HotFunctions { truth, .. }, _) => Goal::AtLeast(truth.len() as f64),
        (Check::ProfileFindings { within_factor, .. }, _) => Goal::AtMost(*within_factor),
        (Check::Lints { at_most, .. }, _) => Goal::AtMost(*at_most as f64),
        (Check::Count { at_most, .. }, _) => Goal::AtMost(*at_most as f64),
        (Check::Throughput { at_least }, Evidence::Load { .. }) => Goal::AtLeast(*at_least),
        (Check::LightLatency { at_least, .. }, Evidence::Load { .. }) => Goal::AtLeast(*at_least),
        (Check::Diagnosis { truth, .. }, Evidence::Findings { .. }) => Goal::AtLeast(truth.len() as f64),
        (
            Check::PeakResident { at_most_ratio },
            Evidence::Resident {
                starter_bytes,
                threshold: claimed,
                ..
            },
        ) => {
            let expected = grader_kit::service::resident_threshold(*starter_bytes, *at_most_ratio);
            if expected != *claimed {
                return Err(format!(
                    "resident-memory threshold {claimed}, expected {expected} from the starter's {starter_bytes} bytes"
                ));
            }
            Goal::AtMost(expected as f64)
        }
        (Check::ParallelSpeedup { efficiency, .. }, Evidence::Parallel { cores, .. }) => {
            let here = parallel::cores();
            if *cores != here {
                return Err(format!("judged on {cores} cores, but this machine offers {here}"));
            }
            Goal::AtLeast(parallel::goal_for(here, *efficiency))
        }
        (
            Check::Heap {
                figure,
                at_most_ratio,
                at_most,
                ..
            },
            Evidence::Heap {
                figure: measured,
                starter,
                threshold: claimed,
                ..
            },
        ) => {
            let expected = threshold(*starter, *at_most_ratio, *at_most);
            if figure != measured || expected != *claimed {
                return Err(format!(
                    "heap evidence for {measured:?} with threshold {claimed}, expected {figure:?} and {expected}"
                ));
            }
            Goal::AtMost(expected as f64)
        }
        (check, evidence) => {
            return Err(format!(
                "{} evidence for a {} check",
                kind(evidence),
                check.metric()
            ));
        }
    })
}

/// Goals are equal when their bounds agree to rounding (they crossed JSON as decimals).
fn same_goal(a: Goal, b: Goal) -> bool {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    match (a, b) {
        (Goal::AtLeast(x), Goal::AtLeast(y)) | (Goal::AtMost(x), Goal::AtMost(y)) => close(x, y),
        (Goal::Between(x0, x1), Goal::Between(y0, y1)) => close(x0, y0) && close(x1, y1),
        _ => false,
    }
}

/// Whether a pass follows from the measurement's own figures.
fn pass_follows(check: &Check, m: &Measurement, goal: Goal) -> bool {
    if let (Check::ParallelSpeedup { .. }, Evidence::Parallel { cores: 1, .. }) = (check, &m.evidence) {
        // On one core a parallel task is graded on correctness alone.
        return true;
    }
    let timed = matches!(
        check,
        Check::Speedup { .. }
            | Check::NoSlower { .. }
            | Check::Complexity { .. }
            | Check::ParallelSpeedup { .. }
            | Check::Throughput { .. }
            | Check::LightLatency { .. }
    );
    let exact = matches!(
        check,
        Check::Heap { .. } | Check::Count { .. } | Check::PeakResident { .. } | Check::Diagnosis { .. }
    );
    // A figure that was not measured supports no pass.
    let (Some(value), Some(low), Some(high)) = (m.value, m.low, m.high) else {
        return false;
    };
    let ordered = low <= value && value <= high;
    let heap_agrees = match &m.evidence {
        Evidence::Heap { subject, .. } => *subject as f64 == value,
        Evidence::Resident { subject_bytes, .. } => *subject_bytes as f64 == value,
        _ => true,
    };
    ordered
        && heap_agrees
        && (!timed || m.samples >= MIN_ROUNDS)
        && (!exact || (low == value && high == value))
        && decide(low, high, goal) == Verdict::Pass
}

fn kind(evidence: &Evidence) -> &'static str {
    match evidence {
        Evidence::Timings { .. } => "timings",
        Evidence::Instructions { .. } => "instructions",
        Evidence::InstructionCurves { .. } => "instruction-curves",
        Evidence::ThreadSplit { .. } => "thread-split",
        Evidence::Curves { .. } => "curves",
        Evidence::Crossover { .. } => "crossover",
        Evidence::BenchmarkFigure { .. } => "benchmark-figure",
        Evidence::ProfileFindings { .. } => "profile-findings",
        Evidence::Lints { .. } => "lints",
        Evidence::Findings { .. } => "findings",
        Evidence::Parallel { .. } => "parallel",
        Evidence::Count { .. } => "count",
        Evidence::Heap { .. } => "heap",
        Evidence::Load { .. } => "load",
        Evidence::Resident { .. } => "resident",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use grader_kit::measure::{Policy, ScriptedSampler, measure_speedup};
    use std::time::Duration;

    fn speedup(starter: f64, subject: f64) -> Measurement {
        let mut sampler = ScriptedSampler::new(|_, r| (starter * (1.0 + (r % 3) as f64 * 0.01), subject));
        measure_speedup(
            &mut sampler,
            1000,
            10.0,
            Policy::with_budget(Duration::from_secs(1)),
        )
        .unwrap()
    }

    fn check() -> Check {
        Check::Speedup {
            n: 1000,
            at_least: 10.0,
        }
    }

    #[test]
    fn honest_measurements_are_confirmed() {
        let pass = speedup(0.01, 0.0001);
        assert_eq!(verify(&[check()], vec![pass.clone()]).unwrap(), vec![pass]);
        let fail = speedup(0.01, 0.01);
        assert_eq!(verify(&[check()], vec![fail]).unwrap()[0].verdict, Verdict::Fail);
    }

    #[test]
    fn a_missing_or_extra_measurement_is_refused() {
        assert!(
            verify(&[check()], vec![])
                .unwrap_err()
                .contains("0 measurements for 1 checks")
        );
        let m = speedup(0.01, 0.0001);
        assert!(verify(&[check()], vec![m.clone(), m]).is_err());
    }

    #[test]
    fn a_task_stopped_by_a_confirmed_fail_may_answer_fewer() {
        let checks = [
            check(),
            Check::Speedup {
                n: 1000,
                at_least: 10.0,
            },
        ];
        let fail = speedup(0.01, 0.01);
        assert_eq!(verify(&checks, vec![fail]).unwrap().len(), 1);
        let pass = speedup(0.01, 0.0001);
        assert!(
            verify(&checks, vec![pass])
                .unwrap_err()
                .contains("1 measurements for 2 checks")
        );
    }

    #[test]
    fn a_pass_the_figures_do_not_support_is_refused() {
        let mut forged = speedup(0.01, 0.01);
        forged.verdict = Verdict::Pass;
        assert!(
            verify(&[check()], vec![forged])
                .unwrap_err()
                .contains("do not support")
        );
    }

    #[test]
    fn a_lowered_goal_or_another_metric_is_refused() {
        let mut lowered = speedup(0.01, 0.005);
        lowered.goal = Goal::AtLeast(1.5);
        lowered.verdict = Verdict::Pass;
        assert!(
            verify(&[check()], vec![lowered])
                .unwrap_err()
                .contains("not the manifest's")
        );
        let mut renamed = speedup(0.01, 0.0001);
        renamed.metric = "complexity".into();
        assert!(verify(&[check()], vec![renamed]).is_err());
    }

    #[test]
    fn too_few_samples_cannot_pass() {
        let mut short = speedup(0.01, 0.0001);
        short.samples = 3;
        assert!(verify(&[check()], vec![short]).is_err());
    }

    #[test]
    fn heap_thresholds_are_recomputed_from_the_starters_figure() {
        let check = Check::Heap {
            figure: grader_kit::spec::HeapFigure::PeakBytes,
            n: 10,
            at_most_ratio: Some(0.1),
            at_most: None,
        };
        let honest =
            grader_kit::heap::measurement(grader_kit::spec::HeapFigure::PeakBytes, 10, 1000, 50, 100, None);
        assert_eq!(
            verify(std::slice::from_ref(&check), vec![honest]).unwrap()[0].verdict,
            Verdict::Pass
        );
        let raised =
            grader_kit::heap::measurement(grader_kit::spec::HeapFigure::PeakBytes, 10, 1000, 500, 600, None);
        assert!(verify(&[check], vec![raised]).is_err());
    }
}
