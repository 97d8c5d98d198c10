//! The report for people: a table per chapter, then the assessment checklist.

use super::figures;
use crate::checklist;
use crate::result::{Report, TaskResult};
use std::fmt::Write;

/// Width at which hints and next steps are wrapped.
const WRAP: usize = 96;

/// The whole report as text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    if report.mode == crate::result::Mode::Exact {
        out.push('\n');
        for line in wrap(report.mode.description(), WRAP) {
            let _ = writeln!(out, "{line}");
        }
    }
    for chapter in &report.chapters {
        let tasks: Vec<_> = report
            .tasks
            .iter()
            .filter(|t| t.chapter == chapter.name)
            .collect();
        if tasks.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", chapter.title, chapter.name);
        let header = ["task", "status", "measured", "goal"].map(String::from);
        let rows: Vec<Vec<[String; 4]>> = tasks.iter().map(|t| task_rows(t)).collect();
        let widths: Vec<usize> = (0..4)
            .map(|c| {
                rows.iter()
                    .flatten()
                    .chain([&header])
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |r: &[String; 4]| {
            let cells: Vec<String> = (0..4).map(|c| pad(&r[c], widths[c])).collect();
            format!("  {}", cells.join("  ").trim_end())
        };
        let _ = writeln!(out, "{}", line(&header));
        for (task, rows) in tasks.iter().zip(&rows) {
            for row in rows {
                let _ = writeln!(out, "{}", line(row));
            }
            write_details(&mut out, task);
        }
    }
    let _ = writeln!(out, "\nAssessment checklist");
    for item in &report.checklist {
        let state = checklist::describe(item, report.subject);
        let _ = writeln!(out, "  {} {} ({state})", mark(item.passed), item.item);
    }
    if let Some(rule) = checklist::footnote(report) {
        for line in wrap(rule, WRAP) {
            let _ = writeln!(out, "  {line}");
        }
    }
    let passed = report.tasks.iter().filter(|t| t.passed).count();
    let _ = writeln!(out, "\n{passed} of {} graded tasks passed.", report.tasks.len());
    out
}

/// A task's table rows: one per measurement (the summary when nothing was measured).
fn task_rows(t: &TaskResult) -> Vec<[String; 4]> {
    let figures: Vec<(String, String)> = if t.measurements.is_empty() {
        vec![(t.summary.clone(), String::new())]
    } else {
        t.measurements
            .iter()
            .map(|m| (figures::measured(m), figures::goal(m)))
            .collect()
    };
    figures
        .into_iter()
        .enumerate()
        .map(|(i, (measured, goal))| match i {
            0 => [
                t.task.clone(),
                format!("{} {}", mark(t.passed), t.status.label()),
                measured,
                goal,
            ],
            _ => [String::new(), String::new(), measured, goal],
        })
        .collect()
}

/// The rendered report with colours for a terminal: ✓ green, ✗ red, "inconclusive" yellow.
/// Call it only when colour is wanted (see [`colour_wanted`]).
pub fn paint(text: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let green = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    text.replace('✓', &format!("{green}✓{green:#}"))
        .replace('✗', &format!("{red}✗{red:#}"))
        .replace("inconclusive", &format!("{yellow}inconclusive{yellow:#}"))
}

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything (no-color.org).
pub fn colour_wanted(is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty())
}

fn mark(passed: bool) -> &'static str {
    if passed { "✓" } else { "✗" }
}

/// The lines under a task's row: evidence, the mismatch or error, the next step.
fn write_details(out: &mut String, t: &TaskResult) {
    let indent = "      ";
    for m in &t.measurements {
        let _ = writeln!(out, "{indent}{}", figures::evidence(m));
    }
    if let Some(m) = &t.mismatch {
        let _ = writeln!(out, "{indent}input:    {}", m.input);
        let _ = writeln!(out, "{indent}expected: {}", m.expected);
        let _ = writeln!(out, "{indent}yours:    {}", m.actual);
    }
    if let Some(details) = &t.details {
        for line in details.lines() {
            let _ = writeln!(out, "{indent}│ {line}");
        }
    }
    for (i, line) in wrap(&t.next_step, WRAP).iter().enumerate() {
        let _ = writeln!(out, "{indent}{}{line}", if i == 0 { "→ " } else { "  " });
    }
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.chars().count())))
}

