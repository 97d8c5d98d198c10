//! Measured figures in words: "62.1× (99% CI 58.2–66.0×)", "≈ O(n^1.07)".

use grader_kit::protocol::{Evidence, Goal, Measurement};

/// A number with three significant figures at most, as people write speed-ups.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "?".into();
    }
    match x.abs() {
        a if a >= 100.0 => format!("{x:.0}"),
        a if a >= 10.0 => format!("{x:.1}"),
        _ => format!("{x:.2}"),
    }
}

/// Seconds, in the unit that reads best.
pub fn seconds(s: f64) -> String {
    match s {
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.2} ms", s * 1e3),
        s if s >= 1e-6 => format!("{:.1} µs", s * 1e6),
        s => format!("{:.0} ns", s * 1e9),
    }
}

/// The measured value with its interval.
pub fn measured(m: &Measurement) -> String {
    let level = format!("{:.0}% CI", m.confidence * 100.0);
    let interval = if m.low.is_finite() && m.high.is_finite() {
        format!("{level} {}–{}", number(m.low), number(m.high))
    } else {
        format!("{level} not reached in {} rounds", m.samples)
    };
    match &m.evidence {
        Evidence::Timings { .. } => format!("speed-up {}× ({interval})", number(m.value)),
        Evidence::Curves { .. } => format!("time ≈ O(n^{:.2}) ({interval})", m.value),
        Evidence::Crossover {
            measured, claimed, ..
        } => format!(
            "your crossover {claimed:.0} is {}× the measured {measured:.0} ({interval})",
            number(m.value)
        ),
        Evidence::BenchmarkFigure { .. } => {
            format!(
                "your benchmark reads {}× the true time ({interval})",
                number(m.value)
            )
        }
        Evidence::Findings { found, missed, .. } => {
            format!("named {} of {} hot functions", found.len(), found.len() + missed)
        }
    }
}

/// The goal, in words.
pub fn goal(m: &Measurement) -> String {
    match (&m.evidence, m.goal) {
        (Evidence::Timings { .. }, Goal::AtLeast(t)) => format!("≥ {}× faster than the starter", number(t)),
        (Evidence::Curves { target, .. }, Goal::AtMost(t)) => {
            format!("exponent ≤ {} ({target} or better)", number(t))
        }
        (Evidence::Findings { max_named, .. }, Goal::AtLeast(t)) => {
            format!("all {t:.0} named, in at most {max_named} names")
        }
        (_, Goal::Between(a, b)) => format!("between {}× and {}×", number(a), number(b)),
        (_, Goal::AtLeast(t)) => format!("≥ {} {}", number(t), m.unit),
        (_, Goal::AtMost(t)) => format!("≤ {} {}", number(t), m.unit),
    }
}

/// The figures behind the measurement, in a line.
pub fn evidence(m: &Measurement) -> String {
    let list = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join(", ");
    match &m.evidence {
        Evidence::Timings {
            n,
            starter_seconds,
            subject_seconds,
        } => format!(
            "at n = {n}: starter {} per call, yours {}",
            seconds(*starter_seconds),
            seconds(*subject_seconds)
        ),
        Evidence::Curves {
            sizes,
            subject_seconds,
            starter_exponent,
            ..
        } => format!(
            "yours at n = {}: {}; the starter grows as O(n^{starter_exponent:.2})",
            list(&mut sizes.iter().map(ToString::to_string)),
            list(&mut subject_seconds.iter().map(|s| seconds(*s))),
        ),
        Evidence::Crossover {
            first,
            second,
            sizes,
            ratios,
            ..
        } => format!(
            "time of {second} / time of {first} at n = {}: {}",
            list(&mut sizes.iter().map(ToString::to_string)),
            list(&mut ratios.iter().map(|r| number(*r))),
        ),
        Evidence::BenchmarkFigure {
            claimed_seconds,
            measured_seconds,
        } => format!(
            "your benchmark: {} per iteration; the grader's measurement: {} per call",
            seconds(*claimed_seconds),
            seconds(*measured_seconds)
        ),
        Evidence::Findings { named, missed, .. } => format!(
            "you named: {}; hot functions not named yet: {missed}",
            if named.is_empty() {
                "nothing".to_string()
            } else {
                named.join(", ")
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use grader_kit::protocol::Verdict;

    fn speedup(value: f64, low: f64, high: f64) -> Measurement {
        Measurement {
            metric: "speedup".into(),
            value,
            low,
            high,
            confidence: 0.99,
            unit: "x".into(),
            goal: Goal::AtLeast(10.0),
            verdict: Verdict::Pass,
            samples: 10,
            evidence: Evidence::Timings {
                n: 8000,
                starter_seconds: 0.0064,
                subject_seconds: 0.000105,
            },
        }
    }

    #[test]
    fn numbers_keep_three_significant_figures() {
        assert_eq!(number(61.234), "61.2");
        assert_eq!(number(1.0149), "1.01");
        assert_eq!(number(143.7), "144");
        assert_eq!(number(f64::NAN), "?");
    }

    #[test]
    fn seconds_pick_a_unit() {
        assert_eq!(seconds(0.0064), "6.40 ms");
        assert_eq!(seconds(0.000105), "105.0 µs");
        assert_eq!(seconds(2.5), "2.50 s");
        assert_eq!(seconds(4e-8), "40 ns");
    }

    #[test]
    fn a_speedup_reads_with_its_interval_and_goal() {
        let m = speedup(61.2, 58.0, 66.04);
        assert_eq!(measured(&m), "speed-up 61.2× (99% CI 58.0–66.0)");
        assert_eq!(goal(&m), "≥ 10.0× faster than the starter");
        assert_eq!(
            evidence(&m),
            "at n = 8000: starter 6.40 ms per call, yours 105.0 µs"
        );
        let curve = Measurement {
            metric: "complexity".into(),
            unit: "exponent".into(),
            goal: Goal::AtMost(1.5),
            value: 1.071,
            low: 1.05,
            high: 1.1,
            evidence: Evidence::Curves {
                sizes: vec![1000, 2000],
                starter_seconds: vec![1e-4, 4e-4],
                subject_seconds: vec![1e-5, 2e-5],
                starter_exponent: 1.97,
                target: grader_kit::spec::ComplexityClass::Linearithmic,
            },
            ..m.clone()
        };
        assert_eq!(measured(&curve), "time ≈ O(n^1.07) (99% CI 1.05–1.10)");
        assert_eq!(goal(&curve), "exponent ≤ 1.50 (O(n log n) or better)");
        assert_eq!(
            evidence(&curve),
            "yours at n = 1000, 2000: 10.0 µs, 20.0 µs; the starter grows as O(n^1.97)"
        );
        let undecided = speedup(9.0, f64::NAN, f64::NAN);
        assert!(measured(&undecided).contains("not reached in 10 rounds"));
    }
}
