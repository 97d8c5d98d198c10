//! The inputs that the benchmarks measure and the grader grades, defined once: the grader reads
//! a frozen copy of this file, so `cargo bench` measures the shapes of input that are graded.

#![allow(dead_code)] // each user takes its own part of this module

use fastrand::Rng;

/// The number of readings the grader times `buffered-io` at (the manifest's `n`): the report
/// writes this many, and the log read back has this many lines.
pub const GRADED_READINGS: usize = 1000;

/// The number of smoothed values the grader times `bounds-checks` at (the manifest's `n`).
pub const GRADED_VALUES: usize = 4000;

/// `n` readings of a dozen sensors, a minute apart, between -40 °C and +60 °C, as
/// `(sensor, time, milli_celsius)`.
pub fn readings(rng: &mut Rng, n: usize) -> Vec<(u32, u64, i32)> {
    let start = 1_764_800_000 + rng.u64(..86_400);
    (0..n as u64)
        .map(|i| (rng.u32(1..=12), start + 60 * i, rng.i32(-40_000..=60_000)))
        .collect()
}

/// A CSV log of `n` lines as a logger writes it: the header, then readings, about one line in
/// fifty damaged (cut short, blank, or with a stray field), ending in a newline.
pub fn sensor_log(rng: &mut Rng, n: usize) -> String {
    let mut log = String::from("sensor,time,milli_celsius\n");
    for (sensor, time, milli_celsius) in readings(rng, n.saturating_sub(1)) {
        let line = match rng.u32(..100) {
            0 => format!("{sensor},{time}"),
            1 => String::new(),
            2 => format!("{sensor},{time},{milli_celsius},ok"),
            _ => format!("{sensor},{time},{milli_celsius}"),
        };
        log.push_str(&line);
        log.push('\n');
    }
    log
}

/// How many weights `smooth` is graded with.
pub const WEIGHTS: usize = 16;

/// A signal of `n + WEIGHTS - 1` samples around 20.0 with a little noise, and `WEIGHTS` weights
/// that add up to about 1: the inputs of `smooth`, which gives `n` values.
pub fn signal(rng: &mut Rng, n: usize) -> (Vec<f32>, Vec<f32>) {
    let samples = (0..n + WEIGHTS - 1).map(|_| 20.0 + rng.f32() - 0.5).collect();
    let weights = (0..WEIGHTS).map(|_| (0.5 + rng.f32()) / WEIGHTS as f32).collect();
    (samples, weights)
}
