//! Watching the machine while a parallel speed-up is measured: the parallelism it offers (a
//! probe pool of spinning threads, like rayon's), the CPU other processes use (`/proc/stat` on
//! Linux), and the spinners that keep the other cores awake between timed calls.

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Iterations of the probe's calibration spin (about two milliseconds).
const CALIBRATION_SPINS: u64 = 1_600_000;

/// The shortest probe spin per thread, in seconds, so thread wake-ups stay negligible.
const MIN_PROBE_SECONDS: f64 = 0.002;

/// How long [`KeepAwake::release`] waits, at most, for its spinners to stop and park (they
/// stop within microseconds on a machine that runs them; this bounds the wait on one that
/// does not).
const RELEASE_WAIT: Duration = Duration::from_millis(5);

/// How long the measuring thread sleeps before each timed call (see [`KeepAwake`]): long
/// enough for its core to count as one that idles (200 µs was not), short beside a round
/// (three per round, about 40 ms).
pub const SETTLE: Duration = Duration::from_millis(1);

/// Watches how much parallelism the machine offers while a measurement runs.
pub trait LoadWatch {
    /// Starts (or restarts) watching.
    fn start(&mut self);
    /// The parallel capacity right now, measured after each round (≈ cores when nothing
    /// competes), with a probe whose serial part lasts about `serial_seconds` (the starter's
    /// time in that round), so the other cores sit idle as long as they did before the subject
    /// ran: on a virtual machine, waking an idle virtual CPU can cost milliseconds.
    fn probe(&mut self, serial_seconds: f64) -> f64;
    /// The cores other processes left free since `start`, on average: `cores` where nothing
    /// counts them, `None` where the count failed.
    fn free_cores(&mut self, cores: usize) -> Option<f64>;
}

/// The real watch: a probe pool, and `/proc/stat` where there is one.
#[derive(Debug)]
pub struct MachineWatch {
    pool: Arc<ProbePool>,
    awake: Arc<KeepAwake>,
    accounting: Option<ProcStat>,
}

impl MachineWatch {
    /// A watch with a probe pool of `threads` threads.
    pub fn new(threads: usize) -> MachineWatch {
        MachineWatch {
            pool: Arc::new(ProbePool::new(threads)),
            awake: Arc::new(KeepAwake::new(threads.saturating_sub(1))),
            accounting: ProcStat::new(),
        }
    }

    /// The spinners that keep the other cores awake between timed calls (see [`KeepAwake`]),
    /// shared with the sampler; the probe uses them the same way.
    pub fn keep_awake(&self) -> Arc<KeepAwake> {
        Arc::clone(&self.awake)
    }
}

impl LoadWatch for MachineWatch {
    fn start(&mut self) {
        if let Some(a) = &mut self.accounting {
            a.start();
        }
    }

    fn probe(&mut self, serial_seconds: f64) -> f64 {
        self.pool.capacity(serial_seconds, &self.awake)
    }

    fn free_cores(&mut self, cores: usize) -> Option<f64> {
        self.accounting
            .as_mut()
            .map_or(Some(cores as f64), |a| a.free_cores(cores))
    }
}

/// Spinning threads that keep the other cores running *between* timed calls and stop just
/// before each one, so every timed call starts on a machine whose cores are all running.
///
/// On a virtual machine an idle virtual CPU is halted by its host, and waking it can take
/// milliseconds: measured here, a rayon solution ran at 0.95× to 1.9× at random when the second
/// core had idled for the 10 ms of the starter's run, and at 1.93× every time when a thread had
/// kept that core busy until the moment the solution started. On bare metal it changes
/// nothing. Both sides are timed the same way, so it favours neither.
///
/// Before each timed call, [`KeepAwake::release`] also lets the calling thread sleep for
/// [`SETTLE`] while the spinners keep the other cores running, and returns only once every
/// spinner has stopped. Linux moves a waiting thread to an idle core only if that core idles
/// now and then (newidle balancing is skipped on a core whose average idle time is below the
/// cost of balancing), and the measuring thread's core otherwise never idles: a
/// `std::thread::scope` solution then had its second thread queued behind the first, for up to
/// a scheduler tick, in 45–50% of the rounds (measured here, idle machine: 0.9× in those
/// rounds, the run inconclusive), and in 0–20% with the pause. Both sides get the same pause,
/// outside their timings, so it favours neither; serial code is untouched by it.
#[derive(Debug)]
pub struct KeepAwake {
    awake: Arc<AtomicBool>,
    /// Counts the calls of `hold`.
    holds: Arc<AtomicU64>,
    /// Per spinner: the last `holds` count it saw and has since stopped spinning for.
    stopped: Vec<Arc<AtomicU64>>,
    stop: Arc<AtomicBool>,
    spinners: Vec<JoinHandle<()>>,
}

