//! The report for people: a table per chapter, then the assessment checklist.

use super::figures;
use crate::manifest::Manifest;
use crate::result::{ChecklistStatus, Report, Status};
use std::fmt::Write;

/// Width at which hints and next steps are wrapped.
const WRAP: usize = 96;

/// The whole report as text.
pub fn render(report: &Report, manifest: &Manifest) -> String {
    let mut out = String::new();
    for chapter in &manifest.chapters {
        let tasks: Vec<_> = report
            .tasks
            .iter()
            .filter(|t| t.chapter == chapter.name)
            .collect();
        if tasks.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{} ({})", chapter.title, chapter.name);
        let rows: Vec<[String; 4]> = tasks
            .iter()
            .flat_map(|t| {
                let mark = format!("{} {}", if t.passed { "✓" } else { "✗" }, t.status.label());
                let figures: Vec<(String, String)> = if t.measurements.is_empty() {
                    vec![(t.summary.clone(), String::new())]
                } else {
                    t.measurements
                        .iter()
                        .map(|m| (figures::measured(m), figures::goal(m)))
                        .collect()
                };
                figures.into_iter().enumerate().map(move |(i, (measured, goal))| {
                    let (name, mark) = if i == 0 {
                        (t.task.clone(), mark.clone())
                    } else {
                        Default::default()
                    };
                    [name, mark, measured, goal]
                })
            })
            .collect();
        let header = ["task", "status", "measured", "goal"].map(String::from);
        let widths: Vec<usize> = (0..4)
            .map(|c| {
                rows.iter()
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
        let mut last_task = String::new();
        for row in &rows {
            if !row[0].is_empty() {
                last_task.clone_from(&row[0]);
            }
            let _ = writeln!(out, "{}", line(row));
            let is_last_row_of_task = rows
                .iter()
                .skip_while(|r| !std::ptr::eq(*r, row))
                .nth(1)
                .is_none_or(|next| !next[0].is_empty());
            if is_last_row_of_task && let Some(t) = tasks.iter().find(|t| t.task == last_task) {
                write_details(&mut out, t);
            }
        }
    }
    let _ = writeln!(out, "\nAssessment checklist");
    for item in &report.checklist {
        let state = match item.status {
            ChecklistStatus::Passed => format!("all {} tasks passed", item.tasks.len()),
            ChecklistStatus::NotYet => format!("{} of {} tasks passed", item.tasks_passed, item.tasks.len()),
            ChecklistStatus::NotGraded => "not all of its tasks were graded in this run".into(),
            ChecklistStatus::ChapterNotAvailable => "its chapter is not in the workbook yet".into(),
        };
        let _ = writeln!(
            out,
            "  {} {} ({state})",
            if item.passed { "✓" } else { "✗" },
            item.item
        );
    }
    let passed = report.tasks.iter().filter(|t| t.passed).count();
    let _ = writeln!(out, "\n{passed} of {} graded tasks passed.", report.tasks.len());
    out
}

/// The lines under a task's row: evidence, the mismatch or error, the next step.
fn write_details(out: &mut String, t: &crate::result::TaskResult) {
    let indent = "      ";
    if t.status == Status::Passed || t.status == Status::Failed || t.status == Status::Inconclusive {
        for m in &t.measurements {
            let _ = writeln!(out, "{indent}{}", figures::evidence(m));
        }
    } else if !t.measurements.is_empty() || t.status != Status::DoesNotCompile {
        let _ = writeln!(out, "{indent}{}", t.summary);
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

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(wrap("aa bb cc dd", 5), ["aa bb", "cc dd"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("abcdefgh", 3), ["abcdefgh"]);
    }
}
