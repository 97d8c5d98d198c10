//! CPU clocks of the harness process: how much CPU the calling thread used, and how much the
//! whole process used, so a timed batch can tell whether other threads were busy during it.

use std::time::Duration;

/// CPU time used by the calling thread.
pub fn thread_cpu() -> Duration {
    imp::cpu(imp::THREAD)
}

/// CPU time used by every thread of the process.
pub fn process_cpu() -> Duration {
    imp::cpu(imp::PROCESS)
}

/// CPU time (user and system) used by every child process that has ended and been waited for.
pub fn children_cpu() -> Duration {
    imp::children()
}

/// Both clocks at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CpuStamp {
    thread: Duration,
    process: Duration,
}

impl CpuStamp {
    /// Now.
    pub fn now() -> Self {
        CpuStamp {
            thread: thread_cpu(),
            process: process_cpu(),
        }
    }

    /// CPU time that threads other than the calling one used since `self`.
    pub fn others_since(&self) -> Duration {
        let now = CpuStamp::now();
        let process = now.process.saturating_sub(self.process);
        process.saturating_sub(now.thread.saturating_sub(self.thread))
    }
}

#[cfg(unix)]
#[allow(unsafe_code)]
mod imp {
    use std::time::Duration;

    pub const THREAD: libc::clockid_t = libc::CLOCK_THREAD_CPUTIME_ID;
    pub const PROCESS: libc::clockid_t = libc::CLOCK_PROCESS_CPUTIME_ID;

    pub fn cpu(clock: libc::clockid_t) -> Duration {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec; the clock ids are constants the kernel knows.
        let ok = unsafe { libc::clock_gettime(clock, &mut ts) } == 0;
        if !ok {
            return Duration::ZERO;
        }
        Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
    }

    pub fn children() -> Duration {
        // SAFETY: an all-zero rusage is a valid value of the plain C struct.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `usage` is a valid, writable rusage; RUSAGE_CHILDREN is a constant the kernel knows.
        if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } != 0 {
            return Duration::ZERO;
        }
        let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1_000);
        time(usage.ru_utime) + time(usage.ru_stime)
    }
}

#[cfg(not(unix))]
mod imp {
    use std::time::Duration;

    pub const THREAD: i32 = 0;
    pub const PROCESS: i32 = 1;

    /// No CPU clocks: every batch looks undisturbed.
    pub fn cpu(_: i32) -> Duration {
        Duration::ZERO
    }

    /// No children's clock.
    pub fn children() -> Duration {
        Duration::ZERO
    }
}
