//! Measured figures in words: "62.1× (99% CI 58.2–66.0×)", "≈ O(n^1.07)".

use grader_kit::protocol::{Evidence, Goal, Measurement, ServiceFigures, Verdict};
use grader_kit::spec::HeapFigure;

/// A number with three significant figures at most, as people write speed-ups.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "?".into();
    }
    match x.abs() {
        a if a >= 100.0 => format!("{x:.0}"),
        a if a >= 10.0 => format!("{x:.1}"),
        _ => format!("{x:.2}"),
    }
}

/// A figure that may not have been measured, shown by `show`: "?" when it was not.
pub fn or_unknown(x: Option<f64>, show: impl FnOnce(f64) -> String) -> String {
    x.map_or_else(|| "?".into(), show)
}

/// Seconds, in the unit that reads best.
pub fn seconds(s: f64) -> String {
    match s {
        s if !s.is_finite() => "?".into(),
        s if s >= 1.0 => format!("{s:.2} s"),
        s if s >= 1e-3 => format!("{:.2} ms", s * 1e3),
        s if s >= 1e-6 => format!("{:.1} µs", s * 1e6),
        s => format!("{:.0} ns", s * 1e9),
    }
}

/// A byte count in the binary unit that reads best: "512 B", "1.5 KiB", "9.38 MiB".
pub fn bytes(b: f64) -> String {
    const KIB: f64 = 1024.0;
    const MIB: f64 = 1024.0 * 1024.0;
    match b {
        b if !b.is_finite() => "?".into(),
        b if b >= MIB => format!("{:.2} MiB", b / MIB),
        b if b >= KIB => format!("{:.1} KiB", b / KIB),
        b => format!("{b:.0} B"),
    }
}

/// A count with thousands separators: "1,204".
pub fn count(n: u64) -> String {
    grader_kit::text::thousands(n)
}

/// A heap figure in its unit: bytes as KiB/MiB, allocations as a count.
pub fn heap_figure(figure: HeapFigure, value: u64) -> String {
    match figure {
        HeapFigure::Allocations => format!("{} allocations", count(value)),
        HeapFigure::PeakBytes | HeapFigure::LeakedBytes => bytes(value as f64),
    }
}

/// Whether a measurement is the no-slower guard (a speed-up measurement with a low goal).
fn is_guard(m: &Measurement) -> bool {
    m.metric == "no-slower"
}

/// A count measurement's value with thousands separators ("?" when not measured).
fn counted(m: &Measurement) -> String {
    or_unknown(m.value, |v| count(v as u64))
}

