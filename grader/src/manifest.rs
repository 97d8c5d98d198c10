//! The workbook's manifest (`grader/workbook.toml`): typed, versioned, validated.

use crate::task_id::TaskId;
use anyhow::{Context, Result, bail, ensure};
use grader_kit::spec::{Check, HeapFigure};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

/// The manifest format this grader reads.
pub const MANIFEST_VERSION: u32 = 1;

/// The course floor: a speed goal must ask for at least a 30% cut in execution time.
pub const MIN_SPEEDUP: f64 = 1.0 / (1.0 - 0.30);

/// The course floor for memory: a heap goal relative to the starter must ask for at least a
/// 20% cut.
pub const MAX_HEAP_RATIO: f64 = 1.0 - 0.20;

/// A no-slower guard may allow at most this slow-down: beyond it, it guards nothing.
pub const MAX_SLOWDOWN: f64 = 2.0;

/// Complexity checks fit at least this many sizes.
pub const MIN_COMPLEXITY_SIZES: usize = 4;

/// The whole workbook: checklist and chapters.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Format version; see [`MANIFEST_VERSION`].
    pub version: u32,
    /// The assessment checklist, in order.
    pub checklist: Vec<ChecklistItem>,
    /// The chapters that exist, in course order.
    pub chapters: Vec<Chapter>,
    /// The crates.io crates an exercise crate may depend on (its library; tests and benches
    /// may use anything). Anything else is refused before the build, so no crate can offer
    /// learner code a safe door to raw memory, files or processes. None when absent.
    #[serde(default)]
    pub allowed_dependencies: Vec<String>,
}

/// One item of the assessment checklist.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Short id that tasks refer to.
    pub id: String,
    /// The item as the learner reads it.
    pub item: String,
}

/// A chapter: one exercise crate, one solution crate, one frozen starter, one harness.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chapter {
    /// The chapter's name: the exercise crate's name and directory.
    pub name: String,
    /// Its title.
    pub title: String,
    /// Its book page, relative to `book/src`.
    pub book: String,
    /// Seconds after which a task's process is stopped.
    pub time_limit_s: f64,
    /// What the harness crate depends on besides the chapter's crates and the kit.
    #[serde(default)]
    pub harness: HarnessDependencies,
    /// The graded tasks.
    pub tasks: Vec<Task>,
}

/// A harness crate's own dependencies, all from `[workspace.dependencies]`: `grader dev sync`
/// writes them into its generated `Cargo.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HarnessDependencies {
    /// What its library uses (input generators, runtimes).
    #[serde(default)]
    pub dependencies: Vec<String>,
    /// What its tests use besides the reference solution.
    #[serde(default)]
    pub dev_dependencies: Vec<String>,
    /// Integration tests (`tests/<name>.rs`) with a `main` of their own instead of libtest's
    /// (`harness = false`): tests that run their own binary again as a child process.
    #[serde(default)]
    pub plain_tests: Vec<String>,
}

impl Chapter {
    /// Whether any task is graded on heap figures: then the harness's graded binaries count
    /// allocations, and each has a twin under dhat's allocator for `grader profile`.
    pub fn has_heap_checks(&self) -> bool {
        self.tasks
            .iter()
            .flat_map(|t| &t.checks)
            .any(Check::needs_heap_profiler)
    }
}

/// A graded task.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// The task's name (kebab-case), as the harness knows it.
    pub name: String,
    /// Its title.
    pub title: String,
    /// The checklist items it counts towards.
    pub checklist: Vec<String>,
    /// Seconds of measurement allowed before an undecided verdict becomes "inconclusive".
    pub budget_s: f64,
    /// What is measured, and the goals.
    pub checks: Vec<Check>,
    /// Progressive hints: a nudge, then the technique, then the idiom.
    pub hints: Vec<String>,
    /// The criterion bench that measures the task: `exercises/<chapter>/benches/<bench>.rs`.
    #[serde(default)]
    pub bench: Option<String>,
    /// Where the reference solution's code for this task is, as `path[:anchor]` entries
    /// relative to `solutions/<chapter>/` (shown by `grader solution` once the task passed).
    pub solution: Vec<String>,
    /// How `--exact` grades the task, where it differs from the timed checks.
    #[serde(default)]
    pub exact: Exact,
}

