//! Learner code is untrusted: every way it can go wrong is reported for its task in plain
//! words, and never corrupts the grader's output. Each test grades a copy of the workspace
//! whose exercise is the fixture in `fixtures/faulty_big_o.rs` (and, for the heap, the memory
//! reference with `fixtures/memory_cheats.rs` spliced in), misbehaving as asked.
//!
//! It is also adversarial: the cheats a learner would try, on the response channel, the
//! process, the heap figures and the build, are graded here as failures beside their honest
//! counterparts.

mod support;

use serde_json::Value;
use std::process::Output;
use support::faulty::{FAULTY, big_o_manifest_with, big_o_manifest_with_rustc_hash, faulty_workspace};
use support::{fixture_target_dir, grader, json};

/// Grades one task of the faulty fixture with the given fault.
fn grade(fault: &str, task: &str, extra: &[&str]) -> (Output, Value) {
    let mut args = vec![task, "--json", "--seed", "7"];
    args.extend_from_slice(extra);
    if !extra.contains(&"--time-limit") {
        args.extend(["--time-limit", "10"]);
    }
    let output = grader(
        faulty_workspace(),
        &args,
        &[("WORKBOOK_FIXTURE_FAULT", fault)],
        &fixture_target_dir("faulty"),
    );
    let report = json(&output);
    (output, report)
}

