//! What a rendered page should show, and what is wrong with one as a whole: its title, its
//! content, the work of its scripts (the `js` mark, the sidebar, highlighted code blocks).

use crate::html::{Tag, decode_entities, element_range, visible_text};
use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use std::path::{Path, PathBuf};

/// Text a rendered page's `<main>` must at least hold, in characters, to count as rendered.
const MIN_MAIN_TEXT: usize = 100;

/// What the pages of a book should show: its title and its chapters, from its `SUMMARY.md`.
#[derive(Debug, Clone)]
pub struct Expectations {
    /// The book's title, from `book.toml`.
    pub title: String,
    /// Each chapter that has a page: its name in `SUMMARY.md` and its page, relative to the
    /// built book (`memory/index.html`), in the book's order.
    pub chapters: Vec<(String, PathBuf)>,
}

impl Expectations {
    /// Reads the book in `book_dir`.
    pub fn load(book_dir: &Path) -> Result<Self> {
        let book = MDBook::load(book_dir).with_context(|| format!("cannot load {}", book_dir.display()))?;
        let chapters = book
            .book
            .chapters()
            .filter_map(|chapter| {
                let page = chapter.path.as_ref()?.with_extension("html");
                Some((chapter.name.clone(), page))
            })
            .collect();
        let title = book.config.book.title.clone().unwrap_or_default();
        Ok(Self { title, chapters })
    }

    /// What kind of page `page` (relative to the built book) is.
    pub(super) fn kind(&self, page: &Path) -> PageKind<'_> {
        let chapter = |p: &Path| {
            self.chapters
                .iter()
                .find(|(_, path)| path == p)
                .map(|(n, _)| n.as_str())
        };
        if let Some(name) = chapter(page) {
            return PageKind::Chapter(name);
        }
        match page.to_str() {
            // mdbook copies the first chapter to `index.html`.
            Some("index.html") => self
                .chapters
                .first()
                .map_or(PageKind::Other, |(n, _)| PageKind::Chapter(n)),
            Some("print.html") => PageKind::Print,
            // The sidebar as a page of its own, for browsers with scripts turned off.
            Some("toc.html") => PageKind::Toc,
            _ => PageKind::Other,
        }
    }
}

#[cfg(test)]
impl Expectations {
    /// A book titled `T`, with the chapters `One` (`one.html`) and `Two` (`sub/two.html`).
    pub(super) fn example() -> Self {
        Expectations {
            title: "T".into(),
            chapters: vec![
                ("One".into(), "one.html".into()),
                ("Two".into(), "sub/two.html".into()),
            ],
        }
    }
}

/// The kinds of page in a built book, which are checked differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PageKind<'a> {
    /// A chapter's page, titled with the chapter's name.
    Chapter(&'a str),
    /// Every chapter on one page.
    Print,
    /// The sidebar's fallback page.
    Toc,
    /// Any other page, such as `404.html`: meant to be served from a web server's root (it has
    /// a `<base href="/">`), so its scripts do not load from a `file://` address.
    Other,
}

