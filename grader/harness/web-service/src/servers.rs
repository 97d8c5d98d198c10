//! The harness's side of a server child: start it on its own copy of the database, wait until
//! it answers, pause it while the other server is measured, read its peak memory, and always
//! stop it (on drop, and through the parent-death signal if the harness itself is killed).

use crate::client::{Call, send_once};
use crate::server::{PORT_LINE, ServerHandover, Side};
use grader_kit::service::{self, Signal};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

/// How long a server may take to print its port (before any learner code runs).
const PORT_WAIT: Duration = Duration::from_secs(10);

/// How long a server may take from its port to its first answer to `GET /health` (its own
/// start-up: opening the database, building indexes, warming caches), unless told otherwise.
pub const READY_WAIT: Duration = Duration::from_secs(30);

/// How long a paused server may take to stop every thread.
const STOP_WAIT: Duration = Duration::from_secs(2);

/// Bytes kept from the end of a server's output, for the report.
const KEPT_OUTPUT: usize = 8 * 1024;

/// How to start a server: this harness binary itself, with `serve`.
#[derive(Debug, Clone)]
pub struct Program {
    /// The executable.
    pub path: PathBuf,
    /// Arguments before the side (`serve`).
    pub args: Vec<String>,
}

/// Why a server could not be used, in words for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerFailure {
    /// Whose server.
    pub side: Side,
    /// The port it listened on (0 before it said).
    pub port: u16,
    /// What happened.
    pub what: String,
    /// The end of what it printed.
    pub output: String,
}

/// A running server child.
#[derive(Debug)]
pub struct Server {
    side: Side,
    child: Child,
    port: u16,
    output: Arc<Mutex<Vec<u8>>>,
}

impl Server {
    /// Starts a server for `side` on `database` (alone in its directory), and returns once it
    /// printed its port. Errors are the server's fault, except a program that cannot start.
    pub fn start(
        program: &Program,
        side: Side,
        database: &Path,
        memory_limit_bytes: u64,
    ) -> Result<Server, ServerFailure> {
        let directory = database.parent().unwrap_or(Path::new("."));
        let mut command = Command::new(&program.path);
        command
            .args(&program.args)
            .arg(side.arg())
            .current_dir(directory)
            // SQLite's temporary files go beside the database, where the sandbox allows files.
            .env("SQLITE_TMPDIR", directory)
            .env("TMPDIR", directory)
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let failure = |what: String, output: String| ServerFailure {
            side,
            port: 0,
            what,
            output,
        };
        let mut child = command
            .spawn()
            .map_err(|e| failure(format!("could not be started: {e}"), String::new()))?;
        let output = Arc::new(Mutex::new(Vec::new()));
        if let Some(stderr) = child.stderr.take() {
            keep_tail(stderr, Arc::clone(&output));
        }
        let handover = ServerHandover {
            database: database.to_path_buf(),
            memory_limit_bytes,
        };
        if let Some(mut stdin) = child.stdin.take() {
            let json = serde_json::to_vec(&handover).unwrap_or_default();
            // A child that died at once closed the pipe: its exit says more than this error.
            let _ = stdin.write_all(&json);
        }
        let stdout = child.stdout.take();
        let mut server = Server {
            side,
            child,
            port: 0,
            output,
        };
        match read_port(stdout, Arc::clone(&server.output)) {
            Some(port) => {
                server.port = port;
                Ok(server)
            }
            None => Err(server.failure("never said which port it listens on".into())),
        }
    }

    /// Waits until the server answers `GET /health` with 200, for at most `limit`.
    pub async fn wait_ready(&mut self, limit: Duration) -> Result<(), ServerFailure> {
        let started = Instant::now();
        let probe = Call::get("/health");
        loop {
            if let Some(status) = self.exited() {
                return Err(self.failure(format!("exited before it was ready ({})", describe(status))));
            }
            match send_once(self.port, &probe, Duration::from_secs(2)).await {
                Ok(reply) if reply.status == 200 => return Ok(()),
                Ok(reply) if started.elapsed() > limit => {
                    return Err(self.failure(format!("answered GET /health with {}", reply.status)));
                }
                _ if started.elapsed() > limit => {
                    return Err(self.failure(format!(
                        "did not answer GET /health within {:.0} s of starting",
                        limit.as_secs_f64()
                    )));
                }
                _ => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    /// The port it listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Pauses every thread of the server (SIGSTOP), so it uses no CPU while the other server
    /// is measured, and waits until they are all stopped.
    pub fn pause(&mut self) -> Result<(), ServerFailure> {
        service::send(self.pid(), Signal::Stop)
            .map_err(|e| self.failure(format!("could not be paused: {e}")))?;
        if !service::wait_stopped(self.pid(), STOP_WAIT) {
            return Err(self.failure("did not stop when paused".into()));
        }
        Ok(())
    }

    /// Resumes a paused server.
    pub fn resume(&mut self) -> Result<(), ServerFailure> {
        service::send(self.pid(), Signal::Continue)
            .map_err(|e| self.failure(format!("could not be resumed: {e}")))
    }

    /// The exit status, if the server has ended.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// The peak resident memory the kernel recorded for the server, in bytes.
    pub fn peak_resident(&self) -> Option<u64> {
        service::peak_resident(self.pid())
    }

    /// A failure of this server, with what it printed (and how it ended, if it did).
    pub fn failure(&mut self, what: String) -> ServerFailure {
        let what = match self.exited() {
            Some(status) if !what.contains("exited") => format!("{what}; it exited ({})", describe(status)),
            _ => what,
        };
        ServerFailure {
            side: self.side,
            port: self.port,
            what,
            output: self.output_tail(),
        }
    }

    /// The end of what the server printed.
    pub fn output_tail(&self) -> String {
        let output = self.output.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&output).into_owned()
    }

    /// Stops the server for good and waits for it.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// How a process ended, in words.
pub fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return format!("killed by signal {signal}");
    }
    match status.code() {
        Some(code) => format!("exit status {code}"),
        None => "no exit status".into(),
    }
}

/// Reads the server's first line (its port) within [`PORT_WAIT`], then keeps draining its
/// standard output into `output` so that a chatty server never blocks on a full pipe.
fn read_port(stdout: Option<ChildStdout>, output: Arc<Mutex<Vec<u8>>>) -> Option<u16> {
    let stdout = stdout?;
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut first = String::new();
        let read = reader.by_ref().take(256).read_line(&mut first);
        let _ = sender.send(read.ok().map(|_| first));
        drain(reader, &output);
    });
    let line = receiver.recv_timeout(PORT_WAIT).ok()??;
    line.trim_end().strip_prefix(PORT_LINE)?.trim().parse().ok()
}

/// Keeps the last [`KEPT_OUTPUT`] bytes of a pipe in `output`, on a thread of its own.
fn keep_tail(pipe: impl Read + Send + 'static, output: Arc<Mutex<Vec<u8>>>) {
    thread::spawn(move || drain(pipe, &output));
}

fn drain(mut pipe: impl Read, output: &Mutex<Vec<u8>>) {
    let mut buffer = [0u8; 8192];
    while let Ok(read) = pipe.read(&mut buffer) {
        if read == 0 {
            break;
        }
        let mut kept = output.lock().unwrap_or_else(|e| e.into_inner());
        kept.extend_from_slice(&buffer[..read]);
        if kept.len() > 2 * KEPT_OUTPUT {
            let cut = kept.len() - KEPT_OUTPUT;
            kept.drain(..cut);
        }
    }
}
