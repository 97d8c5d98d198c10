//! The sizes the exercise's benchmarks measure (its `benches/inputs/mod.rs`, frozen in the
//! starter) are the sizes the manifest grades.

use grader_kit::spec::Check;
use grader_kit::testing::manifest_checks;

#[path = "../../../starters/data-structures/benches/inputs/mod.rs"]
mod inputs;

#[test]
fn the_benchmarked_sizes_are_the_graded_sizes() {
    let mut complexity_checks = 0;
    for (task, n) in [
        ("leaderboard", inputs::SCORE_UPDATES),
        ("print-queue", inputs::PRINT_JOBS),
        ("room-bookings", inputs::BOOKING_REQUESTS),
        ("support-triage", inputs::SHIFT_EVENTS),
        ("invoice-export", inputs::INVOICES),
    ] {
        for check in manifest_checks("data-structures", task) {
            let expected = match check {
                Check::Complexity { .. } => {
                    complexity_checks += 1;
                    inputs::GROWTH_SIZES.to_vec()
                }
                _ => vec![n],
            };
            assert_eq!(check.sizes(), expected, "{task}: {check:?}");
        }
    }
    assert_eq!(complexity_checks, 4, "a complexity check on four tasks");
}
