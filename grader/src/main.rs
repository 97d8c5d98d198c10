//! `cargo run -p grader`: grades the Rust Performance Workbook. See `grader --help`.

mod audit;
mod build_profiles;
mod checklist;
mod child;
mod cli;
mod commands;
mod compile;
mod dev;
mod exact;
mod grade;
mod heap_profile;
mod layout;
mod lints;
mod manifest;
mod profile;
mod progress;
mod report;
mod result;
mod state;
mod task_id;
mod verify;
mod workspace;

use anyhow::{Context, Result, bail};
use clap::Parser;
use cli::{Cli, Command, DevCommand};
use commands::{hint, list, reset, roster, solution, watch};
use grade::Settings;
use layout::Subject;
use manifest::{Chapter, Manifest, Task};
use result::{REPORT_VERSION, Report};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

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
    // Before the workspace checks: these commands are how a workspace gets back in step.
    if let Some(Command::Dev(command)) = &cli.command {
        return match command {
            DevCommand::New { chapter, title } => dev::new(&root, chapter, title.as_deref()),
            DevCommand::Sync { freeze } => dev::sync(&root, freeze.as_deref()),
            DevCommand::Check => dev::check(&root),
        };
    }
    let manifest = Manifest::load(&root.join(workspace::MANIFEST))?;
    workspace::check_agreement(&root, &manifest)?;
    let subject = match (cli.solutions, cli.starters) {
        (true, _) => Subject::Solutions,
        (_, true) => Subject::Starters,
        _ => Subject::Exercises,
    };
    if cli.exact {
        exact::prepare(&root)?;
    }
    let seed = cli.seed.unwrap_or_else(|| fastrand::u64(..));
    let settings = Settings {
        subject,
        seed,
        time_limit_s: cli.time_limit,
        memory_limit_mib: cli.memory_limit,
        budget_scale: cli.budget_scale,
        exact: cli.exact,
    };
    match &cli.command {
        Some(Command::Profile { target, top, cpu }) => {
            let (chapter, task) = grade::select_one(&manifest, target)?;
            let heap = !cpu && task.checks.iter().any(|c| c.needs_heap_profiler());
            let report = if heap {
                heap_profile::run(&root, chapter, task, subject)?
            } else {
                profile::run(&root, chapter, task, subject, seed, *top)?
            };
            match report {
                Ok(report) => print!("{report}"),
                Err(message) => {
                    println!("{message}");
                    return Ok(false);
                }
            }
        }
        Some(Command::Hint { target }) => {
            let (chapter, task) = grade::select_one(&manifest, target)?;
            let mut state = load_state(&root);
            let id = chapter.task_id(task);
            print!("{}", hint::next_hints(&id, task, &mut state));
            state::save(&root, &state)?;
        }
        Some(Command::Dev(_)) => unreachable!("dev commands return before the workspace checks"),
        Some(Command::List) => print!("{}", list::render(&manifest, &load_state(&root))),
        Some(Command::Roster { dirs, only, out }) => {
            let options = roster::Options {
                dirs,
                only,
                out,
                seed,
                exact: cli.exact,
                time_limit_s: cli.time_limit,
                memory_limit_mib: cli.memory_limit,
                budget_scale: cli.budget_scale,
            };
            roster::run(&root, &manifest, &options, cli)?;
        }
        Some(Command::Reset { chapter, yes }) => return reset_chapter(&root, &manifest, chapter, *yes),
        Some(Command::Solution { target, force }) => {
            let (chapter, task) = grade::select_one(&manifest, target)?;
            return show_solution(&root, chapter, task, *force);
        }
        Some(Command::Watch { chapter, poll }) => {
            let Some(chapter) = manifest.chapter(chapter) else {
                bail!("no chapter named {chapter:?}");
            };
            watch_chapter(&root, &manifest, chapter, settings, cli, *poll)?;
        }
        None => {
            let selection = grade::select(&manifest, &cli.targets)?;
            let report = grade_and_report(&root, &manifest, &selection, settings, cli)?;
            return Ok(report.passed);
        }
    }
    Ok(true)
}

/// The learner's progress, with a warning on stderr when its file had to be rebuilt.
fn load_state(root: &Path) -> state::State {
    let loaded = state::load(root);
    if let Some(warning) = loaded.warning {
        eprintln!("warning: {warning}");
    }
    loaded.state
}

