//! Checks the HTML pages mdbook generated for what it lets through: a directive left
//! unexpanded, and a relative link to a file (or an `id`) the built book does not contain.

use crate::files::{files_with_extension, read};
use crate::html::{Scripting, Tag, tags};
use crate::links::{file_of, has_scheme, normalize, percent_decode, resolve, strip_query_and_fragment};
use crate::problem::{Problem, line_of};
use anyhow::Result;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
        let tags = tags(&html, Scripting::Off);
        for (offset, _) in html.match_indices("{{#") {
            let line = html[offset..].lines().next().unwrap_or_default();
            let directive = line.find("}}").map_or(line, |end| &line[..end + 2]);
            problems.push(Problem {
                file: page.clone(),
                line: line_of(&html, offset),
                message: format!("unexpanded directive `{directive}`"),
            });
        }
        let base = base_href(&tags);
        for (offset, link) in links(&tags) {
            if let Some(message) = check_link(&out_dir, page, base, link, &mut ids)? {
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

/// What is wrong with `link`, found in `page` (whose `<base href>` is `base`), if anything.
fn check_link(
    out_dir: &Path,
    page: &Path,
    base: Option<&str>,
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
    // page's directory.
    let target = resolve(out_dir, page, base, &path);
    if !target.starts_with(out_dir) {
        return Ok(Some(format!(
            "link `{link}` leaves the book: {} is not published with it",
            target.display()
        )));
    }
    let file = file_of(target);
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
            let ids = tags(&html, Scripting::Off)
                .iter()
                .filter_map(|t| t.attribute("id"))
                .map(str::to_owned)
                .collect();
            self.0.insert(page.to_path_buf(), ids);
        }
        Ok(&self.0[page])
    }
}

/// The `href` and `src` attribute values of a page's `tags`, decoded, with their byte offsets;
/// the `<base href>` is not a link.
fn links<'t>(tags: &'t [Tag<'_>]) -> Vec<(usize, &'t str)> {
    let mut found: Vec<(usize, &str)> = tags
        .iter()
        .filter(|t| !t.closing && t.name != "base")
        .flat_map(|t| &t.attributes)
        .filter(|a| a.name.eq_ignore_ascii_case("href") || a.name.eq_ignore_ascii_case("src"))
        .map(|a| (a.offset, a.value.as_str()))
        .collect();
    found.sort();
    found
}

/// The `href` of the page's `<base>` element, if it has one.
fn base_href<'t>(tags: &'t [Tag<'_>]) -> Option<&'t str> {
    tags.iter()
        .find(|t| t.name == "base" && !t.closing)
        .and_then(|t| t.attribute("href"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::dir_with;

    fn messages(problems: &[Problem]) -> Vec<&str> {
        problems.iter().map(|p| p.message.as_str()).collect()
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
}
