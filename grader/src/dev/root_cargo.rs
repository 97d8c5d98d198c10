//! The root `Cargo.toml`'s chapter sections: the workspace members and the path dependencies of
//! every chapter's four crates, between marker comments that `grader dev sync` rewrites. The
//! rest of the file (tools, shared dependencies, lints, profiles) is written by hand.

use crate::layout::{Layout, Role};
use crate::manifest::Manifest;
use anyhow::{Result, bail};

/// The marker before a generated section, followed by the section's name.
const BEGIN: &str = "# @generated begin:";
/// The marker after a generated section.
const END: &str = "# @generated end";

/// `text` with its `members` and `dependencies` sections rewritten from the manifest.
pub fn rewrite(text: &str, manifest: &Manifest) -> Result<String> {
    let members: Vec<String> = manifest
        .chapters
        .iter()
        .flat_map(|chapter| {
            let layout = Layout::new(&chapter.name);
            Role::ALL.map(|role| format!("    \"{}\",", layout.dir(role)))
        })
        .collect();
    let dependencies: Vec<String> = manifest
        .chapters
        .iter()
        .flat_map(|chapter| {
            let layout = Layout::new(&chapter.name);
            [Role::Exercise, Role::Solution, Role::Starter]
                .map(|role| format!("{} = {{ path = \"{}\" }}", layout.package(role), layout.dir(role)))
        })
        .collect();
    let text = replace_section(text, "chapter crates, in course order", &members)?;
    replace_section(&text, "chapter crates' paths", &dependencies)
}

/// `text` with the lines between `BEGIN name` and `END` replaced by `lines`.
fn replace_section(text: &str, name: &str, lines: &[String]) -> Result<String> {
    let begin_line =
        format!("{BEGIN} {name} (`cargo run -p grader -- dev sync` writes them from grader/workbook.toml)");
    let mut out = Vec::new();
    let mut inside = false;
    let mut found = false;
    for line in text.lines() {
        let trimmed = line.trim();
        let marker = format!("{BEGIN} {name}");
        if trimmed == marker || trimmed.starts_with(&format!("{marker} (")) {
            if found {
                bail!("Cargo.toml: the section `{name}` appears twice");
            }
            found = true;
            inside = true;
            out.push(indent_like(line, &begin_line));
            out.extend(lines.iter().cloned());
        } else if inside && line.trim() == END {
            inside = false;
            out.push(line.to_string());
        } else if !inside {
            out.push(line.to_string());
        }
    }
    if !found || inside {
        bail!("Cargo.toml: no generated section `{name}` (a line `{BEGIN} {name} …` and a line `{END}`)");
    }
    Ok(out.join("\n") + "\n")
}

/// `canonical`, indented as `line` is.
fn indent_like(line: &str, canonical: &str) -> String {
    let indent = &line[..line.len() - line.trim_start().len()];
    format!("{indent}{canonical}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sections_change() {
        let text = "a = 1\n# @generated begin: x (old words)\nold\n# @generated end\nb = 2\n";
        let new = replace_section(text, "x", &["new".into()]).unwrap();
        assert!(
            new.starts_with("a = 1\n# @generated begin: x (`cargo run"),
            "{new}"
        );
        assert!(new.ends_with(")\nnew\n# @generated end\nb = 2\n"), "{new}");
        assert!(replace_section("a = 1\n", "x", &[]).is_err());
        assert!(replace_section("# @generated begin: x (y)\nold\n", "x", &[]).is_err());
    }
}
