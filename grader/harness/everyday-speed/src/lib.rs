//! The Everyday speed: I/O, iterators, build profiles and clippy chapter's tasks: how to generate their inputs and how to call the code.
//!
//! The subject is reached through [`Api`], so the same task code grades the exercise, the
//! solution or the starter, each in its own binary (`src/bin`, written by `grader dev sync`).

use fastrand::Rng;
use grader_kit::TimedTask;
use grader_kit::correctness::{Case, case};
use std::process::ExitCode;

// The frozen copy of the exercise's `benches/inputs/mod.rs`: the benches' inputs are the graded ones.
#[allow(dead_code)] // the benches use all of it, the harness what it grades
#[path = "../../../starters/everyday-speed/benches/inputs/mod.rs"]
mod inputs;

grader_kit::subject_api! {
    crate everyday_speed_harness;
    /// The chapter's public API, exactly as the exercise declares it.
    pub trait Api {
        /// See `everyday_speed::count_distinct`.
        fn count_distinct(values: &[u64]) -> usize;
    }
}

forward_api!(Starter => everyday_speed_starter);

/// `count-distinct`, with `S` as the subject and the frozen starter as the yardstick.
pub fn count_distinct<S: Api>() -> TimedTask<Vec<u64>, usize> {
    TimedTask {
        name: "count-distinct",
        edge_cases: distinct_edge_cases,
        generate: inputs::values,
        starter: |values: &Vec<u64>| Starter::count_distinct(values),
        subject: |values: &Vec<u64>| S::count_distinct(values),
    }
}

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    grader_kit::harness::main(&[&count_distinct::<S>()])
}

/// The generic lists (empty, one element, all equal, …), then the type's extremes.
fn distinct_edge_cases(rng: &mut Rng) -> Vec<Case<Vec<u64>>> {
    let mut cases: Vec<Case<Vec<u64>>> = grader_kit::inputs::edge_lists(rng)
        .into_iter()
        .map(|(label, input)| Case { label, input })
        .collect();
    cases.push(case(
        "edge case: the extremes",
        vec![0, u64::MAX, 0, u64::MAX - 1, u64::MAX],
    ));
    cases
}
