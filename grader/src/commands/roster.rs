//! `grader roster`: grades several learners' checkouts into one gradebook.
//!
//! Trust model: a learner's checkout may carry an edited manifest, harness or frozen starter,
//! so only its `exercises/` is used. Each learner in turn is copied into one scratch workspace
//! (the instructor's workspace with that learner's `exercises/`), at the same path every time
//! so that cargo's build cache carries over, and graded there by this very grader binary with
//! `--json`. A learner the grader cannot grade becomes an error row; the roster goes on.

mod gradebook;
mod scratch;

use crate::cli::Cli;
use crate::grade;
use crate::manifest::Manifest;
use crate::result::Mode;
use anyhow::{Context, Result, bail};
use gradebook::{Gradebook, Learner};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What to grade, and how.
#[derive(Debug)]
pub struct Options<'a> {
    /// The learners' checkouts.
    pub dirs: &'a [PathBuf],
    /// The chapters or tasks to grade (all when empty).
    pub only: &'a [String],
    /// Where the gradebook goes.
    pub out: &'a Path,
    /// One seed for every learner: the same inputs for all.
    pub seed: u64,
    /// Judge speed on instruction counts.
    pub exact: bool,
    /// A task's time limit, when not the chapter's.
    pub time_limit_s: Option<f64>,
    /// A task's memory limit.
    pub memory_limit_mib: u64,
    /// The measurements' budget factor.
    pub budget_scale: f64,
}

/// How many lines of a failed grader's stderr the gradebook keeps.
const STDERR_TAIL: usize = 12;

/// Grades every learner of `options` with the workspace at `root`, writes the gradebook and
/// prints a short table. Fails only when the roster itself cannot run.
pub fn run(root: &Path, manifest: &Manifest, options: &Options, cli: &Cli) -> Result<()> {
    if cli.solutions
        || cli.starters
        || cli.json
        || cli.report.is_some()
        || cli.junit.is_some()
        || cli.markdown.is_some()
    {
        bail!(
            "roster grades learners' exercises into a gradebook: --solutions, --starters, --json, --report, --junit and --markdown do not apply"
        );
    }
    // A typo in --only is the instructor's, not every learner's: stop before grading anyone.
    grade::select(manifest, options.only)?;
    let exe = std::env::current_exe().context("finding the grader's own binary")?;
    let base = target_base(root)?;
    let (workspace, target) = (base.join("roster/workspace"), base.join("roster/target"));
    let cwd = std::env::current_dir()?;
    let excluded = [base.clone(), cwd.join(options.out)];
    let names = gradebook::unique_names(options.dirs);
    let mut learners = Vec::new();
    for (i, (dir, name)) in options.dirs.iter().zip(names).enumerate() {
        eprintln!("Grading {name} ({} of {})…", i + 1, options.dirs.len());
        let graded = grade_learner(root, dir, &workspace, &excluded, |ws| {
            run_grader(&exe, ws, &target, options)
        });
        let learner = match graded {
            Ok(report) => Learner::graded(name, dir, report),
            Err(error) => Learner::error(name, dir, format!("{error:#}")),
        };
        learners.push(learner);
    }
    let book = Gradebook::new(
        options.seed,
        Mode::from_flag(options.exact),
        options.only,
        learners,
    );
    std::fs::create_dir_all(options.out).with_context(|| format!("creating {}", options.out.display()))?;
    let (csv, json) = (
        options.out.join("gradebook.csv"),
        options.out.join("gradebook.json"),
    );
    std::fs::write(&csv, book.csv()).with_context(|| format!("writing {}", csv.display()))?;
    std::fs::write(&json, book.json()).with_context(|| format!("writing {}", json.display()))?;
    print!("{}", book.table());
    println!("Gradebook written to {} and {}", csv.display(), json.display());
    Ok(())
}

/// The directory cargo builds in for this workspace (`CARGO_TARGET_DIR`, else `target/`),
/// under which the roster keeps its scratch workspace and its own target directory.
fn target_base(root: &Path) -> Result<PathBuf> {
    Ok(
        match std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
            Some(dir) => std::env::current_dir()?.join(dir),
            None => root.join("target"),
        },
    )
}

/// Puts the learner's `exercises/` into the scratch workspace and grades it with `grade`;
/// the grader's JSON report, or why there is none.
fn grade_learner(
    root: &Path,
    dir: &Path,
    workspace: &Path,
    excluded: &[PathBuf],
    grade: impl FnOnce(&Path) -> Result<serde_json::Value>,
) -> Result<serde_json::Value> {
    if !dir.is_dir() {
        bail!("{} is not a directory", dir.display());
    }
    let exercises = dir.join("exercises");
    if !exercises.is_dir() {
        bail!("{} has no exercises/ directory", dir.display());
    }
    scratch::populate(root, &exercises, workspace, excluded)
        .with_context(|| format!("copying {} into {}", exercises.display(), workspace.display()))?;
    grade(workspace)
}

/// Runs this grader in `workspace` with `--json`; its report when it graded (exit 0 or 1).
fn run_grader(exe: &Path, workspace: &Path, target: &Path, options: &Options) -> Result<serde_json::Value> {
    let mut command = Command::new(exe);
    command
        .current_dir(workspace)
        .args(options.only)
        .args(["--json", "--seed", &options.seed.to_string()])
        .args(["--memory-limit", &options.memory_limit_mib.to_string()])
        .args(["--budget-scale", &options.budget_scale.to_string()])
        .env("CARGO_TARGET_DIR", target)
        // The roster's own summary is the gradebook, not one job summary per learner.
        .env_remove("GITHUB_STEP_SUMMARY")
        .stdin(Stdio::null());
    if let Some(limit) = options.time_limit_s {
        command.args(["--time-limit", &limit.to_string()]);
    }
    if options.exact {
        command.arg("--exact");
    }
    let output = command
        .output()
        .with_context(|| format!("running {}", exe.display()))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let parsed = serde_json::from_slice::<serde_json::Value>(&output.stdout);
    match (output.status.code(), parsed) {
        (Some(0 | 1), Ok(report)) if report["tasks"].is_array() => Ok(report),
        (code, _) => {
            let how = code.map_or_else(
                || "was killed by a signal".to_string(),
                |c| format!("exited with {c}"),
            );
            bail!(
                "the grader {how} without a report: {}",
                tail(&stderr, STDERR_TAIL)
            )
        }
    }
}

/// The last `lines` lines of `text`, trimmed.
fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.trim_end().lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_keeps_the_last_lines() {
        assert_eq!(tail("a\nb\nc\n\n", 2), "b\nc");
        assert_eq!(tail("only", 5), "only");
        assert_eq!(tail("", 5), "");
    }

    #[test]
    fn a_checkout_without_exercises_is_the_learners_error() {
        let dir = tempfile::tempdir().unwrap();
        let never = |_: &Path| -> Result<serde_json::Value> { panic!("nothing to grade") };
        let missing = grade_learner(dir.path(), &dir.path().join("gone"), dir.path(), &[], never);
        assert!(format!("{:#}", missing.unwrap_err()).ends_with("gone is not a directory"));
        let empty = grade_learner(dir.path(), dir.path(), dir.path(), &[], never);
        assert!(format!("{:#}", empty.unwrap_err()).ends_with("has no exercises/ directory"));
    }
}
