//! The size the exercise's benchmark measures (its `benches/inputs/mod.rs`, frozen in the
//! starter) is the size the manifest grades.

use grader_kit::testing::manifest_sizes;

#[path = "../../../starters/profiling/benches/inputs/mod.rs"]
mod inputs;

#[test]
fn the_benchmarked_size_is_the_graded_size() {
    assert_eq!(manifest_sizes("profiling", "pipeline"), [inputs::LOG_LINES]);
    assert_eq!(manifest_sizes("profiling", "hot-spots"), Vec::<usize>::new());
}
