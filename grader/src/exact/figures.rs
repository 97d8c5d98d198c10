//! From counted processes to measurements: pure arithmetic on instruction counts, so the same
//! counts always give the same figures and verdicts.
//!
//! Every process of a task generates the same inputs (the setup), so with `S` the setup
//! process's count, `R(n)` the reference process's (setup, then the starter at size n) and
//! `J(n)` the subject process's (the same, then the subject and the comparison of answers):
//! the starter's instructions per call are `(R(n) − S) / calls` and the subject's
//! `(J(n) − R(n)) / calls`. The comparison's cost falls on the subject, which can only lower its
//! speed-up.

use super::callgrind::Counts;
use grader_kit::measure::exact;
use grader_kit::parallel::goal_for;
use grader_kit::protocol::{Evidence, Goal, Measurement};
use grader_kit::spec::ComplexityClass;
use grader_kit::stats::loglog_slope;

/// The cores a parallel speed-up's goal is scaled to in exact mode, on every machine: the
/// smallest machine with parallelism, so the verdict never depends on the one grading.
pub const EXACT_CORES: usize = 2;

/// Counts of the reference and subject processes at one size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeCounts {
    /// The input size.
    pub n: usize,
    /// Setup, then the starter.
    pub reference: Counts,
    /// Setup, the starter, then the subject and the comparison.
    pub subject: Counts,
}

/// Every count of one task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskCounts {
    /// Inputs per size (each call on its own input).
    pub calls: usize,
    /// The setup process.
    pub setup: Counts,
    /// One entry per counted size.
    pub sizes: Vec<SizeCounts>,
}

impl TaskCounts {
    fn at(&self, n: usize) -> &SizeCounts {
        self.sizes
            .iter()
            .find(|s| s.n == n)
            .expect("every counted size was counted")
    }

    fn per_call(&self, more: u64, less: u64) -> f64 {
        // At least one instruction: a ratio never divides by zero.
        (more.saturating_sub(less) as f64 / self.calls.max(1) as f64).max(1.0)
    }

    /// The starter's instructions per call at `n`.
    pub fn starter(&self, n: usize) -> f64 {
        self.per_call(self.at(n).reference.total, self.setup.total)
    }

    /// The subject's instructions per call at `n`.
    pub fn subject(&self, n: usize) -> f64 {
        let at = self.at(n);
        self.per_call(at.subject.total, at.reference.total)
    }

    /// The subject's busiest thread's instructions per call at `n`, and how many threads did
    /// some of its work. A thread's share is what it ran in the subject process beyond what the
    /// same-numbered thread ran in the reference process.
    pub fn busiest_thread(&self, n: usize) -> (f64, usize) {
        let at = self.at(n);
        let shares: Vec<u64> = at
            .subject
            .threads
            .iter()
            .map(|(t, &ran)| ran.saturating_sub(at.reference.threads.get(t).copied().unwrap_or(0)))
            .filter(|&share| share > 0)
            .collect();
        let busiest = shares.iter().copied().max().unwrap_or(0);
        (self.per_call(busiest, 0), shares.len())
    }
}

/// A speed-up on instructions (or, with `metric` "no-slower", the guard's ratio).
pub fn speedup(counts: &TaskCounts, metric: &str, n: usize, goal: f64) -> Measurement {
    let (starter, subject) = (counts.starter(n), counts.subject(n));
    let evidence = Evidence::Instructions {
        n,
        starter_instructions: starter,
        subject_instructions: subject,
    };
    exact(metric, "x", starter / subject, Goal::AtLeast(goal), evidence)
}

/// The log-log slope of the subject's instructions against n.
pub fn complexity(counts: &TaskCounts, sizes: &[usize], target: ComplexityClass) -> Measurement {
    let starter: Vec<f64> = sizes.iter().map(|&n| counts.starter(n)).collect();
    let subject: Vec<f64> = sizes.iter().map(|&n| counts.subject(n)).collect();
    let points =
        |ys: &[f64]| -> Vec<(f64, f64)> { sizes.iter().zip(ys).map(|(&n, &y)| (n as f64, y)).collect() };
    let slope = loglog_slope(&points(&subject)).unwrap_or(f64::INFINITY);
    let evidence = Evidence::InstructionCurves {
        sizes: sizes.to_vec(),
        starter_exponent: loglog_slope(&points(&starter)).unwrap_or(f64::NAN),
        starter_instructions: starter,
        subject_instructions: subject,
        target,
    };
    exact(
        "complexity",
        "exponent",
        slope,
        Goal::AtMost(target.max_exponent()),
        evidence,
    )
}

