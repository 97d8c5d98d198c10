//! Heap figures of one call: the subject's first call in a fresh process, counted by
//! [`crate::counting::CountingAlloc`], against the starter's on the same input.
//!
//! The input is drawn from the run's seed, so no cache kept between runs can answer it, and it
//! is the subject's first call in the process, so no memo or buffer kept from an earlier call
//! can make it cheap. The process's resident memory is watched across the call as a
//! cross-check: memory the allocator never saw (a thread's stack, a mapping made by hand)
//! shows there. dhat's allocator remains for `grader profile` ([`profiler_installed`]).

use crate::correctness::{Input, Output, shrink_failure};
use crate::counting::Window;
use crate::phase::set_phase;
use crate::procfs;
use crate::protocol::{Evidence, Goal, Measurement, Mismatch};
use crate::spec::{Check, HeapFigure};
use std::hint::black_box;
use std::sync::OnceLock;

/// Resident growth allowed beyond the counted peak: the allocator's own bookkeeping, page
/// rounding, a new thread's first stack pages.
pub const RESIDENT_SLACK_BYTES: u64 = 2 << 20;

/// And, beyond the slack, this fraction of the counted peak (allocator fragmentation).
pub const RESIDENT_SLACK_SHARE: f64 = 0.5;

/// What one call cost, as dhat defines the figures.
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
/// sees no allocation of a fresh `Box` is not watching this heap). Only `profile` uses it.
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

/// Resident memory now and the peak since the last reset, in bytes, from `/proc/self/status`.
fn resident() -> Option<(u64, u64)> {
    let status = procfs::read("/proc/self/status")?;
    let field = |name: &str| procfs::status_bytes(&status, name);
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Resets the resident peak to the resident memory now (Linux ≥ 4.0); returns that level.
fn reset_resident_peak() -> Option<u64> {
    procfs::write("/proc/self/clear_refs", "5")
        .then(resident)?
        .map(|(rss, _)| rss)
}

/// How the subject's heap went wrong, if it did.
#[derive(Debug)]
pub enum HeapFailure {
    /// Its answer differs from the starter's.
    Mismatch(Mismatch),
    /// The resident memory grew far beyond what the allocator counted.
    Hidden(String),
}

/// Measures every heap check of a task (all at size `n`) from one call of the subject, its
/// first in this process, then one call of the starter, on `input`.
pub fn measure_heap<I: Input, O: Output>(
    checks: &[&Check],
    n: usize,
    input: &I,
    starter: fn(&I) -> O,
    subject: fn(&I) -> O,
) -> Result<Vec<Measurement>, HeapFailure> {
    // One phase for both calls: a new phase text inside the subject's window would count.
    set_phase(format!(
        "measuring the heap of your code's first call, then the starter's, on an input of size {n}"
    ));
    let before = reset_resident_peak();
    let window = Window::start();
    let actual = black_box(subject(black_box(input)));
    let during = window.counted();
    let after = resident();
    let growth = before.zip(after).map(|(b, (_, peak))| peak.saturating_sub(b));

    let starter_window = Window::start();
    let expected = black_box(starter(black_box(input)));
    let starter_during = starter_window.counted();
    let same = expected == actual;
    drop(expected);
    let starter_leaked = starter_window.counted().live_bytes;
    drop(actual);
    // The starter's leak (made while the subject's window was open) is not the subject's.
    let subject_leaked = window.counted().live_bytes.saturating_sub(starter_leaked);
    if !same {
        set_phase(format!(
            "checking the answer on the heap-measured input of size {n}"
        ));
        let label = format!("the heap-measured input, size {n}");
        return Err(HeapFailure::Mismatch(shrink_failure(
            &label,
            input.clone(),
            starter,
            subject,
        )));
    }
    if let Some(growth) = growth {
        let allowed = during.peak_bytes
            + RESIDENT_SLACK_BYTES
            + (during.peak_bytes as f64 * RESIDENT_SLACK_SHARE) as u64;
        if growth > allowed {
            return Err(HeapFailure::Hidden(format!(
                "the process's resident memory grew by {} during your call, but the allocator counted a peak of only {}: memory was taken outside the global allocator (a thread's stack, a hand-made mapping), where the heap figures cannot see it",
                mib(growth),
                mib(during.peak_bytes)
            )));
        }
    }
    let subject_figures = HeapFigures {
        peak_bytes: during.peak_bytes,
        allocations: during.allocations,
        leaked_bytes: subject_leaked,
    };
    let starter_figures = HeapFigures {
        peak_bytes: starter_during.peak_bytes,
        allocations: starter_during.allocations,
        leaked_bytes: starter_leaked,
    };
    Ok(checks
        .iter()
        .filter_map(|check| match check {
            Check::Heap {
                figure,
                at_most_ratio,
                at_most,
                ..
            } => Some(measurement(
                *figure,
                n,
                starter_figures.get(*figure),
                subject_figures.get(*figure),
                threshold(starter_figures.get(*figure), *at_most_ratio, *at_most),
                growth,
            )),
            _ => None,
        })
        .collect())
}

fn mib(bytes: u64) -> String {
    format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// One heap figure against its threshold: exact, so its interval is the point.
pub fn measurement(
    figure: HeapFigure,
    n: usize,
    starter: u64,
    subject: u64,
    threshold: u64,
    resident_growth: Option<u64>,
) -> Measurement {
    crate::measure::exact(
        figure.metric(),
        figure.unit(),
        subject as f64,
        Goal::AtMost(threshold as f64),
        Evidence::Heap {
            figure,
            n,
            starter,
            subject,
            threshold,
            resident_growth,
        },
    )
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
