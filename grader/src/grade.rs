//! Grading: select tasks, build each chapter, run each task in its own process, and turn what
//! happened into a [`TaskResult`]. A failure of the learner's code is a result; only a failure
//! of the grader itself (cargo missing, a broken harness) is an `Err`.

use crate::audit::audit;
use crate::child::{self, Ending, Limits, signal_name, tail};
use crate::compile::{self, Binaries, Build};
use crate::manifest::{Chapter, Manifest, Task};
use crate::report::figures;
use crate::result::{Status, TaskResult};
use crate::verify::verify;
use crate::workspace::Subject;
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
                .any(|x| *x == c.name || *x == format!("{}/{}", c.name, t.name))
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
                .map(|t| TaskResult {
                    details: Some(problem.clone()),
                    ..blank(
                        chapter,
                        t,
                        Status::DoesNotCompile,
                        format!("{} was not built: {problem}", settings.subject.dir(&chapter.name)),
                        "Keep the exercise to its own files, crates.io crates from the workbook's list, and safe Rust; then grade again.".into(),
                    )
                })
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
                .map(|t| does_not_compile(chapter, t, settings.subject, &error, api_mismatch))
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
        let ending = run_task(&binaries, chapter, task, settings, limits)
            .with_context(|| format!("grading {}/{}", chapter.name, task.name))?;
        let mut result = judge(chapter, task, ending, limits);
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
    let heap_n = grader_kit::task::heap_size(heap_checks.iter().map(|(_, c)| *c));
    let request = |checks: &[(usize, &Check)]| Request {
        task: task.name.clone(),
        seed: task_seed(settings.seed, &chapter.name, &task.name),
        checks: checks.iter().map(|(_, c)| (*c).clone()).collect(),
        budget_s: task.budget_s * settings.budget_scale,
        heap_profile: None,
        first_call_n: heap_n,
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
    grader_kit::task::seed_from(&format!("{chapter}/{task}"), seed)
}

fn does_not_compile(
    chapter: &Chapter,
    task: &Task,
    subject: Subject,
    error: &str,
    api_mismatch: bool,
) -> TaskResult {
    let dir = subject.dir(&chapter.name);
    let (summary, next_step) = if api_mismatch {
        (
            format!("{dir} compiles, but its public API no longer matches what the grader calls"),
            format!(
                "Keep every public function's name and signature as in the starter (see {dir}/src/lib.rs); change only the bodies."
            ),
        )
    } else {
        (
            format!("{dir} does not compile"),
            format!(
                "Fix the first error below; `cargo build -p {}` shows them all.",
                chapter.name
            ),
        )
    };
    TaskResult {
        details: Some(error.to_string()),
        ..blank(chapter, task, Status::DoesNotCompile, summary, next_step)
    }
}

