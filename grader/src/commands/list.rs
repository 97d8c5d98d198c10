//! `grader list`: every chapter and task with its last verdict, the next unfinished task marked.

use crate::manifest::Manifest;
use crate::result::Status;
use crate::state::State;
use std::fmt::Write;

/// The task list as text.
pub fn render(manifest: &Manifest, state: &State) -> String {
    let mut out = String::new();
    let mut next: Option<String> = None;
    let (mut passed, mut total) = (0, 0);
    for chapter in &manifest.chapters {
        let _ = writeln!(out, "\n{} ({})", chapter.title, chapter.name);
        let width = chapter.tasks.iter().map(|t| t.name.len()).max().unwrap_or(0);
        for task in &chapter.tasks {
            let id = chapter.task_id(task).to_string();
            let last = state.tasks.get(&id);
            let done = last.is_some_and(|t| t.status == Status::Passed);
            total += 1;
            passed += usize::from(done);
            let is_next = !done && next.is_none();
            if is_next {
                next = Some(id.clone());
            }
            let mark = match (done, is_next) {
                (true, _) => "✓",
                (false, true) => "→",
                (false, false) => " ",
            };
            let status = match last {
                Some(t) if t.passed_ever && t.status != Status::Passed => {
                    format!("{} (passed before)", t.status.label())
                }
                Some(t) => t.status.label().to_string(),
                None => "not graded yet".to_string(),
            };
            let _ = writeln!(out, "  {mark} {:width$}  {status:<28} {}", task.name, task.title);
        }
    }
    let _ = writeln!(out, "\n{passed} of {total} tasks passed.");
    match next {
        Some(id) => {
            let _ = writeln!(
                out,
                "Next: {id} (marked →). Grade it: `cargo run -p grader -- {id}`; stuck? `cargo run -p grader -- hint {id}`."
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Every task has passed: the checklist is ticked. Re-grade everything with `cargo run -p grader`."
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::TaskState;
    use std::path::Path;

    fn manifest() -> Manifest {
        Manifest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook.toml")).unwrap()
    }

    fn task(status: Status, passed_ever: bool) -> TaskState {
        TaskState {
            status,
            passed_ever,
            summary: String::new(),
            graded_at: 0,
        }
    }

    #[test]
    fn the_first_unfinished_task_is_next() {
        let m = manifest();
        let first = &m.chapters[0];
        let mut state = crate::state::fresh();
        let text = render(&m, &state);
        let first_id = first.task_id(&first.tasks[0]).to_string();
        assert!(text.contains(&format!("Next: {first_id}")), "{text}");
        assert!(text.contains("not graded yet"));

        state.tasks.insert(first_id.clone(), task(Status::Passed, true));
        let second_id = first.task_id(&first.tasks[1]).to_string();
        state.tasks.insert(second_id.clone(), task(Status::Failed, true));
        let text = render(&m, &state);
        assert!(text.contains(&format!("Next: {second_id}")), "{text}");
        assert!(text.contains("failed (passed before)"), "{text}");
        assert!(text.contains(&format!(
            "1 of {} tasks passed",
            m.chapters.iter().map(|c| c.tasks.len()).sum::<usize>()
        )));
    }
}
