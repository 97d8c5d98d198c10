//! The roster's gradebook: every learner's tasks, as CSV (one row per learner and task) and
//! JSON (each learner's tasks as the grader's `--json` report has them), and a short table.

use crate::report::brief;
use crate::result::Mode;
use grader_kit::protocol::Measurement;
use serde::Serialize;
use serde_json::Value;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The gradebook's format version.
pub const GRADEBOOK_VERSION: u32 = 1;

/// Every learner's grade from one roster run.
#[derive(Debug, Serialize)]
pub struct Gradebook {
    /// The format's version ([`GRADEBOOK_VERSION`]).
    pub version: u32,
    /// The grader's version.
    pub grader: String,
    /// The seed every learner was graded with.
    pub seed: u64,
    /// How speed was judged.
    pub mode: Mode,
    /// The chapters and tasks graded (empty: all).
    pub only: Vec<String>,
    /// One entry per learner, in the order given.
    pub learners: Vec<Learner>,
}

/// One learner's grade, or why there is none.
#[derive(Debug, Serialize)]
pub struct Learner {
    /// The learner's name: their checkout's directory name, made unique.
    pub learner: String,
    /// Their checkout.
    pub dir: PathBuf,
    /// Why they could not be graded (absent when they were).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Their tasks, as the grader's report lists them (`chapter`, `task`, `status`, …).
    pub tasks: Vec<Value>,
    /// Their assessment checklist, as the grader's report lists it.
    pub checklist: Vec<Value>,
}

impl Learner {
    /// A learner the grader graded, with its `--json` report.
    pub fn graded(learner: String, dir: &Path, mut report: Value) -> Learner {
        let mut list = |key: &str| match report[key].take() {
            Value::Array(items) => items,
            _ => Vec::new(),
        };
        Learner {
            learner,
            dir: dir.to_path_buf(),
            error: None,
            tasks: list("tasks"),
            checklist: list("checklist"),
        }
    }

    /// A learner who could not be graded, and why.
    pub fn error(learner: String, dir: &Path, error: String) -> Learner {
        Learner {
            learner,
            dir: dir.to_path_buf(),
            error: Some(error),
            tasks: Vec::new(),
            checklist: Vec::new(),
        }
    }
}

impl Gradebook {
    /// A gradebook of this run's learners.
    pub fn new(seed: u64, mode: Mode, only: &[String], learners: Vec<Learner>) -> Gradebook {
        Gradebook {
            version: GRADEBOOK_VERSION,
            grader: env!("CARGO_PKG_VERSION").to_string(),
            seed,
            mode,
            only: only.to_vec(),
            learners,
        }
    }

    /// The gradebook as pretty-printed JSON.
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the gradebook serializes")
    }

    /// One CSV row per learner and task (one per learner who could not be graded, with status
    /// `grader-error` and the reason as summary).
    pub fn csv(&self) -> String {
        let mut out = String::from("learner,chapter,task,status,passed,summary,figures,seconds\n");
        for l in &self.learners {
            if let Some(error) = &l.error {
                let row = [&l.learner, "", "", "grader-error", "false", error, "", ""];
                let _ = writeln!(out, "{}", csv_row(&row));
            }
            for t in &l.tasks {
                let text = |key: &str| t[key].as_str().unwrap_or_default().to_string();
                let seconds = t["seconds"]
                    .as_f64()
                    .map(|s| format!("{s:.2}"))
                    .unwrap_or_default();
                let row = [
                    l.learner.clone(),
                    text("chapter"),
                    text("task"),
                    text("status"),
                    t["passed"].as_bool().unwrap_or(false).to_string(),
                    text("summary"),
                    figures(&t["measurements"]),
                    seconds,
                ];
                let _ = writeln!(out, "{}", csv_row(&row.each_ref().map(String::as_str)));
            }
        }
        out
    }

    /// A short table: each learner's passes, and what did not pass.
    pub fn table(&self) -> String {
        let width = self
            .learners
            .iter()
            .map(|l| l.learner.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        let mut out = format!("\n{:width$}  passed  not passed\n", "learner");
        for l in &self.learners {
            let line = match &l.error {
                Some(error) => format!(
                    "{:width$}  error   {}",
                    l.learner,
                    error.lines().next().unwrap_or_default()
                ),
                None => {
                    let passed = l.tasks.iter().filter(|t| t["passed"] == true).count();
                    let missed: Vec<String> = l
                        .tasks
                        .iter()
                        .filter(|t| t["passed"] != true)
                        .map(|t| {
                            let s = |k: &str| t[k].as_str().unwrap_or("?").to_string();
                            format!("{}/{} ({})", s("chapter"), s("task"), s("status"))
                        })
                        .collect();
                    let count = format!("{passed}/{}", l.tasks.len());
                    format!("{:width$}  {count:6}  {}", l.learner, missed.join(", "))
                }
            };
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out
    }
}

/// A task's measurements, condensed to one cell.
fn figures(measurements: &Value) -> String {
    let parsed: Vec<Measurement> = serde_json::from_value(measurements.clone()).unwrap_or_default();
    brief::measurements(&parsed).join("; ")
}

/// Names for the learners' checkouts: each directory's own name, with `-2`, `-3`, … where two
/// are the same.
pub fn unique_names(dirs: &[PathBuf]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for dir in dirs {
        let full = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        let base = full
            .file_name()
            .map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned());
        let mut name = base.clone();
        let mut k = 1;
        while names.contains(&name) {
            k += 1;
            name = format!("{base}-{k}");
        }
        names.push(name);
    }
    names
}

