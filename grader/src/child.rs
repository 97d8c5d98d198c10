//! Runs one task in a harness child process, under a time limit and a memory limit, and says
//! in plain words how it ended. Nothing the learner's code prints reaches the grader's output.

use anyhow::{Context, Result, bail};
use grader_kit::protocol::{Request, Response};
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Bytes kept from the end of the child's stderr (and stdout), for the report.
const KEPT_OUTPUT: usize = 16 * 1024;

/// How often the grader looks whether the child has finished.
const POLL: Duration = Duration::from_millis(10);

/// Limits for one task's process.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Wall-clock time.
    pub time: Duration,
    /// Heap and other private writable memory, in bytes.
    pub memory_bytes: u64,
}

/// How the child ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Ending {
    /// It wrote its response.
    Responded(Response),
    /// It ran past the time limit and was stopped.
    TimedOut,
    /// An allocation failed at the memory limit.
    OutOfMemory { stderr: String },
    /// The main thread overflowed its stack.
    StackOverflow { stderr: String },
    /// It was killed by a signal (abort, segmentation fault …).
    Signalled { signal: i32, stderr: String },
    /// It exited without a response (`std::process::exit` in learner code, say).
    ExitedEarly {
        code: Option<i32>,
        stdout: String,
        stderr: String,
    },
}

/// Runs `binary run REQUEST RESPONSE LIMIT` in a fresh temporary directory.
/// `Err` means the grader could not run the harness, not that the learner's code failed.
pub fn run(binary: &Path, request: &Request, limits: Limits) -> Result<Ending> {
    let dir = tempfile::Builder::new().prefix("workbook-task-").tempdir()?;
    let request_path = dir.path().join("request.json");
    let response_path = dir.path().join("response.json");
    std::fs::write(&request_path, serde_json::to_vec(request)?)?;
    let mut child = Command::new(binary)
        .arg("run")
        .arg(&request_path)
        .arg(&response_path)
        .arg(limits.memory_bytes.to_string())
        .current_dir(dir.path())
        // Criterion, when a task runs the learner's benchmark, writes its estimates here.
        .env("CRITERION_HOME", dir.path().join("criterion"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait(&mut child, limits.time)?;
    let (stdout, stderr) = (join(stdout), join(stderr));
    let Some(status) = status else {
        return Ok(Ending::TimedOut);
    };

    if let Ok(text) = std::fs::read_to_string(&response_path) {
        let response = serde_json::from_str(&text).context("the harness wrote an unreadable response")?;
        if let Response::Error { message } = response {
            bail!("the harness could not grade the task: {message}");
        }
        return Ok(Ending::Responded(response));
    }
    classify(status, stdout, stderr)
}

/// Waits until the child exits (`Some`) or the limit passes (`None`, the child killed).
fn wait(child: &mut Child, limit: Duration) -> Result<Option<ExitStatus>> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            child.kill()?;
            child.wait()?;
            return Ok(None);
        }
        thread::sleep(POLL);
    }
}

fn classify(status: ExitStatus, stdout: String, stderr: String) -> Result<Ending> {
    if stderr.contains("memory allocation of") {
        return Ok(Ending::OutOfMemory { stderr });
    }
    if stderr.contains("has overflowed its stack") {
        return Ok(Ending::StackOverflow { stderr });
    }
    if let Some(signal) = signal_of(status) {
        return Ok(Ending::Signalled { signal, stderr });
    }
    if status.code() == Some(2) && stderr.contains("harness error:") {
        bail!("the harness failed: {}", stderr.trim());
    }
    Ok(Ending::ExitedEarly {
        code: status.code(),
        stdout,
        stderr,
    })
}

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    std::os::unix::process::ExitStatusExt::signal(&status)
}

#[cfg(not(unix))]
fn signal_of(_: ExitStatus) -> Option<i32> {
    None
}

/// The conventional name of a signal number.
pub fn signal_name(signal: i32) -> &'static str {
    match signal {
        4 => "SIGILL (illegal instruction)",
        6 => "SIGABRT (abort)",
        7 => "SIGBUS (bus error)",
        8 => "SIGFPE (arithmetic error)",
        9 => "SIGKILL (killed)",
        11 => "SIGSEGV (segmentation fault)",
        15 => "SIGTERM (terminated)",
        _ => "a signal",
    }
}

/// Reads a pipe to its end on a thread, keeping only the last [`KEPT_OUTPUT`] bytes, so a
/// child that prints without end neither blocks on a full pipe nor fills the grader's memory.
fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<String> {
    thread::spawn(move || {
        let Some(mut pipe) = pipe else {
            return String::new();
        };
        let mut kept = Vec::new();
        let mut buffer = [0u8; 8192];
        while let Ok(read) = pipe.read(&mut buffer) {
            if read == 0 {
                break;
            }
            kept.extend_from_slice(&buffer[..read]);
            if kept.len() > 2 * KEPT_OUTPUT {
                kept.drain(..kept.len() - KEPT_OUTPUT);
            }
        }
        let start = kept.len().saturating_sub(KEPT_OUTPUT);
        String::from_utf8_lossy(&kept[start..]).into_owned()
    })
}

fn join(handle: JoinHandle<String>) -> String {
    handle.join().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn status_of(script: &str) -> (ExitStatus, String) {
        let out = Command::new("sh").args(["-c", script]).output().unwrap();
        (out.status, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    #[cfg(unix)]
    #[test]
    fn endings_are_classified_from_status_and_stderr() {
        let (status, _) = status_of("kill -SEGV $$");
        assert!(matches!(
            classify(status, String::new(), String::new()).unwrap(),
            Ending::Signalled { signal: 11, .. }
        ));

        let (status, stderr) = status_of("echo 'memory allocation of 8 bytes failed' >&2; kill -ABRT $$");
        assert!(matches!(
            classify(status, String::new(), stderr).unwrap(),
            Ending::OutOfMemory { .. }
        ));

        let (status, stderr) =
            status_of("echo \"thread 'main' has overflowed its stack\" >&2; kill -ABRT $$");
        assert!(matches!(
            classify(status, String::new(), stderr).unwrap(),
            Ending::StackOverflow { .. }
        ));

        let (status, _) = status_of("exit 0");
        assert!(matches!(
            classify(status, "hi".into(), String::new()).unwrap(),
            Ending::ExitedEarly { code: Some(0), .. }
        ));

        let (status, stderr) = status_of("echo 'harness error: bad request' >&2; exit 2");
        assert!(classify(status, String::new(), stderr).is_err());
    }

    #[test]
    fn a_flood_of_output_keeps_only_the_tail() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("{i}\n").into_bytes())
            .collect();
        let kept = join(drain(Some(std::io::Cursor::new(text))));
        assert!(kept.len() <= KEPT_OUTPUT);
        assert!(kept.ends_with("199999\n"));
    }

    #[test]
    fn signals_have_names() {
        assert!(signal_name(11).starts_with("SIGSEGV"));
        assert_eq!(signal_name(99), "a signal");
    }
}
