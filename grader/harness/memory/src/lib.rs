//! The Memory management chapter's tasks: how to call the code, and the edge cases each task
//! checks (one module per task); the random inputs come from the frozen copy of the exercise's
//! `benches/inputs/mod.rs`, so the benchmarks measure what the grader measures.
//!
//! The subject is reached through [`Api`], so the same task code grades the exercise, the
//! solution or the starter, each in its own binary (see `src/bin`). Every subject has two
//! binaries: the graded one, whose counting allocator gives the heap figures, and a `-heap`
//! twin with dhat's allocator, which `grader profile` runs for a dh_view profile. Both call
//! [`main`].

use grader_kit::TimedTask;
use inputs::OrgChart;
use std::process::ExitCode;

mod logs;
mod org;
mod sensors;
mod words;

// The random inputs, generated as the exercise's benchmarks generate them: by the frozen copy of
// their `inputs` module.
#[path = "../../../starters/memory/benches/inputs/mod.rs"]
mod inputs;

grader_kit::subject_api! {
    crate memory_harness;
    /// The chapter's public API, as the harness calls it.
    pub trait Api {
        /// See `memory::endpoint_report` (the log as bytes: a `&[u8]` is a `BufRead`).
        fn endpoint_report(log: &[u8]) -> String;
        /// See `memory::top_words`.
        fn top_words(text: &str, k: usize) -> Vec<(String, usize)>;
        /// See `memory::org_answers`.
        fn org_answers(records: &[(u32, Option<u32>)], queries: &[u32]) -> Vec<(Vec<u32>, usize)>;
        /// `memory::sensor_report(&memory::load_readings(csv))`: the log is alive while the report
        /// is written, so the peak counts both.
        fn sensor_summary(csv: &str) -> String = sensor_report(&load_readings(csv));
    }
}

forward_api!(Starter => memory_starter);

/// `log-summary`, with `S` as the subject and the frozen starter as the yardstick.
pub fn log_summary<S: Api>() -> TimedTask<String, String> {
    TimedTask {
        name: "log-summary",
        edge_cases: logs::edge_cases,
        generate: inputs::access_log,
        starter: |log: &String| Starter::endpoint_report(log.as_bytes()),
        subject: |log: &String| S::endpoint_report(log.as_bytes()),
    }
}

/// `word-frequencies`, with `S` as the subject and the frozen starter as the yardstick.
pub fn word_frequencies<S: Api>() -> TimedTask<(String, usize), Vec<(String, usize)>> {
    TimedTask {
        name: "word-frequencies",
        edge_cases: words::edge_cases,
        generate: inputs::prose,
        starter: |(text, k): &(String, usize)| Starter::top_words(text, *k),
        subject: |(text, k): &(String, usize)| S::top_words(text, *k),
    }
}

/// `org-chart`, with `S` as the subject and the frozen starter as the yardstick.
pub fn org_chart<S: Api>() -> TimedTask<OrgChart, Vec<(Vec<u32>, usize)>> {
    TimedTask {
        name: "org-chart",
        edge_cases: org::edge_cases,
        generate: inputs::org_chart,
        starter: |(records, queries): &OrgChart| Starter::org_answers(records, queries),
        subject: |(records, queries): &OrgChart| S::org_answers(records, queries),
    }
}

/// `sensor-log`, with `S` as the subject and the frozen starter as the yardstick.
pub fn sensor_log<S: Api>() -> TimedTask<String, String> {
    TimedTask {
        name: "sensor-log",
        edge_cases: sensors::edge_cases,
        generate: inputs::sensor_csv,
        starter: |csv: &String| Starter::sensor_summary(csv),
        subject: |csv: &String| S::sensor_summary(csv),
    }
}

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let (logs, words) = (log_summary::<S>(), word_frequencies::<S>());
    let (org, sensors) = (org_chart::<S>(), sensor_log::<S>());
    grader_kit::harness::main(&[&logs, &words, &org, &sensors])
}

/// `lines`, each ended by `\n`.
fn text_of(lines: &[&str]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}
