//! A parallel speed-up, judged against what this machine could give while it was measured.
//!
//! The goal scales with the cores the program may use: `1 + efficiency × (P − 1)`, with `P`
//! from `std::thread::available_parallelism()` (capped at [`MAX_THREADS`]). On one core there is
//! no speed-up to grade: correctness only.
//!
//! A parallel speed-up also depends on the machine: other programs, and on a virtual machine a
//! host that does not always run both virtual CPUs at once (measured here: a rayon solution at
//! 1.7× one minute, 1.0× the next, with the guest idle). So after every round a probe measures
//! the parallel capacity of that moment, with a persistent pool of spinning threads (like
//! rayon's), and on Linux `/proc/stat` tells how much CPU other processes used meanwhile. A
//! speed-up passes on its whole interval, whatever the machine did; but a miss is a "fail" only
//! if the machine offered the cores in nearly every round ([`OFFERED_FOR_A_FAIL`],
//! [`FREE_FOR_A_FAIL`]). Otherwise it is "inconclusive", never "fail".

use crate::measure::{Policy, Sampler, Sequence};
use crate::protocol::{Evidence, Goal, Measurement, Mismatch, Verdict};
use crate::stats;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::thread::JoinHandle;
use std::time::Instant;

/// More threads than this are not asked of anyone: the goal stops growing at 8 cores.
pub const MAX_THREADS: usize = 8;

/// A miss is a "fail" only if at least this share of the extra cores was free of other
/// processes throughout. On two cores: other processes used at most 0.2 of a core on average.
/// At that load a reference that reaches 1.7× idle still reaches about 1.56×, above a 1.5× goal,
/// so a correct parallel solution is never failed by someone else's work.
pub const FREE_FOR_A_FAIL: f64 = 0.8;

/// Iterations of the probe's calibration spin (about two milliseconds).
const CALIBRATION_SPINS: u64 = 1_600_000;

/// The shortest probe spin per thread, in seconds, so thread wake-ups stay negligible.
const MIN_PROBE_SECONDS: f64 = 0.002;

/// The cores a parallel program may use here, capped at [`MAX_THREADS`].
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
}

/// The speed-up goal on `cores` cores.
pub fn goal_for(cores: usize, efficiency: f64) -> f64 {
    1.0 + efficiency * (cores.saturating_sub(1)) as f64
}

/// A miss is a "fail" only if even this quantile of the per-round speed-ups is below the goal
/// (its one-sided upper confidence bound): serial code stays near 1× in every round, while
/// parallel code on a machine that runs its threads together only now and then reaches its
/// speed in those rounds.
pub const FAIL_QUANTILE: f64 = 0.75;

/// A miss is a "fail" only if at least this share of the rounds' probes found the cores free.
/// On a virtual machine whose host does not always run both virtual CPUs at once, the probe
/// reads 1.9× one moment and 1.0× the next (measured here, with the guest idle), and parallel
/// code with it: a miss there says nothing about the code.
pub const OFFERED_FOR_A_FAIL: f64 = 0.9;

/// The share of `readings` at or above `level`.
fn share_at_least(readings: &[f64], level: f64) -> f64 {
    readings.iter().filter(|r| **r >= level).count() as f64 / readings.len().max(1) as f64
}

/// The free cores below which a missed goal is "inconclusive" rather than "fail".
pub fn free_needed_for_a_fail(cores: usize) -> f64 {
    1.0 + FREE_FOR_A_FAIL * (cores.saturating_sub(1)) as f64
}

/// Watches how much parallelism the machine offers while a measurement runs.
pub trait LoadWatch {
    /// Starts (or restarts) watching.
    fn start(&mut self);
    /// The parallel capacity right now, measured after each round (≈ cores when nothing
    /// competes), with a probe whose serial part lasts about `serial_seconds` (the starter's
    /// time in that round), so the other cores sit idle as long as they did before the subject
    /// ran: on a virtual machine, waking an idle virtual CPU can cost milliseconds.
    fn probe(&mut self, serial_seconds: f64) -> f64;
    /// The cores other processes left free since `start`, on average (`cores` where that
    /// cannot be known).
    fn free_cores(&mut self, cores: usize) -> f64;
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

