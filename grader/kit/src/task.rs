//! A gradable task, and the one kind every time-graded chapter uses: two plain functions (the
//! frozen starter's and the subject's) checked against each other, then timed against each other.

use crate::clocks::CpuStamp;
use crate::correctness::{Case, Input, Output, check_all, shrink_failure};
use crate::counting;
use crate::heap::{HeapFailure, measure_heap, profiler_installed};
use crate::measure::{Policy, Sampler, measure_complexity, measure_speedup};
use crate::parallel;
use crate::phase::set_phase;
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

    /// Whether learner code runs in the grading process, which is then confined before it
    /// grades. A task whose learner code runs only in child processes it starts (a server,
    /// confined there before any learner code runs) says no: it starts processes and opens
    /// sockets itself.
    fn runs_learner_code_in_process(&self) -> bool {
        true
    }

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

/// A starter batch during which other threads ran for more than this share of its time was
/// disturbed (a thread pool winding down after the subject's call takes far less).
const DISTURBED_SHARE: f64 = 0.25;

/// Interference is called when at least this share of the rounds was disturbed: a machine's
/// own noise does not run inside this process, so it never gets near.
const INTERFERING_ROUNDS: f64 = 0.5;

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

impl<I: Input, O: Output> TimedTask<I, O> {
    /// Whether the starter's own call keeps other threads busy: timed once, before any
    /// learner code has run in this process, on its own input.
    fn starter_uses_threads(&self, seed: u64, n: usize) -> bool {
        let input = (self.generate)(&mut Rng::with_seed(seed ^ 0x005e_ed0f_57a7), n);
        let stamp = CpuStamp::now();
        let start = Instant::now();
        drop(black_box((self.starter)(black_box(&input))));
        let wall = start.elapsed().as_secs_f64();
        stamp.others_since().as_secs_f64() > DISTURBED_SHARE * wall
    }

    /// The heap checks, all from the subject's first call in this process (see [`crate::heap`]).
    fn grade_heap(&self, request: &Request, rng: &mut Rng) -> Response {
        let checks: Vec<&Check> = request.checks.iter().collect();
        let Some(n) = heap_size(&request.checks) else {
            let message = format!("task {}: its heap checks must share one size n", self.name);
            return Response::Error { message };
        };
        let input = (self.generate)(rng, n);
        match measure_heap(&checks, n, &input, self.starter, self.subject) {
            Ok(measurements) => Response::Measured {
                cases: 1,
                measurements,
            },
            Err(HeapFailure::Mismatch(mismatch)) => Response::WrongAnswer(mismatch),
            Err(HeapFailure::Hidden(message)) => Response::Interfered { message },
        }
    }
}

/// The input size of a request's first timed check.
fn timed_size(checks: &[Check]) -> Option<usize> {
    checks.iter().find_map(|c| match c {
        Check::Speedup { n, .. } | Check::NoSlower { n, .. } | Check::ParallelSpeedup { n, .. } => Some(*n),
        Check::Complexity { sizes, .. } => sizes.last().copied(),
        _ => None,
    })
}

/// The one size of a set of heap checks, when they are all heap checks of one size.
pub fn heap_size<'c>(checks: impl IntoIterator<Item = &'c Check>) -> Option<usize> {
    let mut sizes = checks.into_iter().map(|c| match c {
        Check::Heap { n, .. } => Some(*n),
        _ => None,
    });
    let first = sizes.next()??;
    sizes.all(|n| n == Some(first)).then_some(first)
}

impl<I: Input, O: Output> Task for TimedTask<I, O> {
    fn name(&self) -> &str {
        self.name
    }

