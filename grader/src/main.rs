//! `cargo run -p grader`: grades the Rust Performance Workbook. See `grader --help`.

mod checklist;
mod child;
mod cli;
mod compile;
mod grade;
mod manifest;
mod profile;
mod report;
mod result;
mod workspace;

use anyhow::Result;
use clap::Parser;
use cli::{Cli, Command};
use grade::{Progress, Settings};
use manifest::Manifest;
use result::{REPORT_VERSION, Report};
use std::process::ExitCode;
use workspace::Subject;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => {
            eprintln!("grader error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Does what `cli` asks for; `Ok(passed)` when the grader worked, whatever the verdicts.
fn run(cli: &Cli) -> Result<bool> {
    let root = workspace::find_root(&std::env::current_dir()?)?;
    let manifest = Manifest::load(&root.join(workspace::MANIFEST))?;
    workspace::check_agreement(&root, &manifest)?;
    let subject = match (cli.solutions, cli.starters) {
        (true, _) => Subject::Solutions,
        (_, true) => Subject::Starters,
        _ => Subject::Exercises,
    };
    let seed = cli.seed.unwrap_or_else(|| fastrand::u64(..));
    if let Some(Command::Profile { target, top }) = &cli.command {
        let (chapter, task) = grade::select_one(&manifest, target)?;
        return match profile::run(&root, chapter, task, subject, seed, *top)? {
            Ok(report) => {
                print!("{report}");
                Ok(true)
            }
            Err(message) => {
                println!("{message}");
                Ok(false)
            }
        };
    }
    let selection = grade::select(&manifest, &cli.targets)?;
    let settings = Settings {
        subject,
        seed,
        time_limit_s: cli.time_limit,
        memory_limit_mib: cli.memory_limit,
        budget_scale: cli.budget_scale,
    };
    let dirs = match subject {
        Subject::Exercises => "exercises/",
        Subject::Solutions => "solutions/",
        Subject::Starters => "the frozen starters (grader/starters/)",
    };
    eprintln!(
        "Grading {dirs} with seed {0} (rerun with --seed {0})",
        settings.seed
    );
    let mut progress = |p: Progress<'_>| match p {
        Progress::Building(c) => eprintln!("  building {} in release mode…", c.name),
        Progress::Grading(c, t) => eprintln!("  grading {}/{}…", c.name, t.name),
    };
    let mut tasks = Vec::new();
    for (chapter, chosen) in &selection {
        tasks.extend(grade::grade_chapter(
            &root,
            chapter,
            chosen,
            settings,
            &mut progress,
        )?);
    }
    let report = Report {
        version: REPORT_VERSION,
        grader: env!("CARGO_PKG_VERSION").to_string(),
        seed: settings.seed,
        subject,
        passed: tasks.iter().all(|t| t.passed),
        checklist: checklist::assess(&manifest, &tasks),
        tasks,
    };
    if cli.json {
        println!("{}", report::json::render(&report));
    } else {
        print!("{}", report::terminal::render(&report, &manifest));
    }
    Ok(report.passed)
}
