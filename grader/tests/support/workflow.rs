//! The classroom workflows' grading command, run on one quick task the way the workflows in
//! `classroom/` run it: shared by the classroom tests (timed) and exact mode's (`--exact`).

use super::{fixture_target_dir, grader};
use std::path::Path;

/// The task the workflow command is run on: its exercise is a findings file, so only the
/// profiling chapter is built.
pub const TASK: &str = "profiling/hot-spots";

/// Runs the workflows' command (`--junit grade.xml --markdown grade.md --report grade.html`,
/// plus `extra`) on one task in `ws`, checks the three reports and the job summary, and returns
/// the JUnit XML and the Markdown.
pub fn workflow_reports(ws: &Path, extra: &[&str]) -> (String, String) {
    let summary = ws.join("step-summary.md");
    std::fs::write(&summary, "Earlier step's summary.\n").unwrap();
    let mut args = extra.to_vec();
    args.extend([
        "--junit",
        "grade.xml",
        "--markdown",
        "grade.md",
        "--report",
        "grade.html",
        TASK,
        "--seed",
        "5",
    ]);
    let env = [("GITHUB_STEP_SUMMARY", summary.to_str().unwrap())];
    let output = grader(ws, &args, &env, &fixture_target_dir("profiling"));
    // The exercise is the starter: the task fails, and the grader says so with exit status 1.
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let xml = std::fs::read_to_string(ws.join("grade.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let suites: Vec<_> = doc.root_element().children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 1);
    assert_eq!(suites[0].attribute("name"), Some("profiling"));
    assert_eq!(suites[0].attribute("tests"), Some("1"));
    let case = doc.descendants().find(|n| n.has_tag_name("testcase")).unwrap();
    assert_eq!(case.attribute("name"), Some("hot-spots"));
    let failure = case.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(failure.attribute("type"), Some("failed"));
    assert!(failure.text().unwrap().contains("hot-functions "), "{xml}");

    let markdown = std::fs::read_to_string(ws.join("grade.md")).unwrap();
    assert!(markdown.contains("0 of 1 tasks passed"), "{markdown}");
    assert!(
        markdown.contains("| profiling/hot-spots | ❌ failed | hot-functions "),
        "{markdown}"
    );
    let appended = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(appended, format!("Earlier step's summary.\n{markdown}\n"));
    assert!(
        std::fs::read_to_string(ws.join("grade.html"))
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    (xml, markdown)
}
