//! The harness's side of exact mode (`grader --exact`): one process counts one side's work on
//! one input size, under valgrind's callgrind, and the grader reads the count from valgrind.
//!
//! The grader starts the harness under valgrind, already confined from outside (no new
//! processes, no sockets, files read-only, no `/proc` but the process's own memory map), and
//! reads valgrind's instruction count on a pipe that only valgrind writes ([`LOG_FD`], which
//! this process closes before any learner code runs). Nothing the harness or learner code
//! prints can become a count. Every process of a task generates the same inputs, for every
//! size the task counts at, so the setup cancels out when counts are subtracted:
//!
//! - [`Side::Setup`]: the inputs only;
//! - [`Side::Reference`]: the inputs, then the frozen starter on the inputs of size `n`;
//! - [`Side::Subject`]: the same, then the subject on those inputs, its answers compared with
//!   the starter's.
//!
//! The starter's count is `Reference − Setup`, the subject's `Subject − Reference` (which also
//! carries the comparison of the answers: a small cost that can only lower a speed-up).

use crate::correctness::{Input, Output, shrink_failure};
use crate::phase::set_phase;
use crate::protocol::Response;
use fastrand::Rng;
use serde::{Deserialize, Serialize};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The descriptor on which valgrind writes its log, counts included. The grader passes the
/// pipe's write end here; the harness closes its own copy (valgrind writes through a private
/// duplicate that the program cannot reach), so that nothing the program runs, even a program
/// it replaces itself with, can write a count.
pub const LOG_FD: i32 = 9;

/// What one counted process does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Generates the inputs and stops.
    Setup,
    /// Generates the inputs and runs the frozen starter on those of size `n`.
    Reference,
    /// As [`Side::Reference`], then runs the subject on the same inputs and compares answers.
    Subject,
}

/// A request to count, sent instead of checks (see the module's documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountRun {
    /// What this process runs.
    pub side: Side,
    /// The input size whose inputs are run.
    pub n: usize,
    /// Every size the task counts at: inputs are generated for all of them in every process,
    /// so that every process of the task does the same setup.
    pub sizes: Vec<usize>,
    /// Inputs per size (each call on its own input).
    pub calls: usize,
}

/// Whether this process counts instructions (set before the inputs are generated).
static COUNTING: AtomicBool = AtomicBool::new(false);

/// Loop iterations of simulated waiting per microsecond: about a thousand instructions, what
/// a core executes in a microsecond.
const WAIT_ITERATIONS_PER_MICROSECOND: u64 = 250;

/// Whether this process is counting instructions for exact mode.
pub fn counting() -> bool {
    COUNTING.load(Ordering::Relaxed)
}

/// Waits `latency` the way exact mode can see: in a counted process, a fixed amount of work
/// per microsecond (a sleep or a spin on the clock executes no instructions, or a number that
/// depends on the machine's speed), and returns true; elsewhere returns false at once, and the
/// caller waits as it always does. A harness's simulated slow service (a backend's latency)
/// waits through this, so that a cache that saves waiting saves instructions too.
pub fn counted_wait(latency: Duration) -> bool {
    if !counting() {
        return false;
    }
    let iterations = latency.as_micros() as u64 * WAIT_ITERATIONS_PER_MICROSECOND;
    let mut x = 0u64;
    for i in 0..iterations {
        x = black_box(x.wrapping_add(i));
    }
    black_box(x);
    true
}

