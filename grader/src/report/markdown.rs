//! The `--markdown` report (and a GitHub Actions job summary): the pass count, the assessment
//! checklist, and one table row per task with its key figures and, unless it passed, the next
//! step. GitHub-flavoured Markdown, safe for any text a task's summary may carry.

use super::brief;
use crate::layout::Subject;
use crate::result::{Mode, Report, Status, TaskResult};
use std::fmt::Write;

/// The report as one Markdown document.
pub fn render(report: &Report) -> String {
    let passed = report.tasks.iter().filter(|t| t.passed).count();
    let mut out = format!(
        "## {} Rust Performance Workbook: {passed} of {} tasks passed\n\n",
        if report.passed { "✅" } else { "❌" },
        report.tasks.len()
    );
    let graded = match report.subject {
        Subject::Exercises => "exercises/",
        Subject::Solutions => "the reference solutions",
        Subject::Starters => "the frozen starters",
    };
    let mode = match report.mode {
        Mode::Timed => "speed timed",
        Mode::Exact => "speed counted in instructions (exact mode)",
    };
    let _ = writeln!(
        out,
        "Graded {graded}, {mode}, seed {0} (rerun with `--seed {0}`), grader {1}.\n",
        report.seed,
        cell(&report.grader)
    );
    out.push_str("### Assessment checklist\n\n");
    for item in &report.checklist {
        let _ = writeln!(
            out,
            "- {} {} ({} of {} tasks passed)",
            if item.passed { "✅" } else { "❌" },
            cell(&item.item),
            item.tasks_passed_so_far,
            item.tasks_total
        );
    }
    out.push_str("\n### Tasks\n\n| Task | Status | Figures | Next step |\n| --- | --- | --- | --- |\n");
    for t in &report.tasks {
        let _ = writeln!(
            out,
            "| {} | {} {} | {} | {} |",
            cell(&t.id().to_string()),
            icon(t.status),
            t.status.label(),
            figures(t),
            if t.passed {
                String::new()
            } else {
                cell(&t.next_step)
            }
        );
    }
    out
}

/// A status at a glance: passed, not decided (rerun), or not passed.
fn icon(status: Status) -> &'static str {
    match status {
        Status::Passed => "✅",
        Status::Inconclusive => "⚠️",
        _ => "❌",
    }
}

/// A task's key figures, one line per measurement; its summary when nothing was measured.
fn figures(t: &TaskResult) -> String {
    if t.measurements.is_empty() {
        return cell(&t.summary);
    }
    let lines: Vec<String> = brief::measurements(&t.measurements)
        .iter()
        .map(|l| cell(l))
        .collect();
    lines.join("<br>")
}

/// `text` safe inside one table cell: no markup, no formatting, no `|` ending the cell, and
/// line breaks as `<br>`.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' => out.push_str("&#92;"),
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("<br>"),
            '*' | '_' | '`' | '[' | ']' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample::{NASTY, report};
    use pulldown_cmark::{Options, Parser, html};

    fn to_html(markdown: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(markdown, Options::ENABLE_TABLES));
        out
    }

    /// The body rows of the page's one table, as the text of their cells.
    fn rows(page: &str) -> Vec<Vec<String>> {
        assert_eq!(page.matches("<table>").count(), 1, "{page}");
        let body = page
            .split("<tbody>")
            .nth(1)
            .unwrap()
            .split("</tbody>")
            .next()
            .unwrap();
        body.split("<tr>")
            .skip(1)
            .map(|row| {
                row.split("<td>")
                    .skip(1)
                    .map(|c| c.split("</td>").next().unwrap().to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_row_per_task_and_the_checklist() {
        let report = report();
        let page = to_html(&render(&report));
        let rows = rows(&page);
        assert_eq!(rows.len(), report.tasks.len());
        for (row, task) in rows.iter().zip(&report.tasks) {
            assert_eq!(row.len(), 4, "{row:?}");
            assert_eq!(row[0], task.id().to_string());
            assert!(row[1].ends_with(task.status.label()), "{row:?}");
            assert_eq!(row[3].is_empty(), task.passed, "{row:?}");
        }
        let passed = report.tasks.iter().filter(|t| t.passed).count();
        assert!(page.contains(&format!(
            "<h2>❌ Rust Performance Workbook: {passed} of {} tasks passed</h2>",
            report.tasks.len()
        )));
        assert!(page.contains("<h3>Assessment checklist</h3>\n<ul>"));
        for item in &report.checklist {
            let mark = if item.passed { "✅" } else { "❌" };
            let line = format!(
                "<li>{mark} {} ({} of {} tasks passed)</li>",
                item.item, item.tasks_passed_so_far, item.tasks_total
            );
            assert!(page.contains(&line), "{line} in\n{page}");
        }
    }

    #[test]
    fn cells_carry_the_figures_and_the_status_marks() {
        let page = to_html(&render(&report()));
        let rows = rows(&page);
        let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap();
        let duplicates = row("big-o/find-duplicates");
        assert_eq!(duplicates[1], "✅ passed");
        assert!(
            duplicates[2].contains("goal ≥ 10.0×: pass<br>complexity O(n^"),
            "{duplicates:?}"
        );
        assert_eq!(row("big-o/longest-unique-window")[1], "⚠️ inconclusive");
        let lookup = row("caching/price-lookup");
        assert_eq!(lookup[1], "❌ failed");
        assert_eq!(
            lookup[2],
            "backend-calls 1,904 backend calls, goal ≤ 1,500 backend calls: fail"
        );
        assert_eq!(lookup[3], "Run `cargo bench -p big-o` and compare.");
    }

    #[test]
    fn hostile_text_stays_in_its_cell_as_text() {
        let mut report = report();
        report.tasks[1].summary = "a | b\nc *d* `e` \\| <b>f</b>".into();
        report.tasks[1].measurements.clear();
        let page = to_html(&render(&report));
        let rows = rows(&page);
        assert_eq!(rows.len(), report.tasks.len());
        assert!(rows.iter().all(|r| r.len() == 4), "{rows:?}");
        assert_eq!(rows[1][2], "a | b<br>c *d* `e` \\| &lt;b&gt;f&lt;/b&gt;");
        let wrong = rows
            .iter()
            .find(|r| r[0] == "big-o/count-pairs-with-sum")
            .unwrap();
        assert!(wrong[2].contains("&lt;script&gt;"), "{wrong:?}");
        assert!(!page.contains("<script>"));
        assert!(NASTY.contains("<script>"));
    }
}
