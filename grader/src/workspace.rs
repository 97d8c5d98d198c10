//! Where the workbook lives, and whether the manifest and the workspace agree.

use crate::layout::{Layout, Role};
use crate::manifest::{Chapter, Manifest};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The manifest's path inside the workspace.
pub const MANIFEST: &str = "grader/workbook.toml";

/// The workspace root: the nearest ancestor of `start` holding the manifest.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(MANIFEST).is_file())
        .map(Path::to_path_buf)
        .with_context(|| {
            format!(
                "no {MANIFEST} in {} or any parent: run the grader inside the workbook",
                start.display()
            )
        })
}

/// The crates and files a chapter needs, relative to the root.
pub fn chapter_paths(chapter: &Chapter) -> Vec<String> {
    let layout = Layout::new(&chapter.name);
    let mut paths: Vec<String> = Role::ALL
        .iter()
        .map(|&role| format!("{}/Cargo.toml", layout.dir(role)))
        .collect();
    paths.push(format!("book/src/{}", chapter.book));
    let benches = chapter.tasks.iter().filter_map(|t| t.bench.as_ref());
    paths.extend(benches.map(|bench| layout.bench(bench)));
    paths
}

/// Checks that every chapter's crates, benches and book page exist and are workspace members,
/// and that `exercises/` holds no chapter the manifest does not declare.
pub fn check_agreement(root: &Path, manifest: &Manifest) -> Result<()> {
    let cargo_toml = std::fs::read_to_string(root.join("Cargo.toml")).context("reading Cargo.toml")?;
    let workspace: toml::Table = toml::from_str(&cargo_toml).context("parsing Cargo.toml")?;
    let members: Vec<&str> = workspace
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(|m| m.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let mut problems = Vec::new();
    for chapter in &manifest.chapters {
        for path in chapter_paths(chapter) {
            if !root.join(&path).is_file() {
                problems.push(format!("{}: missing {path}", chapter.name));
            }
            if let Some(dir) = path.strip_suffix("/Cargo.toml")
                && !members.contains(&dir)
            {
                problems.push(format!("{}: {dir} is not a workspace member", chapter.name));
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(root.join(Role::Exercise.parent_dir())) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().join("Cargo.toml").is_file() && manifest.chapter(&name).is_none() {
                let dir = Layout::new(&name).dir(Role::Exercise);
                problems.push(format!("{dir} is not a chapter in {MANIFEST}"));
            }
        }
    }
    if !problems.is_empty() {
        bail!(
            "the manifest and the workspace disagree:\n  {}\n\
             (writing a chapter? `cargo run -p grader -- dev sync` writes the files derived from the manifest)",
            problems.join("\n  ")
        );
    }
    Ok(())
}

/// Every file under `dir`, relative to it, sorted (none when `dir` does not exist).
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(dir.join(&relative)) else {
            continue;
        };
        for entry in entries {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else {
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

    fn root() -> PathBuf {
        find_root(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn the_manifest_and_the_workspace_agree() {
        let root = root();
        let manifest = Manifest::load(&root.join(MANIFEST)).unwrap();
        check_agreement(&root, &manifest).unwrap();
    }

    #[test]
    fn a_missing_crate_is_reported() {
        let root = root();
        let mut manifest = Manifest::load(&root.join(MANIFEST)).unwrap();
        let mut ghost = manifest.chapters[0].clone();
        ghost.name = "ghost-chapter".into();
        manifest.chapters.push(ghost);
        let err = check_agreement(&root, &manifest).unwrap_err().to_string();
        assert!(
            err.contains("missing exercises/ghost-chapter/Cargo.toml"),
            "{err}"
        );
        assert!(err.contains("not a workspace member"), "{err}");
    }
}
