//! The sizes the inputs module (shared with the exercise's benchmarks) and the crate declare
//! agree with the checks of `grader/workbook.toml`.

use benchmarking_harness::inputs::SIZES;
use benchmarking_starter::LINE_PRICES;
use toml::Value;

/// The checks of `chapter`'s task `task` in the manifest.
fn checks(chapter: &str, task: &str) -> Vec<Value> {
    let manifest: toml::Table =
        toml::from_str(include_str!("../../../workbook.toml")).expect("the manifest parses");
    let chapters = manifest["chapters"].as_array().expect("chapters");
    let chapter = chapters
        .iter()
        .find(|c| c["name"].as_str() == Some(chapter))
        .expect("the chapter");
    let tasks = chapter["tasks"].as_array().expect("tasks");
    let task = tasks
        .iter()
        .find(|t| t["name"].as_str() == Some(task))
        .expect("the task");
    task["checks"].as_array().expect("checks").clone()
}

#[test]
fn the_crossover_is_graded_at_the_benchmarks_sizes() {
    let checks = checks("benchmarking", "crossover");
    let sizes: Vec<usize> = checks[0]["sizes"]
        .as_array()
        .expect("sizes")
        .iter()
        .map(|n| n.as_integer().expect("a size") as usize)
        .collect();
    assert_eq!(sizes, SIZES);
}

#[test]
fn the_guard_times_lines_of_the_benchmarks_length() {
    let checks = checks("benchmarking", "honest-benchmark");
    let guard = checks
        .iter()
        .find(|c| c["kind"].as_str() == Some("no-slower"))
        .expect("a no-slower check");
    assert_eq!(guard["n"].as_integer(), Some(LINE_PRICES as i64));
}
