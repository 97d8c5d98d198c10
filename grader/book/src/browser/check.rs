//! Everything wrong with the pages of a book as Chromium rendered them: each page as a whole
//! (see [`super::page`]), its code blocks, a directive left unexpanded, and every local link,
//! script, stylesheet and image, which must name a file of the book with the `id` its
//! `#fragment` names in the rendered target. Every image must also load (its file is what its
//! extension says, not empty or cut short) and say in its `alt` text what it shows.

use super::page::{Expectations, code_blocks, page_problems};
use super::render::RenderedPage;
use crate::html::{Scripting, Tag, tags};
use crate::links::{file_of, has_scheme, normalize, percent_decode, resolve, strip_query_and_fragment};
use crate::problem::{Problem, line_of};
use anyhow::Result;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Everything wrong with the rendered `pages` of the book built in `out_dir`, which should
/// show what `expected` says.
pub fn check_rendered(
    out_dir: &Path,
    pages: &[RenderedPage],
    expected: &Expectations,
) -> Result<Vec<Problem>> {
    let out_dir = normalize(&std::path::absolute(out_dir)?);
    let parsed: Vec<(&RenderedPage, Option<Vec<Tag<'_>>>)> = pages
        .iter()
        .map(|page| (page, page.dom.as_ref().ok().map(|dom| tags(dom, Scripting::On))))
        .collect();
    let ids: HashMap<PathBuf, HashSet<String>> = parsed
        .iter()
        .filter_map(|(page, tags)| {
            let ids = tags
                .as_ref()?
                .iter()
                .filter_map(|t| t.attribute("id"))
                .map(str::to_owned);
            Some((normalize(&page.file), ids.collect()))
        })
        .collect();
    let mut problems = Vec::new();
    for (page, tags) in &parsed {
        let file = normalize(&page.file);
        let (Ok(dom), Some(tags)) = (&page.dom, tags) else {
            let error = page.dom.as_ref().err().cloned().unwrap_or_default();
            problems.push(Problem {
                file,
                line: 1,
                message: format!("does not render in Chromium: {error}"),
            });
            continue;
        };
        let relative = file.strip_prefix(&out_dir).unwrap_or(&file);
        let kind = expected.kind(relative);
        let mut report = |offset: usize, message: String| {
            problems.push(Problem {
                file: file.clone(),
                line: line_of(dom, offset),
                message: format!("in Chromium: {message}"),
            });
        };
        for message in page_problems(dom, tags, kind, expected) {
            report(0, message);
        }
        // An include whose anchor or lines select nothing leaves an empty block behind.
        for (offset, _, text) in code_blocks(dom, tags) {
            if text.is_empty() {
                report(
                    offset,
                    "an empty code block: an include that selected nothing?".into(),
                );
            }
        }
        for (offset, _) in dom.match_indices("{{#") {
            let line = dom[offset..].lines().next().unwrap_or_default();
            let directive = line.find("}}").map_or(line, |end| &line[..end + 2]);
            report(offset, format!("unexpanded directive `{directive}`"));
        }
        let base = tags
            .iter()
            .find(|t| t.name == "base" && !t.closing)
            .and_then(|t| t.attribute("href"));
        for tag in tags.iter().filter(|t| !t.closing && t.name != "base") {
            if let Some(message) = alt_problem(tag) {
                report(tag.offset, message);
            }
            for name in ["href", "src"] {
                let Some(link) = tag.attribute(name) else {
                    continue;
                };
                if let Some(message) = link_problem(&out_dir, &file, base, tag, link, &ids) {
                    report(tag.offset, message);
                }
            }
        }
    }
    Ok(problems)
}

/// What is wrong with the link `link`, an attribute of `tag` on the rendered page `page`, if
/// anything: it must name a file inside `out_dir` (a directory counts when it has an
/// `index.html`), and a `#fragment` must name an `id` of the rendered target page.
fn link_problem(
    out_dir: &Path,
    page: &Path,
    base: Option<&str>,
    tag: &Tag<'_>,
    link: &str,
    ids: &HashMap<PathBuf, HashSet<String>>,
) -> Option<String> {
    let fragment = link.split_once('#').map(|(_, f)| percent_decode(f));
    let target = if let Some(local) = link.strip_prefix("file://") {
        normalize(Path::new(&percent_decode(strip_query_and_fragment(local))))
    } else if link.is_empty() || link.starts_with("//") || has_scheme(link) {
        return None;
    } else {
        let path = percent_decode(strip_query_and_fragment(link));
        if path.is_empty() {
            // `#fragment` or `?query` alone: this page (a `<base>` does not change that here,
            // where only mdbook's 404 page has one, and it links to no fragment).
            page.to_path_buf()
        } else {
            // Relative to the page's `<base href>` if it has one, else to its directory.
            resolve(out_dir, page, base, &path)
        }
    };
    if !target.starts_with(out_dir) {
        return Some(format!(
            "<{}> link `{link}` leaves the book: {}",
            tag.name,
            target.display()
        ));
    }
    let file = file_of(target);
    let Ok(metadata) = fs::metadata(&file) else {
        return Some(format!(
            "<{}> link `{link}`: no file {}",
            tag.name,
            file.display()
        ));
    };
    if tag.name == "img" {
        if metadata.len() == 0 {
            return Some(format!("<img> `{link}`: {} is empty", file.display()));
        }
        if let Some(problem) = image_problem(&file) {
            return Some(format!("<img> `{link}` cannot load: {problem}"));
        }
    }
    match fragment {
        Some(fragment) if !fragment.is_empty() && file.extension().is_some_and(|e| e == "html") => {
            match ids.get(&file) {
                Some(ids) if ids.contains(&fragment) => None,
                Some(_) => Some(format!("link `{link}`: no id `{fragment}` in {}", file.display())),
                None => Some(format!("link `{link}`: {} was not rendered", file.display())),
            }
        }
        _ => None,
    }
}

/// What is wrong with the `alt` text of `tag`, if it is an image: a reader who cannot see the
/// picture (a screen reader, a text browser, an image that failed to load) reads its `alt`
/// instead, so every `<img>` needs one that says what the picture shows.
fn alt_problem(tag: &Tag<'_>) -> Option<String> {
    if tag.name != "img" {
        return None;
    }
    let src = tag.attribute("src").unwrap_or_default();
    match tag.attribute("alt") {
        None => Some(format!("<img> `{src}` has no alt text")),
        Some(alt) if alt.trim().is_empty() => Some(format!("<img> `{src}` has an empty alt text")),
        Some(_) => None,
    }
}

/// Why the image file `file` cannot load in a browser, if it cannot: its content is not what
/// its extension says (an SVG must be an `<svg>` document with a closing tag, a PNG, JPEG, GIF
/// or WebP must start with its format's signature). Other extensions are not checked.
fn image_problem(file: &Path) -> Option<String> {
    let extension = file.extension()?.to_str()?.to_ascii_lowercase();
    let bytes = match fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) => return Some(format!("cannot read {}: {error}", file.display())),
    };
    let signature: &[&[u8]] = match extension.as_str() {
        "svg" => {
            let text = String::from_utf8_lossy(&bytes);
            let text = text.trim();
            return match text.find("<svg") {
                None => Some(format!("{} has no <svg> element", file.display())),
                Some(_) if !text.ends_with("</svg>") => {
                    Some(format!("{} does not end with </svg>: cut short?", file.display()))
                }
                Some(_) => None,
            };
        }
        "png" => &[b"\x89PNG\r\n\x1a\n"],
        "jpg" | "jpeg" => &[b"\xff\xd8\xff"],
        "gif" => &[b"GIF87a", b"GIF89a"],
        "webp" => &[b"RIFF"],
        _ => return None,
    };
    (!signature.iter().any(|s| bytes.starts_with(s)))
        .then(|| format!("{} is not a {} file", file.display(), extension.to_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::dir_with;

    /// A page as Chromium would render it, its scripts run, with `main` as its content; `root`
    /// leads from the page's directory to the book's root.
    fn rendered(title: &str, root: &str, main: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"en\" class=\"js light\"><head><title>{title}</title>\
             <script>if (a < b) {{ x = '<a href=\"nowhere.html\">'; }}</script></head><body>\
             <mdbook-sidebar-scrollbox><ol><li><a href=\"{root}one.html\">One</a></li>\
             <li><a href=\"{root}sub/two.html\">Two</a></li></ol></mdbook-sidebar-scrollbox>\
             <noscript><iframe src=\"gone.html\"></iframe></noscript>\
             <main>{main}</main></body></html>"
        )
    }

    const TEXT: &str = "<h1 id=\"one\">One</h1><p>Enough words to count as a page that \
        rendered: a paragraph of text, long enough to pass the threshold of one hundred \
        characters.</p>";

    fn check(dir: &Path, doms: &[(&str, String)]) -> Vec<String> {
        let pages: Vec<RenderedPage> = doms
            .iter()
            .map(|(name, dom)| RenderedPage {
                file: dir.join(name),
                dom: Ok(dom.clone()),
            })
            .collect();
        check_rendered(dir, &pages, &Expectations::example())
            .unwrap()
            .iter()
            .map(|p| format!("{}: {}", p.file.strip_prefix(dir).unwrap().display(), p.message))
            .collect()
    }

    #[test]
    fn a_sound_rendering_has_no_problems() {
        let dir = dir_with(&[("one.html", ""), ("sub/two.html", ""), ("sub/figure.svg", SVG)]);
        let main = format!(
            "{TEXT}<a href=\"sub/two.html#two\">Two</a><a href=\"#one\">here</a>\
             <p><img src=\"sub/figure.svg\" alt=\"A box and an arrow\"></p>\
             <pre><code class=\"language-rust hljs\"><span class=\"boring\">fn main() {{\
             </span>let x = 1;<span class=\"boring\">}}</span></code></pre>"
        );
        let one = rendered("One - T", "", &main);
        let main = format!(
            "{}<a href=\"../one.html#one\">One</a>",
            TEXT.replace("\"one\"", "\"two\"")
        );
        let two = rendered("Two - T", "../", &main);
        assert_eq!(
            check(dir.path(), &[("one.html", one), ("sub/two.html", two)]),
            Vec::<String>::new()
        );
    }

    #[test]
    fn broken_links_fragments_and_images_are_found() {
        let dir = dir_with(&[("one.html", ""), ("sub/two.html", ""), ("empty.png", "")]);
        let main = format!(
            "{TEXT}<a href=\"three.html\">3</a><a href=\"sub/two.html#nope\">2</a>\
             <a href=\"#gone\">here</a><img src=\"empty.png\" alt=\"E\">\
             <img src=\"missing.png\" alt=\"M\">\
             <a href=\"../outside.html\">out</a><a href=\"https://example.com/#x\">web</a>"
        );
        let two = rendered("Two - T", "../", &TEXT.replace("\"one\"", "\"two\""));
        let problems = check(
            dir.path(),
            &[
                ("one.html", rendered("One - T", "", &main)),
                ("sub/two.html", two),
            ],
        );
        let one: Vec<&String> = problems.iter().filter(|p| p.starts_with("one.html")).collect();
        assert_eq!(one.len(), 6, "{problems:#?}");
        for expected in [
            "three.html",
            "no id `nope`",
            "no id `gone`",
            "empty.png",
            "missing.png",
            "leaves the book",
        ] {
            assert!(
                one.iter().any(|p| p.contains(expected)),
                "{expected}: {problems:#?}"
            );
        }
    }

    /// A small SVG picture, as the book's figures are written.
    const SVG: &str = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
        viewBox=\"0 0 10 10\"><title>A box</title><rect width=\"5\" height=\"5\"/></svg>\n";

    #[test]
    fn an_image_without_alt_text_or_that_cannot_load_is_found() {
        let dir = dir_with(&[
            ("one.html", ""),
            ("sub/two.html", ""),
            ("fig.svg", SVG),
            ("cut.svg", &SVG[..SVG.len() / 2]),
            ("html.svg", "<html><body>Not found</body></html>"),
            ("fake.png", "<svg></svg>"),
        ]);
        let main = format!(
            "{TEXT}<img src=\"fig.svg\"><img src=\"fig.svg\" alt=\"\">\
             <img src=\"fig.svg\" alt=\" \"><img alt=\"A box\" src=\"fig.svg\">\
             <img src=\"cut.svg\" alt=\"Cut\"><img src=\"html.svg\" alt=\"Html\">\
             <img src=\"fake.png\" alt=\"Fake\"><img src=\"gone.svg\" alt=\"Gone\">"
        );
        let two = rendered("Two - T", "../", &TEXT.replace("\"one\"", "\"two\""));
        let problems = check(
            dir.path(),
            &[
                ("one.html", rendered("One - T", "", &main)),
                ("sub/two.html", two),
            ],
        );
        for expected in [
            "one.html: in Chromium: <img> `fig.svg` has no alt text",
            "one.html: in Chromium: <img> `fig.svg` has an empty alt text",
            "one.html: in Chromium: <img> `cut.svg` cannot load:",
            "one.html: in Chromium: <img> `html.svg` cannot load:",
            "one.html: in Chromium: <img> `fake.png` cannot load:",
            "one.html: in Chromium: <img> link `gone.svg`: no file",
        ] {
            assert!(
                problems.iter().any(|p| p.starts_with(expected)),
                "{expected}: {problems:#?}"
            );
        }
        // Two without alt text (none, then empty) and one blank, three that cannot load, one
        // missing; the image with alt text that loads is sound.
        assert_eq!(problems.len(), 7, "{problems:#?}");
    }

    #[test]
    fn a_page_that_did_not_render_is_reported() {
        let dir = dir_with(&[("one.html", ""), ("sub/two.html", "")]);
        let no_scripts = rendered("One - T", "", TEXT)
            .replace("class=\"js light\"", "class=\"light\"")
            .replace("<li><a href=\"sub/two.html\">Two</a></li>", "")
            + "<pre><code class=\"language-rust\">fn main() {}</code></pre>";
        let problems = check(
            dir.path(),
            &[
                ("one.html", no_scripts),
                (
                    "sub/two.html",
                    rendered(
                        "Wrong - T",
                        "../",
                        "<p>{{#include x.rs}}</p><pre><code class=\"hljs\">\
                         <span class=\"boring\"><span class=\"hljs-meta\">fn main() {</span>\
                         </span>\n<span class=\"boring\">}</span></code></pre>",
                    ),
                ),
            ],
        );
        for expected in [
            "one.html: in Chromium: <html> is not marked `js`",
            "one.html: in Chromium: the sidebar has 1 links for 2 chapters",
            "one.html: in Chromium: 1 code block(s) not highlighted",
            "sub/two.html: in Chromium: the title is `Wrong - T`, not `Two - T`",
            "sub/two.html: in Chromium: <main> holds only",
            "sub/two.html: in Chromium: no <h1> heading in <main>",
            "sub/two.html: in Chromium: unexpanded directive `{{#include x.rs}}`",
            "sub/two.html: in Chromium: an empty code block",
        ] {
            assert!(
                problems.iter().any(|p| p.starts_with(expected)),
                "{expected}: {problems:#?}"
            );
        }
        assert_eq!(problems.len(), 8, "{problems:#?}");
    }

    #[test]
    fn an_error_from_chromium_is_a_problem() {
        let dir = dir_with(&[("one.html", "")]);
        let pages = [RenderedPage {
            file: dir.path().join("one.html"),
            dom: Err("Chromium exited with 1".into()),
        }];
        let problems = check_rendered(dir.path(), &pages, &Expectations::example()).unwrap();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("does not render in Chromium: Chromium exited with 1")
        );
    }
}
