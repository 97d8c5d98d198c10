//! What the grader and a harness child say to each other, and the measurement type that ends
//! up, unchanged, in the grader's `--json` output. The grader writes a [`Handover`] to the
//! child's standard input; the child prints its [`Response`] as one signed line (see
//! [`crate::sign`]) on its standard output.

use crate::spec::{Check, ComplexityClass, HeapFigure};
use serde::{Deserialize, Serialize};

/// The grader's request to a harness: grade one task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The task's name, as in the manifest.
    pub task: String,
    /// Seed for every random input of this task.
    pub seed: u64,
    /// The properties to measure, in order.
    pub checks: Vec<Check>,
    /// Time budget for the measurements, in seconds, shared equally by the checks.
    pub budget_s: f64,
    /// For `profile` in a heap binary: where dhat writes its heap profile (JSON for dh_view).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heap_profile: Option<String>,
    /// In a chapter with heap checks: the subject's first call in this process is on a fresh
    /// input of this size, as in the process that measures the heap, so the two processes
    /// look the same to learner code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_call_n: Option<usize>,
    /// For `grader --exact`: count one side's work under valgrind instead of grading the
    /// checks (see [`crate::exact`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<crate::exact::CountRun>,
}

/// Everything a harness child is given, on its standard input, read to the end before any
/// learner code runs: nothing of it is in the arguments, the environment or a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    /// The task to grade.
    pub request: Request,
    /// The key that signs the response, in hexadecimal.
    pub key: String,
    /// The memory limit, in bytes.
    pub memory_limit_bytes: u64,
    /// The only directory learner code may open files in (criterion's output), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scratch: Option<String>,
}

/// What the harness found. Written once, at the end; a missing file means the child died.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Response {
    /// The subject agreed with the starter on every case and was measured.
    Measured {
        /// How many correctness cases were checked.
        cases: usize,
        /// One measurement per requested check, in the same order.
        measurements: Vec<Measurement>,
    },
    /// The subject's answer differed from the starter's.
    WrongAnswer(Mismatch),
    /// The task cannot grade what was asked: a fault of the grader's, not of the learner's code.
    Error {
        /// What is wrong.
        message: String,
    },
    /// The subject was caught interfering with the measurement (threads busy while the
    /// starter was timed, memory hidden from the allocator): the task fails, with the figures.
    Interfered {
        /// What was seen, with figures.
        message: String,
    },
    /// The subject's server failed: it never became ready, ended, or left a request unanswered.
    ServerFailed {
        /// What happened, in words, with the request when there was one.
        message: String,
        /// How the server ended, or that it hung.
        end: ServerEnd,
        /// The end of what the server printed.
        output: String,
    },
    /// The subject panicked.
    Panicked {
        /// The panic message and its location.
        message: String,
        /// What the harness was doing, including the input when there was one.
        during: String,
    },
}

/// How a learner's server failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ServerEnd {
    /// It still ran, but left a request (or the readiness check) unanswered.
    Hung,
    /// It exited, with this code when there was one.
    Exited {
        /// The exit code.
        code: Option<i32>,
    },
    /// A signal ended it (an abort, a segmentation fault).
    Killed {
        /// The signal's number.
        signal: i32,
    },
    /// It ran out of memory (an allocation failed at the memory limit).
    OutOfMemory,
}

/// The smallest input found on which the subject and the starter disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mismatch {
    /// Where the input came from ("edge case: empty", "random, n = 37", "timed round 4").
    pub case: String,
    /// The input, shown with `Debug` (shortened when long).
    pub input: String,
    /// The starter's answer.
    pub expected: String,
    /// The subject's answer.
    pub actual: String,
    /// The first difference, in words.
    pub difference: String,
    /// What to do about it, when the task knows better than "make the answers agree".
    #[serde(default)]
    pub advice: Option<String>,
}

/// Whether a measured interval meets its goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The whole confidence interval meets the goal.
    Pass,
    /// The whole confidence interval misses the goal.
    Fail,
    /// The interval straddles the goal: more or quieter measurement is needed.
    Inconclusive,
}

/// The goal a measured value must meet.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Goal {
    /// The value must be at least this.
    AtLeast(f64),
    /// The value must be at most this.
    AtMost(f64),
    /// The value must lie between these two (inclusive).
    Between(f64, f64),
}

/// One lint clippy reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lint {
    /// The lint's name ("clippy::cmp_owned"), or what hid code from clippy.
    pub name: String,
    /// The file, relative to the crate's directory.
    pub file: String,
    /// The line, from 1.
    pub line: u64,
    /// Clippy's message.
    pub message: String,
}

/// One build profile's speed-up over `release` (release's time / the profile's time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProfileFigure {
    /// The profile ("lab-lto", or "native" for `-C target-cpu=native`).
    pub profile: String,
    /// The speed-up the learner recorded (`None` if not recorded).
    pub recorded: Option<f64>,
    /// The measured speed-up: the median of the per-round ratios.
    pub measured: f64,
    /// Lower end of the measured speed-up's confidence interval.
    pub low: f64,
    /// Upper end of the measured speed-up's confidence interval.
    pub high: f64,
}

