//! The Memory management chapter's tasks: how to generate their inputs and how to call the code.
//!
//! The subject is reached through [`Api`], so the same task code grades the exercise, the
//! solution or the starter, each in its own binary (see `src/bin`). Every subject has two
//! binaries: the timed one, and a `-heap` twin that installs dhat's allocator for the heap checks.
//! Both call [`main`]; the kit decides, per check, which of them runs it.

use fastrand::Rng;
use grader_kit::TimedTask;
use grader_kit::correctness::Case;
use std::fmt::Write as _;
use std::process::ExitCode;

/// The chapter's public API, as the harness calls it.
pub trait Api {
    /// See `memory::endpoint_report` (the log as bytes: a `&[u8]` is a `BufRead`).
    fn endpoint_report(log: &[u8]) -> String;
    /// See `memory::top_words`.
    fn top_words(text: &str, k: usize) -> Vec<(String, usize)>;
    /// See `memory::org_answers`.
    fn org_answers(records: &[(u32, Option<u32>)], queries: &[u32]) -> Vec<(Vec<u32>, usize)>;
    /// `memory::sensor_report(&memory::load_readings(csv))`: the log is alive while the report
    /// is written, so the peak counts both.
    fn sensor_summary(csv: &str) -> String;
}

/// Implements [`Api`] for a new marker type by calling a crate with the chapter's API.
#[macro_export]
macro_rules! forward_api {
    ($marker:ident => $krate:ident) => {
        /// The subject these tasks grade.
        #[derive(Debug)]
        pub struct $marker;
        impl $crate::Api for $marker {
            fn endpoint_report(log: &[u8]) -> String {
                $krate::endpoint_report(log)
            }
            fn top_words(text: &str, k: usize) -> Vec<(String, usize)> {
                $krate::top_words(text, k)
            }
            fn org_answers(records: &[(u32, Option<u32>)], queries: &[u32]) -> Vec<(Vec<u32>, usize)> {
                $krate::org_answers(records, queries)
            }
            fn sensor_summary(csv: &str) -> String {
                $krate::sensor_report(&$krate::load_readings(csv))
            }
        }
    };
}

forward_api!(Starter => memory_starter);

/// An org chart's records and the IDs asked about.
type OrgInput = (Vec<(u32, Option<u32>)>, Vec<u32>);

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let log_summary = TimedTask {
        name: "log-summary",
        edge_cases: log_edge_cases,
        generate: access_log,
        starter: |log: &String| Starter::endpoint_report(log.as_bytes()),
        subject: |log: &String| S::endpoint_report(log.as_bytes()),
    };
    let word_frequencies = TimedTask {
        name: "word-frequencies",
        edge_cases: word_edge_cases,
        generate: prose,
        starter: |(text, k): &(String, usize)| Starter::top_words(text, *k),
        subject: |(text, k): &(String, usize)| S::top_words(text, *k),
    };
    let org_chart = TimedTask {
        name: "org-chart",
        edge_cases: org_edge_cases,
        generate: org_chart,
        starter: |(records, queries): &OrgInput| Starter::org_answers(records, queries),
        subject: |(records, queries): &OrgInput| S::org_answers(records, queries),
    };
    let sensor_log = TimedTask {
        name: "sensor-log",
        edge_cases: sensor_edge_cases,
        generate: sensor_csv,
        starter: |csv: &String| Starter::sensor_summary(csv),
        subject: |csv: &String| S::sensor_summary(csv),
    };
    grader_kit::harness::main(&[&log_summary, &word_frequencies, &org_chart, &sensor_log])
}

use grader_kit::correctness::case;

