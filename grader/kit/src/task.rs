//! A gradable task, and the one kind every time-graded chapter uses: two plain functions (the
//! frozen starter's and the subject's) checked against each other, then timed against each other.

use crate::correctness::{Case, Input, Output, check_all, shrink_failure};
use crate::harness::set_phase;
use crate::heap::{measure_heap, profiler_installed};
use crate::measure::{Policy, Sampler, measure_complexity, measure_speedup};
use crate::parallel;
use crate::protocol::{Measurement, Mismatch, Request, Response};
use crate::spec::Check;
use fastrand::Rng;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// A task a harness can grade. Panics propagate: the harness turns them into a report.
pub trait Task {
    /// The task's name, as in the manifest.
    fn name(&self) -> &str;

    /// Checks and measures the subject as the request asks.
    fn grade(&self, request: &Request) -> Response;

    /// Runs the subject's work alone, the way the timed checks do, for a profiler to watch; in
    /// a heap binary, writes dhat's heap profile of one call to `request.heap_profile`.
    /// Returns false when the task has no code of the learner's to profile.
    fn profile(&self, request: &Request) -> bool {
        let _ = request;
        false
    }
}

/// Calls of the subject in a profiling run: enough to dwarf input generation, few enough to
/// finish quickly under valgrind, which runs code about fifty times slower.
const PROFILE_CALLS: usize = 3;

/// Sizes of the random correctness cases (two of each), on top of the task's edge cases.
const RANDOM_CASE_SIZES: [usize; 12] = [0, 1, 2, 3, 4, 6, 10, 17, 50, 129, 500, 2000];

/// A timed sample aims at this much work, so the clock's resolution and call overhead vanish.
const TARGET_SAMPLE: Duration = Duration::from_millis(1);

/// At most this many calls (each on its own fresh input) make up one timed sample.
const MAX_BATCH: usize = 64;

/// A task made of plain functions over one input type.
#[derive(Debug)]
pub struct TimedTask<I, O> {
    /// The task's name, as in the manifest.
    pub name: &'static str,
    /// The task's own edge cases (the generic list shapes are in [`crate::inputs::edge_lists`]).
    pub edge_cases: fn(&mut Rng) -> Vec<Case<I>>,
    /// A fresh, realistic random input of size `n`.
    pub generate: fn(&mut Rng, usize) -> I,
    /// The frozen starter: the yardstick for answers and for time.
    pub starter: fn(&I) -> O,
    /// The code being graded.
    pub subject: fn(&I) -> O,
}

impl<I: Input, O: Output> Task for TimedTask<I, O> {
    fn name(&self) -> &str {
        self.name
    }

    fn grade(&self, request: &Request) -> Response {
        let mut rng = Rng::with_seed(request.seed);
        let mut cases = (self.edge_cases)(&mut rng);
        for n in RANDOM_CASE_SIZES {
            for _ in 0..2 {
                let input = (self.generate)(&mut rng, n);
                cases.push(Case {
                    label: format!("random input, n = {n}"),
                    input,
                });
            }
        }
        let count = match check_all(cases, self.starter, self.subject) {
            Ok(count) => count,
            Err(mismatch) => return Response::WrongAnswer(mismatch),
        };
        if let Some(message) = misplaced_check(self.name, &request.checks) {
            return Response::Error { message };
        }
        let timed = request.checks.iter().filter(|c| !c.needs_heap_profiler()).count();
        let share = request.budget_s / timed.max(1) as f64;
        let policy = Policy::with_budget(Duration::from_secs_f64(share));
        let mut measurements = Vec::new();
        for (i, check) in request.checks.iter().enumerate() {
            let mut sampler = CodeSampler::new(self, request.seed.wrapping_add(1 + i as u64));
            let measured = match check {
                Check::Speedup { n, at_least } => measure_speedup(&mut sampler, *n, *at_least, policy),
                Check::Complexity { sizes, target } => {
                    measure_complexity(&mut sampler, sizes, *target, policy)
                }
                Check::ParallelSpeedup { n, efficiency } => {
                    let cores = parallel::cores();
                    let mut watch = parallel::MachineWatch::new(cores);
                    sampler.awake = Some(watch.keep_awake());
                    parallel::measure_parallel_speedup(
                        &mut sampler,
                        *n,
                        *efficiency,
                        cores,
                        policy,
                        &mut watch,
                    )
                }
                Check::NoSlower { n, factor } => {
                    measure_speedup(&mut sampler, *n, 1.0 / factor, policy).map(|m| Measurement {
                        metric: check.metric().into(),
                        ..m
                    })
                }
                Check::Heap {
                    figure,
                    n,
                    at_most_ratio,
                    at_most,
                } => {
                    let input = (self.generate)(&mut Rng::with_seed(fixed_seed(self.name)), *n);
                    let bound = (*at_most_ratio, *at_most);
                    measure_heap(*figure, *n, bound, &input, self.starter, self.subject)
                }
                other => {
                    let message = format!("task {} cannot grade a {} check", self.name, other.metric());
                    return Response::Error { message };
                }
            };
            match measured {
                Ok(m) => measurements.push(m),
                Err(mismatch) => return Response::WrongAnswer(mismatch),
            }
        }
        Response::Measured {
            cases: count,
            measurements,
        }
    }

