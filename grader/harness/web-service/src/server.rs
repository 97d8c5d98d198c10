//! The server child: `<harness> serve starter|subject`, started by the `under-load` task.
//!
//! Before any learner code runs it reads its handover from standard input, arranges to die
//! with its parent, caps its memory, binds 127.0.0.1 on a port the OS chooses, prints that port
//! on its first line, and confines itself: files only beneath its own database's directory, no
//! new sockets, processes, signals or tracing (see [`grader_kit::sandbox`]). Only then does it
//! call the subject's (or the frozen starter's) `run`.

use crate::Api;
use grader_kit::sandbox::{self, Files};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;

/// The first word of a server's first line, before its port.
pub const PORT_LINE: &str = "web-service-harness listening on port";

/// Which crate a server runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The frozen starter: the yardstick.
    Starter,
    /// The code being graded.
    Subject,
}

impl Side {
    /// The word on the command line.
    pub fn arg(self) -> &'static str {
        match self {
            Side::Starter => "starter",
            Side::Subject => "subject",
        }
    }

    /// How a report names it.
    pub fn label(self) -> &'static str {
        match self {
            Side::Starter => "the starter's server",
            Side::Subject => "your server",
        }
    }
}

/// What a server child is given on its standard input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerHandover {
    /// The database file, alone in a directory of its own.
    pub database: PathBuf,
    /// RLIMIT_DATA for the server, in bytes.
    pub memory_limit_bytes: u64,
}

/// `serve starter|subject`: becomes a server, or exits 2 with a message before any learner
/// code ran.
pub fn main<Starter: Api, Subject: Api>(args: &[String]) -> ExitCode {
    let side = match args {
        [side] if side == "starter" => Side::Starter,
        [side] if side == "subject" => Side::Subject,
        _ => return refuse("usage: harness serve starter|subject (a handover on stdin)"),
    };
    let (listener, database) = match prepare() {
        Ok(ready) => ready,
        Err(message) => return refuse(&message),
    };
    let ended = match side {
        Side::Starter => Starter::run(listener, &database),
        Side::Subject => Subject::run(listener, &database),
    };
    match ended {
        Ok(()) => eprintln!("the server's `run` returned: it stopped serving"),
        Err(e) => eprintln!("the server's `run` returned an error: {e}"),
    }
    ExitCode::from(3)
}

/// Everything before learner code: handover, parent death, memory, socket, port line, sandbox.
fn prepare() -> Result<(TcpListener, PathBuf), String> {
    grader_kit::service::die_with_parent().map_err(|e| format!("parent-death signal: {e}"))?;
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("reading the handover: {e}"))?;
    let handover: ServerHandover = serde_json::from_str(&text).map_err(|e| format!("bad handover: {e}"))?;
    let directory = handover
        .database
        .parent()
        .ok_or("the database has no directory")?
        .to_path_buf();
    #[cfg(unix)]
    rlimit::setrlimit(
        rlimit::Resource::DATA,
        handover.memory_limit_bytes,
        handover.memory_limit_bytes,
    )
    .map_err(|e| format!("setrlimit: {e}"))?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| format!("bind: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{PORT_LINE} {port}")
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("writing the port: {e}"))?;
    drop(stdout);
    // The runtime's worker count comes from here; once confined, the cgroup files are closed.
    let _ = std::thread::available_parallelism();
    sandbox::confine(&Files::Beneath(directory))?;
    Ok((listener, handover.database))
}

fn refuse(message: &str) -> ExitCode {
    eprintln!("harness error: {message}");
    ExitCode::from(2)
}
