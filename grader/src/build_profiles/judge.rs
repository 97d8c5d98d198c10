//! Judging the record against the measurement. The record names the profile that helps most
//! and what each profile does; the verdict rests on the first and on the size of its effect:
//!
//! - `best` must be a profile the measurement cannot rule out as the fastest (`release`, at 1×,
//!   when no profile beats it);
//! - its recorded speed-up passes when it lies within the goal's factor of every speed-up in the
//!   measured interval, fails when it lies beyond that factor of all of them, and is
//!   inconclusive in between;
//! - every other profile's speed-up must be recorded, and fails only when it lies beyond the
//!   square of that factor of its whole interval (a guess, not a measurement): small effects
//!   differ from machine to machine and from build to build more than large ones.

use super::findings::Findings;
use grader_kit::protocol::{Evidence, Goal, Measurement, ProfileFigure, Verdict};
use grader_kit::stats::{CONFIDENCE, decide};

/// The metric's name in reports and JSON.
pub const METRIC: &str = "profile-findings";

/// The baseline's name: a `best` of "release" says that no profile beats it.
const RELEASE: &str = "release";

/// How far apart two speed-ups are, as a factor ≥ 1 (2 and 1 are 2× apart, so are 0.5 and 1).
fn apart(a: f64, b: f64) -> f64 {
    (a / b).max(b / a)
}

/// The nearest, the median's and the farthest distance of the recorded figure from the measured
/// interval, as factors.
fn distance(recorded: f64, figure: &ProfileFigure) -> (f64, f64, f64) {
    let nearest = if (figure.low..=figure.high).contains(&recorded) {
        1.0
    } else {
        apart(recorded, figure.low).min(apart(recorded, figure.high))
    };
    let farthest = apart(recorded, figure.low).max(apart(recorded, figure.high));
    (nearest, apart(recorded, figure.measured), farthest)
}

/// The failed measurement of a record that is unreadable or leaves out a profile or the best
/// one, made without measuring anything; `None` when the record is complete.
pub fn unrecorded(profiles: &[String], findings: &Findings, within_factor: f64) -> Option<Measurement> {
    let complete = findings.problem.is_none()
        && findings.best.is_some()
        && profiles.iter().all(|p| findings.speedups.contains_key(p));
    if complete {
        return None;
    }
    let rows: Vec<ProfileFigure> = profiles
        .iter()
        .map(|p| ProfileFigure {
            profile: p.clone(),
            recorded: findings.speedups.get(p).copied(),
            measured: 0.0,
            low: 0.0,
            high: 0.0,
        })
        .collect();
    Some(Measurement {
        metric: METRIC.into(),
        value: None,
        low: None,
        high: None,
        confidence: CONFIDENCE,
        unit: "x".into(),
        goal: Goal::AtMost(within_factor),
        verdict: Verdict::Fail,
        samples: 0,
        evidence: Evidence::ProfileFindings {
            profiles: rows,
            best_recorded: findings.best.clone(),
            best_measured: String::new(),
            release_seconds: 0.0,
        },
    })
}

