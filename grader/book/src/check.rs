//! Checks what mdbook lets through: an include whose anchor is missing (mdbook then includes
//! nothing, silently), a `SUMMARY.md` entry without a file, a directive left unexpanded in the
//! generated pages, and a relative link to a file the built book does not contain.

use anyhow::{Context, Result};
use mdbook_driver::config::Config;
use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};

/// One thing wrong with the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The markdown source or generated page the problem is in.
    pub file: PathBuf,
    /// The 1-based line of the problem in `file`.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

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

/// Checks the HTML pages mdbook generated into `out_dir`: no `{{#` directive is left in them,
/// and every relative `href` or `src` names a file inside `out_dir` (a directory counts when it
/// has an `index.html`), with the `id` the link's `#fragment` names when it links to a page.
pub fn check_output(out_dir: &Path) -> Result<Vec<Problem>> {
    let out_dir = normalize(&std::path::absolute(out_dir)?);
    let pages = files_with_extension(&out_dir, "html")?;
    if pages.is_empty() {
        anyhow::bail!("no HTML pages in {}", out_dir.display());
    }
    let mut ids = IdCache::default();
    let mut problems = Vec::new();
    for page in &pages {
        let html = read(page)?;
        for (offset, _) in html.match_indices("{{#") {
            let line = html[offset..].lines().next().unwrap_or_default();
            let directive = line.find("}}").map_or(line, |end| &line[..end + 2]);
            problems.push(Problem {
                file: page.clone(),
                line: line_of(&html, offset),
                message: format!("unexpanded directive `{directive}`"),
            });
        }
        for (offset, link) in links(&html) {
            if let Some(message) = check_link(&out_dir, page, &html, &link, &mut ids)? {
                problems.push(Problem {
                    file: page.clone(),
                    line: line_of(&html, offset),
                    message,
                });
            }
        }
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

/// What is wrong with `link`, found in `page` (whose text is `html`), if anything.
fn check_link(
    out_dir: &Path,
    page: &Path,
    html: &str,
    link: &str,
    ids: &mut IdCache,
) -> Result<Option<String>> {
    if link.is_empty() || link.starts_with('#') || link.starts_with("//") || has_scheme(link) {
        return Ok(None);
    }
    let path = percent_decode(strip_query_and_fragment(link));
    if path.is_empty() {
        return Ok(None);
    }
    // Relative to the page's `<base href>` if it has one (mdbook's 404 page does), else to the
    // page's directory; a path starting with `/` is relative to the book's root.
    let base = match base_href(html) {
        Some(base) if base.starts_with('/') => out_dir.join(base.trim_start_matches('/')),
        Some(base) => page.parent().unwrap_or(out_dir).join(base),
        None => page.parent().unwrap_or(out_dir).to_path_buf(),
    };
    let target = if let Some(rooted) = path.strip_prefix('/') {
        normalize(&out_dir.join(rooted))
    } else {
        normalize(&base.join(&path))
    };
    if !target.starts_with(out_dir) {
        return Ok(Some(format!(
            "link `{link}` leaves the book: {} is not published with it",
            target.display()
        )));
    }
    let file = if target.is_dir() {
        target.join("index.html")
    } else {
        target
    };
    if !file.is_file() {
        return Ok(Some(format!("link `{link}`: no file {}", file.display())));
    }
    let fragment = link.split_once('#').map(|(_, f)| percent_decode(f));
    match fragment {
        Some(fragment)
            if !fragment.is_empty()
                && file.extension().is_some_and(|e| e == "html")
                && !ids.of(&file)?.contains(&fragment) =>
        {
            Ok(Some(format!(
                "link `{link}`: no id `{fragment}` in {}",
                file.display()
            )))
        }
        _ => Ok(None),
    }
}

/// The `id` attributes of each page, read once.
#[derive(Debug, Default)]
struct IdCache(HashMap<PathBuf, Vec<String>>);

impl IdCache {
    fn of(&mut self, page: &Path) -> Result<&Vec<String>> {
        if !self.0.contains_key(page) {
            let html = read(page)?;
            let ids = attribute_values(&html, "id").map(|(_, v)| v).collect();
            self.0.insert(page.to_path_buf(), ids);
        }
        Ok(&self.0[page])
    }
}

/// The `href` and `src` attribute values in `html`, decoded, with their byte offsets; the
/// `<base href>` is not a link.
fn links(html: &str) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String)> = attribute_values(html, "href")
        .chain(attribute_values(html, "src"))
        .filter(|(at, _)| {
            let tag_start = html[..*at].rfind('<').unwrap_or(0);
            !html[tag_start..].starts_with("<base ")
        })
        .collect();
    found.sort();
    found
}

