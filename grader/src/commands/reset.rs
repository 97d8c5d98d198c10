//! `grader reset CHAPTER`: puts the starter back in `exercises/CHAPTER`, after keeping the
//! learner's version in a timestamped backup under `.workbook/backups/`.
//!
//! What is reset: every file the frozen starter (`grader/starters/CHAPTER`) holds, except its
//! `Cargo.toml` (its package name differs): the sources, and where a chapter grades them, its
//! findings file and benchmarks. Sources the learner added under `src/` are moved to the backup
//! too, so the crate is exactly the starter again. Tests, examples and the rest stay as they are.

use crate::layout::{Layout, Role};
use crate::state::STATE_DIR;
use crate::workspace::files_under;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// What a reset did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Where the learner's files were copied, before anything was changed.
    pub backup: PathBuf,
    /// The files put back (relative to the exercise crate).
    pub restored: Vec<PathBuf>,
    /// Files the learner added under `src/`, moved into the backup.
    pub removed: Vec<PathBuf>,
}

/// Resets `exercises/<chapter>` to the frozen starter, backing up first; `now` names the backup.
pub fn reset(root: &Path, chapter: &str, now: SystemTime) -> Result<Outcome> {
    let layout = Layout::new(chapter);
    let starter = root.join(layout.dir(Role::Starter));
    let exercise = root.join(layout.dir(Role::Exercise));
    if !starter.is_dir() || !exercise.is_dir() {
        bail!("no chapter {chapter:?} with a frozen starter and an exercise crate");
    }
    let to_restore: Vec<PathBuf> = files_under(&starter)?
        .into_iter()
        .filter(|p| p != Path::new("Cargo.toml"))
        .collect();
    let added: Vec<PathBuf> = files_under(&exercise.join("src"))?
        .into_iter()
        .map(|p| Path::new("src").join(p))
        .filter(|p| !to_restore.contains(p))
        .collect();

    // The backup first: nothing is touched until every file of the learner's is copied.
    let backup = backup_dir(root, chapter, now);
    for relative in to_restore.iter().chain(&added) {
        let from = exercise.join(relative);
        if from.is_file() {
            let to = backup.join(relative);
            std::fs::create_dir_all(to.parent().expect("a file has a parent"))?;
            std::fs::copy(&from, &to).with_context(|| format!("backing up {}", from.display()))?;
        }
    }
    for relative in &to_restore {
        let to = exercise.join(relative);
        std::fs::create_dir_all(to.parent().expect("a file has a parent"))?;
        std::fs::copy(starter.join(relative), &to).with_context(|| format!("restoring {}", to.display()))?;
    }
    for relative in &added {
        std::fs::remove_file(exercise.join(relative))
            .with_context(|| format!("removing {}", relative.display()))?;
    }
    Ok(Outcome {
        backup,
        restored: to_restore,
        removed: added,
    })
}

/// `.workbook/backups/<chapter>-<UTC timestamp>`, made unique if that second is taken.
fn backup_dir(root: &Path, chapter: &str, now: SystemTime) -> PathBuf {
    let base = root
        .join(STATE_DIR)
        .join("backups")
        .join(format!("{chapter}-{}", timestamp(now)));
    let mut dir = base.clone();
    let mut n = 1;
    while dir.exists() {
        n += 1;
        dir = PathBuf::from(format!("{}-{n}", base.display()));
    }
    dir
}

/// `YYYYMMDD-HHMMSS` in UTC: sortable, and valid in a file name on every system.
pub fn timestamp(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, http://howardhinnant.github.io/date_algorithms.html).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn timestamps_are_utc_dates() {
        assert_eq!(timestamp(UNIX_EPOCH), "19700101-000000");
        let t = UNIX_EPOCH + Duration::from_secs(1_796_000_000);
        assert_eq!(timestamp(t), "20261130-005320");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(timestamp(leap), "20000229-000000");
    }

    #[test]
    fn the_learners_version_is_backed_up_before_the_starter_comes_back() {
        let root = tempfile::tempdir().unwrap();
        let r = root.path();
        write(
            &r.join("grader/starters/big-o/Cargo.toml"),
            "[package]\nname = \"big-o-starter\"",
        );
        write(&r.join("grader/starters/big-o/src/lib.rs"), "slow");
        write(&r.join("grader/starters/big-o/findings.toml"), "empty");
        write(
            &r.join("exercises/big-o/Cargo.toml"),
            "[package]\nname = \"big-o\"",
        );
        write(&r.join("exercises/big-o/src/lib.rs"), "fast");
        write(&r.join("exercises/big-o/src/helper.rs"), "mine");
        write(&r.join("exercises/big-o/tests/t.rs"), "tests");

        let now = UNIX_EPOCH + Duration::from_secs(1_796_000_000);
        let outcome = reset(r, "big-o", now).unwrap();
        assert_eq!(outcome.backup, r.join(".workbook/backups/big-o-20261130-005320"));
        assert_eq!(
            std::fs::read_to_string(outcome.backup.join("src/lib.rs")).unwrap(),
            "fast"
        );
        assert_eq!(
            std::fs::read_to_string(outcome.backup.join("src/helper.rs")).unwrap(),
            "mine"
        );
        let ex = r.join("exercises/big-o");
        assert_eq!(std::fs::read_to_string(ex.join("src/lib.rs")).unwrap(), "slow");
        assert_eq!(
            std::fs::read_to_string(ex.join("findings.toml")).unwrap(),
            "empty"
        );
        assert!(!ex.join("src/helper.rs").exists());
        assert_eq!(
            std::fs::read_to_string(ex.join("Cargo.toml")).unwrap(),
            "[package]\nname = \"big-o\""
        );
        assert_eq!(std::fs::read_to_string(ex.join("tests/t.rs")).unwrap(), "tests");
        assert_eq!(outcome.removed, [PathBuf::from("src/helper.rs")]);

        // A second reset in the same second keeps the first backup and makes another.
        let again = reset(r, "big-o", now).unwrap();
        assert_ne!(again.backup, outcome.backup);
        assert_eq!(
            std::fs::read_to_string(outcome.backup.join("src/lib.rs")).unwrap(),
            "fast"
        );
    }

    #[test]
    fn an_unknown_chapter_changes_nothing() {
        let root = tempfile::tempdir().unwrap();
        assert!(reset(root.path(), "nope", SystemTime::now()).is_err());
        assert!(!root.path().join(STATE_DIR).exists());
    }
}
