//! The inputs the benchmarks and the `heap_profile` example measure: the same shapes of input,
//! at the same sizes, as the grader measures (it generates its inputs with a frozen copy of
//! this file).
//!
//! A directory's `mod.rs` is not a benchmark of its own; each bench file pulls this in with
//! `mod inputs;`, and `examples/heap_profile.rs` with a `#[path]` attribute. It needs nothing
//! but `std` and `fastrand`.

// Each benchmark uses one generator of the four.
#![allow(dead_code)]

use fastrand::Rng;
use std::fmt::Write as _;

/// Lines of access log the grader measures `endpoint_report`'s heap on.
pub const LOG_LINES: usize = 50_000;

/// Lines of access log the grader times `endpoint_report` on, against the starter.
pub const LOG_LINES_TIMED: usize = 20_000;

/// Words of prose the grader measures `top_words`'s heap on, and times it on.
pub const PROSE_WORDS: usize = 20_000;

/// Employees in the org charts the grader measures `org_answers`'s heap on, and times it on.
pub const EMPLOYEES: usize = 2_000;

/// Readings in the sensor logs the grader measures `load_readings` and `sensor_report`'s heap
/// on.
pub const READINGS: usize = 50_000;

/// Readings in the sensor logs the grader times `load_readings` and `sensor_report` on,
/// against the starter.
pub const READINGS_TIMED: usize = 20_000;

/// An org chart's records, (employee, manager), and the employee IDs asked about.
pub type OrgChart = (Vec<(u32, Option<u32>)>, Vec<u32>);

/// The service's 40 endpoints.
pub const PATHS: [&str; 40] = [
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
///
/// A line is a time in milliseconds, a method, a path, a status and a latency in microseconds:
/// `1764460800123 GET /api/v1/orders 200 5123`.
pub fn access_log(rng: &mut Rng, n: usize) -> String {
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
pub const VOCABULARY: usize = 400;

/// The word of rank `rank` (0 the most frequent).
pub fn word(rank: usize) -> String {
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
pub fn prose(rng: &mut Rng, n: usize) -> (String, usize) {
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

/// An org chart of `n` employees and about `n / 4` queries.
///
/// Employees have distinct five- and six-digit IDs, in random order, and are hired one after
/// another: about one in 200 at the top level, the others reporting to an employee hired earlier
/// among the first fifth so far, which gives charts a handful of levels deep with teams of about
/// five. About one record in 500 names a manager who does not exist, and one in 500 repeats an
/// employee already hired. Queries are mostly employees, one in ten an unknown ID.
pub fn org_chart(rng: &mut Rng, n: usize) -> OrgChart {
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

/// The 30 sensors, with the usual temperature at each, in tenths of a degree.
pub const SENSORS: [(&str, i32); 30] = [
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
pub const HEADER: &str = "sensor,timestamp,celsius,status";

/// `tenths` of a degree as the sensors write it: `-0.5`, `21.0`.
pub fn celsius(tenths: i32) -> String {
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
///
/// A line is a sensor, a time in seconds, degrees Celsius to one decimal and a status:
/// `freezer-1,1764460800,-18.5,ALARM`.
pub fn sensor_csv(rng: &mut Rng, n: usize) -> String {
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
