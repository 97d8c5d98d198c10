//! Learner code is untrusted: every way it can go wrong is reported for its task in plain
//! words, and never corrupts the grader's output. Each test grades a copy of the workspace
//! whose exercise is the fixture in `fixtures/faulty_big_o.rs`, misbehaving as asked.

mod support;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Output;
use std::sync::OnceLock;
use support::{fixture_target_dir, fixture_workspace, grader, json};

const FAULTY: &str = include_str!("fixtures/faulty_big_o.rs");

fn faulty_workspace() -> &'static PathBuf {
    static WORKSPACE: OnceLock<PathBuf> = OnceLock::new();
    WORKSPACE.get_or_init(|| fixture_workspace("faulty", FAULTY))
}

/// Grades one task of the faulty fixture with the given fault.
fn grade(fault: &str, task: &str, extra: &[&str]) -> (Output, Value) {
    let mut args = vec![task, "--json", "--seed", "7"];
    args.extend_from_slice(extra);
    if !extra.contains(&"--time-limit") {
        args.extend(["--time-limit", "10"]);
    }
    let output = grader(
        faulty_workspace(),
        &args,
        &[("WORKBOOK_FIXTURE_FAULT", fault)],
        &fixture_target_dir("faulty"),
    );
    let report = json(&output);
    (output, report)
}

/// The only task in a report.
fn task(report: &Value) -> &Value {
    let tasks = report["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 1, "{report:#}");
    &tasks[0]
}

fn assert_failed_with(report: &Value, status: &str, summary_part: &str) {
    let t = task(report);
    assert_eq!(t["status"], status, "{t:#}");
    assert_eq!(t["passed"], false);
    let summary = t["summary"].as_str().unwrap();
    assert!(
        summary.contains(summary_part),
        "{summary_part:?} not in {summary:?}"
    );
}

#[test]
fn correct_fast_code_passes() {
    let (output, report) = grade("none", "big-o/count-pairs-with-sum", &[]);
    assert_eq!(task(&report)["status"], "passed", "{report:#}");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_panic_is_reported_with_its_message_and_input() {
    let (output, report) = grade("panic", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "panicked", "fixture panic: slot 4 is out of range");
    let details = task(&report)["details"].as_str().unwrap();
    assert!(
        details.contains("checking correctness on") && details.contains("size 4"),
        "{details}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_hang_is_stopped_at_the_time_limit() {
    let (_, report) = grade("hang", "big-o/find-duplicates", &["--time-limit", "2"]);
    assert_failed_with(&report, "timed-out", "did not finish within 2 s");
}

#[test]
fn an_abort_is_a_crash() {
    let (_, report) = grade("abort", "big-o/longest-unique-window", &[]);
    assert_failed_with(&report, "crashed", "SIGABRT");
}

#[test]
fn a_segmentation_fault_is_a_crash() {
    let (_, report) = grade("segfault", "big-o/common-customers", &[]);
    assert_failed_with(&report, "crashed", "crashed with SIG");
}

#[test]
fn a_stack_overflow_is_named() {
    let (_, report) = grade("stack-overflow", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "crashed", "stack overflow");
}

#[test]
fn memory_exhaustion_is_stopped_at_the_limit() {
    let (_, report) = grade("oom", "big-o/find-duplicates", &["--memory-limit", "256"]);
    assert_failed_with(&report, "out-of-memory", "limit 256 MiB");
}

#[test]
fn exiting_the_process_is_reported() {
    let (_, report) = grade("exit", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "exited-early", "ended the process");
}

#[test]
fn printed_text_never_corrupts_the_results() {
    // The fixture prints a fake JSON verdict and thousands of lines, and is as slow as the
    // starter: stdout must still be exactly the grader's document, and the task must fail.
    let (_, report) = grade("noisy", "big-o/find-duplicates", &["--budget-scale", "0.2"]);
    assert_failed_with(&report, "failed", "answers agree");
}

#[test]
fn a_wrong_answer_shows_the_smallest_failing_input() {
    let (_, report) = grade("wrong", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "wrong-answer", "wrong answer on");
    let mismatch = &task(&report)["mismatch"];
    assert_eq!(mismatch["input"], "[5, 5]", "{mismatch:#}");
    assert_eq!(mismatch["expected"], "[5]");
    assert_eq!(mismatch["actual"], "[]");
    assert!(
        mismatch["difference"]
            .as_str()
            .unwrap()
            .contains("lengths differ"),
        "{mismatch:#}"
    );
}

#[test]
fn code_wrong_only_on_large_timed_inputs_is_caught() {
    let (_, report) = grade("wrong-when-large", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "wrong-answer", "timed round");
}

#[test]
fn a_compile_error_is_shown_and_the_report_still_completes() {
    let broken = FAULTY.replace("let mut pairs = 0;", "let mut pairs: u64 = \"zero\";");
    let dir = fixture_workspace("broken", &broken);
    let output = grader(&dir, &["big-o", "--json"], &[], &fixture_target_dir("broken"));
    let report = json(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a learner's compile error is a failed grade, not a tool error"
    );
    let tasks = report["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 4);
    for t in tasks {
        assert_eq!(t["status"], "does-not-compile", "{t:#}");
        let details = t["details"].as_str().unwrap();
        assert!(
            details.contains("error[E0308]") && details.contains("mismatched types"),
            "{details}"
        );
    }
    assert_eq!(report["checklist"].as_array().unwrap().len(), 7);
}

#[test]
fn a_changed_signature_is_an_api_mismatch() {
    // The exercise itself compiles; the grader's call to `common_customers` no longer does.
    let changed = FAULTY.replace("pub fn common_customers(", "pub fn shared_customers(");
    let dir = fixture_workspace("api-mismatch", &changed);
    let output = grader(
        &dir,
        &["big-o/find-duplicates", "--json"],
        &[],
        &fixture_target_dir("api-mismatch"),
    );
    let report = json(&output);
    let t = task(&report);
    assert_eq!(t["status"], "does-not-compile", "{t:#}");
    assert!(t["summary"].as_str().unwrap().contains("public API"), "{t:#}");
}
