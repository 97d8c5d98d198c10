//! The capstone's tasks: `diagnosis` (the bottlenecks the learner names in `findings.toml`) and
//! `under-load` (the learner's server against the frozen starter's, each in a child process of
//! its own, driven over loopback by this harness's load generator).
//!
//! This one binary plays two parts. `run` is the load generator and judge: it runs no learner
//! code, so it is not confined, and it starts the servers by running itself as `serve starter`
//! and `serve subject` ([`server`]), which confine themselves before any learner code runs.

mod catalog;
mod client;
mod compare;
mod diagnosis;
mod figures;
mod load;
mod plan;
mod profiled;
mod server;
mod servers;
mod under_load;

pub use server::main as serve;
pub use servers::Program;
pub use under_load::UnderLoad;

use std::path::Path;
use std::process::ExitCode;

/// The system allocator, declared here so that a subject crate cannot declare one of its own.
#[global_allocator]
static ALLOC: std::alloc::System = std::alloc::System;

grader_kit::subject_api! {
    crate web_service_harness;
    /// The chapter's public API, exactly as the exercise declares it.
    pub trait Api {
        /// The crate's `findings.toml`.
        const FINDINGS: &'static str;
        /// See `web_service::run`.
        fn run(listener: std::net::TcpListener, database: &std::path::Path) -> std::io::Result<()>;
    }
}

forward_api!(Starter => web_service_starter);

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick: `serve`
/// makes this process a server; everything else is the kit's harness command line.
pub fn main<S: Api>() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["serve", ..] => return server::main::<Starter, S>(&args[1..]),
        // For `profile`: the database made in a process of its own, which no profiler watches.
        ["seed", path, seed] => {
            let seeded = seed
                .parse()
                .map_err(|e| format!("{e}"))
                .and_then(|seed| seed_with_starter(Path::new(path), seed));
            return match seeded {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("harness error: seeding: {e}");
                    ExitCode::from(2)
                }
            };
        }
        _ => {}
    }
    let program = match std::env::current_exe() {
        Ok(path) => Program {
            path,
            args: vec!["serve".into()],
        },
        Err(e) => {
            eprintln!("harness error: where is this harness? {e}");
            return ExitCode::from(2);
        }
    };
    grader_kit::harness::main(&[
        &diagnosis::Diagnosis::new(S::FINDINGS),
        &UnderLoad::new(program, seed_with_starter).profiling_with(S::run),
    ])
}

/// Seeds a database with the frozen starter's `seed::create`: every subject is graded on the
/// same data, whatever its own copy of the seeding does.
pub fn seed_with_starter(path: &Path, seed: u64) -> Result<(), String> {
    web_service_starter::seed::create(path, seed).map_err(|e| e.to_string())
}