/// The measurement of the findings against `figures` (each profile's measured speed-up).
pub fn judge(
    figures: &[ProfileFigure],
    findings: &Findings,
    within_factor: f64,
    release_seconds: f64,
) -> Measurement {
    let rows: Vec<ProfileFigure> = figures
        .iter()
        .map(|f| ProfileFigure {
            recorded: findings.speedups.get(&f.profile).copied(),
            ..f.clone()
        })
        .collect();
    let best_measured = rows
        .iter()
        .filter(|f| f.measured > 1.0)
        .max_by(|a, b| a.measured.total_cmp(&b.measured))
        .map_or_else(|| RELEASE.to_string(), |f| f.profile.clone());
    // The recorded best must not be ruled out: its interval reaches every other's lower end.
    let fastest_low = rows.iter().map(|f| f.low).fold(1.0, f64::max);
    let best_row = findings
        .best
        .as_deref()
        .and_then(|b| rows.iter().find(|f| f.profile == b));
    let best_possible = match (findings.best.as_deref(), best_row) {
        (Some(RELEASE), _) => fastest_low <= 1.0,
        (_, Some(row)) => row.high >= fastest_low,
        _ => false,
    };
    // The best's distance: release against itself is exact.
    let best_distance = match (findings.best.as_deref(), best_row) {
        (Some(RELEASE), _) => Some((1.0, 1.0, 1.0)),
        (_, Some(row)) => row.recorded.map(|r| distance(r, row)),
        _ => None,
    };
    let others_recorded = rows.iter().all(|f| f.recorded.is_some());
    let a_guess = rows
        .iter()
        .filter(|f| Some(f.profile.as_str()) != findings.best.as_deref())
        .filter_map(|f| f.recorded.map(|r| distance(r, f).0))
        .any(|nearest| nearest > within_factor * within_factor);
    let goal = Goal::AtMost(within_factor);
    let (value, low, high, verdict) = match best_distance {
        Some((nearest, median, farthest)) if findings.problem.is_none() && others_recorded => {
            let verdict = match best_possible && !a_guess {
                true => decide(nearest, farthest, goal),
                false => Verdict::Fail,
            };
            (Some(median), Some(nearest), Some(farthest), verdict)
        }
        // A profile or the best not recorded, or no readable record: nothing to compare.
        _ => (None, None, None, Verdict::Fail),
    };
    Measurement {
        metric: METRIC.into(),
        value,
        low,
        high,
        confidence: CONFIDENCE,
        unit: "x".into(),
        goal,
        verdict,
        samples: 0,
        evidence: Evidence::ProfileFindings {
            profiles: rows,
            best_recorded: findings.best.clone(),
            best_measured,
            release_seconds,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn figure(profile: &str, measured: f64, low: f64, high: f64) -> ProfileFigure {
        ProfileFigure {
            profile: profile.into(),
            recorded: None,
            measured,
            low,
            high,
        }
    }

    /// lab-lto clearly fastest, lab-o2 slower than release, native about the same.
    fn measured() -> Vec<ProfileFigure> {
        vec![
            figure("lab-o2", 0.62, 0.58, 0.66),
            figure("lab-lto", 1.60, 1.52, 1.70),
            figure("native", 1.00, 0.96, 1.04),
        ]
    }

    fn findings(best: &str, speedups: &[(&str, f64)]) -> Findings {
        Findings {
            speedups: speedups
                .iter()
                .map(|(p, s)| (p.to_string(), *s))
                .collect::<BTreeMap<_, _>>(),
            best: Some(best.to_string()),
            problem: None,
        }
    }

    #[test]
    fn an_honest_record_passes() {
        let m = judge(
            &measured(),
            &findings("lab-lto", &[("lab-o2", 0.6), ("lab-lto", 1.7), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(m.verdict, Verdict::Pass, "{m:?}");
        assert!(m.value.unwrap() < 1.1);
        let Evidence::ProfileFindings {
            best_measured,
            profiles,
            ..
        } = &m.evidence
        else {
            panic!()
        };
        assert_eq!(best_measured, "lab-lto");
        assert_eq!(profiles[1].recorded, Some(1.7));
    }

    #[test]
    fn a_wrong_best_fails_even_with_close_figures() {
        let m = judge(
            &measured(),
            &findings("native", &[("lab-o2", 0.6), ("lab-lto", 1.6), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(m.verdict, Verdict::Fail);
        let m = judge(
            &measured(),
            &findings("release", &[("lab-o2", 0.6), ("lab-lto", 1.6), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(m.verdict, Verdict::Fail);
    }

    #[test]
    fn a_best_figure_far_from_the_measurement_fails() {
        // Guessing that LTO always gives 3×.
        let m = judge(
            &measured(),
            &findings("lab-lto", &[("lab-o2", 0.6), ("lab-lto", 3.0), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(m.verdict, Verdict::Fail);
    }

    #[test]
    fn other_figures_fail_only_beyond_the_square_of_the_factor() {
        // lab-o2 measured 0.58–0.66: 0.8 is 1.21× from it (within 1.3² = 1.69), 1.2 is 1.82×.
        let close = judge(
            &measured(),
            &findings("lab-lto", &[("lab-o2", 0.8), ("lab-lto", 1.6), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(close.verdict, Verdict::Pass, "{close:?}");
        let guessed = judge(
            &measured(),
            &findings("lab-lto", &[("lab-o2", 1.2), ("lab-lto", 1.6), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(guessed.verdict, Verdict::Fail);
    }

    #[test]
    fn a_figure_at_the_edge_of_the_interval_is_inconclusive() {
        // 1.3 × 1.52 = 1.976 and 1.3 × 1.70 = 2.21: 2.1 is within the factor of part of it.
        let m = judge(
            &measured(),
            &findings("lab-lto", &[("lab-o2", 0.62), ("lab-lto", 2.1), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(m.verdict, Verdict::Inconclusive, "{m:?}");
    }

    #[test]
    fn a_missing_profile_or_an_unreadable_file_fails() {
        let m = judge(
            &measured(),
            &findings("lab-lto", &[("lab-lto", 1.6), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!((m.verdict, m.value), (Verdict::Fail, None));
        let unreadable = Findings {
            problem: Some("does not parse".into()),
            ..Findings::default()
        };
        assert_eq!(judge(&measured(), &unreadable, 1.3, 0.2).verdict, Verdict::Fail);
    }

    #[test]
    fn when_two_profiles_cannot_be_told_apart_either_may_be_named_best() {
        let close = vec![
            figure("lab-lto", 1.60, 1.50, 1.70),
            figure("lab-cgu1", 1.55, 1.45, 1.65),
        ];
        for best in ["lab-lto", "lab-cgu1"] {
            let m = judge(
                &close,
                &findings(best, &[("lab-lto", 1.6), ("lab-cgu1", 1.55)]),
                1.3,
                0.2,
            );
            assert_eq!(m.verdict, Verdict::Pass, "{best}");
        }
    }

    #[test]
    fn an_incomplete_record_fails_before_anything_is_measured() {
        let profiles = ["lab-o2".to_string(), "lab-lto".to_string()];
        let complete = findings("lab-lto", &[("lab-o2", 0.9), ("lab-lto", 1.9)]);
        assert!(unrecorded(&profiles, &complete, 1.5).is_none());
        let partial = findings("lab-lto", &[("lab-lto", 1.9)]);
        let m = unrecorded(&profiles, &partial, 1.5).unwrap();
        assert_eq!((m.verdict, m.value, m.samples), (Verdict::Fail, None, 0));
        let no_best = Findings {
            best: None,
            ..complete.clone()
        };
        assert!(unrecorded(&profiles, &no_best, 1.5).is_some());
    }

    #[test]
    fn release_is_the_best_when_no_profile_helps() {
        let none = vec![
            figure("lab-o2", 0.8, 0.75, 0.85),
            figure("lab-abort", 0.99, 0.97, 1.01),
        ];
        let m = judge(
            &none,
            &findings("release", &[("lab-o2", 0.8), ("lab-abort", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(m.verdict, Verdict::Pass);
        let Evidence::ProfileFindings { best_measured, .. } = &m.evidence else {
            panic!()
        };
        assert_eq!(best_measured, "release");
    }
}
