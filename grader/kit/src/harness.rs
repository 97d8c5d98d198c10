//! The `main` of every chapter harness (the child process that runs learner code).
//!
//! ```text
//! <harness> list                                   prints the task names as a JSON array
//! <harness> run REQUEST.json RESPONSE.json LIMIT   grades one task under a memory limit (bytes)
//! <harness> profile REQUEST.json                   runs the task's code alone, for a profiler
//! ```
//!
//! The answer goes to RESPONSE.json, never to stdout, so whatever the learner's code prints
//! cannot be mistaken for a result. A missing response file means the process died.

use crate::protocol::{Request, Response};
use crate::task::Task;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;

/// What the harness is doing, for the report when learner code panics.
static PHASE: Mutex<String> = Mutex::new(String::new());

/// The last panic's message and location, recorded by the panic hook.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Records what the harness is doing now.
pub fn set_phase(phase: String) {
    *PHASE.lock().unwrap_or_else(|e| e.into_inner()) = phase;
}

/// Runs the harness command line for a chapter's tasks.
pub fn main(tasks: &[&dyn Task]) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["list"] => list(tasks),
        ["run", request, response, limit] => run(tasks, Path::new(request), Path::new(response), limit),
        ["profile", request] => profile(tasks, Path::new(request)),
        _ => Err("usage: harness list | run REQUEST RESPONSE MEMORY_LIMIT_BYTES | profile REQUEST".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("harness error: {message}");
            ExitCode::from(2)
        }
    }
}

fn list(tasks: &[&dyn Task]) -> Result<(), String> {
    let names: Vec<&str> = tasks.iter().map(|t| t.name()).collect();
    println!("{}", serde_json::to_string(&names).map_err(|e| e.to_string())?);
    Ok(())
}

/// Caps the process's memory. RLIMIT_DATA counts heap and private writable mappings
/// (Linux ≥ 4.7), not the address space merely reserved by thread arenas, so threaded code is
/// not flagged falsely.
#[cfg(unix)]
fn limit_memory(bytes: u64) -> Result<(), String> {
    rlimit::setrlimit(rlimit::Resource::DATA, bytes, bytes).map_err(|e| format!("setrlimit: {e}"))
}

/// Elsewhere there is no such limit: only the time limit guards against a blow-up.
#[cfg(not(unix))]
fn limit_memory(_bytes: u64) -> Result<(), String> {
    Ok(())
}

/// Reads a request and finds its task.
fn load<'t>(tasks: &[&'t dyn Task], path: &Path) -> Result<(Request, &'t dyn Task), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let request: Request = serde_json::from_str(&text).map_err(|e| format!("bad request: {e}"))?;
    let task = *tasks
        .iter()
        .find(|t| t.name() == request.task)
        .ok_or_else(|| format!("no task named {:?} in this harness", request.task))?;
    Ok((request, task))
}

fn profile(tasks: &[&dyn Task], request: &Path) -> Result<(), String> {
    let (request, task) = load(tasks, request)?;
    if task.profile(&request) {
        Ok(())
    } else {
        Err(format!("task {} has no code to profile", request.task))
    }
}

fn run(tasks: &[&dyn Task], request: &Path, response: &Path, limit: &str) -> Result<(), String> {
    let limit: u64 = limit
        .parse()
        .map_err(|e| format!("bad memory limit {limit:?}: {e}"))?;
    limit_memory(limit)?;
    let (request, task) = load(tasks, request)?;

    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload_as_str()
            .unwrap_or("(a panic with a non-string payload)");
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("{message}{location}"));
    }));
    let outcome =
        catch_unwind(AssertUnwindSafe(|| task.grade(&request))).unwrap_or_else(|_| Response::Panicked {
            message: LAST_PANIC
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take()
                .unwrap_or_default(),
            during: PHASE.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        });
    let _ = std::panic::take_hook();

    let json = serde_json::to_string(&outcome).map_err(|e| e.to_string())?;
    let partial = response.with_extension("partial");
    std::fs::write(&partial, json).map_err(|e| format!("{}: {e}", partial.display()))?;
    std::fs::rename(&partial, response).map_err(|e| format!("{}: {e}", response.display()))
}
