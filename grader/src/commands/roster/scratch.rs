//! The roster's scratch workspace: the instructor's workspace with one learner's `exercises/`.
//!
//! It is synchronised rather than copied afresh: a file whose bytes are already there is left
//! alone (its build stays fresh), any other is written anew (a fresh modification time, so
//! cargo rebuilds what depends on it even when the learner's copy is older than the last
//! build), and whatever the source does not have is removed (the previous learner's files and
//! progress).

use anyhow::{Context, Result};
use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Top-level entries of the instructor's workspace that are never copied.
const NOT_COPIED: [&str; 4] = ["target", ".git", ".workbook", "exercises"];

/// Makes `workspace` the instructor's workspace at `root` (without `target/`, `.git/`,
/// `.workbook/` and the `excluded` directories) with `exercises` as its `exercises/`.
pub fn populate(root: &Path, exercises: &Path, workspace: &Path, excluded: &[PathBuf]) -> Result<()> {
    let excluded: Vec<PathBuf> = excluded.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let instructors = |path: &Path, is_dir: bool, depth: usize| {
        let name = path.file_name().unwrap_or_default();
        let not_copied = depth == 0 && NOT_COPIED.iter().any(|n| name == *n);
        let is_excluded = is_dir && path.canonicalize().is_ok_and(|p| excluded.contains(&p));
        !(not_copied || is_excluded)
    };
    sync(root, workspace, &instructors, &["exercises"], 0)?;
    // A build directory inside a learner's crate is not code.
    let learners =
        |path: &Path, is_dir: bool, _: usize| !(is_dir && path.file_name().is_some_and(|n| n == "target"));
    sync(exercises, &workspace.join("exercises"), &learners, &[], 0)
}

/// Which entries to copy: given an entry's path, whether it is a directory, and its depth.
type Keep<'a> = &'a dyn Fn(&Path, bool, usize) -> bool;

/// Makes `to` hold what `from` holds, for the entries `keep` accepts; entries of `to` named in
/// `preserve` are left alone.
fn sync(from: &Path, to: &Path, keep: Keep, preserve: &[&str], depth: usize) -> Result<()> {
    if std::fs::symlink_metadata(to).is_ok_and(|m| !m.is_dir()) {
        remove(to)?;
    }
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    let mut copied: HashSet<OsString> = preserve.iter().map(OsString::from).collect();
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let (source, name) = (entry.path(), entry.file_name());
        let kind = entry.file_type()?;
        if !keep(&source, kind.is_dir(), depth) {
            continue;
        }
        let dest = to.join(&name);
        if kind.is_dir() {
            sync(&source, &dest, keep, &[], depth + 1)?;
        } else if kind.is_symlink() {
            link(&source, &dest)?;
        } else {
            copy_if_changed(&source, &dest)?;
        }
        copied.insert(name);
    }
    for entry in std::fs::read_dir(to)? {
        let entry = entry?;
        if !copied.contains(&entry.file_name()) {
            remove(&entry.path())?;
        }
    }
    Ok(())
}

/// Copies `source` to `dest` unless `dest` already holds the same bytes.
fn copy_if_changed(source: &Path, dest: &Path) -> Result<()> {
    let same = match (std::fs::symlink_metadata(dest), std::fs::metadata(source)) {
        (Ok(d), Ok(s)) if d.is_file() && d.len() == s.len() => std::fs::read(dest)? == std::fs::read(source)?,
        _ => false,
    };
    if !same {
        if std::fs::symlink_metadata(dest).is_ok() {
            remove(dest)?;
        }
        std::fs::copy(source, dest).with_context(|| format!("copying {}", source.display()))?;
    }
    Ok(())
}

/// Recreates the symbolic link `source` at `dest` (not what it points to: the grader's audit
/// refuses a link in an exercise crate, as it would in the learner's own checkout).
fn link(source: &Path, dest: &Path) -> Result<()> {
    let points_to = std::fs::read_link(source)?;
    if std::fs::read_link(dest).is_ok_and(|p| p == points_to) {
        return Ok(());
    }
    if std::fs::symlink_metadata(dest).is_ok() {
        remove(dest)?;
    }
    make_link(&points_to, dest)
}

