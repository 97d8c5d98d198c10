//! The grader's command line.

use clap::{Parser, Subcommand};

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
    #[arg(long)]
    pub json: bool,

    /// Seed for every random input. Each run prints its seed, so it can be reproduced.
    #[arg(long, global = true)]
    pub seed: Option<u64>,

    /// Stop a task's process after this many seconds (default: the chapter's limit).
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,

    /// Memory a task's process may use before it is stopped, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 2048)]
    pub memory_limit: u64,

    /// Multiply every measurement's time budget: 3 gives an "inconclusive" verdict on a busy
    /// machine three times as long to settle.
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0)]
    pub budget_scale: f64,
}

/// The grader's other commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show where a task's code spends its time: its hottest functions, counted by valgrind's
    /// callgrind (exact instruction counts), or sampled by perf where valgrind is missing.
    Profile {
        /// The task, such as `big-o/find-duplicates`.
        #[arg(value_name = "CHAPTER/TASK")]
        target: String,

        /// How many functions to list.
        #[arg(long, default_value_t = 12)]
        top: usize,
    },
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
        let Some(Command::Profile { target, top }) = cli.command else {
            panic!("not a profile command")
        };
        assert_eq!((target.as_str(), top), ("big-o/find-duplicates", 12));
        assert!(cli.starters);
        let cli = Cli::parse_from(["grader", "big-o", "profiling/pipeline"]);
        assert!(cli.command.is_none());
        assert_eq!(cli.targets, ["big-o", "profiling/pipeline"]);
    }
}
