//! Every page of the built book, opened in headless Chromium: it renders, its scripts run, and
//! every link, script, stylesheet and image in the rendered page resolves. A screenshot of one
//! chapter page is kept in `target/book-screenshots/` for CI to publish.
//!
//! Needs Chromium (`apt-get install -y --no-install-recommends chromium`, which `.ci/run` does);
//! without it the test fails and says so.

use book::browser::{self, Chromium, Expectations};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The page whose screenshot is kept: a chapter's first page, with the sidebar, prose, a list of
/// links and a code block.
const SCREENSHOT_PAGE: &str = "memory/index.html";

/// Chromium processes at a time: each one is a browser, a renderer and more, so a few suffice.
fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| (n.get() + 1).clamp(2, 4))
}

/// Where screenshots are kept: `target/book-screenshots`, in the target directory Cargo uses.
fn screenshot_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("book-screenshots")
}

#[test]
fn every_page_renders_in_chromium_and_every_link_resolves() {
    let chromium = Chromium::find().unwrap_or_else(|error| panic!("{error:#}"));
    let book_dir = book::workspace_book_dir();
    let out = tempfile::tempdir().unwrap();
    if let Err(error) = book::build(&book_dir, out.path()) {
        panic!("{error:#}");
    }
    let expected = Expectations::load(&book_dir).unwrap();

    let started = Instant::now();
    let pages = browser::render_pages(&chromium, out.path(), workers()).unwrap();
    let rendering = started.elapsed();
    let problems = browser::check_rendered(out.path(), &pages, &expected).unwrap();
    let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "{} problem(s) in the book as Chromium renders it:\n{}",
        problems.len(),
        listed.join("\n")
    );
    // Every chapter, the copy of the first one as `index.html`, the print page, and mdbook's
    // own pages (404, the sidebar's fallback).
    assert!(
        pages.len() > expected.chapters.len(),
        "only {} pages rendered",
        pages.len()
    );
    println!(
        "Rendered {} pages in Chromium in {:.1} s ({} at a time).",
        pages.len(),
        rendering.as_secs_f64(),
        workers()
    );

    let page = out.path().join(SCREENSHOT_PAGE);
    let png = screenshot_dir().join(SCREENSHOT_PAGE.trim_end_matches(".html").replace('/', "-") + ".png");
    std::fs::create_dir_all(png.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&png);
    chromium
        .screenshot(&book::file_url(&page), &png, 1280, 2000)
        .unwrap_or_else(|error| panic!("{error:#}"));
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        png.display()
    );
    // A blank or unstyled page compresses to a few kilobytes; the rendered page is hundreds.
    assert!(
        bytes.len() > 50_000,
        "the screenshot {} is only {} bytes: the page looks blank",
        png.display(),
        bytes.len()
    );
    println!("Screenshot of {SCREENSHOT_PAGE}: {}", png.display());
}
