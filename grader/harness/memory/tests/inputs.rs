//! The sizes the exercise's benchmarks measure (its `benches/inputs/mod.rs`, frozen in the
//! starter) are the sizes the manifest grades.

use grader_kit::spec::Check;
use grader_kit::testing::manifest_checks;

#[path = "../../../starters/memory/benches/inputs/mod.rs"]
mod inputs;

#[test]
fn the_benchmarked_sizes_are_the_graded_sizes() {
    // (task, the heap checks' size, the time guard's size)
    for (task, heap, timed) in [
        ("log-summary", inputs::LOG_LINES, inputs::LOG_LINES_TIMED),
        ("word-frequencies", inputs::PROSE_WORDS, inputs::PROSE_WORDS),
        ("org-chart", inputs::EMPLOYEES, inputs::EMPLOYEES),
        ("sensor-log", inputs::READINGS, inputs::READINGS_TIMED),
    ] {
        let checks = manifest_checks("memory", task);
        assert!(
            checks.iter().any(|c| matches!(c, Check::NoSlower { .. })),
            "{task}: a time guard"
        );
        for check in checks {
            let expected = match check {
                Check::NoSlower { .. } => timed,
                _ => heap,
            };
            assert_eq!(check.sizes(), [expected], "{task}: {check:?}");
        }
    }
}
