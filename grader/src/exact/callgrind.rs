//! Reading callgrind's counts: the total on valgrind's log, and each thread's total in the files
//! `--separate-threads=yes` writes at exit.

use std::collections::BTreeMap;
use std::path::Path;

/// The instructions one counted process executed: in all, and per thread (thread 1 is the
/// main thread) when they were asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counts {
    /// Every instruction of the process, all threads.
    pub total: u64,
    /// Instructions by thread number, when threads were counted apart.
    pub threads: BTreeMap<u32, u64>,
}

/// The total on valgrind's log (`==PID== Collected : N`): `None` unless the log holds exactly
/// one, which valgrind prints once, as the process ends.
pub fn total_from_log(log: &str) -> Option<u64> {
    let mut totals = log.lines().filter_map(|line| {
        let (_, rest) = line.split_once("== Collected : ")?;
        rest.trim().parse::<u64>().ok()
    });
    let first = totals.next()?;
    totals.next().is_none().then_some(first)
}

/// Each thread's total from the files `<prefix>.<pid>-<thread>` in `dir`, written by callgrind
/// with `--separate-threads=yes --callgrind-out-file=<dir>/<prefix>.%p`.
pub fn threads_from_files(dir: &Path, prefix: &str) -> std::io::Result<BTreeMap<u32, u64>> {
    let mut threads = BTreeMap::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(thread) = name
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('.'))
            .and_then(|rest| rest.rsplit_once('-'))
            .and_then(|(_, thread)| thread.parse::<u32>().ok())
        else {
            continue;
        };
        let text = std::fs::read_to_string(entry.path())?;
        if let Some(total) = file_total(&text) {
            threads.insert(thread, total);
        }
    }
    Ok(threads)
}

/// Whether per-thread counts can be trusted: when they were asked for, the main thread's must
/// be there and they must add up to valgrind's total. Without them a parallel split would rest
/// on nothing (no busiest thread reads as an infinite speed-up).
pub fn check_threads(requested: bool, total: u64, threads: &BTreeMap<u32, u64>) -> Result<(), String> {
    if !requested {
        return Ok(());
    }
    if !threads.contains_key(&1) {
        return Err(
            "valgrind's per-thread counts are missing: the directory they are written to was tampered with"
                .into(),
        );
    }
    let sum: u64 = threads.values().sum();
    if sum != total {
        return Err(format!(
            "the per-thread counts add up to {sum} instructions, but valgrind counted {total}"
        ));
    }
    Ok(())
}

/// The `totals:` line of one callgrind output file (one event, `Ir`).
fn file_total(text: &str) -> Option<u64> {
    text.lines()
        .find_map(|line| line.strip_prefix("totals:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "==12864== Callgrind, a call-graph generating cache profiler\n\
        ==12864== Command: harness run\n==12864== \n==12864== Events    : Ir\n\
        ==12864== Collected : 336546\n==12864== \n==12864== I   refs:      336,546\n";

    #[test]
    fn the_total_is_read_from_the_end_of_the_log() {
        assert_eq!(total_from_log(LOG), Some(336_546));
    }

    #[test]
    fn a_log_without_exactly_one_total_gives_none() {
        assert_eq!(total_from_log("==1== Command: harness run\n"), None);
        let twice = format!("{LOG}==1== Collected : 5\n");
        assert_eq!(total_from_log(&twice), None);
    }

    #[test]
    fn per_thread_counts_must_be_there_and_add_up() {
        let threads = BTreeMap::from([(1, 300), (2, 700)]);
        assert_eq!(check_threads(true, 1000, &threads), Ok(()));
        assert!(
            check_threads(true, 999, &threads)
                .unwrap_err()
                .contains("add up to 1000")
        );
        assert!(
            check_threads(true, 1000, &BTreeMap::new())
                .unwrap_err()
                .contains("missing")
        );
        assert!(check_threads(true, 700, &BTreeMap::from([(2, 700)])).is_err());
        assert_eq!(check_threads(false, 1000, &BTreeMap::new()), Ok(()));
    }

    #[test]
    fn thread_totals_come_from_their_files_and_others_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, total: u64| {
            let text = format!(
                "version: 1\ncreator: callgrind\npart: 1\nthread: 1\nevents: Ir\nsummary: {total}\n\ntotals: {total}\n"
            );
            std::fs::write(dir.path().join(name), text).unwrap();
        };
        file("abc.77-01", 318_542);
        file("abc.77-02", 12_390);
        file("other.77-03", 999);
        std::fs::write(dir.path().join("abc.77"), "").unwrap();
        let threads = threads_from_files(dir.path(), "abc").unwrap();
        assert_eq!(threads, BTreeMap::from([(1, 318_542), (2, 12_390)]));
    }
}
