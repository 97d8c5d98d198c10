//! A measurement in one short line, for tables, JUnit failures and gradebooks:
//! "speedup 12.3× (10.1–14.0), goal ≥ 10.0×: pass".

use super::figures::{bytes, count, number};
use grader_kit::protocol::{Goal, Measurement, Verdict};

/// `m` as metric, value, interval (when it is one), goal and verdict.
pub fn measurement(m: &Measurement) -> String {
    let value = match m.value {
        Some(v) => format!("{}{}", amount(m, v), interval(m)),
        None => "not measured".into(),
    };
    let goal = match m.goal {
        Goal::AtLeast(t) => format!("≥ {}", amount(m, t)),
        Goal::AtMost(t) => format!("≤ {}", amount(m, t)),
        Goal::Between(a, b) => format!("between {} and {}", amount(m, a), amount(m, b)),
    };
    format!("{} {value}, goal {goal}: {}", m.metric, verdict(m.verdict))
}

/// Every measurement of a task, one short line each.
pub fn measurements(ms: &[Measurement]) -> Vec<String> {
    ms.iter().map(measurement).collect()
}

/// A verdict as one word.
pub fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::Inconclusive => "inconclusive",
    }
}

/// A figure in the measurement's unit: "12.3×", "O(n^1.02)", "6.0 KiB", "1,904 backend calls".
fn amount(m: &Measurement, x: f64) -> String {
    match m.unit.as_str() {
        "x" => format!("{}×", number(x)),
        "exponent" => format!("O(n^{})", number(x)),
        "bytes" => bytes(x),
        unit if x.is_finite() && x >= 0.0 && x.fract() == 0.0 => format!("{} {unit}", count(x as u64)),
        unit => format!("{} {unit}", number(x)),
    }
}

/// The confidence interval as " (low–high)", nothing for an exact figure, or why it is missing.
fn interval(m: &Measurement) -> String {
    let bare = |x: f64| match m.unit.as_str() {
        "bytes" => bytes(x),
        _ => number(x),
    };
    match (m.low, m.high) {
        (Some(low), Some(high)) if low == high => String::new(),
        (Some(low), Some(high)) => format!(" ({}–{})", bare(low), bare(high)),
        _ => format!(" (interval not reached in {} rounds)", m.samples),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample::report;

    fn lines(task: &str) -> Vec<String> {
        let report = report();
        let t = report.tasks.iter().find(|t| t.task == task).unwrap();
        measurements(&t.measurements)
    }

    #[test]
    fn a_ratio_reads_with_its_interval_goal_and_verdict() {
        let [speedup, complexity] = &lines("find-duplicates")[..] else {
            panic!("two measurements")
        };
        assert!(speedup.starts_with("speedup 6"), "{speedup}");
        assert!(speedup.contains("× ("), "{speedup}");
        assert!(speedup.ends_with(", goal ≥ 10.0×: pass"), "{speedup}");
        assert!(complexity.starts_with("complexity O(n^1.0"), "{complexity}");
        assert!(complexity.ends_with(": pass"), "{complexity}");
    }

    #[test]
    fn exact_figures_have_no_interval_and_keep_their_unit() {
        assert_eq!(
            lines("price-lookup"),
            ["backend-calls 1,904 backend calls, goal ≤ 1,500 backend calls: fail"]
        );
        let heap = &lines("log-summary")[0];
        assert_eq!(heap, "peak-bytes 6.0 KiB, goal ≤ 863.7 KiB: pass");
    }

    #[test]
    fn missing_figures_say_so() {
        let undecided = &lines("longest-unique-window")[0];
        assert!(undecided.contains("(interval not reached in"), "{undecided}");
        assert!(undecided.ends_with(": inconclusive"), "{undecided}");
        let one_core = &lines("parallel-sum")[1];
        assert_eq!(
            one_core,
            "parallel-speedup not measured, goal ≥ 1.00×: inconclusive"
        );
        let crossover = &lines("crossover")[0];
        assert_eq!(
            crossover,
            "crossover 0.20× (0.18–0.25), goal between 0.50× and 2.00×: fail"
        );
    }
}