/// The values of the attribute `name` in `html`: ` name="v"`, ` name='v'` or ` name=v`.
fn attribute_values<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = (usize, String)> {
    html.match_indices(name).filter_map(move |(at, _)| {
        let preceded_by_space = html[..at].ends_with(char::is_whitespace);
        let rest = html[at + name.len()..].strip_prefix('=')?;
        if !preceded_by_space {
            return None;
        }
        let value = match rest.chars().next()? {
            quote @ ('"' | '\'') => &rest[1..1 + rest[1..].find(quote)?],
            _ => &rest[..rest.find(|c: char| c.is_whitespace() || c == '>')?],
        };
        Some((at, decode_entities(value)))
    })
}

/// The `href` of the page's `<base>` element, if it has one.
fn base_href(html: &str) -> Option<String> {
    let at = html.find("<base ")?;
    let tag = &html[at..at + html[at..].find('>')?];
    attribute_values(tag, "href").next().map(|(_, v)| v)
}

/// Whether `link` starts with a URL scheme (`https:`, `mailto:`, `data:`...).
pub(crate) fn has_scheme(link: &str) -> bool {
    let Some(colon) = link.find(':') else {
        return false;
    };
    let scheme = &link[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `link` without its `#fragment` and `?query`.
pub(crate) fn strip_query_and_fragment(link: &str) -> &str {
    let end = link.find(['#', '?']).unwrap_or(link.len());
    &link[..end]
}

/// Decodes the character references an attribute value may hold in mdbook's output.
pub(crate) fn decode_entities(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Decodes `%XX` escapes; a malformed escape is kept as it is.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// `path` with `.` and `..` resolved lexically (links are resolved the way a browser does, not
/// through symlinks).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// The 1-based line of the byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Every file under `dir` whose name ends in `.extension`, sorted.
pub(crate) fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "\
fn outside() {}
// ANCHOR: inside
fn inside() {}
// ANCHOR_END: inside
// ANCHOR: unclosed
fn last() {}
";

    /// A directory with `file` written in it, relative paths created.
    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    fn messages(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.message.as_str()).collect()
    }

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

    #[test]
    fn broken_links_and_leftover_directives_are_reported() {
        let page = r##"<html><head><link rel="stylesheet" href="css/a.css?v=1"></head>
<body><a href="other.html#there">ok</a> <a href='sub/'>dir</a> <img src="img/x.png">
<a href="https://example.com/x">external</a> <a href="#top">here</a> <a data-href="gone">no</a>
<a href="missing.html">broken</a> <a href="other.html#nowhere">bad fragment</a>
<a href="../outside.html">outside</a> <a href="my%20page.html">escaped</a>
<p>{{#include lost.rs}}</p></body></html>"##;
        let dir = dir_with(&[
            ("book/index.html", page),
            ("book/other.html", r#"<h2 id="there">There</h2>"#),
            ("book/my page.html", "<p>x</p>"),
            ("book/css/a.css", ""),
            ("book/sub/index.html", "<p>sub</p>"),
            ("book/img/x.png", ""),
            ("outside.html", ""),
        ]);
        let problems = check_output(&dir.path().join("book")).unwrap();
        let found: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line, p.message.split(':').next().unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                (6, "unexpanded directive `{{#include lost.rs}}`"),
                (4, "link `missing.html`"),
                (4, "link `other.html#nowhere`"),
                (5, "link `../outside.html` leaves the book"),
            ],
            "{problems:#?}"
        );
    }

    #[test]
    fn base_href_redirects_relative_links() {
        let page = r#"<head><base href="/"></head><a href="css/a.css">a</a><a href="b.css">b</a>"#;
        let dir = dir_with(&[("book/deep/404.html", page), ("book/css/a.css", "")]);
        let problems = check_output(&dir.path().join("book")).unwrap();
        assert_eq!(messages(&problems).len(), 1, "{problems:#?}");
        assert!(problems[0].message.starts_with("link `b.css`"));
    }

    #[test]
    fn schemes_and_decoding() {
        assert!(has_scheme("https://x") && has_scheme("mailto:a@b") && has_scheme("data:,x"));
        assert!(!has_scheme("a/b.html") && !has_scheme("1x:y") && !has_scheme("a/b:c"));
        assert_eq!(percent_decode("a%20b%zz%4"), "a b%zz%4");
        assert_eq!(decode_entities("a.html?x=1&amp;y=2"), "a.html?x=1&y=2");
        assert_eq!(strip_query_and_fragment("a.html?q#f"), "a.html");
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
    }
}
