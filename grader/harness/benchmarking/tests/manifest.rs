//! The sizes the inputs module (shared with the exercise's benchmarks) and the crate declare
//! agree with the checks of `grader/workbook.toml`.

use benchmarking_harness::inputs::SIZES;
use benchmarking_starter::LINE_PRICES;
use grader_kit::spec::Check;
use grader_kit::testing::{manifest_checks, manifest_sizes};

#[test]
fn the_crossover_is_graded_at_the_benchmarks_sizes() {
    assert_eq!(manifest_sizes("benchmarking", "crossover"), SIZES);
}

#[test]
fn the_guard_times_lines_of_the_benchmarks_length() {
    let guards: Vec<Vec<usize>> = manifest_checks("benchmarking", "honest-benchmark")
        .iter()
        .filter(|check| matches!(check, Check::NoSlower { .. }))
        .map(Check::sizes)
        .collect();
    assert_eq!(guards, [[LINE_PRICES]]);
}
