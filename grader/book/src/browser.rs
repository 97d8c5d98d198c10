//! Opens the built book in headless Chromium and checks what a reader sees: every page renders
//! (its `<main>` has content and a heading, its title is its own, its scripts ran), no directive
//! is left unexpanded, no code block is empty, and every local link, script, stylesheet and image
//! of the *rendered* page names a file of the book, with the `id` its `#fragment` names in the
//! rendered target. The sidebar is built by a script, so only a browser sees its links.
//!
//! Chromium is driven as a command (`--dump-dom`, `--screenshot`), one process per page with a
//! fresh profile, and kept offline: every host name fails to resolve.

use crate::check::{Problem, decode_entities, files_with_extension, has_scheme, line_of, normalize};
use crate::check::{percent_decode, strip_query_and_fragment};
use anyhow::{Context, Result, bail, ensure};
use mdbook_driver::MDBook;
use std::collections::{HashMap, HashSet};
use std::env;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// How to install the browser, for the error that says it is missing.
pub const INSTALL_HINT: &str = "install Debian's or Ubuntu's `chromium` package \
(`apt-get install -y --no-install-recommends chromium`; `.ci/run` does it), \
or set CHROMIUM to the path of a Chromium or Chrome executable";

/// How long Chromium may take over one page before it is stopped.
const PAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// A headless run that leaves no state behind and makes no network request: the book's pages
/// are local files, and the playground's crate list (which mdbook's script fetches) is not
/// needed to render them.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
];

/// Text a rendered page's `<main>` must at least hold, in characters, to count as rendered.
const MIN_MAIN_TEXT: usize = 100;

/// Elements whose content Chromium serializes as raw text (with scripting on, `<noscript>` too):
/// a `<` inside them does not open a tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "noscript", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// A Chromium (or Chrome) executable.
#[derive(Debug, Clone)]
pub struct Chromium {
    program: PathBuf,
}

impl Chromium {
    /// `$CHROMIUM` if it is set, else `chromium` or `chromium-browser` on the `PATH`.
    pub fn find() -> Result<Self> {
        if let Some(program) = env::var_os("CHROMIUM") {
            let program = PathBuf::from(program);
            let found = if program.components().count() > 1 {
                program.is_file().then_some(program.clone())
            } else {
                on_path(&program.to_string_lossy())
            };
            return match found {
                Some(program) => Ok(Self { program }),
                None => bail!(
                    "CHROMIUM is {}, which is not an executable file: {INSTALL_HINT}",
                    program.display()
                ),
            };
        }
        ["chromium", "chromium-browser"]
            .into_iter()
            .find_map(on_path)
            .map(|program| Self { program })
            .with_context(|| {
                format!("headless Chromium is needed and was not found on the PATH: {INSTALL_HINT}")
            })
    }

    /// The executable.
    pub fn program(&self) -> &Path {
        &self.program
    }

    /// The page at `url` as Chromium serializes it once loaded, its scripts run.
    pub fn dump_dom(&self, url: &str) -> Result<String> {
        let scratch = Scratch::new()?;
        let dom = scratch.path().join("dom.html");
        self.run(&scratch, &["--dump-dom".into()], url, Some(&dom))?;
        fs::read_to_string(&dom).with_context(|| format!("cannot read what Chromium printed for {url}"))
    }

    /// Saves a PNG of the page at `url`, in a window `width` × `height` pixels, to `png`.
    pub fn screenshot(&self, url: &str, png: &Path, width: u32, height: u32) -> Result<()> {
        let scratch = Scratch::new()?;
        let png = std::path::absolute(png)?;
        let args = [
            format!("--screenshot={}", png.display()),
            format!("--window-size={width},{height}"),
            "--hide-scrollbars".into(),
        ];
        self.run(&scratch, &args, url, None)?;
        ensure!(png.is_file(), "Chromium wrote no screenshot to {}", png.display());
        Ok(())
    }

    /// Runs Chromium on `url` with `args`, a profile in `scratch` and its output to `stdout`,
    /// stopping it after [`PAGE_TIMEOUT`].
    fn run(&self, scratch: &Scratch, args: &[String], url: &str, stdout: Option<&Path>) -> Result<()> {
        let profile = scratch.path().join("profile");
        let stderr_path = scratch.path().join("stderr.txt");
        let stdout = match stdout {
            Some(path) => Stdio::from(File::create(path)?),
            None => Stdio::null(),
        };
        let mut child = Command::new(&self.program)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(args)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(File::create(&stderr_path)?)
            .spawn()
            .with_context(|| format!("cannot run {}", self.program.display()))?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if started.elapsed() > PAGE_TIMEOUT {
                // Already exited, if the kill fails: the wait below reaps it either way.
                let _ = child.kill();
                child.wait()?;
                bail!("Chromium took more than {} s over {url}", PAGE_TIMEOUT.as_secs());
            }
            thread::sleep(Duration::from_millis(10));
        };
        if !status.success() {
            let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
            let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            bail!("Chromium exited with {status} over {url}:\n{}", tail.join("\n"));
        }
        Ok(())
    }
}

