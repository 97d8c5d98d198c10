//! `grader watch CHAPTER`: re-grades a chapter each time one of its files is saved, and says
//! what changed since the last verdict. File-change events come from the operating system
//! (the notify crate); `--poll` compares the files' times every half second instead, for file
//! systems that send no events (network drives, some containers and virtual machines).

use crate::report::figures;
use crate::result::Report;
use crate::state::State;
use crate::task_id::TaskId;
use anyhow::{Context, Result};
use notify::{Config, Event, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How often `--poll` looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// Events this close together are one save (editors write a file in several steps).
const SETTLE: Duration = Duration::from_millis(300);

/// A watch on one exercise crate.
pub struct ChapterWatch {
    // Kept alive for as long as events are wanted; dropping it stops the watch.
    _watcher: Box<dyn notify::Watcher>,
    events: Receiver<notify::Result<Event>>,
    dir: PathBuf,
}

impl std::fmt::Debug for ChapterWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChapterWatch")
    }
}

impl ChapterWatch {
    /// Starts watching `dir` (recursively), with OS events or by polling.
    pub fn new(dir: &Path, poll: bool) -> Result<ChapterWatch> {
        let (tx, events) = channel();
        let mut watcher: Box<dyn notify::Watcher> = if poll {
            Box::new(PollWatcher::new(
                tx,
                Config::default().with_poll_interval(POLL_INTERVAL),
            )?)
        } else {
            Box::new(
                RecommendedWatcher::new(tx, Config::default())
                    .context("this file system sends no change events: try `grader watch --poll`")?,
            )
        };
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .with_context(|| format!("watching {}", dir.display()))?;
        Ok(ChapterWatch {
            _watcher: watcher,
            events,
            dir: dir.to_path_buf(),
        })
    }

    /// Blocks until a source file changes, then waits for the writes to settle; returns the
    /// changed files.
    pub fn next_change(&self) -> Result<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            let event = self.events.recv().context("the file watcher stopped")?;
            collect(event, &self.dir, &mut changed);
        }
        while let Ok(event) = self.events.recv_timeout(SETTLE) {
            collect(event, &self.dir, &mut changed);
        }
        changed.sort();
        changed.dedup();
        Ok(changed)
    }
}

/// Adds the event's source files to `changed`, relative to the watched `dir`.
fn collect(event: notify::Result<Event>, dir: &Path, changed: &mut Vec<PathBuf>) {
    if let Ok(event) = event
        && (event.kind.is_modify() || event.kind.is_create() || event.kind.is_remove())
    {
        changed.extend(
            event
                .paths
                .iter()
                .map(|p| p.strip_prefix(dir).unwrap_or(p).to_path_buf())
                .filter(|p| is_source(p)),
        );
    }
}

/// Whether a change to this file (relative to the watched crate) can change a verdict: Rust
/// sources and TOML (findings, manifests), not build output, hidden files or editors' swap and
/// backup files.
pub fn is_source(path: &Path) -> bool {
    let hidden_or_build = path.components().any(|c| {
        let part = c.as_os_str().to_string_lossy();
        part == "target" || (part.starts_with('.') && part.len() > 1 && part != "..")
    });
    let extension = path.extension().and_then(|e| e.to_str());
    !hidden_or_build && matches!(extension, Some("rs" | "toml"))
}

/// What changed since the last verdict, task by task, in words; `before` is the state as it
/// was before this run was recorded.
pub fn changes(before: &State, report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    for task in &report.tasks {
        let id = TaskId::new(&task.chapter, &task.task).to_string();
        match before.tasks.get(&id) {
            None => lines.push(format!("{id}: {} (first verdict)", task.status.label())),
            Some(old) if old.status != task.status => lines.push(format!(
                "{id}: {} → {}{}",
                old.status.label(),
                task.status.label(),
                if task.passed { " ✓" } else { "" }
            )),
            Some(old) if old.summary != task.summary => {
                let figures: Vec<String> = task.measurements.iter().map(figures::measured).collect();
                lines.push(format!(
                    "{id}: still {}, figures now: {}",
                    task.status.label(),
                    figures.join("; ")
                ));
            }
            Some(_) => lines.push(format!("{id}: unchanged ({})", task.status.label())),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Subject;
    use crate::result::{Status, TaskResult};
    use crate::state::TaskState;

    fn report(status: Status, summary: &str) -> Report {
        Report {
            version: 1,
            grader: "test".into(),
            seed: 1,
            subject: Subject::Exercises,
            mode: crate::result::Mode::Timed,
            passed: status == Status::Passed,
            tasks: vec![TaskResult {
                chapter: "big-o".into(),
                task: "find-duplicates".into(),
                title: "t".into(),
                passed: status == Status::Passed,
                status,
                summary: summary.into(),
                next_step: String::new(),
                measurements: Vec::new(),
                cases: Some(1),
                mismatch: None,
                details: None,
                seconds: 0.0,
            }],
            checklist: Vec::new(),
            chapters: Vec::new(),
        }
    }

    #[test]
    fn only_sources_trigger_a_regrade() {
        assert!(is_source(Path::new("src/lib.rs")));
        assert!(is_source(Path::new("findings.toml")));
        assert!(!is_source(Path::new("target/release/x.rs")));
        assert!(!is_source(Path::new("src/.lib.rs.swp")));
        assert!(!is_source(Path::new("src/lib.rs~")));
        assert!(!is_source(Path::new("notes.md")));
    }

    #[test]
    fn changes_name_what_moved_since_the_last_verdict() {
        let mut before = crate::state::fresh();
        assert_eq!(
            changes(&before, &report(Status::Failed, "a")),
            ["big-o/find-duplicates: failed (first verdict)"]
        );
        before.tasks.insert(
            "big-o/find-duplicates".into(),
            TaskState {
                status: Status::Failed,
                passed_ever: false,
                summary: "a".into(),
                graded_at: 0,
            },
        );
        assert_eq!(
            changes(&before, &report(Status::Passed, "b")),
            ["big-o/find-duplicates: failed → passed ✓"]
        );
        assert_eq!(
            changes(&before, &report(Status::Failed, "a")),
            ["big-o/find-duplicates: unchanged (failed)"]
        );
        assert!(
            changes(&before, &report(Status::Failed, "c"))[0]
                .starts_with("big-o/find-duplicates: still failed")
        );
    }

    #[test]
    fn a_saved_file_is_seen_by_polling() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        let watch = ChapterWatch::new(dir.path(), true).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        std::fs::write(dir.path().join("src/lib.rs"), "fn f() {}").unwrap();
        let changed = watch.next_change().unwrap();
        assert_eq!(changed, [PathBuf::from("src/lib.rs")]);
    }
}
