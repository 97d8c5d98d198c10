//! The exercise's correctness tests: `cargo test -p everyday-speed` (and, through a generated
//! shim, `cargo test -p everyday-speed-solution`).

use everyday_speed::count_distinct;

#[test]
fn counts_each_value_once() {
    assert_eq!(count_distinct(&[]), 0);
    assert_eq!(count_distinct(&[7]), 1);
    assert_eq!(count_distinct(&[3, 1, 3, 2, 1]), 3);
    assert_eq!(count_distinct(&[u64::MAX, 0, u64::MAX]), 2);
}