/// One measured figure with its uncertainty, its goal and its verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// The metric ("speedup", "complexity").
    pub metric: String,
    /// The point estimate (the median); `None` (`null`) when nothing could be measured.
    pub value: Option<f64>,
    /// Lower end of the confidence interval; `None` (`null`) when too few rounds gave no interval.
    pub low: Option<f64>,
    /// Upper end of the confidence interval; `None` (`null`) when too few rounds gave no interval.
    pub high: Option<f64>,
    /// The interval's confidence level (0.99 = 99%).
    pub confidence: f64,
    /// The unit of `value` ("x" for a speed-up ratio, "exponent" for a log-log slope).
    pub unit: String,
    /// The goal.
    pub goal: Goal,
    /// The verdict of the interval against the goal.
    pub verdict: Verdict,
    /// How many samples (rounds) the estimate rests on.
    pub samples: usize,
    /// The raw evidence, for reports and plots.
    pub evidence: Evidence,
}

/// The figures behind a measurement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Evidence {
    /// Per-call times at one size (medians over the rounds).
    Timings {
        /// Input size.
        n: usize,
        /// The starter's median seconds per call.
        starter_seconds: f64,
        /// The subject's median seconds per call.
        subject_seconds: f64,
    },
    /// Instructions executed per call at one size, counted by valgrind (`--exact`): the same
    /// on every run with the same seed.
    Instructions {
        /// Input size.
        n: usize,
        /// The starter's instructions per call.
        starter_instructions: f64,
        /// The subject's instructions per call.
        subject_instructions: f64,
    },
    /// Instructions per call against n for both sides (`--exact`).
    InstructionCurves {
        /// The input sizes.
        sizes: Vec<usize>,
        /// The starter's instructions per call at each size.
        starter_instructions: Vec<f64>,
        /// The subject's instructions per call at each size.
        subject_instructions: Vec<f64>,
        /// The starter's log-log slope over the same sizes.
        starter_exponent: f64,
        /// The complexity class the goal stands for.
        target: ComplexityClass,
    },
    /// How the subject split its work between threads (`--exact`): the starter's instructions
    /// over the busiest thread's, the speed-up that split allows on enough cores.
    ThreadSplit {
        /// Input size.
        n: usize,
        /// The cores the goal is scaled to (fixed in exact mode, whatever the machine).
        cores: usize,
        /// The starter's instructions per call, all threads.
        starter_instructions: f64,
        /// The subject's instructions per call, all threads.
        subject_instructions: f64,
        /// The subject's busiest thread's instructions per call.
        busiest_thread_instructions: f64,
        /// The threads that ran the subject's work.
        threads: usize,
    },
    /// Time against n for both sides (medians over the rounds).
    Curves {
        /// The input sizes.
        sizes: Vec<usize>,
        /// The starter's median seconds per call at each size.
        starter_seconds: Vec<f64>,
        /// The subject's median seconds per call at each size.
        subject_seconds: Vec<f64>,
        /// The starter's log-log slope over the same sizes.
        starter_exponent: f64,
        /// The complexity class the goal stands for.
        target: ComplexityClass,
    },
    /// Where one implementation overtakes another, measured and claimed.
    Crossover {
        /// The implementation that wins at small sizes, by name.
        first: String,
        /// The implementation that overtakes it, by name.
        second: String,
        /// The sizes measured.
        sizes: Vec<usize>,
        /// Median time ratio (second / first) at each size: below 1, the second wins.
        ratios: Vec<f64>,
        /// The measured crossover size (median over the passes).
        measured: f64,
        /// The crossover size the learner recorded.
        claimed: f64,
    },
    /// Build profiles' speed-ups over `release`: the learner's record against the grader's
    /// measurement of the same program.
    ProfileFindings {
        /// One row per profile, in the manifest's order.
        profiles: Vec<ProfileFigure>,
        /// The profile the learner recorded as the one that helps most (`None` if not recorded).
        best_recorded: Option<String>,
        /// The profile with the highest measured speed-up.
        best_measured: String,
        /// The median time of one run of the program built with `release`, in seconds.
        release_seconds: f64,
    },
    /// The lints of one clippy group that clippy reported in the subject's library.
    Lints {
        /// The clippy group ("perf").
        group: String,
        /// Each lint reported, in clippy's order.
        found: Vec<Lint>,
        /// The most lints that pass.
        limit: u64,
    },
    /// A benchmark's figure against the grader's own measurement of the same work.
    BenchmarkFigure {
        /// Seconds per iteration according to the learner's benchmark (median over runs).
        claimed_seconds: f64,
        /// Seconds per call measured by the grader (median over runs).
        measured_seconds: f64,
    },
    /// Names the learner recorded against the names that are true.
    Findings {
        /// What the learner named.
        named: Vec<String>,
        /// The true names that the learner named.
        found: Vec<String>,
        /// How many true names the learner did not name (not which: that is the exercise).
        missed: usize,
        /// At most this many names may be given.
        max_named: usize,
    },
    /// A parallel speed-up, with the cores it was judged on and the machine's capacity.
    Parallel {
        /// Input size.
        n: usize,
        /// The cores the goal was scaled to (`available_parallelism`, capped at 8).
        cores: usize,
        /// The starter's median seconds per call (`None` when nothing was measured).
        starter_seconds: Option<f64>,
        /// The subject's median seconds per call (`None` when nothing was measured).
        subject_seconds: Option<f64>,
        /// The median of the per-round capacity probes: how much faster the probe's threads ran
        /// together than one after another (≈ cores when the machine runs them all at once;
        /// `None` when nothing was measured).
        capacity: Option<f64>,
        /// The share of rounds whose probe found nearly all the cores free; a missed goal is a
        /// fail only when that share is close to 1 (`None` when nothing was measured).
        offered: Option<f64>,
    },
    /// A count observed while the subject ran a fixed scenario.
    Count {
        /// The counter's name.
        counter: String,
        /// Size of the scenario.
        n: usize,
        /// The largest count that passes.
        limit: u64,
        /// What the count means here, in words, with figures: "stale value for key 42".
        #[serde(default)]
        detail: Option<String>,
    },
    /// Two servers under the same load in interleaved rounds: what each sustained and how fast
    /// each class of request was answered.
    Load {
        /// Rounds measured (each server once per round).
        rounds: usize,
        /// Requests in each round's fixed mixed workload (the throughput phase).
        requests: usize,
        /// The frozen starter's server.
        starter: ServiceFigures,
        /// The subject's server.
        subject: ServiceFigures,
    },
    /// Peak resident memory (VmHWM) of two servers over the same load. The kernel's figure is
    /// read once at the end, so there is no interval.
    Resident {
        /// The starter's server's peak, in bytes.
        starter_bytes: u64,
        /// The subject's server's peak, in bytes.
        subject_bytes: u64,
        /// The largest peak that passes, in bytes.
        threshold: u64,
    },
    /// A heap figure of one call, measured by dhat for the starter and the subject on the same
    /// input. dhat's figures repeat exactly, so there is no interval.
    Heap {
        /// Which figure.
        figure: HeapFigure,
        /// Input size.
        n: usize,
        /// The starter's figure.
        starter: u64,
        /// The subject's figure.
        subject: u64,
        /// The largest figure that passes.
        threshold: u64,
        /// How much the process's resident memory grew during the subject's call, where the
        /// kernel tells: the cross-check for memory the allocator never saw.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resident_growth: Option<u64>,
    },
}

