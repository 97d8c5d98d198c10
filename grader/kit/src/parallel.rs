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
//!
//! Two things keep a correct solution on a quiet machine from ending "inconclusive":
//!
//! - **Rounds the machine spoiled are set aside.** The speed-up is judged on the rounds whose
//!   probe found the cores offered (see [`judged_rounds`]), when there are at least
//!   [`MIN_ROUNDS`] of them: a round whose probe found a core taken measured the machine, not
//!   the code. The probe runs after the round and never looks at its ratio, so the rounds kept
//!   are an independent sample of "this code on a machine offering its cores", the condition
//!   the goal is scaled to, and the order-statistic interval holds for them as for any sample.
//! - **A straddling interval gets more rounds.** When the budget ends with the interval still
//!   straddling the goal, sampling goes on for at most [`STRADDLE_EXTRA_ROUNDS`] rounds and
//!   [`STRADDLE_EXTRA_SECONDS`] seconds more, and stops as soon as the interval decides.

use crate::measure::{MIN_ROUNDS, Policy, Sampler, Sequence};
use crate::protocol::{Evidence, Goal, Measurement, Mismatch, Verdict};
use crate::stats;
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

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

/// When the budget ends with the interval straddling the goal (its low end below, its high end
/// at or above), sampling goes on for at most this many more rounds…
pub const STRADDLE_EXTRA_ROUNDS: usize = 200;

/// …and at most this many more seconds, whichever comes first. A round of `image-histograms`
/// takes about 40 ms, so its 6 s budget and these 4 s make about 250 rounds, where the 99%
/// interval's low end is the 42nd percentile of the rounds: a correct solution passes as long
/// as fewer than about 40% of its rounds were disturbed (within the budget alone: 35%). The
/// cost is bounded, and only ever paid when the interval straddles.
pub const STRADDLE_EXTRA_SECONDS: f64 = 4.0;

/// How long [`KeepAwake::release`] waits, at most, for its spinners to stop and park (they
/// stop within microseconds on a machine that runs them; this bounds the wait on one that
/// does not).
const RELEASE_WAIT: Duration = Duration::from_millis(5);

/// How long the measuring thread sleeps before each timed call (see [`KeepAwake`]): long
/// enough for its core to count as one that idles (200 µs was not), short beside a round
/// (three per round, about 40 ms).
pub const SETTLE: Duration = Duration::from_millis(1);

/// A probe reading above this many times the cores is no reading of the cores: its serial
/// part was slowed (by another process, an interrupt), which inflates the ratio. Readings on
/// this idle 2-core virtual machine lie between 1.9 and 2.07; one in a few hundred reads 2.5.
pub const PROBE_CEILING: f64 = 1.1;

/// Whether a probe reading says the machine offered its cores: at least
/// [`free_needed_for_a_fail`] of them, and no more than [`PROBE_CEILING`] × `cores`.
pub fn offered_by(capacity: f64, cores: usize) -> bool {
    capacity >= free_needed_for_a_fail(cores) && capacity <= PROBE_CEILING * cores as f64
}

/// The share of `readings` that say the machine offered its cores.
fn share_offered(readings: &[f64], cores: usize) -> f64 {
    readings.iter().filter(|r| offered_by(**r, cores)).count() as f64 / readings.len().max(1) as f64
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

/// How far sampling may go past the policy when the interval straddles the goal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extra {
    /// Rounds past `policy.max_rounds`.
    pub rounds: usize,
    /// Time past `policy.budget`.
    pub time: Duration,
}

impl Extra {
    /// The grader's bound: [`STRADDLE_EXTRA_ROUNDS`] and [`STRADDLE_EXTRA_SECONDS`].
    pub fn while_straddling() -> Extra {
        Extra {
            rounds: STRADDLE_EXTRA_ROUNDS,
            time: Duration::from_secs_f64(STRADDLE_EXTRA_SECONDS),
        }
    }

    /// No sampling past the policy.
    pub const NONE: Extra = Extra {
        rounds: 0,
        time: Duration::ZERO,
    };
}

