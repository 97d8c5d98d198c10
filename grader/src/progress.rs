//! What the grader is doing, on stderr: a spinner with a task counter on a terminal, plain
//! lines otherwise (CI logs keep every line; `--json` keeps stdout for the document alone).

use crate::grade::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// The progress display of one grading run.
#[derive(Debug)]
pub struct Display {
    bar: Option<ProgressBar>,
}

impl Display {
    /// A display for a run of `tasks` tasks: a spinner when stderr is a terminal.
    pub fn new(tasks: usize) -> Display {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(tasks as u64);
            let style = ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg} ({elapsed})")
                .expect("a valid template");
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Display { bar }
    }

    /// Shows what the grader started doing.
    pub fn show(&self, progress: Progress<'_>) {
        let text = match progress {
            Progress::Building(c) => format!("building {} in release mode…", c.name),
            Progress::Grading(c, t) => format!("grading {}/{}…", c.name, t.name),
        };
        match &self.bar {
            Some(bar) => {
                if let Progress::Grading(..) = progress {
                    bar.inc(1);
                }
                bar.set_message(text);
            }
            None => eprintln!("  {text}"),
        }
    }

    /// Removes the spinner before the report is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