/// The measured value with its interval.
pub fn measured(m: &Measurement) -> String {
    let level = format!("{:.0}% CI", m.confidence * 100.0);
    let interval = match (m.low, m.high) {
        (Some(low), Some(high)) => format!("{level} {}–{}", number(low), number(high)),
        _ => format!("{level} not reached in {} rounds", m.samples),
    };
    let value = or_unknown(m.value, number);
    match &m.evidence {
        Evidence::Timings { .. } if is_guard(m) => {
            format!("speed {value}× the starter's ({interval})")
        }
        Evidence::Timings { .. } => format!("speed-up {value}× ({interval})"),
        Evidence::Instructions { .. } if is_guard(m) => {
            format!("{value}× fewer instructions than the starter's (counted, exact)")
        }
        Evidence::Instructions { .. } => format!("{value}× fewer instructions (counted, exact)"),
        Evidence::ThreadSplit { cores, .. } => {
            format!("work split allows {value}× on {cores} cores (counted, exact)")
        }
        Evidence::InstructionCurves { .. } => format!(
            "instructions ≈ O(n^{}) (counted, exact)",
            or_unknown(m.value, |v| format!("{v:.2}"))
        ),
        Evidence::Parallel { cores: 1, .. } => "one core: parallel speed not graded, correctness only".into(),
        Evidence::Parallel { cores, .. } => {
            format!("speed-up {value}× on {cores} cores ({interval})")
        }
        // A broken property reads as what broke, with its limit; the detail follows below.
        Evidence::Count { limit: 0, .. } if m.verdict == Verdict::Fail => {
            format!("{} {} where none allowed", counted(m), m.unit)
        }
        Evidence::Count { limit, .. } if m.verdict == Verdict::Fail => {
            format!("{} {} where ≤ {} allowed", counted(m), m.unit, count(*limit))
        }
        Evidence::Count { .. } => format!("{} {}", counted(m), m.unit),
        Evidence::Heap { figure, subject, .. } => match figure {
            HeapFigure::PeakBytes => format!("peak heap {}", bytes(*subject as f64)),
            HeapFigure::Allocations => heap_figure(*figure, *subject),
            HeapFigure::LeakedBytes => format!("{} still allocated after drop", bytes(*subject as f64)),
        },
        Evidence::Curves { .. } => format!(
            "time ≈ O(n^{}) ({interval})",
            or_unknown(m.value, |v| format!("{v:.2}"))
        ),
        Evidence::Crossover {
            measured, claimed, ..
        } => format!("your crossover {claimed:.0} is {value}× the measured {measured:.0} ({interval})"),
        Evidence::BenchmarkFigure { .. } => {
            format!("your benchmark reads {value}× the true time ({interval})")
        }
        Evidence::Lints { found, group, .. } if found.is_empty() => format!("no clippy::{group} lints"),
        Evidence::Lints { found, group, .. } => {
            format!("{} clippy::{group} lints left", count(found.len() as u64))
        }
        Evidence::ProfileFindings {
            profiles,
            best_recorded,
            ..
        } if m.value.is_none() => {
            let mut missing: Vec<&str> = profiles
                .iter()
                .filter(|p| p.recorded.is_none())
                .map(|p| p.profile.as_str())
                .collect();
            if best_recorded.is_none() {
                missing.push("the best profile");
            }
            match missing.is_empty() {
                true => "findings.toml's [build-profiles] table could not be read".into(),
                false => format!("not recorded in findings.toml: {}", missing.join(", ")),
            }
        }
        Evidence::ProfileFindings {
            best_recorded,
            best_measured,
            ..
        } => format!(
            "your fastest profile's speed-up lies {value}× from the measured one ({interval}); fastest: yours {}, measured {best_measured}",
            best_recorded.as_deref().unwrap_or("not named")
        ),
        Evidence::Findings { found, missed, .. } if m.metric == "diagnosis" => {
            format!("named {} of {} bottlenecks", found.len(), found.len() + missed)
        }
        Evidence::Findings { found, missed, .. } => {
            format!("named {} of {} hot functions", found.len(), found.len() + missed)
        }
        Evidence::Load { .. } if m.metric == "light-latency" => {
            format!("light requests' tail latency {value}× lower than the starter's ({interval})")
        }
        Evidence::Load { .. } => format!("throughput {value}× the starter's ({interval})"),
        Evidence::Resident { subject_bytes, .. } => {
            format!("peak resident memory {}", bytes(*subject_bytes as f64))
        }
    }
}

