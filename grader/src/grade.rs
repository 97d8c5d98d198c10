//! Grading: select tasks, build each chapter, run each task in its own process, and turn what
//! happened into a [`TaskResult`]. A failure of the learner's code is a result; only a failure
//! of the grader itself (cargo missing, a broken harness) is an `Err`.

mod verdict;

use crate::audit::audit;
use crate::build_profiles;
use crate::child::{self, Ending, Limits};
use crate::compile::{self, Binaries, Build};
use crate::exact;
use crate::layout::Subject;
use crate::lints;
use crate::manifest::{Chapter, Manifest, Task};
use crate::result::TaskResult;
use crate::task_id::TaskId;
use crate::verify::verify;
use anyhow::{Context, Result, bail};
use grader_kit::protocol::{Evidence, Request, Response, Verdict, in_check_order};
use grader_kit::spec::{Check, Numbered};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// How to grade.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Which code is graded.
    pub subject: Subject,
    /// The run's seed.
    pub seed: u64,
    /// Overrides every chapter's time limit, in seconds.
    pub time_limit_s: Option<f64>,
    /// Memory limit per task process, in MiB.
    pub memory_limit_mib: u64,
    /// Multiplies every task's measurement budget.
    pub budget_scale: f64,
    /// Judges speed on instruction counts under valgrind instead of time (see [`crate::exact`]).
    pub exact: bool,
}

/// What the grader is doing, for a progress display.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// Building a chapter.
    Building(&'a Chapter),
    /// Grading a task.
    Grading(&'a Chapter, &'a Task),
}

/// The chapters and tasks named by `targets` (`chapter` or `chapter/task`), in course order;
/// every task when `targets` is empty.
pub fn select<'m>(manifest: &'m Manifest, targets: &[String]) -> Result<Vec<(&'m Chapter, Vec<&'m Task>)>> {
    for target in targets {
        let (chapter, task) = target
            .split_once('/')
            .map_or((target.as_str(), None), |(c, t)| (c, Some(t)));
        let Some(found) = manifest.chapter(chapter) else {
            let names: Vec<&str> = manifest.chapters.iter().map(|c| c.name.as_str()).collect();
            bail!(
                "no chapter named {chapter:?}; the chapters are: {}",
                names.join(", ")
            );
        };
        if let Some(task) = task
            && !found.tasks.iter().any(|t| t.name == task)
        {
            let names: Vec<&str> = found.tasks.iter().map(|t| t.name.as_str()).collect();
            bail!(
                "chapter {chapter} has no task {task:?}; its tasks are: {}",
                names.join(", ")
            );
        }
    }
    let wanted = |c: &Chapter, t: &Task| {
        targets.is_empty()
            || targets
                .iter()
                .any(|x| TaskId::new(&c.name, &t.name).is_selected_by(x))
    };
    Ok(manifest
        .chapters
        .iter()
        .map(|c| (c, c.tasks.iter().filter(|t| wanted(c, t)).collect::<Vec<_>>()))
        .filter(|(_, tasks)| !tasks.is_empty())
        .collect())
}

/// The one task named by `target` (`chapter/task`).
pub fn select_one<'m>(manifest: &'m Manifest, target: &str) -> Result<(&'m Chapter, &'m Task)> {
    if !target.contains('/') {
        bail!("name one task, as chapter/task (for example big-o/find-duplicates)");
    }
    let selection = select(manifest, &[target.to_string()])?;
    Ok((selection[0].0, selection[0].1[0]))
}