/// Turns how the child ended into a result, with a plain-words summary and a next step.
pub fn judge(chapter: &Chapter, task: &Task, ending: Ending, limits: Limits) -> TaskResult {
    let id = format!("{}/{}", chapter.name, task.name);
    let test = format!("cargo test -p {}", chapter.name);
    match ending {
        Ending::Responded {
            response: Response::Measured { cases, measurements },
            printed,
        } => {
            let verdicts: Vec<Verdict> = measurements.iter().map(|m| m.verdict).collect();
            let status = if verdicts.contains(&Verdict::Fail) {
                Status::Failed
            } else if verdicts.contains(&Verdict::Inconclusive) {
                Status::Inconclusive
            } else {
                Status::Passed
            };
            let figures: Vec<String> = measurements.iter().map(figures::measured).collect();
            let next_step = match status {
                Status::Passed => "Done: every goal met.".to_string(),
                Status::Inconclusive => format!(
                    "The measurements could not decide at 99% confidence: rerun on a quieter machine (close other programs), or give it longer with `cargo run -p grader -- {id} --budget-scale 3`."
                ),
                _ => {
                    let mut next = format!("Hint: {}", task.hints[0]);
                    if measurements
                        .iter()
                        .any(|m| m.verdict == Verdict::Fail && matches!(m.evidence, Evidence::Heap { .. }))
                    {
                        next.push_str(&format!(
                            " See where the heap goes: `cargo run -p grader -- profile {id}` writes a dhat profile for dh_view."
                        ));
                    } else if measurements.iter().any(|m| m.verdict == Verdict::Fail && is_timing(&m.evidence)) {
                        next.push_str(&format!(" Find the hot spot: `cargo run -p grader -- profile {id}`."));
                        if let Some(bench) = &task.bench {
                            next.push_str(&format!(
                                " Measure it yourself: `cargo bench -p {} --bench {bench}`.",
                                chapter.name
                            ));
                        }
                    }
                    next
                }
            };
            TaskResult {
                passed: status == Status::Passed,
                cases: Some(cases),
                measurements,
                details: printed_details(&printed),
                ..blank(chapter, task, status, if cases == 0 {
                    // A broken property ends a counted task before its answers are checked.
                    figures.join("; ")
                } else {
                    format!("answers agree on {cases} cases; {}", figures.join("; "))
                }, next_step)
            }
        }
        Ending::Responded {
            response: Response::Error { message } | Response::Interfered { message },
            ..
        } => {
            unreachable!("child::run turns these into Err or Ending::Interfered: {message}")
        }
        Ending::Interfered { reason, printed } => TaskResult {
            details: printed_details(&printed),
            ..blank(
                chapter,
                task,
                Status::Interfered,
                format!("your code interfered with the grader: {reason}"),
                "Grade your own work as it is: keep to the function's inputs and result, join the threads you start, and leave the process, its files and its output channel alone.".into(),
            )
        },
        Ending::Responded {
            response: Response::WrongAnswer(mismatch),
            printed,
        } => TaskResult {
            details: printed_details(&printed),
            summary: format!("wrong answer on {}: {}", mismatch.case, mismatch.difference),
            next_step: mismatch.advice.clone().unwrap_or_else(|| format!(
                "Make it correct first: your answer must equal the starter's on the input shown. Add that input as a test and run `{test}`."
            )),
            mismatch: Some(mismatch),
            ..blank(chapter, task, Status::WrongAnswer, String::new(), String::new())
        },
        Ending::Responded {
            response: Response::Panicked { message, during },
            printed,
        } => TaskResult {
            details: Some(format!("while {during}{}", printed_details(&printed).map(|p| format!("\n{p}")).unwrap_or_default())),
            ..blank(
                chapter,
                task,
                Status::Panicked,
                format!("your code panicked: {message}"),
                format!("Reproduce it with a unit test on the input shown and run `{test}`."),
            )
        },
        Ending::TimedOut => blank(
            chapter,
            task,
            Status::TimedOut,
            format!("did not finish within {:.0} s", limits.time.as_secs_f64()),
            "Look for a loop that never ends, or code far slower than the starter. Give it longer with --time-limit.".into(),
        ),
        Ending::OutOfMemory { stderr } => TaskResult {
            details: Some(tail(&stderr)),
            ..blank(
                chapter,
                task,
                Status::OutOfMemory,
                format!("ran out of memory (limit {} MiB)", limits.memory_bytes / (1024 * 1024)),
                "Look for a collection that grows without bound (a loop that pushes forever, a huge `Vec::with_capacity`).".into(),
            )
        },
        Ending::StackOverflow { stderr } => TaskResult {
            details: Some(tail(&stderr)),
            ..blank(
                chapter,
                task,
                Status::Crashed,
                "crashed: stack overflow".into(),
                "Look for recursion without a base case, or recursion as deep as the input: turn it into a loop.".into(),
            )
        },
        Ending::Signalled { signal, stderr } => TaskResult {
            details: Some(tail(&stderr)),
            ..blank(
                chapter,
                task,
                Status::Crashed,
                format!("crashed with {}", signal_name(signal)),
                "Look for `std::process::abort`, `unsafe` code, or an `unwrap` in a `Drop`.".into(),
            )
        },
        Ending::ExitedEarly { code, stdout, stderr } => TaskResult {
            details: Some(tail(&format!("{stdout}{stderr}"))),
            ..blank(
                chapter,
                task,
                Status::ExitedEarly,
                format!(
                    "your code ended the process (exit code {}) before grading finished",
                    code.map_or("none".into(), |c| c.to_string())
                ),
                "Remove `std::process::exit` from library code: return a value instead.".into(),
            )
        },
    }
}

/// Whether a measurement is about time (then profiling and benchmarking help).
fn is_timing(evidence: &Evidence) -> bool {
    matches!(
        evidence,
        Evidence::Timings { .. } | Evidence::Curves { .. } | Evidence::Parallel { .. }
    )
}

fn blank(chapter: &Chapter, task: &Task, status: Status, summary: String, next_step: String) -> TaskResult {
    TaskResult {
        chapter: chapter.name.clone(),
        task: task.name.clone(),
        title: task.title.clone(),
        passed: false,
        status,
        summary,
        next_step,
        measurements: Vec::new(),
        cases: None,
        mismatch: None,
        details: None,
        seconds: 0.0,
    }
}