impl KeepAwake {
    fn new(threads: usize) -> KeepAwake {
        let awake = Arc::new(AtomicBool::new(false));
        let holds = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let stopped: Vec<Arc<AtomicU64>> = (0..threads).map(|_| Arc::new(AtomicU64::new(0))).collect();
        let spinners = stopped
            .iter()
            .map(|stopped| {
                let (awake, holds, stop) = (Arc::clone(&awake), Arc::clone(&holds), Arc::clone(&stop));
                let stopped = Arc::clone(stopped);
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Acquire) {
                        // `hold` sets `awake` before it counts, so a count read here was made
                        // with `awake` already set: it is acknowledged only once `awake` is
                        // seen cleared again, by the `release` that follows it.
                        let seen = holds.load(Ordering::Acquire);
                        while awake.load(Ordering::Acquire) && !stop.load(Ordering::Acquire) {
                            std::hint::spin_loop();
                        }
                        stopped.store(seen, Ordering::Release);
                        if !awake.load(Ordering::Acquire) {
                            std::thread::park();
                        }
                    }
                })
            })
            .collect();
        KeepAwake {
            awake,
            holds,
            stopped,
            stop,
            spinners,
        }
    }

    /// The spinners run until [`KeepAwake::release`].
    pub fn hold(&self) {
        self.awake.store(true, Ordering::Release);
        self.holds.fetch_add(1, Ordering::AcqRel);
        for spinner in &self.spinners {
            spinner.thread().unpark();
        }
    }

    /// Call it just before a timed call: the calling thread sleeps for [`SETTLE`], then the
    /// spinners stop and park. Returns once each of them has stopped spinning after the last
    /// [`KeepAwake::hold`], or after [`RELEASE_WAIT`].
    pub fn release(&self) {
        std::thread::sleep(SETTLE);
        self.awake.store(false, Ordering::Release);
        let holds = self.holds.load(Ordering::Acquire);
        let deadline = Instant::now() + RELEASE_WAIT;
        for stopped in &self.stopped {
            while stopped.load(Ordering::Acquire) != holds {
                if Instant::now() >= deadline {
                    return;
                }
                std::hint::spin_loop();
            }
        }
    }

    /// Whether every spinner has stopped for the last `hold`.
    #[cfg(test)]
    fn all_stopped(&self) -> bool {
        let holds = self.holds.load(Ordering::Acquire);
        self.stopped.iter().all(|s| s.load(Ordering::Acquire) == holds)
    }
}

impl Drop for KeepAwake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        for spinner in self.spinners.drain(..) {
            spinner.thread().unpark();
            let _ = spinner.join();
        }
    }
}

/// Threads that spin together on demand and otherwise wait: long-lived, like a rayon pool, so
/// the scheduler treats them as it treats the subject's threads (fresh threads get a head start).
#[derive(Debug)]
struct ProbePool {
    threads: usize,
    /// Seconds per spin iteration, measured once.
    per_spin: f64,
    /// Iterations each thread spins in the parallel part of the current probe.
    spins: Arc<AtomicU64>,
    go: Arc<Barrier>,
    done: Arc<Barrier>,
    stop: Arc<AtomicBool>,
    helpers: Vec<JoinHandle<()>>,
}

impl ProbePool {
    fn new(threads: usize) -> ProbePool {
        let threads = threads.max(1);
        let (go, done) = (Arc::new(Barrier::new(threads)), Arc::new(Barrier::new(threads)));
        let stop = Arc::new(AtomicBool::new(false));
        let spins = Arc::new(AtomicU64::new(CALIBRATION_SPINS));
        let helpers = (1..threads)
            .map(|_| {
                let (go, done, stop) = (Arc::clone(&go), Arc::clone(&done), Arc::clone(&stop));
                let spins = Arc::clone(&spins);
                std::thread::spawn(move || {
                    loop {
                        go.wait();
                        if stop.load(Ordering::Acquire) {
                            break;
                        }
                        black_box(spin(spins.load(Ordering::Acquire)));
                        done.wait();
                    }
                })
            })
            .collect();
        let start = Instant::now();
        black_box(spin(CALIBRATION_SPINS));
        let per_spin = start.elapsed().as_secs_f64() / CALIBRATION_SPINS as f64;
        ProbePool {
            threads,
            per_spin,
            spins,
            go,
            done,
            stop,
            helpers,
        }
    }

    /// (time of `threads` spins one after another) / (time of the same spins, one per thread,
    /// at once); the serial part lasts about `serial_seconds`.
    /// The other cores are kept awake by `awake` during the serial part, as they are before a
    /// timed call, and released for the parallel part.
    fn capacity(&self, serial_seconds: f64, awake: &KeepAwake) -> f64 {
        let each = (serial_seconds / self.threads as f64).max(MIN_PROBE_SECONDS);
        let spins = ((each / self.per_spin.max(1e-12)) as u64).max(1);
        self.spins.store(spins, Ordering::Release);
        awake.hold();
        let start = Instant::now();
        for _ in 0..self.threads {
            black_box(spin(spins));
        }
        let serial = start.elapsed().as_secs_f64();
        awake.release();
        let start = Instant::now();
        self.go.wait();
        black_box(spin(spins));
        self.done.wait();
        serial / start.elapsed().as_secs_f64().max(1e-9)
    }
}

