//! `grader dev new`: in a scratch copy of the workbook, a new chapter grades at once (its
//! reference passes, its starter fails) with no file edited by hand; `dev check` names a
//! derived file edited by hand, until `dev sync` writes it again; and a solved exercise becomes
//! the frozen starter only with `dev sync --freeze`.

mod support;

use support::{fixture_target_dir, fixture_workspace_with, grader, json, statuses};

#[test]
fn a_new_chapter_grades_at_once_and_check_names_hand_edits() {
    let copy = fixture_workspace_with("dev-new", &[]);
    // The untrusted-code fixtures' target directory: its release dependencies are built already,
    // and test binaries run one after another, so the two never build at the same time.
    let target = fixture_target_dir("faulty");
    let run = |args: &[&str]| grader(&copy, args, &[], &target);

    let created = run(&["dev", "new", "demo"]);
    let said = String::from_utf8_lossy(&created.stdout);
    assert!(
        created.status.success(),
        "{said}\n{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(
        said.contains("write  grader/harness/demo/src/bin/exercise.rs"),
        "{said}"
    );
    assert!(run(&["dev", "check"]).status.success());

    let solutions = run(&["--json", "--solutions", "demo"]);
    assert_eq!(
        statuses(&json(&solutions)),
        vec![("count-distinct".to_string(), "passed".to_string())]
    );
    let starters = run(&["--json", "--starters", "demo"]);
    assert_eq!(
        statuses(&json(&starters)),
        vec![("count-distinct".to_string(), "failed".to_string())]
    );
    // The learner's exercise is the starter until edited: it fails too.
    assert!(!json(&run(&["--json", "demo"]))["passed"].as_bool().unwrap());

    let again = run(&["dev", "new", "demo"]);
    assert!(!again.status.success(), "a second `dev new demo` must refuse");

    let harness_toml = copy.join("grader/harness/demo/Cargo.toml");
    let generated = std::fs::read_to_string(&harness_toml).unwrap();
    std::fs::write(&harness_toml, format!("{generated}\n[badges]\n")).unwrap();
    let check = run(&["dev", "check"]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(said.contains("write  grader/harness/demo/Cargo.toml"), "{said}");
    assert!(run(&["dev", "sync"]).status.success());
    assert_eq!(std::fs::read_to_string(&harness_toml).unwrap(), generated);
    assert!(run(&["dev", "check"]).status.success());

    // A solved exercise is never frozen as the starter by a plain sync: only with --freeze.
    let starter_lib = copy.join("grader/starters/demo/src/lib.rs");
    let frozen = std::fs::read_to_string(&starter_lib).unwrap();
    let solved = std::fs::read_to_string(copy.join("solutions/demo/src/lib.rs")).unwrap();
    std::fs::write(copy.join("exercises/demo/src/lib.rs"), &solved).unwrap();
    let synced = run(&["dev", "sync"]);
    let said = String::from_utf8_lossy(&synced.stdout);
    assert!(
        synced.status.success() && said.contains("Left as they are"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&starter_lib).unwrap(), frozen);
    let check = run(&["dev", "check"]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("write  grader/starters/demo/src/lib.rs"));
    let unknown = run(&["dev", "sync", "--freeze", "no-such-chapter"]);
    assert_eq!(unknown.status.code(), Some(2), "an unknown chapter is refused");
    assert_eq!(std::fs::read_to_string(&starter_lib).unwrap(), frozen);
    assert!(run(&["dev", "sync", "--freeze", "demo"]).status.success());
    assert_eq!(std::fs::read_to_string(&starter_lib).unwrap(), solved);
    assert!(run(&["dev", "check"]).status.success());
}
