//! What a task is graded on, as declared in the manifest and handed to the harness.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One graded property of a task. Declared in `grader/workbook.toml`, passed to the harness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Check {
    /// Speed-up of the subject over the frozen starter on fresh inputs of size `n`.
    Speedup {
        /// Input size of each timed round.
        n: usize,
        /// The speed-up the subject must reach (starter time / subject time).
        at_least: f64,
    },
    /// Empirical complexity: the log-log slope of the subject's time against `n`.
    Complexity {
        /// At least four sizes, each double the previous (n, 2n, 4n, 8n, ...).
        sizes: Vec<usize>,
        /// The complexity class the subject must be in.
        target: ComplexityClass,
    },
    /// The learner's recorded crossover between two implementations, against the grader's
    /// own measurement over `sizes`.
    Crossover {
        /// The sizes to time both implementations at (each double the previous).
        sizes: Vec<usize>,
        /// The recorded crossover must lie within this factor of the measured one.
        within_factor: f64,
    },
    /// The learner's benchmark figure against the grader's own measurement of the same work.
    BenchmarkAccuracy {
        /// The figure must lie within this fraction of the measurement (0.3 = ±30%).
        tolerance: f64,
    },
    /// The learner must name every function in `truth` (matched by the end of its path).
    HotFunctions {
        /// The functions where the starter really spends its time.
        truth: Vec<String>,
        /// At most this many names may be listed (naming everything is not an answer).
        max_named: usize,
    },
}

impl Check {
    /// The metric's name in reports and JSON.
    pub fn metric(&self) -> &'static str {
        match self {
            Check::Speedup { .. } => "speedup",
            Check::Complexity { .. } => "complexity",
            Check::Crossover { .. } => "crossover",
            Check::BenchmarkAccuracy { .. } => "benchmark-accuracy",
            Check::HotFunctions { .. } => "hot-functions",
        }
    }
}

/// A complexity class, with the largest empirical exponent that still counts as that class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComplexityClass {
    #[serde(rename = "O(n)")]
    Linear,
    #[serde(rename = "O(n log n)")]
    Linearithmic,
    #[serde(rename = "O(n^2)")]
    Quadratic,
}

impl ComplexityClass {
    /// The largest log-log slope accepted for this class.
    ///
    /// Measured between n and 8n, n·log n shows a slope of about 1.1 to 1.15 for n in the
    /// thousands, and cache effects add a little; each ceiling sits half-way (in exponent) to the
    /// next class, so noise of ±0.1 can never move a verdict across a class.
    pub fn max_exponent(self) -> f64 {
        match self {
            ComplexityClass::Linear => 1.3,
            ComplexityClass::Linearithmic => 1.5,
            ComplexityClass::Quadratic => 2.5,
        }
    }
}

impl fmt::Display for ComplexityClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ComplexityClass::Linear => "O(n)",
            ComplexityClass::Linearithmic => "O(n log n)",
            ComplexityClass::Quadratic => "O(n^2)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_read_from_toml_shaped_json() {
        let check: Check =
            serde_json::from_str(r#"{"kind":"complexity","sizes":[1,2,4,8],"target":"O(n log n)"}"#).unwrap();
        assert_eq!(
            check,
            Check::Complexity {
                sizes: vec![1, 2, 4, 8],
                target: ComplexityClass::Linearithmic
            }
        );
        assert_eq!(check.metric(), "complexity");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let err = serde_json::from_str::<Check>(r#"{"kind":"speedup","n":5,"at_least":2.0,"x":1}"#);
        assert!(err.is_err());
    }

    #[test]
    fn class_ceilings_separate_the_classes() {
        assert!(ComplexityClass::Linear.max_exponent() < ComplexityClass::Linearithmic.max_exponent());
        assert!(ComplexityClass::Linearithmic.max_exponent() < 2.0);
        assert_eq!(ComplexityClass::Quadratic.to_string(), "O(n^2)");
    }
}
