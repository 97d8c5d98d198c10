//! `org-chart` has two honest fixes, and the chart's API must let both pass: the reference's
//! tree of `Rc` reports with `Weak` links up to the manager, and an arena (every employee in one
//! `Vec`, managers and reports as indices into it), which this file writes the way a learner
//! would. Both are graded here on the manifest's heap checks, as the grader's process measures
//! them (this test binary installs the same counting allocator), and the starter, whose `Rc`
//! cycles keep the whole chart alive, must fail them. The time guard needs a release build:
//!
//! `cargo test --release -p memory-harness --test org_designs -- --include-ignored --nocapture`

use grader_kit::protocol::{Measurement, Response, Verdict};
use grader_kit::spec::Check;
use grader_kit::testing::{assert_passes, grade, manifest_checks};
use memory_harness::{Starter, org_chart};
use std::sync::{Mutex, MutexGuard};

#[global_allocator]
static ALLOC: grader_kit::counting::CountingAlloc = grader_kit::counting::CountingAlloc;

/// The chapter's API with the org chart as an arena; the other tasks are the reference's.
mod arena {
    pub use memory_solution::{endpoint_report, load_readings, sensor_report, top_words};
    use std::collections::HashMap;
    use std::collections::hash_map::Entry;

    /// One employee: their ID, and their manager and reports as indices into the chart's `Vec`.
    #[derive(Debug)]
    struct Employee {
        id: u32,
        manager: Option<usize>,
        reports: Vec<usize>,
    }

    /// The chart owns every employee, in hiring order: nothing points back, nothing to leak.
    #[derive(Debug, Default)]
    pub struct OrgChart {
        employees: Vec<Employee>,
        index_of: HashMap<u32, usize>,
    }

    impl OrgChart {
        pub fn build(records: &[(u32, Option<u32>)]) -> OrgChart {
            let mut chart = OrgChart {
                employees: Vec::with_capacity(records.len()),
                index_of: HashMap::with_capacity(records.len()),
            };
            for &(id, manager_id) in records {
                let manager = manager_id.and_then(|m| chart.index_of.get(&m).copied());
                let Entry::Vacant(slot) = chart.index_of.entry(id) else {
                    continue;
                };
                let index = chart.employees.len();
                slot.insert(index);
                chart.employees.push(Employee {
                    id,
                    manager,
                    reports: Vec::new(),
                });
                if let Some(manager) = manager {
                    chart.employees[manager].reports.push(index);
                }
            }
            chart
        }

        pub fn len(&self) -> usize {
            self.employees.len()
        }

        pub fn is_empty(&self) -> bool {
            self.employees.is_empty()
        }

        pub fn contains(&self, id: u32) -> bool {
            self.index_of.contains_key(&id)
        }

        pub fn manager(&self, id: u32) -> Option<u32> {
            let employee = &self.employees[*self.index_of.get(&id)?];
            employee.manager.map(|m| self.employees[m].id)
        }

        pub fn reports(&self, id: u32) -> Vec<u32> {
            self.index_of.get(&id).map_or_else(Vec::new, |&i| {
                self.employees[i]
                    .reports
                    .iter()
                    .map(|&r| self.employees[r].id)
                    .collect()
            })
        }

        pub fn chain_of_command(&self, id: u32) -> Vec<u32> {
            let mut chain = Vec::new();
            let mut next = self.index_of.get(&id).copied();
            while let Some(i) = next {
                chain.push(self.employees[i].id);
                next = self.employees[i].manager;
            }
            chain
        }

        pub fn team_size(&self, id: u32) -> usize {
            let Some(&i) = self.index_of.get(&id) else {
                return 0;
            };
            let mut to_visit = self.employees[i].reports.clone();
            let mut size = 0;
            while let Some(member) = to_visit.pop() {
                size += 1;
                to_visit.extend_from_slice(&self.employees[member].reports);
            }
            size
        }
    }

    pub fn org_answers(records: &[(u32, Option<u32>)], queries: &[u32]) -> Vec<(Vec<u32>, usize)> {
        let chart = OrgChart::build(records);
        queries
            .iter()
            .map(|&id| (chart.chain_of_command(id), chart.team_size(id)))
            .collect()
    }
}

memory_harness::forward_api!(Arena => arena);
memory_harness::forward_api!(Weak => memory_solution);

