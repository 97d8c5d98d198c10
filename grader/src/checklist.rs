//! The assessment checklist: an item is ticked when every task mapped to it passed.

use crate::manifest::Manifest;
use crate::result::{ChecklistResult, ChecklistStatus, TaskResult};
use crate::task_id::TaskId;

/// The checklist for a run that graded `results`.
pub fn assess(manifest: &Manifest, results: &[TaskResult]) -> Vec<ChecklistResult> {
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
            let outcome = |id: &String| results.iter().find(|r| r.id() == **id);
            let tasks_passed = tasks
                .iter()
                .filter(|t| outcome(t).is_some_and(|r| r.passed))
                .count();
            let status = if tasks.is_empty() {
                ChecklistStatus::ChapterNotAvailable
            } else if tasks.iter().any(|t| outcome(t).is_some_and(|r| !r.passed)) {
                ChecklistStatus::NotYet
            } else if tasks_passed < tasks.len() {
                ChecklistStatus::NotGraded
            } else {
                ChecklistStatus::Passed
            };
            ChecklistResult {
                id: item.id.clone(),
                item: item.item.clone(),
                passed: status == ChecklistStatus::Passed,
                status,
                tasks,
                tasks_passed,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::Status;

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

    #[test]
    fn an_item_is_ticked_only_when_all_its_tasks_pass() {
        let m = manifest();
        let all: Vec<TaskResult> = big_o_tasks(&m).iter().map(|t| result(t, true)).collect();
        assert_eq!(big_o_item(&assess(&m, &all)).status, ChecklistStatus::Passed);

        let mut one_failed = all.clone();
        one_failed[1].passed = false;
        let item = assess(&m, &one_failed);
        assert_eq!(big_o_item(&item).status, ChecklistStatus::NotYet);
        assert_eq!(big_o_item(&item).tasks_passed, all.len() - 1);
        assert!(!big_o_item(&item).passed);
    }

    #[test]
    fn a_subset_run_does_not_tick_items_it_did_not_grade() {
        let m = manifest();
        let first = &big_o_tasks(&m)[0];
        let item = assess(&m, &[result(first, true)]);
        assert_eq!(big_o_item(&item).status, ChecklistStatus::NotGraded);
    }

    #[test]
    fn items_without_chapters_say_so() {
        let mut m = manifest();
        m.chapters.retain(|c| c.name != "caching");
        let list = assess(&m, &[]);
        assert_eq!(list.len(), 7);
        let caching = list.iter().find(|i| i.id == "caching").unwrap();
        assert_eq!(caching.status, ChecklistStatus::ChapterNotAvailable);
    }
}
