//! The grader's command line.

use clap::{Parser, Subcommand};

#[cfg(test)]
mod classroom;

/// Grades the Rust Performance Workbook.
///
/// Builds each chapter in release mode, checks your code's answers against the frozen starter,
/// measures it against the starter (interleaved rounds, 99% confidence intervals), compares
/// the figures with the chapter's goals, and prints the course's assessment checklist.
///
/// Exit code: 0 when every graded task passes, 1 when one does not, 2 when the grader itself
/// could not run (a broken manifest, cargo missing).
#[derive(Debug, Parser)]
#[command(
    name = "grader",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Something other than grading.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Chapters or tasks to grade, such as `big-o` or `big-o/find-duplicates` (default: all).
    #[arg(value_name = "CHAPTER[/TASK]")]
    pub targets: Vec<String>,

    /// Grade the reference solutions in `solutions/` instead of your exercises.
    #[arg(long, global = true, conflicts_with = "starters")]
    pub solutions: bool,

    /// Grade the frozen starters (they must fail every goal: the grader's self-test).
    #[arg(long, global = true)]
    pub starters: bool,

    /// Print one JSON document on stdout, and nothing else there (progress goes to stderr).
    #[arg(long, global = true)]
    pub json: bool,

    /// Also write the report as one self-contained HTML file with plots (viewable offline).
    #[arg(long, value_name = "FILE.html", global = true)]
    pub report: Option<std::path::PathBuf>,

    /// Also write the report as JUnit XML, for CI test reports: one test suite per chapter,
    /// one test case per task, a failure (with its figures and next step) per task not passed.
    #[arg(long, value_name = "FILE.xml", global = true)]
    pub junit: Option<std::path::PathBuf>,

    /// Also write the report as Markdown: the pass count, the checklist and a table of tasks.
    /// When GITHUB_STEP_SUMMARY is set (in GitHub Actions), it is appended there as well.
    #[arg(long, value_name = "FILE.md", global = true)]
    pub markdown: Option<std::path::PathBuf>,

    /// Seed for every random input. Each run prints its seed, so it can be reproduced.
    #[arg(long, global = true)]
    pub seed: Option<u64>,

    /// Stop a task's process after this many seconds (default: the chapter's limit).
    #[arg(long, value_name = "SECONDS", global = true)]
    pub time_limit: Option<f64>,

    /// Memory a task's process may use before it is stopped, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 2048, global = true)]
    pub memory_limit: u64,

    /// Judge every speed check on instruction counts (valgrind's callgrind) instead of time:
    /// the same verdict and figures on any machine for a given seed, for classrooms and CI.
    /// Needs valgrind (`apt-get install valgrind`).
    #[arg(long, global = true)]
    pub exact: bool,

    /// Multiply every measurement's time budget: 3 gives an "inconclusive" verdict on a busy
    /// machine three times as long to settle.
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0, global = true)]
    pub budget_scale: f64,
}

/// The grader's other commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show where a task's code spends its time: its hottest functions, counted by valgrind's
    /// callgrind (exact instruction counts), or sampled by perf where valgrind is missing. For
    /// a task graded on heap figures: where its heap goes, as a dhat profile for dh_view.
    Profile {
        /// The task, such as `big-o/find-duplicates`.
        #[arg(value_name = "CHAPTER/TASK")]
        target: String,

        /// How many functions to list.
        #[arg(long, default_value_t = 12)]
        top: usize,

        /// Profile time even for a task graded on heap figures (those get a dhat heap profile
        /// by default).
        #[arg(long)]
        cpu: bool,
    },
    /// Re-grade a chapter every time one of its files is saved, and say what changed.
    Watch {
        /// The chapter, such as `big-o`.
        #[arg(value_name = "CHAPTER")]
        chapter: String,

        /// Look for changes every half second instead of waiting for the file system's events
        /// (for network drives, containers and virtual machines that send none).
        #[arg(long)]
        poll: bool,
    },
    /// Show a task's hints, one more each time: a nudge, then the technique, then the idiom.
    Hint {
        /// The task, such as `big-o/find-duplicates`.
        #[arg(value_name = "CHAPTER/TASK")]
        target: String,
    },
    /// List every chapter and task with its last verdict, and mark the next one to do.
    List,
    /// Put the starter code back in a chapter's exercise crate, after backing up yours.
    Reset {
        /// The chapter, such as `big-o`.
        #[arg(value_name = "CHAPTER")]
        chapter: String,

        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// For chapter authors: keep everything derived from the manifest in step with it.
    #[command(subcommand)]
    Dev(DevCommand),
    /// For instructors: grade several learners' checkouts into one gradebook. Each is graded
    /// with this workspace's grader, manifest, harnesses and frozen starters; only its
    /// `exercises/` is taken from the checkout.
    Roster {
        /// The learners' checkouts (clones of the workbook), one directory per learner.
        #[arg(value_name = "DIR", required = true)]
        dirs: Vec<std::path::PathBuf>,

        /// Grade only this chapter or task, such as `big-o` or `big-o/find-duplicates`
        /// (repeatable; default: every task).
        #[arg(long, value_name = "CHAPTER[/TASK]")]
        only: Vec<String>,

        /// Where to write gradebook.csv and gradebook.json.
        #[arg(long, value_name = "DIR", default_value = "roster")]
        out: std::path::PathBuf,
    },
    /// Show the reference solution of a task you have passed.
    Solution {
        /// The task, such as `big-o/find-duplicates`.
        #[arg(value_name = "CHAPTER/TASK")]
        target: String,

        /// Show it even though the task has not passed yet.
        #[arg(long)]
        force: bool,
    },
}

