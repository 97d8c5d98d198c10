//! The `--junit` report: JUnit XML as CI test reporters read it (the Jenkins/Ant schema that
//! GitHub and GitLab test reports use), one `<testsuite>` per chapter, one `<testcase>` per
//! task. A task that did not pass carries a `<failure>` with its summary, figures and next step.

use super::{brief, figures};
use crate::result::{Report, Status, TaskResult};
use std::fmt::Write;

/// The report as one JUnit XML document.
pub fn render(report: &Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let failures = report.tasks.iter().filter(|t| t.status != Status::Passed).count();
    let _ = writeln!(
        out,
        "<testsuites name=\"Rust Performance Workbook\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{}\">",
        report.tasks.len(),
        seconds(report.tasks.iter().map(|t| t.seconds).sum())
    );
    for chapter in &report.chapters {
        let tasks: Vec<&TaskResult> = report
            .tasks
            .iter()
            .filter(|t| t.chapter == chapter.name)
            .collect();
        suite(&mut out, report, &chapter.name, &tasks);
    }
    out.push_str("</testsuites>\n");
    out
}

/// One chapter's `<testsuite>`, with the run's seed and mode as properties.
fn suite(out: &mut String, report: &Report, chapter: &str, tasks: &[&TaskResult]) {
    let failures = tasks.iter().filter(|t| t.status != Status::Passed).count();
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{}\">",
        attribute(chapter),
        tasks.len(),
        seconds(tasks.iter().map(|t| t.seconds).sum())
    );
    out.push_str("    <properties>\n");
    let mode = serde_json::to_value(report.mode).expect("the mode serializes");
    let subject = serde_json::to_value(report.subject).expect("the subject serializes");
    let properties = [
        ("seed", report.seed.to_string()),
        ("mode", mode.as_str().unwrap_or_default().to_string()),
        ("subject", subject.as_str().unwrap_or_default().to_string()),
        ("grader", report.grader.clone()),
    ];
    for (name, value) in properties {
        let _ = writeln!(
            out,
            "      <property name=\"{name}\" value=\"{}\"/>",
            attribute(&value)
        );
    }
    out.push_str("    </properties>\n");
    for task in tasks {
        case(out, task);
    }
    out.push_str("  </testsuite>\n");
}

/// One task's `<testcase>`: a `<failure>` unless it passed; a pass's figures in `<system-out>`.
fn case(out: &mut String, t: &TaskResult) {
    let _ = writeln!(
        out,
        "    <testcase name=\"{}\" classname=\"{}\" time=\"{}\">",
        attribute(&t.task),
        attribute(&t.chapter),
        seconds(t.seconds)
    );
    if t.status != Status::Passed {
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"{}\">{}</failure>",
            attribute(&t.summary),
            status_name(t.status),
            text(&failure_text(t))
        );
    } else if !t.measurements.is_empty() {
        let _ = writeln!(out, "      <system-out>{}</system-out>", text(&figure_lines(t)));
    }
    out.push_str("    </testcase>\n");
}

/// The failure's text: the summary, every figure, what went wrong, and the next step.
fn failure_text(t: &TaskResult) -> String {
    let mut text = format!("{}\n", t.summary);
    if !t.measurements.is_empty() {
        text.push_str(&figure_lines(t));
    }
    if let Some(m) = &t.mismatch {
        let _ = writeln!(
            text,
            "First difference ({}): input {}; expected {}; got {}; {}",
            m.case, m.input, m.expected, m.actual, m.difference
        );
    }
    if let Some(details) = &t.details {
        let _ = writeln!(text, "{details}");
    }
    let _ = writeln!(text, "Next step: {}", t.next_step);
    text
}

/// Each measurement in one line (metric, value, interval, goal, verdict), then its evidence.
fn figure_lines(t: &TaskResult) -> String {
    let mut text = String::new();
    for m in &t.measurements {
        let _ = writeln!(text, "{}\n  {}", brief::measurement(m), figures::evidence(m));
    }
    text
}