/// Greedy word wrap.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("lines is never empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Subject;
    use crate::manifest::Manifest;
    use crate::result::{ChapterInfo, REPORT_VERSION, Status};
    use grader_kit::measure::{Policy, ScriptedSampler, measure_complexity, measure_speedup};
    use grader_kit::protocol::Mismatch;
    use grader_kit::spec::ComplexityClass;
    use std::time::Duration;

    fn manifest() -> Manifest {
        Manifest::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook.toml")).unwrap()
    }

    fn result(task: &str, status: Status, subject_cost: f64) -> TaskResult {
        let policy = Policy::with_budget(Duration::from_secs(1));
        let mut sampler = ScriptedSampler::new(|n, r| {
            let n = n as f64;
            (1e-10 * n * n * (1.0 + (r % 4) as f64 * 0.01), subject_cost * n)
        });
        let speedup = measure_speedup(&mut sampler, 8000, 10.0, policy).unwrap();
        let curve = measure_complexity(
            &mut sampler,
            &[1000, 2000, 4000, 8000],
            ComplexityClass::Linearithmic,
            policy,
        )
        .unwrap();
        TaskResult {
            chapter: "big-o".into(),
            task: task.into(),
            title: String::new(),
            passed: status == Status::Passed,
            status,
            summary: "wrong answer on edge case: empty".into(),
            next_step: "Hint: think about it.".into(),
            measurements: if status == Status::WrongAnswer {
                vec![]
            } else {
                vec![speedup, curve]
            },
            cases: Some(90),
            mismatch: (status == Status::WrongAnswer).then(|| Mismatch {
                case: "edge case: empty".into(),
                input: "[]".into(),
                expected: "[]".into(),
                actual: "[1]".into(),
                difference: "lengths differ".into(),
                advice: None,
            }),
            details: None,
            seconds: 1.0,
        }
    }

    #[test]
    fn the_table_shows_figures_goals_evidence_and_next_steps() {
        let manifest = manifest();
        let tasks = vec![
            result("find-duplicates", Status::Passed, 1e-8),
            result("count-pairs-with-sum", Status::WrongAnswer, 1e-8),
        ];
        // A workbook without the chapters that tick the concurrency item (its own and the
        // capstone), for the checklist's "not yet" line.
        let mut manifest = manifest;
        manifest
            .chapters
            .retain(|c| c.name != "concurrency" && c.name != "web-service");
        // Saved progress: another Big O task passed before, and a data-structures one did.
        let mut saved = crate::state::fresh();
        for id in ["big-o/longest-unique-window", "data-structures/print-queue"] {
            saved.tasks.insert(
                id.into(),
                crate::state::TaskState {
                    status: Status::Passed,
                    passed_ever: true,
                    summary: String::new(),
                    graded_at: 0,
                },
            );
        }
        let report = Report {
            version: REPORT_VERSION,
            grader: "test".into(),
            seed: 1,
            subject: Subject::Exercises,
            mode: crate::result::Mode::Timed,
            passed: false,
            checklist: checklist::assess(&manifest, &tasks, Some(&saved)),
            chapters: ChapterInfo::graded(&manifest, &tasks),
            tasks,
        };
        let text = render(&report);
        assert!(text.contains("Big O and algorithms (big-o)"), "{text}");
        assert!(text.contains("find-duplicates       ✓ passed"), "{text}");
        assert!(text.contains("speed-up 80.8× (99% CI 80.0–82.4)"), "{text}");
        assert!(text.contains("time ≈ O(n^1.00)"), "{text}");
        assert!(text.contains("≥ 10.0× faster than the starter"), "{text}");
        assert!(
            text.contains("at n = 8000: starter 6.46 ms per call, yours 80.0 µs"),
            "{text}"
        );
        assert!(text.contains("the starter grows as O(n^2.00)"), "{text}");
        assert!(
            text.contains("count-pairs-with-sum  ✗ wrong answer  wrong answer on edge case: empty"),
            "{text}"
        );
        assert!(
            text.contains("expected: []") && text.contains("yours:    [1]"),
            "{text}"
        );
        assert!(text.contains("→ Hint: think about it."), "{text}");
        // This run's pass plus the saved one; count-pairs-with-sum failed in this run.
        assert!(
            text.contains(
                "✗ Understand and apply Big O notation in algorithm choices \
                 (2 of 4 tasks passed so far; 2 not graded in this run)"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "✗ Select efficient data structures for different use cases \
                 (1 of 5 tasks passed so far; 5 not graded in this run)"
            ),
            "{text}"
        );
        assert!(
            text.contains("A task not graded in this run counts as passed when its last verdict"),
            "{text}"
        );
        assert!(text.contains("its chapter is not in the workbook yet"));
        assert!(text.ends_with("1 of 2 graded tasks passed.\n"), "{text}");
    }

    #[test]
    fn colour_is_for_terminals_without_no_color() {
        assert!(colour_wanted(true, None));
        assert!(!colour_wanted(false, None));
        assert!(!colour_wanted(true, Some("1".into())));
        assert!(colour_wanted(true, Some("".into())));
        let plain = "✓ passed, ✗ failed, ✗ inconclusive";
        let painted = paint(plain);
        assert!(painted.contains("\u{1b}[32m✓"), "{painted:?}");
        assert!(painted.contains("\u{1b}[31m✗"), "{painted:?}");
        assert!(painted.contains("\u{1b}[33minconclusive"), "{painted:?}");
        // Without its escape sequences, the text is unchanged.
        let mut stripped = String::new();
        let mut chars = painted.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                chars.by_ref().find(|&c| c == 'm');
            } else {
                stripped.push(c);
            }
        }
        assert_eq!(stripped, plain);
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("abcdefgh", 3), ["abcdefgh"]);
    }
}
