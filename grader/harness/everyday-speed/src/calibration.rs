//! `build-profiles`: the lab's program is timed by the grader itself, on its own copy (see
//! the grader's `build_profiles`); here the learner's copy of the program's library must keep
//! its answers: each raw count's temperature, and the day of raw counts the program replays.

use fastrand::Rng;
use grader_kit::Input;
use grader_kit::correctness::{Case, case};

/// A sensor and raw counts to calibrate; the day generated for it has as many samples.
#[derive(Debug, Clone)]
pub struct Day {
    /// The sensor's number.
    pub sensor: u32,
    /// The raw counts.
    pub raw: Vec<f32>,
}

impl Input for Day {
    fn size(&self) -> usize {
        self.raw.len()
    }

    fn describe_size(&self) -> String {
        format!(
            "sensor {} and {} raw counts",
            self.sensor,
            grader_kit::text::thousands(self.raw.len() as u64)
        )
    }

    fn shrink(&self) -> Vec<Self> {
        let half = self.raw.len() / 2;
        match half {
            0 => vec![],
            _ => [&self.raw[..half], &self.raw[half..]]
                .map(|raw| Day {
                    sensor: self.sensor,
                    raw: raw.to_vec(),
                })
                .to_vec(),
        }
    }
}

/// Raw counts around the sensors' range (about 1,900 to 6,000 counts, -40 °C to 85 °C).
pub fn day(rng: &mut Rng, n: usize) -> Day {
    Day {
        sensor: rng.u32(..1_000),
        raw: (0..n).map(|_| 1_000.0 + 6_000.0 * rng.f32()).collect(),
    }
}

/// Both ends of the range and beyond, zeros and infinities, then random days.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Day>> {
    let raw = vec![
        0.0,
        -0.0,
        2_000.0,
        -1.0e9,
        1.0e9,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::MIN_POSITIVE,
    ];
    let mut cases = vec![
        case(
            "edge case: no samples",
            Day {
                sensor: 0,
                raw: vec![],
            },
        ),
        case(
            "edge case: counts far beyond the range, and infinite",
            Day { sensor: 16, raw },
        ),
        case(
            "edge case: the largest sensor number",
            Day {
                sensor: u32::MAX,
                raw: vec![2_500.0; 3],
            },
        ),
    ];
    for n in [1, 2, 7, 64, 1_439, 1_440, 1_441, 3_000] {
        cases.push(case(format!("random raw counts, {n} samples"), day(rng, n)));
    }
    cases
}

/// What the program's library gives for `day`: each raw count's temperature, then the first
/// `day.raw.len()` samples of the sensor's day.
pub fn answers(celsius: Vec<f32>, generated: Vec<f32>) -> Vec<f32> {
    celsius.into_iter().chain(generated).collect()
}
