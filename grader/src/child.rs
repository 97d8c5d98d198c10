//! Runs one task in a harness child process, under a time limit and a memory limit, and says
//! in plain words how it ended. The child gets its request and a fresh signing key on its
//! standard input and answers with one signed line on its standard output (see
//! [`grader_kit::sign`]); nothing else it prints is taken for an answer, and what learner code
//! printed is kept for the report.

use anyhow::{Context, Result, bail};
use grader_kit::protocol::{Handover, Request, Response};
use grader_kit::sign::{self, KEY_BYTES, MARKER, Signed};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// Bytes kept from the end of the child's stderr (and stdout), for the report.
const KEPT_OUTPUT: usize = 16 * 1024;

/// The longest response line read; anything longer is not the harness's.
const MAX_RESPONSE_LINE: usize = 16 << 20;

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
    /// It wrote its signed response; `printed` is what learner code printed besides.
    Responded { response: Response, printed: String },
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
    /// Learner code interfered with the grading: a forged response, a harness that could not
    /// answer, or what the harness itself caught (threads left busy, hidden memory).
    Interfered { reason: String, printed: String },
}

/// How a harness is started under a tool that watches it (valgrind, in exact mode).
pub struct Wrapper {
    /// The tool to start.
    pub program: OsString,
    /// The tool's arguments, before the harness's path.
    pub args: Vec<OsString>,
    /// The harness's path as the tool is given it.
    pub harness: PathBuf,
    /// The working directory.
    pub dir: PathBuf,
    /// Environment variables set for it.
    pub env: Vec<(OsString, OsString)>,
    /// Runs in the child between `fork` and `exec` (confinement, descriptors).
    pub pre_exec: Box<dyn FnMut() -> std::io::Result<()> + Send + Sync>,
}

/// Runs `binary run` in a fresh temporary directory, with the handover on its stdin.
/// `Err` means the grader could not run the harness, not that the learner's code failed.
pub fn run(binary: &Path, request: &Request, limits: Limits, scratch: bool) -> Result<Ending> {
    run_wrapped(binary, request, limits, scratch, None)
}

