//! What a task is graded on, as declared in the manifest and handed to the harness.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
    /// A heap figure of the subject's first call in a fresh process, counted on a random input
    /// of size `n` (from the run's seed), against an absolute bound or a fraction of the frozen
    /// starter's figure on that input. Sent alone (see [`Check::needs_heap_profiler`]).
    Heap {
        /// Which figure.
        figure: HeapFigure,
        /// Input size.
        n: usize,
        /// The figure must be at most this fraction of the starter's (0.8 = a 20% cut).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_most_ratio: Option<f64>,
        /// The figure must be at most this, in the figure's unit (bytes or allocations).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_most: Option<u64>,
    },
    /// Speed-up of parallel code over the single-threaded starter, with a goal that scales with
    /// the machine: `1 + efficiency × (P − 1)` for P cores (see [`crate::parallel`]).
    ParallelSpeedup {
        /// Input size of each timed round.
        n: usize,
        /// The share of each extra core the subject must turn into speed (0.5 = half).
        efficiency: f64,
    },
    /// A deterministic count the task observes while running the subject through a fixed
    /// scenario of size `n`: backend calls, stale answers, entries above a capacity, lost
    /// updates, requests in flight. Which counters exist is up to the task.
    Count {
        /// The counter's name, as the task reports it ("backend-calls", "stale-answers").
        counter: String,
        /// Size of the scenario.
        n: usize,
        /// The largest count that passes.
        at_most: u64,
    },
    /// A service's throughput under a fixed mixed workload: the subject's server's requests per
    /// second over the frozen starter's, in interleaved rounds on loopback.
    Throughput {
        /// The throughput ratio the subject must reach (subject / starter).
        at_least: f64,
    },
    /// Responsiveness: how many times lower the subject's latency percentile of light requests
    /// is than the starter's while heavy requests run (starter / subject, per round).
    LightLatency {
        /// The percentile compared (99 = p99).
        percentile: f64,
        /// The improvement factor the subject must reach.
        at_least: f64,
    },
    /// A server's peak resident memory (VmHWM) over the whole load, as a fraction of the
    /// starter's in the same run.
    PeakResident {
        /// The subject's peak must be at most this fraction of the starter's (0.6 = a 40% cut).
        at_most_ratio: f64,
    },
    /// A diagnosis: for each part of a service, the learner names its bottleneck from a fixed
    /// vocabulary (the `[bottlenecks]` table of `findings.toml`).
    Diagnosis {
        /// The true cause of each part's slowness, by part ("GET /search" = "blocking-runtime").
        truth: BTreeMap<String, String>,
        /// At most this many causes may be named per part (naming everything is not an answer).
        max_per_part: usize,
    },
    /// The learner's build-profile findings (the `[build-profiles]` table of `findings.toml`)
    /// against the grader's own measurement of the frozen starter's program, built under
    /// `release` and under each of `profiles` and timed in interleaved rounds.
    ProfileFindings {
        /// The profiles compared with `release`: custom profiles of the root `Cargo.toml`
        /// ("lab-lto"), or "native" for `release` with `-C target-cpu=native`.
        profiles: Vec<String>,
        /// Each recorded speed-up must lie within this factor of the measured one.
        within_factor: f64,
    },
    /// Lints of one clippy group left in the subject's library: the grader runs clippy on the
    /// subject's crate with that group forced to warn (an `#[allow]` does not hide a lint).
    Lints {
        /// The clippy group ("perf").
        group: String,
        /// The most lints that pass.
        at_most: u64,
    },
    /// A guard: the subject may be at most `factor` times slower than the starter at size `n`
    /// (a memory saving must not be bought with a large loss of speed).
    NoSlower {
        /// Input size of each timed round.
        n: usize,
        /// The largest accepted slow-down (1.25 = at most 25% slower).
        factor: f64,
    },
}

impl Check {
    /// The input sizes the check measures: its `n`, or its ladder of sizes.
    pub fn sizes(&self) -> Vec<usize> {
        match self {
            Check::Speedup { n, .. }
            | Check::Heap { n, .. }
            | Check::ParallelSpeedup { n, .. }
            | Check::Count { n, .. }
            | Check::NoSlower { n, .. } => vec![*n],
            Check::Complexity { sizes, .. } | Check::Crossover { sizes, .. } => sizes.clone(),
            Check::BenchmarkAccuracy { .. }
            | Check::HotFunctions { .. }
            | Check::Throughput { .. }
            | Check::LightLatency { .. }
            | Check::PeakResident { .. }
            | Check::ProfileFindings { .. }
            | Check::Lints { .. }
            | Check::Diagnosis { .. } => vec![],
        }
    }

