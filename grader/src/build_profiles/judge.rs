//! Judging the record against the measurement. A recorded speed-up passes when it lies within
//! the goal's factor of every speed-up in the measured interval, fails when it lies beyond that
//! factor of every one, and is inconclusive in between; the recorded best profile must be one
//! that the measurement cannot rule out as the fastest (`release` counts, as 1×).

use super::findings::Findings;
use grader_kit::protocol::{Evidence, Goal, Measurement, ProfileFigure, Verdict};
use grader_kit::stats::{CONFIDENCE, decide};

/// The metric's name in reports and JSON.
pub const METRIC: &str = "profile-findings";

/// How far apart two speed-ups are, as a factor ≥ 1 (2 and 1 are 2× apart, so are 0.5 and 1).
fn apart(a: f64, b: f64) -> f64 {
    (a / b).max(b / a)
}

/// The nearest and farthest the recorded figure is from the measured interval, as factors.
fn distance(recorded: f64, figure: &ProfileFigure) -> (f64, f64) {
    let nearest = if (figure.low..=figure.high).contains(&recorded) {
        1.0
    } else {
        apart(recorded, figure.low).min(apart(recorded, figure.high))
    };
    let farthest = apart(recorded, figure.low).max(apart(recorded, figure.high));
    (nearest, farthest)
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
        .map_or_else(|| "release".to_string(), |f| f.profile.clone());
    // The recorded best must not be ruled out: its interval reaches every other's lower end.
    let fastest_low = rows.iter().map(|f| f.low).fold(1.0, f64::max);
    let best_possible = match findings.best.as_deref() {
        Some("release") => fastest_low <= 1.0,
        Some(best) => rows.iter().any(|f| f.profile == best && f.high >= fastest_low),
        None => false,
    };
    let distances: Option<Vec<(f64, f64, f64)>> = rows
        .iter()
        .map(|f| {
            f.recorded.map(|r| {
                let (nearest, farthest) = distance(r, f);
                (nearest, apart(r, f.measured), farthest)
            })
        })
        .collect();
    let goal = Goal::AtMost(within_factor);
    let (value, low, high, verdict) = match distances {
        Some(d) if findings.problem.is_none() => {
            let worst = |pick: fn(&(f64, f64, f64)) -> f64| d.iter().map(pick).fold(1.0, f64::max);
            let (low, value, high) = (worst(|d| d.0), worst(|d| d.1), worst(|d| d.2));
            let verdict = match best_possible {
                true => decide(low, high, goal),
                false => Verdict::Fail,
            };
            (Some(value), Some(low), Some(high), verdict)
        }
        // A profile not recorded, or no readable record: nothing to compare.
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
    fn a_figure_far_from_the_measurement_fails() {
        // Guessing that LTO always gives 3×, or that a lower opt-level changes nothing.
        let m = judge(
            &measured(),
            &findings("lab-lto", &[("lab-o2", 0.6), ("lab-lto", 3.0), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(m.verdict, Verdict::Fail);
        let m = judge(
            &measured(),
            &findings("lab-lto", &[("lab-o2", 1.0), ("lab-lto", 1.6), ("native", 1.0)]),
            1.3,
            0.2,
        );
        assert_eq!(m.verdict, Verdict::Fail);
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