#[cfg(unix)]
fn make_link(points_to: &Path, dest: &Path) -> Result<()> {
    std::os::unix::fs::symlink(points_to, dest).with_context(|| format!("linking {}", dest.display()))
}

#[cfg(not(unix))]
fn make_link(_: &Path, dest: &Path) -> Result<()> {
    anyhow::bail!(
        "{} would be a symbolic link: copy the checkout without links",
        dest.display()
    )
}

/// Removes a file, a link or a whole directory.
fn remove(path: &Path) -> Result<()> {
    let removed = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        _ => std::fs::remove_file(path),
    };
    removed.with_context(|| format!("removing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn only_the_learners_exercises_and_changed_files_are_written() {
        let dir = tempfile::tempdir().unwrap();
        let (root, learner, ws) = (
            dir.path().join("root"),
            dir.path().join("learner"),
            dir.path().join("ws"),
        );
        write(&root.join("grader/workbook.toml"), "manifest");
        write(&root.join("exercises/big-o/src/lib.rs"), "instructor's");
        write(&root.join("target/release/big"), "build");
        write(&root.join(".workbook/state.json"), "{}");
        write(&root.join("roster/gradebook.csv"), "old");
        write(&learner.join("exercises/big-o/src/lib.rs"), "learner's");
        write(&learner.join("exercises/big-o/target/x"), "build");
        write(&learner.join("grader/workbook.toml"), "edited by the learner");
        let excluded = [root.join("roster")];
        populate(&root, &learner.join("exercises"), &ws, &excluded).unwrap();
        assert_eq!(
            fs::read_to_string(ws.join("grader/workbook.toml")).unwrap(),
            "manifest"
        );
        assert_eq!(
            fs::read_to_string(ws.join("exercises/big-o/src/lib.rs")).unwrap(),
            "learner's"
        );
        for absent in ["target", ".workbook", "roster", "exercises/big-o/target"] {
            assert!(!ws.join(absent).exists(), "{absent} copied");
        }

        // The next learner: their own files only, the previous learner's progress gone, and an
        // unchanged file keeps its modification time.
        let manifest_time = fs::metadata(ws.join("grader/workbook.toml"))
            .unwrap()
            .modified()
            .unwrap();
        write(&ws.join(".workbook/state.json"), "{\"previous\": true}");
        let next = dir.path().join("next");
        write(&next.join("exercises/big-o/src/other.rs"), "next learner's");
        populate(&root, &next.join("exercises"), &ws, &excluded).unwrap();
        assert!(!ws.join(".workbook").exists());
        assert!(!ws.join("exercises/big-o/src/lib.rs").exists());
        assert!(ws.join("exercises/big-o/src/other.rs").is_file());
        let after = fs::metadata(ws.join("grader/workbook.toml"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(after, manifest_time);
    }

    #[test]
    fn a_changed_file_gets_a_fresh_modification_time() {
        let dir = tempfile::tempdir().unwrap();
        let (root, ws) = (dir.path().join("root"), dir.path().join("ws"));
        write(&root.join("grader/workbook.toml"), "manifest");
        let learner = dir.path().join("learner/exercises");
        write(&learner.join("lib.rs"), "old code");
        let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        fs::File::options()
            .write(true)
            .open(learner.join("lib.rs"))
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
        populate(&root, &learner, &ws, &[]).unwrap();
        let copied = fs::metadata(ws.join("exercises/lib.rs"))
            .unwrap()
            .modified()
            .unwrap();
        assert!(copied > long_ago + std::time::Duration::from_secs(1_000_000));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let (root, ws) = (dir.path().join("root"), dir.path().join("ws"));
        write(&root.join("grader/workbook.toml"), "manifest");
        let learner = dir.path().join("learner/exercises");
        fs::create_dir_all(&learner).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", learner.join("secret.txt")).unwrap();
        populate(&root, &learner, &ws, &[]).unwrap();
        let copied = ws.join("exercises/secret.txt");
        assert!(fs::symlink_metadata(&copied).unwrap().is_symlink());
        assert_eq!(fs::read_link(&copied).unwrap(), Path::new("/etc/hostname"));
    }
}
