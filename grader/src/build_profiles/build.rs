//! Building the program once per variant: a custom profile of the root `Cargo.toml` in its own
//! directory of the target directory (so that no variant overwrites another and a second grade
//! rebuilds nothing), and `native` as `release` with `-C target-cpu=native` in a target
//! directory of its own.

use crate::compile;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The name that stands for `release` with `-C target-cpu=native`.
pub const NATIVE: &str = "native";

/// One way of building the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The name in reports and in the findings ("release", "lab-lto", "native").
    pub name: String,
}

impl Variant {
    /// The baseline: cargo's `release` profile as the workspace sets it.
    pub fn release() -> Self {
        Variant::named("release")
    }

    /// The variant of that name.
    pub fn named(name: &str) -> Self {
        Variant {
            name: name.to_string(),
        }
    }

    /// cargo's arguments and the `CARGO_ENCODED_RUSTFLAGS` that build this variant.
    /// `target_dir` is the workspace's target directory.
    pub fn cargo_args(&self, target_dir: &Path) -> (Vec<String>, String) {
        if self.name == NATIVE {
            let dir = target_dir.join("lab-native");
            let args = vec![
                "--release".into(),
                "--target-dir".into(),
                dir.display().to_string(),
            ];
            (args, "-Ctarget-cpu=native".into())
        } else {
            (vec!["--profile".into(), self.name.clone()], String::new())
        }
    }
}

/// A built variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// The variant's name.
    pub name: String,
    /// Its executable.
    pub path: PathBuf,
}

/// Builds `package`'s binary (named after the package) under every variant, in order.
pub fn build_all(root: &Path, package: &str, variants: &[Variant]) -> Result<Vec<Program>> {
    let target_dir = compile::target_directory(root)?;
    variants
        .iter()
        .map(|variant| {
            let path = build_one(root, package, variant, &target_dir)
                .with_context(|| format!("building {package} with the {} profile", variant.name))?;
            Ok(Program {
                name: variant.name.clone(),
                path,
            })
        })
        .collect()
}

fn build_one(root: &Path, package: &str, variant: &Variant, target_dir: &Path) -> Result<PathBuf> {
    let (args, rustflags) = variant.cargo_args(target_dir);
    let output = compile::cargo(root)
        .args(["build", "--message-format=json", "-p", package, "--bin", package])
        .args(&args)
        // The variant alone decides the flags: none of the caller's own.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS")
        .env("CARGO_ENCODED_RUSTFLAGS", rustflags)
        .output()
        .context("running cargo build")?;
    if !output.status.success() {
        bail!(
            "cargo build failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let messages: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    compile::artifact_executable(&messages, package)
        .context("cargo built the program but did not say where it is")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_builds_in_its_own_directory_and_native_in_its_own_target_directory() {
        let target = Path::new("/t");
        assert_eq!(
            Variant::named("lab-lto").cargo_args(target),
            (vec!["--profile".to_string(), "lab-lto".into()], String::new())
        );
        let (args, flags) = Variant::named(NATIVE).cargo_args(target);
        assert_eq!(args, ["--release", "--target-dir", "/t/lab-native"]);
        assert_eq!(flags, "-Ctarget-cpu=native");
        assert_eq!(Variant::release().cargo_args(target).0, ["--profile", "release"]);
    }

    #[test]
    fn every_lab_profile_of_the_manifest_is_declared_in_the_root_manifest_on_top_of_release() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let cargo: toml::Table =
            toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
        let manifest = crate::manifest::Manifest::load(&root.join("grader/workbook.toml")).unwrap();
        let mut seen = 0;
        for check in manifest
            .chapters
            .iter()
            .flat_map(|c| &c.tasks)
            .flat_map(|t| &t.checks)
        {
            let grader_kit::spec::Check::ProfileFindings { profiles, .. } = check else {
                continue;
            };
            for profile in profiles.iter().filter(|p| *p != NATIVE) {
                let inherits = cargo["profile"].get(profile).and_then(|p| p.get("inherits"));
                assert_eq!(
                    inherits.and_then(|i| i.as_str()),
                    Some("release"),
                    "profile {profile}"
                );
                seen += 1;
            }
        }
        assert!(seen > 0, "no lab profiles in the manifest");
    }
}
