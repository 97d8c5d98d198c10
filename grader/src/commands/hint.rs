//! `grader hint CHAPTER/TASK`: the task's hints, one more each time (a nudge, then the
//! technique, then the idiom), remembering how many were already shown.

use crate::manifest::Task;
use crate::state::State;
use crate::task_id::TaskId;
use std::fmt::Write;

/// What each hint level is.
const LEVELS: [&str; 3] = ["a nudge", "the technique", "the idiom"];

/// Shows one more hint of `task` than last time (all of them once they are all out), records
/// the level in `state`, and returns the text.
pub fn next_hints(id: &TaskId, task: &Task, state: &mut State) -> String {
    let shown = state.hints.get(&id.to_string()).copied().unwrap_or(0);
    let level = (shown + 1).min(task.hints.len());
    state.hints.insert(id.to_string(), level);
    let mut out = format!("Hints for {id}: {}\n", task.title);
    for (i, hint) in task.hints.iter().take(level).enumerate() {
        let kind = LEVELS.get(i).copied().unwrap_or("more");
        let _ = writeln!(out, "\n  Hint {} of {} ({kind}):", i + 1, task.hints.len());
        for line in crate::report::terminal::wrap(hint, 92) {
            let _ = writeln!(out, "    {line}");
        }
    }
    if level < task.hints.len() {
        let _ = writeln!(
            out,
            "\nTry it, then grade it: `cargo run -p grader -- {id}`. Ask again for the next hint: `cargo run -p grader -- hint {id}`."
        );
    } else {
        let _ = writeln!(
            out,
            "\nThat was the last hint. Once the task passes, `cargo run -p grader -- solution {id}` shows the reference solution."
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::Manifest;
    use std::path::Path;

    #[test]
    fn each_call_shows_one_more_hint_until_all_are_out() {
        let manifest = Manifest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook.toml")).unwrap();
        let task = &manifest.chapter("big-o").unwrap().tasks[0];
        let id = TaskId::new("big-o", &task.name);
        let mut state = crate::state::fresh();
        let first = next_hints(&id, task, &mut state);
        assert!(first.contains("Hint 1 of 3 (a nudge)"), "{first}");
        assert!(!first.contains("Hint 2 of 3"), "{first}");
        assert_eq!(state.hints[&id.to_string()], 1);
        let second = next_hints(&id, task, &mut state);
        assert!(second.contains("Hint 1 of 3") && second.contains("Hint 2 of 3 (the technique)"));
        let third = next_hints(&id, task, &mut state);
        assert!(third.contains("Hint 3 of 3 (the idiom)") && third.contains("last hint"));
        let again = next_hints(&id, task, &mut state);
        assert_eq!(again, third, "past the last hint, the same three again");
        assert_eq!(state.hints[&id.to_string()], 3);
    }
}
