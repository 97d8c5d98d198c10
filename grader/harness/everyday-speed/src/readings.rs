//! `buffered-io`: write a report of readings into a file, and summarize a log read from
//! another, both through the harness's counting handles.
//!
//! The input's size n is the number of readings written; the generated log has n lines too
//! (the generators are the exercise's [`readings`](crate::inputs::readings) and
//! [`sensor_log`](crate::inputs::sensor_log), shared with its benchmark).

use crate::Api;
use crate::handle::{CountingReader, CountingWriter};
use fastrand::Rng;
use grader_kit::correctness::{Case, case};
use grader_kit::text::thousands;
use grader_kit::{Count, Input, Output};
use std::io::ErrorKind;

/// A `Summary` as plain figures: `(readings, skipped, min, max, total)`.
pub type Figures = (u64, u64, Option<i32>, Option<i32>, i64);

/// One run's work: the readings to write, and the log to summarize.
#[derive(Clone)]
pub struct Workload {
    /// `(sensor, time, milli_celsius)`, in order.
    pub readings: Vec<(u32, u64, i32)>,
    /// The log's bytes (UTF-8, except in one edge case).
    pub log: Vec<u8>,
}

impl std::fmt::Debug for Workload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "readings {:?}, log {:?}",
            self.readings,
            String::from_utf8_lossy(&self.log)
        )
    }
}

impl Input for Workload {
    fn size(&self) -> usize {
        self.readings.len()
    }

    fn describe_size(&self) -> String {
        format!(
            "{} readings and a log of {} bytes",
            thousands(self.readings.len() as u64),
            thousands(self.log.len() as u64)
        )
    }

    /// Fewer readings with the same log, then the same readings with part of the log (cut at
    /// line ends).
    fn shrink(&self) -> Vec<Self> {
        let mut smaller: Vec<Self> = self
            .readings
            .shrink()
            .into_iter()
            .map(|readings| Workload {
                readings,
                log: self.log.clone(),
            })
            .collect();
        let lines: Vec<&[u8]> = self.log.split_inclusive(|&b| b == b'\n').collect();
        if lines.len() >= 2 {
            let half = lines.len() / 2;
            for part in [&lines[..half], &lines[half..]] {
                smaller.push(Workload {
                    readings: self.readings.clone(),
                    log: part.concat(),
                });
            }
        } else if !self.log.is_empty() {
            smaller.push(Workload {
                readings: self.readings.clone(),
                log: Vec::new(),
            });
        }
        smaller
    }
}

/// What a run gave: the report as written and what `write_report` returned, and the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The bytes that reached the file, as text (lossily, should they not be UTF-8).
    pub report: String,
    /// What `write_report` returned.
    pub written: Result<(), ErrorKind>,
    /// What `summarize` returned.
    pub summary: Result<Figures, ErrorKind>,
}

impl Output for Outcome {
    fn first_difference(&self, actual: &Self) -> String {
        if self.written != actual.written {
            format!(
                "write_report returned {:?}, expected {:?}",
                actual.written, self.written
            )
        } else if self.report != actual.report {
            format!("in the report, {}", self.report.first_difference(&actual.report))
        } else {
            format!(
                "summarize returned {:?}, expected {:?} (as (readings, skipped, min, max, total))",
                actual.summary, self.summary
            )
        }
    }
}

/// The workload of size `n`: `n` readings and a log of `n` lines.
pub fn workload(rng: &mut Rng, n: usize) -> Workload {
    Workload {
        readings: crate::inputs::readings(rng, n),
        log: crate::inputs::sensor_log(rng, n).into_bytes(),
    }
}

/// The handles after one run of the subject: the file written and the log read.
fn run_with<S: Api>(work: &Workload) -> (Outcome, CountingWriter, u64) {
    let mut file = CountingWriter::default();
    let written = S::write_report(&work.readings, &mut file);
    let mut log = CountingReader::new(&work.log);
    let summary = S::summarize(&mut log);
    let outcome = Outcome {
        report: String::from_utf8_lossy(&file.written).into_owned(),
        written,
        summary,
    };
    (outcome, file, log.calls)
}

/// One run of `S`: the report it wrote and the summary it read.
pub fn run<S: Api>(work: &Workload) -> Outcome {
    run_with::<S>(work).0
}

/// The calls that reached the handles in one run of `S`: `write-calls` and `read-calls`.
pub fn count<S: Api>(work: &Workload) -> Vec<Count> {
    let (_, file, reads) = run_with::<S>(work);
    vec![
        Count {
            counter: "write-calls",
            value: file.calls,
            unit: "write calls",
            detail: Some(format!(
                "{} write calls to write a report of {} readings ({} bytes)",
                thousands(file.calls),
                thousands(work.readings.len() as u64),
                thousands(file.written.len() as u64)
            )),
        },
        Count {
            counter: "read-calls",
            value: reads,
            unit: "read calls",
            detail: Some(format!(
                "{} read calls to summarize a log of {} bytes",
                thousands(reads),
                thousands(work.log.len() as u64)
            )),
        },
    ]
}