/// The first executable file called `name` in a directory of the `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// A fresh directory in the system's temporary directory, removed when dropped.
#[derive(Debug)]
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Self> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = env::temp_dir().join(format!(
            "book-chromium-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        // Left over by a process that was killed, if it exists.
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Self(dir))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Chromium may still be writing to its profile for a moment; a leftover is harmless.
        let _ = fs::remove_dir_all(&self.0);
    }
}

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
    fn kind(&self, page: &Path) -> PageKind<'_> {
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

/// The kinds of page in a built book, which are checked differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageKind<'a> {
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

/// One page of the built book, as Chromium rendered it, or why it could not.
#[derive(Debug)]
pub struct RenderedPage {
    /// The page's file.
    pub file: PathBuf,
    /// Its DOM, serialized after loading, or the error that stopped Chromium.
    pub dom: std::result::Result<String, String>,
}

/// Renders every HTML page under `out_dir` with `chromium`, on `workers` Chromium processes at
/// a time.
pub fn render_pages(chromium: &Chromium, out_dir: &Path, workers: usize) -> Result<Vec<RenderedPage>> {
    let out_dir = normalize(&std::path::absolute(out_dir)?);
    let files = files_with_extension(&out_dir, "html")?;
    ensure!(!files.is_empty(), "no HTML pages in {}", out_dir.display());
    let next = AtomicUsize::new(0);
    let rendered = Mutex::new(Vec::with_capacity(files.len()));
    thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let dom = chromium
                        .dump_dom(&crate::file_url(file))
                        .map_err(|error| format!("{error:#}"));
                    let page = RenderedPage {
                        file: file.clone(),
                        dom,
                    };
                    rendered.lock().unwrap_or_else(PoisonError::into_inner).push(page);
                }
            });
        }
    });
    let mut rendered = rendered.into_inner().unwrap_or_else(PoisonError::into_inner);
    rendered.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(rendered)
}

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
        .map(|page| (page, page.dom.as_ref().ok().map(|dom| tags(dom))))
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