/// One server's figures under load, over all rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceFigures {
    /// Median over the rounds of the requests per second of the mixed workload.
    pub requests_per_second: f64,
    /// Latency per class of request, over every round and phase, in the order first seen.
    pub endpoints: Vec<EndpointFigures>,
    /// The light requests' latency distribution while heavy requests ran, as
    /// (percentile, seconds) points, for a percentile curve.
    pub light_percentiles: Vec<(f64, f64)>,
}

/// Latency figures of one class of request ("GET /products/{id}").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointFigures {
    /// The class, as method and route.
    pub endpoint: String,
    /// Requests answered.
    pub requests: u64,
    /// Median latency, in seconds.
    pub p50_seconds: f64,
    /// 99th-percentile latency, in seconds.
    pub p99_seconds: f64,
    /// Slowest answer, in seconds.
    pub max_seconds: f64,
}

/// Measurements numbered by their check's position in a request, put back in that order (a
/// task's checks are measured in groups: timed and heap binaries, counts and timings).
pub fn in_check_order(mut numbered: Vec<(usize, Measurement)>) -> Vec<Measurement> {
    numbered.sort_by_key(|(i, _)| *i);
    numbered.into_iter().map(|(_, m)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undecided_measurement_survives_the_round_trip() {
        let m = Measurement {
            metric: "speedup".into(),
            value: Some(3.0),
            low: None,
            high: None,
            confidence: 0.99,
            unit: "x".into(),
            goal: Goal::AtLeast(2.0),
            verdict: Verdict::Inconclusive,
            samples: 4,
            evidence: Evidence::Timings {
                n: 1,
                starter_seconds: 1.0,
                subject_seconds: 0.5,
            },
        };
        let json = serde_json::to_string(&Response::Measured {
            cases: 1,
            measurements: vec![m],
        })
        .unwrap();
        assert!(json.contains(r#""low":null"#), "{json}");
        let Response::Measured { measurements, .. } = serde_json::from_str(&json).unwrap() else {
            panic!("round trip changed the variant");
        };
        assert_eq!((measurements[0].low, measurements[0].value), (None, Some(3.0)));
    }
}
