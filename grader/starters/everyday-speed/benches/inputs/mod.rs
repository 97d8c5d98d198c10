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

/// The number of log lines the grader times `perf-lints` at (the manifest's `n`).
pub const GRADED_LINES: usize = 2000;

/// How many of the access tokens seen in the log are secrets to mask: revoked or leaked keys.
pub const SECRETS: usize = 12;

/// An access log of `n` lines as a web server writes it, and the [`SECRETS`] tokens to mask in
/// it: `time level address user request`, the request being a method, a path, a status and a
/// size, half the time followed by `bearer` and an access token (a third of those a secret).
/// About one line in ten is `DEBUG` or `TRACE` (in either case), one in fifty is damaged (blank
/// or cut short); a hundred users share forty addresses; the log ends in a newline.
pub fn server_log(rng: &mut Rng, n: usize) -> (String, Vec<String>) {
    let token = |rng: &mut Rng| -> String { (0..24).map(|_| rng.alphanumeric()).collect::<String>() };
    let tokens: Vec<String> = (0..3 * SECRETS).map(|_| token(rng)).collect();
    let secrets = tokens[..SECRETS].to_vec();
    let addresses: Vec<String> = (0..40)
        .map(|_| match rng.u32(..10) {
            0 => format!("2001:db8::{:x}", rng.u16(..)),
            _ => format!("203.0.{}.{}", rng.u8(..), rng.u8(1..255)),
        })
        .collect();
    let start = 1_764_800_000 + rng.u64(..86_400);
    let mut log = String::new();
    for i in 0..n as u64 {
        let level = match rng.u32(..100) {
            0..=3 => "DEBUG",
            4 => "debug",
            5..=7 => "TRACE",
            8 => "Trace",
            9..=14 => "WARN",
            15..=17 => "ERROR",
            _ => "INFO",
        };
        let (day, second) = ((start + i) / 86_400, (start + i) % 86_400);
        let line = format!(
            "{day}T{:02}:{:02}:{:02} {level} {} user{:03} {} /{}/{} {} {}",
            second / 3600,
            second / 60 % 60,
            second % 60,
            addresses[rng.usize(..addresses.len())],
            rng.u32(..100),
            ["GET", "GET", "GET", "POST", "PUT", "DELETE"][rng.usize(..6)],
            ["orders", "cart", "products", "api/v2/stock", "login"][rng.usize(..5)],
            rng.u32(..100_000),
            [200, 200, 200, 201, 304, 404, 500][rng.usize(..7)],
            rng.u32(..200_000),
        );
        match rng.u32(..100) {
            0 => log.push('\n'),
            1 => {
                log.push_str(&line[..rng.usize(..line.len() / 2)]);
                log.push('\n');
            }
            2..=51 => {
                log.push_str(&line);
                log.push_str(" bearer ");
                log.push_str(&tokens[rng.usize(..tokens.len())]);
                log.push('\n');
            }
            _ => {
                log.push_str(&line);
                log.push('\n');
            }
        }
    }
    (log, secrets)
}