/// A workload of these readings and this log.
fn work(readings: Vec<(u32, u64, i32)>, log: &[u8]) -> Workload {
    Workload {
        readings,
        log: log.to_vec(),
    }
}

/// Hand-picked workloads (nothing, the types' extremes, every kind of damaged line, line ends
/// of both kinds, a log that is not UTF-8, lines longer than a buffer), then generated ones of
/// awkward sizes, around the 8 KiB a standard buffer holds.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Workload>> {
    let header = b"sensor,time,milli_celsius\n";
    let extremes = vec![
        (0, 0, 0),
        (u32::MAX, u64::MAX, i32::MAX),
        (1, 1, i32::MIN),
        (7, 1_764_800_000, -1),
    ];
    let long_line = format!("1,2,{}\n", "9".repeat(100_000));
    let mut cases = vec![
        case("edge case: no readings, an empty log", work(vec![], b"")),
        case(
            "edge case: one reading, a log of only the header",
            work(vec![(3, 60, 21_500)], header),
        ),
        case(
            "edge case: the types' extremes",
            work(
                extremes,
                b"0,0,0\n4294967295,18446744073709551615,2147483647\n1,1,-2147483648\n",
            ),
        ),
        case(
            "edge case: a last line with no newline",
            work(vec![], b"1,2,3\n4,5,6"),
        ),
        case(
            "edge case: \\r\\n line ends",
            work(vec![], b"sensor,time,milli_celsius\r\n1,2,3\r\n4,5,-6\r\n"),
        ),
        case("edge case: blank lines only", work(vec![], b"\n\n\r\n\n")),
        case(
            "edge case: spaces around the fields",
            work(vec![], b" 1 , 2 ,3\n1,2, -3 \n"),
        ),
        case(
            "edge case: damaged lines (too few fields, too many, not numbers, out of range)",
            work(
                vec![],
                b"1,2\n1,2,3,4\nx,1,2\n1,2,3.5\n-1,2,3\n1,-2,3\n1,2,2147483648\n4294967296,1,1\n,,\n5,5,5\n",
            ),
        ),
        case(
            "edge case: temperatures whose sum leaves i32",
            work(vec![], "1,1,2147483647\n".repeat(3).as_bytes()),
        ),
        case(
            "edge case: a log that is not UTF-8",
            work(vec![(1, 2, 3)], b"1,2,3\n4,5,\xff\n6,7,8\n"),
        ),
        case(
            "edge case: UTF-8 beyond ASCII",
            work(
                vec![],
                "s\u{e9}nsor,t\u{ef}me,\u{b0}C\n1,2,3\n\u{1f321},1,1\n".as_bytes(),
            ),
        ),
        case(
            "edge case: a line longer than 64 KiB",
            work(vec![], long_line.as_bytes()),
        ),
    ];
    // Around one and several 8 KiB buffers, and beyond a 64 KiB call.
    for n in [1, 2, 3, 17, 255, 256, 340, 341, 342, 1_000, 3_000] {
        cases.push(case(
            format!("random readings and log, {n} lines"),
            workload(rng, n),
        ));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Starter;

    #[test]
    fn the_starter_agrees_with_the_summary_of_its_own_report() {
        let work = workload(&mut Rng::with_seed(5), 200);
        let out = run::<Starter>(&work);
        assert_eq!(out.written, Ok(()));
        assert_eq!(out.report.lines().count(), 201);
        let Ok((readings, skipped, min, max, _)) = out.summary else {
            panic!("the generated log is UTF-8")
        };
        assert_eq!(readings + skipped, 200);
        assert!(skipped >= 1, "the header is skipped");
        assert!(min <= max);
    }

    #[test]
    fn the_edge_cases_cover_the_error_and_the_long_line() {
        let cases = edge_cases(&mut Rng::with_seed(1));
        let outcomes: Vec<Outcome> = cases.iter().map(|c| run::<Starter>(&c.input)).collect();
        assert!(outcomes.iter().any(|o| o.summary == Err(ErrorKind::InvalidData)));
        assert!(outcomes.iter().any(|o| o.summary == Ok((0, 1, None, None, 0))));
    }

    #[test]
    fn shrinking_makes_workloads_smaller_in_readings_or_log() {
        let work = workload(&mut Rng::with_seed(2), 40);
        for smaller in work.shrink() {
            assert!(smaller.readings.len() < 40 || smaller.log.len() < work.log.len());
        }
    }
}