/// A task's exact mode (`grader --exact`), where it differs from its timed checks. Speed-ups,
/// no-slower guards, complexity slopes and parallel speed-ups are counted in instructions; a
/// goal on instructions can differ from the goal on time (the same change saves instructions
/// and time in different proportions), and smaller inputs keep valgrind quick.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Exact {
    /// The speed-up goal on instructions (default: the timed goal).
    #[serde(default)]
    pub speedup: Option<f64>,
    /// The input size of the single-size counted checks (default: each check's own).
    #[serde(default)]
    pub n: Option<usize>,
    /// Why the goal or the size differ: required with either.
    #[serde(default)]
    pub why: Option<String>,
    /// The task's speed checks stay timed in exact mode, for this reason.
    #[serde(default)]
    pub timed: Option<String>,
}

impl Chapter {
    /// The id of one of this chapter's tasks.
    pub fn task_id(&self, task: &Task) -> TaskId {
        TaskId::new(&self.name, &task.name)
    }
}

impl Manifest {
    /// Reads and validates the manifest.
    pub fn load(path: &Path) -> Result<Manifest> {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let manifest: Manifest =
            toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        manifest
            .validate()
            .with_context(|| format!("checking {}", path.display()))?;
        Ok(manifest)
    }

    /// Checks what the types cannot: versions, unique names, references, goals above the floor.
    pub fn validate(&self) -> Result<()> {
        ensure!(
            self.version == MANIFEST_VERSION,
            "manifest version {} but this grader reads version {MANIFEST_VERSION}",
            self.version
        );
        let items: HashSet<&str> = self.checklist.iter().map(|c| c.id.as_str()).collect();
        ensure!(items.len() == self.checklist.len(), "duplicate checklist ids");
        let mut chapters = HashSet::new();
        for chapter in &self.chapters {
            ensure!(
                chapters.insert(&chapter.name),
                "chapter {} declared twice",
                chapter.name
            );
            ensure!(
                is_kebab(&chapter.name),
                "chapter name {:?} is not kebab-case",
                chapter.name
            );
            ensure!(
                chapter.time_limit_s > 0.0,
                "{}: time_limit_s must be positive",
                chapter.name
            );
            ensure!(!chapter.tasks.is_empty(), "{}: no tasks", chapter.name);
            let mut tasks = HashSet::new();
            for task in &chapter.tasks {
                let id = chapter.task_id(task);
                ensure!(tasks.insert(&task.name), "{id} declared twice");
                ensure!(is_kebab(&task.name), "task name {id:?} is not kebab-case");
                ensure!(task.budget_s > 0.0, "{id}: budget_s must be positive");
                ensure!(
                    task.hints.len() >= 3,
                    "{id}: give three hints (nudge, technique, idiom)"
                );
                ensure!(!task.checklist.is_empty(), "{id}: maps to no checklist item");
                for item in &task.checklist {
                    ensure!(
                        items.contains(item.as_str()),
                        "{id}: unknown checklist item {item:?}"
                    );
                }
                ensure!(!task.checks.is_empty(), "{id}: no checks");
                validate_exact(&id, task)?;
                ensure!(
                    !task.solution.is_empty(),
                    "{id}: say where its solution is (solution = [\"src/lib.rs:anchor\"])"
                );
                for check in &task.checks {
                    validate_check(&id, check)?;
                }
                let heap: Vec<Check> = task
                    .checks
                    .iter()
                    .filter(|c| c.needs_heap_profiler())
                    .cloned()
                    .collect();
                if !heap.is_empty() {
                    ensure!(
                        grader_kit::task::heap_size(&heap).is_some(),
                        "{id}: its heap checks must share one n (they are measured from one call)"
                    );
                    ensure!(
                        heap.iter().any(|c| matches!(
                            c,
                            Check::Heap {
                                figure: HeapFigure::LeakedBytes,
                                ..
                            }
                        )),
                        "{id}: a task with heap checks also checks leaked-bytes (a memo or interner kept between calls must show)"
                    );
                }
            }
        }
        Ok(())
    }