/// As [`run`], under `wrapper` when there is one.
pub fn run_wrapped(
    binary: &Path,
    request: &Request,
    limits: Limits,
    scratch: bool,
    wrapper: Option<Wrapper>,
) -> Result<Ending> {
    let dir = tempfile::Builder::new().prefix("workbook-task-").tempdir()?;
    let scratch_dir = dir.path().join("scratch");
    std::fs::create_dir(&scratch_dir)?;
    let mut key = [0u8; KEY_BYTES];
    getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("no randomness for the signing key: {e}"))?;
    let handover = Handover {
        request: request.clone(),
        key: sign::to_hex(&key),
        memory_limit_bytes: limits.memory_bytes,
        scratch: scratch.then(|| scratch_dir.to_string_lossy().into_owned()),
    };
    let mut command = match wrapper {
        None => {
            let mut command = Command::new(binary);
            command.current_dir(dir.path());
            command
        }
        Some(wrapper) => {
            let mut command = Command::new(&wrapper.program);
            command
                .args(&wrapper.args)
                .arg(&wrapper.harness)
                .current_dir(&wrapper.dir)
                .envs(wrapper.env);
            #[cfg(unix)]
            // SAFETY: the closure only makes system calls on memory prepared before the fork.
            #[allow(unsafe_code)]
            unsafe {
                std::os::unix::process::CommandExt::pre_exec(&mut command, wrapper.pre_exec);
            }
            command
        }
    };
    command
        .arg("run")
        // Criterion, when a task runs the learner's benchmark, writes its estimates here.
        .env("CRITERION_HOME", scratch_dir.join("criterion"))
        // A backtrace would show the harness's frames, not the learner's problem.
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Every harness looks the same from inside: which binary it is is none of its business.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::arg0(&mut command, "harness");
    let mut child = command
        .spawn()
        .with_context(|| format!("starting {}", binary.display()))?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    if let Some(mut stdin) = child.stdin.take() {
        // A child that dies at once closes the pipe: its exit says more than this error.
        let _ = stdin.write_all(&serde_json::to_vec(&handover)?);
    }
    let status = wait(&mut child, limits.time)?;
    let (stdout, stderr) = (join(stdout), join(stderr));
    let Some(status) = status else {
        return Ok(Ending::TimedOut);
    };
    let printed = format!("{}{}", stdout.text, stderr.text);
    match stdout
        .response
        .as_deref()
        .map(|line| sign::check_line(&key, line))
    {
        Some(Signed::Valid(json)) => {
            let response: Response =
                serde_json::from_str(&json).context("the harness signed an unreadable response")?;
            match response {
                Response::Error { message } => bail!("the harness could not grade the task: {message}"),
                Response::Interfered { message } => Ok(Ending::Interfered {
                    reason: message,
                    printed,
                }),
                response => Ok(Ending::Responded { response, printed }),
            }
        }
        Some(Signed::Forged) => Ok(Ending::Interfered {
            reason: "a line that imitates the harness's answer was printed, without the harness's signature"
                .into(),
            printed,
        }),
        Some(Signed::Missing) | None => classify(status, stdout.text, stderr.text),
    }
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
    if status.success() {
        return Ok(Ending::Interfered {
            reason: "the process ended normally, but the harness never gave its answer".into(),
            printed: format!("{stdout}{stderr}"),
        });
    }
    if status.code() == Some(2) && stderr.contains("harness error:") {
        // Only the harness's own errors before the handover are unsigned; learner code can
        // print the same words, so this is the task's failure, never the grader's.
        return Ok(Ending::Interfered {
            reason: format!("the harness stopped without a signed answer: {}", tail(&stderr)),
            printed: stdout,
        });
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

/// What a child printed on one stream.
#[derive(Debug, Default)]
struct Drained {
    /// The last [`KEPT_OUTPUT`] bytes, response lines left out.
    text: String,
    /// The last line that starts with [`MARKER`], without its newline.
    response: Option<String>,
}

/// Reads a pipe to its end on a thread, keeping the last response line and the last
/// [`KEPT_OUTPUT`] bytes of everything else, so a child that prints without end neither blocks
/// on a full pipe nor fills the grader's memory, nor pushes the response out of view.
fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<Drained> {
    thread::spawn(move || {
        let mut drained = Drained::default();
        let Some(mut pipe) = pipe else {
            return drained;
        };
        let (mut kept, mut line) = (Vec::new(), Vec::new());
        let mut buffer = [0u8; 8192];
        let end_line = |line: &mut Vec<u8>, kept: &mut Vec<u8>, response: &mut Option<String>| {
            if line.starts_with(MARKER.as_bytes()) && line.len() <= MAX_RESPONSE_LINE {
                let text = String::from_utf8_lossy(line);
                *response = Some(text.trim_end_matches(['\n', '\r']).to_string());
            } else {
                kept.extend_from_slice(line);
                if kept.len() > 2 * KEPT_OUTPUT {
                    kept.drain(..kept.len() - KEPT_OUTPUT);
                }
            }
            line.clear();
        };
        while let Ok(read) = pipe.read(&mut buffer) {
            if read == 0 {
                break;
            }
            for &byte in &buffer[..read] {
                line.push(byte);
                if byte == b'\n' {
                    end_line(&mut line, &mut kept, &mut drained.response);
                } else if line.len() > MAX_RESPONSE_LINE {
                    // Too long for an answer: ordinary output.
                    end_line(&mut line, &mut kept, &mut None);
                }
            }
        }
        end_line(&mut line, &mut kept, &mut drained.response);
        let start = kept.len().saturating_sub(KEPT_OUTPUT);
        drained.text = String::from_utf8_lossy(&kept[start..]).into_owned();
        drained
    })
}

fn join(handle: JoinHandle<Drained>) -> Drained {
    handle.join().unwrap_or_default()
}

/// The last lines of a process's output.
pub fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    lines[lines.len().saturating_sub(12)..].join("\n")
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
            Ending::Interfered { .. }
        ));
        let (status, _) = status_of("exit 3");
        assert!(matches!(
            classify(status, "hi".into(), String::new()).unwrap(),
            Ending::ExitedEarly { code: Some(3), .. }
        ));

        let (status, stderr) = status_of("echo 'harness error: bad request' >&2; exit 2");
        assert!(matches!(
            classify(status, String::new(), stderr).unwrap(),
            Ending::Interfered { .. }
        ));
    }

    #[test]
    fn a_flood_of_output_keeps_only_the_tail() {
        let text: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("{i}\n").into_bytes())
            .collect();
        let kept = join(drain(Some(std::io::Cursor::new(text)))).text;
        assert!(kept.len() <= KEPT_OUTPUT);
        assert!(kept.ends_with("199999\n"));
    }

    #[test]
    fn the_response_line_survives_a_flood_after_it() {
        let mut text = format!("before\n{MARKER} tag {{}}\n").into_bytes();
        text.extend((0..100_000u32).flat_map(|i| format!("{i}\n").into_bytes()));
        text.extend(format!("{MARKER} partial").into_bytes());
        let drained = join(drain(Some(std::io::Cursor::new(text))));
        assert_eq!(drained.response.as_deref(), Some(&*format!("{MARKER} partial")));
        assert!(!drained.text.contains(MARKER));
    }

    #[test]
    fn signals_have_names() {
        assert!(signal_name(11).starts_with("SIGSEGV"));
        assert_eq!(signal_name(99), "a signal");
    }
}