    fn profile(&self, request: &Request) -> bool {
        // The size of the speed-up check, else the largest size of any other check.
        let n = request.checks.iter().find_map(|c| match c {
            Check::Speedup { n, .. }
            | Check::NoSlower { n, .. }
            | Check::ParallelSpeedup { n, .. }
            | Check::Heap { n, .. } => Some(*n),
            _ => None,
        });
        let largest = request.checks.iter().find_map(|c| match c {
            Check::Complexity { sizes, .. } => sizes.last().copied(),
            _ => None,
        });
        let Some(n) = n.or(largest) else { return false };
        if profiler_installed() {
            // One call on the heap checks' fixed input, after a warm-up call, as graded.
            let input = (self.generate)(&mut Rng::with_seed(fixed_seed(self.name)), n);
            drop(black_box((self.subject)(black_box(&input))));
            let file = request.heap_profile.as_deref().unwrap_or("dhat-heap.json");
            let profiler = dhat::Profiler::builder().file_name(file).build();
            drop(black_box((self.subject)(black_box(&input))));
            drop(profiler);
            return true;
        }
        let input = (self.generate)(&mut Rng::with_seed(request.seed), n);
        for _ in 0..PROFILE_CALLS {
            black_box((self.subject)(black_box(&input)));
        }
        true
    }
}

/// Why a check cannot run in this process, if one cannot: a heap check needs dhat's allocator,
/// and a timed check must never run beside it (dhat locks on every allocation).
fn misplaced_check(task: &str, checks: &[Check]) -> Option<String> {
    let heap_binary = profiler_installed();
    let misplaced = checks.iter().find(|c| c.needs_heap_profiler() != heap_binary)?;
    Some(if heap_binary {
        format!(
            "task {task}: the {} check was sent to the heap binary, whose dhat allocator would distort its timings",
            misplaced.metric()
        )
    } else {
        format!(
            "task {task}: the {} check needs the heap binary (a bin with `#[global_allocator] static ALLOC: dhat::Alloc`)",
            misplaced.metric()
        )
    })
}

/// The seed of a task's heap-profiled input and counted scenario: fixed per task, not per run,
/// so those figures repeat exactly from run to run (the correctness cases and timed inputs
/// still follow `--seed`).
pub fn fixed_seed(task: &str) -> u64 {
    seed_from(task, 0)
}

/// A seed derived from `name` and `seed` with FNV-1a: stable across Rust versions and
/// platforms, unlike `DefaultHasher`.
pub fn seed_from(name: &str, seed: u64) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325_u64 ^ seed, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Times real code: per round, fresh inputs, a batch of calls per side, outputs compared.
struct CodeSampler<'t, I, O> {
    task: &'t TimedTask<I, O>,
    rng: Rng,
    started: Instant,
    /// Calls per sample for (starter, subject) at each size, calibrated on first use.
    batches: HashMap<usize, (usize, usize)>,
    /// For parallel checks: keeps the other cores running up to each timed call.
    awake: Option<std::sync::Arc<parallel::KeepAwake>>,
}