/// The status as the JSON report spells it (`wrong-answer`).
fn status_name(status: Status) -> &'static str {
    match status {
        Status::Passed => "passed",
        Status::Failed => "failed",
        Status::Inconclusive => "inconclusive",
        Status::WrongAnswer => "wrong-answer",
        Status::DoesNotCompile => "does-not-compile",
        Status::Panicked => "panicked",
        Status::TimedOut => "timed-out",
        Status::Crashed => "crashed",
        Status::OutOfMemory => "out-of-memory",
        Status::ExitedEarly => "exited-early",
        Status::Interfered => "interfered",
    }
}

/// Seconds as JUnit writes them: a plain decimal number.
fn seconds(s: f64) -> String {
    format!("{:.3}", if s.is_finite() && s >= 0.0 { s } else { 0.0 })
}

/// `s` safe in element text: markup escaped, characters XML 1.0 forbids made visible.
fn text(s: &str) -> String {
    escape(s, false)
}

/// `s` safe in a double-quoted attribute, line breaks and tabs kept as character references.
fn attribute(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' if in_attribute => {
                let _ = write!(out, "&#{};", c as u32);
            }
            '\n' | '\r' | '\t' => out.push(c),
            // XML 1.0 allows no other control character, not even as a reference.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample::{NASTY, report};

    /// Checks what the common JUnit schema requires of `xml`, and returns (suites, failures).
    fn check_schema(xml: &str) -> (usize, usize) {
        let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let number = |n: roxmltree::Node, attribute: &str| -> f64 {
            let value = n
                .attribute(attribute)
                .unwrap_or_else(|| panic!("<{}> has no {attribute}", n.tag_name().name()));
            value.parse().unwrap_or_else(|_| panic!("{attribute}={value:?}"))
        };
        let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
        let (mut all_tests, mut all_failures) = (0, 0);
        for suite in &suites {
            assert_eq!(suite.tag_name().name(), "testsuite");
            assert!(!suite.attribute("name").unwrap().is_empty());
            let elements: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
            assert_eq!(
                elements[0].tag_name().name(),
                "properties",
                "properties come first"
            );
            let cases: Vec<_> = elements
                .iter()
                .filter(|n| n.tag_name().name() == "testcase")
                .collect();
            assert_eq!(elements.len(), cases.len() + 1);
            let failures: Vec<_> = cases
                .iter()
                .flat_map(|c| c.children().filter(|n| n.tag_name().name() == "failure"))
                .collect();
            assert_eq!(number(*suite, "tests"), cases.len() as f64);
            assert_eq!(number(*suite, "failures"), failures.len() as f64);
            assert_eq!(number(*suite, "errors"), 0.0);
            assert_eq!(number(*suite, "skipped"), 0.0);
            let time: f64 = cases.iter().map(|c| number(**c, "time")).sum();
            assert!((number(*suite, "time") - time).abs() < 0.01);
            for case in &cases {
                assert!(!case.attribute("name").unwrap().is_empty());
                assert_eq!(case.attribute("classname"), suite.attribute("name"));
            }
            for failure in &failures {
                assert!(failure.attribute("message").is_some());
                assert!(!failure.attribute("type").unwrap().is_empty());
            }
            all_tests += cases.len();
            all_failures += failures.len();
        }
        assert_eq!(number(root, "tests"), all_tests as f64);
        assert_eq!(number(root, "failures"), all_failures as f64);
        (suites.len(), all_failures)
    }

    fn case<'a>(doc: &'a roxmltree::Document, task: &str) -> roxmltree::Node<'a, 'a> {
        doc.descendants()
            .find(|n| n.has_tag_name("testcase") && n.attribute("name") == Some(task))
            .unwrap()
    }

    #[test]
    fn one_suite_per_chapter_one_case_per_task() {
        let report = report();
        let xml = render(&report);
        let (suites, failures) = check_schema(&xml);
        assert_eq!(suites, report.chapters.len());
        assert_eq!(failures, report.tasks.iter().filter(|t| !t.passed).count());
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let passed = case(&doc, "find-duplicates");
        assert_eq!(passed.attribute("classname"), Some("big-o"));
        assert_eq!(passed.attribute("time"), Some("2.500"));
        assert!(!passed.children().any(|n| n.has_tag_name("failure")));
        let figures = passed.children().find(|n| n.has_tag_name("system-out")).unwrap();
        assert!(figures.text().unwrap().contains("goal ≥ 10.0×: pass"));
        let failed = case(&doc, "price-lookup");
        assert!(
            !failed.children().any(|n| n.has_tag_name("system-out")),
            "figures once"
        );
        let seed = doc
            .descendants()
            .find(|n| n.has_tag_name("property") && n.attribute("name") == Some("seed"))
            .unwrap();
        assert_eq!(seed.attribute("value"), Some("1234"));
    }

    #[test]
    fn a_failure_carries_summary_figures_and_next_step() {
        let report = report();
        let xml = render(&report);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let failure = |task: &str| {
            case(&doc, task)
                .children()
                .find(|n| n.has_tag_name("failure"))
                .unwrap()
        };
        let lookup = failure("price-lookup");
        assert_eq!(lookup.attribute("type"), Some("failed"));
        assert_eq!(lookup.attribute("message"), Some("price-lookup: failed"));
        let text = lookup.text().unwrap();
        assert!(
            text.contains("backend-calls 1,904 backend calls, goal ≤ 1,500 backend calls: fail"),
            "{text}"
        );
        assert!(text.contains("1,904 backend calls for 4,887 lookups"), "{text}");
        assert!(text.contains("Next step: Run `cargo bench -p big-o` and compare."));
        let inconclusive = failure("longest-unique-window");
        assert_eq!(inconclusive.attribute("type"), Some("inconclusive"));
        let wrong = failure("count-pairs-with-sum");
        assert_eq!(wrong.attribute("type"), Some("wrong-answer"));
        assert_eq!(
            wrong.attribute("message"),
            Some(format!("wrong answer: {NASTY}").as_str())
        );
        assert!(wrong.text().unwrap().contains(&format!("input [1, 2] {NASTY}")));
        let broken = failure("print-queue");
        assert_eq!(broken.attribute("type"), Some("does-not-compile"));
        assert!(
            broken
                .text()
                .unwrap()
                .contains("error[E0308]: mismatched types\n  -->")
        );
    }

    #[test]
    fn hostile_text_still_parses_and_reads_back() {
        let mut report = report();
        let hostile = "]]> <b>&amp; \"double\" 'single' \u{1b}[31m\u{0} tab\tline\nend \u{FFFF}";
        report.tasks[0].summary = hostile.into();
        report.tasks[0].task = "a\"b<c>&d".into();
        report.tasks[0].next_step = "]]>]]>".into();
        let xml = render(&report);
        check_schema(&xml);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let failure = case(&doc, "a\"b<c>&d")
            .children()
            .find(|n| n.has_tag_name("failure"))
            .unwrap();
        let shown = "]]> <b>&amp; \"double\" 'single' \\u{1b}[31m\\u{0} tab\tline\nend \\u{ffff}";
        assert_eq!(failure.attribute("message"), Some(shown));
        assert!(failure.text().unwrap().starts_with(shown));
        assert!(failure.text().unwrap().contains("Next step: ]]>]]>"));
    }

    #[test]
    fn failure_types_are_the_json_statuses() {
        use Status::*;
        let all = [
            Passed,
            Failed,
            Inconclusive,
            WrongAnswer,
            DoesNotCompile,
            Panicked,
            TimedOut,
            Crashed,
            OutOfMemory,
            ExitedEarly,
            Interfered,
        ];
        for status in all {
            assert_eq!(serde_json::to_value(status).unwrap(), status_name(status));
        }
    }

    #[test]
    fn an_empty_run_is_still_a_valid_document() {
        let mut report = report();
        report.tasks.clear();
        report.chapters.clear();
        let xml = render(&report);
        assert_eq!(check_schema(&xml), (0, 0));
    }
}
