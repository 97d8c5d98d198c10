//! The `main` of every chapter harness (the child process that runs learner code).
//!
//! ```text
//! <harness> list              prints the task names as a JSON array
//! <harness> run               grades one task: a Handover on stdin, a signed Response on stdout
//! <harness> profile REQUEST   runs the task's code alone, for a profiler
//! ```
//!
//! `run` reads its whole standard input (the request, the memory limit and the signing key)
//! before any learner code runs, confines the process (see [`crate::sandbox`]), grades, and
//! prints the response as one signed line (see [`crate::sign`]). Whatever learner code prints
//! or writes cannot be taken for that line without the key.

use crate::protocol::{Handover, Request, Response};
use crate::sandbox::{self, Files};
use crate::task::Task;
use crate::{phase, procfs, sign};
use std::io::{Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

/// The last panic's message and location, recorded by the panic hook.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Kept at its old path: the phase now lives in [`crate::phase`].
pub use crate::phase::set_phase;

/// Runs the harness command line for a chapter's tasks.
pub fn main(tasks: &[&dyn Task]) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["list"] => list(tasks),
        ["run"] => run(tasks),
        ["profile", request] => profile(tasks, Path::new(request)),
        _ => Err("usage: harness list | run (a handover on stdin) | profile REQUEST".into()),
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

fn find<'t>(tasks: &[&'t dyn Task], name: &str) -> Result<&'t dyn Task, String> {
    tasks
        .iter()
        .find(|t| t.name() == name)
        .copied()
        .ok_or_else(|| format!("no task named {name:?} in this harness"))
}

fn profile(tasks: &[&dyn Task], request: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(request).map_err(|e| format!("{}: {e}", request.display()))?;
    let request: Request = serde_json::from_str(&text).map_err(|e| format!("bad request: {e}"))?;
    if find(tasks, &request.task)?.profile(&request) {
        Ok(())
    } else {
        Err(format!("task {} has no code to profile", request.task))
    }
}

fn run(tasks: &[&dyn Task]) -> Result<(), String> {
    // Everything the grader hands over is read before any learner code runs.
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("reading the handover: {e}"))?;
    let handover: Handover = serde_json::from_str(&text).map_err(|e| format!("bad handover: {e}"))?;
    drop(text);
    let key = sign::from_hex(&handover.key).ok_or("the handover's key is not hexadecimal")?;
    // From here on the grader can tell this harness's own errors from anything else: signed.
    let outcome = prepare(tasks, handover).map_or_else(
        |message| Response::Error { message },
        |(task, request)| grade(task, &request),
    );
    let json = serde_json::to_string(&outcome).map_err(|e| e.to_string())?;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(sign::response_line(&key, &json).as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("writing the response: {e}"))
}

/// Everything before the first line of learner code: the task, the limits, the sandbox.
fn prepare<'t>(tasks: &[&'t dyn Task], handover: Handover) -> Result<(&'t dyn Task, Request), String> {
    let request = handover.request;
    let task = find(tasks, &request.task)?;
    limit_memory(handover.memory_limit_bytes)?;
    // What the measurements need once files can no longer be opened.
    procfs::open_all();
    let _ = std::thread::available_parallelism();
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
    let files = handover
        .scratch
        .map_or(Files::None, |dir| Files::Beneath(PathBuf::from(dir)));
    if request.count.is_some() {
        // Counted under valgrind, which has no seccomp or Landlock of its own: the grader
        // confined the process from outside before valgrind started (see `crate::exact`).
        crate::exact::close_log();
    } else if task.runs_learner_code_in_process() {
        sandbox::confine(&files)?;
    }
    Ok((task, request))
}

fn grade(task: &dyn Task, request: &Request) -> Response {
    catch_unwind(AssertUnwindSafe(|| task.grade(request))).unwrap_or_else(|_| Response::Panicked {
        message: LAST_PANIC
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or_default(),
        during: phase::current(),
    })
}