/// The rounds the speed-up is judged on: those whose probe found the cores offered
/// ([`offered_by`]), when there are at least [`MIN_ROUNDS`] of them; otherwise every
/// round. Returns the ratios of those rounds, in order, and whether they are a selection.
///
/// Why this is sound: the probe runs after the round's two timed calls and never sees their
/// ratio, so choosing rounds by it is choosing by a second, independent reading of the machine
/// (conditioning on an ancillary statistic): the rounds kept are still independent draws, from
/// the distribution of the speed-up *when the machine offers its cores*, which is what a goal
/// scaled to the cores asks about, and the order-statistic interval covers its median as it
/// covers any sample's. Serial code gains nothing: its ratio is about 1 whatever the machine
/// did, in every subset.
pub fn judged_rounds(ratios: &[f64], capacity: &[f64], cores: usize) -> (Vec<f64>, bool) {
    let offered: Vec<f64> = ratios
        .iter()
        .zip(capacity)
        .filter(|(_, c)| offered_by(**c, cores))
        .map(|(r, _)| *r)
        .collect();
    if offered.len() >= MIN_ROUNDS && offered.len() < ratios.len() {
        (offered, true)
    } else {
        (ratios.to_vec(), false)
    }
}

/// What the rounds so far say: a verdict (a fail before the machine check), the interval of
/// the rounds it rests on, and those rounds.
struct Judgement {
    verdict: Verdict,
    low: f64,
    high: f64,
    rounds: Vec<f64>,
}

/// Judges the rounds so far against `goal`. A pass needs the whole interval at or above the
/// goal, on every round or on the rounds with the cores offered (no load makes serial code look
/// parallel, in any subset); a fail needs even the upper quartile of the rounds with the cores
/// offered below it (a parallel program that the machine let run in parallel in only a quarter
/// of the rounds is not failed).
fn judge(ratios: &[f64], capacity: &[f64], cores: usize, goal: Goal, confidence: f64) -> Judgement {
    let all = stats::median_interval(ratios, confidence);
    if let Some((low, high)) = all
        && stats::decide(low, high, goal) == Verdict::Pass
    {
        return Judgement {
            verdict: Verdict::Pass,
            low,
            high,
            rounds: ratios.to_vec(),
        };
    }
    let (rounds, _) = judged_rounds(ratios, capacity, cores);
    let (low, high) = stats::median_interval(&rounds, confidence)
        .or(all)
        .unwrap_or((f64::NAN, f64::NAN));
    let verdict = if stats::decide(low, high, goal) == Verdict::Pass {
        Verdict::Pass
    } else if stats::quantile_upper_bound(&rounds, FAIL_QUANTILE, confidence)
        .is_some_and(|u| stats::decide(f64::NEG_INFINITY, u, goal) == Verdict::Fail)
    {
        Verdict::Fail
    } else {
        Verdict::Inconclusive
    };
    Judgement {
        verdict,
        low,
        high,
        rounds,
    }
}

/// Interleaved rounds at size `n`, each followed by a capacity probe, until the speed-up's
/// interval decides against the goal or the budget runs out (plus [`Extra::while_straddling`]
/// while the interval straddles the goal). A pass stands whatever the machine did (no load
/// makes serial code look parallel); a fail stands only if the probes found
/// [`free_needed_for_a_fail`] cores in [`OFFERED_FOR_A_FAIL`] of the rounds and other processes
/// left them free on average; otherwise it is "inconclusive".
///
/// The speed-up, its interval and `samples` are those of the rounds the verdict rests on (see
/// [`judged_rounds`]); `capacity` and `offered` in the evidence say what the machine offered.
pub fn measure_parallel_speedup(
    sampler: &mut impl Sampler,
    n: usize,
    efficiency: f64,
    cores: usize,
    policy: Policy,
    watch: &mut dyn LoadWatch,
) -> Result<Measurement, Mismatch> {
    measure_parallel_speedup_within(
        sampler,
        n,
        efficiency,
        cores,
        policy,
        Extra::while_straddling(),
        watch,
    )
}

