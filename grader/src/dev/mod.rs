//! `grader dev`: the commands of whoever writes chapters. The manifest and the exercise crates
//! are the sources of truth; `sync` writes everything derived from them, `check` says whether
//! that is up to date (CI runs it), `new` starts a chapter that already grades.

pub mod derive;
mod new_chapter;
mod root_cargo;

use crate::layout::{Layout, Role};
use crate::manifest::Manifest;
use crate::workspace::MANIFEST;
use anyhow::{Context, Result, ensure};
use derive::{Files, GENERATED};
use std::path::Path;

/// What `dev sync` would do: files to write (new or changed) and stale files to remove.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Paths relative to the root, with their new contents.
    pub writes: Files,
    /// Derived files that nothing derives any more.
    pub removals: Vec<String>,
}

impl Plan {
    /// Takes the frozen starters' copied files out of the plan, except those of the chapters
    /// `frozen` names (their generated `Cargo.toml` stays); returns their paths.
    fn hold_back_starter_code(&mut self, manifest: &Manifest, frozen: &[String]) -> Vec<String> {
        let copies = |path: &str| {
            let held = manifest.chapters.iter().filter(|c| !frozen.contains(&c.name));
            held.into_iter().any(|chapter| {
                let starter = Layout::new(&chapter.name).dir(Role::Starter);
                path.strip_prefix(&starter)
                    .and_then(|rest| rest.strip_prefix('/'))
                    .is_some_and(|rest| rest != "Cargo.toml")
            })
        };
        let mut held: Vec<String> = self.writes.keys().filter(|p| copies(p)).cloned().collect();
        self.writes.retain(|path, _| !copies(path));
        held.extend(self.removals.iter().filter(|p| copies(p)).cloned());
        self.removals.retain(|path| !copies(path));
        held
    }

    /// Whether the workspace is already what sync would make it.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.removals.is_empty()
    }

    /// One line per file: `write` or `remove`, and its path.
    pub fn describe(&self) -> Vec<String> {
        let writes = self.writes.keys().map(|path| format!("write  {path}"));
        let removals = self.removals.iter().map(|path| format!("remove {path}"));
        writes.chain(removals).collect()
    }
}

/// Everything derived from the manifest and the exercise crates, compared with the disk.
pub fn plan(root: &Path, manifest: &Manifest) -> Result<Plan> {
    let mut derived = Files::new();
    let cargo_toml = std::fs::read_to_string(root.join("Cargo.toml")).context("reading Cargo.toml")?;
    derived.insert(
        "Cargo.toml".into(),
        root_cargo::rewrite(&cargo_toml, manifest)?.into_bytes(),
    );
    let mut owned = Vec::new();
    for chapter in &manifest.chapters {
        let layout = Layout::new(&chapter.name);
        let harness = layout.dir(Role::Harness);
        derived.insert(
            format!("{harness}/Cargo.toml"),
            derive::harness_manifest(chapter).into_bytes(),
        );
        for heap_twin in [false, true] {
            if heap_twin && !chapter.has_heap_checks() {
                continue;
            }
            for subject in crate::layout::Subject::ALL {
                let path = format!("{harness}/{}", layout.binary_source(subject, heap_twin));
                let text = derive::harness_binary(chapter, subject, heap_twin);
                derived.insert(path, text.into_bytes());
            }
        }
        derived.extend(derive::starter_crate(root, chapter)?);
        derived.extend(derive::solution_shims(root, chapter)?);
        // Every file in these directories is derived: any other is stale.
        owned.push((format!("{harness}/src/bin"), false));
        owned.push((layout.dir(Role::Starter), false));
        // The solution's own tests stay; only files that say they were generated are its shims.
        owned.push((format!("{}/tests", layout.dir(Role::Solution)), true));
    }

    let mut plan = Plan::default();
    for (path, bytes) in &derived {
        if std::fs::read(root.join(path)).ok().as_ref() != Some(bytes) {
            plan.writes.insert(path.clone(), bytes.clone());
        }
    }
    for (dir, only_generated) in owned {
        if !root.join(&dir).is_dir() {
            continue;
        }
        for relative in derive::files_under(&root.join(&dir))? {
            let path = format!("{dir}/{relative}");
            if derived.contains_key(&path) {
                continue;
            }
            let generated = || {
                std::fs::read_to_string(root.join(&path))
                    .is_ok_and(|text| text.lines().next().is_some_and(|l| l.contains(GENERATED)))
            };
            if !only_generated || generated() {
                plan.removals.push(path);
            }
        }
    }
    Ok(plan)
}

