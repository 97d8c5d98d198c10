//! The goal of a parallel speed-up on this machine, and how the rounds are judged against it:
//! which rounds count, and when a miss is a "fail" rather than "inconclusive" (see [`super`]).

use crate::measure::MIN_ROUNDS;
use crate::protocol::{Goal, Verdict};
use crate::stats;

/// More threads than this are not asked of anyone: the goal stops growing at 8 cores.
pub const MAX_THREADS: usize = 8;

/// A miss is a "fail" only if at least this share of the extra cores was free of other
/// processes throughout. On two cores: other processes used at most 0.2 of a core on average.
/// At that load a reference that reaches 1.7× idle still reaches about 1.56×, above a 1.5× goal,
/// so a correct parallel solution is never failed by someone else's work.
pub const FREE_FOR_A_FAIL: f64 = 0.8;

/// The cores a parallel program may use here, capped at [`MAX_THREADS`].
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
}

/// The speed-up goal on `cores` cores.
pub fn goal_for(cores: usize, efficiency: f64) -> f64 {
    1.0 + efficiency * (cores.saturating_sub(1)) as f64
}

/// A miss is a "fail" only if even this quantile of the per-round speed-ups is below the goal
/// (its one-sided upper confidence bound): serial code stays near 1× in every round, while
/// parallel code on a machine that runs its threads together only now and then reaches its
/// speed in those rounds.
pub const FAIL_QUANTILE: f64 = 0.75;

/// A miss is a "fail" only if at least this share of the rounds' probes found the cores free.
/// On a virtual machine whose host does not always run both virtual CPUs at once, the probe
/// reads 1.9× one moment and 1.0× the next (measured here, with the guest idle), and parallel
/// code with it: a miss there says nothing about the code.
pub const OFFERED_FOR_A_FAIL: f64 = 0.9;

/// A probe reading above this many times the cores is no reading of the cores: its serial
/// part was slowed (by another process, an interrupt), which inflates the ratio. Readings on
/// this idle 2-core virtual machine lie between 1.9 and 2.07; one in a few hundred reads 2.5.
pub const PROBE_CEILING: f64 = 1.1;

/// Whether a probe reading says the machine offered its cores: at least
/// [`free_needed_for_a_fail`] of them, and no more than [`PROBE_CEILING`] × `cores`.
pub fn offered_by(capacity: f64, cores: usize) -> bool {
    capacity >= free_needed_for_a_fail(cores) && capacity <= PROBE_CEILING * cores as f64
}

/// The share of `readings` that say the machine offered its cores.
pub(super) fn share_offered(readings: &[f64], cores: usize) -> f64 {
    readings.iter().filter(|r| offered_by(**r, cores)).count() as f64 / readings.len().max(1) as f64
}

/// The free cores below which a missed goal is "inconclusive" rather than "fail".
pub fn free_needed_for_a_fail(cores: usize) -> f64 {
    1.0 + FREE_FOR_A_FAIL * (cores.saturating_sub(1)) as f64
}

/// The rounds the speed-up is judged on: those whose probe found the cores offered
/// ([`offered_by`]), when there are at least [`MIN_ROUNDS`] of them; otherwise every
/// round. Returns the ratios of those rounds, in order, and whether they are a selection.
///
/// Why this is sound: the probe runs after the round's two timed calls and never sees their
/// ratio, so choosing rounds by it is choosing by a second, independent reading of the machine
/// (conditioning on an ancillary statistic): the rounds kept are still independent draws, from
/// the distribution of the speed-up *when the machine offers its cores*, which is what a goal
/// scaled to the cores asks about, and the order-statistic interval covers its median as it
/// covers any sample's. Serial code gains nothing: its ratio is about 1 whatever the machine
/// did, in every subset.
pub fn judged_rounds(ratios: &[f64], capacity: &[f64], cores: usize) -> (Vec<f64>, bool) {
    let offered: Vec<f64> = ratios
        .iter()
        .zip(capacity)
        .filter(|(_, c)| offered_by(**c, cores))
        .map(|(r, _)| *r)
        .collect();
    if offered.len() >= MIN_ROUNDS && offered.len() < ratios.len() {
        (offered, true)
    } else {
        (ratios.to_vec(), false)
    }
}

/// What the rounds so far say: a verdict (a fail before the machine check), the interval of
/// the rounds it rests on, and those rounds.
pub(super) struct Judgement {
    pub(super) verdict: Verdict,
    /// The interval, `(low, high)`: `None` when too few rounds gave one.
    pub(super) interval: Option<(f64, f64)>,
    pub(super) rounds: Vec<f64>,
}

/// Judges the rounds so far against `goal`. A pass needs the whole interval at or above the
/// goal, on every round or on the rounds with the cores offered (no load makes serial code look
/// parallel, in any subset); a fail needs even the upper quartile of the rounds with the cores
/// offered below it (a parallel program that the machine let run in parallel in only a quarter
/// of the rounds is not failed).
pub(super) fn judge(
    ratios: &[f64],
    capacity: &[f64],
    cores: usize,
    goal: Goal,
    confidence: f64,
) -> Judgement {
    let all = stats::median_interval(ratios, confidence);
    if let Some((low, high)) = all
        && stats::decide(low, high, goal) == Verdict::Pass
    {
        return Judgement {
            verdict: Verdict::Pass,
            interval: Some((low, high)),
            rounds: ratios.to_vec(),
        };
    }
    let (rounds, _) = judged_rounds(ratios, capacity, cores);
    let interval = stats::median_interval(&rounds, confidence).or(all);
    let verdict = if interval.is_some_and(|(low, high)| stats::decide(low, high, goal) == Verdict::Pass) {
        Verdict::Pass
    } else if stats::quantile_upper_bound(&rounds, FAIL_QUANTILE, confidence)
        .is_some_and(|u| stats::decide(f64::NEG_INFINITY, u, goal) == Verdict::Fail)
    {
        Verdict::Fail
    } else {
        Verdict::Inconclusive
    };
    Judgement {
        verdict,
        interval,
        rounds,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_goal_scales_with_the_cores() {
        assert_eq!(goal_for(1, 0.5), 1.0);
        assert_eq!(goal_for(2, 0.5), 1.5);
        assert_eq!(goal_for(8, 0.5), 4.5);
        assert!(cores() >= 1 && cores() <= MAX_THREADS);
        assert!((free_needed_for_a_fail(2) - 1.8).abs() < 1e-9);
    }
}