/// Grades the selection, prints the report (terminal or JSON, and HTML when asked), and
/// records the verdicts in the learner's progress.
fn grade_and_report(
    root: &Path,
    manifest: &Manifest,
    selection: &[(&Chapter, Vec<&Task>)],
    settings: Settings,
    cli: &Cli,
) -> Result<Report> {
    let dirs = match settings.subject {
        Subject::Exercises => "exercises/",
        Subject::Solutions => "solutions/",
        Subject::Starters => "the frozen starters (grader/starters/)",
    };
    eprintln!(
        "Grading {dirs} with seed {0} (rerun with --seed {0})",
        settings.seed
    );
    let display = progress::Display::new(selection.iter().map(|(_, t)| t.len()).sum());
    let mut tasks = Vec::new();
    for (chapter, chosen) in selection {
        let graded = grade::grade_chapter(
            root,
            chapter,
            chosen,
            settings,
            &manifest.allowed_dependencies,
            &mut |p| display.show(p),
        );
        tasks.extend(graded.inspect_err(|_| display.finish())?);
    }
    display.finish();
    // The learner's progress before this run: the checklist counts it for tasks not graded now.
    let saved = (settings.subject == Subject::Exercises).then(|| load_state(root));
    let report = Report {
        version: REPORT_VERSION,
        grader: env!("CARGO_PKG_VERSION").to_string(),
        seed: settings.seed,
        subject: settings.subject,
        mode: result::Mode::from_flag(settings.exact),
        passed: tasks.iter().all(|t| t.passed),
        checklist: checklist::assess(manifest, &tasks, saved.as_ref()),
        chapters: result::ChapterInfo::graded(manifest, &tasks),
        tasks,
    };
    if cli.json {
        println!("{}", report::json::render(&report));
    } else {
        let text = report::terminal::render(&report);
        let colour =
            report::terminal::colour_wanted(std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR"));
        print!(
            "{}",
            if colour {
                report::terminal::paint(&text)
            } else {
                text
            }
        );
    }
    if let Some(path) = &cli.report {
        std::fs::write(path, report::html::render(&report))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("HTML report written to {}", path.display());
    }
    write_ci_reports(&report, cli)?;
    if let Some(mut state) = saved {
        state.record(&report);
        state::save(root, &state)?;
    }
    Ok(report)
}

/// Writes the JUnit and Markdown reports when asked, and appends the Markdown to GitHub
/// Actions' job summary when `GITHUB_STEP_SUMMARY` names one.
fn write_ci_reports(report: &Report, cli: &Cli) -> Result<()> {
    if let Some(path) = &cli.junit {
        std::fs::write(path, report::junit::render(report))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("JUnit report written to {}", path.display());
    }
    let summary = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty());
    if cli.markdown.is_none() && summary.is_none() {
        return Ok(());
    }
    let markdown = report::markdown::render(report);
    if let Some(path) = &cli.markdown {
        std::fs::write(path, &markdown).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("Markdown report written to {}", path.display());
    }
    if let Some(path) = summary {
        let path = Path::new(&path);
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(format!("{markdown}\n").as_bytes()))
            .with_context(|| format!("appending the job summary to {}", path.display()))?;
    }
    Ok(())
}

/// Grades a chapter now and again after every save, saying what changed each time.
fn watch_chapter(
    root: &Path,
    manifest: &Manifest,
    chapter: &Chapter,
    settings: Settings,
    cli: &Cli,
    poll: bool,
) -> Result<()> {
    let dir = root.join(settings.subject.dir(&chapter.name));
    let watcher = watch::ChapterWatch::new(&dir, poll)?;
    let selection = grade::select(manifest, std::slice::from_ref(&chapter.name))?;
    loop {
        let before = load_state(root);
        let report = grade_and_report(root, manifest, &selection, settings, cli)?;
        println!("\nSince the last verdict:");
        for line in watch::changes(&before, &report) {
            println!("  {line}");
        }
        eprintln!(
            "\nWatching {} for saved changes (Ctrl-C to stop)…",
            settings.subject.dir(&chapter.name)
        );
        let changed = watcher.next_change()?;
        let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
        eprintln!("Changed: {}. Re-grading {}…\n", names.join(", "), chapter.name);
    }
}

/// Asks before resetting (unless `yes`), then resets and says where the backup is.
fn reset_chapter(root: &Path, manifest: &Manifest, chapter: &str, yes: bool) -> Result<bool> {
    if manifest.chapter(chapter).is_none() {
        bail!("no chapter named {chapter:?}");
    }
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!("resetting exercises/{chapter} needs a confirmation: run it in a terminal, or add --yes");
        }
        print!(
            "Put the starter code back in exercises/{chapter}? Your version is backed up first under {}/backups/. [y/N] ",
            state::STATE_DIR
        );
        std::io::stdout().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            println!("Nothing changed.");
            return Ok(false);
        }
    }
    let outcome = reset::reset(root, chapter, std::time::SystemTime::now())?;
    let count = outcome.restored.len();
    println!(
        "Reset exercises/{chapter} to the starter: {count} file{} restored.",
        if count == 1 { "" } else { "s" }
    );
    if !outcome.removed.is_empty() {
        let removed: Vec<String> = outcome.removed.iter().map(|p| p.display().to_string()).collect();
        println!("Files you had added, now removed: {}.", removed.join(", "));
    }
    println!("Tests, benchmarks and examples were left as they are.");
    println!("Your version is kept in {}", outcome.backup.display());
    Ok(true)
}

/// Shows a task's reference code once the task has passed, or when forced.
fn show_solution(root: &Path, chapter: &Chapter, task: &Task, force: bool) -> Result<bool> {
    let id = chapter.task_id(task);
    if !force && !load_state(root).passed_ever(&id) {
        println!(
            "{id} has not passed yet, so its solution stays hidden: working it out is the exercise.\n\
             Grade it with `cargo run -p grader -- {id}`, ask for a hint with `cargo run -p grader -- hint {id}`,\n\
             or, if you really want to see it now, add --force."
        );
        return Ok(false);
    }
    print!("{}", solution::render(root, &chapter.name, &id, &task.solution)?);
    Ok(true)
}