/// The speed-up the subject's split of work allows: the starter's instructions over the
/// subject's busiest thread's, against the goal for [`EXACT_CORES`] cores.
pub fn parallel(counts: &TaskCounts, n: usize, efficiency: f64) -> Measurement {
    let (busiest, threads) = counts.busiest_thread(n);
    let starter = counts.starter(n);
    let evidence = Evidence::ThreadSplit {
        n,
        cores: EXACT_CORES,
        starter_instructions: starter,
        subject_instructions: counts.subject(n),
        busiest_thread_instructions: busiest,
        threads,
    };
    exact(
        "parallel-speedup",
        "x",
        starter / busiest,
        Goal::AtLeast(goal_for(EXACT_CORES, efficiency)),
        evidence,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use grader_kit::protocol::Verdict;
    use std::collections::BTreeMap;

    fn counts(total: u64) -> Counts {
        Counts {
            total,
            threads: BTreeMap::new(),
        }
    }

    fn threads(list: &[(u32, u64)]) -> Counts {
        Counts {
            total: list.iter().map(|t| t.1).sum(),
            threads: list.iter().copied().collect(),
        }
    }

    /// A quadratic starter (n²) against a subject costing `subject(n)` per call, 2 calls.
    fn task(subject: impl Fn(u64) -> u64) -> TaskCounts {
        let setup = 1_000_000;
        TaskCounts {
            calls: 2,
            setup: counts(setup),
            sizes: [500u64, 1000, 2000, 4000]
                .iter()
                .map(|&n| {
                    let reference = setup + 2 * n * n;
                    SizeCounts {
                        n: n as usize,
                        reference: counts(reference),
                        subject: counts(reference + 2 * subject(n)),
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn the_setup_and_the_reference_cancel_out() {
        let t = task(|n| 20 * n);
        assert_eq!(t.starter(1000), 1_000_000.0);
        assert_eq!(t.subject(1000), 20_000.0);
        let m = speedup(&t, "speedup", 1000, 10.0);
        assert_eq!(m.value, Some(50.0));
        assert_eq!((m.low, m.high), (m.value, m.value));
        assert_eq!(m.verdict, Verdict::Pass);
        assert_eq!(
            speedup(&task(|n| n * n), "speedup", 1000, 10.0).verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn slopes_tell_linear_from_quadratic_exactly() {
        let sizes = [500, 1000, 2000, 4000];
        let linear = complexity(&task(|n| 30 * n), &sizes, ComplexityClass::Linearithmic);
        assert!((linear.value.unwrap() - 1.0).abs() < 1e-9);
        assert_eq!(linear.verdict, Verdict::Pass);
        let Evidence::InstructionCurves { starter_exponent, .. } = linear.evidence else {
            panic!("curves");
        };
        assert!((starter_exponent - 2.0).abs() < 1e-9);
        let quadratic = complexity(&task(|n| n * n / 2), &sizes, ComplexityClass::Linearithmic);
        assert_eq!(quadratic.verdict, Verdict::Fail);
    }

    #[test]
    fn the_busiest_thread_bounds_a_parallel_speedup() {
        // The reference ran 1,000 on the main thread; the subject split 1,000 of work 50/50 on
        // two workers and kept 20 on the main thread.
        let t = TaskCounts {
            calls: 1,
            setup: threads(&[(1, 0)]),
            sizes: vec![SizeCounts {
                n: 10,
                reference: threads(&[(1, 1000)]),
                subject: threads(&[(1, 1020), (2, 500), (3, 500)]),
            }],
        };
        assert_eq!(t.busiest_thread(10), (500.0, 3));
        let m = parallel(&t, 10, 0.45);
        assert_eq!(m.value, Some(2.0));
        assert_eq!(m.verdict, Verdict::Pass);
        // All the work on one worker thread is no split at all.
        let one = TaskCounts {
            sizes: vec![SizeCounts {
                n: 10,
                reference: threads(&[(1, 1000)]),
                subject: threads(&[(1, 1010), (2, 1000)]),
            }],
            ..t
        };
        assert_eq!(parallel(&one, 10, 0.45).verdict, Verdict::Fail);
    }
}