/// The only task in a report.
fn task(report: &Value) -> &Value {
    let tasks = report["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 1, "{report:#}");
    &tasks[0]
}

fn assert_failed_with(report: &Value, status: &str, summary_part: &str) {
    let t = task(report);
    assert_eq!(t["status"], status, "{t:#}");
    assert_eq!(t["passed"], false);
    let summary = t["summary"].as_str().unwrap();
    assert!(
        summary.contains(summary_part),
        "{summary_part:?} not in {summary:?}"
    );
}

#[test]
fn correct_fast_code_passes() {
    let (output, report) = grade("none", "big-o/count-pairs-with-sum", &[]);
    assert_eq!(task(&report)["status"], "passed", "{report:#}");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_panic_is_reported_with_its_message_and_input() {
    let (output, report) = grade("panic", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "panicked", "fixture panic: slot 4 is out of range");
    let details = task(&report)["details"].as_str().unwrap();
    assert!(
        details.contains("checking correctness on") && details.contains("size 4"),
        "{details}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_hang_is_stopped_at_the_time_limit() {
    let (_, report) = grade("hang", "big-o/find-duplicates", &["--time-limit", "2"]);
    assert_failed_with(&report, "timed-out", "did not finish within 2 s");
}

#[test]
fn an_abort_is_a_crash() {
    let (_, report) = grade("abort", "big-o/longest-unique-window", &[]);
    assert_failed_with(&report, "crashed", "SIGABRT");
}

#[test]
fn a_stack_overflow_is_named() {
    let (_, report) = grade("stack-overflow", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "crashed", "stack overflow");
}

#[test]
fn memory_exhaustion_is_stopped_at_the_limit() {
    let (_, report) = grade("oom", "big-o/find-duplicates", &["--memory-limit", "256"]);
    assert_failed_with(&report, "out-of-memory", "limit 256 MiB");
}

#[test]
fn exiting_the_process_is_reported() {
    // Exit code 0 before the harness answered: the answer never came.
    let (_, report) = grade("exit", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "interfered", "never gave its answer");
}

#[test]
fn printed_text_never_corrupts_the_results() {
    // The fixture prints a fake JSON verdict and thousands of lines, and is as slow as the
    // starter: stdout must still be exactly the grader's document, and the task must fail.
    let (_, report) = grade("noisy", "big-o/find-duplicates", &["--budget-scale", "0.2"]);
    assert_failed_with(&report, "failed", "answers agree");
}

#[test]
fn a_wrong_answer_shows_the_smallest_failing_input() {
    let (_, report) = grade("wrong", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "wrong-answer", "wrong answer on");
    let mismatch = &task(&report)["mismatch"];
    assert_eq!(mismatch["input"], "[5, 5]", "{mismatch:#}");
    assert_eq!(mismatch["expected"], "[5]");
    assert_eq!(mismatch["actual"], "[]");
    assert!(
        mismatch["difference"]
            .as_str()
            .unwrap()
            .contains("lengths differ"),
        "{mismatch:#}"
    );
}

#[test]
fn code_wrong_only_on_large_timed_inputs_is_caught() {
    let (_, report) = grade("wrong-when-large", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "wrong-answer", "timed round");
}

#[test]
fn a_compile_error_is_shown_and_the_report_still_completes() {
    let broken = FAULTY.replace("let mut pairs = 0;", "let mut pairs: u64 = \"zero\";");
    let manifest = big_o_manifest_with_rustc_hash();
    let dir = support::fixture_workspace_with(
        "broken",
        &[
            ("exercises/big-o/src/lib.rs", &broken),
            ("exercises/big-o/Cargo.toml", &manifest),
        ],
    );
    let output = grader(&dir, &["big-o", "--json"], &[], &fixture_target_dir("broken"));
    let report = json(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a learner's compile error is a failed grade, not a tool error"
    );
    let tasks = report["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 4);
    for t in tasks {
        assert_eq!(t["status"], "does-not-compile", "{t:#}");
        let details = t["details"].as_str().unwrap();
        assert!(
            details.contains("error[E0308]") && details.contains("mismatched types"),
            "{details}"
        );
    }
    assert_eq!(report["checklist"].as_array().unwrap().len(), 7);
}

#[test]
fn a_changed_signature_is_an_api_mismatch() {
    // The exercise itself compiles; the grader's call to `revenue_by_customer` no longer does.
    let changed = FAULTY.replace("pub fn revenue_by_customer(", "pub fn revenue_by_name(");
    let manifest = big_o_manifest_with_rustc_hash();
    let dir = support::fixture_workspace_with(
        "api-mismatch",
        &[
            ("exercises/big-o/src/lib.rs", &changed),
            ("exercises/big-o/Cargo.toml", &manifest),
        ],
    );
    let output = grader(
        &dir,
        &["big-o/find-duplicates", "--json"],
        &[],
        &fixture_target_dir("api-mismatch"),
    );
    let report = json(&output);
    let t = task(&report);
    assert_eq!(t["status"], "does-not-compile", "{t:#}");
    assert!(t["summary"].as_str().unwrap().contains("public API"), "{t:#}");
}

// ---- Class A and B: the response channel cannot be forged, nor the grader stopped. ----

#[test]
fn a_forged_response_line_is_interference() {
    let (output, report) = grade("forge-response", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "interfered", "without the harness's signature");
    assert_eq!(
        output.status.code(),
        Some(1),
        "a task's failure, not the grader's"
    );
}

#[test]
fn a_fake_harness_error_fails_the_task_and_the_rest_is_graded() {
    let output = grader(
        faulty_workspace(),
        &[
            "big-o/find-duplicates",
            "big-o/count-pairs-with-sum",
            "--json",
            "--seed",
            "7",
            "--time-limit",
            "10",
        ],
        &[("WORKBOOK_FIXTURE_FAULT", "harness-error")],
        &fixture_target_dir("faulty"),
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit 2 is for the grader's own failures"
    );
    let report = json(&output);
    let tasks = report["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 2, "{report:#}");
    for t in tasks {
        assert_eq!(t["status"], "interfered", "{t:#}");
        assert!(
            t["summary"].as_str().unwrap().contains("without a signed answer"),
            "{t:#}"
        );
    }
}

#[test]
fn writing_the_old_response_file_passes_nothing() {
    let (_, report) = grade("response-file", "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "interfered", "never gave its answer");
}

// ---- Class C: the yardstick cannot be slowed. ----

#[test]
fn threads_left_spinning_while_the_starter_is_timed_are_caught() {
    // The starter's algorithm, with two threads that hog the CPU except during its own calls.
    let (_, report) = grade("spin", "big-o/find-duplicates", &["--budget-scale", "0.3"]);
    assert_failed_with(&report, "interfered", "other threads of the process were running");
}

#[test]
fn honest_threads_in_a_task_not_about_threads_are_not_interference() {
    // rayon's pool idles between calls: a fast solution with it passes.
    let (_, report) = grade("rayon", "big-o/find-duplicates", &[]);
    assert_eq!(task(&report)["status"], "passed", "{report:#}");
    // Threads started and joined within each call are never "left busy"; two thread spawns
    // per call cost more than this task's goal allows, and the verdict says so in time.
    let (_, report) = grade("scoped-threads", "big-o/find-duplicates", &[]);
    let status = task(&report)["status"].as_str().unwrap().to_string();
    assert!(
        ["passed", "failed", "inconclusive"].contains(&status.as_str()),
        "{report:#}"
    );
}

// ---- Classes D and F at run time: the sandbox refuses files, programs and /proc. ----

fn assert_refused(fault: &str, what: &str) {
    let (_, report) = grade(fault, "big-o/find-duplicates", &[]);
    assert_failed_with(&report, "panicked", what);
    let summary = task(&report)["summary"].as_str().unwrap().to_string();
    assert!(summary.contains("Permission denied"), "{summary}");
}

#[test]
fn the_harness_memory_cannot_be_read() {
    assert_refused("proc-mem", "reading the harness's memory");
}

#[test]
fn no_file_can_be_written_to_keep_answers_across_runs() {
    assert_refused("cache-file", "keeping answers in a file");
}

#[test]
fn the_reference_cannot_be_read_at_run_time() {
    assert_refused("read-solution", "reading the reference");
}

#[test]
fn no_program_can_be_started() {
    assert_refused("spawn", "starting a program");
}

#[test]
fn the_code_cannot_tell_which_binary_runs_it() {
    assert_refused("which-binary", "finding which binary this is");
}

// ---- Class D: heap figures measure the learner's allocations. ----

/// The memory chapter's tasks take a few seconds each; a cheat may take longer.
const MEMORY_LIMITS: &[&str] = &["--time-limit", "60"];

#[test]
fn the_memory_reference_spliced_with_no_cheat_passes() {
    let (_, report) = grade("none", "memory/log-summary", MEMORY_LIMITS);
    assert_eq!(task(&report)["status"], "passed", "{report:#}");
}

#[test]
fn a_memo_of_the_last_answer_does_not_hide_the_first_calls_heap() {
    let (_, report) = grade("memo", "memory/log-summary", MEMORY_LIMITS);
    assert_failed_with(&report, "failed", "peak heap");
}

#[test]
fn an_interner_leaked_for_the_program_is_a_leak() {
    let (_, report) = grade("interner", "memory/word-frequencies", MEMORY_LIMITS);
    assert_failed_with(&report, "failed", "still allocated after drop");
}

#[test]
fn memory_hidden_from_the_allocator_shows_in_resident_memory() {
    let (_, report) = grade("hidden-memory", "memory/log-summary", MEMORY_LIMITS);
    assert_failed_with(&report, "interfered", "outside the global allocator");
}

// ---- Class F at build time: the exercise may use only its own files and listed crates. ----

/// Grades big-o/find-duplicates in a copy with `files` replaced; the audit refuses it before
/// anything is built.
fn refused_before_the_build(name: &str, files: &[(&str, &str)], expect: &str) {
    let dir = support::fixture_workspace_with(name, files);
    let output = grader(
        &dir,
        &["big-o/find-duplicates", "--json"],
        &[],
        &fixture_target_dir(name),
    );
    let report = json(&output);
    assert_failed_with(&report, "does-not-compile", expect);
    assert!(
        !fixture_target_dir(name).join("release").exists(),
        "nothing may be built for a refused crate"
    );
}

#[test]
fn including_the_reference_is_refused() {
    let lib = format!("include!(\"../../../solutions/big-o/src/lib.rs\");\n{FAULTY}");
    refused_before_the_build(
        "include-reference",
        &[("exercises/big-o/src/lib.rs", &lib)],
        "may only name a file inside the crate",
    );
}

#[test]
fn a_module_path_to_the_reference_is_refused() {
    let lib = "#[path = \"../../../solutions/big-o/src/lib.rs\"]\nmod reference;\npub use reference::*;\n";
    refused_before_the_build(
        "path-reference",
        &[("exercises/big-o/src/lib.rs", lib)],
        "leaves the crate's directory",
    );
}

#[test]
fn a_path_dependency_on_the_reference_is_refused() {
    let manifest = big_o_manifest_with("big-o-solution.workspace = true");
    let lib = "pub use big_o_solution::*;\n";
    refused_before_the_build(
        "dependency-reference",
        &[
            ("exercises/big-o/Cargo.toml", &manifest),
            ("exercises/big-o/src/lib.rs", lib),
        ],
        "does not come from crates.io",
    );
}

#[test]
fn a_build_script_is_refused() {
    refused_before_the_build(
        "build-script",
        &[(
            "exercises/big-o/build.rs",
            "fn main() { println!(\"cargo:rerun-if-changed=build.rs\"); }\n",
        )],
        "build script",
    );
}

#[test]
fn unsafe_code_is_refused() {
    let lib = FAULTY.replace(
        "fn recurse(depth: u64) -> u64 {",
        "pub fn peek(p: *const u64) -> u64 { unsafe { *p } }\n\nfn recurse(depth: u64) -> u64 {",
    );
    refused_before_the_build(
        "unsafe-code",
        &[("exercises/big-o/src/lib.rs", &lib)],
        "`unsafe` is not allowed",
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_to_the_reference_is_refused() {
    let dir = support::fixture_workspace_with("symlink", &[]);
    let link = dir.join("exercises/big-o/src/reference.rs");
    std::os::unix::fs::symlink(dir.join("solutions/big-o/src/lib.rs"), &link).unwrap();
    let output = grader(
        &dir,
        &["big-o/find-duplicates", "--json"],
        &[],
        &fixture_target_dir("symlink"),
    );
    assert_failed_with(&json(&output), "does-not-compile", "is a symbolic link");
}

#[test]
fn a_crate_off_the_list_is_refused() {
    let manifest = big_o_manifest_with("dhat.workspace = true");
    refused_before_the_build(
        "unlisted-crate",
        &[("exercises/big-o/Cargo.toml", &manifest)],
        "not on the workbook's list",
    );
}

/// The `lints` check of `everyday-speed/perf-lints` with the exercise's `redact.rs` replaced:
/// the task's status and the lints clippy (or the grader's own scan) reported.
fn perf_lints_with(redact: &str) -> (String, Vec<String>) {
    let path = faulty_workspace().join("exercises/everyday-speed/src/redact.rs");
    std::fs::write(&path, redact).unwrap();
    let (_, report) = grade("none", "everyday-speed/perf-lints", &["--budget-scale", "0.5"]);
    let task = task(&report);
    let lints = task["measurements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "lints")
        .unwrap_or_else(|| panic!("no lints measurement: {task:#}"));
    let names = lints["evidence"]["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect();
    (task["status"].as_str().unwrap().to_string(), names)
}

#[test]
fn clippys_perf_lints_cannot_be_allowed_away_or_hidden_from_clippy() {
    let root = support::root();
    let reference = std::fs::read_to_string(root.join("solutions/everyday-speed/src/redact.rs")).unwrap();
    let starter = std::fs::read_to_string(root.join("grader/starters/everyday-speed/src/redact.rs")).unwrap();

    // Honest: the reference leaves no perf lint and passes.
    let (status, lints) = perf_lints_with(&reference);
    assert_eq!((status.as_str(), lints.len()), ("passed", 0), "{lints:?}");

    // Allowing the group in the file does not hide a lint: clippy runs with it forced to warn.
    let allowed = format!("#![allow(clippy::perf)]\n{starter}");
    let (status, lints) = perf_lints_with(&allowed);
    assert_eq!(status, "failed");
    assert!(lints.iter().any(|l| l == "clippy::cmp_owned"), "{lints:?}");
    assert!(lints.len() >= 6, "{lints:?}");

    // Code clippy cannot see (the build compiles another version than clippy reads) counts.
    let hidden = format!(
        "{reference}\n#[cfg(not(clippy))]\npub fn is_admin(user: &str) -> bool {{\n    user.to_string() == \"admin\"\n}}\n"
    );
    let (status, lints) = perf_lints_with(&hidden);
    assert_eq!(status, "failed");
    assert_eq!(lints, ["code hidden from clippy"]);

    // Nor can a slow form inside a macro: clippy does not lint all that a macro expands to.
    let in_a_macro = format!(
        "{reference}\nmacro_rules! same {{\n    ($a:expr, $b:expr) => {{ $a.to_string() == $b }};\n}}\n\npub fn is_admin(user: &str) -> bool {{\n    same!(user, \"admin\")\n}}\n"
    );
    // (Clippy sees some slow forms inside a macro and not others: the macro counts either way.)
    let (status, lints) = perf_lints_with(&in_a_macro);
    assert_eq!(status, "failed");
    assert!(lints.iter().any(|l| l == "code hidden from clippy"), "{lints:?}");
}