impl<'t, I: Input, O: Output> CodeSampler<'t, I, O> {
    fn new(task: &'t TimedTask<I, O>, seed: u64) -> Self {
        CodeSampler {
            task,
            rng: Rng::with_seed(seed),
            started: Instant::now(),
            batches: HashMap::new(),
            awake: None,
        }
    }

    /// Warms each side up on one input, then sizes its batch to reach [`TARGET_SAMPLE`].
    fn batches(&mut self, n: usize) -> (usize, usize) {
        if let Some(&b) = self.batches.get(&n) {
            return b;
        }
        let input = [(self.task.generate)(&mut self.rng, n)];
        let calls = |f: fn(&I) -> O| {
            time_calls(f, &input); // warm-up: page faults, lazy statics, branch predictors
            calls_for(TARGET_SAMPLE, time_calls(f, &input).1, MAX_BATCH)
        };
        let b = (calls(self.task.starter), calls(self.task.subject));
        self.batches.insert(n, b);
        b
    }
}

impl<I: Input, O: Output> Sampler for CodeSampler<'_, I, O> {
    fn round(&mut self, n: usize, round: usize) -> Result<(f64, f64), Mismatch> {
        let (starter_batch, subject_batch) = self.batches(n);
        set_phase(format!("timing round {round} on fresh inputs of size {n}"));
        if let Some(a) = &self.awake {
            a.hold();
        }
        let inputs: Vec<I> = (0..starter_batch.max(subject_batch))
            .map(|_| (self.task.generate)(&mut self.rng, n))
            .collect();
        let (starter, subject) = (self.task.starter, self.task.subject);
        // For a parallel check: the other cores spin between the timed calls, never during.
        let hold = || {
            if let Some(a) = &self.awake {
                a.hold();
            }
        };
        let release = || {
            if let Some(a) = &self.awake {
                a.release();
            }
        };
        let ((expected, t_starter), (actual, t_subject)) = if round.is_multiple_of(2) {
            release();
            let s = time_calls(starter, &inputs[..starter_batch]);
            hold();
            release();
            (s, time_calls(subject, &inputs[..subject_batch]))
        } else {
            release();
            let j = time_calls(subject, &inputs[..subject_batch]);
            hold();
            release();
            (time_calls(starter, &inputs[..starter_batch]), j)
        };
        if let Some(i) = expected.iter().zip(&actual).position(|(e, a)| e != a) {
            let label = format!("timed round {round}, input size {n}");
            return Err(shrink_failure(&label, inputs[i].clone(), starter, subject));
        }
        Ok((t_starter, t_subject))
    }

    fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

/// How many calls of `one_call` seconds each make up a sample of `target`, between 1 and `max`.
pub fn calls_for(target: Duration, one_call: f64, max: usize) -> usize {
    ((target.as_secs_f64() / one_call.max(1e-9)).ceil() as usize).clamp(1, max)
}

/// Calls `f` once per input; returns the outputs and the mean seconds per call. Outputs are
/// kept (and dropped after the clock stops) so the optimizer cannot skip the work.
fn time_calls<I, O>(f: fn(&I) -> O, inputs: &[I]) -> (Vec<O>, f64) {
    let mut outputs = Vec::with_capacity(inputs.len());
    let start = Instant::now();
    for input in inputs {
        outputs.push(black_box(f(black_box(input))));
    }
    let seconds = start.elapsed().as_secs_f64() / inputs.len().max(1) as f64;
    (outputs, seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_reach_the_target_within_bounds() {
        let ms = Duration::from_millis(1);
        assert_eq!(calls_for(ms, 1e-4, 64), 10);
        assert_eq!(calls_for(ms, 1e-2, 64), 1);
        assert_eq!(calls_for(ms, 1e-7, 64), 64);
        assert_eq!(calls_for(ms, 0.0, 64), 64);
    }
}
