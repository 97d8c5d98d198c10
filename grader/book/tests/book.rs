//! The workbook's book builds cleanly, and every include, SUMMARY entry and link in it resolves.

use std::fs;

#[test]
fn the_book_builds_and_every_include_and_link_resolves() {
    let book_dir = book::workspace_book_dir();
    // The sources first: a missing SUMMARY.md file would otherwise only show as a build error.
    assert_no_problems(book::check_sources(&book_dir).unwrap());
    let out = tempfile::tempdir().unwrap();
    // Fails on any warning or error mdbook logs, such as an include it cannot read.
    if let Err(error) = book::build(&book_dir, out.path()) {
        panic!("{error:#}");
    }
    assert!(out.path().join("index.html").is_file());
    assert_no_problems(book::check_output(out.path()).unwrap());
}

fn assert_no_problems(problems: Vec<book::Problem>) {
    let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s) in the book:\n{}",
        problems.len(),
        listed.join("\n")
    );
}

#[test]
fn the_chapters_the_grader_names_are_in_the_summary() {
    let src = book::workspace_book_dir().join("src");
    let summary = fs::read_to_string(src.join("SUMMARY.md")).unwrap();
    for page in [
        "introduction.md",
        "setup.md",
        "big-o/index.md",
        "big-o/exercise.md",
    ] {
        assert!(
            summary.contains(&format!("]({page})")),
            "{page} is not in SUMMARY.md"
        );
    }
}
