//! `grader profile CHAPTER/TASK`: where a task's code spends its time.
//!
//! Runs the chapter's harness in profile mode (the subject's work alone, on the graded input
//! size) under valgrind's callgrind, whose instruction counts repeat exactly even on a busy
//! virtual machine, or under `perf record` where valgrind is missing, and lists the hottest
//! functions of the subject's crate.

use crate::compile::{self, Build};
use crate::grade::task_seed;
use crate::layout::Layout;
use crate::layout::Subject;
use crate::manifest::{Chapter, Task};
use crate::task_id::TaskId;
use anyhow::{Context, Result, bail};
use grader_kit::protocol::Request;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// Functions of other crates listed under "where the instructions are".
const SELF_COST_ROWS: usize = 6;

/// One function's share of the profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The function's path, as the profiler names it.
    pub function: String,
    /// For self-cost rows: the source file its instructions come from, when inlined from elsewhere.
    pub inlined_from: Option<String>,
    /// Share of the whole run, in percent.
    pub percent: f64,
}

/// The profilers the grader knows, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profiler {
    /// valgrind --tool=callgrind: exact instruction counts.
    Callgrind,
    /// perf record: sampled CPU time.
    Perf,
}

impl Profiler {
    /// The first profiler that works on this machine.
    pub fn detect() -> Option<Profiler> {
        let works = |program: &str, args: &[&str]| {
            Command::new(program)
                .args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        // callgrind_annotate prints its version but exits with 255: being there is enough.
        let annotate = Command::new("callgrind_annotate")
            .arg("--version")
            .output()
            .is_ok();
        if works("valgrind", &["--version"]) && annotate {
            Some(Profiler::Callgrind)
        } else if works(
            "perf",
            &["record", "-e", "cpu-clock", "-o", "/dev/null", "--", "true"],
        ) {
            Some(Profiler::Perf)
        } else {
            None
        }
    }
}

/// Profiles one task. `Ok(Ok(report))` to print; `Ok(Err(message))` when the learner's chapter
/// does not compile; `Err` when no profiler could run.
pub fn run(
    root: &Path,
    chapter: &Chapter,
    task: &Task,
    subject: Subject,
    seed: u64,
    top: usize,
) -> Result<Result<String, String>> {
    let Some(profiler) = Profiler::detect() else {
        bail!(
            "no profiler found: install valgrind (Debian/Ubuntu: `apt-get install valgrind`) or perf \
             (`apt-get install linux-perf`), then run this again"
        );
    };
    eprintln!("  building {} in release mode…", chapter.name);
    let binary = match compile::build(root, &chapter.name, subject, false)? {
        Build::Ready(binaries) => binaries.timed,
        Build::Failed { error, .. } => {
            return Ok(Err(format!(
                "{} does not compile:\n{error}",
                subject.dir(&chapter.name)
            )));
        }
    };
    let dir = tempfile::Builder::new().prefix("workbook-profile-").tempdir()?;
    let request = Request {
        task: task.name.clone(),
        seed: task_seed(seed, &chapter.name, &task.name),
        checks: task.checks.clone(),
        budget_s: task.budget_s,
        heap_profile: None,
        first_call_n: None,
        count: None,
    };
    let request_path = dir.path().join("request.json");
    std::fs::write(&request_path, serde_json::to_vec(&request)?)?;
    let id = TaskId::new(&chapter.name, &task.name);
    eprintln!("  profiling {id} with {}…", profiler.describe());
    let (inclusive, own) = match profiler {
        Profiler::Callgrind => callgrind(&binary, &request_path, dir.path())?,
        Profiler::Perf => perf(&binary, &request_path, dir.path())?,
    };
    let krate = Layout::new(&chapter.name).crate_name(subject.into());
    Ok(Ok(render(&id, subject, profiler, &krate, &inclusive, &own, top)))
}

impl Profiler {
    fn describe(self) -> &'static str {
        match self {
            Profiler::Callgrind => "valgrind --tool=callgrind (instructions executed, exact)",
            Profiler::Perf => "perf record (CPU time, sampled)",
        }
    }
}

