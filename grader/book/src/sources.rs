//! Checks the book's markdown sources for what mdbook lets through: an include whose file,
//! anchor or lines do not exist (mdbook then includes nothing, silently), and a `SUMMARY.md`
//! entry without a file.

use crate::files::{files_with_extension, read};
use crate::links::{has_scheme, percent_decode, strip_query_and_fragment};
use crate::problem::{Problem, line_of};
use anyhow::{Context, Result};
use mdbook_driver::config::Config;
use std::fs;
use std::path::Path;

/// Checks the markdown sources of the book in `book_dir`: every `SUMMARY.md` entry that is not
/// a draft names an existing file, and every include names an existing file and, if it names
/// an anchor or lines, an anchor or lines that file has.
pub fn check_sources(book_dir: &Path) -> Result<Vec<Problem>> {
    let book_toml = book_dir.join("book.toml");
    let config =
        Config::from_disk(&book_toml).with_context(|| format!("cannot read {}", book_toml.display()))?;
    let src_dir = book_dir.join(&config.book.src);
    let mut problems = check_summary(&src_dir)?;
    for page in files_with_extension(&src_dir, "md")? {
        let text = read(&page)?;
        problems.extend(check_includes(&page, &text));
    }
    Ok(problems)
}

/// The entries of `src_dir/SUMMARY.md` that name a file that does not exist.
fn check_summary(src_dir: &Path) -> Result<Vec<Problem>> {
    let summary = src_dir.join("SUMMARY.md");
    let text = read(&summary)?;
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let Some(target) = summary_link(line) else {
            continue;
        };
        // An empty target is a draft chapter: listed, not written yet.
        if target.is_empty() || has_scheme(target) {
            continue;
        }
        let path = src_dir.join(percent_decode(strip_query_and_fragment(target)));
        if !path.is_file() {
            problems.push(Problem {
                file: summary.clone(),
                line: index + 1,
                message: format!("entry `{target}`: no file {}", path.display()),
            });
        }
    }
    Ok(problems)
}

/// The target of a `[Title](target)` item on a `SUMMARY.md` line, if the line is one.
fn summary_link(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let item = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| {
            // A numbered item: `1. [Title](target)`.
            let digits = line.find(|c: char| !c.is_ascii_digit())?;
            line[digits..].strip_prefix(". ").filter(|_| digits > 0)
        })
        .unwrap_or(line)
        .trim_start();
    if !item.starts_with('[') {
        return None;
    }
    let open = item.find("](")? + 2;
    let close = open + item[open..].find(')')?;
    let target = item[open..close].trim();
    Some(target.trim_start_matches('<').trim_end_matches('>'))
}

/// The includes in the markdown file `page` (whose text is `text`) whose file, anchor or lines
/// do not exist. Mirrors how mdbook's `links` preprocessor reads them.
fn check_includes(page: &Path, text: &str) -> Vec<Problem> {
    let base = page.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    for directive in directives(text) {
        let problem = |message: String| Problem {
            file: page.to_path_buf(),
            line: line_of(text, directive.offset),
            message: format!("`{}`: {message}", directive.text),
        };
        match directive.kind {
            "include" | "rustdoc_include" | "playground" => {}
            "title" => continue,
            other => {
                problems.push(problem(format!("unknown directive `{other}`")));
                continue;
            }
        }
        let argument = directive.argument.split_whitespace().next().unwrap_or("");
        // `playground` takes a whole file; the others may add `:anchor` or `:start:end`.
        let (file, selector) = match argument.split_once(':') {
            Some((file, selector)) if directive.kind != "playground" => (file, Some(selector)),
            _ => (argument, None),
        };
        let path = base.join(file);
        let Ok(included) = fs::read_to_string(&path) else {
            problems.push(problem(format!("cannot read {}", path.display())));
            continue;
        };
        if let Some(message) = selector.and_then(|s| selection_problem(&included, s)) {
            problems.push(problem(message));
        }
    }
    problems
}

/// What is wrong with selecting `selector` (an anchor, `start`, `start:end`, `:end`, `start:`)
/// from the file whose text is `included`, if anything.
fn selection_problem(included: &str, selector: &str) -> Option<String> {
    let mut parts = selector.splitn(2, ':');
    let first = parts.next().unwrap_or("");
    let start = match first {
        "" => None,
        _ => match first.parse::<usize>() {
            Ok(line) => Some(line),
            Err(_) => return anchor_problem(included, first),
        },
    };
    let end = parts.next().and_then(|end| end.parse::<usize>().ok());
    let lines = included.lines().count();
    match (start, end) {
        (Some(start), _) if start == 0 || start > lines => {
            Some(format!("line {start} is outside the file's {lines} lines"))
        }
        (_, Some(end)) if end > lines => Some(format!("line {end} is past the file's {lines} lines")),
        (Some(start), Some(end)) if end < start => Some(format!("the range {start}:{end} is empty")),
        _ => None,
    }
}

/// What is wrong with the anchor `name` in `text`, if anything: it must open with an
/// `ANCHOR: name` line and close, later, with an `ANCHOR_END: name` line.
fn anchor_problem(text: &str, name: &str) -> Option<String> {
    let start = text.lines().position(|l| marks(l, "ANCHOR:", name));
    let end = text.lines().position(|l| marks(l, "ANCHOR_END:", name));
    match (start, end) {
        (None, _) => Some(format!("no `ANCHOR: {name}` in the included file")),
        (Some(_), None) => Some(format!("no `ANCHOR_END: {name}` in the included file")),
        (Some(start), Some(end)) if end < start => {
            Some(format!("`ANCHOR_END: {name}` comes before `ANCHOR: {name}`"))
        }
        _ => None,
    }
}

