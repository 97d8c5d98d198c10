//! The learner's progress: each task's last verdict, whether it ever passed, and the hints
//! already shown. Kept in `.workbook/state.json` at the workspace root (outside `target/`, so
//! `cargo clean` does not forget it), written atomically; a missing file is a fresh start and a
//! corrupt one is set aside and rebuilt with a warning, never a crash.

use crate::layout::Subject;
use crate::result::{Report, Status};
use crate::task_id::TaskId;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The state file's format.
pub const STATE_VERSION: u32 = 1;

/// The directory of the learner's progress and backups, at the workspace root.
pub const STATE_DIR: &str = ".workbook";

/// What the grader remembers between runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Format version ([`STATE_VERSION`]).
    pub version: u32,
    /// Per task (`chapter/task`): its last verdict on the learner's exercises.
    pub tasks: BTreeMap<String, TaskState>,
    /// Per task: how many of its hints were shown.
    pub hints: BTreeMap<String, usize>,
}

/// A task's last verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskState {
    /// How it ended last time.
    pub status: Status,
    /// Whether it has ever passed (it unlocks the task's reference solution).
    pub passed_ever: bool,
    /// The last summary, with its figures (for "what changed since the last verdict").
    pub summary: String,
    /// When it was last graded, in seconds since the Unix epoch.
    pub graded_at: u64,
}

/// The state, and a warning when the file had to be rebuilt.
#[derive(Debug)]
pub struct Loaded {
    /// The state (fresh when the file was missing or unreadable).
    pub state: State,
    /// Why the file was not used, when it existed but could not be read.
    pub warning: Option<String>,
}

/// The state file of the workspace at `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(STATE_DIR).join("state.json")
}

/// Reads the state. A corrupt file (unparsable, or of another version) is renamed to
/// `state.json.corrupt` so nothing is lost, and a fresh state is returned with a warning.
pub fn load(root: &Path) -> Loaded {
    let file = path(root);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Loaded {
                state: fresh(),
                warning: None,
            };
        }
        Err(e) => {
            return Loaded {
                state: fresh(),
                warning: Some(format!("could not read {}: {e}; starting afresh", file.display())),
            };
        }
    };
    match serde_json::from_str::<State>(&text) {
        Ok(state) if state.version == STATE_VERSION => Loaded { state, warning: None },
        outcome => {
            let reason = match outcome {
                Ok(state) => format!("it is version {}, not {STATE_VERSION}", state.version),
                Err(e) => e.to_string(),
            };
            let kept = file.with_extension("json.corrupt");
            let moved = std::fs::rename(&file, &kept).is_ok();
            Loaded {
                state: fresh(),
                warning: Some(format!(
                    "{} was unreadable ({reason}); progress starts afresh{}",
                    file.display(),
                    if moved {
                        format!(" (the old file is kept as {})", kept.display())
                    } else {
                        String::new()
                    }
                )),
            }
        }
    }
}

/// A state with nothing recorded.
pub fn fresh() -> State {
    State {
        version: STATE_VERSION,
        ..State::default()
    }
}

/// Writes the state atomically: a temporary file in the same directory, then a rename, so a
/// crash mid-write leaves the old file whole.
pub fn save(root: &Path, state: &State) -> Result<()> {
    let file = path(root);
    let dir = file.parent().expect("the state file has a directory");
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let temporary = tempfile::NamedTempFile::new_in(dir).context("creating a temporary state file")?;
    serde_json::to_writer_pretty(&temporary, state).context("writing the state")?;
    temporary
        .as_file()
        .sync_all()
        .context("flushing the state file")?;
    temporary
        .persist(&file)
        .with_context(|| format!("replacing {}", file.display()))?;
    Ok(())
}

impl State {
    /// Records a run's verdicts. Only runs on the learner's exercises count: grading the
    /// solutions or the starters says nothing about the learner's progress.
    pub fn record(&mut self, report: &Report) {
        if report.subject != Subject::Exercises {
            return;
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        for task in &report.tasks {
            let id = TaskId::new(&task.chapter, &task.task).to_string();
            let passed_ever = task.passed || self.tasks.get(&id).is_some_and(|t| t.passed_ever);
            self.tasks.insert(
                id,
                TaskState {
                    status: task.status,
                    passed_ever,
                    summary: task.summary.clone(),
                    graded_at: now,
                },
            );
        }
    }

    /// Whether the task (`chapter/task`) has ever passed.
    pub fn passed_ever(&self, id: &TaskId) -> bool {
        self.tasks.get(&id.to_string()).is_some_and(|t| t.passed_ever)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(subject: Subject, passed: bool) -> Report {
        Report {
            version: 1,
            grader: "test".into(),
            seed: 1,
            subject,
            mode: crate::result::Mode::Timed,
            passed,
            tasks: vec![crate::result::TaskResult {
                chapter: "big-o".into(),
                task: "find-duplicates".into(),
                title: "t".into(),
                passed,
                status: if passed { Status::Passed } else { Status::Failed },
                summary: "speed-up 64×".into(),
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
    fn a_missing_file_is_a_fresh_start_without_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(dir.path());
        assert_eq!(loaded.state, fresh());
        assert!(loaded.warning.is_none());
    }

    #[test]
    fn state_survives_a_save_and_a_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = fresh();
        state.record(&report(Subject::Exercises, true));
        state.hints.insert("big-o/find-duplicates".into(), 2);
        save(dir.path(), &state).unwrap();
        let loaded = load(dir.path());
        assert_eq!(loaded.state, state);
        assert!(loaded.warning.is_none());
        // No temporary file is left behind.
        let files = std::fs::read_dir(dir.path().join(STATE_DIR)).unwrap().count();
        assert_eq!(files, 1);
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_and_rebuilt_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(STATE_DIR)).unwrap();
        std::fs::write(path(dir.path()), "{ not json").unwrap();
        let loaded = load(dir.path());
        assert_eq!(loaded.state, fresh());
        let warning = loaded.warning.unwrap();
        assert!(warning.contains("unreadable"), "{warning}");
        let kept = path(dir.path()).with_extension("json.corrupt");
        assert_eq!(std::fs::read_to_string(kept).unwrap(), "{ not json");
        // The next save writes a good file again.
        save(dir.path(), &loaded.state).unwrap();
        assert!(load(dir.path()).warning.is_none());
    }

    #[test]
    fn a_pass_is_remembered_after_a_later_failure_and_other_subjects_are_ignored() {
        let mut state = fresh();
        state.record(&report(Subject::Exercises, true));
        state.record(&report(Subject::Exercises, false));
        let task = &state.tasks["big-o/find-duplicates"];
        assert_eq!(task.status, Status::Failed);
        assert!(state.passed_ever(&TaskId::new("big-o", "find-duplicates")));
        let mut other = fresh();
        other.record(&report(Subject::Solutions, true));
        assert!(other.tasks.is_empty());
    }
}
