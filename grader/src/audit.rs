//! Before the learner's crate is built: it may use only its own sources, vetted crates from
//! crates.io, and no `unsafe`. A learner crate that reaches outside its directory at build time
//! (`#[path]`, `include_str!`, a build script, a path dependency, a patched registry crate, a
//! symbolic link) could hand in the reference solution; one with `unsafe` code, or a crate that
//! is not on the manifest's list, could reach the harness's memory. Either is refused here,
//! with the file and the line, before anything is compiled.

use anyhow::{Context, Result};
use serde_json::Value;
use std::path::{Component, Path};
use std::process::{Command, Stdio};

/// What the audit found wrong, the first thing only; `None` when the crate may be built.
pub fn audit(root: &Path, crate_dir: &Path, allowed: &[String]) -> Result<Option<String>> {
    if let Some(problem) = scan_tree(crate_dir, crate_dir)? {
        return Ok(Some(problem));
    }
    if let Some(problem) = cargo_config(root, crate_dir) {
        return Ok(Some(problem));
    }
    dependencies(root, crate_dir, allowed)
}

/// Words that are `unsafe` code, or attributes that are unsafe without the word (before
/// edition 2024), or inline assembly.
const UNSAFE_WORDS: [&str; 7] = [
    "unsafe",
    "no_mangle",
    "export_name",
    "link_section",
    "link_name",
    "global_asm",
    "naked_asm",
];

/// Macros that read a file at build time.
const INCLUDE_MACROS: [&str; 3] = ["include", "include_str", "include_bytes"];

fn scan_tree(dir: &Path, crate_dir: &Path) -> Result<Option<String>> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let shown = path
            .strip_prefix(crate_dir.parent().unwrap_or(crate_dir))
            .unwrap_or(&path)
            .display()
            .to_string();
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            return Ok(Some(format!(
                "{shown} is a symbolic link: an exercise crate may only hold its own files"
            )));
        }
        if kind.is_dir() {
            if entry.file_name() == "target" {
                continue;
            }
            if let Some(problem) = scan_tree(&path, crate_dir)? {
                return Ok(Some(problem));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            if dir == crate_dir && entry.file_name() == "build.rs" {
                return Ok(Some(format!(
                    "{shown}: a build script runs arbitrary code at build time, which graded exercises may not do"
                )));
            }
            // The library is what the harness links: its sources are under src/ (tests,
            // benches and examples are never part of it).
            if !path.starts_with(crate_dir.join("src")) {
                continue;
            }
            let text =
                std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            let inside = |p: &str| resolves_inside(dir, p, crate_dir);
            if let Some((line, problem)) = scan_source(&text, &inside) {
                return Ok(Some(format!("{shown}:{line}: {problem}")));
            }
        } else if entry.file_name() == "Cargo.toml" && dir == crate_dir {
            let text = std::fs::read_to_string(&path)?;
            let manifest: toml::Table = text.parse().with_context(|| format!("parsing {shown}"))?;
            let package = manifest.get("package").and_then(|p| p.as_table());
            if package.is_some_and(|p| p.contains_key("build")) {
                return Ok(Some(format!(
                    "{shown}: `build` names a build script, which graded exercises may not have"
                )));
            }
            let lib_path = manifest
                .get("lib")
                .and_then(|l| l.get("path"))
                .and_then(|p| p.as_str());
            if let Some(lib) = lib_path.filter(|p| !stays_inside(p)) {
                return Ok(Some(format!(
                    "{shown}: the library's path {lib:?} leaves the crate's directory"
                )));
            }
        }
    }
    Ok(None)
}

/// A relative path that stays inside the directory it is relative to.
fn stays_inside(path: &str) -> bool {
    let path = Path::new(path);
    path.is_relative()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// Whether `path`, relative to `dir` (the file's directory), stays inside `crate_dir`. A
/// `#[path]` in a nested module may be relative to a deeper directory; within `src/` that only
/// moves it further in, never out.
fn resolves_inside(dir: &Path, path: &str, crate_dir: &Path) -> bool {
    if Path::new(path).is_absolute() {
        return false;
    }
    let mut resolved = dir.to_path_buf();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => resolved.push(part),
            Component::ParentDir => {
                if !resolved.pop() {
                    return false;
                }
            }
            Component::CurDir => {}
            _ => return false,
        }
    }
    resolved.starts_with(crate_dir)
}

