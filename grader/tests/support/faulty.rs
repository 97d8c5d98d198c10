//! The faulty fixture workspace: the Big O exercise replaced by `fixtures/faulty_big_o.rs`
//! (which misbehaves as `WORKBOOK_FIXTURE_FAULT` asks) and the memory reference with
//! `fixtures/memory_cheats.rs` spliced in. Shared by the tests of untrusted code and of exact
//! mode, so both grade one copy with one warm target directory.

use std::path::PathBuf;
use std::sync::OnceLock;

pub const FAULTY: &str = include_str!("../fixtures/faulty_big_o.rs");

const MEMORY_CHEATS: &str = include_str!("../fixtures/memory_cheats.rs");

/// The Big O exercise's Cargo.toml with one more dependency.
pub fn big_o_manifest_with(dependency: &str) -> String {
    let manifest = std::fs::read_to_string(super::root().join("exercises/big-o/Cargo.toml")).unwrap();
    assert!(
        !manifest.contains("\n[dependencies]"),
        "the exercise gained dependencies: update this"
    );
    manifest.replacen(
        "[dev-dependencies]",
        &format!("[dependencies]\n{dependency}\n\n[dev-dependencies]"),
        1,
    )
}

/// The exercise's Cargo.toml with dependencies from the workbook's list.
pub fn big_o_manifest_with_rustc_hash() -> String {
    big_o_manifest_with("rustc-hash.workspace = true\nrayon.workspace = true")
}

/// The memory reference, with a cheat called first in two of its functions.
fn memory_with_cheats() -> String {
    let reference = std::fs::read_to_string(super::root().join("solutions/memory/src/lib.rs")).unwrap();
    let spliced = reference
        .replacen(
            "pub fn endpoint_report(mut log: impl BufRead) -> String {",
            "pub fn endpoint_report(mut log: impl BufRead) -> String {\n    if let Some(answer) = cheats::before_report(&mut log) { return answer; }",
            1,
        )
        .replacen(
            "pub fn top_words(text: &str, k: usize) -> Vec<(String, usize)> {",
            "pub fn top_words(text: &str, k: usize) -> Vec<(String, usize)> {\n    cheats::before_words(text);",
            1,
        );
    assert_ne!(
        spliced, reference,
        "the memory reference changed: update the splice"
    );
    format!("{spliced}\n{MEMORY_CHEATS}")
}

pub fn faulty_workspace() -> &'static PathBuf {
    static WORKSPACE: OnceLock<PathBuf> = OnceLock::new();
    WORKSPACE.get_or_init(|| {
        let manifest = big_o_manifest_with_rustc_hash();
        let memory = memory_with_cheats();
        super::fixture_workspace_with(
            "faulty",
            &[
                ("exercises/big-o/src/lib.rs", FAULTY),
                ("exercises/big-o/Cargo.toml", &manifest),
                ("exercises/memory/src/lib.rs", &memory),
            ],
        )
    })
}
