//! Tasks graded on what the learner found: the grader measures the same thing itself and must
//! reject a wrong or guessed answer. Each test grades a copy of the workspace whose exercise
//! `findings.toml` holds the answer under test.

mod support;

use serde_json::Value;
use support::{fixture_target_dir, fixture_workspace_with, grader, json};

/// Grades `target` in a workspace copy named `name` whose `path` holds `findings`.
fn grade(name: &str, path: &str, findings: &str, target: &str) -> Value {
    let dir = fixture_workspace_with(name, &[(path, findings)]);
    // One target directory for both chapters (and the classroom workflow's copy of profiling):
    // the copies differ only in findings.toml, and each chapter's crates are built only from
    // copies of it, so what they share (the kit and its dependencies) is the same everywhere.
    let output = grader(
        &dir,
        &[target, "--json", "--seed", "11"],
        &[],
        &fixture_target_dir("profiling"),
    );
    let report = json(&output);
    assert_eq!(report["tasks"].as_array().unwrap().len(), 1, "{report:#}");
    report["tasks"][0].clone()
}

fn crossover(name: &str, small: &str, large: &str, n: u32) -> Value {
    let findings =
        format!("faster_at_small_n = \"{small}\"\nfaster_at_large_n = \"{large}\"\ncrossover_n = {n}\n");
    grade(
        name,
        "exercises/benchmarking/findings.toml",
        &findings,
        "benchmarking/crossover",
    )
}

fn hot_spots(name: &str, names: &[&str]) -> Value {
    let list: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    let findings = format!("hot_functions = [{}]\n", list.join(", "));
    grade(
        name,
        "exercises/profiling/findings.toml",
        &findings,
        "profiling/hot-spots",
    )
}

#[test]
fn crossover_findings_are_checked_against_the_measurement() {
    // The reference answer, as measured on this kind of machine, passes.
    let right = crossover("crossover-right", "linear", "hashed", 512);
    assert_eq!(right["status"], "passed", "{right:#}");

    // The directions are facts: the wrong one is a wrong answer, named.
    let backwards = crossover("crossover-backwards", "hashed", "linear", 512);
    assert_eq!(backwards["status"], "wrong-answer", "{backwards:#}");
    assert_eq!(backwards["mismatch"]["case"], "findings.toml: faster_at_small_n");

    // A crossover far from the measured one fails on the figure.
    let guessed = crossover("crossover-guessed", "linear", "hashed", 8);
    assert_eq!(guessed["status"], "failed", "{guessed:#}");
    assert_eq!(guessed["measurements"][0]["verdict"], "fail");
    assert_eq!(guessed["measurements"][0]["evidence"]["claimed"], 8.0);
}

#[test]
fn hot_spot_findings_must_name_the_real_hot_functions_in_few_names() {
    let decoys = hot_spots(
        "hot-decoys",
        &["profiling::parse::parse_line", "profiling::normalise::endpoint"],
    );
    assert_eq!(decoys["status"], "failed", "{decoys:#}");
    assert_eq!(decoys["measurements"][0]["evidence"]["missed"], 2);

    let right = hot_spots(
        "hot-right",
        &[
            "profiling::aggregate::LatencyTracker::record",
            "aggregate::SessionSet::insert",
        ],
    );
    assert_eq!(right["status"], "passed", "{right:#}");

    let everything = hot_spots(
        "hot-everything",
        &[
            "LatencyTracker::record",
            "SessionSet::insert",
            "analyze",
            "Aggregator::add",
        ],
    );
    assert_eq!(
        everything["status"], "failed",
        "naming everything is not an answer: {everything:#}"
    );
}
