//! The build-profiles lab: the learner times one program under variants of the release
//! profile and records each one's speed-up in `findings.toml`; the grader builds the frozen
//! starter's program under the same variants ([`build`]), times them in interleaved rounds
//! ([`timing`]) and judges the record against its own figures ([`judge`]).
//!
//! Only the grader's own copy of the program (the frozen starter) is built and run, outside
//! any harness: the learner's only input is the findings file, which is parsed, never run.

mod build;
mod findings;
mod judge;
mod timing;

use crate::layout::{Layout, Role};
use anyhow::Result;
use grader_kit::protocol::Measurement;
use std::path::Path;
use std::time::Duration;

use build::Variant;
use findings::Findings;

/// Builds and times the chapter's program under `release` and each of `profiles`, and judges
/// the findings file at `findings_path` against the figures.
///
/// `Err` only when the grader cannot build or run its own copy of the program.
pub fn measure(
    root: &Path,
    chapter: &str,
    profiles: &[String],
    within_factor: f64,
    findings_path: &Path,
    budget: Duration,
    seed: u64,
) -> Result<Measurement> {
    // An incomplete record cannot pass: say so at once, before six builds and a measurement
    // (whose figures would otherwise be there to copy).
    let findings = Findings::read(findings_path);
    if let Some(missing) = judge::unrecorded(profiles, &findings, within_factor) {
        return Ok(missing);
    }
    let package = Layout::new(chapter).package(Role::Starter);
    let variants: Vec<Variant> = std::iter::once(Variant::release())
        .chain(profiles.iter().map(|p| Variant::named(p)))
        .collect();
    let programs = build::build_all(root, &package, &variants)?;
    let rounds = timing::time_interleaved(&programs, budget, seed, timing::run_once)?;
    let figures = timing::speedups(profiles, &rounds);
    let mut measurement = judge::judge(
        &figures,
        &findings,
        within_factor,
        timing::release_seconds(&rounds),
    );
    measurement.samples = rounds.len();
    Ok(measurement)
}