/// `lines`, each ended by `\n`.
fn text_of(lines: &[&str]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

// ---------------------------------------------------------------------------------------------
// log-summary
// ---------------------------------------------------------------------------------------------

/// The service's 40 endpoints.
const PATHS: [&str; 40] = [
    "/",
    "/health",
    "/metrics",
    "/login",
    "/logout",
    "/favicon.ico",
    "/robots.txt",
    "/static/app.js",
    "/static/app.css",
    "/static/logo.svg",
    "/api/v1/orders",
    "/api/v1/orders/search",
    "/api/v1/orders/export",
    "/api/v1/orders/bulk",
    "/api/v1/users",
    "/api/v1/users/me",
    "/api/v1/users/search",
    "/api/v1/users/invite",
    "/api/v1/products",
    "/api/v1/products/search",
    "/api/v1/products/import",
    "/api/v1/cart",
    "/api/v1/cart/items",
    "/api/v1/cart/checkout",
    "/api/v1/payments",
    "/api/v1/payments/refund",
    "/api/v1/invoices",
    "/api/v1/invoices/latest",
    "/api/v1/shipping/rates",
    "/api/v1/shipping/track",
    "/api/v1/reviews",
    "/api/v1/recommendations",
    "/api/v1/notifications",
    "/api/v1/settings",
    "/api/v1/reports/daily",
    "/api/v1/reports/monthly",
    "/api/v2/search",
    "/api/v2/orders",
    "/admin",
    "/admin/audit-log",
];

/// The first request's time: 2025-11-30 00:00 UTC, in milliseconds.
const FIRST_MS: u64 = 1_764_460_800_000;

/// An access log of `n` lines, about 41 bytes each: the 40 endpoints (the first ones far busier
/// than the last), mostly GETs, about 3% of 5xx, latencies with a long tail, and about one line
/// in a thousand malformed (cut short, or blank).
fn access_log(rng: &mut Rng, n: usize) -> String {
    let mut log = String::with_capacity(50 * n);
    let mut ms = FIRST_MS;
    for _ in 0..n {
        ms += rng.u64(..40);
        let busiest = rng.usize(1..=PATHS.len());
        let path = PATHS[rng.usize(..busiest)];
        match rng.u16(..1000) {
            0 => {
                let _ = writeln!(log, "{ms} GET {path}");
                continue;
            }
            1 => {
                log.push('\n');
                continue;
            }
            _ => {}
        }
        let method = match rng.u8(..20) {
            0..=13 => "GET",
            14..=17 => "POST",
            18 => "PUT",
            _ => "DELETE",
        };
        let status = match rng.u8(..100) {
            0..=79 => 200,
            80..=84 => 201,
            85..=86 => 204,
            87 => 301,
            88..=89 => 304,
            90..=91 => 400,
            92 => 401,
            93..=96 => 404,
            97 => 500,
            98 => 502,
            _ => 503,
        };
        let latency = match rng.u8(..20) {
            0 => rng.u64(5_000..2_000_000),
            _ => rng.u64(150..5_000),
        };
        let _ = writeln!(log, "{ms} {method} {path} {status} {latency}");
    }
    log
}

fn log_edge_cases(rng: &mut Rng) -> Vec<Case<String>> {
    let mut cases = vec![
        case("edge case: an empty log", String::new()),
        case(
            "edge case: one line",
            text_of(&["1764460800123 GET /api/orders 200 5123"]),
        ),
        case(
            "edge case: one line, no final newline",
            "1764460800123 GET /api/orders 200 5123".to_string(),
        ),
        case("edge case: blank lines only", "\n\n \n\t\n".to_string()),
        case(
            "edge case: CRLF line ends, tabs, runs of spaces",
            "1 GET /a 200 5\r\n2\tPOST   /a  503\t9\r\n  3 GET /b 404 1  \r\n".to_string(),
        ),
        case(
            "edge case: statuses around the bounds",
            text_of(&[
                "1 GET /s 99 1",
                "1 GET /s 100 2",
                "1 GET /s 499 3",
                "1 GET /s 500 4",
                "1 GET /s 599 5",
                "1 GET /s 600 6",
                "1 GET /s 65536 7",
            ]),
        ),
        case(
            "edge case: malformed lines",
            text_of(&[
                "1 GET api/no-slash 200 1",
                "1 GET /four-fields 200",
                "1 GET /six-fields 200 1 extra",
                "x GET /bad-time 200 1",
                "1 GET /bad-latency 200 -5",
                "1 GET /too-late 200 18446744073709551616",
                "1 GET /status-word OK 1",
                "-",
                "1 GET /fine 200 1",
            ]),
        ),
        case(
            "edge case: extreme values",
            text_of(&[
                "18446744073709551615 GET /max 599 18446744073709551615",
                "0 GET /max 100 0",
                "+5 GET /plus 200 +7",
            ]),
        ),
        case(
            "edge case: paths in byte order",
            text_of(&[
                "1 GET /a/b 200 1",
                "1 GET /a 200 2",
                "1 GET /a-b 200 3",
                "1 GET /B 200 4",
                "1 GET /café 200 5",
                "1 GET / 200 6",
            ]),
        ),
        case(
            "edge case: one path, many times",
            "7 GET /same 500 3\n".repeat(1000),
        ),
    ];
    // Every path once, then a line over 64 KiB (a path of 70,000 characters).
    let every: Vec<String> = PATHS.iter().map(|p| format!("1 GET {p} 200 1")).collect();
    cases.push(case(
        "edge case: every endpoint once",
        text_of(&every.iter().map(String::as_str).collect::<Vec<_>>()),
    ));
    cases.push(case(
        "edge case: a very long line",
        format!("1 GET /{} 200 1\n2 GET /x 200 2\n", "y".repeat(70_000)),
    ));
    for n in [3, 31, 257, 1025] {
        cases.push(case(format!("random log of {n} lines"), access_log(rng, n)));
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// word-frequencies
// ---------------------------------------------------------------------------------------------

/// The most common English words, most frequent first: the head of the vocabulary.
const COMMON_WORDS: [&str; 40] = [
    "the", "of", "and", "to", "a", "in", "is", "it", "you", "that", "he", "was", "for", "on", "are", "with",
    "as", "i", "his", "they", "be", "at", "one", "have", "this", "from", "or", "had", "by", "not", "don't",
    "it's", "but", "what", "all", "were", "we", "when", "your", "can",
];

/// Syllables for the rest of the vocabulary: made-up words, distinct by construction.
const SYLLABLES: [&str; 20] = [
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "fe", "gu", "ho", "ja", "be", "ci",
    "wy", "xo", "qua",
];

/// The vocabulary's size: the 40 common words, then 360 made-up ones.
const VOCABULARY: usize = 400;

/// The word of rank `rank` (0 the most frequent).
fn word(rank: usize) -> String {
    match COMMON_WORDS.get(rank) {
        Some(word) => (*word).to_string(),
        None => {
            let i = rank - COMMON_WORDS.len();
            let mut word = String::from(SYLLABLES[i % 20]);
            word += SYLLABLES[i / 20];
            if i.is_multiple_of(7) {
                word += "'s";
            }
            word
        }
    }
}

/// A rank in `0..VOCABULARY`, following Zipf's law roughly: rank r with probability about
/// proportional to 1 / (r + 1.5).
fn zipf_rank(rng: &mut Rng) -> usize {
    let rank = ((VOCABULARY as f64 + 1.0).ln() * rng.f64()).exp() as usize;
    rank.saturating_sub(1).min(VOCABULARY - 1)
}

/// Prose of `n` words from a vocabulary of 400 (Zipf-like: "the" is about one word in seven),
/// in sentences of 4 to 16 words whose first word is capitalised, with commas, the odd quoted
/// word and paragraph breaks; and a `k` from 1 to 20.
fn prose(rng: &mut Rng, n: usize) -> (String, usize) {
    let mut text = String::with_capacity(7 * n);
    let mut left_in_sentence = 0;
    for i in 0..n {
        let mut word = word(zipf_rank(rng));
        if left_in_sentence == 0 {
            left_in_sentence = rng.usize(4..=16);
            if let Some(first) = word.get_mut(..1) {
                first.make_ascii_uppercase();
            }
        }
        left_in_sentence -= 1;
        match rng.u8(..50) {
            0 => text += &format!("'{word}'"),
            1 => text += &format!("\"{word}\""),
            2 => text += &word.to_ascii_uppercase(),
            _ => text += &word,
        }
        let separator = match (left_in_sentence, rng.u8(..20)) {
            _ if i + 1 == n => ".\n",
            (0, 0) => ".\n\n",
            (0, 1) => "? ",
            (0, 2) => "! ",
            (0, _) => ". ",
            (_, 0..=1) => ", ",
            (_, 2) => "; ",
            _ => " ",
        };
        text += separator;
    }
    (text, rng.usize(1..=20))
}

fn word_edge_cases(rng: &mut Rng) -> Vec<Case<(String, usize)>> {
    let mut cases = vec![
        case("edge case: empty text", (String::new(), 5)),
        case("edge case: k = 0", ("one two two".to_string(), 0)),
        case("edge case: one word", ("word".to_string(), 1)),
        case("edge case: no word at all", ("... !!! ''' -- \n".to_string(), 3)),
        case(
            "edge case: k beyond the vocabulary",
            ("b a c b".to_string(), 1000),
        ),
        case("edge case: k = usize::MAX", ("b a c b".to_string(), usize::MAX)),
        case(
            "edge case: apostrophes",
            (
                "'Tis' the season, don't ''' ' rock'n'roll o'clock 'twas".to_string(),
                10,
            ),
        ),
        case(
            "edge case: digits, hyphens, underscores, non-ASCII letters",
            (
                "route66 2024 well-known snake_case café naïve 2024 ÉCOLE".to_string(),
                10,
            ),
        ),
        case(
            "edge case: one word in every case",
            ("Rust RUST rust rUsT ruSt".to_string(), 3),
        ),
        case("edge case: all equal", ("echo ".repeat(1000), 3)),
        case("edge case: a long word", ("x".repeat(5000), 2)),
    ];
    let tied: Vec<String> = (0..300).rev().map(word).collect();
    cases.push(case("edge case: 300 words, all tied", (tied.join(" "), 20)));
    let tied_at_k = "a a a b b b c c d d e e f".to_string();
    cases.push(case("edge case: a tie across the k-th place", (tied_at_k, 3)));
    for n in [1, 7, 100, 1023] {
        cases.push(case(format!("random prose of {n} words"), prose(rng, n)));
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// org-chart
// ---------------------------------------------------------------------------------------------

/// An org chart of `n` employees and about `n / 4` queries.
///
/// Employees have distinct five- and six-digit IDs, in random order, and are hired one after
/// another: about one in 200 at the top level, the others reporting to an employee hired earlier
/// among the first fifth so far, which gives charts a handful of levels deep with teams of about
/// five. About one record in 500 names a manager who does not exist, and one in 500 repeats an
/// employee already hired. Queries are mostly employees, one in ten an unknown ID.
fn org_chart(rng: &mut Rng, n: usize) -> OrgInput {
    let mut ids: Vec<u32> = (0..n as u32).map(|i| 10_000 + 3 * i + rng.u32(..3)).collect();
    rng.shuffle(&mut ids);
    let mut records: Vec<(u32, Option<u32>)> = Vec::with_capacity(n);
    for (i, &id) in ids.iter().enumerate() {
        let manager = match rng.u16(..1000) {
            _ if i == 0 => None,
            0..=4 => None,
            5..=6 => Some(rng.u32(..10_000)), // nobody has such an ID
            7..=8 => {
                // A repeated record: ignored, whatever manager it names.
                records.push((records[rng.usize(..i)].0, Some(id)));
                Some(ids[rng.usize(..i.div_ceil(5))])
            }
            _ => Some(ids[rng.usize(..i.div_ceil(5))]),
        };
        records.push((id, manager));
    }
    records.truncate(n);
    let queries = (0..n / 4)
        .map(|_| match rng.u8(..10) {
            0 => rng.u32(..10_000),
            _ => ids[rng.usize(..n)],
        })
        .collect();
    (records, queries)
}

fn org_edge_cases(rng: &mut Rng) -> Vec<Case<OrgInput>> {
    let worked: Vec<(u32, Option<u32>)> = vec![
        (1, None),
        (2, Some(1)),
        (3, Some(1)),
        (4, Some(2)),
        (5, Some(4)),
        (6, Some(99)),
        (2, Some(3)),
        (7, Some(7)),
    ];
    let chain: Vec<(u32, Option<u32>)> = (0..2000u32).map(|i| (i, i.checked_sub(1))).collect();
    let star: Vec<(u32, Option<u32>)> = (0..=2000).map(|i| (i, (i > 0).then_some(0))).collect();
    let all_top: Vec<(u32, Option<u32>)> = (0..500).map(|i| (i, None)).collect();
    let duplicates: Vec<(u32, Option<u32>)> = (0..300).map(|i| (i % 7, Some((i + 1) % 7))).collect();
    let mut cases = vec![
        case("edge case: no employees, no queries", (vec![], vec![])),
        case("edge case: no employees", (vec![], vec![0, 1, u32::MAX])),
        case("edge case: no queries", (worked.clone(), vec![])),
        case("edge case: one employee", (vec![(9, None)], vec![9, 8])),
        case(
            "edge case: unknown and duplicate IDs, own manager",
            (worked, vec![5, 42, 1, 5, 6, 7, 2, 99]),
        ),
        case(
            "edge case: a manager hired after the report",
            (vec![(1, Some(2)), (2, None), (3, Some(1))], vec![1, 2, 3]),
        ),
        case(
            "edge case: the extreme IDs",
            (
                vec![(u32::MAX, None), (0, Some(u32::MAX)), (1, Some(0))],
                vec![0, 1, u32::MAX],
            ),
        ),
        case(
            "edge case: a chain of 2,000",
            (chain, vec![1999, 0, 1000, 1999, 2000]),
        ),
        case("edge case: one boss, 2,000 reports", (star, vec![0, 2000, 17])),
        case(
            "edge case: everyone at the top",
            (all_top, (0..500).step_by(7).collect()),
        ),
        case("edge case: every record repeated", (duplicates, (0..8).collect())),
    ];
    for n in [3, 33, 257, 1025] {
        cases.push(case(format!("random chart of {n} employees"), org_chart(rng, n)));
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// sensor-log
// ---------------------------------------------------------------------------------------------

/// The 30 sensors, with the usual temperature at each, in tenths of a degree.
const SENSORS: [(&str, i32); 30] = [
    ("boiler-room-1", 620),
    ("boiler-room-2", 640),
    ("boiler-room-3", 600),
    ("freezer-1", -185),
    ("freezer-2", -190),
    ("freezer-3", -200),
    ("freezer-4", -180),
    ("cold-store-1", 30),
    ("cold-store-2", 25),
    ("server-rack-1", 300),
    ("server-rack-2", 310),
    ("server-rack-3", 295),
    ("server-rack-4", 320),
    ("server-rack-5", 305),
    ("server-rack-6", 290),
    ("server-rack-7", 315),
    ("server-rack-8", 300),
    ("office-1", 210),
    ("office-2", 215),
    ("office-3", 205),
    ("office-4", 220),
    ("office-5", 212),
    ("office-6", 208),
    ("roof-north", 50),
    ("roof-south", 80),
    ("lab-1", 220),
    ("lab-2", 225),
    ("lab-3", 218),
    ("lab-4", 230),
    ("loading-dock", 0),
];

/// The header of every generated log.
const HEADER: &str = "sensor,timestamp,celsius,status";

/// `tenths` of a degree as the sensors write it: `-0.5`, `21.0`.
fn celsius(tenths: i32) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{}",
        tenths.unsigned_abs() / 10,
        tenths.unsigned_abs() % 10
    )
}

/// A sensor log of a header and `n` readings, about 30 bytes each: the 30 sensors in turn, a
/// reading every few seconds, temperatures within ±5 degrees of each sensor's usual (the
/// freezers below zero), 90% OK, 8% WARN, 2% ALARM, and about one line in a thousand malformed.
fn sensor_csv(rng: &mut Rng, n: usize) -> String {
    let mut csv = String::with_capacity(HEADER.len() + 1 + 32 * n);
    csv.push_str(HEADER);
    csv.push('\n');
    let mut timestamp: u64 = 1_764_460_800;
    for _ in 0..n {
        timestamp += rng.u64(..3);
        let (sensor, usual) = SENSORS[rng.usize(..SENSORS.len())];
        let tenths = usual + rng.i32(-50..=50);
        let status = match rng.u8(..100) {
            0..=89 => "OK",
            90..=97 => "WARN",
            _ => "ALARM",
        };
        match rng.u16(..1000) {
            0 => {
                let _ = writeln!(csv, "{sensor},{timestamp},,{status}");
            }
            1 => csv.push_str("sensor offline\n"),
            _ => {
                let _ = writeln!(csv, "{sensor},{timestamp},{},{status}", celsius(tenths));
            }
        }
    }
    csv
}

fn sensor_edge_cases(rng: &mut Rng) -> Vec<Case<String>> {
    let mut cases = vec![
        case("edge case: an empty file", String::new()),
        case("edge case: a header alone", HEADER.to_string()),
        case("edge case: a header and a newline", format!("{HEADER}\n")),
        case(
            "edge case: one reading, no final newline",
            format!("{HEADER}\nboiler-room-3,1764460800,21.5,OK"),
        ),
        case(
            "edge case: negative temperatures, -0.0, leading zeros, the extremes",
            text_of(&[
                HEADER,
                "a,1,-0.5,OK",
                "a,2,-3.0,OK",
                "b,1,-0.0,OK",
                "b,2,-1.5,ALARM",
                "c,1,007.5,OK",
                "c,2,999.9,OK",
                "d,1,-999.9,ALARM",
                "e,1,0.0,WARN",
                "e,2,-0.0,WARN",
            ]),
        ),
        case(
            "edge case: malformed lines",
            text_of(&[
                HEADER,
                ",1,1.0,OK",
                "x,1,1.0,ok",
                "x,1,1.0,OK,extra",
                "x,1,1.0",
                "x,-1,1.0,OK",
                "x,1,1,OK",
                "x,1,1.25,OK",
                "x,1,1000.0,OK",
                "x,1,+1.0,OK",
                "x,1,1e2,OK",
                "x,1,.5,OK",
                "x,1,5.,OK",
                "x,1,--1.0,OK",
                "x,1, 1.0,OK",
                "x , 1,1.0,OK",
                "x,18446744073709551616,1.0,OK",
                "",
                "x,1,1.0,OK",
            ]),
        ),
        case(
            "edge case: CRLF line ends, u64::MAX timestamp",
            format!("{HEADER}\r\nx,5,1.0,OK\r\ny,18446744073709551615,2.0,ALARM\r\n"),
        ),
        case(
            "edge case: sensors in byte order",
            text_of(&[
                HEADER,
                "b,1,1.0,OK",
                "B,1,1.0,OK",
                "a-1,1,1.0,OK",
                "a,1,1.0,OK",
                "é,1,1.0,OK",
            ]),
        ),
        case(
            "edge case: one sensor, all alarms",
            format!("{HEADER}\n{}", "freezer-1,1764460800,-18.5,ALARM\n".repeat(1000)),
        ),
    ];
    let many: String = std::iter::once(format!("{HEADER}\n"))
        .chain((0..2000).map(|i| format!("sensor-{i},{i},{},WARN\n", celsius(i - 1000))))
        .collect();
    cases.push(case("edge case: 2,000 sensors, one reading each", many));
    for n in [1, 31, 257, 1025] {
        cases.push(case(format!("random log of {n} readings"), sensor_csv(rng, n)));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn generators_are_seeded_and_sized() {
        for n in [0, 1, 17, 1000] {
            assert_eq!(
                access_log(&mut Rng::with_seed(3), n),
                access_log(&mut Rng::with_seed(3), n)
            );
            assert_eq!(access_log(&mut Rng::with_seed(3), n).lines().count(), n);
            let (text, k) = prose(&mut Rng::with_seed(3), n);
            assert_eq!((text.clone(), k), prose(&mut Rng::with_seed(3), n));
            assert!((1..=20).contains(&k));
            assert_eq!(text.split_ascii_whitespace().count(), n);
            let (records, queries) = org_chart(&mut Rng::with_seed(3), n);
            assert_eq!(
                (records.clone(), queries.clone()),
                org_chart(&mut Rng::with_seed(3), n)
            );
            assert_eq!((records.len(), queries.len()), (n, n / 4));
            assert_eq!(
                sensor_csv(&mut Rng::with_seed(3), n),
                sensor_csv(&mut Rng::with_seed(3), n)
            );
            assert_eq!(sensor_csv(&mut Rng::with_seed(3), n).lines().count(), n + 1);
        }
    }

    #[test]
    fn generated_logs_look_like_the_grader_wants() {
        let n = 50_000;
        let log = access_log(&mut Rng::with_seed(1), n);
        let mean = log.len() as f64 / n as f64;
        assert!((35.0..55.0).contains(&mean), "{mean} bytes per line");
        let report = Starter::endpoint_report(log.as_bytes());
        assert_eq!(report.lines().count(), PATHS.len() + 1, "{report}");
        let skipped: usize = report.lines().last().unwrap()["skipped=".len()..]
            .parse()
            .unwrap();
        assert!(skipped > 0 && skipped < n / 200, "{skipped} skipped");
        let errors: usize = report
            .lines()
            .filter_map(|line| {
                line.split(" 5xx=")
                    .nth(1)?
                    .split(' ')
                    .next()?
                    .parse::<usize>()
                    .ok()
            })
            .sum();
        assert!(errors > n / 50 && errors < n / 20, "{errors} 5xx");
    }

    #[test]
    fn generated_prose_has_a_zipf_like_vocabulary() {
        let vocabulary: HashSet<String> = (0..VOCABULARY).map(word).collect();
        assert_eq!(vocabulary.len(), VOCABULARY, "made-up words are distinct");
        let (text, _) = prose(&mut Rng::with_seed(1), 20_000);
        let all = Starter::top_words(&text, usize::MAX);
        assert!(
            all.len() > 300 && all.len() <= VOCABULARY,
            "{} distinct words",
            all.len()
        );
        assert_eq!(all[0].0, "the");
        let share = all[0].1 as f64 / 20_000.0;
        assert!((0.08..0.25).contains(&share), "\"the\" is {share} of the words");
        let capitalised = text
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
            .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
            .count();
        assert!(
            (1_000..4_000).contains(&capitalised),
            "{capitalised} capitalised words"
        );
    }

    #[test]
    fn generated_charts_are_a_few_levels_deep() {
        let n = 10_000;
        let (records, queries) = org_chart(&mut Rng::with_seed(1), n);
        let answers = Starter::org_answers(&records, &queries);
        let unknown = answers.iter().filter(|(chain, _)| chain.is_empty()).count();
        assert!(
            unknown > queries.len() / 20 && unknown < queries.len() / 5,
            "{unknown} unknown"
        );
        let deepest = answers.iter().map(|(chain, _)| chain.len()).max().unwrap();
        assert!((4..30).contains(&deepest), "{deepest} levels");
        let biggest = answers.iter().map(|&(_, team)| team).max().unwrap();
        assert!(biggest > 100, "the largest team asked about has {biggest}");
    }

    #[test]
    fn generated_sensor_logs_cover_every_sensor() {
        let n = 50_000;
        let csv = sensor_csv(&mut Rng::with_seed(1), n);
        let mean = csv.len() as f64 / n as f64;
        assert!((25.0..40.0).contains(&mean), "{mean} bytes per line");
        let report = Starter::sensor_summary(&csv);
        assert_eq!(report.lines().count(), SENSORS.len() + 1, "{report}");
        assert!(
            report.contains("freezer-1 ") && report.contains(" max=-"),
            "{report}"
        );
    }

    #[test]
    fn edge_cases_agree_with_themselves() {
        // Every edge case runs on the starter without panicking, twice alike.
        let rng = &mut Rng::with_seed(5);
        for Case { input, .. } in log_edge_cases(rng) {
            assert_eq!(
                Starter::endpoint_report(input.as_bytes()),
                Starter::endpoint_report(input.as_bytes())
            );
        }
        for Case { input: (text, k), .. } in word_edge_cases(rng) {
            assert!(Starter::top_words(&text, k).len() <= k);
        }
        for Case {
            input: (records, queries),
            ..
        } in org_edge_cases(rng)
        {
            assert_eq!(Starter::org_answers(&records, &queries).len(), queries.len());
        }
        for Case { input, .. } in sensor_edge_cases(rng) {
            assert!(Starter::sensor_summary(&input).ends_with('\n'));
        }
    }
}