/// The goal, in words.
pub fn goal(m: &Measurement) -> String {
    match (&m.evidence, m.goal) {
        (Evidence::Timings { .. }, Goal::AtLeast(t)) if is_guard(m) => {
            format!("no slower than {}× the starter's time", number(1.0 / t))
        }
        (Evidence::Timings { .. }, Goal::AtLeast(t)) => format!("≥ {}× faster than the starter", number(t)),
        (Evidence::Instructions { .. }, Goal::AtLeast(t)) if is_guard(m) => {
            format!("at most {}× the starter's instructions", number(1.0 / t))
        }
        (Evidence::Instructions { .. }, Goal::AtLeast(t)) => {
            format!("≥ {}× fewer instructions than the starter", number(t))
        }
        (Evidence::ThreadSplit { cores, .. }, Goal::AtLeast(t)) => format!(
            "≥ {}× (1 + {} × ({cores} − 1) cores)",
            number(t),
            number((t - 1.0) / (*cores as f64 - 1.0).max(1.0))
        ),
        (Evidence::InstructionCurves { target, .. }, Goal::AtMost(t)) => {
            format!("exponent ≤ {} ({target} or better)", number(t))
        }
        (Evidence::Parallel { cores, .. }, Goal::AtLeast(t)) => format!(
            "≥ {}× (1 + {} × ({cores} − 1) cores)",
            number(t),
            number((t - 1.0) / (*cores as f64 - 1.0).max(1.0))
        ),
        (Evidence::Count { limit: 0, .. }, _) => format!("no {}", m.unit),
        (Evidence::Count { limit, .. }, _) => format!("≤ {} {}", count(*limit), m.unit),
        (Evidence::Heap { threshold: 0, .. }, _) => "none".into(),
        (
            Evidence::Heap {
                figure,
                starter,
                threshold,
                ..
            },
            _,
        ) => format!(
            "≤ {} ({:.0}% of the starter's)",
            heap_figure(*figure, *threshold),
            *threshold as f64 / (*starter).max(1) as f64 * 100.0
        ),
        (Evidence::Curves { target, .. }, Goal::AtMost(t)) => {
            format!("exponent ≤ {} ({target} or better)", number(t))
        }
        (Evidence::Findings { max_named, .. }, Goal::AtLeast(t)) if m.metric == "diagnosis" => {
            format!("all {t:.0} named, at most {max_named} causes per line")
        }
        (Evidence::Findings { max_named, .. }, Goal::AtLeast(t)) => {
            format!("all {t:.0} named, in at most {max_named} names")
        }
        (Evidence::Lints { group, limit: 0, .. }, _) => format!("no clippy::{group} lints"),
        (Evidence::Lints { group, limit, .. }, _) => {
            format!("≤ {} clippy::{group} lints", count(*limit))
        }
        (Evidence::ProfileFindings { .. }, Goal::AtMost(t)) => {
            format!(
                "the fastest profile named, its speed-up within {}× of the measured one (the others within {}×)",
                number(t),
                number(t * t)
            )
        }
        (Evidence::Load { .. }, Goal::AtLeast(t)) if m.metric == "light-latency" => {
            format!("≥ {}× lower than the starter's", number(t))
        }
        (Evidence::Load { .. }, Goal::AtLeast(t)) => format!("≥ {}× the starter's", number(t)),
        (
            Evidence::Resident {
                starter_bytes,
                threshold,
                ..
            },
            _,
        ) => format!(
            "≤ {} ({:.0}% of the starter's)",
            bytes(*threshold as f64),
            *threshold as f64 / (*starter_bytes).max(1) as f64 * 100.0
        ),
        (_, Goal::Between(a, b)) => format!("between {}× and {}×", number(a), number(b)),
        (_, Goal::AtLeast(t)) => format!("≥ {} {}", number(t), m.unit),
        (_, Goal::AtMost(t)) => format!("≤ {} {}", number(t), m.unit),
    }
}

