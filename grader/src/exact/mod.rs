//! Exact mode (`grader --exact`): speed judged on instructions executed, counted by valgrind's
//! callgrind, so the figures and the verdict repeat on any machine for a given seed.
//!
//! Each count comes from a process of its own (see [`grader_kit::exact`]): the harness runs
//! under valgrind, confined from outside before valgrind starts
//! ([`grader_kit::sandbox::outside`]), and the count arrives on a pipe only valgrind writes
//! (the total) and in files valgrind writes once the program has ended, under a name the
//! program never sees (each thread's share). The harness's signed answer says whether the
//! subject's answers agreed with the starter's; the figures are computed here, from counts
//! alone ([`figures`]).

mod callgrind;
mod figures;
#[cfg(target_os = "linux")]
mod process;

use crate::child::{Ending, Limits};
use crate::manifest::Task;
use anyhow::{Result, bail};
use callgrind::Counts;
use figures::{SizeCounts, TaskCounts};
use grader_kit::exact::{CountRun, Side};
use grader_kit::protocol::{Measurement, Request};
use grader_kit::spec::{Check, Numbered};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Inputs per size: each call on its own input, so one input's luck does not set the figure.
const CALLS: usize = 3;

/// Valgrind runs code some fifty times slower: a counted process gets this many times the
/// chapter's time limit.
const SLOWDOWN_ALLOWANCE: u32 = 4;

/// Rayon's thread count in a counted process, whatever the machine: the figures of code that
/// splits its work with rayon are then the same everywhere.
const RAYON_THREADS: &str = "4";

/// Whether exact mode counts `check` (the others stay timed: see the instructors' page).
pub fn counts(check: &Check) -> bool {
    matches!(
        check,
        Check::Speedup { .. }
            | Check::NoSlower { .. }
            | Check::Complexity { .. }
            | Check::ParallelSpeedup { .. }
    )
}

/// The library every counted process preloads: a fixed `getrandom`, so hash maps seed alike
/// and counts repeat (see `grader/fixed-random`). Built once per run by [`prepare`].
static FIXED_RANDOM: OnceLock<PathBuf> = OnceLock::new();

/// Everything exact mode needs before grading: valgrind, and the preloaded library built.
pub fn prepare(root: &Path) -> Result<()> {
    require_valgrind()?;
    let library = crate::compile::build_fixed_random(root)?;
    let _ = FIXED_RANDOM.set(library);
    Ok(())
}

/// The preloaded library, once [`prepare`] built it.
fn fixed_random() -> Result<&'static Path> {
    FIXED_RANDOM
        .get()
        .map(PathBuf::as_path)
        .ok_or_else(|| anyhow::anyhow!("exact mode was not prepared: its preloaded library is missing"))
}

/// Fails with what to install when valgrind is missing: exact mode cannot start without it.
fn require_valgrind() -> Result<()> {
    let works = Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !cfg!(target_os = "linux") {
        bail!(
            "--exact counts instructions under valgrind, confined with Landlock and seccomp: it runs on Linux only"
        );
    }
    if !works {
        bail!(
            "--exact counts instructions with valgrind, which is not installed. Install it \
             (Debian/Ubuntu: `sudo apt-get install valgrind`; Fedora: `sudo dnf install valgrind`; \
             Arch: `sudo pacman -S valgrind`) and run the grader again."
        );
    }
    Ok(())
}

/// The result of counting a task's checks: measurements in the checks' positions, or how a
/// counted process ended when it did not end well.
pub enum Counted {
    /// One measurement per counted check, with its position among the task's checks.
    Measured(Vec<(usize, Measurement)>),
    /// A counted process failed (a wrong answer, a panic, a crash, a hang, interference).
    Failed(Ending),
}

/// The input size of a counted check in exact mode: the task's `[exact] n` for a single-size
/// check when it sets one.
fn size_of(task: &Task, check: &Check) -> Vec<usize> {
    match check {
        Check::Complexity { sizes, .. } => sizes.clone(),
        other => vec![task.exact.n.unwrap_or_else(|| other.sizes()[0])],
    }
}

/// Counts `checks` (all counted kinds) of `task` with the harness `binary`.
pub fn measure(
    binary: &Path,
    task: &Task,
    checks: &Numbered<'_>,
    seed: u64,
    limits: Limits,
) -> Result<Counted> {
    let mut sizes: Vec<usize> = checks.iter().flat_map(|(_, c)| size_of(task, c)).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let threads = checks
        .iter()
        .any(|(_, c)| matches!(c, Check::ParallelSpeedup { .. }));
    let limits = Limits {
        time: limits.time * SLOWDOWN_ALLOWANCE,
        ..limits
    };
    let run = |side: Side, n: usize| -> Result<Result<Counts, Ending>> {
        let request = Request {
            task: task.name.clone(),
            seed,
            checks: vec![],
            budget_s: 0.0,
            heap_profile: None,
            first_call_n: None,
            count: Some(CountRun {
                side,
                n,
                sizes: sizes.clone(),
                calls: CALLS,
            }),
        };
        count_one(binary, fixed_random()?, &request, limits, threads)
    };
    let setup = match run(Side::Setup, sizes[0])? {
        Ok(counts) => counts,
        Err(ending) => return Ok(Counted::Failed(ending)),
    };
    let mut counted = Vec::new();
    for &n in &sizes {
        let reference = match run(Side::Reference, n)? {
            Ok(counts) => counts,
            Err(ending) => return Ok(Counted::Failed(ending)),
        };
        let subject = match run(Side::Subject, n)? {
            Ok(counts) => counts,
            Err(ending) => return Ok(Counted::Failed(ending)),
        };
        counted.push(SizeCounts {
            n,
            reference,
            subject,
        });
    }
    let counts = TaskCounts {
        calls: CALLS,
        setup,
        sizes: counted,
    };
    let exact_goal = |timed: f64| task.exact.speedup.unwrap_or(timed);
    let measurements = checks
        .iter()
        .map(|&(i, check)| {
            let n = size_of(task, check)[0];
            let m = match check {
                Check::Speedup { at_least, .. } => {
                    figures::speedup(&counts, "speedup", n, exact_goal(*at_least))
                }
                Check::NoSlower { factor, .. } => figures::speedup(&counts, "no-slower", n, 1.0 / factor),
                Check::Complexity { sizes, target } => figures::complexity(&counts, sizes, *target),
                Check::ParallelSpeedup { efficiency, .. } => figures::parallel(&counts, n, *efficiency),
                other => unreachable!("{} is not counted", other.metric()),
            };
            (i, m)
        })
        .collect();
    Ok(Counted::Measured(measurements))
}

#[cfg(target_os = "linux")]
use process::count_one;

/// Elsewhere than Linux there is no outside confinement, so nothing is counted.
#[cfg(not(target_os = "linux"))]
fn count_one(_: &Path, _: &Path, _: &Request, _: Limits, _: bool) -> Result<Result<Counts, Ending>> {
    bail!("--exact runs on Linux only")
}