/// The heap counters are the process's: one test at a time, so that no other test's
/// allocations land in a measured window.
fn alone() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The manifest's checks of `org-chart` that `keep` selects.
fn checks(keep: fn(&Check) -> bool) -> Vec<Check> {
    let checks: Vec<Check> = manifest_checks("memory", "org-chart")
        .into_iter()
        .filter(keep)
        .collect();
    assert!(!checks.is_empty(), "org-chart has no such check");
    checks
}

fn is_heap(check: &Check) -> bool {
    matches!(check, Check::Heap { .. })
}

fn is_time_guard(check: &Check) -> bool {
    matches!(check, Check::NoSlower { .. })
}

/// The measurements of a graded response, printed.
fn measured<'r>(label: &str, response: &'r Response) -> &'r [Measurement] {
    let Response::Measured { measurements, .. } = response else {
        panic!("{label}: expected measurements, got {response:#?}")
    };
    for m in measurements {
        println!(
            "{label}: {} {:?} (goal {:?}): {:?}",
            m.metric, m.value, m.goal, m.verdict
        );
    }
    measurements
}

#[test]
fn the_arena_chart_answers_every_query_as_the_starter_does() {
    let _alone = alone();
    let mut rng = fastrand::Rng::with_seed(0x0a7e);
    for n in [0, 1, 8, 100, 1000] {
        let mut records: Vec<(u32, Option<u32>)> = Vec::new();
        for _ in 0..n {
            let id_range = (n as u32 * 2).max(1);
            let manager = match rng.u8(..10) {
                0 => None,
                1 => Some(rng.u32(..id_range)),
                _ => records.get(rng.usize(..records.len().max(1))).map(|r| r.0),
            };
            records.push((rng.u32(..id_range), manager));
        }
        let ours = arena::OrgChart::build(&records);
        let starter = memory_starter::OrgChart::build(&records);
        assert_eq!((ours.len(), ours.is_empty()), (starter.len(), starter.is_empty()));
        for id in 0..(n as u32 * 2 + 2) {
            assert_eq!(ours.contains(id), starter.contains(id), "n {n}, employee {id}");
            assert_eq!(ours.manager(id), starter.manager(id), "n {n}, employee {id}");
            assert_eq!(ours.reports(id), starter.reports(id), "n {n}, employee {id}");
            assert_eq!(ours.chain_of_command(id), starter.chain_of_command(id));
            assert_eq!(ours.team_size(id), starter.team_size(id), "n {n}, employee {id}");
        }
    }
}

#[test]
fn both_designs_answer_the_graders_cases_as_the_starter_does() {
    let _alone = alone();
    for (label, response) in [
        ("arena", grade(&org_chart::<Arena>(), Vec::new())),
        ("weak", grade(&org_chart::<Weak>(), Vec::new())),
    ] {
        let Response::Measured { cases, .. } = response else {
            panic!("{label}: expected agreement on every case, got {response:#?}")
        };
        assert!(cases > 0, "{label}");
    }
}

#[test]
fn both_designs_pass_the_heap_checks_and_the_starter_fails_them() {
    let _alone = alone();
    for (label, response) in [
        ("arena", grade(&org_chart::<Arena>(), checks(is_heap))),
        ("weak", grade(&org_chart::<Weak>(), checks(is_heap))),
    ] {
        measured(label, &response);
        assert_passes(&response);
    }
    let response = grade(&org_chart::<Starter>(), checks(is_heap));
    let leaked = measured("starter", &response)
        .iter()
        .find(|m| m.metric == "leaked-bytes")
        .expect("a leaked-bytes check");
    assert_eq!(leaked.verdict, Verdict::Fail, "the starter's leak was missed");
    assert!(
        leaked.value.is_some_and(|bytes| bytes > 100_000.0),
        "the starter leaks its whole chart: {leaked:?}"
    );
}

/// Timed, so only in a release build; a busy machine may make it inconclusive, never a fail.
#[test]
#[cfg_attr(debug_assertions, ignore = "timed: run it in a release build")]
fn neither_design_is_failed_by_the_time_guard() {
    let _alone = alone();
    for (label, response) in [
        ("arena", grade(&org_chart::<Arena>(), checks(is_time_guard))),
        ("weak", grade(&org_chart::<Weak>(), checks(is_time_guard))),
    ] {
        for m in measured(label, &response) {
            assert_ne!(m.verdict, Verdict::Fail, "{label}: {}", m.metric);
        }
    }
}
