//! `bounds-checks`: calibrate a signal, sample by sample.
//!
//! The input's size n is the number of calibrated values: `n + 2` samples, `n` gains and `n`
//! offsets (the generator is the exercise's [`signal`](crate::inputs::signal), shared with its
//! benchmark).

use fastrand::Rng;
use grader_kit::Input;
use grader_kit::correctness::{Case, case};

/// The three inputs of `calibrate`.
#[derive(Debug, Clone)]
pub struct Signal {
    /// The samples.
    pub samples: Vec<f32>,
    /// One gain per calibrated value (or more).
    pub gains: Vec<f32>,
    /// One offset per calibrated value (or more).
    pub offsets: Vec<f32>,
}

impl Input for Signal {
    fn size(&self) -> usize {
        self.samples.len().saturating_sub(2)
    }

    fn describe_size(&self) -> String {
        format!("{} samples", grader_kit::text::thousands(self.samples.len() as u64))
    }

    /// The first half and the second half of the calibrated values, with their samples.
    fn shrink(&self) -> Vec<Self> {
        let n = self.size();
        if n < 2 {
            return Vec::new();
        }
        let part = |from: usize, to: usize| Signal {
            samples: self.samples[from..to + 2].to_vec(),
            gains: self.gains[from..to].to_vec(),
            offsets: self.offsets[from..to].to_vec(),
        };
        vec![part(0, n / 2), part(n / 2, n)]
    }
}

/// The signal of size `n`.
pub fn signal(rng: &mut Rng, n: usize) -> Signal {
    let (samples, gains, offsets) = crate::inputs::signal(rng, n);
    Signal { samples, gains, offsets }
}

/// A signal of these samples with these gains and offsets.
fn of(samples: &[f32], gains: &[f32], offsets: &[f32]) -> Signal {
    Signal { samples: samples.to_vec(), gains: gains.to_vec(), offsets: offsets.to_vec() }
}

/// Hand-picked signals (too short to calibrate, more gains than needed, the order of the
/// additions, zeros of both signs, overflow to infinity), then random ones of every length up
/// to 40 and around vector widths.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Signal>> {
    let mut cases = vec![
        case("edge case: no samples", of(&[], &[], &[])),
        case("edge case: two samples", of(&[1.0, 2.0], &[], &[])),
        case("edge case: three samples", of(&[1.0, 2.0, 3.0], &[2.0], &[0.5])),
        case("edge case: more gains and offsets than needed", of(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 3.0, 4.0, 5.0], &[0.0, 1.0, 2.0, 3.0])),
        case("edge case: the additions' order shows (1e8 - 1e8 + 1)", of(&[1e8, -1e8, 1.0, -1e8, 1e8], &[1.0; 3], &[0.0; 3])),
        case("edge case: zeros of both signs", of(&[-0.0, -0.0, -0.0, 0.0, -0.0], &[1.0, -1.0, 1.0], &[-0.0, -0.0, 0.0])),
        case("edge case: sums beyond f32::MAX", of(&[f32::MAX, f32::MAX, 1.0, -f32::MAX], &[1.0, 0.5], &[0.0, 1.0])),
        case("edge case: the smallest subnormals", of(&[f32::from_bits(1); 6], &[0.5; 4], &[0.0; 4])),
    ];
    for n in (1..=40).chain([63, 64, 65, 127, 128, 129, 1_000, 4_099]) {
        cases.push(case(format!("random signal, {n} values"), signal(rng, n)));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_signals_have_two_more_samples_than_values() {
        let s = signal(&mut Rng::with_seed(3), 100);
        assert_eq!((s.samples.len(), s.gains.len(), s.offsets.len(), s.size()), (102, 100, 100, 100));
        for smaller in s.shrink() {
            assert_eq!(smaller.samples.len(), smaller.gains.len() + 2);
        }
    }
}