    fn free_cores(&mut self, cores: usize) -> f64 {
        self.accounting
            .as_mut()
            .map_or(cores as f64, |a| a.free_cores(cores))
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
#[derive(Debug)]
pub struct KeepAwake {
    awake: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    spinners: Vec<JoinHandle<()>>,
}

impl KeepAwake {
    fn new(threads: usize) -> KeepAwake {
        let awake = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let spinners = (0..threads)
            .map(|_| {
                let (awake, stop) = (Arc::clone(&awake), Arc::clone(&stop));
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Acquire) {
                        if awake.load(Ordering::Acquire) {
                            std::hint::spin_loop();
                        } else {
                            std::thread::park();
                        }
                    }
                })
            })
            .collect();
        KeepAwake {
            awake,
            stop,
            spinners,
        }
    }

    /// The spinners run until [`KeepAwake::release`].
    pub fn hold(&self) {
        self.awake.store(true, Ordering::Release);
        for spinner in &self.spinners {
            spinner.thread().unpark();
        }
    }

    /// The spinners stop (within nanoseconds) and park: call it just before a timed call.
    pub fn release(&self) {
        self.awake.store(false, Ordering::Release);
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
    spins: Arc<std::sync::atomic::AtomicU64>,
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
        let spins = Arc::new(std::sync::atomic::AtomicU64::new(CALIBRATION_SPINS));
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
/// for this one, both in clock ticks.
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

    /// The cores other processes left free since `start`, on average.
    pub fn free_cores(&mut self, cores: usize) -> f64 {
        let (Some((t0, own0)), Some((t1, own1))) = (self.start, machine_times().zip(own_ticks())) else {
            return f64::NAN;
        };
        let total = t1.total.saturating_sub(t0.total).max(1) as f64;
        let others = t1
            .busy
            .saturating_sub(t0.busy)
            .saturating_sub(own1.saturating_sub(own0)) as f64;
        // `total` counts every CPU's ticks: divided by the CPU count, it is the wall time.
        let others_cores = others * t1.cpus as f64 / total;
        (cores as f64 - others_cores).max(0.0)
    }
}

/// The first line of `/proc/stat`: `cpu user nice system idle iowait irq softirq steal …`.
fn machine_times() -> Option<CpuTimes> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
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
    let text = std::fs::read_to_string("/proc/self/stat").ok()?;
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

