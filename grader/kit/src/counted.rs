//! A task whose subject is also run through a fixed scenario and watched: how often it called
//! a backend, how many stale answers it gave, how many entries it held above its capacity, how
//! many updates it lost, how many requests it had in flight. The counts are deterministic, so
//! their goals are exact.

use crate::correctness::{Input, Output};
use crate::phase::set_phase;
use crate::protocol::{Evidence, Goal, Measurement, Response, Verdict, in_check_order};
use crate::spec::{Check, Numbered};
use crate::task::{Task, TimedTask, fixed_seed};
use fastrand::Rng;

/// One count a scenario observed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// The counter's name, as the manifest's `count` checks name it ("backend-calls").
    pub counter: &'static str,
    /// The count.
    pub value: u64,
    /// What is counted, plural ("backend calls", "stale answers").
    pub unit: &'static str,
    /// The first offending case in words, with figures ("stale value for key 42: …").
    pub detail: Option<String>,
}

/// A [`TimedTask`] (correctness, then timed checks) plus a scenario that counts.
#[derive(Debug)]
pub struct CountedTask<I, O> {
    /// Correctness and the timed checks.
    pub timed: TimedTask<I, O>,
    /// Runs the subject through the scenario built from this input and reports the counts.
    pub count: fn(&I) -> Vec<Count>,
}

impl<I: Input, O: Output> Task for CountedTask<I, O> {
    fn name(&self) -> &str {
        self.timed.name
    }

    /// Counts first: a broken property (a stale answer, a lost update) is named as such, which
    /// says more than the differing answer the correctness check would show, and ends the
    /// grading of the task.
    fn grade(&self, request: &crate::protocol::Request) -> Response {
        if request.count.is_some() {
            return self.timed.grade(request);
        }
        let (counted, others): (Numbered<'_>, Numbered<'_>) = request
            .checks
            .iter()
            .enumerate()
            .partition(|(_, c)| matches!(c, Check::Count { .. }));
        let mut measured: Vec<(usize, Measurement)> = Vec::new();
        let mut scenarios: Vec<(usize, Vec<Count>)> = Vec::new();
        for (i, check) in &counted {
            let Check::Count { counter, n, at_most } = check else {
                unreachable!("partitioned on Check::Count")
            };
            if !scenarios.iter().any(|(size, _)| size == n) {
                set_phase(format!("running the counted scenario of size {n}"));
                let input = (self.timed.generate)(&mut Rng::with_seed(fixed_seed(self.timed.name)), *n);
                scenarios.push((*n, (self.count)(&input)));
            }
            let counts = &scenarios.iter().find(|(size, _)| size == n).expect("just run").1;
            let Some(count) = counts.iter().find(|c| c.counter == counter) else {
                let message = format!("task {} counts no {counter:?}", self.timed.name);
                return Response::Error { message };
            };
            measured.push((*i, measurement(count, *n, *at_most)));
        }
        // A broken property is the verdict: report it without spending the time limit on
        // correctness cases and timings (a subject that blocks would sleep through them all).
        if measured.iter().any(|(_, m)| m.verdict == Verdict::Fail) {
            return Response::Measured {
                cases: 0,
                measurements: in_check_order(measured),
            };
        }
        let rest = crate::protocol::Request {
            checks: others.iter().map(|(_, c)| (*c).clone()).collect(),
            ..request.clone()
        };
        match self.timed.grade(&rest) {
            Response::Measured { cases, measurements } => {
                measured.extend(others.iter().map(|(i, _)| *i).zip(measurements));
                Response::Measured {
                    cases,
                    measurements: in_check_order(measured),
                }
            }
            other => other,
        }
    }

    fn profile(&self, request: &crate::protocol::Request) -> bool {
        self.timed.profile(request)
    }
}

/// A count as a measurement: exact, so its interval is the point itself.
pub fn measurement(count: &Count, n: usize, at_most: u64) -> Measurement {
    crate::measure::exact(
        count.counter,
        count.unit,
        count.value as f64,
        Goal::AtMost(at_most as f64),
        Evidence::Count {
            counter: count.counter.into(),
            n,
            limit: at_most,
            detail: count.detail.clone(),
        },
    )
}

#[cfg(test)]
// Task functions take `&I` for the input type `I = Vec<u64>`, as a harness's do.
#[allow(clippy::ptr_arg)]
mod tests {
    use super::*;
    use crate::correctness::Case;
    use crate::protocol::Request;

    fn sum(v: &Vec<u64>) -> u64 {
        v.iter().sum()
    }

    fn generate(rng: &mut Rng, n: usize) -> Vec<u64> {
        (0..n).map(|_| rng.u64(..100)).collect()
    }

    fn no_edge_cases(_: &mut Rng) -> Vec<Case<Vec<u64>>> {
        Vec::new()
    }

    fn task(count: fn(&Vec<u64>) -> Vec<Count>, subject: fn(&Vec<u64>) -> u64) -> CountedTask<Vec<u64>, u64> {
        CountedTask {
            timed: TimedTask {
                name: "sum",
                edge_cases: no_edge_cases,
                generate,
                starter: sum,
                subject,
            },
            count,
        }
    }

    fn calls(input: &Vec<u64>) -> Vec<Count> {
        vec![Count {
            counter: "backend-calls",
            value: input.len() as u64,
            unit: "backend calls",
            detail: None,
        }]
    }

    fn request(at_most: u64) -> Request {
        Request {
            task: "sum".into(),
            seed: 3,
            checks: vec![Check::Count {
                counter: "backend-calls".into(),
                n: 50,
                at_most,
            }],
            budget_s: 1.0,
            heap_profile: None,
            first_call_n: None,
            count: None,
        }
    }

    #[test]
    fn counts_are_exact_and_judged_against_their_limit() {
        let Response::Measured { measurements, cases } = task(calls, sum).grade(&request(50)) else {
            panic!("measured expected")
        };
        assert!(cases > 0);
        assert_eq!(
            (measurements[0].value, measurements[0].verdict),
            (Some(50.0), Verdict::Pass)
        );
        let Response::Measured { measurements, .. } = task(calls, sum).grade(&request(49)) else {
            panic!("measured expected")
        };
        assert_eq!(measurements[0].verdict, Verdict::Fail);
    }

    #[test]
    fn a_broken_property_is_reported_rather_than_the_wrong_answer_it_causes() {
        let wrong = |v: &Vec<u64>| sum(v) + 1;
        let Response::Measured { measurements, .. } = task(calls, wrong).grade(&request(10)) else {
            panic!("the failed count should be the report")
        };
        assert_eq!(measurements[0].verdict, Verdict::Fail);
        // With the property intact, the wrong answer is reported as such.
        assert!(matches!(
            task(calls, wrong).grade(&request(50)),
            Response::WrongAnswer(_)
        ));
    }

    #[test]
    fn an_unknown_counter_is_the_graders_error() {
        let mut r = request(5);
        r.checks = vec![Check::Count {
            counter: "nope".into(),
            n: 5,
            at_most: 1,
        }];
        assert!(matches!(task(calls, sum).grade(&r), Response::Error { .. }));
    }
}
