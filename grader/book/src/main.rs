//! `cargo run -p book`: builds the workbook's book into `target/book` and checks it.

use anyhow::{Context, Result};
use clap::Parser;
use std::path::Path;
use std::process::{Command, ExitCode};

/// Builds the Rust Performance Workbook (the mdBook in `book/`) into `target/book`, checks its
/// includes and links, and prints the address of its first page.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Also open the book in the default web browser.
    #[arg(long)]
    open: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<ExitCode> {
    let book_dir = book::workspace_book_dir();
    let out_dir = book::configured_out_dir(&book_dir)?;
    // The sources first, so that a missing file is reported with its line even when it also
    // stops the build.
    let mut problems = book::check_sources(&book_dir)?;
    for problem in &problems {
        eprintln!("{problem}");
    }
    book::build(&book_dir, &out_dir)?;
    let output_problems = book::check_output(&out_dir)?;
    for problem in &output_problems {
        eprintln!("{problem}");
    }
    problems.extend(output_problems);
    let url = book::file_url(&out_dir.join("index.html").canonicalize()?);
    println!("Built the book: {url}");
    if !problems.is_empty() {
        eprintln!("error: {} problem(s) in the book", problems.len());
        return Ok(ExitCode::FAILURE);
    }
    if args.open {
        if let Err(error) = open_in_browser(&url) {
            eprintln!("Could not open a browser ({error:#}): open the address above yourself.");
            return Ok(ExitCode::FAILURE);
        }
    } else {
        println!("Open it in a browser, or run `cargo run -p book -- --open`.");
    }
    Ok(ExitCode::SUCCESS)
}

/// Hands `url` to the platform's opener: `open` on macOS, `start` on Windows, `xdg-open`
/// elsewhere.
fn open_in_browser(url: &str) -> Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        let mut command = Command::new("cmd");
        // `start`'s first quoted argument is a window title.
        command.args(["/C", "start", ""]);
        command
    } else {
        Command::new("xdg-open")
    };
    let program = Path::new(command.get_program()).display().to_string();
    let status = command
        .arg(url)
        .status()
        .with_context(|| format!("cannot run `{program}`"))?;
    anyhow::ensure!(status.success(), "`{program}` exited with {status}");
    Ok(())
}