/// [`measure_parallel_speedup`] with the bound on sampling past the policy given.
pub fn measure_parallel_speedup_within(
    sampler: &mut impl Sampler,
    n: usize,
    efficiency: f64,
    cores: usize,
    policy: Policy,
    extra: Extra,
    watch: &mut dyn LoadWatch,
) -> Result<Measurement, Mismatch> {
    let target = goal_for(cores, efficiency);
    let goal = Goal::AtLeast(target);
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
    // A miss is the code's only if the machine offered the cores throughout: in nearly every
    // round's probe, and with other processes leaving them free on average.
    let machine_offered =
        |capacity: &[f64], free: f64| share_offered(capacity, cores) >= OFFERED_FOR_A_FAIL && free >= need;
    let start = sampler.elapsed();
    watch.start();
    let (mut ratios, mut capacity) = (Vec::new(), Vec::new());
    let mut judged = Judgement {
        verdict: Verdict::Inconclusive,
        low: f64::NAN,
        high: f64::NAN,
        rounds: Vec::new(),
    };
    for round in 0..policy.max_rounds + extra.rounds {
        let (s, j) = sampler.round(n, round)?;
        starter.push(s);
        subject.push(j);
        ratios.push(s / j);
        capacity.push(watch.probe(s));
        let spent = sampler.elapsed() - start;
        if ratios.len() < policy.min_rounds {
            continue;
        }
        judged = judge(&ratios, &capacity, cores, goal, policy.confidence);
        match judged.verdict {
            Verdict::Pass => break,
            // A fail on a machine that offered its cores stands; on one that did not (yet),
            // the rounds go on within the budget, in case it does.
            Verdict::Fail if machine_offered(&capacity, watch.free_cores(cores)) => break,
            _ => {}
        }
        let within_policy = round + 1 < policy.max_rounds && spent < policy.budget;
        let straddles = judged.low < target && judged.high >= target;
        let within_extra = spent < policy.budget + extra.time;
        let go_on = within_policy || (straddles && within_extra);
        if !go_on {
            break;
        }
    }
    if judged.rounds.is_empty() {
        // Stopped before the first look: every round, with no interval.
        judged.rounds.clone_from(&ratios);
    }
    let offered = share_offered(&capacity, cores);
    if judged.verdict == Verdict::Fail && !machine_offered(&capacity, watch.free_cores(cores)) {
        judged.verdict = Verdict::Inconclusive;
    }
    let ratios = Sequence {
        value: stats::median(&judged.rounds),
        samples: judged.rounds,
        low: judged.low,
        high: judged.high,
        verdict: judged.verdict,
    };
    let evidence = Evidence::Parallel {
        n,
        cores,
        starter_seconds: stats::median(&starter),
        subject_seconds: stats::median(&subject),
        capacity: stats::median(&capacity),
        offered,
    };
    Ok(ratios.into_measurement("parallel-speedup", "x", goal, policy.confidence, evidence))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::ScriptedSampler;
    use std::cell::Cell;

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

    /// A machine whose probe reads `capacity(round)` after each round; other processes left
    /// all the cores free on average.
    struct ByRound<F>(F, usize);

    impl<F: FnMut(usize) -> f64> LoadWatch for ByRound<F> {
        fn start(&mut self) {}
        fn probe(&mut self, _serial_seconds: f64) -> f64 {
            self.1 += 1;
            (self.0)(self.1 - 1)
        }
        fn free_cores(&mut self, cores: usize) -> f64 {
            cores as f64
        }
    }

    /// Whether `round` is one of the `percent` in a hundred that the machine disturbs: spread
    /// evenly (19 is prime to 100, so every hundred rounds hold exactly `percent` of them).
    fn disturbed(round: usize, percent: usize) -> bool {
        round * 19 % 100 < percent
    }

    /// A correct parallel solution's ratio: 1.6× to 1.9× when it ran in parallel, 0.95× when
    /// the machine ran its threads one after another.
    fn parallel_ratio(round: usize, percent_disturbed: usize) -> f64 {
        if disturbed(round, percent_disturbed) {
            0.95
        } else {
            1.6 + 0.3 * (round * 37 % 100) as f64 / 100.0
        }
    }

    /// The parallel solution of [`parallel_ratio`], 10 ms for the starter per round.
    fn parallel_solution(percent_disturbed: usize) -> impl FnMut(usize, usize) -> (f64, f64) {
        move |_, r| (0.010, 0.010 / parallel_ratio(r, percent_disturbed))
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
    fn a_straddling_interval_gets_more_rounds_and_then_passes() {
        // 41% of the rounds disturbed, unseen by the probe (a `std::thread::scope` solution
        // on this idle virtual machine, before `SETTLE`, lost 45–50%): the median is about
        // 1.65×, but the 99% interval needs some 210 rounds to clear 1.45×, and the 2 s budget
        // holds about 120.
        let rounds = Cell::new(0);
        let mut script = parallel_solution(41);
        let mut s = ScriptedSampler::new(|n, r| {
            rounds.set(r + 1);
            script(n, r)
        });
        let m =
            measure_parallel_speedup_within(&mut s, 100, 0.45, 2, policy(), Extra::NONE, &mut Fixed(1.95))
                .unwrap();
        assert_eq!(m.verdict, Verdict::Inconclusive);
        assert!(m.low < 1.45 && m.high >= 1.45, "{} – {}", m.low, m.high);
        let in_budget = rounds.get();

        let mut s = ScriptedSampler::new(parallel_solution(41));
        let m = measure_parallel_speedup(&mut s, 100, 0.45, 2, policy(), &mut Fixed(1.95)).unwrap();
        assert_eq!(m.verdict, Verdict::Pass);
        assert!(
            m.samples > in_budget,
            "{} rounds, {in_budget} in the budget",
            m.samples
        );
        assert!(s.elapsed() < policy().budget + Extra::while_straddling().time);
        assert!(m.low >= 1.45 && (m.value - 1.65).abs() < 0.1, "{m:?}");
    }

    #[test]
    fn sampling_past_the_budget_is_bounded_in_time_and_in_rounds() {
        // A speed-up that straddles the goal for ever: 1.2× and 1.7× in turn.
        let script = |_, r: usize| {
            (
                0.010,
                if r.is_multiple_of(2) {
                    0.010 / 1.2
                } else {
                    0.010 / 1.7
                },
            )
        };
        let mut s = ScriptedSampler::new(script);
        let m = measure_parallel_speedup(&mut s, 100, 0.45, 2, policy(), &mut Fixed(1.95)).unwrap();
        assert_eq!(m.verdict, Verdict::Inconclusive);
        let extra = Extra::while_straddling();
        let round = Duration::from_secs_f64(0.010 + 0.010 / 1.2);
        assert!(s.elapsed() >= policy().budget + extra.time, "{:?}", s.elapsed());
        assert!(
            s.elapsed() <= policy().budget + extra.time + round,
            "{:?}",
            s.elapsed()
        );
        // With the rounds as the tighter bound: 60 in the policy, 20 more.
        let policy = Policy {
            max_rounds: 60,
            ..policy()
        };
        let extra = Extra {
            rounds: 20,
            time: Duration::from_secs(3600),
        };
        let mut s = ScriptedSampler::new(script);
        let m =
            measure_parallel_speedup_within(&mut s, 100, 0.45, 2, policy, extra, &mut Fixed(1.95)).unwrap();
        assert_eq!((m.verdict, m.samples), (Verdict::Inconclusive, 80));
        // An interval wholly below the goal is not straddling: no extra rounds. (Serial code on
        // a busy machine: inconclusive once the budget is spent, never a fail.)
        let mut s = ScriptedSampler::new(|_, r| (0.010 * (1.0 + (r % 3) as f64 * 0.01), 0.0095));
        let m = measure_parallel_speedup(&mut s, 100, 0.45, 2, policy, &mut Fixed(1.05)).unwrap();
        assert_eq!(m.verdict, Verdict::Inconclusive);
        assert!(s.elapsed() <= policy.budget + round, "{:?}", s.elapsed());
    }

    #[test]
    fn rounds_whose_probe_found_a_core_taken_are_set_aside() {
        // 45% of the rounds disturbed, and the probe after each of them found a core taken.
        let rounds = Cell::new(0);
        let mut script = parallel_solution(45);
        let mut s = ScriptedSampler::new(|n, r| {
            rounds.set(r + 1);
            script(n, r)
        });
        let mut watch = ByRound(|r| if disturbed(r, 45) { 1.05 } else { 1.95 }, 0);
        let m = measure_parallel_speedup(&mut s, 100, 0.45, 2, policy(), &mut watch).unwrap();
        assert_eq!(m.verdict, Verdict::Pass);
        // Judged on the rounds with the cores offered only, and it says so: fewer samples
        // than rounds, and the share of rounds with the cores.
        assert!(m.samples < rounds.get(), "{} of {}", m.samples, rounds.get());
        let Evidence::Parallel {
            offered, capacity, ..
        } = m.evidence
        else {
            panic!("parallel evidence expected")
        };
        assert!((offered - 0.55).abs() < 0.1, "{offered}");
        assert!(capacity > 1.05, "{capacity}");
        // The same rounds with a probe that saw nothing: every round counts, and within the
        // budget and its extra the interval still straddles.
        let mut s = ScriptedSampler::new(parallel_solution(45));
        let m = measure_parallel_speedup(&mut s, 100, 0.45, 2, policy(), &mut Fixed(1.95)).unwrap();
        assert_eq!(m.verdict, Verdict::Inconclusive);
        // Selection needs enough rounds with the cores: below `MIN_ROUNDS`, every round counts.
        let ratios = [1.0; 12];
        let mut capacity = [1.0; 12];
        capacity[..MIN_ROUNDS - 1].fill(1.95);
        assert_eq!(judged_rounds(&ratios, &capacity, 2), (ratios.to_vec(), false));
        capacity[MIN_ROUNDS - 1] = 1.95;
        assert_eq!(
            judged_rounds(&ratios, &capacity, 2),
            (vec![1.0; MIN_ROUNDS], true)
        );
        // A reading above the ceiling is a disturbed probe, not an offer of cores.
        capacity[0] = 2.5;
        assert_eq!(judged_rounds(&ratios, &capacity, 2), (ratios.to_vec(), false));
        assert!(offered_by(1.8, 2) && offered_by(2.2, 2) && !offered_by(1.79, 2) && !offered_by(2.21, 2));
    }

    #[test]
    fn serial_code_never_passes_on_the_rounds_the_machine_offered() {
        // Serial code on a machine that takes a core away in half the rounds, and whose load
        // slows the starter in exactly those rounds (1.5× "speed-up"): set aside, they cannot
        // help it; and the rounds left are about 1×.
        let load = |r: usize| r % 2 == 1;
        let script = |_, r: usize| {
            let noise = 1.0 + (r * 37 % 100) as f64 / 1000.0;
            (if load(r) { 0.015 } else { 0.010 } * noise, 0.010)
        };
        let mut s = ScriptedSampler::new(script);
        let mut watch = ByRound(|r| if load(r) { 1.0 } else { 1.95 }, 0);
        let m = measure_parallel_speedup(&mut s, 100, 0.45, 2, policy(), &mut watch).unwrap();
        assert_eq!(m.verdict, Verdict::Inconclusive, "{m:?}");
        assert!(m.high < 1.45);
        // Where the machine offered its cores in nearly every round, serial code fails.
        let mut s = ScriptedSampler::new(|_, r| (0.010 * (1.0 + (r * 37 % 100) as f64 / 1000.0), 0.010));
        let mut watch = ByRound(|r| if r % 20 == 7 { 1.0 } else { 1.95 }, 0);
        let m = measure_parallel_speedup(&mut s, 100, 0.45, 2, policy(), &mut watch).unwrap();
        assert_eq!(m.verdict, Verdict::Fail, "{m:?}");
    }

    #[test]
    fn serial_code_fails_once_the_machine_has_offered_its_cores() {
        // The machine is busy for the first 10 rounds, then idle: the fail is not drawn while
        // the machine has offered its cores in too few rounds, and the rounds go on until it
        // has, within the budget.
        let mut s = ScriptedSampler::new(|_, r| (0.010 * (1.0 + (r % 3) as f64 * 0.01), 0.010));
        let mut watch = ByRound(|r| if r < 10 { 1.0 } else { 1.95 }, 0);
        let m = measure_parallel_speedup(&mut s, 100, 0.45, 2, policy(), &mut watch).unwrap();
        assert_eq!(m.verdict, Verdict::Fail);
        let Evidence::Parallel { offered, .. } = m.evidence else {
            panic!("parallel evidence expected")
        };
        assert!(offered >= OFFERED_FOR_A_FAIL, "{offered}");
    }

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
