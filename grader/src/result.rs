//! The grader's result: one documented, serializable type, printed by `--json` as is.
//!
//! This is a public contract (instructors' scripts read it): fields may be added, never
//! renamed or removed. `tasks[].chapter`, `.task`, `.passed` and `checklist[].item`, `.passed`
//! are the fields every version guarantees.

use crate::layout::Subject;
use crate::manifest::Manifest;
use crate::task_id::TaskId;
use grader_kit::protocol::{Measurement, Mismatch};
use serde::{Deserialize, Serialize};

/// Version of the JSON document's format.
pub const REPORT_VERSION: u32 = 1;

/// Everything one grader run found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The document format's version ([`REPORT_VERSION`]).
    pub version: u32,
    /// The grader's own version.
    pub grader: String,
    /// The seed of every random input: `--seed` reproduces the run.
    pub seed: u64,
    /// Which code was graded.
    pub subject: Subject,
    /// How speed was judged: by the clock, or by instructions executed (`--exact`).
    pub mode: Mode,
    /// True when every graded task passed.
    pub passed: bool,
    /// One entry per graded task, in course order.
    pub tasks: Vec<TaskResult>,
    /// The assessment checklist, in course order.
    pub checklist: Vec<ChecklistResult>,
    /// The chapters of the graded tasks, in course order, with their titles.
    pub chapters: Vec<ChapterInfo>,
}

/// How a run judged speed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Interleaved timed rounds, with confidence intervals: what the machine really does.
    Timed,
    /// Instructions executed under valgrind's callgrind: the same figures on any machine for
    /// a given seed, blind to cache misses, I/O waits and contention.
    Exact,
}

impl Mode {
    /// What the figures of a run in this mode are, in plain words.
    pub fn description(self) -> &'static str {
        match self {
            Mode::Timed => "time, in interleaved rounds against the starter, with 99% confidence intervals",
            Mode::Exact => {
                "exact mode: instructions executed, counted by valgrind's callgrind, not time. The \
                 counts repeat on any machine for a given seed, but they do not see cache misses, \
                 memory bandwidth, I/O waits, lock contention or how wide an instruction is (one \
                 SIMD instruction counts as one). The crossover, benchmark-accuracy, \
                 build-profile and server checks are still timed, and so are the speed checks \
                 the manifest keeps timed (where the saving is time spent waiting, which \
                 executes no instructions)."
            }
        }
    }

    /// The mode `--exact` asks for.
    pub fn from_flag(exact: bool) -> Mode {
        if exact { Mode::Exact } else { Mode::Timed }
    }
}

/// A chapter, as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChapterInfo {
    /// The chapter's name (`big-o`), as in `tasks[].chapter`.
    pub name: String,
    /// Its title ("Big O and algorithms").
    pub title: String,
}

impl ChapterInfo {
    /// The chapters of `manifest` that `tasks` come from, in course order.
    pub fn graded(manifest: &Manifest, tasks: &[TaskResult]) -> Vec<ChapterInfo> {
        manifest
            .chapters
            .iter()
            .filter(|c| tasks.iter().any(|t| t.chapter == c.name))
            .map(|c| ChapterInfo {
                name: c.name.clone(),
                title: c.title.clone(),
            })
            .collect()
    }
}

/// How one task fared.
#[derive(Debug, Clone, Serialize)]
pub struct TaskResult {
    /// The chapter's name (`big-o`).
    pub chapter: String,
    /// The task's name (`find-duplicates`).
    pub task: String,
    /// The task's title.
    pub title: String,
    /// True only when the answers were right and every goal was met with confidence.
    pub passed: bool,
    /// What happened, as one word.
    pub status: Status,
    /// What happened, in one line of plain words, with the figures.
    pub summary: String,
    /// What to do next.
    pub next_step: String,
    /// The measured figures (empty when the code could not be measured).
    pub measurements: Vec<Measurement>,
    /// How many correctness cases agreed with the starter (absent when not checked).
    pub cases: Option<usize>,
    /// The smallest input found where the answer differs from the starter's.
    pub mismatch: Option<Mismatch>,
    /// The compiler error, the panic message or the tail of the process's stderr.
    pub details: Option<String>,
    /// Wall-clock seconds spent grading the task (building excluded).
    pub seconds: f64,
}

impl TaskResult {
    /// The task's id, `chapter/task`.
    pub fn id(&self) -> TaskId {
        TaskId::new(&self.chapter, &self.task)
    }
}

/// How a task ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Correct, and every goal met.
    Passed,
    /// Correct, but a goal was missed.
    Failed,
    /// Correct, but the measurements could not decide at the confidence required.
    Inconclusive,
    /// An answer differed from the starter's.
    WrongAnswer,
    /// The chapter did not compile.
    DoesNotCompile,
    /// The code panicked.
    Panicked,
    /// The code ran past the time limit.
    TimedOut,
    /// The process crashed (abort, segmentation fault, stack overflow).
    Crashed,
    /// The code went past the memory limit.
    OutOfMemory,
    /// The code ended the process before the grader finished.
    ExitedEarly,
    /// The code interfered with the grader: a forged or missing response, threads left busy
    /// while the starter was timed, memory hidden from the allocator, a file outside its crate.
    Interfered,
}

impl Status {
    /// A short label for the terminal.
    pub fn label(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Inconclusive => "inconclusive",
            Status::WrongAnswer => "wrong answer",
            Status::DoesNotCompile => "does not compile",
            Status::Panicked => "panicked",
            Status::TimedOut => "timed out",
            Status::Crashed => "crashed",
            Status::OutOfMemory => "out of memory",
            Status::ExitedEarly => "exited early",
            Status::Interfered => "interfered",
        }
    }
}

/// One line of the assessment checklist.
///
/// An item is ticked when the latest verdict of every task mapped to it is a pass: this run's
/// verdict for the tasks it graded, and for the others, on a run over the learner's exercises,
/// the last verdict saved in `.workbook/` (a task that passed once and failed since does not
/// count). `--solutions` and `--starters` runs count only their own verdicts. A task that
/// failed in this run therefore never lets its item be ticked, and a full run ticks exactly
/// the items whose tasks all passed in it.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistResult {
    /// The item's id in the manifest.
    pub id: String,
    /// The item, as the learner reads it.
    pub item: String,
    /// True when the item is ticked: every mapped task's latest verdict is a pass (see the
    /// type's documentation). In a full run: every mapped task passed in this run.
    pub passed: bool,
    /// Why it is or is not ticked.
    pub status: ChecklistStatus,
    /// The tasks (`chapter/task`) mapped to it.
    pub tasks: Vec<String>,
    /// How many of them passed in this run.
    pub tasks_passed: usize,
    /// How many tasks are mapped to it (the length of `tasks`).
    pub tasks_total: usize,
    /// How many of them were graded in this run.
    pub tasks_graded: usize,
    /// How many of them count as passed: passed in this run, or not graded in it and passed
    /// at their last saved verdict (saved progress counts on the learner's exercises only).
    pub tasks_passed_so_far: usize,
}

/// The state of a checklist item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChecklistStatus {
    /// Every mapped task's latest verdict is a pass: the item is ticked.
    Passed,
    /// Some mapped task did not pass: in this run, or at its last saved verdict.
    NotYet,
    /// No mapped task failed, but some have no verdict: not graded in this run, nor (for the
    /// learner's exercises) ever before.
    NotGraded,
    /// No chapter maps to it yet.
    ChapterNotAvailable,
}
