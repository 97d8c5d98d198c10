//! The assessment checklist: an item is ticked when the latest verdict of every task mapped to
//! it is a pass.
//!
//! The rule, for each task of an item:
//!
//! - graded in this run: this run's verdict counts, whatever was saved before (so an item
//!   whose task failed in this run is never ticked);
//! - not graded in this run, on the learner's exercises: its last saved verdict counts (the
//!   `.workbook/` progress): a pass counts only when that last verdict was a pass, so a task
//!   that passed once and failed since does not count;
//! - not graded in this run, in a `--solutions` or `--starters` run (which neither reads nor
//!   writes the learner's progress): it has no verdict, so it does not count.
//!
//! A full run on the exercises therefore ticks exactly the items whose tasks all passed in it.

use crate::layout::Subject;
use crate::manifest::Manifest;
use crate::result::{ChecklistResult, ChecklistStatus, Report, Status, TaskResult};
use crate::state::State;
use crate::task_id::TaskId;

/// The latest verdict of one task, as the checklist counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Latest {
    /// Graded in this run, with this outcome (`true`: passed).
    ThisRun(bool),
    /// Not graded in this run; its last saved verdict was this outcome (`true`: passed).
    Saved(bool),
    /// Neither graded in this run nor ever before (or the run does not use saved progress).
    Never,
}

impl Latest {
    /// Whether the task counts as passed.
    pub fn passed(self) -> bool {
        matches!(self, Latest::ThisRun(true) | Latest::Saved(true))
    }

    /// Whether the task was graded in this run.
    pub fn graded_now(self) -> bool {
        matches!(self, Latest::ThisRun(_))
    }
}

/// The latest verdict of task `id`: this run's when it graded it, else the saved one, if any.
pub fn latest(id: &str, results: &[TaskResult], saved: Option<&State>) -> Latest {
    if let Some(r) = results.iter().find(|r| r.id().to_string() == id) {
        return Latest::ThisRun(r.passed);
    }
    match saved.and_then(|s| s.tasks.get(id)) {
        Some(task) => Latest::Saved(task.status == Status::Passed),
        None => Latest::Never,
    }
}

/// What an item's tasks add up to: its status and counts (the combining rule, pure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Combined {
    /// Ticked or why not.
    pub status: ChecklistStatus,
    /// Tasks passed in this run.
    pub passed_now: usize,
    /// Tasks graded in this run.
    pub graded_now: usize,
    /// Tasks whose latest verdict is a pass.
    pub passed_so_far: usize,
}

/// Combines the latest verdicts of an item's tasks: ticked only when every one is a pass;
/// "not yet" when some task's latest verdict (this run's or saved) is not a pass; "not graded"
/// when the only tasks missing a pass have no verdict at all.
pub fn combine(tasks: &[Latest]) -> Combined {
    let count = |f: fn(&Latest) -> bool| tasks.iter().filter(|t| f(t)).count();
    let passed_so_far = count(|t| t.passed());
    let status = if tasks.is_empty() {
        ChecklistStatus::ChapterNotAvailable
    } else if passed_so_far == tasks.len() {
        ChecklistStatus::Passed
    } else if tasks
        .iter()
        .any(|t| matches!(t, Latest::ThisRun(false) | Latest::Saved(false)))
    {
        ChecklistStatus::NotYet
    } else {
        ChecklistStatus::NotGraded
    };
    Combined {
        status,
        passed_now: count(|t| *t == Latest::ThisRun(true)),
        graded_now: count(|t| t.graded_now()),
        passed_so_far,
    }
}

/// The checklist for a run that graded `results`. `saved` is the learner's progress before
/// this run, for a run on the exercises; `None` (solutions, starters) counts this run only.
pub fn assess(manifest: &Manifest, results: &[TaskResult], saved: Option<&State>) -> Vec<ChecklistResult> {
    manifest
        .checklist
        .iter()
        .map(|item| {
            let tasks: Vec<String> = manifest
                .chapters
                .iter()
                .flat_map(|c| c.tasks.iter().map(move |t| (c, t)))
                .filter(|(_, t)| t.checklist.contains(&item.id))
                .map(|(c, t)| TaskId::new(&c.name, &t.name).to_string())
                .collect();
            let verdicts: Vec<Latest> = tasks.iter().map(|t| latest(t, results, saved)).collect();
            let combined = combine(&verdicts);
            ChecklistResult {
                id: item.id.clone(),
                item: item.item.clone(),
                passed: combined.status == ChecklistStatus::Passed,
                status: combined.status,
                tasks_total: tasks.len(),
                tasks,
                tasks_passed: combined.passed_now,
                tasks_graded: combined.graded_now,
                tasks_passed_so_far: combined.passed_so_far,
            }
        })
        .collect()
}

