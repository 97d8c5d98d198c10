//! Exact mode (`grader --exact`), with valgrind: the figures repeat exactly, the reference
//! passes and the starter fails, and the cheats a learner would try on a count leave no count
//! to take. Needs valgrind, so these tests are ignored by the README's test command (which
//! must pass on a machine with only the Rust toolchain) and run by CI after installing it:
//! `cargo test -p grader --test exact_mode -- --ignored`. The same test binary, so no rebuild.

#![cfg(target_os = "linux")]

mod support;

use serde_json::Value;
use support::faulty::faulty_workspace;
use support::workflow::workflow_reports;
use support::{fixture_target_dir, fixture_workspace_with, grader, json, root};

/// Grades `target` of the real workspace in exact mode with `--seed 7`.
fn grade_real(target: &str, extra: &[&str]) -> Value {
    let mut args = vec![target, "--exact", "--json", "--seed", "7"];
    args.extend_from_slice(extra);
    let output = grader(&root(), &args, &[], &root().join("target"));
    json(&output)
}

/// Grades big-o/find-duplicates of the faulty fixture in exact mode, misbehaving as `fault`.
fn grade_faulty(fault: &str) -> Value {
    let output = grader(
        faulty_workspace(),
        &["big-o/find-duplicates", "--exact", "--json", "--seed", "7"],
        &[("WORKBOOK_FIXTURE_FAULT", fault)],
        &fixture_target_dir("faulty"),
    );
    json(&output)
}

fn only_task(report: &Value) -> &Value {
    let tasks = report["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 1, "{report:#}");
    &tasks[0]
}

/// Each measurement's metric, value and evidence.
fn figures(report: &Value) -> Vec<(Value, Value, Value)> {
    only_task(report)["measurements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["metric"].clone(), m["value"].clone(), m["evidence"].clone()))
        .collect()
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn the_reference_passes_with_the_same_figures_every_run() {
    let first = grade_real("big-o/count-pairs-with-sum", &["--solutions"]);
    let second = grade_real("big-o/count-pairs-with-sum", &["--solutions"]);
    assert_eq!(first["mode"], "exact");
    assert_eq!(only_task(&first)["status"], "passed", "{first:#}");
    assert_eq!(figures(&first), figures(&second));
    let kinds: Vec<&str> = only_task(&first)["measurements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["evidence"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["instructions", "instruction-curves"]);
    for m in only_task(&first)["measurements"].as_array().unwrap() {
        assert_eq!(m["low"], m["value"]);
        assert_eq!(m["high"], m["value"]);
        assert_eq!(m["confidence"], 1.0);
    }
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn the_starter_fails_on_instructions() {
    let report = grade_real("big-o/count-pairs-with-sum", &["--starters"]);
    let task = only_task(&report);
    assert_eq!(task["status"], "failed", "{task:#}");
    let speedup = &task["measurements"][0];
    assert!(speedup["value"].as_f64().unwrap() < 1.1, "{speedup:#}");
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn a_parallel_split_is_judged_on_the_busiest_thread() {
    let reference = grade_real("concurrency/image-histograms", &["--solutions"]);
    let task = only_task(&reference);
    assert_eq!(task["status"], "passed", "{task:#}");
    let evidence = &task["measurements"][0]["evidence"];
    assert_eq!(evidence["kind"], "thread-split");
    assert!(evidence["threads"].as_u64().unwrap() >= 2, "{evidence:#}");
    let starter = grade_real("concurrency/image-histograms", &["--starters"]);
    assert_eq!(only_task(&starter)["status"], "failed", "{starter:#}");
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn honest_fast_code_passes_in_the_fixture() {
    let report = grade_faulty("none");
    assert_eq!(only_task(&report)["status"], "passed", "{report:#}");
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn code_that_skips_the_work_when_counted_is_a_wrong_answer() {
    let report = grade_faulty("cheap-under-valgrind");
    assert_eq!(only_task(&report)["status"], "wrong-answer", "{report:#}");
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn replacing_the_process_after_the_answer_leaves_no_count() {
    let report = grade_faulty("exec-after-answer");
    let task = only_task(&report);
    assert_eq!(task["passed"], false, "{task:#}");
    assert_ne!(task["status"], "failed", "{task:#}");
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn replacing_the_process_during_the_call_leaves_no_answer() {
    let report = grade_faulty("exec-now");
    let task = only_task(&report);
    assert_eq!(task["passed"], false, "{task:#}");
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn valgrinds_log_cannot_be_reached_from_inside() {
    let report = grade_faulty("count-pipe");
    let task = only_task(&report);
    assert_eq!(task["status"], "panicked", "{task:#}");
    assert!(
        task["summary"].as_str().unwrap().contains("valgrind's log"),
        "{task:#}"
    );
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn valgrinds_counts_directory_can_be_neither_listed_nor_replaced() {
    for fault in ["list-counts", "replace-counts"] {
        let report = grade_faulty(fault);
        let task = only_task(&report);
        assert_eq!(task["status"], "panicked", "{fault}: {task:#}");
        assert!(
            task["summary"].as_str().unwrap().contains("valgrind's counts"),
            "{task:#}"
        );
    }
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn no_helper_process_can_take_the_work_out_of_the_count() {
    for fault in ["spawn", "proc-mem", "read-solution"] {
        let report = grade_faulty(fault);
        let task = only_task(&report);
        assert_eq!(task["status"], "panicked", "{fault}: {task:#}");
    }
}

#[test]
#[ignore = "needs valgrind: CI runs it (`cargo test -p grader --test exact_mode -- --ignored`)"]
fn the_classroom_workflows_command_runs_as_written() {
    let ws = fixture_workspace_with("ci-reports-exact", &[]);
    let (xml, markdown) = workflow_reports(&ws, &["--exact"]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mode = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("mode"))
        .unwrap();
    assert_eq!(mode.attribute("value"), Some("exact"));
    assert!(markdown.contains("0 of 1 tasks passed"), "{markdown}");
}
