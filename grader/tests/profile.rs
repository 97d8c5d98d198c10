//! `grader profile CHAPTER/TASK` on real code: it must name the function where the time goes,
//! and the profiling chapter's declared hot functions must be the starter's real hot spots.

mod support;

use std::process::Command;
use support::{grader, root};

fn valgrind_available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The percentage on the report line naming `function`, if any.
fn share(report: &str, function: &str) -> Option<f64> {
    report
        .lines()
        .find(|l| l.trim_end().ends_with(function))
        .and_then(|l| l.split_whitespace().next()?.strip_suffix('%')?.parse().ok())
}

#[test]
fn the_profile_names_the_quadratic_function() {
    let root = root();
    let output = grader(
        &root,
        &["profile", "big-o/find-duplicates", "--starters"],
        &[],
        &root.join("target"),
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !valgrind_available() {
        // Without valgrind the grader falls back to perf, or says what to install.
        assert!(
            output.status.success() || stderr.contains("install valgrind"),
            "stdout:\n{stdout}\nstderr:\n{stderr}"
        );
        return;
    }
    assert!(output.status.success(), "stdout:\n{stdout}\nstderr:\n{stderr}");
    let percent = share(&stdout, "big_o_starter::find_duplicates").unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        percent > 90.0,
        "the quadratic loop is nearly all the work: {stdout}"
    );
    assert!(
        stdout.contains("inlined from core/src/slice"),
        "the scan is the slice search: {stdout}"
    );
}

#[test]
fn a_task_without_a_slash_is_refused() {
    let root = root();
    let output = grader(&root, &["profile", "big-o"], &[], &root.join("target"));
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("chapter/task"));
}

#[test]
fn the_declared_hot_functions_are_the_starters_hot_spots() {
    if !valgrind_available() {
        // perf samples are too noisy to pin shares on; callgrind counts exactly.
        return;
    }
    let root = root();
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("grader/workbook.toml")).unwrap()).unwrap();
    let truth: Vec<String> = manifest["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["tasks"].as_array().unwrap())
        .filter(|t| t["name"].as_str() == Some("hot-spots"))
        .flat_map(|t| t["checks"][0]["truth"].as_array().unwrap())
        .map(|name| name.as_str().unwrap().to_string())
        .collect();
    assert!(!truth.is_empty());
    let output = grader(
        &root,
        &["profile", "profiling/pipeline", "--starters"],
        &[],
        &root.join("target"),
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mine = stdout.split("Where the instructions").next().unwrap();
    let mut total = 0.0;
    for name in &truth {
        let percent = share(mine, &format!("::{name}"))
            .unwrap_or_else(|| panic!("{name} not in the profile:\n{stdout}"));
        assert!(percent > 20.0, "{name} is only {percent}%:\n{stdout}");
        total += percent;
    }
    assert!(
        total > 70.0,
        "the declared hot functions cover only {total}%:\n{stdout}"
    );
    // And no other function of the crate comes close: the decoys stay decoys.
    let decoys = ["parse_line", "normalise::endpoint", "build_report"];
    for decoy in decoys {
        let percent = share(mine, decoy).unwrap_or(0.0);
        assert!(percent < 5.0, "decoy {decoy} takes {percent}%:\n{stdout}");
    }
}
