//! `bounds-checks`: smooth a signal with a weighted moving sum.
//!
//! The input's size n is the number of smoothed values: `n + 15` samples and 16 weights (the
//! generator is the exercise's [`signal`](crate::inputs::signal), shared with its benchmark).

use fastrand::Rng;
use grader_kit::Input;
use grader_kit::correctness::{Case, case};

/// The inputs of `smooth`.
#[derive(Debug, Clone)]
pub struct Signal {
    /// The samples.
    pub samples: Vec<f32>,
    /// The weights, one per term of each smoothed value.
    pub weights: Vec<f32>,
}

impl Input for Signal {
    fn size(&self) -> usize {
        (self.samples.len() + 1).saturating_sub(self.weights.len())
    }

    fn describe_size(&self) -> String {
        format!(
            "{} samples and {} weights",
            grader_kit::text::thousands(self.samples.len() as u64),
            self.weights.len()
        )
    }

    /// The samples of the first half and of the second half of the smoothed values, with the
    /// same weights; then fewer weights.
    fn shrink(&self) -> Vec<Self> {
        let (n, k) = (self.size(), self.weights.len());
        let mut smaller = Vec::new();
        if n >= 2 {
            for (from, to) in [(0, n / 2), (n / 2, n)] {
                smaller.push(Signal {
                    samples: self.samples[from..to + k - 1].to_vec(),
                    weights: self.weights.clone(),
                });
            }
        }
        if k >= 2 {
            smaller.push(Signal {
                samples: self.samples.clone(),
                weights: self.weights[..k / 2].to_vec(),
            });
        }
        smaller
    }
}

/// The signal of size `n`.
pub fn signal(rng: &mut Rng, n: usize) -> Signal {
    let (samples, weights) = crate::inputs::signal(rng, n);
    Signal { samples, weights }
}

/// A signal of these samples and weights.
fn of(samples: &[f32], weights: &[f32]) -> Signal {
    Signal {
        samples: samples.to_vec(),
        weights: weights.to_vec(),
    }
}

/// Hand-picked signals (no weights, too few samples, the order of the additions, zeros of
/// both signs, overflow to infinity, subnormals), then random ones of every length up to 40
/// and around vector widths, with 1 to 33 weights.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Signal>> {
    let max = f32::MAX;
    let mut cases = vec![
        case("edge case: no samples, no weights", of(&[], &[])),
        case("edge case: samples but no weights", of(&[1.0, 2.0], &[])),
        case(
            "edge case: fewer samples than weights",
            of(&[1.0, 2.0], &[1.0, 1.0, 1.0]),
        ),
        case(
            "edge case: as many samples as weights",
            of(&[1.0, 2.0, 3.0], &[2.0, 1.0, 0.5]),
        ),
        case("edge case: one weight", of(&[3.0, -1.0, 0.25], &[2.0])),
        case(
            "edge case: the additions' order shows (1e8 - 1e8 + 1)",
            of(&[1e8, -1e8, 1.0, -1e8, 1e8], &[1.0, 1.0, 1.0]),
        ),
        case(
            "edge case: zeros of both signs",
            of(&[-0.0, -0.0, 0.0, -0.0], &[1.0, -1.0]),
        ),
        case(
            "edge case: sums beyond f32::MAX",
            of(&[max, max, 1.0, -max, -max], &[1.0, 1.0]),
        ),
        case(
            "edge case: the smallest subnormals",
            of(&[f32::from_bits(1); 9], &[0.5, 0.25, 1.0]),
        ),
    ];
    for n in (1..=40).chain([63, 64, 65, 127, 128, 129, 1_000]) {
        let mut s = signal(rng, n);
        // The generator's 16 weights, and sometimes fewer or more (keeping n values).
        let k = [16, 1, 2, 3, 7, 8, 9, 33][n % 8];
        s.weights = (0..k).map(|_| rng.f32() - 0.25).collect();
        s.samples = (0..n + k - 1).map(|_| 20.0 + rng.f32() - 0.5).collect();
        cases.push(case(format!("random signal, {n} values, {k} weights"), s));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_signals_have_weights_minus_one_more_samples_than_values() {
        let s = signal(&mut Rng::with_seed(3), 100);
        assert_eq!((s.samples.len(), s.weights.len(), s.size()), (115, 16, 100));
        for smaller in s.shrink() {
            assert!(smaller.size() < 100 || smaller.weights.len() < 16);
            assert!(smaller.samples.len() + 1 >= smaller.weights.len());
        }
    }

    #[test]
    fn the_edge_cases_cover_both_short_inputs_and_many_weights() {
        let cases = edge_cases(&mut Rng::with_seed(1));
        assert!(
            cases
                .iter()
                .any(|c| c.input.size() == 0 && !c.input.weights.is_empty())
        );
        assert!(cases.iter().any(|c| c.input.weights.len() == 33));
    }
}