    /// The chapter with this name.
    pub fn chapter(&self, name: &str) -> Option<&Chapter> {
        self.chapters.iter().find(|c| c.name == name)
    }
}

/// A task's `[exact]` table: a changed goal or size says why, a goal keeps the course floor,
/// and a task left timed changes nothing else.
fn validate_exact(id: &TaskId, task: &Task) -> Result<()> {
    let exact = &task.exact;
    let changed = exact.speedup.is_some() || exact.n.is_some();
    ensure!(
        !changed || exact.why.as_deref().is_some_and(|w| !w.trim().is_empty()),
        "{id}: [exact] changes a goal or a size: say why (why = \"…\")"
    );
    ensure!(
        !(changed && exact.timed.is_some()),
        "{id}: [exact] leaves the task timed, so it cannot change its counted goals"
    );
    if let Some(goal) = exact.speedup {
        ensure!(
            goal >= MIN_SPEEDUP,
            "{id}: an exact speed-up goal of {goal}× is below the course floor of {MIN_SPEEDUP:.2}× (a 30% cut)"
        );
        ensure!(
            task.checks.iter().any(|c| matches!(c, Check::Speedup { .. })),
            "{id}: [exact] sets a speed-up goal, but the task has no speedup check"
        );
    }
    if let Some(n) = exact.n {
        ensure!(n > 0, "{id}: [exact] n must be positive");
    }
    Ok(())
}

