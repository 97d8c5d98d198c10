//! `grader dev new CHAPTER`: the hand-written files of a chapter with one working task, from
//! the templates beside this file. Everything else a chapter needs, `dev sync` derives.

use crate::layout::{Layout, Role};
use crate::manifest::{Manifest, is_kebab};
use crate::workspace::MANIFEST;
use anyhow::{Context, Result, ensure};
use std::path::Path;

/// The book's table of contents.
const SUMMARY: &str = "book/src/SUMMARY.md";

/// The part of the table of contents that new chapters are added to the end of.
const NEXT_PART: &str = "# After the course";

/// Writes the new chapter's hand-written files and its manifest entry. Refuses to overwrite.
pub fn create(root: &Path, chapter: &str, title: Option<&str>) -> Result<()> {
    ensure!(
        is_kebab(chapter),
        "{chapter:?} is not a kebab-case name (like `big-o`)"
    );
    let manifest_path = root.join(MANIFEST);
    let manifest = Manifest::load(&manifest_path)?;
    ensure!(
        manifest.chapter(chapter).is_none(),
        "{MANIFEST} already has a chapter {chapter:?}"
    );
    let layout = Layout::new(chapter);
    let title = title.map_or_else(|| default_title(chapter), str::to_string);
    let checklist = &manifest
        .checklist
        .first()
        .context("the manifest has no checklist")?
        .id;
    let fill = |template: &str| {
        template
            .replace("{{chapter}}", chapter)
            .replace("{{crate}}", &layout.crate_name(Role::Exercise))
            .replace("{{title}}", &title)
            .replace("{{checklist}}", checklist)
    };

    let exercise = layout.dir(Role::Exercise);
    let solution = layout.dir(Role::Solution);
    let files = [
        (
            format!("{exercise}/Cargo.toml"),
            include_str!("templates/exercise_Cargo.toml"),
        ),
        (
            format!("{exercise}/src/lib.rs"),
            include_str!("templates/exercise_lib.rs"),
        ),
        (
            format!("{exercise}/tests/{}.rs", layout.crate_name(Role::Exercise)),
            include_str!("templates/exercise_test.rs"),
        ),
        (
            format!("{exercise}/benches/inputs/mod.rs"),
            include_str!("templates/exercise_inputs.rs"),
        ),
        (
            format!("{exercise}/benches/count_distinct.rs"),
            include_str!("templates/exercise_bench.rs"),
        ),
        (
            format!("{solution}/Cargo.toml"),
            include_str!("templates/solution_Cargo.toml"),
        ),
        (
            format!("{solution}/src/lib.rs"),
            include_str!("templates/solution_lib.rs"),
        ),
        (
            format!("{}/src/lib.rs", layout.dir(Role::Harness)),
            include_str!("templates/harness_lib.rs"),
        ),
        (
            format!("book/src/{chapter}/index.md"),
            include_str!("templates/book_page.md"),
        ),
    ];
    for (path, _) in &files {
        ensure!(
            !root.join(path).exists(),
            "{path} already exists: not overwriting it"
        );
    }
    for (path, template) in &files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().expect("a file has a parent"))?;
        std::fs::write(&full, fill(template)).with_context(|| format!("writing {path}"))?;
        println!("  write  {path}");
    }

    let mut text = std::fs::read_to_string(&manifest_path)?;
    text.push_str(&fill(include_str!("templates/manifest_entry.toml")));
    std::fs::write(&manifest_path, text)?;
    println!("  write  {MANIFEST} (the chapter and its task)");

    let summary_path = root.join(SUMMARY);
    let summary = std::fs::read_to_string(&summary_path).with_context(|| format!("reading {SUMMARY}"))?;
    std::fs::write(
        &summary_path,
        with_entry(&summary, &format!("- [{title}]({chapter}/index.md)")),
    )?;
    println!("  write  {SUMMARY}");
    Ok(())
}

/// `everyday-speed` → "Everyday speed".
fn default_title(chapter: &str) -> String {
    let words = chapter.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The table of contents with `entry` as the last chapter of the course's part.
fn with_entry(summary: &str, entry: &str) -> String {
    let mut lines: Vec<&str> = summary.lines().collect();
    let at = match lines.iter().position(|l| l.trim() == NEXT_PART) {
        Some(mut at) => {
            while at > 0 && lines[at - 1].trim().is_empty() {
                at -= 1;
            }
            at
        }
        None => lines.len(),
    };
    lines.insert(at, entry);
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_chapter_ends_the_course_part() {
        let summary =
            "# The course\n\n- [A](a/index.md)\n  - [B](a/b.md)\n\n# After the course\n\n- [X](x.md)\n";
        let new = with_entry(summary, "- [Demo](demo/index.md)");
        assert_eq!(
            new,
            "# The course\n\n- [A](a/index.md)\n  - [B](a/b.md)\n- [Demo](demo/index.md)\n\n# After the course\n\n- [X](x.md)\n"
        );
        assert_eq!(default_title("everyday-speed"), "Everyday speed");
    }

    #[test]
    fn templates_name_only_known_placeholders() {
        let templates = [
            include_str!("templates/exercise_Cargo.toml"),
            include_str!("templates/exercise_lib.rs"),
            include_str!("templates/harness_lib.rs"),
            include_str!("templates/manifest_entry.toml"),
            include_str!("templates/book_page.md"),
        ];
        for template in templates {
            let rest = [
                "{{chapter}}",
                "{{crate}}",
                "{{title}}",
                "{{checklist}}",
                "{{#include",
            ]
            .iter()
            .fold(template.to_string(), |text, known| text.replace(known, ""));
            assert!(!rest.contains("{{"), "unknown placeholder in:\n{template}");
        }
    }
}
