//! Timing the built programs: whole runs, as `hyperfine` would, in interleaved rounds (every
//! variant once per round, in a fresh random order), so that a slow spell of the machine falls
//! on every variant alike and each round gives one ratio per variant. A run's time is the CPU
//! time the (single-threaded) program used, not its wall time: time spent waiting for a core
//! that another process holds is not the program's.

use super::build::Program;
use anyhow::{Context, Result, bail};
use grader_kit::protocol::ProfileFigure;
use grader_kit::stats::{CONFIDENCE, median, median_interval};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Rounds always run, whatever the budget: enough for a 99% interval of the median.
pub const MIN_ROUNDS: usize = 10;
/// Rounds never exceeded, however fast the program.
pub const MAX_ROUNDS: usize = 60;

/// One round: each variant's wall time of one run, in the programs' order.
pub type Round = Vec<f64>;

/// One run of a program: the CPU time it used (its wall time where the system offers no
/// children's clock). A run that fails is the grader's problem (the program is the frozen
/// starter's), so it is an `Err`.
pub fn run_once(program: &Path) -> Result<Duration> {
    let cpu_before = grader_kit::clocks::children_cpu();
    let started = Instant::now();
    let status = Command::new(program)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("running {}", program.display()))?;
    let wall = started.elapsed();
    if !status.success() {
        bail!("{} exited with {status}", program.display());
    }
    let cpu = grader_kit::clocks::children_cpu().saturating_sub(cpu_before);
    Ok(if cpu.is_zero() { wall } else { cpu })
}

/// Runs every program once per round (one warm-up round first, not kept), until `budget` is
/// spent and at least [`MIN_ROUNDS`] rounds are kept, or [`MAX_ROUNDS`] are.
pub fn time_interleaved(
    programs: &[Program],
    budget: Duration,
    seed: u64,
    mut run: impl FnMut(&Path) -> Result<Duration>,
) -> Result<Vec<Round>> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut order: Vec<usize> = (0..programs.len()).collect();
    let started = Instant::now();
    let mut rounds = Vec::new();
    for round in 0..=MAX_ROUNDS {
        if rounds.len() >= MIN_ROUNDS && started.elapsed() >= budget {
            break;
        }
        rng.shuffle(&mut order);
        let mut times = vec![0.0; programs.len()];
        for &i in &order {
            times[i] = run(&programs[i].path)?.as_secs_f64();
        }
        // Round 0 warms the page cache and the CPU's frequency: not kept.
        if round > 0 {
            rounds.push(times);
        }
    }
    Ok(rounds)
}

/// Each profile's speed-up over `release` (program 0): the median of the per-round ratios,
/// with its order-statistic confidence interval.
pub fn speedups(profiles: &[String], rounds: &[Round]) -> Vec<ProfileFigure> {
    profiles
        .iter()
        .enumerate()
        .map(|(i, profile)| {
            let ratios: Vec<f64> = rounds.iter().map(|r| r[0] / r[i + 1]).collect();
            let measured = median(&ratios);
            let (low, high) = median_interval(&ratios, CONFIDENCE).unwrap_or((measured, measured));
            ProfileFigure {
                profile: profile.clone(),
                recorded: None,
                measured,
                low,
                high,
            }
        })
        .collect()
}

/// The median time of one run of the `release` build (program 0).
pub fn release_seconds(rounds: &[Round]) -> f64 {
    median(&rounds.iter().map(|r| r[0]).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn programs(names: &[&str]) -> Vec<Program> {
        names
            .iter()
            .map(|n| Program {
                name: n.to_string(),
                path: PathBuf::from(n),
            })
            .collect()
    }

    #[test]
    fn every_round_runs_every_program_once_and_the_warm_up_is_dropped() {
        let mut runs = Vec::new();
        let rounds = time_interleaved(&programs(&["release", "lab-lto"]), Duration::ZERO, 1, |p| {
            runs.push(p.to_path_buf());
            Ok(Duration::from_millis(if p == Path::new("release") {
                30
            } else {
                10
            }))
        })
        .unwrap();
        assert_eq!(rounds.len(), MIN_ROUNDS);
        assert_eq!(runs.len(), 2 * (MIN_ROUNDS + 1));
        assert!(rounds.iter().all(|r| r == &[0.03, 0.01]));
        let figures = speedups(&["lab-lto".into()], &rounds);
        assert!((figures[0].measured - 3.0).abs() < 1e-9);
        assert!((release_seconds(&rounds) - 0.03).abs() < 1e-12);
    }

    #[test]
    fn the_order_changes_from_round_to_round() {
        let mut firsts = std::collections::BTreeSet::new();
        let mut count = 0;
        time_interleaved(&programs(&["a", "b", "c"]), Duration::ZERO, 7, |p| {
            if count % 3 == 0 {
                firsts.insert(p.to_path_buf());
            }
            count += 1;
            Ok(Duration::from_millis(1))
        })
        .unwrap();
        assert!(firsts.len() > 1, "the same program always ran first");
    }

    #[test]
    fn a_failing_run_is_the_graders_error() {
        let failed = time_interleaved(&programs(&["a"]), Duration::ZERO, 1, |_| bail!("crashed"));
        assert!(failed.is_err());
    }

    #[test]
    fn noisy_rounds_give_an_interval_around_the_median() {
        let rounds: Vec<Round> = (0..20).map(|i| vec![0.2 + 0.01 * (i % 5) as f64, 0.1]).collect();
        let f = &speedups(&["lab-lto".into()], &rounds)[0];
        assert!(f.low < f.measured && f.measured < f.high, "{f:?}");
        assert!(f.low >= 2.0 && f.high <= 2.4, "{f:?}");
    }
}
