//! The commands the classroom files (`classroom/`) run must be ones this grader accepts: each
//! grader command line of the GitHub workflow, the GitLab pipeline and the autograding tests is
//! parsed here exactly as written, and the files the workflows keep are the ones it writes.

use super::Cli;
use clap::Parser;
use yaml_rust2::{Yaml, YamlLoader};

const GITHUB: &str = include_str!("../../../classroom/github-classroom.yml");
const GITLAB: &str = include_str!("../../../classroom/gitlab-ci.yml");
const AUTOGRADING: &str = include_str!("../../../classroom/autograding.json");

fn yaml(text: &str) -> Yaml {
    YamlLoader::load_from_str(text).unwrap().remove(0)
}

/// The grader's command line in a shell command (`cargo run … -p grader … -- ARGS`), as the
/// arguments clap sees; `None` for any other command.
fn grader_args(command: &str) -> Option<Vec<String>> {
    let (cargo, args) = command.trim().split_once(" -- ")?;
    let cargo: Vec<&str> = cargo.split_whitespace().collect();
    if cargo[..2] != ["cargo", "run"] || !cargo.windows(2).any(|w| w == ["-p", "grader"]) {
        return None;
    }
    assert!(!args.contains(['"', '\'', '$', '\\']), "{args}: plain words only");
    Some(
        ["grader"]
            .into_iter()
            .chain(args.split_whitespace())
            .map(String::from)
            .collect(),
    )
}

/// Each grader command in `scripts` (shell lines, joined by `&&` or not), parsed.
fn parsed(scripts: &[&str]) -> Vec<Cli> {
    scripts
        .iter()
        .flat_map(|s| s.lines())
        .flat_map(|line| line.split("&&"))
        .filter_map(grader_args)
        .map(|args| Cli::try_parse_from(&args).unwrap_or_else(|e| panic!("{args:?}: {e}")))
        .collect()
}

fn path(p: &Option<std::path::PathBuf>) -> &str {
    p.as_deref()
        .and_then(|p| p.to_str())
        .expect("the report is written")
}

#[test]
fn the_github_workflow_grades_exactly_and_keeps_what_it_writes() {
    let doc = yaml(GITHUB);
    let steps = doc["jobs"]["grade"]["steps"].as_vec().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let [cli] = &parsed(&runs)[..] else {
        panic!("one grader command in {runs:?}")
    };
    assert!(cli.exact && cli.command.is_none() && cli.targets.is_empty());
    let uses = |action: &str| {
        steps
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(action)))
            .unwrap_or_else(|| panic!("no step uses {action}"))
    };
    let kept: Vec<&str> = uses("actions/upload-artifact@")["with"]["path"]
        .as_str()
        .unwrap()
        .lines()
        .collect();
    for written in [path(&cli.junit), path(&cli.report), path(&cli.markdown)] {
        assert!(kept.contains(&written), "{written} is not kept: {kept:?}");
    }
    let reported = uses("mikepenz/action-junit-report@")["with"]["report_paths"].as_str();
    assert_eq!(reported, Some(path(&cli.junit)));
    uses("actions/checkout@");
    uses("dtolnay/rust-toolchain@");
    assert!(
        uses("actions/cache@")["with"]["key"]
            .as_str()
            .unwrap()
            .contains("hashFiles('Cargo.lock')")
    );
    assert!(runs.iter().any(|r| r.contains("apt-get install -y valgrind")));
}

#[test]
fn the_gitlab_pipeline_grades_exactly_and_reports_its_junit() {
    let doc = yaml(GITLAB);
    let job = &doc["grade"];
    let lines = |key: &str| -> Vec<&str> {
        job[key]
            .as_vec()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect()
    };
    let [cli] = &parsed(&lines("script"))[..] else {
        panic!("one grader command in the script")
    };
    assert!(cli.exact && cli.targets.is_empty());
    assert!(
        lines("before_script")
            .iter()
            .any(|l| l.contains("apt-get install -y valgrind"))
    );
    let artifacts = &job["artifacts"];
    assert_eq!(artifacts["reports"]["junit"].as_str(), Some(path(&cli.junit)));
    assert_eq!(artifacts["when"].as_str(), Some("always"));
    let kept: Vec<&str> = artifacts["paths"]
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    for written in [path(&cli.junit), path(&cli.report), path(&cli.markdown)] {
        assert!(kept.contains(&written), "{written} is not kept: {kept:?}");
    }
}

#[test]
fn each_autograding_test_grades_its_own_task_exactly() {
    let doc: serde_json::Value = serde_json::from_str(AUTOGRADING).unwrap();
    let tests = doc["tests"].as_array().unwrap();
    assert!(!tests.is_empty());
    for test in tests {
        let name = test["name"].as_str().unwrap();
        let [cli] = &parsed(&[test["run"].as_str().unwrap()])[..] else {
            panic!("{name}: one grader command")
        };
        assert!(cli.exact, "{name}");
        assert_eq!(cli.targets, [name]);
        assert!(cli.command.is_none());
        assert!(parsed(&[test["setup"].as_str().unwrap()]).is_empty(), "{name}");
        assert!(test["points"].as_u64().unwrap() > 0, "{name}");
        assert!(
            (1..=60).contains(&test["timeout"].as_u64().unwrap()),
            "{name}: minutes"
        );
    }
    assert!(
        tests[0]["setup"]
            .as_str()
            .unwrap()
            .contains("apt-get install -y valgrind")
    );
}

#[test]
fn only_grader_commands_are_picked() {
    assert_eq!(grader_args("sudo apt-get install -y valgrind"), None);
    assert_eq!(grader_args("cargo run -p book -- --open"), None);
    let args = grader_args("cargo run -q -p grader -- --exact big-o").unwrap();
    assert_eq!(args, ["grader", "--exact", "big-o"]);
}