/// The figures behind the measurement, in a line.
pub fn evidence(m: &Measurement) -> String {
    let list = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join(", ");
    match &m.evidence {
        Evidence::Timings {
            n,
            starter_seconds,
            subject_seconds,
        } => format!(
            "at n = {n}: starter {} per call, yours {}",
            seconds(*starter_seconds),
            seconds(*subject_seconds)
        ),
        Evidence::Instructions {
            n,
            starter_instructions,
            subject_instructions,
        } => format!(
            "at n = {n}: starter {} instructions per call, yours {}",
            count(*starter_instructions as u64),
            count(*subject_instructions as u64)
        ),
        Evidence::InstructionCurves {
            sizes,
            subject_instructions,
            starter_exponent,
            ..
        } => format!(
            "your instructions per call at n = {}: {}; the starter grows as O(n^{starter_exponent:.2})",
            list(&mut sizes.iter().map(ToString::to_string)),
            list(&mut subject_instructions.iter().map(|s| count(*s as u64))),
        ),
        Evidence::ThreadSplit {
            n,
            starter_instructions,
            subject_instructions,
            busiest_thread_instructions,
            threads,
            ..
        } => format!(
            "at n = {n}: starter {} instructions per call; yours {} on {threads} threads, the busiest {}",
            count(*starter_instructions as u64),
            count(*subject_instructions as u64),
            count(*busiest_thread_instructions as u64)
        ),
        Evidence::Curves {
            sizes,
            subject_seconds,
            starter_exponent,
            ..
        } => format!(
            "yours at n = {}: {}; the starter grows as O(n^{starter_exponent:.2})",
            list(&mut sizes.iter().map(ToString::to_string)),
            list(&mut subject_seconds.iter().map(|s| seconds(*s))),
        ),
        Evidence::Crossover {
            first,
            second,
            sizes,
            ratios,
            ..
        } => format!(
            "time of {second} / time of {first} at n = {}: {}",
            list(&mut sizes.iter().map(ToString::to_string)),
            list(&mut ratios.iter().map(|r| number(*r))),
        ),
        Evidence::BenchmarkFigure {
            claimed_seconds,
            measured_seconds,
        } => format!(
            "your benchmark: {} per iteration; the grader's measurement: {} per call",
            seconds(*claimed_seconds),
            seconds(*measured_seconds)
        ),
        Evidence::Parallel {
            n,
            starter_seconds,
            subject_seconds,
            capacity,
            offered,
            ..
        } => format!(
            "at n = {n}: starter {} per call, yours {}; the machine ran the probe's threads {}× as fast together, and offered all its cores in {:.0}% of the rounds",
            or_unknown(*starter_seconds, seconds),
            or_unknown(*subject_seconds, seconds),
            or_unknown(*capacity, number),
            or_unknown(*offered, |o| format!("{:.0}", o * 100.0))
        ),
        Evidence::Count { n, detail, .. } => format!(
            "one fixed scenario of n = {n}: {}",
            detail
                .clone()
                .unwrap_or_else(|| format!("{} {}", counted(m), m.unit))
        ),
        Evidence::Heap {
            figure,
            n,
            starter,
            subject,
            threshold,
            resident_growth,
        } => format!(
            "your code's first call in a fresh process, on a random input of size {n}: starter {}, yours {}, threshold {}{}",
            heap_figure(*figure, *starter),
            heap_figure(*figure, *subject),
            heap_figure(*figure, *threshold),
            resident_growth
                .map(|g| format!(
                    "; resident memory grew by {}",
                    heap_figure(HeapFigure::PeakBytes, g)
                ))
                .unwrap_or_default(),
        ),
        Evidence::Findings { named, missed, .. } if m.metric == "diagnosis" => format!(
            "you named: {}; bottlenecks not named yet: {missed}",
            if named.is_empty() {
                "nothing".to_string()
            } else {
                named.join(", ")
            },
        ),
        Evidence::Load {
            rounds,
            requests,
            starter,
            subject,
        } if m.metric == "light-latency" => {
            let p99 = |f: &ServiceFigures| {
                f.light_percentiles
                    .iter()
                    .find(|(p, _)| (*p - 99.0).abs() < 1e-9)
                    .map_or_else(|| "?".to_string(), |(_, s)| seconds(*s))
            };
            let _ = requests;
            format!(
                "light requests while heavy ones ran, over {rounds} rounds: p99 starter {}, yours {}",
                p99(starter),
                p99(subject)
            )
        }
        Evidence::Load {
            rounds,
            requests,
            starter,
            subject,
        } => format!(
            "{requests} mixed requests per round, {rounds} rounds: starter {} requests/s, yours {}",
            number(starter.requests_per_second),
            number(subject.requests_per_second)
        ),
        Evidence::Resident {
            starter_bytes,
            subject_bytes,
            threshold,
        } => format!(
            "the servers' peak resident memory over the whole load: starter {}, yours {}, threshold {}",
            bytes(*starter_bytes as f64),
            bytes(*subject_bytes as f64),
            bytes(*threshold as f64)
        ),
        Evidence::Lints { found, group, .. } if found.is_empty() => {
            format!("clippy found no lint of its {group} group in your library")
        }
        Evidence::Lints { found, .. } => list(
            &mut found
                .iter()
                .map(|l| format!("{} at {}:{} ({})", l.name, l.file, l.line, l.message)),
        ),
        Evidence::ProfileFindings { release_seconds, .. } if *release_seconds == 0.0 => {
            "nothing measured yet: the grader builds and times the program once every profile and \
             the fastest one are recorded"
                .into()
        }
        Evidence::ProfileFindings {
            profiles,
            release_seconds,
            ..
        } => format!(
            "release: {} a run; {}",
            seconds(*release_seconds),
            list(&mut profiles.iter().map(|p| format!(
                "{}: {}× ({}–{}), yours {}",
                p.profile,
                number(p.measured),
                number(p.low),
                number(p.high),
                or_unknown(p.recorded, |r| format!("{}×", number(r)))
            )))
        ),
        Evidence::Findings { named, missed, .. } => format!(
            "you named: {}; hot functions not named yet: {missed}",
            if named.is_empty() {
                "nothing".to_string()
            } else {
                named.join(", ")
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speedup(value: f64, low: Option<f64>, high: Option<f64>) -> Measurement {
        Measurement {
            metric: "speedup".into(),
            value: Some(value),
            low,
            high,
            confidence: 0.99,
            unit: "x".into(),
            goal: Goal::AtLeast(10.0),
            verdict: Verdict::Pass,
            samples: 10,
            evidence: Evidence::Timings {
                n: 8000,
                starter_seconds: 0.0064,
                subject_seconds: 0.000105,
            },
        }
    }

    #[test]
    fn numbers_keep_three_significant_figures() {
        assert_eq!(number(61.234), "61.2");
        assert_eq!(number(1.0149), "1.01");
        assert_eq!(number(143.7), "144");
        assert_eq!(number(f64::NAN), "?");
    }

    #[test]
    fn seconds_pick_a_unit() {
        assert_eq!(seconds(0.0064), "6.40 ms");
        assert_eq!(seconds(0.000105), "105.0 µs");
        assert_eq!(seconds(2.5), "2.50 s");
        assert_eq!(seconds(4e-8), "40 ns");
    }

    #[test]
    fn heap_figures_read_in_binary_units_and_counts() {
        assert_eq!(bytes(512.0), "512 B");
        assert_eq!(bytes(1536.0), "1.5 KiB");
        assert_eq!(bytes(9_830_400.0), "9.38 MiB");
        assert_eq!(count(1_204), "1,204");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000_000), "1,000,000");
        let m = Measurement {
            metric: "allocations".into(),
            value: Some(812.0),
            low: Some(812.0),
            high: Some(812.0),
            confidence: 1.0,
            unit: "allocations".into(),
            goal: Goal::AtMost(5_104.0),
            verdict: Verdict::Pass,
            samples: 1,
            evidence: Evidence::Heap {
                figure: HeapFigure::Allocations,
                n: 20_000,
                starter: 20_417,
                subject: 812,
                threshold: 5_104,
                resident_growth: None,
            },
        };
        assert_eq!(measured(&m), "812 allocations");
        assert_eq!(goal(&m), "≤ 5,104 allocations (25% of the starter's)");
        assert_eq!(
            evidence(&m),
            "your code's first call in a fresh process, on a random input of size 20000: starter 20,417 allocations, yours 812 allocations, threshold 5,104 allocations"
        );
        let leak = Measurement {
            metric: "leaked-bytes".into(),
            goal: Goal::AtMost(0.0),
            evidence: Evidence::Heap {
                figure: HeapFigure::LeakedBytes,
                n: 2_000,
                starter: 131_072,
                subject: 131_072,
                threshold: 0,
                resident_growth: None,
            },
            ..m
        };
        assert_eq!(measured(&leak), "128.0 KiB still allocated after drop");
        assert_eq!(goal(&leak), "none");
    }

    #[test]
    fn a_broken_count_reads_as_what_broke() {
        let m = Measurement {
            metric: "backend-calls".into(),
            value: Some(1_204.0),
            low: Some(1_204.0),
            high: Some(1_204.0),
            confidence: 1.0,
            unit: "backend calls".into(),
            goal: Goal::AtMost(100.0),
            verdict: Verdict::Fail,
            samples: 1,
            evidence: Evidence::Count {
                counter: "backend-calls".into(),
                n: 5_000,
                limit: 100,
                detail: Some("1,204 backend calls for 5,000 lookups of 612 distinct SKUs".into()),
            },
        };
        assert_eq!(measured(&m), "1,204 backend calls where ≤ 100 allowed");
        assert_eq!(
            evidence(&m),
            "one fixed scenario of n = 5000: 1,204 backend calls for 5,000 lookups of 612 distinct SKUs"
        );
        assert_eq!(goal(&m), "≤ 100 backend calls");
        let ok = Measurement {
            verdict: Verdict::Pass,
            value: Some(40.0),
            ..m.clone()
        };
        assert_eq!(measured(&ok), "40 backend calls");
        let stale = Measurement {
            unit: "stale answers".into(),
            evidence: Evidence::Count {
                counter: "stale-answers".into(),
                n: 5_000,
                limit: 0,
                detail: None,
            },
            ..m
        };
        assert_eq!(goal(&stale), "no stale answers");
        assert_eq!(measured(&stale), "1,204 stale answers where none allowed");
        assert_eq!(
            evidence(&stale),
            "one fixed scenario of n = 5000: 1,204 stale answers"
        );
    }

    #[test]
    fn the_no_slower_guard_reads_as_a_limit_on_time() {
        let guard = Measurement {
            metric: "no-slower".into(),
            goal: Goal::AtLeast(0.8),
            ..speedup(1.1, Some(1.05), Some(1.2))
        };
        assert_eq!(measured(&guard), "speed 1.10× the starter's (99% CI 1.05–1.20)");
        assert_eq!(goal(&guard), "no slower than 1.25× the starter's time");
    }

    #[test]
    fn a_speedup_reads_with_its_interval_and_goal() {
        let m = speedup(61.2, Some(58.0), Some(66.04));
        assert_eq!(measured(&m), "speed-up 61.2× (99% CI 58.0–66.0)");
        assert_eq!(goal(&m), "≥ 10.0× faster than the starter");
        assert_eq!(
            evidence(&m),
            "at n = 8000: starter 6.40 ms per call, yours 105.0 µs"
        );
        let curve = Measurement {
            metric: "complexity".into(),
            unit: "exponent".into(),
            goal: Goal::AtMost(1.5),
            value: Some(1.071),
            low: Some(1.05),
            high: Some(1.1),
            evidence: Evidence::Curves {
                sizes: vec![1000, 2000],
                starter_seconds: vec![1e-4, 4e-4],
                subject_seconds: vec![1e-5, 2e-5],
                starter_exponent: 1.97,
                target: grader_kit::spec::ComplexityClass::Linearithmic,
            },
            ..m.clone()
        };
        assert_eq!(measured(&curve), "time ≈ O(n^1.07) (99% CI 1.05–1.10)");
        assert_eq!(goal(&curve), "exponent ≤ 1.50 (O(n log n) or better)");
        assert_eq!(
            evidence(&curve),
            "yours at n = 1000, 2000: 10.0 µs, 20.0 µs; the starter grows as O(n^1.97)"
        );
        let undecided = speedup(9.0, None, None);
        assert!(measured(&undecided).contains("not reached in 10 rounds"));
        let unmeasured = Measurement {
            value: None,
            ..undecided
        };
        assert_eq!(
            measured(&unmeasured),
            "speed-up ?× (99% CI not reached in 10 rounds)"
        );
    }
}
