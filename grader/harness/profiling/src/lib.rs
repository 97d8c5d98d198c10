//! The profiling chapter's tasks: `pipeline` (the end-to-end speed-up of the log analytics
//! pipeline over the starter) and `hot-spots` (the hot functions the learner names in
//! `findings.toml`, against the ones the starter really spends its time in).

mod hot_spots;

use fastrand::Rng;
use grader_kit::TimedTask;
use grader_kit::correctness::Case;
use grader_kit::inputs::AWKWARD_SIZES;
use std::process::ExitCode;

/// The system allocator, declared here so that a subject crate cannot declare one of its own
/// (a slow one, which costs the starter's many allocations more than an optimised subject's,
/// inflating the speed-up): such a crate fails to build against the harness, with rustc's
/// "conflicts with global allocator".
#[global_allocator]
static ALLOC: std::alloc::System = std::alloc::System;

grader_kit::subject_api! {
    crate profiling_harness;
    /// The chapter's public API, exactly as the exercise declares it (the report compared through
    /// its `Debug` text, since each crate has its own `Report` type).
    pub trait Api {
        /// The crate's `findings.toml`.
        const FINDINGS: &'static str;
        /// See `profiling::analyze`, as `{:#?}` text.
        fn analyze(log: &str) -> String, via |report| format!("{report:#?}");
        /// See `profiling::generate_log`.
        fn generate_log(seed: u64, lines: usize) -> String;
    }
}

forward_api!(Starter => profiling_starter);

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let pipeline = TimedTask {
        name: "pipeline",
        edge_cases: edge_logs,
        generate: |rng, n| Starter::generate_log(rng.u64(..), n),
        starter: |log: &String| Starter::analyze(log),
        subject: |log: &String| S::analyze(log),
    };
    let hot_spots = hot_spots::HotSpotsTask::new(S::FINDINGS);
    grader_kit::harness::main(&[&pipeline, &hot_spots])
}

/// The log with every line's path (its third field) in upper case.
fn upper_case_paths(log: &str) -> String {
    log.lines()
        .map(|line| {
            let fields: Vec<String> = line
                .splitn(4, ' ')
                .enumerate()
                .map(|(i, f)| if i == 2 { f.to_uppercase() } else { f.to_string() })
                .collect();
            fields.join(" ") + "\n"
        })
        .collect()
}

/// Logs at the edges: empty, blank, one line, one line many times, truncated (malformed)
/// lines, upper-case paths, CRLF line ends, shuffled order, awkward sizes.
fn edge_logs(rng: &mut Rng) -> Vec<Case<String>> {
    let log = |rng: &mut Rng, n| Starter::generate_log(rng.u64(..), n);
    let case = |label: &str, input: String| Case {
        label: format!("edge case: {label}"),
        input,
    };
    let one = log(rng, 1);
    let many = log(rng, 300);
    let truncated: String = many
        .lines()
        .map(|l| {
            let cut = rng.usize(..=l.len());
            // Cut on a character boundary.
            let cut = (0..=cut).rev().find(|&i| l.is_char_boundary(i)).unwrap_or(0);
            format!("{}\n", &l[..cut])
        })
        .collect();
    let mut shuffled: Vec<&str> = many.lines().collect();
    rng.shuffle(&mut shuffled);
    let mut cases = vec![
        case("empty log", String::new()),
        case("blank lines", "\n\n\n".into()),
        case("one line", one.clone()),
        case("one line 257 times", one.repeat(257)),
        case("truncated lines", truncated),
        case("upper-case paths", upper_case_paths(&many)),
        case("CRLF line ends", many.replace('\n', "\r\n")),
        case("shuffled lines", shuffled.join("\n")),
    ];
    for n in AWKWARD_SIZES {
        cases.push(Case {
            label: format!("generated log of {n} lines"),
            input: log(rng, n),
        });
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_logs_are_seeded() {
        let a = edge_logs(&mut Rng::with_seed(4));
        let b = edge_logs(&mut Rng::with_seed(4));
        assert_eq!(a.len(), b.len());
        assert!(
            a.iter()
                .zip(&b)
                .all(|(x, y)| x.input == y.input && x.label == y.label)
        );
        assert!(a.iter().any(|c| c.input.is_empty()));
        let line = "2026-11-24T17:03:12Z GET /api/v1/Orders/123?x=1 200 42ms session=ab ua=\"M o\"\n";
        assert_eq!(
            upper_case_paths(line),
            "2026-11-24T17:03:12Z GET /API/V1/ORDERS/123?X=1 200 42ms session=ab ua=\"M o\"\n"
        );
    }
}
