//! Clippy's lints of one group in the subject's library, counted by the grader itself: it runs
//! `cargo clippy` on the subject's crate with every clippy lint allowed and the group forced to
//! warn, so an `#[allow]`, an `#[expect]` or the crate's `[lints]` table cannot hide one.
//! Code hidden from clippy counts as a lint of its own: a `cfg` that names clippy
//! (`#[cfg(not(clippy))]`: what clippy reads must be what is built), and a `macro_rules!` macro
//! (clippy skips much of what a macro expands to).

use crate::layout::{Layout, Subject};
use anyhow::{Context, Result, bail};
use grader_kit::protocol::{Evidence, Goal, Lint, Measurement, Verdict};
use serde_json::Value;
use std::path::Path;

/// The name a hiding place gets in the list of lints.
pub const HIDDEN: &str = "code hidden from clippy";

/// Runs clippy on `subject`'s crate of `chapter` and measures the lints of `group` left.
pub fn measure(
    root: &Path,
    chapter: &str,
    subject: Subject,
    group: &str,
    at_most: u64,
) -> Result<Measurement> {
    let crate_dir = root.join(subject.dir(chapter));
    let package = Layout::new(chapter).package(subject.into());
    let mut found = hidden_from_clippy(root, &crate_dir)?;
    found.extend(run_clippy(root, &package, group)?);
    let count = found.len() as u64;
    let goal = Goal::AtMost(at_most as f64);
    Ok(Measurement {
        metric: "lints".into(),
        value: Some(count as f64),
        low: Some(count as f64),
        high: Some(count as f64),
        confidence: 1.0,
        unit: format!("clippy::{group} lints"),
        goal,
        verdict: if count <= at_most {
            Verdict::Pass
        } else {
            Verdict::Fail
        },
        samples: 1,
        evidence: Evidence::Lints {
            group: group.into(),
            found,
            limit: at_most,
        },
    })
}

/// clippy's lints of `group` in `package`'s library, with paths as cargo gives them (from the
/// workspace's root).
fn run_clippy(root: &Path, package: &str, group: &str) -> Result<Vec<Lint>> {
    let target_dir = crate::compile::target_directory(root)?.join("clippy");
    let output = crate::compile::cargo(root)
        .args([
            "clippy",
            "--message-format=json",
            "--lib",
            "-p",
            package,
            "--target-dir",
        ])
        .arg(&target_dir)
        .args(["--", "-A", "clippy::all", "--force-warn"])
        .arg(format!("clippy::{group}"))
        .output()
        .context("running cargo clippy")?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("no such command") || stderr.contains("is not installed") {
        bail!("clippy is not installed: `rustup component add clippy` installs it");
    }
    if !output.status.success() {
        bail!("cargo clippy failed on {package}: {}", stderr.trim());
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-message")
        .filter_map(|m| lint(&m["message"]))
        .collect())
}

/// A clippy lint from one of rustc's JSON diagnostics, if it is one.
fn lint(message: &Value) -> Option<Lint> {
    let name = message["code"]["code"].as_str()?;
    if !name.starts_with("clippy::") {
        return None;
    }
    let spans = message["spans"].as_array()?;
    let span = spans.iter().find(|s| s["is_primary"] == true).or(spans.first())?;
    Some(Lint {
        name: name.into(),
        file: span["file_name"].as_str().unwrap_or("?").into(),
        line: span["line_start"].as_u64().unwrap_or(0),
        message: message["message"].as_str().unwrap_or("").into(),
    })
}

/// Every `cfg` that names `clippy` in the crate's sources: `#[cfg(not(clippy))]`,
/// `cfg_attr(clippy, …)`, `cfg!(clippy)`.
fn hidden_from_clippy(root: &Path, crate_dir: &Path) -> Result<Vec<Lint>> {
    let mut found = Vec::new();
    let src = crate_dir.join("src");
    let files = crate::workspace::files_under(&src)?;
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
        .map(|f| src.join(f))
    {
        let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        let shown = file.strip_prefix(root).unwrap_or(&file).display().to_string();
        for (i, line) in text.lines().enumerate() {
            if let Some(why) = hides_from_clippy(line) {
                found.push(Lint {
                    name: HIDDEN.into(),
                    file: shown.clone(),
                    line: i as u64 + 1,
                    message: why.into(),
                });
            }
        }
    }
    Ok(found)
}

/// Why a line hides code from clippy, if it does: a `cfg` that names clippy, or a macro defined
/// here (clippy skips much of what a macro expands to, so a slow form inside one can go unseen).
fn hides_from_clippy(line: &str) -> Option<&'static str> {
    if names_clippy_cfg(line) {
        Some("a cfg that names clippy: clippy would read other code than the build")
    } else if line.contains("macro_rules!") {
        Some("a macro: clippy skips much of the code a macro expands to")
    } else {
        None
    }
}

/// Whether a line holds a `cfg` (attribute, `cfg_attr` or `cfg!`) whose condition names `clippy`
/// (a lint's path, `clippy::`, is not a condition).
fn names_clippy_cfg(line: &str) -> bool {
    line.match_indices("cfg").any(|(at, _)| {
        let rest = &line[at..];
        let condition = rest.find(')').map_or(rest, |end| &rest[..end]);
        condition
            .match_indices("clippy")
            .any(|(i, _)| !condition[i..].starts_with("clippy::"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cfgs_that_name_clippy_are_found_and_lint_paths_are_not() {
        for hidden in [
            "#[cfg(not(clippy))]",
            "#[cfg(clippy)] fn fast() {}",
            "#![cfg_attr(clippy, allow(unused))]",
            "if cfg!(clippy) { return; }",
            "#[cfg(any(test, clippy))]",
        ] {
            assert!(names_clippy_cfg(hidden), "{hidden}");
        }
        for honest in [
            "#[allow(clippy::cmp_owned)]",
            "#[cfg_attr(test, allow(clippy::perf))]",
            "// clippy's perf group",
            "#[cfg(test)]",
        ] {
            assert!(!names_clippy_cfg(honest), "{honest}");
        }
        assert!(hides_from_clippy("macro_rules! same { ($a:expr) => { $a.to_string() } }").is_some());
        assert!(hides_from_clippy("let same = a == b;").is_none());
    }

    #[test]
    fn a_clippy_diagnostic_becomes_a_lint_at_its_primary_span() {
        let message = json!({
            "message": "this creates an owned instance just for comparison",
            "code": {"code": "clippy::cmp_owned"},
            "spans": [
                {"file_name": "exercises/x/src/lib.rs", "line_start": 3, "is_primary": false},
                {"file_name": "exercises/x/src/redact.rs", "line_start": 42, "is_primary": true},
            ],
        });
        let lint = lint(&message).unwrap();
        assert_eq!(
            (lint.name.as_str(), lint.file.as_str(), lint.line),
            ("clippy::cmp_owned", "exercises/x/src/redact.rs", 42)
        );
        let rustc = json!({"message": "unused variable", "code": {"code": "unused_variables"}, "spans": []});
        assert!(super::lint(&rustc).is_none());
    }
}