fn validate_check(id: &TaskId, check: &Check) -> Result<()> {
    match check {
        Check::Speedup { n, at_least } => {
            ensure!(*n > 0, "{id}: speedup n must be positive");
            ensure!(
                *at_least >= MIN_SPEEDUP,
                "{id}: a speed-up goal of {at_least}× is below the course floor of {MIN_SPEEDUP:.2}× (a 30% cut)"
            );
        }
        Check::Complexity { sizes, .. } => {
            ensure!(
                sizes.len() >= MIN_COMPLEXITY_SIZES,
                "{id}: a complexity check needs at least {MIN_COMPLEXITY_SIZES} sizes"
            );
            if sizes[0] == 0 || sizes.windows(2).any(|w| w[1] != 2 * w[0]) {
                bail!("{id}: complexity sizes must double each step (n, 2n, 4n, 8n …), got {sizes:?}");
            }
        }
        Check::Crossover { sizes, within_factor } => {
            ensure!(
                sizes.len() >= MIN_COMPLEXITY_SIZES,
                "{id}: a crossover needs at least 4 sizes"
            );
            ensure!(
                sizes[0] > 0 && sizes.windows(2).all(|w| w[1] == 2 * w[0]),
                "{id}: crossover sizes must double"
            );
            ensure!(*within_factor > 1.0, "{id}: within_factor must be above 1");
        }
        Check::BenchmarkAccuracy { tolerance } => {
            ensure!(
                *tolerance > 0.0 && *tolerance < 1.0,
                "{id}: tolerance must be between 0 and 1"
            );
        }
        Check::Heap {
            n,
            at_most_ratio,
            at_most,
            ..
        } => {
            ensure!(*n > 0, "{id}: heap n must be positive");
            ensure!(
                at_most_ratio.is_some() != at_most.is_some(),
                "{id}: a heap check takes one bound, at_most_ratio or at_most"
            );
            if let Some(ratio) = at_most_ratio {
                ensure!(
                    *ratio >= 0.0 && *ratio <= MAX_HEAP_RATIO,
                    "{id}: a heap goal of {ratio} × the starter is above the course floor of {MAX_HEAP_RATIO} (a 20% cut)"
                );
            }
        }
        Check::ParallelSpeedup { n, efficiency } => {
            ensure!(*n > 0, "{id}: parallel-speedup n must be positive");
            // On two cores the goal is 1 + efficiency: the course floor asks for a 30% cut.
            ensure!(
                1.0 + efficiency >= MIN_SPEEDUP && *efficiency <= 1.0,
                "{id}: a parallel efficiency of {efficiency} is outside {:.2}..=1 (the course floor on two cores)",
                MIN_SPEEDUP - 1.0
            );
        }
        Check::Count { counter, n, .. } => {
            ensure!(*n > 0, "{id}: count n must be positive");
            ensure!(
                is_kebab(counter),
                "{id}: counter name {counter:?} is not kebab-case"
            );
        }
        Check::NoSlower { n, factor } => {
            ensure!(*n > 0, "{id}: no-slower n must be positive");
            ensure!(
                (1.0..=MAX_SLOWDOWN).contains(factor),
                "{id}: a no-slower factor must lie between 1 and {MAX_SLOWDOWN}"
            );
        }
        Check::Throughput { at_least } => {
            ensure!(
                *at_least >= MIN_SPEEDUP,
                "{id}: a throughput goal of {at_least}× is below the course floor of {MIN_SPEEDUP:.2}×"
            );
        }
        Check::LightLatency { percentile, at_least } => {
            ensure!(
                (50.0..100.0).contains(percentile),
                "{id}: a latency percentile must lie in 50..100, got {percentile}"
            );
            ensure!(
                *at_least >= MIN_SPEEDUP,
                "{id}: a latency goal of {at_least}× is below the course floor of {MIN_SPEEDUP:.2}×"
            );
        }
        Check::PeakResident { at_most_ratio } => {
            ensure!(
                *at_most_ratio > 0.0 && *at_most_ratio <= MAX_HEAP_RATIO,
                "{id}: a resident-memory goal of {at_most_ratio} × the starter is above the course floor of {MAX_HEAP_RATIO} (a 20% cut)"
            );
        }
        Check::Diagnosis { truth, max_per_part } => {
            ensure!(!truth.is_empty(), "{id}: no bottlenecks declared");
            ensure!(*max_per_part >= 1, "{id}: max_per_part must be at least 1");
        }
        Check::ProfileFindings {
            profiles,
            within_factor,
        } => {
            ensure!(!profiles.is_empty(), "{id}: no build profiles to compare");
            ensure!(*within_factor > 1.0, "{id}: within_factor must be above 1");
            for (i, profile) in profiles.iter().enumerate() {
                ensure!(
                    is_kebab(profile) && !["release", "dev", "test", "bench"].contains(&profile.as_str()),
                    "{id}: {profile:?} is not a custom profile's name (kebab-case, not a built-in profile)"
                );
                ensure!(
                    !profiles[..i].contains(profile),
                    "{id}: profile {profile:?} listed twice"
                );
            }
        }
        Check::Lints { group, .. } => {
            ensure!(
                LINT_GROUPS.contains(&group.as_str()),
                "{id}: {group:?} is not one of clippy's lint groups ({})",
                LINT_GROUPS.join(", ")
            );
        }
        Check::HotFunctions { truth, max_named } => {
            ensure!(!truth.is_empty(), "{id}: no hot functions declared");
            ensure!(
                *max_named >= truth.len(),
                "{id}: max_named is below the number of hot functions"
            );
        }
    }
    Ok(())
}

/// Clippy's lint groups that a `lints` check may name.
const LINT_GROUPS: [&str; 8] = [
    "cargo",
    "complexity",
    "correctness",
    "nursery",
    "pedantic",
    "perf",
    "style",
    "suspicious",
];

