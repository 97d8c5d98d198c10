//! `grader solution CHAPTER/TASK`: the reference solution's code for one task, shown only once
//! the task has passed (or with `--force`): reading it first would skip the exercise.

use crate::layout::{Layout, Role};
use crate::task_id::TaskId;
use anyhow::{Context, Result, bail};
use std::fmt::Write;
use std::path::Path;

/// The code of one `path[:anchor]` entry of a task's `solution` list, read from
/// `solutions/<chapter>/`: the lines between `ANCHOR: name` and `ANCHOR_END: name` (other
/// anchor markers left out, as mdBook does), or the whole file when no anchor is named.
pub fn excerpt(root: &Path, chapter: &str, entry: &str) -> Result<String> {
    let (file, anchor) = entry.split_once(':').map_or((entry, None), |(f, a)| (f, Some(a)));
    let path = root.join(Layout::new(chapter).dir(Role::Solution)).join(file);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let Some(anchor) = anchor else {
        return Ok(text);
    };
    let (start, end) = (format!("ANCHOR: {anchor}"), format!("ANCHOR_END: {anchor}"));
    let mut inside = false;
    let mut found = false;
    let mut out = String::new();
    for line in text.lines() {
        if line.contains(&start) && !line.contains(&end) {
            inside = true;
            found = true;
        } else if line.contains(&end) {
            inside = false;
        } else if inside && !line.contains("ANCHOR:") && !line.contains("ANCHOR_END:") {
            let _ = writeln!(out, "{line}");
        }
    }
    if !found {
        bail!("{} has no anchor {anchor:?}", path.display());
    }
    Ok(out)
}

/// The task's reference code, framed with where it comes from.
pub fn render(root: &Path, chapter: &str, id: &TaskId, entries: &[String]) -> Result<String> {
    let mut out = format!("The reference solution of {id}:\n");
    for entry in entries {
        let file = entry.split(':').next().unwrap_or(entry);
        let _ = writeln!(
            out,
            "\n── {}/{file} ──\n",
            Layout::new(chapter).dir(Role::Solution)
        );
        out.push_str(&excerpt(root, chapter, entry)?);
    }
    let _ = writeln!(
        out,
        "\nCompare it with yours, and with the starter's comments: the book's exercise page says why it is faster."
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_gives_its_lines_and_no_markers() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("solutions/big-o/src");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("lib.rs"),
            "use x;\n// ANCHOR: f\nfn f() {}\n// ANCHOR: inner\nlet a;\n// ANCHOR_END: inner\n// ANCHOR_END: f\nfn g() {}\n",
        )
        .unwrap();
        assert_eq!(
            excerpt(root.path(), "big-o", "src/lib.rs:f").unwrap(),
            "fn f() {}\nlet a;\n"
        );
        assert!(
            excerpt(root.path(), "big-o", "src/lib.rs")
                .unwrap()
                .contains("fn g")
        );
        assert!(excerpt(root.path(), "big-o", "src/lib.rs:nope").is_err());
    }

    #[test]
    fn every_tasks_solution_entries_exist_in_the_workspace() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let manifest = crate::manifest::Manifest::load(&root.join("grader/workbook.toml")).unwrap();
        for chapter in &manifest.chapters {
            for task in &chapter.tasks {
                for entry in &task.solution {
                    let code = excerpt(root, &chapter.name, entry)
                        .unwrap_or_else(|e| panic!("{}/{}: {e:#}", chapter.name, task.name));
                    assert!(
                        !code.trim().is_empty(),
                        "{}/{}: {entry} is empty",
                        chapter.name,
                        task.name
                    );
                }
            }
        }
    }
}