impl Drop for ProbePool {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        self.go.wait();
        for helper in self.helpers.drain(..) {
            let _ = helper.join();
        }
    }
}

/// The machine's CPU accounting, on Linux: `/proc/stat` for every process, `/proc/self/stat`
/// for this one, both in clock ticks, read through [`crate::procfs`] (opened before the
/// sandbox closes the file system).
#[derive(Debug, Default)]
pub struct ProcStat {
    start: Option<(CpuTimes, u64)>,
}

/// Clock ticks since boot, all CPUs together.
#[derive(Debug, Clone, Copy)]
struct CpuTimes {
    busy: u64,
    total: u64,
    cpus: u64,
}

impl ProcStat {
    /// A watch, or `None` where `/proc` cannot be read.
    pub fn new() -> Option<ProcStat> {
        (machine_times().is_some() && own_ticks().is_some()).then(ProcStat::default)
    }
}

impl ProcStat {
    /// Starts counting.
    pub fn start(&mut self) {
        self.start = machine_times().zip(own_ticks());
    }

    /// The cores other processes left free since `start`, on average; `None` when `/proc`
    /// could not be read at either end.
    pub fn free_cores(&mut self, cores: usize) -> Option<f64> {
        let (Some((t0, own0)), Some((t1, own1))) = (self.start, machine_times().zip(own_ticks())) else {
            return None;
        };
        let total = t1.total.saturating_sub(t0.total).max(1) as f64;
        let others = t1
            .busy
            .saturating_sub(t0.busy)
            .saturating_sub(own1.saturating_sub(own0)) as f64;
        // `total` counts every CPU's ticks: divided by the CPU count, it is the wall time.
        let others_cores = others * t1.cpus as f64 / total;
        Some((cores as f64 - others_cores).max(0.0))
    }
}

/// The first line of `/proc/stat`: `cpu user nice system idle iowait irq softirq steal …`.
fn machine_times() -> Option<CpuTimes> {
    let text = crate::procfs::read("/proc/stat")?;
    let mut lines = text.lines();
    let fields: Vec<u64> = lines
        .next()?
        .split_whitespace()
        .skip(1)
        .take(8)
        .map(|f| f.parse().ok())
        .collect::<Option<_>>()?;
    let [user, nice, system, idle, iowait, irq, softirq, steal] = fields[..] else {
        return None;
    };
    let cpus = lines.filter(|l| l.starts_with("cpu")).count().max(1) as u64;
    let busy = user + nice + system + irq + softirq + steal;
    Some(CpuTimes {
        busy,
        total: busy + idle + iowait,
        cpus,
    })
}

/// This process's user + system clock ticks, all threads (fields 14 and 15 of
/// `/proc/self/stat`, counted after the command name, which may hold spaces).
fn own_ticks() -> Option<u64> {
    let text = crate::procfs::read("/proc/self/stat")?;
    let after_name = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // After the name come state (field 3) onwards: utime is field 14, stime field 15.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// One thread's share of the probe: a loop the optimizer cannot remove or vectorise away.
fn spin(iterations: u64) -> u64 {
    let mut x = black_box(0x9e37_79b9_7f4a_7c15_u64);
    for _ in 0..black_box(iterations) {
        x = x.rotate_left(5) ^ x.wrapping_mul(0x0100_0000_01b3);
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_returns_once_the_spinners_have_stopped() {
        let awake = KeepAwake::new(2);
        for _ in 0..200 {
            awake.hold();
            awake.release();
        }
        // `release` waits at most `RELEASE_WAIT`; on a machine too busy to run the spinners
        // in that time they acknowledge a little later, but always.
        let until = Instant::now() + Duration::from_secs(10);
        while !awake.all_stopped() && Instant::now() < until {
            std::thread::yield_now();
        }
        assert!(awake.all_stopped());
    }

    #[test]
    fn the_probe_pool_sees_at_least_one_core() {
        let mut watch = MachineWatch::new(2);
        watch.start();
        // A reading, not a figure: a busy machine can push it anywhere.
        let c = watch.probe(0.004);
        assert!(c.is_finite() && c > 0.0, "{c}");
        assert!(watch.free_cores(2).is_some_and(|free| free <= 2.0));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_machine_watch_counts_other_processes_not_this_one() {
        let mut watch = ProcStat::new().expect("/proc is readable on Linux");
        let cores = 2;
        watch.start();
        // This process keeps one core busy: that must not count as load.
        let until = Instant::now() + Duration::from_millis(300);
        while Instant::now() < until {
            black_box(spin(CALIBRATION_SPINS));
        }
        let free = watch.free_cores(cores).expect("/proc is readable on Linux");
        assert!(free > 0.0 && free <= 2.0, "{free}");
    }
}