/// What is wrong with a rendered page as a whole: its title, its content, the work of its
/// scripts.
fn page_problems(dom: &str, tags: &[Tag<'_>], kind: PageKind<'_>, expected: &Expectations) -> Vec<String> {
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
fn code_blocks<'t>(dom: &str, tags: &'t [Tag<'_>]) -> Vec<(usize, &'t str, String)> {
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

/// The byte range from the first `<name>` tag to its matching `</name>`.
fn element_range(tags: &[Tag<'_>], name: &str) -> Option<(usize, usize)> {
    let start = tags.iter().position(|t| t.name == name && !t.closing)?;
    let mut depth = 0usize;
    for tag in &tags[start..] {
        if tag.name != name {
            continue;
        }
        if tag.closing {
            depth -= 1;
            if depth == 0 {
                return Some((tags[start].offset, tag.offset));
            }
        } else {
            depth += 1;
        }
    }
    None
}

/// The text of an HTML fragment, tags left out and whitespace collapsed.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
            // Relative to the page's `<base href>` if it has one, else to its directory; a path
            // starting with `/` is relative to the book's root.
            let dir = page.parent().unwrap_or(out_dir);
            let base = match base {
                Some(base) if base.starts_with('/') => out_dir.join(base.trim_start_matches('/')),
                Some(base) => dir.join(base),
                None => dir.to_path_buf(),
            };
            match path.strip_prefix('/') {
                Some(rooted) => normalize(&out_dir.join(rooted)),
                None => normalize(&base.join(&path)),
            }
        }
    };
    if !target.starts_with(out_dir) {
        return Some(format!(
            "<{}> link `{link}` leaves the book: {}",
            tag.name,
            target.display()
        ));
    }
    let file = if target.is_dir() {
        target.join("index.html")
    } else {
        target
    };
    let Ok(metadata) = fs::metadata(&file) else {
        return Some(format!(
            "<{}> link `{link}`: no file {}",
            tag.name,
            file.display()
        ));
    };
    if tag.name == "img" && metadata.len() == 0 {
        return Some(format!("<img> `{link}`: {} is empty", file.display()));
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

/// A tag of a serialized DOM.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tag<'a> {
    /// Its byte offset in the DOM.
    offset: usize,
    /// The byte offset just past its `>`.
    end: usize,
    /// Its name, in lower case.
    name: String,
    /// `</name>`.
    closing: bool,
    /// Its attributes, their values decoded.
    attributes: Vec<(&'a str, String)>,
    /// The content of a raw-text element (`<title>`, `<script>`...).
    raw_text: Option<&'a str>,
}

impl Tag<'_> {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The tags of `html` as Chromium serializes a DOM: comments and doctypes skipped, and the
/// content of raw-text elements (scripts, styles, `<noscript>`...) not read as tags. Chromium
/// writes tag names in lower case and escapes `<` in text, so every other `<` opens a tag.
fn tags(html: &str) -> Vec<Tag<'_>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(found_at) = html[at..].find('<') {
        let start = at + found_at;
        let rest = &html[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            at = start + 4 + comment.find("-->").map_or(comment.len(), |end| end + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            at = start + rest.find('>').map_or(rest.len(), |end| end + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = html[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(html.len() - name_start);
        if name_len == 0 {
            // A `<` that opens nothing.
            at = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let (attributes, end) = attributes(html, name_start + name_len);
        at = end;
        let mut raw_text = None;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            let content_end = html[end..]
                .find(&format!("</{name}"))
                .map_or(html.len(), |c| end + c);
            raw_text = Some(&html[end..content_end]);
            at = content_end;
        }
        found.push(Tag {
            offset: start,
            end,
            name,
            closing,
            attributes,
            raw_text,
        });
    }
    found
}

/// The attributes of the tag whose name ends at `from`, and the offset just past its `>`.
fn attributes(html: &str, from: usize) -> (Vec<(&str, String)>, usize) {
    let bytes = html.as_bytes();
    let mut attributes = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return (attributes, bytes.len()),
            Some(b'>') => return (attributes, i + 1),
            Some(_) => {}
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &html[name_start..i];
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = html[i + 1..]
                        .find(char::from(quote))
                        .map_or(bytes.len(), |e| i + 1 + e);
                    value = decode_entities(&html[i + 1..end]);
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let value_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&html[value_start..i]);
                }
            }
        }
        if name.is_empty() {
            // A stray `=`: step over it.
            i += 1;
        } else {
            attributes.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expected() -> Expectations {
        Expectations {
            title: "T".into(),
            chapters: vec![
                ("One".into(), "one.html".into()),
                ("Two".into(), "sub/two.html".into()),
            ],
        }
    }

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

    fn book(pages: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in pages {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    fn check(dir: &Path, doms: &[(&str, String)]) -> Vec<String> {
        let pages: Vec<RenderedPage> = doms
            .iter()
            .map(|(name, dom)| RenderedPage {
                file: dir.join(name),
                dom: Ok(dom.clone()),
            })
            .collect();
        check_rendered(dir, &pages, &expected())
            .unwrap()
            .iter()
            .map(|p| format!("{}: {}", p.file.strip_prefix(dir).unwrap().display(), p.message))
            .collect()
    }

    #[test]
    fn tags_skip_comments_and_raw_text() {
        let html = "<!DOCTYPE html><!-- <a href=\"x\"> --><p class=a id='b' hidden>x &lt; y</p>\
                    <script>if (a < b) {}</script><title>A &amp; B</title><br/><img src=i.png>";
        let found = tags(html);
        let names: Vec<(&str, bool)> = found.iter().map(|t| (t.name.as_str(), t.closing)).collect();
        assert_eq!(
            names,
            [
                ("p", false),
                ("p", true),
                ("script", false),
                ("script", true),
                ("title", false),
                ("title", true),
                ("br", false),
                ("img", false)
            ]
        );
        assert_eq!(found[0].attribute("class"), Some("a"));
        assert_eq!(found[0].attribute("id"), Some("b"));
        assert_eq!(found[0].attribute("hidden"), Some(""));
        assert_eq!(found[4].raw_text, Some("A &amp; B"));
        assert_eq!(found[7].attribute("src"), Some("i.png"));
    }

    #[test]
    fn a_sound_rendering_has_no_problems() {
        let dir = book(&[("one.html", ""), ("sub/two.html", "")]);
        let main = format!(
            "{TEXT}<a href=\"sub/two.html#two\">Two</a><a href=\"#one\">here</a>\
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
        let dir = book(&[("one.html", ""), ("sub/two.html", ""), ("empty.png", "")]);
        let main = format!(
            "{TEXT}<a href=\"three.html\">3</a><a href=\"sub/two.html#nope\">2</a>\
             <a href=\"#gone\">here</a><img src=\"empty.png\"><img src=\"missing.png\">\
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

    #[test]
    fn a_page_that_did_not_render_is_reported() {
        let dir = book(&[("one.html", ""), ("sub/two.html", "")]);
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
        let dir = book(&[("one.html", "")]);
        let pages = [RenderedPage {
            file: dir.path().join("one.html"),
            dom: Err("Chromium exited with 1".into()),
        }];
        let problems = check_rendered(dir.path(), &pages, &expected()).unwrap();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("does not render in Chromium: Chromium exited with 1")
        );
    }

    #[test]
    fn page_kinds() {
        let e = expected();
        assert_eq!(e.kind(Path::new("sub/two.html")), PageKind::Chapter("Two"));
        assert_eq!(e.kind(Path::new("index.html")), PageKind::Chapter("One"));
        assert_eq!(e.kind(Path::new("print.html")), PageKind::Print);
        assert_eq!(e.kind(Path::new("toc.html")), PageKind::Toc);
        assert_eq!(e.kind(Path::new("404.html")), PageKind::Other);
    }
}
