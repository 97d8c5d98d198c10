//! Statistics: pure functions, no clocks, no I/O.
//!
//! Speed-ups are summarised by the median of per-round ratios, because a round disturbed by the
//! machine (an interrupt, the other core busy) spoils one ratio, not the estimate. Its
//! uncertainty is the distribution-free confidence interval for a median from order statistics
//! (Conover, *Practical Nonparametric Statistics*, 3rd ed., §3.2; Hahn & Meeker, *Statistical
//! Intervals*, §5.2): for n samples, [x₍ⱼ₎, x₍ₙ₋ⱼ₊₁₎] covers the true median with probability
//! 1 − 2·P(B ≤ j − 1), B ~ Binomial(n, ½). It assumes only independent rounds, not normality.

use crate::protocol::{Goal, Verdict};

/// The confidence level of every interval the grader reports. The sequential procedures look
/// at the interval after each round; a high level keeps the chance of a wrong early decision
/// small even so.
pub const CONFIDENCE: f64 = 0.99;

/// The median of `samples` (the mean of the two middle values for an even count).
///
/// `samples` must not be empty: every caller has drawn at least one (where none may have been
/// drawn, the caller says so with an `Option`). An empty slice gives NaN.
pub fn median(samples: &[f64]) -> f64 {
    let sorted = sorted(samples);
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// The order-statistic confidence interval for the median at level `confidence`, or `None`
/// when there are too few samples to reach that level at all.
pub fn median_interval(samples: &[f64], confidence: f64) -> Option<(f64, f64)> {
    let sorted = sorted(samples);
    let n = sorted.len();
    // The narrowest interval: the largest rank j whose coverage still reaches `confidence`.
    let j = (1..=n.div_ceil(2))
        .take_while(|&j| 1.0 - 2.0 * binomial_half_cdf(n, j - 1) >= confidence)
        .last()?;
    Some((sorted[j - 1], sorted[n - j]))
}

/// A one-sided upper confidence bound, at level `confidence`, for the `p`-quantile of the
/// distribution the samples come from: the smallest order statistic x₍ₖ₎ with
/// P(Binomial(n, p) ≤ k − 1) ≥ `confidence` (fewer than k samples fall below the quantile).
/// `None` when there are too few samples to reach that level.
pub fn quantile_upper_bound(samples: &[f64], p: f64, confidence: f64) -> Option<f64> {
    let sorted = sorted(samples);
    let n = sorted.len();
    let k = (1..=n).find(|&k| binomial_cdf(n, p, k - 1) >= confidence)?;
    Some(sorted[k - 1])
}

/// P(B ≤ k) for B ~ Binomial(n, p), summed in log space so large n does not underflow.
pub fn binomial_cdf(n: usize, p: f64, k: usize) -> f64 {
    let (ln_p, ln_q) = (p.ln(), (1.0 - p).ln());
    let mut ln_choose = 0.0; // ln C(n, 0)
    let mut total = 0.0;
    for i in 0..=k.min(n) {
        if i > 0 {
            ln_choose += ((n - i + 1) as f64).ln() - (i as f64).ln();
        }
        total += (ln_choose + i as f64 * ln_p + (n - i) as f64 * ln_q).exp();
    }
    total.min(1.0)
}

/// P(B ≤ k) for B ~ Binomial(n, ½), summed in log space so large n does not underflow.
pub fn binomial_half_cdf(n: usize, k: usize) -> f64 {
    binomial_cdf(n, 0.5, k)
}

/// The least-squares slope of ln(time) against ln(n): the empirical exponent k in time ∝ nᵏ.
///
/// `None` with fewer than two distinct sizes.
pub fn loglog_slope(points: &[(f64, f64)]) -> Option<f64> {
    let logs: Vec<(f64, f64)> = points.iter().map(|&(n, t)| (n.ln(), t.ln())).collect();
    let count = logs.len() as f64;
    let mean_x = logs.iter().map(|p| p.0).sum::<f64>() / count;
    let mean_y = logs.iter().map(|p| p.1).sum::<f64>() / count;
    let sxy: f64 = logs.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let sxx: f64 = logs.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    (sxx != 0.0).then(|| sxy / sxx)
}

/// The verdict of a confidence interval against a goal: pass when the whole interval meets it,
/// fail when the whole interval misses it, inconclusive otherwise.
pub fn decide(low: f64, high: f64, goal: Goal) -> Verdict {
    let (meets_all, misses_all) = match goal {
        Goal::AtLeast(t) => (low >= t, high < t),
        Goal::AtMost(t) => (high <= t, low > t),
        Goal::Between(a, b) => (a <= low && high <= b, high < a || low > b),
    };
    if meets_all {
        Verdict::Pass
    } else if misses_all {
        Verdict::Fail
    } else {
        Verdict::Inconclusive
    }
}

fn sorted(samples: &[f64]) -> Vec<f64> {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upper_bound_of_a_quantile_covers_it() {
        let samples: Vec<f64> = (1..=100).map(f64::from).collect();
        // The 75th percentile of 1..=100 is about 75; a 99% upper bound sits a little above.
        let bound = quantile_upper_bound(&samples, 0.75, 0.99).unwrap();
        assert!((80.0..=90.0).contains(&bound), "{bound}");
        assert!(quantile_upper_bound(&samples[..3], 0.75, 0.99).is_none());
        assert!((binomial_cdf(10, 0.5, 4) - binomial_half_cdf(10, 4)).abs() < 1e-12);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn binomial_cdf_matches_hand_computed_values() {
        // n = 10: P(B ≤ 1) = 11/1024, P(B ≤ 10) = 1.
        assert!((binomial_half_cdf(10, 1) - 11.0 / 1024.0).abs() < 1e-12);
        assert!((binomial_half_cdf(10, 10) - 1.0).abs() < 1e-12);
        // Large n must not underflow: P(B ≤ n/2) is just over one half.
        let p = binomial_half_cdf(5000, 2500);
        assert!(p > 0.5 && p < 0.51, "{p}");
    }

    #[test]
    fn interval_ranks_follow_the_binomial() {
        let samples: Vec<f64> = (1..=10).map(f64::from).collect();
        // n = 10 at 99%: only the extremes (coverage 1 − 2/1024) reach it.
        assert_eq!(median_interval(&samples, 0.99), Some((1.0, 10.0)));
        // At 95%: j = 2 has coverage 1 − 22/1024 = 0.9785, j = 3 has 0.8906.
        assert_eq!(median_interval(&samples, 0.95), Some((2.0, 9.0)));
    }

    #[test]
    fn too_few_samples_give_no_interval() {
        // Six samples: the widest interval covers 1 − 2/64 = 0.969 < 0.99.
        assert_eq!(median_interval(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 0.99), None);
        assert_eq!(median_interval(&[], 0.5), None);
    }

    #[test]
    fn interval_narrows_as_samples_grow() {
        let few: Vec<f64> = (0..20).map(f64::from).collect();
        let many: Vec<f64> = (0..200).map(|i| f64::from(i) / 10.0).collect();
        let (lo_few, hi_few) = median_interval(&few, CONFIDENCE).unwrap();
        let (lo_many, hi_many) = median_interval(&many, CONFIDENCE).unwrap();
        assert!((hi_many - lo_many) / 20.0 < (hi_few - lo_few) / 20.0);
        assert!(lo_many <= median(&many) && median(&many) <= hi_many);
    }

    #[test]
    fn slope_recovers_exact_power_laws() {
        let sizes = [1000.0, 2000.0, 4000.0, 8000.0];
        let quadratic: Vec<(f64, f64)> = sizes.iter().map(|&n| (n, 3e-9 * n * n)).collect();
        let linear: Vec<(f64, f64)> = sizes.iter().map(|&n| (n, 5e-7 * n)).collect();
        assert!((loglog_slope(&quadratic).unwrap() - 2.0).abs() < 1e-9);
        assert!((loglog_slope(&linear).unwrap() - 1.0).abs() < 1e-9);
        let n_log_n: Vec<(f64, f64)> = sizes.iter().map(|&n| (n, n * n.ln())).collect();
        let k = loglog_slope(&n_log_n).unwrap();
        assert!(k > 1.05 && k < 1.2, "{k}");
        assert_eq!(loglog_slope(&[(5.0, 1.0), (5.0, 2.0)]), None);
    }

    #[test]
    fn decisions_need_the_whole_interval() {
        assert_eq!(decide(10.5, 12.0, Goal::AtLeast(10.0)), Verdict::Pass);
        assert_eq!(decide(8.0, 9.9, Goal::AtLeast(10.0)), Verdict::Fail);
        assert_eq!(decide(9.0, 11.0, Goal::AtLeast(10.0)), Verdict::Inconclusive);
        assert_eq!(decide(1.0, 1.2, Goal::AtMost(1.5)), Verdict::Pass);
        assert_eq!(decide(1.9, 2.1, Goal::AtMost(1.5)), Verdict::Fail);
        assert_eq!(decide(1.4, 1.6, Goal::AtMost(1.5)), Verdict::Inconclusive);
        assert_eq!(decide(0.9, 1.2, Goal::Between(0.7, 1.3)), Verdict::Pass);
        assert_eq!(decide(2.0, 2.5, Goal::Between(0.7, 1.3)), Verdict::Fail);
        assert_eq!(decide(0.1, 0.5, Goal::Between(0.7, 1.3)), Verdict::Fail);
        assert_eq!(decide(1.2, 1.4, Goal::Between(0.7, 1.3)), Verdict::Inconclusive);
    }
}
