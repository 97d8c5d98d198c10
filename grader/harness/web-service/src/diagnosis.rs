//! Task `diagnosis`: the learner names, in `findings.toml`, what makes each endpoint slow under
//! load, from a fixed vocabulary; graded against the manifest's truth like the profiling
//! chapter's hot functions.

use grader_kit::Task;
use grader_kit::measure::exact;
use grader_kit::protocol::{Evidence, Goal, Measurement, Mismatch, Request, Response, Verdict};
use grader_kit::spec::Check;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The causes a line may name.
pub const VOCABULARY: [&str; 6] = [
    "missing-index",
    "n-plus-one",
    "blocking-runtime",
    "rebuilt-per-request",
    "global-lock",
    "needless-allocation",
];

/// The learner's `findings.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Findings {
    bottlenecks: BTreeMap<String, Vec<String>>,
}

/// The `diagnosis` task for a subject's findings.
#[derive(Debug)]
pub struct Diagnosis {
    findings: &'static str,
}

impl Diagnosis {
    /// The task, reading the subject's `findings.toml` text.
    pub fn new(findings: &'static str) -> Self {
        Diagnosis { findings }
    }
}

fn unreadable(findings: &str, difference: String) -> Response {
    Response::WrongAnswer(Mismatch {
        case: "findings.toml".into(),
        input: findings.trim().to_string(),
        expected: "[bottlenecks] with one line per endpoint, each a list of causes".into(),
        actual: "see the difference".into(),
        difference,
        advice: Some(format!(
            "Write each line as `\"GET /search\" = [\"cause\"]`, with causes from: {}.",
            VOCABULARY.join(", ")
        )),
    })
}

impl Task for Diagnosis {
    fn name(&self) -> &str {
        "diagnosis"
    }

    fn grade(&self, request: &Request) -> Response {
        let Some(Check::Diagnosis { truth, max_per_part }) = request.checks.first() else {
            return Response::Error {
                message: "diagnosis grades one diagnosis check".into(),
            };
        };
        let findings = match toml::from_str::<Findings>(self.findings) {
            Ok(findings) => findings.bottlenecks,
            Err(e) => {
                return unreadable(
                    self.findings,
                    format!("findings.toml does not parse: {}", e.message()),
                );
            }
        };
        if let Some((part, cause)) = findings
            .iter()
            .flat_map(|(part, causes)| causes.iter().map(move |c| (part, c)))
            .find(|(_, cause)| !VOCABULARY.contains(&cause.as_str()))
        {
            return unreadable(
                self.findings,
                format!("{part:?} names {cause:?}, which is not one of the causes"),
            );
        }
        let named: Vec<String> = findings
            .iter()
            .flat_map(|(part, causes)| causes.iter().map(move |c| format!("{part}: {c}")))
            .collect();
        let found: Vec<String> = truth
            .iter()
            .filter(|(part, cause)| findings.get(*part).is_some_and(|causes| causes.contains(cause)))
            .map(|(part, cause)| format!("{part}: {cause}"))
            .collect();
        let missed = truth.len() - found.len();
        let crowded = findings.values().any(|causes| causes.len() > *max_per_part);
        let verdict = if missed == 0 && !crowded {
            Verdict::Pass
        } else {
            Verdict::Fail
        };
        let count = found.len() as f64;
        let evidence = Evidence::Findings {
            named,
            found,
            missed,
            max_named: *max_per_part,
        };
        let goal = Goal::AtLeast(truth.len() as f64);
        Response::Measured {
            cases: 1,
            measurements: vec![Measurement {
                verdict,
                ..exact("diagnosis", "bottlenecks", count, goal, evidence)
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(findings: &'static str) -> Response {
        let truth = BTreeMap::from([
            ("GET /a".to_string(), "missing-index".to_string()),
            ("service".to_string(), "global-lock".to_string()),
        ]);
        Diagnosis::new(findings).grade(&Request {
            task: "diagnosis".into(),
            seed: 1,
            checks: vec![Check::Diagnosis {
                truth,
                max_per_part: 2,
            }],
            budget_s: 1.0,
            heap_profile: None,
            first_call_n: None,
            count: None,
        })
    }

    fn verdict(response: Response) -> Verdict {
        match response {
            Response::Measured { measurements, .. } => measurements[0].verdict,
            other => panic!("not measured: {other:?}"),
        }
    }

    #[test]
    fn every_true_cause_must_be_named_without_naming_everything() {
        let right = "[bottlenecks]\n\"GET /a\" = [\"missing-index\"]\nservice = [\"global-lock\", \"needless-allocation\"]\n";
        assert_eq!(verdict(grade(right)), Verdict::Pass);
        let half = "[bottlenecks]\n\"GET /a\" = [\"missing-index\"]\nservice = []\n";
        assert_eq!(verdict(grade(half)), Verdict::Fail);
        let everything = "[bottlenecks]\n\"GET /a\" = [\"missing-index\", \"n-plus-one\", \"global-lock\"]\nservice = [\"global-lock\"]\n";
        assert_eq!(verdict(grade(everything)), Verdict::Fail);
        assert!(matches!(
            grade("[bottlenecks]\nservice = [\"slow\"]\n"),
            Response::WrongAnswer(_)
        ));
        assert!(matches!(grade("bottlenecks = 3"), Response::WrongAnswer(_)));
    }
}