/// Runs one counted process's work for a task of plain functions (see [`Side`]).
pub fn count<I: Input, O: Output>(
    run: &CountRun,
    seed: u64,
    generate: fn(&mut Rng, usize) -> I,
    starter: fn(&I) -> O,
    subject: fn(&I) -> O,
) -> Response {
    COUNTING.store(true, Ordering::Relaxed);
    let mut rng = Rng::with_seed(seed);
    set_phase(format!("generating the counted inputs (sizes {:?})", run.sizes));
    let inputs: Vec<(usize, Vec<I>)> = run
        .sizes
        .iter()
        .map(|&n| (n, (0..run.calls).map(|_| generate(&mut rng, n)).collect()))
        .collect();
    let Some((_, mine)) = inputs.iter().find(|(n, _)| *n == run.n) else {
        let message = format!("size {} is not among the counted sizes {:?}", run.n, run.sizes);
        return Response::Error { message };
    };
    if run.side == Side::Setup {
        return Response::Measured {
            cases: 0,
            measurements: vec![],
        };
    }
    set_phase(format!(
        "running the starter on the counted inputs of size {}",
        run.n
    ));
    let expected: Vec<O> = mine.iter().map(|i| black_box(starter(black_box(i)))).collect();
    if run.side == Side::Reference {
        return Response::Measured {
            cases: 0,
            measurements: vec![],
        };
    }
    set_phase(format!(
        "running your code on the counted inputs of size {}",
        run.n
    ));
    let actual: Vec<O> = mine.iter().map(|i| black_box(subject(black_box(i)))).collect();
    if let Some(i) = expected.iter().zip(&actual).position(|(e, a)| e != a) {
        let label = format!("counted input {} of size {}", i + 1, run.n);
        return Response::WrongAnswer(shrink_failure(&label, mine[i].clone(), starter, subject));
    }
    Response::Measured {
        cases: mine.len(),
        measurements: vec![],
    }
}

/// Closes this process's copy of valgrind's log descriptor, before any learner code runs.
#[cfg(unix)]
#[allow(unsafe_code)]
pub fn close_log() {
    // SAFETY: LOG_FD is not owned by any Rust object in this process: the grader put it there
    // for valgrind, and nothing in the harness opened or uses it.
    unsafe {
        libc::close(LOG_FD);
    }
}

/// Elsewhere there is no valgrind to count with.
#[cfg(not(unix))]
pub fn close_log() {}

#[cfg(test)]
// The functions stand for a task's, which take `&I` with `I = Vec<u64>`.
#[allow(clippy::ptr_arg)]
mod tests {
    use super::*;

    fn generate(rng: &mut Rng, n: usize) -> Vec<u64> {
        (0..n).map(|_| rng.u64(..100)).collect()
    }

    fn total(xs: &Vec<u64>) -> u64 {
        xs.iter().sum()
    }

    fn total_by_hand(xs: &Vec<u64>) -> u64 {
        let mut sum = 0;
        for x in xs {
            sum += x;
        }
        sum
    }

    fn wrong_on_long_inputs(xs: &Vec<u64>) -> u64 {
        if xs.len() > 50 { 0 } else { total(xs) }
    }

    fn run(side: Side, n: usize) -> CountRun {
        CountRun {
            side,
            n,
            sizes: vec![10, 100],
            calls: 2,
        }
    }

    #[test]
    fn every_side_answers_and_the_subject_is_checked_on_the_counted_inputs() {
        for side in [Side::Setup, Side::Reference, Side::Subject] {
            let response = count(&run(side, 100), 7, generate, total, total_by_hand);
            assert!(
                matches!(response, Response::Measured { .. }),
                "{side:?}: {response:?}"
            );
        }
        let wrong = count(&run(Side::Subject, 100), 7, generate, total, wrong_on_long_inputs);
        let Response::WrongAnswer(mismatch) = wrong else {
            panic!("a wrong answer on a counted input is caught: {wrong:?}");
        };
        assert!(mismatch.case.contains("counted input"), "{mismatch:?}");
        // The same code on the small inputs is right.
        let small = count(&run(Side::Subject, 10), 7, generate, total, wrong_on_long_inputs);
        assert!(matches!(small, Response::Measured { .. }));
        let missing = count(&run(Side::Subject, 5), 7, generate, total, total_by_hand);
        assert!(matches!(missing, Response::Error { .. }));
    }
}
