//! Builds the workbook's mdBook with mdbook as a library, and checks it.
//!
//! [`build`] renders the book and fails on any warning or error mdbook logs along the way
//! (mdbook itself logs them and carries on). [`check`] then looks for what mdbook lets through
//! without a word: an include whose anchor does not exist, a `SUMMARY.md` entry without a file,
//! a directive left unexpanded in a page, a relative link to a file the book does not contain.
//! [`browser`] opens the built pages in headless Chromium and checks what a reader sees, the
//! work of the pages' scripts included.

pub mod browser;
mod files;
mod html;
mod links;
mod log;
mod output;
mod problem;
mod sources;

pub use log::Diagnostic;
pub use output::check_output;
pub use problem::Problem;
pub use sources::check_sources;

use anyhow::{Context, Result, bail};
use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use std::path::{Path, PathBuf};

/// The workbook's book: `book/` at the root of the workspace.
pub fn workspace_book_dir() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // This crate lives in `grader/book`, two levels below the workspace root.
    manifest_dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(manifest_dir)
        .join("book")
}

/// Where the book in `book_dir` is built by default: its `book.toml`'s `build.build-dir`.
pub fn configured_out_dir(book_dir: &Path) -> Result<PathBuf> {
    let config = load_config(book_dir)?;
    Ok(book_dir.join(config.build.build_dir))
}

/// Builds the book in `book_dir` (the directory holding `book.toml`) into `out_dir`, replacing
/// what `out_dir` held.
///
/// Unlike `mdbook build`, this never creates the files `SUMMARY.md` names but that do not exist
/// (an error instead), and it fails when mdbook logs a warning or an error: an include it could
/// not read, unbalanced HTML in a page, and the like.
pub fn build(book_dir: &Path, out_dir: &Path) -> Result<()> {
    let mut config = load_config(book_dir)?;
    config.build.build_dir = std::path::absolute(out_dir)?;
    config.build.create_missing = false;
    let (built, diagnostics) = log::capture(|| {
        MDBook::load_with_config(book_dir, config)
            .and_then(|book| book.build())
            .with_context(|| format!("cannot build the book in {}", book_dir.display()))
    });
    built?;
    if !diagnostics.is_empty() {
        let listed: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        bail!(
            "mdbook reported {} problem(s) building {}:\n{}",
            listed.len(),
            book_dir.display(),
            listed.join("\n")
        );
    }
    Ok(())
}

/// Every problem [`check_sources`] finds in the book in `book_dir` and [`check_output`] finds in
/// its build in `out_dir`.
pub fn check(book_dir: &Path, out_dir: &Path) -> Result<Vec<Problem>> {
    let mut problems = check_sources(book_dir)?;
    problems.extend(check_output(out_dir)?);
    Ok(problems)
}

/// The `file://` URL of `path`, which must be absolute.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    // Windows' canonical paths start with `\\?\`; a URL wants `/C:/...`.
    let text = text.strip_prefix("//?/").unwrap_or(&text);
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for c in text.chars() {
        match c {
            ' ' => url.push_str("%20"),
            '#' => url.push_str("%23"),
            '%' => url.push_str("%25"),
            '?' => url.push_str("%3F"),
            c => url.push(c),
        }
    }
    url
}

/// The book's `book.toml`, with the `MDBOOK_*` environment overrides `mdbook` itself applies.
fn load_config(book_dir: &Path) -> Result<Config> {
    let path = book_dir.join("book.toml");
    let mut config = Config::from_disk(&path).with_context(|| format!("cannot read {}", path.display()))?;
    config.update_from_env()?;
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn book_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let defaults = [
            ("book.toml", "[book]\ntitle = \"T\"\n"),
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n",
            ),
            ("src/one.md", "# One\n\nSee [two](two.md).\n"),
            ("src/two.md", "# Two\n"),
            ("code.rs", "// ANCHOR: here\nfn f() {}\n// ANCHOR_END: here\n"),
        ];
        for (name, text) in defaults.iter().chain(files) {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_sound_book_builds_and_checks_clean() {
        let book = book_with(&[(
            "src/two.md",
            "# Two\n\n```rust\n{{#include ../code.rs:here}}\n```\n",
        )]);
        let out = book.path().join("out");
        build(book.path(), &out).unwrap();
        assert!(out.join("one.html").is_file());
        assert!(fs::read_to_string(out.join("two.html")).unwrap().contains("fn"));
        assert_eq!(check(book.path(), &out).unwrap(), []);
    }

    #[test]
    fn a_missing_chapter_file_fails_the_build_and_is_not_created() {
        let book = book_with(&[("src/SUMMARY.md", "# Summary\n\n- [Gone](gone.md)\n")]);
        assert!(build(book.path(), &book.path().join("out")).is_err());
        assert!(!book.path().join("src/gone.md").exists());
        let problems = check_sources(book.path()).unwrap();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].line, 3);
    }

    #[test]
    fn an_unreadable_include_fails_the_build() {
        let book = book_with(&[("src/two.md", "{{#include ../nowhere.rs}}\n")]);
        let error = build(book.path(), &book.path().join("out")).unwrap_err();
        assert!(format!("{error:#}").contains("nowhere.rs"), "{error:#}");
    }

    #[test]
    fn a_missing_anchor_builds_but_is_reported() {
        // mdbook includes nothing for an unknown anchor, and says nothing.
        let book = book_with(&[("src/two.md", "```rust\n{{#include ../code.rs:there}}\n```\n")]);
        let out = book.path().join("out");
        build(book.path(), &out).unwrap();
        let problems = check(book.path(), &out).unwrap();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0].message.contains("no `ANCHOR: there`"));
    }

    #[test]
    fn a_broken_link_is_reported() {
        let book = book_with(&[("src/one.md", "# One\n\nSee [three](three.md).\n")]);
        let out = book.path().join("out");
        build(book.path(), &out).unwrap();
        let problems = check(book.path(), &out).unwrap();
        // The page, the copy of the first page as `index.html`, and the print page.
        let pages: Vec<&Path> = problems.iter().map(|p| p.file.as_path()).collect();
        assert_eq!(
            pages,
            [
                out.join("index.html"),
                out.join("one.html"),
                out.join("print.html")
            ],
            "{problems:#?}"
        );
        assert!(
            problems
                .iter()
                .all(|p| p.message.starts_with("link `three.html`"))
        );
    }

    #[test]
    fn file_urls() {
        assert_eq!(file_url(Path::new("/a b/index.html")), "file:///a%20b/index.html");
        assert_eq!(
            file_url(Path::new(r"\\?\C:\book\index.html")),
            "file:///C:/book/index.html"
        );
    }

    #[test]
    fn the_workspace_book_is_found() {
        assert!(workspace_book_dir().join("book.toml").is_file());
    }
}
