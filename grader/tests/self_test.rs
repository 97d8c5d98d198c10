//! The grader's self-test: the reference solutions pass every task and the frozen starters
//! fail every task, decisively: "failed" on a measured goal, or "wrong-answer" where the
//! starter's findings file is still unfilled, never "inconclusive". Also checks the `--json`
//! contract.

mod support;

use support::{grader, json, root, statuses};

#[test]
fn references_pass_and_starters_fail() {
    let root = root();
    let target = root.join("target");

    let solutions = grader(&root, &["--solutions", "--json"], &[], &target);
    let report = json(&solutions);
    assert_eq!(solutions.status.code(), Some(0), "{report:#}");
    for (task, status) in statuses(&report) {
        assert_eq!(status, "passed", "reference {task}: {report:#}");
    }
    let big_o = report["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "big-o")
        .unwrap();
    assert_eq!(big_o["passed"], true);

    let starters = grader(&root, &["--starters", "--json"], &[], &target);
    let report = json(&starters);
    assert_eq!(starters.status.code(), Some(1), "{report:#}");
    assert!(!statuses(&report).is_empty());
    for (task, status) in statuses(&report) {
        assert!(
            status == "failed" || status == "wrong-answer",
            "starter {task} must fail decisively, not {status}: {report:#}"
        );
    }
    for task in report["tasks"].as_array().unwrap() {
        let measurements = task["measurements"].as_array().unwrap();
        assert!(
            measurements.iter().all(|m| m["verdict"] != "inconclusive"),
            "{task:#}"
        );
        assert!(
            measurements.is_empty() || measurements.iter().any(|m| m["verdict"] == "fail"),
            "{task:#}"
        );
    }
}

#[test]
fn the_json_document_keeps_its_contract() {
    let root = root();
    let output = grader(
        &root,
        &[
            "--starters",
            "--json",
            "--seed",
            "42",
            "big-o/find-duplicates",
            "--budget-scale",
            "0.1",
        ],
        &[],
        &root.join("target"),
    );
    let report = json(&output);
    assert_eq!(report["seed"], 42);
    assert_eq!(report["subject"], "starters");
    let task = &report["tasks"][0];
    for field in [
        "chapter",
        "task",
        "passed",
        "status",
        "summary",
        "next_step",
        "measurements",
        "cases",
    ] {
        assert!(task.get(field).is_some(), "tasks[].{field} missing: {task:#}");
    }
    assert_eq!(task["chapter"], "big-o");
    assert_eq!(task["task"], "find-duplicates");
    let m = &task["measurements"][0];
    for field in [
        "metric",
        "value",
        "low",
        "high",
        "confidence",
        "goal",
        "verdict",
        "samples",
        "evidence",
    ] {
        assert!(m.get(field).is_some(), "measurements[].{field} missing: {m:#}");
    }
    let checklist = report["checklist"].as_array().unwrap();
    assert_eq!(checklist.len(), 7);
    for item in checklist {
        assert!(
            item["item"].is_string() && item["passed"].is_boolean(),
            "{item:#}"
        );
    }
    // Only find-duplicates was graded: the Big O item cannot be ticked by a subset.
    let big_o = checklist.iter().find(|i| i["id"] == "big-o").unwrap();
    assert_eq!(big_o["status"], "not-yet");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--seed 42"),
        "every run prints its seed: {stderr}"
    );
}

#[test]
fn unknown_targets_are_a_usage_error() {
    let root = root();
    let output = grader(&root, &["big-o/no-such-task"], &[], &root.join("target"));
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("find-duplicates"),
        "the error lists the real tasks: {stderr}"
    );
}