/// The first problem in one source file: its line and what it is. `inside` says whether a path
/// written in the file stays inside the crate.
fn scan_source(text: &str, inside: &dyn Fn(&str) -> bool) -> Option<(usize, String)> {
    let code = strip_comments_and_strings(text);
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    for (at, word) in words(&code) {
        if UNSAFE_WORDS.contains(&word) {
            return Some((
                line_of(at),
                format!(
                    "`{word}` is not allowed: exercises are safe Rust (the grader runs your code beside its own measurements)"
                ),
            ));
        }
        if INCLUDE_MACROS.contains(&word) {
            // Only `include_str!("file")` with a literal that stays inside the crate.
            let rest = code[at + word.len()..].trim_start();
            let literal = rest
                .strip_prefix('!')
                .map(str::trim_start)
                .and_then(|r| r.strip_prefix(['(', '[', '{']))
                .map(str::trim_start)
                .filter(|r| r.starts_with('"'))
                .and_then(|_| first_literal(&text[at..]));
            if !literal.is_some_and(|l| inside(&l)) {
                return Some((
                    line_of(at),
                    format!("`{word}!` may only name a file inside the crate, as a plain string literal"),
                ));
            }
        }
        if word == "path" {
            let rest = code[at + 4..].trim_start();
            if rest.starts_with('=') && !rest.starts_with("==") {
                let literal = first_literal(&text[at..]);
                if !literal.as_deref().is_some_and(inside) {
                    return Some((
                        line_of(at),
                        "a `path = \"…\"` that leaves the crate's directory: a module must be a file of this crate".into(),
                    ));
                }
            }
        }
    }
    None
}

/// The first string literal's contents in `text` (no escapes are expected in paths).
fn first_literal(text: &str) -> Option<String> {
    let start = text.find('"')? + 1;
    let end = start + text[start..].find('"')?;
    Some(text[start..end].to_string())
}

/// Identifiers with their byte offsets.
fn words(code: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = code.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if is_word(bytes[i]) && (i == 0 || !is_word(bytes[i - 1])) {
                let start = i;
                while i < bytes.len() && is_word(bytes[i]) {
                    i += 1;
                }
                return Some((start, &code[start..i]));
            }
            i += 1;
        }
        None
    })
}

