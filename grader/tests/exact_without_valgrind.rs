//! `--exact` without valgrind says what to install and exits with the grader's own status, 2,
//! before grading anything.

#![cfg(target_os = "linux")]

mod support;

use support::{grader, root};

#[test]
fn exact_mode_without_valgrind_says_how_to_install_it() {
    let output = grader(
        &root(),
        &["big-o/find-duplicates", "--exact"],
        &[("PATH", "/nonexistent")],
        &root().join("target"),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("apt-get install valgrind"), "{stderr}");
    assert!(!stderr.contains("building"), "nothing is graded: {stderr}");
    assert!(output.stdout.is_empty());
}