fn callgrind(binary: &Path, request: &Path, dir: &Path) -> Result<(Vec<Row>, Vec<Row>)> {
    let out = dir.join("callgrind.out");
    let status = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg(binary)
        .arg("profile")
        .arg(request)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .context("running valgrind")?;
    if !status.status.success() {
        bail!(
            "valgrind failed: {}",
            String::from_utf8_lossy(&status.stderr).trim()
        );
    }
    let annotate = |inclusive: bool| -> Result<String> {
        let output = Command::new("callgrind_annotate")
            .arg(format!("--inclusive={}", if inclusive { "yes" } else { "no" }))
            .arg(&out)
            .output()
            .context("running callgrind_annotate")?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    Ok((
        parse_callgrind(&annotate(true)?, true),
        parse_callgrind(&annotate(false)?, false),
    ))
}

/// Parses `callgrind_annotate` output: lines like
/// `361,776,300 (99.85%)  /path/src/lib.rs:big_o::find_duplicates [/path/binary]`.
/// A function inlined into others appears once per source file: inclusive figures take the
/// largest line of a function (its whole), self figures keep each (function, file) pair.
pub fn parse_callgrind(text: &str, inclusive: bool) -> Vec<Row> {
    let mut rows: BTreeMap<(String, Option<String>), f64> = BTreeMap::new();
    // The function table runs from its header to the first blank line; what follows
    // (per-file annotations, call arcs like "=> f (20,796x)") is not a table row.
    let table = text.lines().skip_while(|l| !l.contains("file:function")).skip(2);
    for line in table.take_while(|l| !l.trim().is_empty()) {
        let line = line.trim();
        let Some((_, rest)) = line.split_once(" (") else {
            continue;
        };
        let Some((percent, location)) = rest.split_once("%)") else {
            continue;
        };
        let Ok(percent) = percent.trim().parse::<f64>() else {
            continue;
        };
        let location = location.trim();
        let location = location.rsplit_once(" [").map_or(location, |(l, _)| l);
        let Some((file, function)) = location.split_once(':') else {
            continue;
        };
        let from = (!inclusive).then(|| library_path(file)).flatten();
        let entry = rows.entry((function.to_string(), from)).or_insert(0.0);
        *entry = entry.max(percent);
    }
    let mut rows: Vec<Row> = rows
        .into_iter()
        .map(|((function, inlined_from), percent)| Row {
            function,
            inlined_from,
            percent,
        })
        .collect();
    rows.sort_by(|a, b| b.percent.total_cmp(&a.percent));
    rows
}

/// `core/src/slice/cmp.rs` for a path inside the Rust standard library, else `None`.
fn library_path(file: &str) -> Option<String> {
    file.split_once("/library/").map(|(_, rest)| rest.to_string())
}

fn perf(binary: &Path, request: &Path, dir: &Path) -> Result<(Vec<Row>, Vec<Row>)> {
    let data = dir.join("perf.data");
    let record = Command::new("perf")
        // DWARF unwinding: frame-pointer call graphs lose every caller of a libc function
        // built without frame pointers (memcmp, memchr), and with it most of the picture.
        .args([
            "record",
            "-e",
            "cpu-clock",
            "-F",
            "2000",
            "--call-graph",
            "dwarf",
            "-o",
        ])
        .arg(&data)
        .arg("--")
        .arg(binary)
        .arg("profile")
        .arg(request)
        .output()
        .context("running perf record")?;
    if !record.status.success() {
        bail!(
            "perf record failed: {}",
            String::from_utf8_lossy(&record.stderr).trim()
        );
    }
    let report = |children: &str| -> Result<Vec<Row>> {
        let output = Command::new("perf")
            .args([
                "report", "--stdio", children, "--sort", "symbol", "-g", "none", "-i",
            ])
            .arg(&data)
            .output()
            .context("running perf report")?;
        Ok(parse_perf(&String::from_utf8_lossy(&output.stdout)))
    };
    Ok((report("--children")?, report("--no-children")?))
}

/// Parses `perf report --stdio --sort symbol` lines like `  88.90%  [.] big_o::find_duplicates`
/// (with `--children`, the first of the two percentages is the inclusive one).
pub fn parse_perf(text: &str) -> Vec<Row> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|line| {
            let percent: f64 = line.split_whitespace().next()?.strip_suffix('%')?.parse().ok()?;
            // Columns are separated by runs of spaces; a symbol has single spaces at most.
            let (_, rest) = line.split_once("] ")?;
            let function = rest.split("  ").next()?.trim();
            Some(Row {
                function: function.to_string(),
                inlined_from: None,
                percent,
            })
        })
        .collect()
}

