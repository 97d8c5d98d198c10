//! The inputs module, shared with the exercise's benchmarks: its sizes agree with the checks of
//! `grader/workbook.toml`.

use concurrency_harness::inputs;
use grader_kit::spec::Check;
use grader_kit::testing::{manifest_checks, manifest_sizes};

#[test]
fn the_inputs_sizes_are_the_manifests() {
    for (task, n) in [
        ("image-histograms", inputs::tiles::N),
        ("async-fetch", inputs::catalog::N),
        ("page-views", inputs::views::N),
    ] {
        let sizes = manifest_sizes("concurrency", task);
        assert!(!sizes.is_empty(), "{task}: no size in the manifest");
        assert!(
            sizes.iter().all(|&s| s == n),
            "{task}: the manifest says {sizes:?}, the inputs {n}"
        );
    }
}

#[test]
fn the_in_flight_limit_is_the_manifests() {
    let limits: Vec<u64> = manifest_checks("concurrency", "async-fetch")
        .into_iter()
        .filter_map(|check| match check {
            Check::Count { counter, at_most, .. } if counter == "max-in-flight" => Some(at_most),
            _ => None,
        })
        .collect();
    assert_eq!(
        limits,
        [inputs::catalog::LIMIT as u64],
        "async-fetch's max-in-flight check"
    );
}
