//! The learner's record of the lab: the `[build-profiles]` table of the chapter's
//! `findings.toml`. Parsed, never run; anything missing or unreadable is recorded as missing.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// What the learner recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    /// Each profile's speed-up over `release` (positive figures only).
    pub speedups: BTreeMap<String, f64>,
    /// The profile that helps the most.
    pub best: Option<String>,
    /// Why the file could not be read, if it could not.
    pub problem: Option<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    #[serde(rename = "build-profiles")]
    build_profiles: Option<Lab>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lab {
    #[serde(default)]
    best: String,
    #[serde(default)]
    speedups: BTreeMap<String, f64>,
}

impl Findings {
    /// The findings in the file at `path`.
    pub fn read(path: &Path) -> Findings {
        match std::fs::read_to_string(path) {
            Ok(text) => Findings::parse(&text),
            Err(e) => Findings::unreadable(format!("{} could not be read: {e}", path.display())),
        }
    }

    /// The findings in `text`.
    pub fn parse(text: &str) -> Findings {
        let lab = match toml::from_str::<File>(text) {
            Ok(File {
                build_profiles: Some(lab),
            }) => lab,
            Ok(File { build_profiles: None }) => {
                return Findings::unreadable("findings.toml has no [build-profiles] table".into());
            }
            Err(e) => return Findings::unreadable(format!("findings.toml does not parse: {}", e.message())),
        };
        Findings {
            // 0 (the starter's placeholder), negative or not-a-number: not recorded.
            speedups: lab
                .speedups
                .into_iter()
                .filter(|(_, s)| *s > 0.0 && s.is_finite())
                .collect(),
            best: Some(lab.best.trim().to_string()).filter(|b| !b.is_empty()),
            problem: None,
        }
    }

    fn unreadable(problem: String) -> Findings {
        Findings {
            problem: Some(problem),
            ..Findings::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_complete_record_is_read() {
        let f = Findings::parse(
            "[build-profiles]\nbest = \"lab-lto\"\n[build-profiles.speedups]\nlab-lto = 1.6\nnative = 0.98\n",
        );
        assert_eq!(f.best.as_deref(), Some("lab-lto"));
        assert_eq!(f.speedups["lab-lto"], 1.6);
        assert_eq!(f.speedups.len(), 2);
        assert_eq!(f.problem, None);
    }

    #[test]
    fn placeholders_count_as_not_recorded() {
        let f = Findings::parse(
            "[build-profiles]\nbest = \" \"\n[build-profiles.speedups]\nlab-lto = 0.0\nlab-o2 = -1.0\n",
        );
        assert_eq!(f.best, None);
        assert!(f.speedups.is_empty());
    }

    #[test]
    fn an_unreadable_record_says_why() {
        assert!(
            Findings::parse("[build-profiles\n")
                .problem
                .unwrap()
                .contains("does not parse")
        );
        assert!(
            Findings::parse("x = 1\n")
                .problem
                .unwrap()
                .contains("no [build-profiles]")
        );
        assert!(
            Findings::parse("[build-profiles]\nfastest = \"lab-lto\"\n")
                .problem
                .is_some()
        );
        assert!(
            Findings::read(Path::new("/nonexistent/findings.toml"))
                .problem
                .is_some()
        );
    }
}