    fn grade(&self, request: &Request) -> Response {
        if let Some(message) = misplaced_check(self.name, &request.checks) {
            return Response::Error { message };
        }
        if let Some(run) = &request.count {
            return crate::exact::count(run, request.seed, self.generate, self.starter, self.subject);
        }
        let mut rng = Rng::with_seed(request.seed);
        if request.checks.iter().any(Check::needs_heap_profiler) {
            return self.grade_heap(request, &mut rng);
        }
        // Before any learner code runs: does the starter itself use threads? Then CPU used by
        // other threads while it is timed is its own, and says nothing about the subject.
        let threaded_starter =
            timed_size(&request.checks).is_some_and(|n| self.starter_uses_threads(request.seed, n));
        // As in the process that measures the heap, the subject's first call is on a fresh
        // input of the heap checks' size.
        if let Some(n) = request.first_call_n {
            let input = (self.generate)(&mut rng, n);
            set_phase(format!("checking correctness on random input of size {n}"));
            if (self.starter)(&input) != (self.subject)(&input) {
                let label = format!("random input of size {n}");
                return Response::WrongAnswer(shrink_failure(&label, input, self.starter, self.subject));
            }
        }
        let mut cases = (self.edge_cases)(&mut rng);
        for n in RANDOM_CASE_SIZES {
            for _ in 0..2 {
                let input = (self.generate)(&mut rng, n);
                cases.push(Case {
                    label: format!("random input of size {n}"),
                    input,
                });
            }
        }
        let count = match check_all(cases, self.starter, self.subject) {
            Ok(count) => count,
            Err(mismatch) => return Response::WrongAnswer(mismatch),
        };
        let share = request.budget_s / request.checks.len().max(1) as f64;
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
                other => {
                    let message = format!("task {} cannot grade a {} check", self.name, other.metric());
                    return Response::Error { message };
                }
            };
            match measured {
                Ok(m) => measurements.push(m),
                Err(mismatch) => return Response::WrongAnswer(mismatch),
            }
            if let Some(message) = sampler.interference().filter(|_| !threaded_starter) {
                return Response::Interfered { message };
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
            // One call, the first in the process, on the run's input, as graded.
            let input = (self.generate)(&mut Rng::with_seed(request.seed), n);
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

/// Why a request cannot run in this process, if it cannot: heap checks need the counting
/// allocator and come alone (their call must be the subject's first), and no check may run
/// beside dhat's allocator, which locks on every allocation (that binary is for `profile`).
fn misplaced_check(task: &str, checks: &[Check]) -> Option<String> {
    let heap = checks.iter().filter(|c| c.needs_heap_profiler()).count();
    if profiler_installed() {
        return Some(format!(
            "task {task}: this is the dhat binary, for `grader profile` only; its allocator would distort every figure"
        ));
    }
    if heap > 0 && !counting::installed() {
        return Some(format!(
            "task {task}: heap checks need the counting allocator (`#[global_allocator] static ALLOC: grader_kit::counting::CountingAlloc`)"
        ));
    }
    (heap > 0 && heap < checks.len()).then(|| {
        format!("task {task}: heap checks must be sent alone, so that they measure the subject's first call")
    })
}

/// The seed of a task's counted scenario: fixed per task, not per run, so its counts repeat
/// exactly from run to run (the correctness cases, the timed inputs and the heap-measured input
/// follow `--seed`).
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
    /// Per round: the share of the starter's batch time that other threads spent on a CPU.
    others: Vec<f64>,
}

impl<'t, I: Input, O: Output> CodeSampler<'t, I, O> {
    fn new(task: &'t TimedTask<I, O>, seed: u64) -> Self {
        CodeSampler {
            task,
            rng: Rng::with_seed(seed),
            started: Instant::now(),
            batches: HashMap::new(),
            awake: None,
            others: Vec::new(),
        }
    }

    /// Whether other threads were busy while the starter was timed, in most rounds: the
    /// subject left work running after its call returned, which slows the yardstick.
    fn interference(&self) -> Option<String> {
        let rounds = self.others.len();
        let disturbed = self.others.iter().filter(|&&s| s > DISTURBED_SHARE).count();
        if rounds == 0 || (disturbed as f64) < INTERFERING_ROUNDS * rounds as f64 {
            return None;
        }
        Some(format!(
            "while the starter was being timed, other threads of the process were running (on average {:.0}% of the starter's time, more than {:.0}% in {disturbed} of {rounds} rounds): your code leaves threads busy after its call returns, which slows the starter and inflates the speed-up. Join every thread your function starts before it returns.",
            100.0 * crate::stats::median(&self.others),
            100.0 * DISTURBED_SHARE,
        ))
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
        // The starter runs on one thread: CPU spent by others during its batch is interference.
        let mut others = 0.0;
        let mut time_starter = || {
            let stamp = CpuStamp::now();
            let (outputs, seconds) = time_calls(starter, &inputs[..starter_batch]);
            let wall = seconds * starter_batch as f64;
            others = stamp.others_since().as_secs_f64() / wall.max(1e-9);
            (outputs, seconds)
        };
        let ((expected, t_starter), (actual, t_subject)) = if round.is_multiple_of(2) {
            release();
            let s = time_starter();
            hold();
            release();
            (s, time_calls(subject, &inputs[..subject_batch]))
        } else {
            release();
            let j = time_calls(subject, &inputs[..subject_batch]);
            hold();
            release();
            (time_starter(), j)
        };
        self.others.push(others);
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
