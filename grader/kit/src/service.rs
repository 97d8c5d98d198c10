//! What the grader needs to run a learner's server as a child process and to judge it: the
//! resident-memory threshold (a pure function the grader recomputes), signals to pause and
//! resume a server, the parent-death signal that stops a server when its harness dies, and the
//! kernel's figure for a process's peak resident memory.

use std::io;

/// The largest peak resident memory that passes: `ratio` of the starter's peak, in bytes.
pub fn resident_threshold(starter_bytes: u64, ratio: f64) -> u64 {
    (starter_bytes as f64 * ratio).floor() as u64
}

/// The peak resident memory (`VmHWM`) of process `pid`, in bytes, where the kernel tells.
pub fn peak_resident(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    vm_field(&status, "VmHWM:")
}

/// A `Vm…:` line of `/proc/<pid>/status`, in bytes (the kernel writes kB).
pub fn vm_field(status: &str, field: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// A signal the harness sends to a server it started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Pause every thread of the process (it cannot catch or ignore this).
    Stop,
    /// Resume a paused process.
    Continue,
    /// End the process at once.
    Kill,
}

/// Sends `signal` to process `pid`.
pub fn send(pid: u32, signal: Signal) -> io::Result<()> {
    imp::send(pid, signal)
}

/// Waits until every thread of process `pid` is stopped (a signal is delivered when each
/// thread is next scheduled), for at most `limit`. False when one still runs.
pub fn wait_stopped(pid: u32, limit: std::time::Duration) -> bool {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if all_threads_stopped(pid) {
            return true;
        }
        if std::time::Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
}

/// Whether every thread of `pid` is in the stopped state (`T`), or the process is gone.
fn all_threads_stopped(pid: u32) -> bool {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return true;
    };
    tasks.flatten().all(|task| {
        std::fs::read_to_string(task.path().join("stat")).map_or(true, |stat| {
            let state = stat
                .rsplit(')')
                .next()
                .and_then(|rest| rest.split_whitespace().next());
            matches!(state, Some("T" | "t" | "Z" | "X"))
        })
    })
}

/// Asks the kernel to kill the calling process when the thread that started it ends, and
/// fails when that parent is already gone: a server never outlives the harness that watches it
/// (not even when the grader is killed). Call first thing in a child's `main`.
pub fn die_with_parent() -> io::Result<()> {
    imp::die_with_parent()
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
mod imp {
    use super::Signal;
    use std::io;

    pub fn send(pid: u32, signal: Signal) -> io::Result<()> {
        let number = match signal {
            Signal::Stop => libc::SIGSTOP,
            Signal::Continue => libc::SIGCONT,
            Signal::Kill => libc::SIGKILL,
        };
        let pid = libc::pid_t::try_from(pid).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
        // SAFETY: kill(2) takes plain integers and touches no memory of ours.
        if unsafe { libc::kill(pid, number) } == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    pub fn die_with_parent() -> io::Result<()> {
        // SAFETY: prctl(PR_SET_PDEATHSIG) takes integers only; getppid cannot fail.
        let set = unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0) };
        if set != 0 {
            return Err(io::Error::last_os_error());
        }
        // The parent may have died before the request above: then nobody would ever send it.
        if unsafe { libc::getppid() } == 1 {
            return Err(io::Error::other("the harness that started this server is gone"));
        }
        Ok(())
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::Signal;
    use std::io;

    pub fn send(pid: u32, signal: Signal) -> io::Result<()> {
        let name = match signal {
            Signal::Stop => "-STOP",
            Signal::Continue => "-CONT",
            Signal::Kill => "-KILL",
        };
        let status = std::process::Command::new("kill")
            .args([name, &pid.to_string()])
            .status()?;
        if status.success() {
            Ok(())
        } else {
            Err(io::Error::other("kill failed"))
        }
    }

    pub fn die_with_parent() -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_round_down() {
        assert_eq!(resident_threshold(1000, 0.5), 500);
        assert_eq!(resident_threshold(999, 0.5), 499);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_paused_child_resumes_and_a_killed_one_ends() {
        let mut child = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        send(child.id(), Signal::Stop).unwrap();
        assert!(wait_stopped(child.id(), std::time::Duration::from_secs(5)));
        send(child.id(), Signal::Continue).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!all_threads_stopped(child.id()));
        assert!(peak_resident(child.id()).unwrap() > 0);
        send(child.id(), Signal::Kill).unwrap();
        assert!(!child.wait().unwrap().success());
    }
}