/// Interleaved rounds at size `n`, each followed by a capacity probe, until the speed-up's
/// interval decides against the goal or the budget runs out. A pass stands whatever the
/// machine did (no load makes serial code look parallel); a fail stands only if the probes
/// found [`free_needed_for_a_fail`] cores in [`OFFERED_FOR_A_FAIL`] of the rounds and other
/// processes left them free on average; otherwise it is "inconclusive".
pub fn measure_parallel_speedup(
    sampler: &mut impl Sampler,
    n: usize,
    efficiency: f64,
    cores: usize,
    policy: Policy,
    watch: &mut dyn LoadWatch,
) -> Result<Measurement, Mismatch> {
    let goal = Goal::AtLeast(goal_for(cores, efficiency));
    let (mut starter, mut subject) = (Vec::new(), Vec::new());
    if cores < 2 {
        // One core: nothing runs in parallel. Correctness was graded; speed is not.
        return Ok(Measurement {
            metric: "parallel-speedup".into(),
            value: f64::NAN,
            low: f64::NAN,
            high: f64::NAN,
            confidence: policy.confidence,
            unit: "x".into(),
            goal,
            verdict: Verdict::Pass,
            samples: 0,
            evidence: Evidence::Parallel {
                n,
                cores,
                starter_seconds: f64::NAN,
                subject_seconds: f64::NAN,
                capacity: f64::NAN,
                offered: f64::NAN,
            },
        });
    }
    let need = free_needed_for_a_fail(cores);
    let start = sampler.elapsed();
    watch.start();
    let (mut ratios, mut capacity) = (Vec::new(), Vec::new());
    let (mut low, mut high, mut verdict) = (f64::NAN, f64::NAN, Verdict::Inconclusive);
    for round in 0..policy.max_rounds {
        let (s, j) = sampler.round(n, round)?;
        starter.push(s);
        subject.push(j);
        ratios.push(s / j);
        capacity.push(watch.probe(s));
        if ratios.len() < policy.min_rounds {
            continue;
        }
        if let Some(interval) = stats::median_interval(&ratios, policy.confidence) {
            (low, high) = interval;
        }
        // A pass needs nothing from the machine: no load can make serial code look parallel.
        if stats::decide(low, high, goal) == Verdict::Pass {
            verdict = Verdict::Pass;
            break;
        }
        // A fail needs even the upper quartile below the goal: a parallel program that the
        // machine let run in parallel in only a quarter of the rounds is not failed.
        let upper = stats::quantile_upper_bound(&ratios, FAIL_QUANTILE, policy.confidence);
        if upper.is_some_and(|u| stats::decide(f64::NEG_INFINITY, u, goal) == Verdict::Fail) {
            verdict = Verdict::Fail;
            break;
        }
        if sampler.elapsed() - start >= policy.budget {
            break;
        }
    }
    // A miss is the code's only if the machine offered the cores throughout: in nearly every
    // round's probe, and with other processes leaving them free on average.
    let offered = share_at_least(&capacity, need);
    let free = watch.free_cores(cores);
    if verdict == Verdict::Fail && (offered < OFFERED_FOR_A_FAIL || free.is_nan() || free < need) {
        verdict = Verdict::Inconclusive;
    }
    let capacity = stats::median(&capacity);
    let ratios = Sequence {
        value: stats::median(&ratios),
        samples: ratios,
        low,
        high,
        verdict,
    };
    let evidence = Evidence::Parallel {
        n,
        cores,
        starter_seconds: stats::median(&starter),
        subject_seconds: stats::median(&subject),
        capacity,
        offered,
    };
    Ok(ratios.into_measurement("parallel-speedup", "x", goal, policy.confidence, evidence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::ScriptedSampler;
    use std::time::Duration;

    fn policy() -> Policy {
        Policy::with_budget(Duration::from_secs(2))
    }

    /// A machine whose probe reads the given capacity every round, and on which other
    /// processes left that many cores free.
    struct Fixed(f64);

    impl LoadWatch for Fixed {
        fn start(&mut self) {}
        fn probe(&mut self, _serial_seconds: f64) -> f64 {
            self.0
        }
        fn free_cores(&mut self, _cores: usize) -> f64 {
            self.0
        }
    }

    /// A machine whose host takes the second core away every other round, unseen by the guest.
    struct Flickering(usize);

    impl LoadWatch for Flickering {
        fn start(&mut self) {}
        fn probe(&mut self, _serial_seconds: f64) -> f64 {
            self.0 += 1;
            if self.0.is_multiple_of(2) { 1.0 } else { 1.95 }
        }
        fn free_cores(&mut self, cores: usize) -> f64 {
            cores as f64
        }
    }

    #[test]
    fn the_goal_scales_with_the_cores() {
        assert_eq!(goal_for(1, 0.5), 1.0);
        assert_eq!(goal_for(2, 0.5), 1.5);
        assert_eq!(goal_for(8, 0.5), 4.5);
        assert!(cores() >= 1 && cores() <= MAX_THREADS);
        assert!((free_needed_for_a_fail(2) - 1.8).abs() < 1e-9);
    }

    #[test]
    fn parallel_code_on_an_idle_machine_passes() {
        let mut s = ScriptedSampler::new(|_, r| (0.010 * (1.0 + (r % 3) as f64 * 0.01), 0.0055));
        let m = measure_parallel_speedup(&mut s, 100, 0.5, 2, policy(), &mut Fixed(1.95)).unwrap();
        assert_eq!(m.verdict, Verdict::Pass);
        assert_eq!(m.goal, Goal::AtLeast(1.5));
    }

    #[test]
    fn serial_code_fails_when_the_machine_had_cores_to_give() {
        let mut s = ScriptedSampler::new(|_, r| (0.010 * (1.0 + (r % 3) as f64 * 0.01), 0.010));
        let m = measure_parallel_speedup(&mut s, 100, 0.5, 2, policy(), &mut Fixed(1.9)).unwrap();
        assert_eq!(m.verdict, Verdict::Fail);
    }

    #[test]
    fn a_missed_goal_on_a_busy_machine_is_inconclusive_never_a_fail() {
        // Another process holds a core: 1.05 cores stayed free, and the parallel reference
        // looks serial. That says nothing about the code.
        let mut s = ScriptedSampler::new(|_, r| (0.010 * (1.0 + (r % 3) as f64 * 0.01), 0.0095));
        let m = measure_parallel_speedup(&mut s, 100, 0.5, 2, policy(), &mut Fixed(1.05)).unwrap();
        assert_eq!(m.verdict, Verdict::Inconclusive);
        let Evidence::Parallel { capacity, .. } = m.evidence else {
            panic!("parallel evidence expected")
        };
        assert_eq!(capacity, 1.05);
        // Light load (0.3 of a core in use elsewhere) is already too much to blame the code,
        // and so is a machine that could not be read at all.
        for free in [1.7, f64::NAN] {
            let mut s = ScriptedSampler::new(|_, r| (0.010 * (1.0 + (r % 3) as f64 * 0.01), 0.0095));
            let m = measure_parallel_speedup(&mut s, 100, 0.5, 2, policy(), &mut Fixed(free)).unwrap();
            assert_eq!(m.verdict, Verdict::Inconclusive, "{free}");
        }
    }

    #[test]
    fn one_core_grades_correctness_only() {
        let mut s = ScriptedSampler::new(|_, _| (0.01, 0.01));
        let m = measure_parallel_speedup(&mut s, 100, 0.5, 1, policy(), &mut Fixed(1.0)).unwrap();
        assert_eq!((m.verdict, m.samples), (Verdict::Pass, 0));
        assert!(m.value.is_nan());
    }

    #[test]
    fn a_machine_that_offers_the_cores_only_now_and_then_fails_nobody() {
        // The parallel reference runs at 1.7× when both cores are there and 1.0× when the
        // host takes one away, in alternate rounds: its median misses, but it is no fail.
        let mut s = ScriptedSampler::new(|_, r| (0.010, if r % 3 == 0 { 0.0059 } else { 0.010 }));
        let m = measure_parallel_speedup(&mut s, 100, 0.5, 2, policy(), &mut Flickering(0)).unwrap();
        assert_eq!(m.verdict, Verdict::Inconclusive);
        let Evidence::Parallel { offered, .. } = m.evidence else {
            panic!("parallel evidence expected")
        };
        assert!((offered - 0.5).abs() < 0.05, "{offered}");
        // The same serial code fails on a machine that offered the cores throughout.
        let mut s = ScriptedSampler::new(|_, r| (0.010 * (1.0 + (r % 3) as f64 * 0.01), 0.010));
        let m = measure_parallel_speedup(&mut s, 100, 0.5, 2, policy(), &mut Fixed(1.95)).unwrap();
        assert_eq!(m.verdict, Verdict::Fail);
    }

    #[test]
    fn the_probe_pool_sees_at_least_one_core() {
        let mut watch = MachineWatch::new(2);
        watch.start();
        let c = watch.probe(0.004);
        assert!(c > 0.5 && c < 2.5, "{c}");
        assert!(watch.free_cores(2) <= 2.0);
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
        let free = watch.free_cores(cores);
        assert!(free > 0.0 && free <= 2.0, "{free}");
    }
}
