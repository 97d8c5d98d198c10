//! The inputs module, shared with the exercise's benchmarks: its sizes agree with the checks of
//! `grader/workbook.toml`.

use concurrency_harness::inputs;

/// Every `n = …` of the checks of task `task` in the manifest, read as text: the checks' lines
/// (`{ kind = … }`) between the task's `name = "…"` and the next table.
fn manifest_sizes(task: &str) -> Vec<usize> {
    let manifest = include_str!("../../../workbook.toml");
    let name = format!("name = \"{task}\"");
    let mut lines = manifest.lines().skip_while(|line| line.trim() != name);
    assert!(lines.next().is_some(), "no task {task} in the manifest");
    lines
        .take_while(|line| !line.starts_with('['))
        .filter(|line| line.contains("{ kind = "))
        .flat_map(|line| line.split([',', '{', '}']))
        .filter_map(|field| field.trim().strip_prefix("n = "))
        .map(|n| n.parse().expect("a size"))
        .collect()
}

#[test]
fn the_inputs_sizes_are_the_manifests() {
    for (task, n) in [
        ("image-histograms", inputs::tiles::N),
        ("async-fetch", inputs::catalog::N),
        ("page-views", inputs::views::N),
    ] {
        let sizes = manifest_sizes(task);
        assert!(!sizes.is_empty(), "{task}: no size in the manifest");
        assert!(
            sizes.iter().all(|&s| s == n),
            "{task}: the manifest says {sizes:?}, the inputs {n}"
        );
    }
}

#[test]
fn the_in_flight_limit_is_the_manifests() {
    let manifest = include_str!("../../../workbook.toml");
    let check = manifest
        .lines()
        .find(|line| line.contains("counter = \"max-in-flight\""))
        .expect("async-fetch's max-in-flight check");
    let limit = format!("at_most = {} ", inputs::catalog::LIMIT);
    assert!(check.contains(&limit), "{check}");
}
