//! The Everyday speed chapter's tasks: how to generate their inputs and how to call the code.
//!
//! The subject is reached through [`Api`], so the same task code grades the exercise, the
//! solution or the starter, each in its own binary (`src/bin`, written by `grader dev sync`).
//! `buffered-io` hands the subject this harness's own counting handles ([`handle`]), so the
//! counts come from code the learner cannot edit. `perf-lints` is timed here; the grader runs
//! clippy on the subject for its lint check.

use grader_kit::{CountedTask, TimedTask};
use std::process::ExitCode;

pub mod calibration;
pub mod handle;
pub mod readings;
pub mod redact;
pub mod signal;

// The frozen copy of the exercise's `benches/inputs/mod.rs`: the benches' inputs are the graded ones.
#[path = "../../../starters/everyday-speed/benches/inputs/mod.rs"]
mod inputs;

grader_kit::subject_api! {
    crate everyday_speed_harness;
    /// The chapter's public API, as the harness reaches it.
    pub trait Api {
        /// `everyday_speed::write_report` of the readings `(sensor, time, milli_celsius)`, made
        /// into the crate's `Reading` inside the call, into the harness's counting file.
        fn write_report(
            readings: &[(u32, u64, i32)],
            out: &mut everyday_speed_harness::handle::CountingWriter
        ) -> Result<(), std::io::ErrorKind> =
            write_report(
                &readings
                    .iter()
                    .map(|&(sensor, time, milli_celsius)| Reading { sensor, time, milli_celsius })
                    .collect::<Vec<_>>(),
                out,
            )
            .map_err(|e| e.kind());
        /// `everyday_speed::summarize` of the harness's counting log, its `Summary` as the
        /// figures `(readings, skipped, min, max, total)`.
        fn summarize(
            input: &mut everyday_speed_harness::handle::CountingReader<'_>
        ) -> Result<everyday_speed_harness::readings::Figures, std::io::ErrorKind> =
            summarize(input)
                .map(|s| (s.readings, s.skipped, s.min, s.max, s.total))
                .map_err(|e| e.kind());
        /// See `everyday_speed::smooth`.
        fn smooth(samples: &[f32], weights: &[f32]) -> Vec<f32>;
        /// See `everyday_speed::redact_log`.
        fn redact_log(log: &str, secrets: &[String]) -> String;
        /// `Calibration::of_sensor(sensor).celsius(r)` of each raw count `r`.
        fn celsius(sensor: u32, raw: &[f32]) -> Vec<f32> = {
            let calibration = calibration::Calibration::of_sensor(sensor);
            raw.iter().map(|&r| calibration.celsius(r)).collect()
        };
        /// See `everyday_speed::calibration::raw_day`.
        fn raw_day(sensor: u32, n: usize) -> Vec<f32> = calibration::raw_day(sensor, n);
    }
}

forward_api!(Starter => everyday_speed_starter);

/// `buffered-io`, with `S` as the subject and the frozen starter as the yardstick.
pub fn buffered_io<S: Api>() -> CountedTask<readings::Workload, readings::Outcome> {
    CountedTask {
        timed: TimedTask {
            name: "buffered-io",
            edge_cases: readings::edge_cases,
            generate: readings::workload,
            starter: readings::run::<Starter>,
            subject: readings::run::<S>,
        },
        count: readings::count::<S>,
    }
}

/// `bounds-checks`, with `S` as the subject and the frozen starter as the yardstick.
pub fn bounds_checks<S: Api>() -> TimedTask<signal::Signal, Vec<f32>> {
    TimedTask {
        name: "bounds-checks",
        edge_cases: signal::edge_cases,
        generate: signal::signal,
        starter: |s: &signal::Signal| Starter::smooth(&s.samples, &s.weights),
        subject: |s: &signal::Signal| S::smooth(&s.samples, &s.weights),
    }
}

/// `perf-lints`, with `S` as the subject and the frozen starter as the yardstick.
pub fn perf_lints<S: Api>() -> TimedTask<redact::Log, String> {
    TimedTask {
        name: "perf-lints",
        edge_cases: redact::edge_cases,
        generate: redact::server_log,
        starter: |log: &redact::Log| Starter::redact_log(&log.text, &log.secrets),
        subject: |log: &redact::Log| S::redact_log(&log.text, &log.secrets),
    }
}

/// `build-profiles`: the program's library keeps its answers (the grader times the program).
pub fn build_profiles<S: Api>() -> TimedTask<calibration::Day, Vec<f32>> {
    TimedTask {
        name: "build-profiles",
        edge_cases: calibration::edge_cases,
        generate: calibration::day,
        starter: |d: &calibration::Day| {
            calibration::answers(
                Starter::celsius(d.sensor, &d.raw),
                Starter::raw_day(d.sensor, d.raw.len()),
            )
        },
        subject: |d: &calibration::Day| {
            calibration::answers(S::celsius(d.sensor, &d.raw), S::raw_day(d.sensor, d.raw.len()))
        },
    }
}

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    grader_kit::harness::main(&[
        &buffered_io::<S>(),
        &bounds_checks::<S>(),
        &perf_lints::<S>(),
        &build_profiles::<S>(),
    ])
}