/// What is wrong with a rendered page as a whole: its title, its content, the work of its
/// scripts.
pub(super) fn page_problems(
    dom: &str,
    tags: &[Tag<'_>],
    kind: PageKind<'_>,
    expected: &Expectations,
) -> Vec<String> {
    let mut problems = Vec::new();
    let chapters = expected.chapters.len();
    let links_in = |range: (usize, usize)| {
        tags.iter()
            .filter(|t| t.name == "a" && !t.closing && t.offset > range.0 && t.offset < range.1)
            .filter(|t| t.attribute("href").is_some())
            .count()
    };
    if kind == PageKind::Toc {
        let links = links_in((0, dom.len()));
        if links < chapters {
            problems.push(format!(
                "the table of contents has {links} links for {chapters} chapters"
            ));
        }
        return problems;
    }
    let title = tags
        .iter()
        .find(|t| t.name == "title" && !t.closing)
        .and_then(|t| t.raw_text)
        .map(|text| decode_entities(text.trim()))
        .unwrap_or_default();
    let book = expected.title.as_str();
    let title_problem = match kind {
        PageKind::Chapter(name) => {
            let wanted = format!("{name} - {book}");
            (title != wanted).then(|| format!("the title is `{title}`, not `{wanted}`"))
        }
        PageKind::Print => (title != book).then(|| format!("the title is `{title}`, not `{book}`")),
        _ => (!title.ends_with(book)).then(|| format!("the title `{title}` does not end with `{book}`")),
    };
    problems.extend(title_problem);
    let Some(main) = element_range(tags, "main") else {
        problems.push("no <main> element".into());
        return problems;
    };
    let text = visible_text(&dom[main.0..main.1]);
    if text.chars().count() < MIN_MAIN_TEXT {
        problems.push(format!("<main> holds only {:?}", text));
    }
    if !tags
        .iter()
        .any(|t| t.name == "h1" && !t.closing && t.offset > main.0 && t.offset < main.1)
    {
        problems.push("no <h1> heading in <main>".into());
    }
    if kind == PageKind::Other {
        return problems;
    }
    // The page's scripts ran: the inline one marks <html> with `js`, `toc.js` fills the
    // sidebar, highlight.js marks every code block.
    let html_class = tags
        .iter()
        .find(|t| t.name == "html")
        .and_then(|t| t.attribute("class"));
    if !html_class.is_some_and(|class| class.split_whitespace().any(|c| c == "js")) {
        problems.push("<html> is not marked `js`: the page's first script did not run".into());
    }
    match element_range(tags, "mdbook-sidebar-scrollbox") {
        Some(sidebar) if links_in(sidebar) >= chapters => {}
        Some(sidebar) => problems.push(format!(
            "the sidebar has {} links for {chapters} chapters: toc.js did not fill it",
            links_in(sidebar)
        )),
        None => problems.push("no sidebar (<mdbook-sidebar-scrollbox>)".into()),
    }
    let unhighlighted = code_blocks(dom, tags)
        .iter()
        .filter(|(_, class, _)| !class.split_whitespace().any(|c| c == "hljs"))
        .count();
    if unhighlighted > 0 {
        problems.push(format!(
            "{unhighlighted} code block(s) not highlighted: highlight.js did not run"
        ));
    }
    problems
}

/// Each code block of the page: the offset of its `<pre>`, the class of the `<code>` in it, and
/// the text a reader sees in it (mdbook's hidden lines, `<span class="boring">`, left out).
pub(super) fn code_blocks<'t>(dom: &str, tags: &'t [Tag<'_>]) -> Vec<(usize, &'t str, String)> {
    let mut blocks = Vec::new();
    for (i, pre) in tags.iter().enumerate() {
        if pre.name != "pre" || pre.closing {
            continue;
        }
        let Some(code) = (i + 1..tags.len())
            .take_while(|&k| !(tags[k].name == "pre" && tags[k].closing))
            .find(|&k| tags[k].name == "code" && !tags[k].closing)
        else {
            continue;
        };
        let close = (code + 1..tags.len())
            .find(|&k| tags[k].name == "code" && tags[k].closing)
            .unwrap_or(tags.len());
        let mut text = String::new();
        // Spans open since the first boring one, that one included.
        let mut boring = 0usize;
        for k in code..close {
            let tag = &tags[k];
            if tag.name == "span" {
                let is_boring = tag
                    .attribute("class")
                    .is_some_and(|class| class.split_whitespace().any(|c| c == "boring"));
                if tag.closing {
                    boring = boring.saturating_sub(1);
                } else if boring > 0 || is_boring {
                    boring += 1;
                }
            }
            if boring == 0 {
                let next = tags.get(k + 1).map_or(dom.len(), |t| t.offset);
                text.push_str(&dom[tag.end.min(next)..next]);
            }
        }
        let class = tags[code].attribute("class").unwrap_or("");
        blocks.push((pre.offset, class, text.trim().to_owned()));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_kinds() {
        let e = Expectations::example();
        assert_eq!(e.kind(Path::new("sub/two.html")), PageKind::Chapter("Two"));
        assert_eq!(e.kind(Path::new("index.html")), PageKind::Chapter("One"));
        assert_eq!(e.kind(Path::new("print.html")), PageKind::Print);
        assert_eq!(e.kind(Path::new("toc.html")), PageKind::Toc);
        assert_eq!(e.kind(Path::new("404.html")), PageKind::Other);
    }
}
