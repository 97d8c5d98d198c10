//! The words of a verdict: how a task's process ended, turned into a [`TaskResult`] with a
//! status, a one-line summary in plain words (with the figures) and the next step to take.

use crate::child::{Ending, Limits, signal_name, tail};
use crate::layout::Subject;
use crate::manifest::{Chapter, Task};
use crate::report::figures;
use crate::result::{Status, TaskResult};
use crate::task_id::TaskId;
use grader_kit::protocol::{Evidence, Response, ServerEnd, Verdict};

/// The result of every task of an exercise crate the audit refused to build, for `problem`.
pub fn refused(chapter: &Chapter, task: &Task, subject: Subject, problem: &str) -> TaskResult {
    TaskResult {
        details: Some(problem.to_string()),
        ..blank(
            chapter,
            task,
            Status::DoesNotCompile,
            format!("{} was not built: {problem}", subject.dir(&chapter.name)),
            "Keep the exercise to its own files, crates.io crates from the workbook's list, and safe Rust; then grade again.".into(),
        )
    }
}

/// The result of a task whose chapter did not compile, or compiled with another public API.
pub fn does_not_compile(
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
    let id = TaskId::new(&chapter.name, &task.name);
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
            response: Response::ServerFailed { message, end, output },
            printed,
        } => {
            let (status, next_step) = match end {
                ServerEnd::Hung => (
                    Status::TimedOut,
                    "Run the server yourself (`cargo run -p web-service --release`), send the request shown with curl, and look for a lock that is never released, a loop without end, or work the runtime never gets back to.",
                ),
                ServerEnd::OutOfMemory => (
                    Status::OutOfMemory,
                    "Look for a cache or a buffer that grows without bound under load.",
                ),
                ServerEnd::Killed { .. } => (
                    Status::Crashed,
                    "Run the server yourself under the same requests and read what it printed; look for `unwrap`, `expect` and `abort` on the path shown.",
                ),
                ServerEnd::Exited { .. } => (
                    Status::ExitedEarly,
                    "Your server must keep serving until it is stopped: `run` may not return, and no code may call `std::process::exit`.",
                ),
            };
            let output = tail(&format!("{output}{printed}"));
            TaskResult {
                details: (!output.trim().is_empty()).then_some(output),
                ..blank(chapter, task, status, message, next_step.into())
            }
        }
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
    use crate::manifest::Manifest;
    use grader_kit::measure::{Policy, ScriptedSampler, measure_speedup};
    use grader_kit::protocol::Mismatch;
    use std::path::Path;
    use std::time::Duration;

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