/// One CSV record (RFC 4180), with text that a spreadsheet would run as a formula defused.
fn csv_row(cells: &[&str]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|cell| {
            let cell = match cell.chars().next() {
                Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
                _ => cell.to_string(),
            };
            if cell.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell
            }
        })
        .collect();
    quoted.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{json, sample};

    fn book() -> Gradebook {
        let report: Value = serde_json::from_str(&json::render(&sample::report())).unwrap();
        let learners = vec![
            Learner::graded("alice".into(), Path::new("subs/alice"), report),
            Learner::error(
                "bob".into(),
                Path::new("subs/bob"),
                "the grader exited with 2 without a report: boom, \"really\"\nsecond line".into(),
            ),
        ];
        Gradebook::new(7, Mode::Timed, &["big-o".into()], learners)
    }

    #[test]
    fn csv_has_a_row_per_task_and_per_learner_error() {
        let book = book();
        let csv = book.csv();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("learner,chapter,task,status,passed,summary,figures,seconds")
        );
        let duplicates = csv.lines().find(|l| l.contains(",find-duplicates,")).unwrap();
        assert!(
            duplicates
                .starts_with("alice,big-o,find-duplicates,passed,true,find-duplicates: passed,\"speedup ")
        );
        assert!(duplicates.ends_with(": pass\",2.50"), "{duplicates}");
        let lookup = csv.lines().find(|l| l.contains(",price-lookup,")).unwrap();
        assert_eq!(
            lookup,
            "alice,caching,price-lookup,failed,false,price-lookup: failed,\"backend-calls 1,904 backend calls, goal ≤ 1,500 backend calls: fail\",2.50"
        );
        // The error's quotes are doubled and its line break kept inside the quoted field.
        assert!(csv.contains(
            "bob,,,grader-error,false,\"the grader exited with 2 without a report: boom, \"\"really\"\"\nsecond line\",,\n"
        ));
        let records = csv.matches("\nalice,").count();
        assert_eq!(records, sample::report().tasks.len());
    }

    #[test]
    fn a_formula_is_kept_as_text() {
        assert_eq!(
            csv_row(&["=HYPERLINK(\"x\")", "-1", "ok"]),
            "\"'=HYPERLINK(\"\"x\"\")\",'-1,ok"
        );
    }

    #[test]
    fn json_keeps_each_learners_report_tasks() {
        let json: Value = serde_json::from_str(&book().json()).unwrap();
        assert_eq!(json["version"], 1);
        assert_eq!(json["seed"], 7);
        assert_eq!(json["mode"], "timed");
        assert_eq!(json["only"], serde_json::json!(["big-o"]));
        let alice = &json["learners"][0];
        assert_eq!(alice["learner"], "alice");
        assert_eq!(alice["dir"], "subs/alice");
        assert!(alice.get("error").is_none());
        assert_eq!(alice["tasks"][1]["task"], "find-duplicates");
        assert_eq!(alice["tasks"][1]["measurements"][0]["metric"], "speedup");
        assert!(!alice["checklist"].as_array().unwrap().is_empty());
        let bob = &json["learners"][1];
        assert!(bob["error"].as_str().unwrap().contains("boom"));
        assert_eq!(bob["tasks"], serde_json::json!([]));
    }

    #[test]
    fn the_table_names_what_did_not_pass() {
        let table = book().table();
        assert!(
            table.contains(
                "alice    4/10    benchmarking/crossover (failed), big-o/count-pairs-with-sum (wrong-answer)"
            ),
            "{table}"
        );
        assert!(
            table.contains("bob      error   the grader exited with 2"),
            "{table}"
        );
    }

    #[test]
    fn names_are_the_directories_made_unique() {
        let dirs = ["a/alice", "b/alice", "c/bob", "d/alice"].map(PathBuf::from);
        assert_eq!(unique_names(&dirs), ["alice", "alice-2", "bob", "alice-3"]);
    }
}