/// What learner code printed, for the report (the last lines), if it printed anything.
fn printed_details(printed: &str) -> Option<String> {
    (!printed.trim().is_empty()).then(|| format!("your code printed:\n{}", tail(printed)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use grader_kit::measure::{Policy, ScriptedSampler, measure_speedup};
    use grader_kit::protocol::Mismatch;

    fn manifest() -> Manifest {
        Manifest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook.toml")).unwrap()
    }

    fn limits() -> Limits {
        Limits {
            time: Duration::from_secs(60),
            memory_bytes: 2048 << 20,
        }
    }

    fn judged(ending: Ending) -> TaskResult {
        let m = manifest();
        let chapter = m.chapter("big-o").unwrap();
        judge(chapter, &chapter.tasks[0], ending, limits())
    }

    fn measured(starter: f64, subject: f64) -> Ending {
        let mut sampler = ScriptedSampler::new(|_, r| (starter * (1.0 + (r % 3) as f64 * 0.01), subject));
        let policy = Policy::with_budget(Duration::from_secs(1));
        let m = measure_speedup(&mut sampler, 8000, 10.0, policy).unwrap();
        Ending::Responded {
            response: Response::Measured {
                cases: 90,
                measurements: vec![m],
            },
            printed: String::new(),
        }
    }

    #[test]
    fn selection_follows_targets() {
        let m = manifest();
        let all = select(&m, &[]).unwrap();
        assert_eq!(
            all.iter().map(|(_, tasks)| tasks.len()).sum::<usize>(),
            m.chapters.iter().map(|c| c.tasks.len()).sum::<usize>()
        );
        let one = select(&m, &["big-o/common-customers".into()]).unwrap();
        assert_eq!(
            one[0].1.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["common-customers"]
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

    #[test]
    fn a_fast_subject_passes_and_a_slow_one_fails_with_a_hint() {
        let fast = judged(measured(0.0064, 0.0001));
        assert!(fast.passed);
        assert_eq!(fast.status, Status::Passed);
        assert!(
            fast.summary.contains("answers agree on 90 cases; speed-up 64"),
            "{}",
            fast.summary
        );

        let slow = judged(measured(0.0064, 0.0064));
        assert!(!slow.passed);
        assert_eq!(slow.status, Status::Failed);
        assert!(slow.next_step.starts_with("Hint: "));
        assert!(
            slow.next_step
                .contains("cargo bench -p big-o --bench find_duplicates")
        );
    }

    #[test]
    fn failures_of_the_learners_code_are_named_in_plain_words() {
        let wrong = judged(Ending::Responded {
            printed: String::new(),
            response: Response::WrongAnswer(Mismatch {
                case: "edge case: empty".into(),
                input: "[]".into(),
                expected: "[]".into(),
                actual: "[0]".into(),
                difference: "lengths differ".into(),
                advice: None,
            }),
        });
        assert_eq!(wrong.status, Status::WrongAnswer);
        assert!(wrong.summary.contains("edge case: empty"));
        assert!(wrong.mismatch.is_some());

        let panicked = judged(Ending::Responded {
            response: Response::Panicked {
                message: "index out of bounds at src/lib.rs:3".into(),
                during: "checking correctness on edge case: empty".into(),
            },
            printed: "debug: 3\n".into(),
        });
        assert!(panicked.details.as_deref().unwrap().contains("debug: 3"));
        assert_eq!(panicked.status, Status::Panicked);
        assert!(panicked.summary.contains("index out of bounds"));

        assert_eq!(judged(Ending::TimedOut).summary, "did not finish within 60 s");
        let oom = judged(Ending::OutOfMemory {
            stderr: "memory allocation of 8 bytes failed".into(),
        });
        assert_eq!(oom.summary, "ran out of memory (limit 2048 MiB)");
        let segv = judged(Ending::Signalled {
            signal: 11,
            stderr: String::new(),
        });
        assert_eq!(
            (segv.status, segv.summary.as_str()),
            (Status::Crashed, "crashed with SIGSEGV (segmentation fault)")
        );
        let exit = judged(Ending::ExitedEarly {
            code: Some(0),
            stdout: "bye".into(),
            stderr: String::new(),
        });
        assert_eq!(exit.status, Status::ExitedEarly);
        for r in [wrong, panicked, oom, segv, exit] {
            assert!(!r.passed);
        }
    }
}