/// Builds one chapter and grades the given tasks of it.
pub fn grade_chapter(
    root: &Path,
    chapter: &Chapter,
    tasks: &[&Task],
    settings: Settings,
    allowed: &[String],
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Vec<TaskResult>> {
    progress(Progress::Building(chapter));
    if settings.subject == Subject::Exercises {
        let crate_dir = root.join(settings.subject.dir(&chapter.name));
        if let Some(problem) = audit(root, &crate_dir, allowed)? {
            return Ok(tasks
                .iter()
                .map(|t| verdict::refused(chapter, t, settings.subject, &problem))
                .collect());
        }
    }
    // Heap checks run in the same binary as the rest (its allocator counts); dhat's heap
    // binary is for `grader profile` only.
    let binaries = match compile::build(root, &chapter.name, settings.subject, false)? {
        Build::Ready(binaries) => binaries,
        Build::Failed { error, api_mismatch } => {
            return Ok(tasks
                .iter()
                .map(|t| verdict::does_not_compile(chapter, t, settings.subject, &error, api_mismatch))
                .collect());
        }
    };
    check_harness_tasks(&binaries.timed, chapter)?;
    let limits = Limits {
        time: Duration::from_secs_f64(settings.time_limit_s.unwrap_or(chapter.time_limit_s)),
        memory_bytes: settings.memory_limit_mib * 1024 * 1024,
    };
    let mut results = Vec::new();
    for task in tasks {
        progress(Progress::Grading(chapter, task));
        let started = Instant::now();
        let ending = run_task(root, &binaries, chapter, task, settings, limits)
            .with_context(|| format!("grading {}", TaskId::new(&chapter.name, &task.name)))?;
        let mut result = verdict::judge(chapter, task, ending, limits);
        result.seconds = started.elapsed().as_secs_f64();
        results.push(result);
    }
    Ok(results)
}

/// Runs one task: its correctness and timed checks in one process, then (if those ran to the
/// end) its heap checks in another process of the same binary, where the subject's first call
/// is the one measured. Every measurement is confirmed against its check ([`verify`]), and
/// they come back in manifest order.
fn run_task(
    root: &Path,
    binaries: &Binaries,
    chapter: &Chapter,
    task: &Task,
    settings: Settings,
    limits: Limits,
) -> Result<Ending> {
    let (heap_checks, timed_checks): (Numbered<'_>, Numbered<'_>) = task
        .checks
        .iter()
        .enumerate()
        .partition(|(_, c)| c.needs_heap_profiler());
    // In exact mode the speed checks are counted under valgrind, each side in a process of its
    // own, after the other checks (correctness first) have passed.
    let counting = settings.exact && task.exact.timed.is_none();
    let (counted_checks, timed_checks): (Numbered<'_>, Numbered<'_>) = timed_checks
        .into_iter()
        .partition(|(_, c)| counting && exact::counts(c));
    // The build-profiles lab and clippy's lints are measured by the grader itself.
    let (own_checks, timed_checks): (Numbered<'_>, Numbered<'_>) = timed_checks
        .into_iter()
        .partition(|(_, c)| c.measured_by_grader());
    let heap_n = grader_kit::task::heap_size(heap_checks.iter().map(|(_, c)| *c));
    let request = |checks: &[(usize, &Check)]| Request {
        task: task.name.clone(),
        seed: task_seed(settings.seed, &chapter.name, &task.name),
        checks: checks.iter().map(|(_, c)| (*c).clone()).collect(),
        budget_s: task.budget_s * settings.budget_scale,
        heap_profile: None,
        first_call_n: heap_n,
        count: None,
    };
    // Only the learner's benchmark (criterion writes its estimates) may open files.
    let scratch = task
        .checks
        .iter()
        .any(|c| matches!(c, Check::BenchmarkAccuracy { .. }));
    let run = |checks: &[(usize, &Check)]| -> Result<Ending> {
        let request = request(checks);
        Ok(match child::run(&binaries.timed, &request, limits, scratch)? {
            Ending::Responded {
                response: Response::Measured { cases, measurements },
                printed,
            } => match verify(&request.checks, measurements) {
                Ok(measurements) => Ending::Responded {
                    response: Response::Measured { cases, measurements },
                    printed,
                },
                Err(reason) => Ending::Interfered { reason, printed },
            },
            other => other,
        })
    };
    // The timed process always runs: it checks correctness on the random and edge cases.
    let timed = run(&timed_checks)?;
    let timed = if counted_checks.is_empty() {
        timed
    } else {
        let Ending::Responded {
            response: Response::Measured { cases, measurements },
            printed,
        } = timed
        else {
            return Ok(timed);
        };
        let broken = measurements
            .iter()
            .any(|m| m.verdict == Verdict::Fail && matches!(m.evidence, Evidence::Count { .. }));
        if broken || measurements.len() < timed_checks.len() {
            // A broken property (a lost update, a stale answer) ended the task: its verdict
            // stands, as in timed mode, and nothing is counted.
            return Ok(Ending::Responded {
                response: Response::Measured { cases, measurements },
                printed,
            });
        }
        let seed = task_seed(settings.seed, &chapter.name, &task.name);
        match exact::measure(&binaries.timed, task, &counted_checks, seed, limits)? {
            exact::Counted::Measured(counted) => Ending::Responded {
                response: Response::Measured {
                    cases,
                    measurements: in_check_order(
                        (timed_checks.iter().map(|(i, _)| *i).zip(measurements))
                            .chain(counted)
                            .collect(),
                    ),
                },
                printed,
            },
            exact::Counted::Failed(ending) => return Ok(ending),
        }
    };
    let timed_checks: Numbered<'_> = {
        let mut all: Numbered<'_> = timed_checks.into_iter().chain(counted_checks).collect();
        all.sort_by_key(|(i, _)| *i);
        all
    };
    let (timed, timed_checks) = match own_checks.is_empty() {
        true => (timed, timed_checks),
        false => measure_own(root, chapter, task, settings, timed, timed_checks, &own_checks)?,
    };
    if heap_checks.is_empty() {
        return Ok(timed);
    }
    let Ending::Responded {
        response: Response::Measured { cases, measurements },
        printed,
    } = timed
    else {
        return Ok(timed);
    };
    let heap = run(&heap_checks)?;
    let Ending::Responded {
        response:
            Response::Measured {
                cases: heap_cases,
                measurements: heap_measurements,
            },
        printed: heap_printed,
    } = heap
    else {
        return Ok(heap);
    };
    Ok(Ending::Responded {
        response: Response::Measured {
            cases: cases.max(heap_cases),
            measurements: in_check_order(
                (timed_checks.iter().map(|(i, _)| *i).zip(measurements))
                    .chain(heap_checks.iter().map(|(i, _)| *i).zip(heap_measurements))
                    .collect(),
            ),
        },
        printed: format!("{printed}{heap_printed}"),
    })
}