/// Why an item is or is not ticked, in words: "all 4 tasks passed", "1 of 3 tasks passed so far;
/// 2 not graded in this run". `subject` says whether saved progress counted ("so far").
pub fn describe(item: &ChecklistResult, subject: Subject) -> String {
    let total = item.tasks_total;
    if item.status == ChecklistStatus::ChapterNotAvailable {
        return "its chapter is not in the workbook yet".into();
    }
    let passed = if item.tasks_passed_so_far == total {
        format!("all {total} tasks passed")
    } else {
        format!("{} of {total} tasks passed", item.tasks_passed_so_far)
    };
    let not_graded = total - item.tasks_graded;
    if not_graded == 0 {
        return passed;
    }
    let so_far = if subject == Subject::Exercises {
        " so far"
    } else {
        ""
    };
    format!("{passed}{so_far}; {not_graded} not graded in this run")
}

/// The rule in one sentence, for reports where some item's tasks were not all graded.
pub fn footnote(report: &Report) -> Option<&'static str> {
    let partial = report
        .checklist
        .iter()
        .any(|i| i.status != ChecklistStatus::ChapterNotAvailable && i.tasks_graded < i.tasks_total);
    match (partial, report.subject) {
        (false, _) => None,
        (true, Subject::Exercises) => Some(
            "A task not graded in this run counts as passed when its last verdict, saved in .workbook/, \
             was a pass; an item is ticked when all its tasks count as passed.",
        ),
        (true, _) => Some(
            "This run does not use your saved progress: a task not graded in it does not count as \
             passed, so the items of those tasks are not ticked.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{TaskState, fresh};

    fn manifest() -> Manifest {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook.toml");
        Manifest::load(&path).unwrap()
    }

    fn result(task: &str, passed: bool) -> TaskResult {
        TaskResult {
            chapter: "big-o".into(),
            task: task.into(),
            title: String::new(),
            passed,
            status: if passed { Status::Passed } else { Status::Failed },
            summary: String::new(),
            next_step: String::new(),
            measurements: vec![],
            cases: None,
            mismatch: None,
            details: None,
            seconds: 0.0,
        }
    }

    fn big_o_tasks(m: &Manifest) -> Vec<String> {
        m.chapter("big-o")
            .unwrap()
            .tasks
            .iter()
            .map(|t| t.name.clone())
            .collect()
    }

    fn big_o_item(list: &[ChecklistResult]) -> &ChecklistResult {
        list.iter().find(|i| i.id == "big-o").unwrap()
    }

    /// Saved progress where each big-o task's last status is given.
    fn saved(statuses: &[(&str, Status, bool)]) -> State {
        let mut state = fresh();
        for (task, status, passed_ever) in statuses {
            state.tasks.insert(
                format!("big-o/{task}"),
                TaskState {
                    status: *status,
                    passed_ever: *passed_ever,
                    summary: String::new(),
                    graded_at: 0,
                },
            );
        }
        state
    }

    #[test]
    fn the_combining_rule() {
        use ChecklistStatus::*;
        use Latest::*;
        let status = |tasks: &[Latest]| combine(tasks).status;
        assert_eq!(status(&[ThisRun(true), ThisRun(true)]), Passed);
        assert_eq!(status(&[ThisRun(true), Saved(true)]), Passed);
        assert_eq!(status(&[Saved(true), Saved(true)]), Passed);
        // A failure in this run, or a last saved verdict that is not a pass, is "not yet".
        assert_eq!(status(&[ThisRun(false), Saved(true)]), NotYet);
        assert_eq!(status(&[ThisRun(true), Saved(false)]), NotYet);
        assert_eq!(status(&[ThisRun(false), Never]), NotYet);
        // Nothing failed, but some task has no verdict at all.
        assert_eq!(status(&[ThisRun(true), Never]), NotGraded);
        assert_eq!(status(&[]), ChapterNotAvailable);
        let c = combine(&[ThisRun(true), ThisRun(false), Saved(true), Saved(false), Never]);
        assert_eq!((c.passed_now, c.graded_now, c.passed_so_far), (1, 2, 2));
    }

    #[test]
    fn this_runs_verdict_overrides_the_saved_one() {
        let state = saved(&[("find-duplicates", Status::Passed, true)]);
        let failed = [result("find-duplicates", false)];
        assert_eq!(
            latest("big-o/find-duplicates", &failed, Some(&state)),
            Latest::ThisRun(false)
        );
        assert_eq!(
            latest("big-o/find-duplicates", &[], Some(&state)),
            Latest::Saved(true)
        );
        // Passed once, failed since: the last verdict is what counts.
        let since = saved(&[("find-duplicates", Status::Failed, true)]);
        assert_eq!(
            latest("big-o/find-duplicates", &[], Some(&since)),
            Latest::Saved(false)
        );
        assert_eq!(latest("big-o/find-duplicates", &[], None), Latest::Never);
    }

    #[test]
    fn an_item_is_ticked_only_when_all_its_tasks_pass() {
        let m = manifest();
        let all: Vec<TaskResult> = big_o_tasks(&m).iter().map(|t| result(t, true)).collect();
        let item = assess(&m, &all, None);
        assert_eq!(big_o_item(&item).status, ChecklistStatus::Passed);
        assert_eq!(
            describe(big_o_item(&item), Subject::Exercises),
            "all 4 tasks passed"
        );

        let mut one_failed = all.clone();
        one_failed[1].passed = false;
        // Saved passes do not tick an item whose task failed in this run.
        let names = big_o_tasks(&m);
        let everything_passed: Vec<(&str, Status, bool)> =
            names.iter().map(|t| (t.as_str(), Status::Passed, true)).collect();
        let state = saved(&everything_passed);
        let item = assess(&m, &one_failed, Some(&state));
        let big_o = big_o_item(&item);
        assert_eq!(big_o.status, ChecklistStatus::NotYet);
        assert_eq!(big_o.tasks_passed, all.len() - 1);
        assert_eq!(big_o.tasks_passed_so_far, all.len() - 1);
        assert!(!big_o.passed);
        assert_eq!(describe(big_o, Subject::Exercises), "3 of 4 tasks passed");
    }

    #[test]
    fn a_subset_run_counts_the_saved_verdicts_of_the_other_tasks() {
        let m = manifest();
        let names = big_o_tasks(&m);
        let run = [result(&names[0], true)];
        // Nothing saved: the others have no verdict.
        let item = assess(&m, &run, Some(&fresh()));
        let big_o = big_o_item(&item);
        assert_eq!(big_o.status, ChecklistStatus::NotGraded);
        assert_eq!(
            describe(big_o, Subject::Exercises),
            "1 of 4 tasks passed so far; 3 not graded in this run"
        );
        // Two passed before, one passed and then failed: not ticked, 3 of 4 so far.
        let state = saved(&[
            (&names[1], Status::Passed, true),
            (&names[2], Status::Passed, true),
            (&names[3], Status::Failed, true),
        ]);
        let item = assess(&m, &run, Some(&state));
        let big_o = big_o_item(&item);
        assert_eq!(big_o.status, ChecklistStatus::NotYet);
        assert!(!big_o.passed);
        assert_eq!((big_o.tasks_passed, big_o.tasks_graded), (1, 1));
        assert_eq!(big_o.tasks_passed_so_far, 3);
        // Once the last one passes too, the item is ticked.
        let state = saved(&[
            (&names[1], Status::Passed, true),
            (&names[2], Status::Passed, true),
            (&names[3], Status::Passed, true),
        ]);
        let item = assess(&m, &run, Some(&state));
        let big_o = big_o_item(&item);
        assert_eq!(big_o.status, ChecklistStatus::Passed);
        assert!(big_o.passed);
        assert_eq!(
            describe(big_o, Subject::Exercises),
            "all 4 tasks passed so far; 3 not graded in this run"
        );
        // Solutions and starters runs use no saved progress.
        let item = assess(&m, &run, None);
        let big_o = big_o_item(&item);
        assert_eq!(big_o.status, ChecklistStatus::NotGraded);
        assert_eq!(
            describe(big_o, Subject::Solutions),
            "1 of 4 tasks passed; 3 not graded in this run"
        );
    }

    #[test]
    fn items_without_chapters_say_so() {
        let mut m = manifest();
        // The capstone counts towards caching too.
        m.chapters
            .retain(|c| c.name != "caching" && c.name != "web-service");
        let list = assess(&m, &[], None);
        assert_eq!(list.len(), 7);
        let caching = list.iter().find(|i| i.id == "caching").unwrap();
        assert_eq!(caching.status, ChecklistStatus::ChapterNotAvailable);
        assert_eq!(
            describe(caching, Subject::Exercises),
            "its chapter is not in the workbook yet"
        );
    }
}
