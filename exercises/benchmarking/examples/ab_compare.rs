//! Is version B faster than version A, and by how much? Answered the way the grader answers it:
//! interleaved rounds on fresh inputs, the median of the per-round ratios, a 99% confidence
//! interval from order statistics, and a verdict against a goal.
//!
//! ```console
//! cargo run --release -p benchmarking --example ab_compare
//! cargo run --release -p benchmarking --example ab_compare -- 1.2   # against a goal of 1.2×
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Values per input: a sort of this many takes a few hundred microseconds, far above the
/// clock's resolution, so one call per side and round is enough.
const N: usize = 10_000;

/// The confidence level of the interval.
const CONFIDENCE: f64 = 0.99;

/// Rounds before the interval is first looked at, and the most rounds ever run.
const MIN_ROUNDS: usize = 10;
const MAX_ROUNDS: usize = 1_000;

/// Stop looking for a verdict after this long.
const BUDGET: Duration = Duration::from_secs(5);

// ANCHOR: versions
/// Version A, the "before": the standard library's stable sort.
fn version_a(values: &mut [u64]) {
    values.sort();
}

/// Version B, the "after": the unstable sort, which may reorder equal values and needs no
/// scratch buffer.
fn version_b(values: &mut [u64]) {
    values.sort_unstable();
}
// ANCHOR_END: versions

// ANCHOR: round
/// One round: a fresh random input, each version timed on its own copy of it, the order of the
/// two alternating from round to round. Returns the ratio time A / time B: above 1 when B is
/// faster.
fn round(rng: &mut fastrand::Rng, round: usize) -> f64 {
    let input: Vec<u64> = std::iter::repeat_with(|| rng.u64(..)).take(N).collect();
    let time = |version: fn(&mut [u64])| {
        let mut values = input.clone();
        let start = Instant::now();
        version(black_box(&mut values));
        let elapsed = start.elapsed();
        black_box(values);
        elapsed.as_secs_f64()
    };
    let (a, b) = if round.is_multiple_of(2) {
        let a = time(version_a);
        (a, time(version_b))
    } else {
        let b = time(version_b);
        (time(version_a), b)
    };
    a / b
}
// ANCHOR_END: round

// ANCHOR: interval
/// The median of `sorted`, which must be sorted and not empty.
fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    match n % 2 {
        1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// P(B ≤ k) for B ~ Binomial(n, ½): the chance that at most k of n samples fall below the
/// true median.
fn binomial_half_cdf(n: usize, k: usize) -> f64 {
    let mut choose = 1.0; // C(n, 0)
    let mut total = 0.0;
    for i in 0..=k.min(n) {
        if i > 0 {
            choose *= (n - i + 1) as f64 / i as f64;
        }
        total += choose;
    }
    total * 0.5_f64.powi(n as i32)
}

/// The distribution-free confidence interval of the median: the j-th smallest and the j-th
/// largest of the `sorted` samples, for the largest j that still covers the true median with
/// probability `confidence`. `None` when there are too few samples for that level at all.
fn median_interval(sorted: &[f64], confidence: f64) -> Option<(f64, f64)> {
    let n = sorted.len();
    let j = (1..=n.div_ceil(2))
        .take_while(|&j| 1.0 - 2.0 * binomial_half_cdf(n, j - 1) >= confidence)
        .last()?;
    Some((sorted[j - 1], sorted[n - j]))
}
// ANCHOR_END: interval

// ANCHOR: verdict
/// What an interval says about a goal of "at least `goal`".
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// The whole interval meets the goal.
    Pass,
    /// The whole interval misses it.
    Fail,
    /// The interval straddles it: more rounds, or a quieter machine, may decide.
    Inconclusive,
}

fn verdict(low: f64, high: f64, goal: f64) -> Verdict {
    if low >= goal {
        Verdict::Pass
    } else if high < goal {
        Verdict::Fail
    } else {
        Verdict::Inconclusive
    }
}
// ANCHOR_END: verdict

// ANCHOR: main
fn main() {
    let goal: f64 = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(1.43);
    let mut rng = fastrand::Rng::with_seed(7);
    let started = Instant::now();
    let mut ratios = Vec::new();
    loop {
        ratios.push(round(&mut rng, ratios.len()));
        if ratios.len() < MIN_ROUNDS {
            continue;
        }
        let mut sorted = ratios.clone();
        sorted.sort_by(f64::total_cmp);
        let Some((low, high)) = median_interval(&sorted, CONFIDENCE) else {
            continue;
        };
        let decided = verdict(low, high, goal);
        let out_of_time = started.elapsed() > BUDGET || ratios.len() >= MAX_ROUNDS;
        if decided != Verdict::Inconclusive || out_of_time {
            println!(
                "sort_unstable vs sort, n = {N}: {:.2}× faster (99% CI {low:.2}–{high:.2}), \
                 {} rounds; goal ≥ {goal}×: {decided:?}",
                median(&sorted),
                ratios.len(),
            );
            break;
        }
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_versions_agree() {
        let mut rng = fastrand::Rng::with_seed(3);
        let input: Vec<u64> = std::iter::repeat_with(|| rng.u64(..50)).take(500).collect();
        let (mut a, mut b) = (input.clone(), input);
        version_a(&mut a);
        version_b(&mut b);
        assert_eq!(a, b);
        assert!(a.is_sorted());
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[1.0, 2.0, 9.0]), 2.0);
        assert_eq!(median(&[1.0, 2.0, 4.0, 9.0]), 3.0);
    }

    #[test]
    fn the_interval_needs_eight_samples_at_99_percent() {
        // With 7 samples, even the widest interval, the minimum to the maximum, misses the
        // median with probability 2 × ½⁷ ≈ 1.6%: more than 1%.
        let seven: Vec<f64> = (1..=7).map(f64::from).collect();
        assert_eq!(median_interval(&seven, CONFIDENCE), None);
        let eight: Vec<f64> = (1..=8).map(f64::from).collect();
        assert_eq!(median_interval(&eight, CONFIDENCE), Some((1.0, 8.0)));
        // With 100 samples, the 37th smallest to the 37th largest.
        let hundred: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(median_interval(&hundred, CONFIDENCE), Some((37.0, 64.0)));
    }

    #[test]
    fn verdicts() {
        assert_eq!(verdict(1.5, 1.7, 1.43), Verdict::Pass);
        assert_eq!(verdict(1.1, 1.3, 1.43), Verdict::Fail);
        assert_eq!(verdict(1.3, 1.5, 1.43), Verdict::Inconclusive);
    }
}