    /// The metric's name in reports and JSON.
    pub fn metric(&self) -> &str {
        match self {
            Check::Speedup { .. } => "speedup",
            Check::Complexity { .. } => "complexity",
            Check::Crossover { .. } => "crossover",
            Check::BenchmarkAccuracy { .. } => "benchmark-accuracy",
            Check::HotFunctions { .. } => "hot-functions",
            Check::Heap { figure, .. } => figure.metric(),
            Check::NoSlower { .. } => "no-slower",
            Check::ParallelSpeedup { .. } => "parallel-speedup",
            Check::Count { counter, .. } => counter,
            Check::Throughput { .. } => "throughput",
            Check::LightLatency { .. } => "light-latency",
            Check::PeakResident { .. } => "peak-resident",
            Check::Diagnosis { .. } => "diagnosis",
            Check::ProfileFindings { .. } => "profile-findings",
            Check::Lints { .. } => "lints",
        }
    }

    /// Whether the grader measures the check itself, outside the harness: it builds and times
    /// its own copy of a program, or runs a tool (clippy) on the subject's crate.
    pub fn measured_by_grader(&self) -> bool {
        matches!(self, Check::ProfileFindings { .. } | Check::Lints { .. })
    }

    /// Whether the check needs the counting allocator and a process of its own, where the
    /// subject's first call is the measured one (the name predates that allocator).
    pub fn needs_heap_profiler(&self) -> bool {
        matches!(self, Check::Heap { .. })
    }
}

/// Checks with their position in a request: a task's checks split by who measures them, then
/// merged back into the manifest's order.
pub type Numbered<'a> = Vec<(usize, &'a Check)>;

/// A heap figure dhat reports for one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeapFigure {
    /// The most bytes live at any moment of the call (dhat's `max_bytes`).
    PeakBytes,
    /// The number of allocations the call made (dhat's `total_blocks`).
    Allocations,
    /// Bytes still allocated once the call's result is dropped (dhat's `curr_bytes`).
    LeakedBytes,
}

impl HeapFigure {
    /// The metric's name in reports and JSON.
    pub fn metric(self) -> &'static str {
        match self {
            HeapFigure::PeakBytes => "peak-bytes",
            HeapFigure::Allocations => "allocations",
            HeapFigure::LeakedBytes => "leaked-bytes",
        }
    }

    /// The figure's unit.
    pub fn unit(self) -> &'static str {
        match self {
            HeapFigure::Allocations => "allocations",
            HeapFigure::PeakBytes | HeapFigure::LeakedBytes => "bytes",
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
    fn heap_checks_read_with_either_bound_and_need_the_profiler() {
        let check: Check =
            serde_json::from_str(r#"{"kind":"heap","figure":"peak-bytes","n":100,"at_most_ratio":0.1}"#)
                .unwrap();
        assert_eq!(
            check,
            Check::Heap {
                figure: HeapFigure::PeakBytes,
                n: 100,
                at_most_ratio: Some(0.1),
                at_most: None
            }
        );
        assert_eq!(check.metric(), "peak-bytes");
        assert!(check.needs_heap_profiler());
        let leak: Check =
            serde_json::from_str(r#"{"kind":"heap","figure":"leaked-bytes","n":5,"at_most":0}"#).unwrap();
        assert_eq!(leak.metric(), "leaked-bytes");
        let guard: Check = serde_json::from_str(r#"{"kind":"no-slower","n":5,"factor":1.25}"#).unwrap();
        assert!(!guard.needs_heap_profiler());
        assert_eq!(guard.metric(), "no-slower");
    }

    #[test]
    fn class_ceilings_separate_the_classes() {
        assert!(ComplexityClass::Linear.max_exponent() < ComplexityClass::Linearithmic.max_exponent());
        assert!(ComplexityClass::Linearithmic.max_exponent() < 2.0);
        assert_eq!(ComplexityClass::Quadratic.to_string(), "O(n^2)");
    }
}
