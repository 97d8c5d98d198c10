//! The org chart frees itself: `cargo test -p memory-solution --test leaks`.
//!
//! These tests are not in the exercise's shared test file because the starter fails them: its
//! manager links are strong, so every manager and report keep each other alive, and dropping the
//! chart frees nobody. They observe the chart through `Rc` and `Weak` counts, not through a heap
//! profiler, so they can run in parallel with any other test.

use memory_solution::OrgChart;
use std::rc::Rc;

/// 1 manages 2 and 3; 2 manages 4.
const RECORDS: [(u32, Option<u32>); 4] = [(1, None), (2, Some(1)), (3, Some(1)), (4, Some(2))];

#[test]
fn dropping_the_chart_frees_every_employee() {
    let chart = OrgChart::build(&RECORDS);
    let watched: Vec<_> = [1, 2, 3, 4]
        .iter()
        .map(|&id| Rc::downgrade(chart.employee(id).expect("hired")))
        .collect();
    assert!(watched.iter().all(|w| w.upgrade().is_some()));
    drop(chart);
    for (id, weak) in [1, 2, 3, 4].iter().zip(&watched) {
        assert!(weak.upgrade().is_none(), "employee {id} outlived the chart");
        assert_eq!(weak.strong_count(), 0);
    }
}

#[test]
fn only_the_chart_and_the_manager_hold_an_employee() {
    let chart = OrgChart::build(&RECORDS);
    let top = chart.employee(1).expect("hired");
    let middle = chart.employee(2).expect("hired");
    let leaf = chart.employee(4).expect("hired");
    // The top is held by the chart's map only: its reports' links up to it are weak.
    assert_eq!(Rc::strong_count(top), 1);
    assert_eq!(Rc::weak_count(top), 2, "the manager links of 2 and 3");
    // Everyone else by the map and by their manager's list of reports.
    assert_eq!(Rc::strong_count(middle), 2);
    assert_eq!(Rc::weak_count(middle), 1, "the manager link of 4");
    assert_eq!(Rc::strong_count(leaf), 2);
    assert_eq!(Rc::weak_count(leaf), 0);
}

#[test]
fn an_employee_kept_after_the_chart_keeps_only_their_team() {
    let chart = OrgChart::build(&RECORDS);
    let middle = Rc::clone(chart.employee(2).expect("hired"));
    let top = Rc::downgrade(chart.employee(1).expect("hired"));
    let leaf = Rc::downgrade(chart.employee(4).expect("hired"));
    drop(chart);
    // Holding 2 keeps 2 and, through its reports, 4; its manager is gone.
    assert!(top.upgrade().is_none());
    assert!(leaf.upgrade().is_some());
    assert_eq!(Rc::strong_count(&middle), 1);
    drop(middle);
    assert!(leaf.upgrade().is_none());
}

#[test]
fn a_long_chain_is_freed_too() {
    let records: Vec<(u32, Option<u32>)> = (0..2000u32).map(|i| (i, i.checked_sub(1))).collect();
    let chart = OrgChart::build(&records);
    let bottom = Rc::downgrade(chart.employee(1999).expect("hired"));
    let top = Rc::downgrade(chart.employee(0).expect("hired"));
    drop(chart);
    assert!(bottom.upgrade().is_none());
    assert!(top.upgrade().is_none());
}