/// Adds the measurements the grader makes itself (the build-profiles lab, clippy's lints) to
/// a task whose other checks (its correctness at least) ran to the end; a task that ended
/// otherwise is returned as it is.
fn measure_own<'c>(
    root: &Path,
    chapter: &Chapter,
    task: &Task,
    settings: Settings,
    ending: Ending,
    checks: Numbered<'c>,
    own_checks: &Numbered<'c>,
) -> Result<(Ending, Numbered<'c>)> {
    let Ending::Responded {
        response: Response::Measured { cases, measurements },
        printed,
    } = ending
    else {
        return Ok((ending, checks));
    };
    let findings = root
        .join(settings.subject.dir(&chapter.name))
        .join("findings.toml");
    let seed = task_seed(settings.seed, &chapter.name, &task.name);
    let budget = Duration::from_secs_f64(task.budget_s * settings.budget_scale);
    let mut numbered: Vec<(usize, grader_kit::protocol::Measurement)> =
        checks.iter().map(|(i, _)| *i).zip(measurements).collect();
    for (i, check) in own_checks {
        let measured = match check {
            Check::ProfileFindings {
                profiles,
                within_factor,
            } => build_profiles::measure(
                root,
                &chapter.name,
                profiles,
                *within_factor,
                &findings,
                budget,
                seed,
            )?,
            Check::Lints { group, at_most } => {
                lints::measure(root, &chapter.name, settings.subject, group, *at_most)?
            }
            other => bail!("the grader does not measure {} checks itself", other.metric()),
        };
        numbered.push((*i, measured));
    }
    let mut all: Numbered<'c> = checks.into_iter().chain(own_checks.iter().copied()).collect();
    all.sort_by_key(|(i, _)| *i);
    Ok((
        Ending::Responded {
            response: Response::Measured {
                cases,
                measurements: in_check_order(numbered),
            },
            printed,
        },
        all,
    ))
}

/// The harness must offer exactly the manifest's tasks.
fn check_harness_tasks(binary: &Path, chapter: &Chapter) -> Result<()> {
    let output = Command::new(binary)
        .arg("list")
        .output()
        .with_context(|| format!("running {}", binary.display()))?;
    let offered: Vec<String> = serde_json::from_slice(&output.stdout)
        .with_context(|| format!("{} list printed no task list", binary.display()))?;
    let declared: Vec<&str> = chapter.tasks.iter().map(|t| t.name.as_str()).collect();
    if offered != declared {
        bail!(
            "the manifest and the {} harness disagree: manifest {declared:?}, harness {offered:?}",
            chapter.name
        );
    }
    Ok(())
}

/// A per-task seed, so tasks get different inputs while one `--seed` reproduces them all.
pub fn task_seed(seed: u64, chapter: &str, task: &str) -> u64 {
    grader_kit::task::seed_from(&TaskId::new(chapter, task).to_string(), seed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook.toml")).unwrap()
    }

    #[test]
    fn selection_follows_targets() {
        let m = manifest();
        let all = select(&m, &[]).unwrap();
        assert_eq!(
            all.iter().map(|(_, tasks)| tasks.len()).sum::<usize>(),
            m.chapters.iter().map(|c| c.tasks.len()).sum::<usize>()
        );
        let one = select(&m, &["big-o/order-report".into()]).unwrap();
        assert_eq!(
            one[0].1.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["order-report"]
        );
        let err = select(&m, &["nope".into()]).unwrap_err().to_string();
        assert!(err.contains("big-o"), "{err}");
        assert!(
            select(&m, &["big-o/nope".into()])
                .unwrap_err()
                .to_string()
                .contains("find-duplicates")
        );
    }

    #[test]
    fn task_seeds_differ_per_task_and_follow_the_run_seed() {
        assert_ne!(task_seed(1, "big-o", "a"), task_seed(1, "big-o", "b"));
        assert_ne!(task_seed(1, "big-o", "a"), task_seed(2, "big-o", "a"));
        assert_eq!(task_seed(1, "big-o", "a"), task_seed(1, "big-o", "a"));
    }
}
