//! For the harnesses' tests: grading a task in-process, as its harness binary would, on the
//! manifest's count checks only (no timed check: a test asserts counts and answers, never a
//! speed-up), and asserting what came back.

use crate::protocol::{Evidence, Measurement, Request, Response, Verdict};
use crate::spec::Check;
use crate::task::Task;
use serde::Deserialize;

/// The workbook's manifest, as far as the harnesses' tests read it.
const MANIFEST: &str = include_str!("../../workbook.toml");

/// The checks of `chapter`'s task `task`, as `grader/workbook.toml` declares them: what a
/// harness test compares its inputs' sizes and scenario constants with.
pub fn manifest_checks(chapter: &str, task: &str) -> Vec<Check> {
    #[derive(Deserialize)]
    struct Manifest {
        chapters: Vec<Chapter>,
    }
    #[derive(Deserialize)]
    struct Chapter {
        name: String,
        tasks: Vec<TaskChecks>,
    }
    #[derive(Deserialize)]
    struct TaskChecks {
        name: String,
        checks: Vec<Check>,
    }
    let manifest: Manifest = toml::from_str(MANIFEST).expect("the manifest parses");
    let found = manifest.chapters.into_iter().find(|c| c.name == chapter);
    let found = found.unwrap_or_else(|| panic!("no chapter {chapter:?} in the manifest"));
    let checks = found.tasks.into_iter().find(|t| t.name == task).map(|t| t.checks);
    checks.unwrap_or_else(|| panic!("no task {chapter}/{task} in the manifest"))
}

/// Every size the checks of `chapter`'s task `task` measure, in the manifest's order.
pub fn manifest_sizes(chapter: &str, task: &str) -> Vec<usize> {
    manifest_checks(chapter, task)
        .iter()
        .flat_map(Check::sizes)
        .collect()
}

/// A `count` check, as the manifest declares one.
pub fn count(counter: &str, n: usize, at_most: u64) -> Check {
    Check::Count {
        counter: counter.into(),
        n,
        at_most,
    }
}

/// Grades `task` on `checks` with a fixed seed.
pub fn grade(task: &dyn Task, checks: Vec<Check>) -> Response {
    let request: Request = serde_json::from_value(serde_json::json!({
        "task": task.name(),
        "seed": 7,
        "checks": checks,
        "budget_s": 1.0,
    }))
    .expect("a request");
    task.grade(&request)
}

/// A count's detail.
pub fn detail(m: &Measurement) -> &str {
    match &m.evidence {
        Evidence::Count { detail, .. } => detail.as_deref().unwrap_or(""),
        _ => "",
    }
}

/// A measurement's value as text: "?" when it was not measured.
fn value(m: &Measurement) -> String {
    m.value.map_or_else(|| "?".into(), |v| v.to_string())
}

/// Asserts that every check passed and every case agreed; returns the measurements.
pub fn assert_passes(response: &Response) -> &[Measurement] {
    let Response::Measured { measurements, cases } = response else {
        panic!("expected a pass, got {response:#?}")
    };
    assert!(*cases > 0, "no correctness case ran");
    for m in measurements {
        assert_eq!(
            m.verdict,
            Verdict::Pass,
            "{}: {} ({})",
            m.metric,
            value(m),
            detail(m)
        );
    }
    measurements
}

/// Asserts that the count `counter` failed with a detail containing `words`; returns it.
pub fn assert_count_fails<'r>(response: &'r Response, counter: &str, words: &str) -> &'r Measurement {
    let Response::Measured { measurements, .. } = response else {
        panic!("expected a failed {counter}, got {response:#?}")
    };
    let m = measurements
        .iter()
        .find(|m| m.metric == counter)
        .unwrap_or_else(|| panic!("no {counter} in {measurements:#?}"));
    println!("{counter}: {} ({})", value(m), detail(m));
    assert_eq!(
        m.verdict,
        Verdict::Fail,
        "{counter}: {} ({})",
        value(m),
        detail(m)
    );
    assert!(
        detail(m).contains(words),
        "{counter}'s detail lacks {words:?}: {}",
        detail(m)
    );
    m
}

/// Asserts a wrong answer whose case label and difference contain these words; returns the
/// difference.
pub fn assert_wrong_answer<'r>(response: &'r Response, case: &str, words: &str) -> &'r str {
    let Response::WrongAnswer(mismatch) = response else {
        panic!("expected a wrong answer, got {response:#?}")
    };
    println!("wrong answer on {}: {}", mismatch.case, mismatch.difference);
    assert!(
        mismatch.case.contains(case),
        "case {:?} lacks {case:?}: {mismatch:#?}",
        mismatch.case
    );
    assert!(
        mismatch.difference.contains(words),
        "difference lacks {words:?}: {mismatch:#?}"
    );
    &mismatch.difference
}
