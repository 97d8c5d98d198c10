//! The sizes the exercise's benchmarks measure (its `benches/inputs/mod.rs`, frozen in the
//! starter) are the sizes the manifest grades.

use grader_kit::spec::Check;
use grader_kit::testing::manifest_checks;

#[path = "../../../starters/big-o/benches/inputs/mod.rs"]
mod inputs;

#[test]
fn the_benchmarked_sizes_are_the_graded_sizes() {
    for (task, n) in [
        ("find-duplicates", inputs::ORDER_IDS),
        ("count-pairs-with-sum", inputs::PAYMENTS),
        ("longest-unique-window", inputs::PAGE_VIEWS),
        ("order-report", inputs::ORDERS),
    ] {
        let checks = manifest_checks("big-o", task);
        assert_eq!(checks.len(), 2, "{task}: a speed-up and a complexity check");
        for check in checks {
            let expected = match check {
                Check::Complexity { .. } => inputs::GROWTH_SIZES.to_vec(),
                _ => vec![n],
            };
            assert_eq!(check.sizes(), expected, "{task}: {check:?}");
        }
    }
}