/// The profile as text: the subject crate's functions by inclusive share, then where the
/// instructions themselves are.
pub fn render(
    id: &TaskId,
    subject: Subject,
    profiler: Profiler,
    krate: &str,
    inclusive: &[Row],
    own: &[Row],
    top: usize,
) -> String {
    let mut out = String::new();
    let prefix = format!("{krate}::");
    let _ = writeln!(
        out,
        "\nProfile of {id} ({}, {})",
        subject.dir(&id.chapter),
        profiler.describe()
    );
    let _ = writeln!(
        out,
        "\nYour crate's functions, by share of the whole run including what they call:"
    );
    let mine: Vec<&Row> = inclusive
        .iter()
        .filter(|r| r.function.contains(&prefix))
        .take(top)
        .collect();
    if mine.is_empty() {
        let _ = writeln!(
            out,
            "  (no function of `{krate}` showed up: it may all be inlined into the harness)"
        );
    }
    for row in mine {
        let _ = writeln!(out, "  {:>6.2}%  {}", row.percent, row.function);
    }
    let _ = writeln!(
        out,
        "\nWhere the instructions themselves are (self cost, inlined code attributed to its source):"
    );
    for row in own.iter().take(SELF_COST_ROWS) {
        let from = row
            .inlined_from
            .as_deref()
            .map(|f| format!("  (inlined from {f})"))
            .unwrap_or_default();
        let _ = writeln!(out, "  {:>6.2}%  {}{from}", row.percent, row.function);
    }
    let _ = writeln!(
        out,
        "\nThe top lines are your bottleneck: fix those first, then re-measure with `cargo run -p grader -- {id}`."
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANNOTATE: &str = "\
--------------------------------------------------------------------------------
Ir                    file:function
--------------------------------------------------------------------------------
362,311,893 (100.0%)  ???:0x000000000001ab70 [/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2]
361,953,530 (99.90%)  /work/grader/kit/src/task.rs:<grader_kit::task::TimedTask<I,O> as grader_kit::task::Task>::profile [/bin/h]
361,776,300 (99.85%)  /work/grader/starters/big-o/src/lib.rs:big_o_starter::find_duplicates [/bin/h]
322,104,985 (88.90%)  /rustc/abc/library/core/src/slice/cmp.rs:big_o_starter::find_duplicates
 37,999,210 (10.49%)  /rustc/abc/library/core/src/slice/mod.rs:big_o_starter::find_duplicates

-- Auto-annotated source: /work/grader/starters/big-o/src/lib.rs
361,776,300 (99.85%)  => /work/grader/starters/big-o/src/lib.rs:big_o_starter::other (20,796x)
";

    #[test]
    fn callgrind_inclusive_rows_take_a_functions_whole() {
        let rows = parse_callgrind(ANNOTATE, true);
        let find = rows
            .iter()
            .find(|r| r.function == "big_o_starter::find_duplicates")
            .unwrap();
        assert_eq!(find.percent, 99.85);
        assert_eq!(rows[0].percent, 100.0);
        assert!(
            rows.iter().all(|r| !r.function.contains("other")),
            "annotations are not rows"
        );
    }

    #[test]
    fn callgrind_self_rows_say_where_inlined_code_comes_from() {
        let rows = parse_callgrind(ANNOTATE, false);
        let find = |from: Option<&str>| {
            rows.iter()
                .find(|r| r.function == "big_o_starter::find_duplicates" && r.inlined_from.as_deref() == from)
                .map(|r| r.percent)
        };
        assert_eq!(find(None), Some(99.85));
        assert_eq!(find(Some("core/src/slice/cmp.rs")), Some(88.90));
        assert_eq!(find(Some("core/src/slice/mod.rs")), Some(10.49));
    }

    #[test]
    fn perf_rows_are_parsed() {
        let text =
            "# comment\n    88.90%  [.] big_o::find_duplicates  -      -   \n     2.00%  [k] clear_page\n";
        let rows = parse_perf(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].function.as_str(), rows[0].percent),
            ("big_o::find_duplicates", 88.90)
        );
    }

    #[test]
    fn the_report_lists_the_subject_crate_first() {
        let inclusive = parse_callgrind(ANNOTATE, true);
        let own = parse_callgrind(ANNOTATE, false);
        let text = render(
            &TaskId::new("big-o", "find-duplicates"),
            Subject::Starters,
            Profiler::Callgrind,
            "big_o_starter",
            &inclusive,
            &own,
            5,
        );
        let mine = text.split("Where the instructions").next().unwrap();
        assert!(mine.contains(" 99.85%  big_o_starter::find_duplicates"), "{text}");
        assert!(!mine.contains("grader_kit"), "{text}");
        assert!(text.contains("(inlined from core/src/slice/cmp.rs)"), "{text}");
    }
}