/// `grader dev`: the manifest and the exercise crates are the sources of truth; everything
/// else a chapter needs is derived from them.
#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Start a chapter: its manifest entry with one example task, an exercise crate with a slow
    /// starter, a fast solution, the harness, a book page and its table-of-contents entry; then
    /// sync. Its starter fails and its solution passes from the start.
    New {
        /// The chapter's name (kebab-case): its directory under exercises/ and its crate name.
        #[arg(value_name = "CHAPTER")]
        chapter: String,

        /// Its title (default: the name, in words).
        #[arg(long)]
        title: Option<String>,
    },
    /// Write everything derived: workspace members and chapter crates in the root Cargo.toml,
    /// each harness's Cargo.toml and binaries, the solutions' test shims, and (with --freeze)
    /// the frozen starters.
    Sync {
        /// Also copy the exercises' code, as it is now, into the frozen starters: the grader's
        /// yardstick. Every chapter's, or only the chapters named. Only on a clean checkout of
        /// the course, never where an exercise is solved.
        #[arg(long, num_args = 0.., value_name = "CHAPTER")]
        freeze: Option<Vec<String>>,
    },
    /// Fail, naming the files, when `dev sync` would change anything (CI runs this).
    Check,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn targets_and_flags_parse() {
        let cli = Cli::parse_from(["grader", "big-o/find-duplicates", "--json", "--seed", "7"]);
        assert_eq!(cli.targets, ["big-o/find-duplicates"]);
        assert!(cli.json);
        assert_eq!(cli.seed, Some(7));
        assert!(Cli::try_parse_from(["grader", "--solutions", "--starters"]).is_err());
        assert!(cli.command.is_none());
    }

    #[test]
    fn profile_is_a_subcommand_and_targets_are_not() {
        let cli = Cli::parse_from(["grader", "profile", "big-o/find-duplicates", "--starters"]);
        let Some(Command::Profile { target, top, cpu }) = cli.command else {
            panic!("not a profile command")
        };
        assert_eq!((target.as_str(), top, cpu), ("big-o/find-duplicates", 12, false));
        assert!(cli.starters);
        let cli = Cli::parse_from(["grader", "big-o", "profiling/pipeline"]);
        assert!(cli.command.is_none());
        assert_eq!(cli.targets, ["big-o", "profiling/pipeline"]);
    }

    #[test]
    fn the_learners_commands_parse() {
        let cli = Cli::parse_from(["grader", "watch", "big-o", "--poll", "--report", "r.html"]);
        assert!(
            matches!(cli.command, Some(Command::Watch { ref chapter, poll: true }) if chapter == "big-o")
        );
        assert_eq!(cli.report.as_deref(), Some(std::path::Path::new("r.html")));
        let cli = Cli::parse_from(["grader", "reset", "big-o", "--yes"]);
        assert!(matches!(cli.command, Some(Command::Reset { yes: true, .. })));
        let cli = Cli::parse_from(["grader", "solution", "big-o/find-duplicates"]);
        assert!(matches!(
            cli.command,
            Some(Command::Solution { force: false, .. })
        ));
        assert!(matches!(
            Cli::parse_from(["grader", "list"]).command,
            Some(Command::List)
        ));
        assert!(matches!(
            Cli::parse_from(["grader", "hint", "big-o/find-duplicates"]).command,
            Some(Command::Hint { .. })
        ));
    }

    #[test]
    fn ci_outputs_and_the_roster_parse() {
        let cli = Cli::parse_from(["grader", "--junit", "g.xml", "--markdown", "g.md", "big-o"]);
        assert_eq!(cli.junit.as_deref(), Some(std::path::Path::new("g.xml")));
        assert_eq!(cli.markdown.as_deref(), Some(std::path::Path::new("g.md")));
        assert_eq!(cli.targets, ["big-o"]);
        let cli = Cli::parse_from([
            "grader",
            "roster",
            "alice",
            "bob",
            "--only",
            "big-o",
            "--only",
            "memory/org-chart",
            "--seed",
            "3",
            "--exact",
        ]);
        let Some(Command::Roster { dirs, only, out }) = cli.command else {
            panic!("not a roster command")
        };
        assert_eq!(dirs, [std::path::Path::new("alice"), std::path::Path::new("bob")]);
        assert_eq!(only, ["big-o", "memory/org-chart"]);
        assert_eq!(out, std::path::Path::new("roster"));
        assert_eq!((cli.seed, cli.exact), (Some(3), true));
        assert!(
            Cli::try_parse_from(["grader", "roster"]).is_err(),
            "a roster needs a learner"
        );
    }
}