/// `text` with comments and the contents of string and character literals blanked out (each
/// byte replaced by a space, newlines kept), so offsets and lines still match.
fn strip_comments_and_strings(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for x in &mut out[from..to.min(b.len())] {
            if *x != b'\n' {
                *x = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = text[i..].find('\n').map_or(b.len(), |e| i + e);
                blank(&mut out, i, end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let (mut depth, mut j) = (1, i + 2);
                while j < b.len() && depth > 0 {
                    if b[j] == b'/' && b.get(j + 1) == Some(&b'*') {
                        depth += 1;
                        j += 2;
                    } else if b[j] == b'*' && b.get(j + 1) == Some(&b'/') {
                        depth -= 1;
                        j += 2;
                    } else {
                        j += 1;
                    }
                }
                blank(&mut out, i, j);
                i = j;
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let body = i + 2 + hashes;
                let end = text[body..]
                    .find(&close)
                    .map_or(b.len(), |e| body + e + close.len());
                blank(&mut out, body, end.saturating_sub(close.len()));
                i = end;
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                blank(&mut out, i + 1, j);
                i = j + 1;
            }
            b'\'' => {
                // A character literal ('x', '\n', '\u{..}'), not a lifetime ('a).
                let end = if b.get(i + 1) == Some(&b'\\') {
                    text[i + 2..].find('\'').map(|e| i + 2 + e)
                } else {
                    let c = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                    (b.get(i + 1 + c) == Some(&b'\'')).then_some(i + 1 + c)
                };
                match end {
                    Some(end) => {
                        blank(&mut out, i + 1, end);
                        i = end + 1;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Cargo configuration that replaces crates.io or patches crates.
fn cargo_config(root: &Path, crate_dir: &Path) -> Option<String> {
    for dir in [root, crate_dir] {
        for name in [".cargo/config.toml", ".cargo/config"] {
            let path = dir.join(name);
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let table: toml::Table = text.parse().unwrap_or_default();
            if let Some(key) = ["patch", "source", "paths"]
                .into_iter()
                .find(|k| table.contains_key(*k))
            {
                return Some(format!(
                    "{}: `{key}` replaces crates the graded build uses; remove it to be graded",
                    path.display()
                ));
            }
        }
    }
    None
}

/// Every crate the library links must come from crates.io, and its own dependencies must be
/// on the manifest's list.
fn dependencies(root: &Path, crate_dir: &Path, allowed: &[String]) -> Result<Option<String>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["metadata", "--format-version", "1"])
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .context("running cargo metadata")?;
    if !output.status.success() {
        // The build reports a broken manifest better, with cargo's own words.
        return Ok(None);
    }
    let metadata: Value = serde_json::from_slice(&output.stdout).context("reading cargo metadata")?;
    let manifest = crate_dir.join("Cargo.toml");
    let packages = metadata["packages"].as_array().cloned().unwrap_or_default();
    let Some(package) = packages.iter().find(|p| {
        p["manifest_path"]
            .as_str()
            .is_some_and(|m| Path::new(m) == manifest)
    }) else {
        return Ok(None);
    };
    let shown = format!(
        "{}/Cargo.toml",
        crate_dir.file_name().unwrap_or_default().to_string_lossy()
    );
    for dep in package["dependencies"].as_array().into_iter().flatten() {
        if !dep["kind"].is_null() {
            continue; // dev- and build-dependencies are not linked into the library
        }
        let name = dep["name"].as_str().unwrap_or_default();
        if dep["source"].is_null() || dep["source"].as_str().is_some_and(|s| !from_crates_io(s)) {
            return Ok(Some(format!(
                "{shown}: `{name}` does not come from crates.io (a path or git dependency): an exercise may use only its own code and published crates"
            )));
        }
        if !allowed.iter().any(|a| a == name) {
            return Ok(Some(format!(
                "{shown}: `{name}` is not on the workbook's list of crates an exercise may use (`allowed_dependencies` in grader/workbook.toml): {}",
                allowed.join(", ")
            )));
        }
    }
    // Whatever the manifests say, what is resolved must be crates.io's (no [patch] to a path).
    let id = package["id"].as_str().unwrap_or_default();
    let nodes = metadata["resolve"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut stack = vec![id.to_string()];
    let mut seen = std::collections::HashSet::new();
    while let Some(current) = stack.pop() {
        if !seen.insert(current.clone()) {
            continue;
        }
        let Some(node) = nodes.iter().find(|n| n["id"] == current.as_str()) else {
            continue;
        };
        for dep in node["deps"].as_array().into_iter().flatten() {
            let normal = dep["dep_kinds"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k["kind"].is_null()));
            if !normal {
                continue;
            }
            let pkg = dep["pkg"].as_str().unwrap_or_default();
            let source = packages
                .iter()
                .find(|p| p["id"] == pkg)
                .and_then(|p| p["source"].as_str());
            if !source.is_some_and(from_crates_io) {
                return Ok(Some(format!(
                    "{shown}: the build resolves `{}` to a local or patched copy, not crates.io's",
                    dep["name"].as_str().unwrap_or(pkg)
                )));
            }
            stack.push(pkg.to_string());
        }
    }
    Ok(None)
}

fn from_crates_io(source: &str) -> bool {
    source == "registry+https://github.com/rust-lang/crates.io-index"
        || source == "sparse+https://index.crates.io/"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(source: &str) -> Option<String> {
        let (krate, src) = (
            Path::new("/w/exercises/big-o"),
            Path::new("/w/exercises/big-o/src"),
        );
        scan_source(source, &|p| resolves_inside(src, p, krate)).map(|(line, p)| format!("{line}: {p}"))
    }

    #[test]
    fn ordinary_code_passes() {
        let code = r##"
            //! Uses `unsafe` only in a comment, and "include_str!(\"../x\")" only in a string.
            use std::collections::HashMap;
            /* unsafe { } in a block comment */
            pub fn f<'a>(s: &'a str, c: char) -> usize { let path = s.len(); if c == '"' { path } else { 0 } }
            const DOC: &str = include_str!("data/words.txt");
            const RAW: &str = r#"unsafe include!("../../x")"#;
        "##;
        assert_eq!(problem(code), None);
    }

    #[test]
    fn unsafe_code_is_refused_with_its_line() {
        let p = problem("fn f() {}\nfn g() { unsafe { std::hint::unreachable_unchecked() } }").unwrap();
        assert!(p.starts_with("2: `unsafe`"), "{p}");
        assert!(problem("#[no_mangle]\npub extern \"C\" fn f() {}").is_some());
        assert!(problem("std::arch::global_asm!(\"nop\");").is_some());
    }

    #[test]
    fn reaching_outside_the_crate_is_refused() {
        for code in [
            r#"#[path = "../../../solutions/big-o/src/lib.rs"] mod reference;"#,
            r#"#[cfg_attr(all(), path = "/work/solutions/lib.rs")] mod reference;"#,
            r#"include!("../../../solutions/big-o/src/lib.rs");"#,
            r#"const S: &str = core::include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../solutions/x.rs"));"#,
            r#"use std::include_bytes as grab; const B: &[u8] = grab!("/etc/passwd");"#,
        ] {
            assert!(problem(code).is_some(), "{code}");
        }
    }

    #[test]
    fn paths_may_climb_only_as_far_as_the_crate() {
        let (krate, src) = (
            Path::new("/w/exercises/big-o"),
            Path::new("/w/exercises/big-o/src"),
        );
        assert!(resolves_inside(src, "../benches/shared/mod.rs", krate));
        assert!(resolves_inside(src, "data/words.txt", krate));
        assert!(!resolves_inside(
            src,
            "../../../solutions/big-o/src/lib.rs",
            krate
        ));
        assert!(!resolves_inside(src, "/etc/passwd", krate));
        assert!(problem(r#"#[path = "../benches/shared/mod.rs"] mod shared;"#).is_none());
    }

    #[test]
    fn paths_stay_inside_only_when_relative_and_downward() {
        assert!(stays_inside("src/data.txt") && stays_inside("./x.rs"));
        assert!(!stays_inside("../x.rs") && !stays_inside("/etc/passwd") && !stays_inside("a/../../b"));
    }
}