/// Carries out `plan`, printing each change.
pub fn apply(root: &Path, plan: &Plan) -> Result<()> {
    for (path, bytes) in &plan.writes {
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&full, bytes).with_context(|| format!("writing {path}"))?;
    }
    for path in &plan.removals {
        std::fs::remove_file(root.join(path)).with_context(|| format!("removing {path}"))?;
    }
    for line in plan.describe() {
        println!("  {line}");
    }
    Ok(())
}

/// `grader dev sync`: writes everything derived. `Ok(true)` when it went through.
/// The frozen starters' code changes only with `freeze` (every chapter's when it names none):
/// run in a learner's checkout, a sync would otherwise make the solved exercise the yardstick
/// it is measured against.
pub fn sync(root: &Path, freeze: Option<&[String]>) -> Result<bool> {
    let manifest = Manifest::load(&root.join(MANIFEST))?;
    let frozen: Vec<String> = match freeze {
        None => Vec::new(),
        Some([]) => manifest.chapters.iter().map(|c| c.name.clone()).collect(),
        Some(named) => {
            for name in named {
                ensure!(
                    manifest.chapter(name).is_some(),
                    "--freeze: no chapter named {name:?}"
                );
            }
            named.to_vec()
        }
    };
    let mut plan = plan(root, &manifest)?;
    let held = plan.hold_back_starter_code(&manifest, &frozen);
    if plan.is_empty() {
        println!("Everything derived from {MANIFEST} and the exercises is up to date.");
    } else {
        println!("Writing what {MANIFEST} and the exercises say:");
        apply(root, &plan)?;
    }
    if !held.is_empty() {
        println!(
            "\nThe exercises' code differs from the frozen starters in:\n  {}\n\
             Left as they are. If you changed a starter on purpose (on a clean checkout of the \
             course, never where an exercise is solved), freeze it: `cargo run -p grader -- dev sync --freeze <chapter>`.",
            held.join("\n  ")
        );
    }
    Ok(true)
}

/// `grader dev check`: `Ok(false)`, with the files named, when sync would change anything.
pub fn check(root: &Path) -> Result<bool> {
    let manifest = Manifest::load(&root.join(MANIFEST))?;
    let plan = plan(root, &manifest)?;
    if plan.is_empty() {
        println!("dev check: every derived file is what `dev sync` makes.");
        return Ok(true);
    }
    println!(
        "dev check: these files are not what `cargo run -p grader -- dev sync` makes from {MANIFEST}\n\
         and the exercise crates (change those instead, then run `dev sync`; for a starter changed on\n\
         purpose, `dev sync --freeze`):"
    );
    for line in plan.describe() {
        println!("  {line}");
    }
    Ok(false)
}

/// `grader dev new CHAPTER`: a working chapter with one task, then sync.
pub fn new(root: &Path, chapter: &str, title: Option<&str>) -> Result<bool> {
    new_chapter::create(root, chapter, title)?;
    println!("Created the chapter {chapter}; now deriving the rest:");
    let manifest = Manifest::load(&root.join(MANIFEST))?;
    apply(root, &plan(root, &manifest)?)?;
    println!(
        "\nNext: `cargo run -p grader -- --solutions {chapter}` (passes) and \
         `cargo run -p grader -- --starters {chapter}` (fails); then make it yours (see the book's \
         \"Writing a chapter\")."
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::find_root;

    #[test]
    fn the_workspace_is_what_sync_makes() {
        let root = find_root(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let manifest = Manifest::load(&root.join(MANIFEST)).unwrap();
        let plan = plan(&root, &manifest).unwrap();
        assert!(
            plan.is_empty(),
            "run `cargo run -p grader -- dev sync` (--freeze for a starter changed on purpose):\n{}",
            plan.describe().join("\n")
        );
    }

    #[test]
    fn derived_files_say_they_are_generated() {
        let root = find_root(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        let manifest = Manifest::load(&root.join(MANIFEST)).unwrap();
        let memory = manifest.chapter("memory").unwrap();
        let harness = derive::harness_manifest(memory);
        assert!(harness.lines().next().unwrap().contains(GENERATED));
        // Heap checks: six binaries, dhat for the twins, the counting allocator in the graded ones.
        assert_eq!(harness.matches("[[bin]]").count(), 6);
        assert!(harness.contains("dhat.workspace = true"));
        let graded = derive::harness_binary(memory, crate::layout::Subject::Exercises, false);
        assert!(
            graded.contains("CountingAlloc") && !graded.contains("dhat"),
            "{graded}"
        );
        let twin = derive::harness_binary(memory, crate::layout::Subject::Exercises, true);
        assert!(twin.contains("dhat::Alloc"), "{twin}");
        let big_o = derive::harness_manifest(manifest.chapter("big-o").unwrap());
        assert_eq!(big_o.matches("[[bin]]").count(), 3);
        assert!(!big_o.contains("dhat"));
    }
}
