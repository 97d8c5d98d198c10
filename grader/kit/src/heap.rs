//! Heap figures of one call, measured by dhat.
//!
//! dhat sees allocations only when its allocator is the process's `#[global_allocator]`, and
//! that allocator takes a global lock on every allocation (even with no profiler running), so a
//! chapter installs it in a separate heap binary and never in a binary whose time is measured.
//! [`profiler_installed`] tells which kind of binary this is; a task refuses a check that does
//! not belong in it.
//!
//! dhat counts only blocks allocated while its profiler runs, so the input (built before) is not
//! counted, and its figures repeat exactly for the same code on the same input.

use crate::correctness::{Input, Output, shrink_failure};
use crate::harness::set_phase;
use crate::protocol::{Evidence, Goal, Measurement, Mismatch};
use crate::spec::HeapFigure;
use crate::stats::decide;
use std::hint::black_box;
use std::sync::OnceLock;

/// dhat keeps this many frames per allocation site: enough to name the caller in a profile,
/// few enough that unwinding does not dominate an allocation-heavy call.
const BACKTRACE_FRAMES: usize = 4;

/// What dhat reports for one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeapFigures {
    /// The most bytes live at once during the call, the result included.
    pub peak_bytes: u64,
    /// Allocations made during the call (a reallocation counts as one more).
    pub allocations: u64,
    /// Bytes allocated during the call and still live after its result was dropped.
    pub leaked_bytes: u64,
}

impl HeapFigures {
    /// One of the figures.
    pub fn get(&self, figure: HeapFigure) -> u64 {
        match figure {
            HeapFigure::PeakBytes => self.peak_bytes,
            HeapFigure::Allocations => self.allocations,
            HeapFigure::LeakedBytes => self.leaked_bytes,
        }
    }
}

/// Whether dhat's allocator is this process's global allocator (probed once: a profiler that
/// sees no allocation of a fresh `Box` is not watching this heap).
pub fn profiler_installed() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        let profiler = dhat::Profiler::builder().testing().build();
        drop(black_box(Box::new(black_box(0_u64))));
        let seen = dhat::HeapStats::get().total_blocks > 0;
        drop(profiler);
        seen
    })
}

/// Calls `f` once on `input` under a fresh dhat profiler and returns its figures. The result
/// is dropped inside the profiled window, so what remains allocated afterwards has leaked.
/// Meaningful only where [`profiler_installed`] is true (elsewhere every figure is 0).
pub fn figures_of<I, O>(f: fn(&I) -> O, input: &I) -> HeapFigures {
    let profiler = dhat::Profiler::builder()
        .testing()
        .trim_backtraces(Some(BACKTRACE_FRAMES))
        .build();
    let output = black_box(f(black_box(input)));
    let during = dhat::HeapStats::get();
    drop(output);
    let after = dhat::HeapStats::get();
    drop(profiler);
    HeapFigures {
        peak_bytes: during.max_bytes as u64,
        allocations: during.total_blocks,
        leaked_bytes: after.curr_bytes as u64,
    }
}

/// The largest figure that passes: an absolute bound, or a fraction of the starter's figure
/// (rounded down, so "at most 10%" never lets 10.4% through).
pub fn threshold(starter: u64, at_most_ratio: Option<f64>, at_most: Option<u64>) -> u64 {
    let by_ratio = at_most_ratio.map(|r| (starter as f64 * r).floor() as u64);
    match (by_ratio, at_most) {
        (Some(r), Some(a)) => r.min(a),
        (Some(r), None) => r,
        (None, Some(a)) => a,
        (None, None) => starter,
    }
}

/// Measures `figure` for the starter and the subject on `input`, after one call of each
/// outside the profiler: it checks that they agree on this input, and lets first-call work
/// (lazy statics, one-time tables) happen before anything is counted.
pub fn measure_heap<I: Input, O: Output>(
    figure: HeapFigure,
    n: usize,
    bound: (Option<f64>, Option<u64>),
    input: &I,
    starter: fn(&I) -> O,
    subject: fn(&I) -> O,
) -> Result<Measurement, Mismatch> {
    set_phase(format!(
        "checking the answer on the heap-profiled input of size {n}"
    ));
    if starter(input) != subject(input) {
        let label = format!("the heap-profiled input, size {n}");
        return Err(shrink_failure(&label, input.clone(), starter, subject));
    }
    set_phase(format!("measuring the starter's heap on an input of size {n}"));
    let starter_figure = figures_of(starter, input).get(figure);
    set_phase(format!("measuring your code's heap on an input of size {n}"));
    let subject_figure = figures_of(subject, input).get(figure);
    let threshold = threshold(starter_figure, bound.0, bound.1);
    let goal = Goal::AtMost(threshold as f64);
    let value = subject_figure as f64;
    Ok(Measurement {
        metric: figure.metric().into(),
        value,
        low: value,
        high: value,
        confidence: 1.0,
        unit: figure.unit().into(),
        goal,
        verdict: decide(value, value, goal),
        samples: 1,
        evidence: Evidence::Heap {
            figure,
            n,
            starter: starter_figure,
            subject: subject_figure,
            threshold,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_round_down_and_take_the_stricter_bound() {
        assert_eq!(threshold(1000, Some(0.1), None), 100);
        assert_eq!(threshold(1005, Some(0.1), None), 100);
        assert_eq!(threshold(1000, None, Some(0)), 0);
        assert_eq!(threshold(1000, Some(0.5), Some(300)), 300);
    }

    #[test]
    fn a_test_binary_without_dhats_allocator_is_not_a_heap_binary() {
        assert!(!profiler_installed());
    }
}
