//! The classroom outputs, run as an instructor and a CI job would: `grader roster` grading
//! several learners' checkouts into one gradebook, the reports the workflows in `classroom/`
//! ask for (JUnit, Markdown, HTML and the job summary), and autograding's task list.
//!
//! Build cost: every grade here is of one quick task, `profiling/hot-spots` (its exercise is a
//! findings file), so only the profiling chapter is built, in target directories kept between
//! runs.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::workflow::{TASK, workflow_reports};
use support::{fixture_target_dir, fixture_workspace_with, grader, root};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A learner's checkout at `target/fixtures/roster-learners/<name>`: the workbook's
/// `exercises/`, with `files` (paths relative to the checkout) written over it.
fn checkout(name: &str, files: &[(&str, String)]) -> PathBuf {
    let dir = root().join("target/fixtures/roster-learners").join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    copy(&root().join("exercises"), &dir.join("exercises"));
    for (path, text) in files {
        std::fs::create_dir_all(dir.join(path).parent().unwrap()).unwrap();
        std::fs::write(dir.join(path), text).unwrap();
    }
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

#[test]
fn the_roster_grades_each_learners_exercises_into_one_gradebook() {
    let solved = std::fs::read_to_string(root().join("solutions/profiling/findings.toml")).unwrap();
    let lib = std::fs::read_to_string(root().join("exercises/profiling/src/lib.rs")).unwrap();
    // Alice solved the task; her checkout's manifest is broken, which must not matter: only
    // her exercises/ is graded, with the instructor's grader and manifest.
    let alice = checkout(
        "alice",
        &[
            ("exercises/profiling/findings.toml", solved),
            ("grader/workbook.toml", "this is not a manifest".into()),
        ],
    );
    let bob = checkout(
        "bob",
        &[(
            "exercises/profiling/src/lib.rs",
            format!("{lib}\npub fn broken() -> u32 {{ \"no\" }}\n"),
        )],
    );
    let carol = root().join("target/fixtures/roster-learners/carol-never-cloned");
    let ws = fixture_workspace_with("roster", &[]);
    let out = ws.join("marks");
    let args: Vec<&str> = vec![
        "roster",
        alice.to_str().unwrap(),
        bob.to_str().unwrap(),
        carol.to_str().unwrap(),
        "--only",
        TASK,
        "--out",
        out.to_str().unwrap(),
        "--seed",
        "5",
    ];
    let output = grader(&ws, &args, &[], &fixture_target_dir("roster"));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let csv = std::fs::read_to_string(out.join("gradebook.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "learner", "chapter", "task", "status", "passed", "summary", "figures", "seconds"
        ]
    );
    assert_eq!(rows.len(), 4, "{csv}");
    assert_eq!(
        rows[1][..5],
        ["alice", "profiling", "hot-spots", "passed", "true"],
        "{csv}"
    );
    assert_eq!(
        rows[2][..5],
        ["bob", "profiling", "hot-spots", "does-not-compile", "false"],
        "{csv}"
    );
    assert_eq!(
        rows[3][..5],
        ["carol-never-cloned", "", "", "grader-error", "false"],
        "{csv}"
    );
    assert!(
        rows[3][5].ends_with("carol-never-cloned is not a directory"),
        "{csv}"
    );

    let book: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("gradebook.json")).unwrap()).unwrap();
    assert_eq!(book["seed"], 5);
    assert_eq!(book["only"], serde_json::json!([TASK]));
    let learners = book["learners"].as_array().unwrap();
    assert_eq!(learners.len(), 3);
    let passed = &learners[0]["tasks"][0];
    assert_eq!(passed["status"], "passed", "{passed:#}");
    assert_eq!(passed["measurements"][0]["metric"], "hot-functions");
    assert!(
        learners[1]["tasks"][0]["details"]
            .as_str()
            .unwrap()
            .contains("mismatched types")
    );
    assert!(learners[2]["error"].is_string());

    let table = String::from_utf8_lossy(&output.stdout);
    assert!(table.contains("alice               1/1"), "{table}");
    assert!(
        table.contains("bob                 0/1     profiling/hot-spots (does-not-compile)"),
        "{table}"
    );
    // The learners' own checkouts are never written to.
    assert!(!alice.join(".workbook").exists());
}

#[test]
fn the_workflows_reports_are_written_and_the_job_summary_appended() {
    // The workflows' command on one task, timed: exact mode needs valgrind, which a machine with
    // only the Rust toolchain lacks (`tests/exact_mode.rs` runs the command with `--exact`).
    let ws = fixture_workspace_with("ci-reports", &[]);
    let (xml, markdown) = workflow_reports(&ws, &[]);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mode = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("mode"))
        .unwrap();
    assert_eq!(mode.attribute("value"), Some("timed"));
    assert!(markdown.contains("0 of 1 tasks passed"), "{markdown}");
}

#[test]
fn autograding_lists_exactly_the_manifests_tasks() {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(root().join("grader/workbook.toml")).unwrap()).unwrap();
    let mut tasks = Vec::new();
    for chapter in manifest["chapters"].as_array().unwrap() {
        for task in chapter["tasks"].as_array().unwrap() {
            tasks.push(format!(
                "{}/{}",
                chapter["name"].as_str().unwrap(),
                task["name"].as_str().unwrap()
            ));
        }
    }
    let autograding: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("classroom/autograding.json")).unwrap())
            .unwrap();
    let names: Vec<&str> = autograding["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names, tasks,
        "classroom/autograding.json: one test per task, in course order"
    );
}
