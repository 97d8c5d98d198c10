//! Shared helpers for the grader's integration tests: run the real grader binary, on the real
//! workspace or on a copy of it whose exercise is replaced by fixture "learner code".

#![allow(dead_code)] // each test binary uses its own subset

pub mod faulty;
pub mod workflow;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workbook's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Runs the grader in `dir` with `args` and extra environment variables.
pub fn grader(dir: &Path, args: &[&str], env: &[(&str, &str)], target_dir: &Path) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_grader"));
    command
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target_dir);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the grader runs")
}

/// The grader's `--json` document; fails the test unless stdout is exactly one JSON document.
pub fn json(output: &Output) -> Value {
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}):\n{stdout}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// A copy of the workspace at `target/fixtures/<name>` whose `exercises/big-o/src/lib.rs` is
/// `lib_rs`.
pub fn fixture_workspace(name: &str, lib_rs: &str) -> PathBuf {
    fixture_workspace_with(name, &[("exercises/big-o/src/lib.rs", lib_rs)])
}

/// A copy of the workspace at `target/fixtures/<name>` with the given files (paths relative to
/// the root) replaced.
pub fn fixture_workspace_with(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = root();
    let copy = root.join("target/fixtures").join(name);
    if copy.exists() {
        std::fs::remove_dir_all(&copy).unwrap();
    }
    copy_tree(&root, &copy);
    for (path, contents) in files {
        std::fs::write(copy.join(path), contents).unwrap();
    }
    copy
}

/// The target directory of the fixture workspace `name`. Each copy needs its own: cargo names
/// a path crate's artifacts by its path relative to the workspace root and judges freshness by
/// modification times, so two copies sharing a target directory would run each other's builds
/// (and the real workspace's exercise binary must never be overwritten).
pub fn fixture_target_dir(name: &str) -> PathBuf {
    root().join("target/fixtures").join(format!("{name}-target"))
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" || name == ".git" || name == ".workbook" {
            continue;
        }
        let (source, dest) = (entry.path(), to.join(&name));
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&source, &dest);
        } else {
            std::fs::copy(&source, &dest).unwrap();
        }
    }
}

/// The graded tasks of a `--json` document, as (task, status) pairs.
pub fn statuses(report: &Value) -> Vec<(String, String)> {
    report["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["task"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}
