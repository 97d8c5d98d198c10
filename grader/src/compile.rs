//! Builds a chapter's harness in release mode, one chapter at a time, in the shared target
//! directory, and turns a compile error into a short message for the learner.

use crate::layout::Subject;
use crate::layout::{Layout, Role};
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Lines of the first compiler error shown to the learner.
const MAX_ERROR_LINES: usize = 20;

/// The result of building a chapter.
#[derive(Debug, Clone, PartialEq)]
pub enum Build {
    /// The harness binaries, ready to run.
    Ready(Binaries),
    /// The chapter does not compile.
    Failed {
        /// The first compiler error, as rustc rendered it (shortened).
        error: String,
        /// True when the error is in the harness: the subject's public API no longer matches.
        api_mismatch: bool,
    },
}

/// A chapter's harness binaries for one subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Binaries {
    /// Runs correctness and every check, each task in processes of its own (a chapter with heap
    /// checks installs the kit's counting allocator in it).
    pub timed: PathBuf,
    /// The same harness under dhat's allocator, for `grader profile` only; built when asked.
    pub heap: Option<PathBuf>,
}

/// Builds `chapter`'s harness for `subject`, and its heap binary when `heap` is true, in one
/// cargo run. `Err` means cargo itself could not run.
pub fn build(root: &Path, chapter: &str, subject: Subject, heap: bool) -> Result<Build> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let layout = Layout::new(chapter);
    let binary = layout.binary(subject, false);
    let heap_bin = heap.then(|| layout.binary(subject, true));
    let mut bins = vec!["--bin", binary.as_str()];
    if let Some(name) = &heap_bin {
        bins.extend(["--bin", name.as_str()]);
    }
    let output = Command::new(&cargo)
        .current_dir(root)
        .args(["build", "--release", "--message-format=json"])
        .args([
            "-p",
            &layout.package(Role::Harness),
            "--features",
            subject.feature(),
        ])
        .args(bins)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {}", cargo.to_string_lossy()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let messages: Vec<Value> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    if output.status.success() {
        let executable = |name: &str| {
            artifact_executable(&messages, name)
                .with_context(|| format!("cargo built {name} but did not say where it is"))
        };
        return Ok(Build::Ready(Binaries {
            timed: executable(&binary)?,
            heap: heap_bin.as_deref().map(executable).transpose()?,
        }));
    }
    let first_error = messages
        .iter()
        .find(|m| m["reason"] == "compiler-message" && m["message"]["level"] == "error");
    Ok(match first_error {
        Some(m) => Build::Failed {
            error: shorten(m["message"]["rendered"].as_str().unwrap_or("(no message)")),
            api_mismatch: m["target"]["src_path"]
                .as_str()
                .is_some_and(|p| p.contains(&format!("/{}/", layout.dir(Role::Harness)))),
        },
        // No compiler message: cargo failed earlier (a broken Cargo.toml, a missing dependency).
        None => Build::Failed {
            error: shorten(&String::from_utf8_lossy(&output.stderr)),
            api_mismatch: false,
        },
    })
}

/// Builds exact mode's preloaded library (`grader/fixed-random`, see [`crate::exact`]) and
/// returns its path.
pub fn build_fixed_random(root: &Path) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(&cargo)
        .current_dir(root)
        .args([
            "build",
            "--release",
            "--message-format=json",
            "-p",
            "grader-fixed-random",
        ])
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {}", cargo.to_string_lossy()))?;
    if !output.status.success() {
        anyhow::bail!(
            "building grader-fixed-random failed: {}",
            shorten(&String::from_utf8_lossy(&output.stderr))
        );
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "grader_fixed_random")
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(PathBuf::from))
        .find(|f| f.extension().is_some_and(|e| e == "so"))
        .context("cargo built grader-fixed-random but did not say where its library is")
}

/// The workspace's target directory, as cargo resolves it (`CARGO_TARGET_DIR`, config).
pub fn target_directory(root: &Path) -> Result<PathBuf> {
    let output = cargo(root)
        .args(["metadata", "--no-deps", "--format-version=1"])
        .output()
        .context("running cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let metadata: Value = serde_json::from_slice(&output.stdout).context("reading cargo metadata")?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("cargo metadata names no target directory")
}

/// cargo (the one running the grader, when it does), run in the workspace `root`, with no
/// input.
pub fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root).stdin(Stdio::null());
    command
}

/// The executable cargo says it built for target `name`, among its JSON `messages`.
pub fn artifact_executable(messages: &[Value], name: &str) -> Option<PathBuf> {
    messages
        .iter()
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == name)
        .find_map(|m| m["executable"].as_str())
        .map(PathBuf::from)
}

/// The first lines of a compiler message.
fn shorten(rendered: &str) -> String {
    let lines: Vec<&str> = rendered.trim_end().lines().collect();
    let mut shown = lines[..lines.len().min(MAX_ERROR_LINES)].join("\n");
    if lines.len() > MAX_ERROR_LINES {
        shown.push_str(&format!("\n… ({} more lines)", lines.len() - MAX_ERROR_LINES));
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_errors_are_cut() {
        let long: String = (0..50).map(|i| format!("line {i}\n")).collect();
        let short = shorten(&long);
        assert_eq!(short.lines().count(), MAX_ERROR_LINES + 1);
        assert!(short.ends_with("(30 more lines)"));
        assert_eq!(shorten("error: x\n"), "error: x");
    }
}