/// Whether `line` holds `marker` followed by the anchor `name` as a whole word, the way
/// mdbook's `ANCHOR:\s*([\w_-]+)` reads it.
fn marks(line: &str, marker: &str, name: &str) -> bool {
    line.match_indices(marker).any(|(at, _)| {
        let rest = line[at + marker.len()..].trim_start();
        let word = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        &rest[..word] == name
    })
}

/// A `{{#kind argument}}` directive in a markdown source.
#[derive(Debug, PartialEq, Eq)]
struct Directive<'a> {
    offset: usize,
    text: &'a str,
    kind: &'a str,
    argument: &'a str,
}

/// The directives in `text`, as mdbook's `links` preprocessor finds them: `{{`, optional
/// whitespace, `#kind`, whitespace, an argument without `}`, and `}}`. One escaped with a
/// backslash is not a directive.
fn directives(text: &str) -> Vec<Directive<'_>> {
    let mut found = Vec::new();
    for (offset, _) in text.match_indices("{{") {
        if text[..offset].ends_with('\\') {
            continue;
        }
        let Some(inner) = text[offset + 2..].trim_start().strip_prefix('#') else {
            continue;
        };
        let kind_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let (kind, rest) = inner.split_at(kind_len);
        if kind.is_empty() || !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let Some(close) = rest.find('}') else {
            continue;
        };
        if !rest[close..].starts_with("}}") || rest[..close].trim().is_empty() {
            continue;
        }
        let end = text.len() - rest.len() + close + 2;
        found.push(Directive {
            offset,
            text: &text[offset..end],
            kind,
            argument: rest[..close].trim(),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::dir_with;

    const SOURCE: &str = "\
fn outside() {}
// ANCHOR: inside
fn inside() {}
// ANCHOR_END: inside
// ANCHOR: unclosed
fn last() {}
";

    #[test]
    fn directives_are_found_as_mdbook_finds_them() {
        let text = "a {{#include x.rs:a}} b\n\\{{#include escaped.rs}} {{ #title  T }} {{#}} {{x}}";
        let found = directives(text);
        let kinds: Vec<(&str, &str, usize)> = found
            .iter()
            .map(|d| (d.kind, d.argument, line_of(text, d.offset)))
            .collect();
        assert_eq!(kinds, [("include", "x.rs:a", 1), ("title", "T", 2)]);
        assert_eq!(found[0].text, "{{#include x.rs:a}}");
    }

    #[test]
    fn anchors_must_open_and_close() {
        assert_eq!(anchor_problem(SOURCE, "inside"), None);
        assert_eq!(
            anchor_problem(SOURCE, "missing").as_deref(),
            Some("no `ANCHOR: missing` in the included file")
        );
        assert_eq!(
            anchor_problem(SOURCE, "unclosed").as_deref(),
            Some("no `ANCHOR_END: unclosed` in the included file")
        );
        // A prefix of an anchor's name is not that anchor.
        assert!(anchor_problem(SOURCE, "ins").is_some());
        assert!(anchor_problem("// ANCHOR_END: a\n// ANCHOR: a\n", "a").is_some());
    }

    #[test]
    fn line_ranges_must_be_inside_the_file() {
        assert_eq!(selection_problem(SOURCE, "2:4"), None);
        assert_eq!(selection_problem(SOURCE, "3"), None);
        assert_eq!(selection_problem(SOURCE, ":6"), None);
        assert_eq!(selection_problem(SOURCE, "2:"), None);
        assert!(selection_problem(SOURCE, "7").is_some());
        assert!(selection_problem(SOURCE, "1:9").is_some());
        assert!(selection_problem(SOURCE, "4:2").is_some());
    }

    #[test]
    fn broken_includes_are_reported() {
        let dir = dir_with(&[
            ("code/lib.rs", SOURCE),
            (
                "src/page.md",
                "ok {{#include ../code/lib.rs:inside}}\n\
                 {{#rustdoc_include ../code/lib.rs:nope}}\n\
                 {{#include ../code/gone.rs}}\n\
                 {{#playground ../code/lib.rs editable}}\n\
                 {{#inclde ../code/lib.rs}}\n",
            ),
        ]);
        let page = dir.path().join("src/page.md");
        let problems = check_includes(&page, &fs::read_to_string(&page).unwrap());
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 5], "{problems:#?}");
        assert!(problems[0].message.contains("no `ANCHOR: nope`"));
        assert!(problems[1].message.contains("cannot read"));
        assert!(problems[2].message.contains("unknown directive `inclde`"));
    }

    #[test]
    fn summary_entries_need_a_file_unless_drafts() {
        let dir = dir_with(&[
            (
                "src/SUMMARY.md",
                "# Summary\n\n[Intro](intro.md)\n\n- [Here](ch/here.md)\n  - [Gone](ch/gone.md)\n\
                 - [Draft]()\n1. [Numbered](numbered.md)\n",
            ),
            ("src/intro.md", "# Intro\n"),
            ("src/ch/here.md", "# Here\n"),
        ]);
        let problems = check_summary(&dir.path().join("src")).unwrap();
        let found: Vec<(usize, bool)> = problems
            .iter()
            .map(|p| (p.line, p.message.starts_with("entry `")))
            .collect();
        assert_eq!(found, [(6, true), (8, true)], "{problems:#?}");
    }
}
