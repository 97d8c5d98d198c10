//! The counted scenario against the reference and the starter: the figures behind the goals.

use everyday_speed_harness::readings::{count, run, workload};
use everyday_speed_harness::{Starter, bounds_checks, buffered_io, perf_lints};
use fastrand::Rng;
use grader_kit::Count;

everyday_speed_harness::forward_api!(Solution => everyday_speed_solution);

fn value(counts: &[Count], counter: &str) -> u64 {
    counts
        .iter()
        .find(|c| c.counter == counter)
        .map(|c| c.value)
        .expect("the scenario counts it")
}

#[test]
fn the_reference_makes_a_call_per_buffer_and_the_starter_one_per_piece_or_byte() {
    let work = workload(&mut Rng::with_seed(7), 2000);
    let (reference, starter) = (count::<Solution>(&work), count::<Starter>(&work));
    assert!(value(&reference, "write-calls") <= 10);
    assert!(value(&reference, "read-calls") <= 10);
    assert!(
        value(&starter, "write-calls") > 2000,
        "at least one call per line"
    );
    assert_eq!(value(&starter, "read-calls"), work.log.len() as u64 + 1);
}

#[test]
fn the_reference_agrees_with_the_starter_on_every_edge_case() {
    let mut rng = Rng::with_seed(11);
    for case in (buffered_io::<Solution>().timed.edge_cases)(&mut rng) {
        assert_eq!(
            run::<Solution>(&case.input),
            run::<Starter>(&case.input),
            "{}",
            case.label
        );
    }
    let task = bounds_checks::<Solution>();
    for case in (task.edge_cases)(&mut rng) {
        let (expected, actual) = ((task.starter)(&case.input), (task.subject)(&case.input));
        assert_eq!(expected, actual, "{}", case.label);
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&expected), bits(&actual), "{}: bit for bit", case.label);
    }
    let task = perf_lints::<Solution>();
    let mut cases = (task.edge_cases)(&mut rng);
    for n in 1..=20 {
        let log = (task.generate)(&mut rng, n * 37);
        cases.push(grader_kit::correctness::case(
            format!("random, {} lines", n * 37),
            log,
        ));
    }
    for case in cases {
        assert_eq!(
            (task.starter)(&case.input),
            (task.subject)(&case.input),
            "{}",
            case.label
        );
    }
}