pub fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
        version = 1
        [[checklist]]
        id = "big-o"
        item = "Big O"
        [[chapters]]
        name = "big-o"
        title = "Big O"
        book = "big-o/index.md"
        time_limit_s = 60
        [[chapters.tasks]]
        name = "find-duplicates"
        title = "Dups"
        checklist = ["big-o"]
        budget_s = 4
        hints = ["a", "b", "c"]
        bench = "find_duplicates"
        solution = ["src/lib.rs:find_duplicates"]
        checks = [
            { kind = "speedup", n = 8000, at_least = 10.0 },
            { kind = "complexity", sizes = [1000, 2000, 4000, 8000], target = "O(n log n)" },
        ]
    "#;

    fn parse(text: &str) -> Result<Manifest> {
        let m: Manifest = toml::from_str(text)?;
        m.validate()?;
        Ok(m)
    }

    #[test]
    fn a_good_manifest_loads() {
        let m = parse(GOOD).unwrap();
        assert_eq!(m.chapters[0].tasks[0].bench.as_deref(), Some("find_duplicates"));
        assert!(m.chapter("big-o").is_some());
    }

    #[test]
    fn the_real_manifest_is_valid() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("workbook.toml");
        let m = Manifest::load(&path).unwrap();
        assert_eq!(m.checklist.len(), 7);
    }

    #[test]
    fn mistakes_are_rejected_with_a_reason() {
        let cases = [
            (GOOD.replace("version = 1", "version = 2"), "version"),
            (GOOD.replace("at_least = 10.0", "at_least = 1.2"), "course floor"),
            (GOOD.replace("4000, 8000]", "5000, 8000]"), "double"),
            (
                GOOD.replace("[1000, 2000, 4000, 8000]", "[1000, 2000, 4000]"),
                "at least 4",
            ),
            (
                GOOD.replace(r#"checklist = ["big-o"]"#, r#"checklist = ["nope"]"#),
                "unknown checklist",
            ),
            (
                GOOD.replace(r#"hints = ["a", "b", "c"]"#, r#"hints = ["a"]"#),
                "three hints",
            ),
            (
                GOOD.replace("budget_s = 4", "budget_s = 4\nbogus = 1"),
                "unknown field",
            ),
            (
                GOOD.replace(
                    r#"{ kind = "speedup", n = 8000, at_least = 10.0 },"#,
                    r#"{ kind = "heap", figure = "peak-bytes", n = 10, at_most_ratio = 0.9 },"#,
                ),
                "20% cut",
            ),
            (
                GOOD.replace(
                    r#"{ kind = "speedup", n = 8000, at_least = 10.0 },"#,
                    r#"{ kind = "heap", figure = "allocations", n = 10, at_most_ratio = 0.5, at_most = 3 },"#,
                ),
                "one bound",
            ),
            (
                GOOD.replace(
                    r#"{ kind = "speedup", n = 8000, at_least = 10.0 },"#,
                    r#"{ kind = "no-slower", n = 10, factor = 3.0 },"#,
                ),
                "between 1 and 2",
            ),
            (
                GOOD.replace(
                    r#"{ kind = "speedup", n = 8000, at_least = 10.0 },"#,
                    r#"{ kind = "profile-findings", profiles = ["lab-lto", "release"], within_factor = 1.5 },"#,
                ),
                "not a custom profile",
            ),
            (
                GOOD.replace(
                    r#"{ kind = "speedup", n = 8000, at_least = 10.0 },"#,
                    r#"{ kind = "profile-findings", profiles = ["lab-lto", "lab-lto"], within_factor = 1.5 },"#,
                ),
                "listed twice",
            ),
            (
                GOOD.replace(
                    r#"{ kind = "speedup", n = 8000, at_least = 10.0 },"#,
                    r#"{ kind = "profile-findings", profiles = ["lab-lto"], within_factor = 1.0 },"#,
                ),
                "within_factor",
            ),
        ];
        for (text, reason) in cases {
            let err = format!("{:#}", parse(&text).unwrap_err());
            assert!(err.contains(reason), "expected {reason:?} in {err:?}");
        }
    }
}
