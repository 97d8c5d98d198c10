//! The commands around grading, run as a learner would, on copies of the workspace: hints that
//! come one level at a time, a solution shown only after a pass, a reset that keeps a backup,
//! and a corrupt progress file that is rebuilt with a warning.

mod support;

use std::path::Path;
use support::{fixture_target_dir, fixture_workspace_with, grader, root};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn state(ws: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(ws.join(".workbook/state.json")).unwrap()).unwrap()
}

#[test]
fn hints_come_one_level_at_a_time_and_are_remembered() {
    let ws = fixture_workspace_with("hint-levels", &[]);
    let target = fixture_target_dir("hint-levels");
    let first = grader(&ws, &["hint", "big-o/find-duplicates"], &[], &target);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stdout(&first).contains("Hint 1 of 3 (a nudge)"));
    assert!(!stdout(&first).contains("Hint 2 of 3"));
    assert_eq!(state(&ws)["hints"]["big-o/find-duplicates"], 1);
    let second = grader(&ws, &["hint", "big-o/find-duplicates"], &[], &target);
    assert!(stdout(&second).contains("Hint 2 of 3 (the technique)"));
    assert_eq!(state(&ws)["hints"]["big-o/find-duplicates"], 2);
    // Another task's hints start at the first level.
    let other = grader(&ws, &["hint", "big-o/count-pairs-with-sum"], &[], &target);
    assert_eq!(other.status.code(), Some(0), "{}", stderr(&other));
    assert!(!stdout(&other).contains("Hint 2 of 3"));
}

#[test]
fn a_corrupt_progress_file_is_rebuilt_with_a_warning() {
    let ws = fixture_workspace_with("corrupt-state", &[]);
    let target = fixture_target_dir("corrupt-state");
    std::fs::create_dir_all(ws.join(".workbook")).unwrap();
    std::fs::write(
        ws.join(".workbook/state.json"),
        "{\"version\": 1, \"tasks\": [tru",
    )
    .unwrap();
    let list = grader(&ws, &["list"], &[], &target);
    assert_eq!(list.status.code(), Some(0), "{}", stderr(&list));
    assert!(stderr(&list).contains("warning:"), "{}", stderr(&list));
    assert!(
        stdout(&list).contains("Next: benchmarking/crossover"),
        "{}",
        stdout(&list)
    );
    assert!(ws.join(".workbook/state.json.corrupt").is_file());
    // The next command that saves writes a good file, and no warning follows.
    grader(&ws, &["hint", "big-o/find-duplicates"], &[], &target);
    let again = grader(&ws, &["list"], &[], &target);
    assert!(!stderr(&again).contains("warning:"), "{}", stderr(&again));
}

#[test]
fn reset_keeps_the_learners_version_in_a_backup() {
    let mine = "// my work in progress\npub fn find_duplicates() {}\n";
    let ws = fixture_workspace_with("reset-backup", &[("exercises/big-o/src/lib.rs", mine)]);
    let target = fixture_target_dir("reset-backup");
    // Without a terminal to confirm on, nothing happens without --yes.
    let refused = grader(&ws, &["reset", "big-o"], &[], &target);
    assert_ne!(refused.status.code(), Some(0));
    assert!(stderr(&refused).contains("--yes"), "{}", stderr(&refused));
    assert_eq!(
        std::fs::read_to_string(ws.join("exercises/big-o/src/lib.rs")).unwrap(),
        mine
    );

    let reset = grader(&ws, &["reset", "big-o", "--yes"], &[], &target);
    assert_eq!(reset.status.code(), Some(0), "{}", stderr(&reset));
    let starter = std::fs::read_to_string(root().join("grader/starters/big-o/src/lib.rs")).unwrap();
    assert_eq!(
        std::fs::read_to_string(ws.join("exercises/big-o/src/lib.rs")).unwrap(),
        starter
    );
    let said = stdout(&reset);
    let backup = said
        .lines()
        .find_map(|l| l.strip_prefix("Your version is kept in "))
        .unwrap_or_else(|| panic!("the backup's path is printed: {said}"));
    assert_eq!(
        std::fs::read_to_string(Path::new(backup).join("src/lib.rs")).unwrap(),
        mine
    );
}

#[test]
fn the_solution_is_shown_only_after_the_task_passed() {
    let reference = std::fs::read_to_string(root().join("solutions/big-o/src/lib.rs")).unwrap();
    let ws = fixture_workspace_with("solution-gate", &[]);
    let target = fixture_target_dir("solution-gate");
    // Saved progress from earlier runs, for the checklist: one Big O task passed, another
    // passed once and failed since.
    std::fs::create_dir_all(ws.join(".workbook")).unwrap();
    let earlier = |status: &str| serde_json::json!({"status": status, "passed_ever": true, "summary": "", "graded_at": 1});
    let saved = serde_json::json!({
        "version": 1,
        "tasks": {
            "big-o/count-pairs-with-sum": earlier("passed"),
            "big-o/longest-unique-window": earlier("failed"),
        },
        "hints": {},
    });
    std::fs::write(ws.join(".workbook/state.json"), saved.to_string()).unwrap();
    let hidden = grader(&ws, &["solution", "big-o/find-duplicates"], &[], &target);
    assert_eq!(hidden.status.code(), Some(1));
    assert!(stdout(&hidden).contains("stays hidden"), "{}", stdout(&hidden));
    assert!(!stdout(&hidden).contains("pub fn find_duplicates"));
    let forced = grader(
        &ws,
        &["solution", "big-o/find-duplicates", "--force"],
        &[],
        &target,
    );
    assert!(
        stdout(&forced).contains("pub fn find_duplicates"),
        "{}",
        stdout(&forced)
    );

    // The learner solves it (here: with the reference's code), and the grader records the pass.
    std::fs::write(ws.join("exercises/big-o/src/lib.rs"), &reference).unwrap();
    let graded = grader(
        &ws,
        &["big-o/find-duplicates", "--budget-scale", "0.5"],
        &[],
        &target,
    );
    assert_eq!(
        graded.status.code(),
        Some(0),
        "{}{}",
        stdout(&graded),
        stderr(&graded)
    );
    assert_eq!(state(&ws)["tasks"]["big-o/find-duplicates"]["passed_ever"], true);
    // The checklist combines this run's pass with the saved verdicts: the earlier pass counts,
    // the task that failed since does not, and the item is not ticked.
    assert!(
        stdout(&graded).contains(
            "✗ Understand and apply Big O notation in algorithm choices \
             (2 of 4 tasks passed so far; 3 not graded in this run)"
        ),
        "{}",
        stdout(&graded)
    );
    assert!(
        stdout(&graded).contains("counts as passed when its last verdict"),
        "{}",
        stdout(&graded)
    );
    assert_eq!(
        state(&ws)["tasks"]["big-o/count-pairs-with-sum"]["status"],
        "passed"
    );
    let shown = grader(&ws, &["solution", "big-o/find-duplicates"], &[], &target);
    assert_eq!(shown.status.code(), Some(0));
    assert!(
        stdout(&shown).contains("pub fn find_duplicates"),
        "{}",
        stdout(&shown)
    );
    // Only that task's code: not the other tasks'.
    assert!(!stdout(&shown).contains("pub fn count_pairs_with_sum"));
}
