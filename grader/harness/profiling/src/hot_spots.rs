//! Task `hot-spots`: the learner profiles the starter and names, in `findings.toml`, the
//! functions where it spends its time. The truth is declared in the manifest (and the
//! grader's tests check it against a real profile of the starter).

use grader_kit::Task;
use grader_kit::measure::exact;
use grader_kit::protocol::{Evidence, Goal, Mismatch, Request, Response, Verdict};
use grader_kit::spec::Check;
use serde::Deserialize;

/// The learner's `findings.toml`.
#[derive(Debug, Deserialize)]
struct Findings {
    hot_functions: Vec<String>,
}

/// The `hot-spots` task for a subject's findings.
#[derive(Debug)]
pub struct HotSpotsTask {
    findings: &'static str,
}

impl HotSpotsTask {
    /// The task, reading the subject's `findings.toml` text.
    pub fn new(findings: &'static str) -> Self {
        HotSpotsTask { findings }
    }
}

/// Whether a name the learner gave is the true function `truth`: the same path, or a longer
/// one ending in it at a `::` boundary (profilers prefix crate and module paths).
pub fn names(given: &str, truth: &str) -> bool {
    let given = given.trim().trim_end_matches("()");
    given == truth || given.ends_with(&format!("::{truth}"))
}

impl Task for HotSpotsTask {
    fn name(&self) -> &str {
        "hot-spots"
    }

    fn grade(&self, request: &Request) -> Response {
        let Some(Check::HotFunctions { truth, max_named }) = request.checks.first() else {
            return Response::Error {
                message: "hot-spots grades one hot-functions check".into(),
            };
        };
        let named = match toml::from_str::<Findings>(self.findings) {
            Ok(findings) => findings.hot_functions,
            Err(e) => {
                return Response::WrongAnswer(Mismatch {
                    case: "findings.toml".into(),
                    input: self.findings.trim().to_string(),
                    expected: "hot_functions = [\"…\", …]".into(),
                    actual: "see the difference".into(),
                    difference: format!("findings.toml does not parse: {}", e.message()),
                    advice: Some("Write the list as `hot_functions = [\"module::Type::method\", …]`.".into()),
                });
            }
        };
        let found: Vec<String> = truth
            .iter()
            .filter(|t| named.iter().any(|n| names(n, t)))
            .cloned()
            .collect();
        let missed = truth.len() - found.len();
        let all_found = missed == 0;
        let verdict = if all_found && named.len() <= *max_named {
            Verdict::Pass
        } else {
            Verdict::Fail
        };
        let count = found.len() as f64;
        let evidence = Evidence::Findings {
            named,
            found,
            missed,
            max_named: *max_named,
        };
        let measurement = grader_kit::protocol::Measurement {
            verdict,
            ..exact(
                "hot-functions",
                "functions",
                count,
                Goal::AtLeast(truth.len() as f64),
                evidence,
            )
        };
        Response::Measured {
            cases: 0,
            measurements: vec![measurement],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(findings: &'static str) -> (Verdict, Option<f64>) {
        let request = Request {
            task: "hot-spots".into(),
            seed: 1,
            checks: vec![Check::HotFunctions {
                truth: vec!["LatencyTracker::record".into(), "SessionSet::insert".into()],
                max_named: 4,
            }],
            budget_s: 1.0,
            heap_profile: None,
            first_call_n: None,
            count: None,
        };
        match HotSpotsTask::new(findings).grade(&request) {
            Response::Measured { measurements, .. } => (measurements[0].verdict, measurements[0].value),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn names_match_at_path_boundaries() {
        assert!(names(
            "profiling::aggregate::LatencyTracker::record",
            "LatencyTracker::record"
        ));
        assert!(names(
            "profiling_starter::aggregate::LatencyTracker::record()",
            "LatencyTracker::record"
        ));
        assert!(names("LatencyTracker::record", "LatencyTracker::record"));
        assert!(!names("MyLatencyTracker::record", "LatencyTracker::record"));
        assert!(!names("record", "LatencyTracker::record"));
    }

    #[test]
    fn every_true_function_must_be_named_in_few_names() {
        let both = "hot_functions = [\"a::LatencyTracker::record\", \"SessionSet::insert\"]";
        assert_eq!(grade(both), (Verdict::Pass, Some(2.0)));
        assert_eq!(
            grade("hot_functions = [\"a::LatencyTracker::record\"]"),
            (Verdict::Fail, Some(1.0))
        );
        assert_eq!(grade("hot_functions = []"), (Verdict::Fail, Some(0.0)));
        let everything =
            "hot_functions = [\"LatencyTracker::record\", \"SessionSet::insert\", \"a\", \"b\", \"c\"]";
        assert_eq!(grade(everything), (Verdict::Fail, Some(2.0)));
    }
}
