//! `grader profile CHAPTER/TASK` for a task graded on heap figures: where its heap goes.
//!
//! Runs the chapter's heap binary (dhat's allocator installed) in profile mode: one call of the
//! subject on the graded input, after a warm-up call, under a dhat heap profiler that writes
//! its profile as JSON for dhat's viewer, dh_view.

use crate::compile::{self, Build};
use crate::layout::Subject;
use crate::manifest::{Chapter, Task};
use crate::task_id::TaskId;
use anyhow::{Context, Result, bail};
use grader_kit::protocol::Request;
use std::fmt::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// dhat's online viewer: it loads the JSON file in the browser, nothing is uploaded.
pub const DH_VIEW: &str = "https://nnethercote.github.io/dh_view/dh_view.html";

/// Writes a dhat heap profile of one task. `Ok(Err(message))` when the chapter does not compile.
pub fn run(root: &Path, chapter: &Chapter, task: &Task, subject: Subject) -> Result<Result<String, String>> {
    eprintln!("  building {} in release mode…", chapter.name);
    let binary = match compile::build(root, &chapter.name, subject, true)? {
        Build::Ready(binaries) => binaries.heap.context("cargo built no heap binary")?,
        Build::Failed { error, .. } => {
            return Ok(Err(format!(
                "{} does not compile:\n{error}",
                subject.dir(&chapter.name)
            )));
        }
    };
    // Beside the build, in the workspace's target directory: never in the learner's sources.
    let dir = binary
        .parent()
        .and_then(Path::parent)
        .context("the heap binary has no target directory")?
        .join("dhat");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let output_file = dir.join(format!(
        "{}-{}-{}.json",
        chapter.name,
        task.name,
        subject.feature()
    ));
    let request_file = dir.join(format!("{}-{}-request.json", chapter.name, task.name));
    let request = Request {
        task: task.name.clone(),
        seed: 0,
        checks: task.checks.clone(),
        budget_s: task.budget_s,
        heap_profile: Some(output_file.display().to_string()),
        first_call_n: None,
        count: None,
    };
    std::fs::write(&request_file, serde_json::to_vec(&request)?)?;
    let id = chapter.task_id(task);
    eprintln!("  profiling the heap of {id} with dhat…");
    let run = Command::new(&binary)
        .arg("profile")
        .arg(&request_file)
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("running {}", binary.display()))?;
    let stderr = String::from_utf8_lossy(&run.stderr);
    if !run.status.success() {
        return Ok(Err(format!(
            "{id} did not finish under the heap profiler ({}):\n{}",
            run.status,
            stderr.trim_end()
        )));
    }
    if !output_file.exists() {
        bail!("dhat wrote no profile to {}", output_file.display());
    }
    Ok(Ok(render(&id, subject, &summary_lines(&stderr), &output_file)))
}

/// dhat's own summary ("dhat: Total: …", "At t-gmax", "At t-end"), without its note on where
/// the file went (the report says that, with the viewer's address).
pub fn summary_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("dhat: "))
        .filter(|l| !l.starts_with("The data has been saved"))
        .map(str::to_string)
        .collect()
}

fn render(id: &TaskId, subject: Subject, summary: &[String], file: &Path) -> String {
    let mut out = String::new();
    let whose = match subject {
        Subject::Exercises => "your code",
        Subject::Solutions => "the reference solution",
        Subject::Starters => "the frozen starter",
    };
    let _ = writeln!(
        out,
        "Heap profile of {id} ({whose}): one call on the graded input, measured by dhat\n"
    );
    for line in summary {
        let _ = writeln!(out, "  {line}");
    }
    let _ = writeln!(
        out,
        "\n  Total: every allocation of the call. t-gmax: the moment of the peak. t-end: still live after the result was dropped.\n"
    );
    let _ = writeln!(out, "Profile written to {}", file.display());
    let _ = writeln!(
        out,
        "Open {DH_VIEW} in a browser, press \"Load…\" and pick that file: it lists the allocation sites by call stack; sort by \"total (blocks)\" to find per-item allocations, by \"At t-gmax\" to find what holds the peak."
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dhats_summary_is_kept_and_its_file_note_dropped() {
        let stderr = "noise\ndhat: Total:     1,256 bytes in 3 blocks\ndhat: At t-gmax: 1,024 bytes in 1 blocks\ndhat: At t-end:  0 bytes in 0 blocks\ndhat: The data has been saved to x.json, and is viewable with dhat/dh_view.html\n";
        assert_eq!(
            summary_lines(stderr),
            [
                "Total:     1,256 bytes in 3 blocks",
                "At t-gmax: 1,024 bytes in 1 blocks",
                "At t-end:  0 bytes in 0 blocks"
            ]
        );
        let report = render(
            &TaskId::new("memory", "log-summary"),
            Subject::Solutions,
            &summary_lines(stderr),
            Path::new("t.json"),
        );
        assert!(report.contains("the reference solution"), "{report}");
        assert!(report.contains(DH_VIEW));
    }
}
