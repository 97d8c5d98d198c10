//! Correctness tests for the Memory management exercise: `cargo test -p memory`.
//!
//! They pass on the wasteful starter code, and they must still pass once your functions are
//! frugal: memory saved is worth nothing if the answers change. Each task has three kinds of
//! test:
//!
//! - worked examples, with the expected answer explained in a comment;
//! - edge cases: empty inputs, one line, malformed lines, ties, unknown IDs, negative
//!   temperatures, the extreme values of each type;
//! - random cross-checks: seeded random inputs (up to 300 lines, words or employees) compared
//!   with a small oracle, written for obviousness rather than frugality, and in a different way
//!   from both the starter and the reference solution.
//!
//! The reference solution runs this same file (see `solutions/memory/tests/`). These tests say
//! nothing about memory: measure that with `cargo run --release -p memory --example heap_profile`.

use fastrand::Rng;
use memory::{OrgChart, endpoint_report, load_readings, org_answers, sensor_report, top_words};
use std::collections::{BTreeMap, HashMap};
use std::io::BufReader;

// ---------------------------------------------------------------------------------------------
// Random inputs for the cross-checks.
// ---------------------------------------------------------------------------------------------

/// How many random inputs each cross-check tries.
const RANDOM_ROUNDS: u64 = 200;

/// The largest random input, in lines, words or employees.
const MAX_RANDOM_LEN: usize = 300;

/// A random length up to [`MAX_RANDOM_LEN`], short inputs (where off-by-one bugs live) being as
/// likely as long ones.
fn random_len(rng: &mut Rng) -> usize {
    match rng.u8(..4) {
        0 => rng.usize(..=4),
        1 => rng.usize(..=20),
        _ => rng.usize(..=MAX_RANDOM_LEN),
    }
}

/// One of `choices`, at random.
fn pick<'a>(rng: &mut Rng, choices: &[&'a str]) -> &'a str {
    choices[rng.usize(..choices.len())]
}

// ---------------------------------------------------------------------------------------------
// endpoint_report
// ---------------------------------------------------------------------------------------------

/// The report, computed the long way: every line split on whitespace by hand, the requests
/// sorted by path, then each run of equal paths summed.
fn oracle_endpoint_report(log: &str) -> String {
    let mut requests: Vec<(String, u16, u64)> = Vec::new();
    let mut skipped = 0;
    for line in log.split('\n') {
        let fields: Vec<&str> = line
            .split(|c: char| c.is_ascii_whitespace())
            .filter(|f| !f.is_empty())
            .collect();
        let parsed = (fields.len() == 5)
            .then(|| {
                let time_ok = fields[0].parse::<u64>().is_ok();
                let status = fields[3].parse::<u16>().ok().filter(|s| (100..600).contains(s));
                let latency = fields[4].parse::<u64>().ok();
                match (time_ok, fields[2].starts_with('/'), status, latency) {
                    (true, true, Some(status), Some(latency)) => {
                        Some((fields[2].to_string(), status, latency))
                    }
                    _ => None,
                }
            })
            .flatten();
        match parsed {
            Some(request) => requests.push(request),
            None => skipped += 1,
        }
    }
    // `split('\n')` sees an empty last line after a final newline (or in an empty log) that
    // `lines()` does not: it is not a line of the log.
    if log.is_empty() || log.ends_with('\n') {
        skipped -= 1;
    }
    requests.sort();
    let mut report = String::new();
    for run in requests.chunk_by(|a, b| a.0 == b.0) {
        let errors = run.iter().filter(|r| r.1 >= 500).count();
        let max = run.iter().map(|r| r.2).max().unwrap_or(0);
        report += &format!(
            "{} requests={} 5xx={errors} max_latency_us={max}\n",
            run[0].0,
            run.len()
        );
    }
    report + &format!("skipped={skipped}\n")
}

#[test]
fn endpoint_report_worked_example() {
    let log = "\
1764460800123 GET /api/orders 200 5123
1764460800150 POST /api/orders 503 120000
1764460800190 GET /health 200 80
this line is not a request
1764460800200 GET /api/orders 201 7000
";
    // /api/orders: three requests, one 5xx (the 503), the slowest took 120000 µs. /health: one
    // request. One line skipped. Paths in byte order.
    assert_eq!(
        endpoint_report(log.as_bytes()),
        "/api/orders requests=3 5xx=1 max_latency_us=120000\n\
         /health requests=1 5xx=0 max_latency_us=80\n\
         skipped=1\n"
    );
}

#[test]
fn endpoint_report_reads_any_bufread() {
    // A reader with a 4-byte buffer: every line spans several refills.
    let log = "1 GET /a 200 10\n2 GET /b 500 20\n3 PUT /a 404 30\n";
    let report = "/a requests=2 5xx=0 max_latency_us=30\n/b requests=1 5xx=1 max_latency_us=20\nskipped=0\n";
    assert_eq!(
        endpoint_report(BufReader::with_capacity(4, log.as_bytes())),
        report
    );
    assert_eq!(endpoint_report(log.as_bytes()), report);
}

#[test]
fn endpoint_report_edge_cases() {
    assert_eq!(endpoint_report(&b""[..]), "skipped=0\n", "an empty log");
    assert_eq!(
        endpoint_report(&b"7 GET /x 200 1"[..]),
        "/x requests=1 5xx=0 max_latency_us=1\nskipped=0\n",
        "one line, no final newline"
    );
    assert_eq!(
        endpoint_report(&b"\n\n   \n"[..]),
        "skipped=3\n",
        "blank lines are skipped and counted"
    );
    assert_eq!(
        endpoint_report(&b"1 GET /x 200 5\r\n2\tGET   /x  599\t6\r\n"[..]),
        "/x requests=2 5xx=1 max_latency_us=6\nskipped=0\n",
        "CRLF line ends, tabs and runs of spaces"
    );
    let statuses =
        "1 GET /s 99 1\n1 GET /s 100 1\n1 GET /s 499 1\n1 GET /s 500 1\n1 GET /s 599 1\n1 GET /s 600 1\n";
    assert_eq!(
        endpoint_report(statuses.as_bytes()),
        "/s requests=4 5xx=2 max_latency_us=1\nskipped=2\n",
        "statuses 100 to 599 only; 5xx is 500 to 599"
    );
    let malformed = "\
1 GET api/no-slash 200 1
1 GET /four-fields 200
1 GET /six-fields 200 1 extra
x GET /bad-time 200 1
1 GET /bad-latency 200 -5
1 GET /too-late 200 18446744073709551616
1 GET /not-a-status OK 1
";
    assert_eq!(
        endpoint_report(malformed.as_bytes()),
        "skipped=7\n",
        "malformed lines"
    );
    assert_eq!(
        endpoint_report(&b"18446744073709551615 GET /max 200 18446744073709551615\n"[..]),
        "/max requests=1 5xx=0 max_latency_us=18446744073709551615\nskipped=0\n",
        "u64::MAX time and latency"
    );
    assert_eq!(
        endpoint_report(&b"1 GET /a/b 200 1\n1 GET /a 200 1\n1 GET /a-b 200 1\n1 GET /B 200 1\n1 GET /caf\xc3\xa9 200 1\n"[..]),
        "/B requests=1 5xx=0 max_latency_us=1\n/a requests=1 5xx=0 max_latency_us=1\n\
         /a-b requests=1 5xx=0 max_latency_us=1\n/a/b requests=1 5xx=0 max_latency_us=1\n\
         /café requests=1 5xx=0 max_latency_us=1\nskipped=0\n",
        "paths in byte order"
    );
    let one_path = "1 GET /same 200 3\n".repeat(300);
    assert_eq!(
        endpoint_report(one_path.as_bytes()),
        "/same requests=300 5xx=0 max_latency_us=3\nskipped=0\n",
        "all equal"
    );
}

#[test]
#[should_panic(expected = "UTF-8")]
fn endpoint_report_panics_on_a_log_that_is_not_text() {
    endpoint_report(&b"1 GET /a 200 5\n1 GET /\xff\xfe 200 5\n"[..]);
}

#[test]
fn endpoint_report_matches_the_oracle_on_random_inputs() {
    let paths = [
        "/",
        "/api/orders",
        "/api/orders/search",
        "/api/users",
        "/health",
        "/static/app.js",
        "/b",
        "/B",
    ];
    let mut rng = Rng::with_seed(0x106);
    for round in 0..RANDOM_ROUNDS {
        let mut log = String::new();
        for _ in 0..random_len(&mut rng) {
            let line = match rng.u8(..20) {
                0 => String::new(),
                1 => "garbage".to_string(),
                2 => format!("{} GET {} 200", rng.u64(..), pick(&mut rng, &paths)),
                3 => format!("1 GET nopath {} 5", rng.u16(100..600)),
                _ => format!(
                    "{} {} {} {} {}",
                    rng.u64(1_700_000_000_000..1_800_000_000_000),
                    pick(&mut rng, &["GET", "POST", "PUT", "DELETE"]),
                    pick(&mut rng, &paths),
                    rng.u16(0..700),
                    rng.u64(..1_000_000),
                ),
            };
            log += &line;
            log.push('\n');
        }
        if rng.bool() {
            log.pop(); // no final newline
        }
        assert_eq!(
            endpoint_report(log.as_bytes()),
            oracle_endpoint_report(&log),
            "round {round}, log {log:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// top_words
// ---------------------------------------------------------------------------------------------

/// The ranking, computed the long way: words cut out character by character, counted in a
/// BTreeMap (already in word order), then stably sorted by count.
fn oracle_top_words(text: &str, k: usize) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut current = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphanumeric() || c == '\'' {
            current.push(c.to_ascii_lowercase());
        } else {
            let word = current.trim_matches('\'');
            if !word.is_empty() {
                *counts.entry(word.to_string()).or_default() += 1;
            }
            current.clear();
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    ranked.into_iter().take(k).collect()
}

/// `(word, count)` pairs, owned.
fn ranking(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
    pairs.iter().map(|&(w, c)| (w.to_string(), c)).collect()
}

#[test]
fn top_words_worked_example() {
    // "the" 4 times (any case), "hat" twice; "and", "cat", "cat's" and "end" once each: the
    // ties are in alphabetical order, and "cat's" is its own word.
    let text = "The cat and the hat. THE END, the cat's hat!";
    assert_eq!(top_words(text, 3), ranking(&[("the", 4), ("hat", 2), ("and", 1)]));
    assert_eq!(
        top_words(text, 10),
        ranking(&[
            ("the", 4),
            ("hat", 2),
            ("and", 1),
            ("cat", 1),
            ("cat's", 1),
            ("end", 1)
        ])
    );
}

#[test]
fn top_words_word_rules() {
    // Apostrophes at the ends are trimmed, inside ones kept; apostrophes alone are no word.
    assert_eq!(
        top_words("'Tis' the season, don't ''' '", 10),
        ranking(&[("don't", 1), ("season", 1), ("the", 1), ("tis", 1)])
    );
    // Digits are word characters; hyphens, underscores and non-ASCII letters separate words.
    assert_eq!(
        top_words("route66 2024 well-known snake_case café 2024", 10),
        ranking(&[
            ("2024", 2),
            ("caf", 1),
            ("case", 1),
            ("known", 1),
            ("route66", 1),
            ("snake", 1),
            ("well", 1)
        ])
    );
    assert_eq!(
        top_words("Rust RUST rust rUsT", 1),
        ranking(&[("rust", 4)]),
        "case-insensitive"
    );
}

#[test]
fn top_words_edge_cases() {
    assert_eq!(top_words("", 5), vec![], "empty text");
    assert_eq!(top_words("... !!! ''' -- ", 5), vec![], "no word at all");
    assert_eq!(top_words("one two two", 0), vec![], "k = 0");
    assert_eq!(top_words("word", 1), ranking(&[("word", 1)]), "one word");
    assert_eq!(
        top_words("b a c b", usize::MAX),
        ranking(&[("b", 2), ("a", 1), ("c", 1)]),
        "k far beyond the vocabulary"
    );
    let same = "echo ".repeat(300);
    assert_eq!(top_words(&same, 3), ranking(&[("echo", 300)]), "all equal");
    // Twenty words, all tied: the first k in alphabetical order.
    let letters: Vec<String> = ('a'..='t').rev().map(String::from).collect();
    let expected: Vec<(String, usize)> = ('a'..='e').map(|c| (c.to_string(), 1)).collect();
    assert_eq!(top_words(&letters.join(" "), 5), expected, "ties");
    let long = "x".repeat(10_000);
    assert_eq!(top_words(&long, 1), vec![(long, 1)], "one long word");
}

#[test]
fn top_words_match_the_oracle_on_random_inputs() {
    let vocabulary = [
        "the", "The", "a", "cat", "CAT", "don't", "'quoted'", "x1", "42", "café", "hat", "Hat",
    ];
    let separators = [" ", " ", " ", ", ", ". ", "\n", "-", "'", "!? ", "\t"];
    let mut rng = Rng::with_seed(0x70F);
    for round in 0..RANDOM_ROUNDS {
        let mut text = String::new();
        for _ in 0..random_len(&mut rng) {
            text += pick(&mut rng, &vocabulary);
            text += pick(&mut rng, &separators);
        }
        let k = rng.usize(..15);
        assert_eq!(
            top_words(&text, k),
            oracle_top_words(&text, k),
            "round {round}, k = {k}, text {text:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// OrgChart and org_answers
// ---------------------------------------------------------------------------------------------

/// The answers, computed the long way: each employee's manager in a plain map (first record
/// wins, a manager must already be known), the chain by following it, and the team of `q` as
/// everyone whose chain passes through `q`.
fn oracle_org_answers(records: &[(u32, Option<u32>)], queries: &[u32]) -> Vec<(Vec<u32>, usize)> {
    let mut manager_of: HashMap<u32, Option<u32>> = HashMap::new();
    for &(id, manager) in records {
        if !manager_of.contains_key(&id) {
            let known = manager.filter(|m| manager_of.contains_key(m));
            manager_of.insert(id, known);
        }
    }
    let chain = |id: u32| -> Vec<u32> {
        let mut chain = Vec::new();
        let mut next = manager_of.contains_key(&id).then_some(id);
        while let Some(e) = next {
            chain.push(e);
            next = manager_of[&e];
        }
        chain
    };
    queries
        .iter()
        .map(|&q| {
            let team = manager_of
                .keys()
                .filter(|&&e| e != q && chain(e).contains(&q))
                .count();
            (chain(q), team)
        })
        .collect()
}

/// The small chart of the worked example.
///
/// ```text
///   1               6 (manager 99 unknown: top level)    7 (own manager: top level)
///   ├── 2
///   │   └── 4
///   │       └── 5
///   └── 3
/// ```
const RECORDS: [(u32, Option<u32>); 8] = [
    (1, None),
    (2, Some(1)),
    (3, Some(1)),
    (4, Some(2)),
    (5, Some(4)),
    (6, Some(99)),
    (2, Some(3)), // 2 again: ignored
    (7, Some(7)),
];

#[test]
fn org_chart_worked_example() {
    let chart = OrgChart::build(&RECORDS);
    assert_eq!(chart.len(), 7);
    assert_eq!(chart.chain_of_command(5), [5, 4, 2, 1]);
    assert_eq!(
        chart.chain_of_command(2),
        [2, 1],
        "the duplicate record for 2 is ignored"
    );
    assert_eq!(chart.chain_of_command(1), [1]);
    assert_eq!(
        chart.chain_of_command(6),
        [6],
        "an unknown manager means top level"
    );
    assert_eq!(chart.chain_of_command(7), [7]);
    assert_eq!(chart.team_size(1), 4, "2, 3, 4 and 5");
    assert_eq!(chart.team_size(2), 2, "4 and 5");
    assert_eq!(chart.team_size(3), 0);
    assert_eq!(chart.team_size(6), 0);
    assert!(chart.contains(4));
    assert!(!chart.contains(99), "a manager who was never hired");
    assert_eq!(chart.manager(5), Some(4));
    assert_eq!(chart.manager(2), Some(1), "the first record for 2 counts");
    assert_eq!(chart.manager(1), None, "the top");
    assert_eq!(chart.manager(6), None, "an unknown manager means top level");
    assert_eq!(chart.manager(7), None, "their own manager means top level");
    assert_eq!(chart.manager(99), None, "not an employee");
    assert_eq!(chart.reports(1), [2, 3], "in hiring order");
    assert_eq!(chart.reports(4), [5]);
    assert_eq!(chart.reports(5), [] as [u32; 0]);
    assert_eq!(chart.reports(99), [] as [u32; 0]);
}

#[test]
fn org_answers_match_the_chart() {
    assert_eq!(
        org_answers(&RECORDS, &[5, 42, 1, 5]),
        vec![
            (vec![5, 4, 2, 1], 0),
            (vec![], 0),
            (vec![1], 4),
            (vec![5, 4, 2, 1], 0)
        ]
    );
}

#[test]
fn org_chart_edge_cases() {
    assert!(OrgChart::build(&[]).is_empty(), "no records");
    assert_eq!(
        org_answers(&[], &[0, 1]),
        vec![(vec![], 0), (vec![], 0)],
        "nobody to ask about"
    );
    assert_eq!(org_answers(&RECORDS, &[]), vec![], "no queries");
    assert_eq!(
        org_answers(&[(9, None)], &[9]),
        vec![(vec![9], 0)],
        "one employee"
    );
    // A manager hired after their report: the report stays top level.
    assert_eq!(
        org_answers(&[(1, Some(2)), (2, None)], &[1, 2]),
        vec![(vec![1], 0), (vec![2], 0)]
    );
    // The extreme IDs.
    assert_eq!(
        org_answers(&[(u32::MAX, None), (0, Some(u32::MAX))], &[0, u32::MAX]),
        vec![(vec![0, u32::MAX], 0), (vec![u32::MAX], 1)]
    );
}

#[test]
fn org_chart_deep_and_wide() {
    // A chain of 2,000: each employee managed by the one hired before.
    let chain: Vec<(u32, Option<u32>)> = (0..2000u32).map(|i| (i, i.checked_sub(1))).collect();
    let answers = org_answers(&chain, &[1999, 0, 1000]);
    assert_eq!(answers[0].0, (0..2000).rev().collect::<Vec<u32>>());
    assert_eq!(answers[1], (vec![0], 1999));
    assert_eq!(answers[2].1, 999);
    // One boss with 3,000 direct reports.
    let star: Vec<(u32, Option<u32>)> = (0..=3000).map(|i| (i, (i > 0).then_some(0))).collect();
    assert_eq!(
        org_answers(&star, &[0, 3000]),
        vec![(vec![0], 3000), (vec![3000, 0], 0)]
    );
}

#[test]
fn org_answers_match_the_oracle_on_random_inputs() {
    let mut rng = Rng::with_seed(0x026);
    for round in 0..RANDOM_ROUNDS {
        let n = random_len(&mut rng);
        let id_range = (n as u32 * 2).max(1);
        let mut records: Vec<(u32, Option<u32>)> = Vec::with_capacity(n);
        for _ in 0..n {
            let manager = match rng.u8(..10) {
                0 => None,
                1 => Some(rng.u32(..id_range)), // possibly unknown, or hired later
                _ => records.get(rng.usize(..records.len().max(1))).map(|r| r.0),
            };
            records.push((rng.u32(..id_range), manager));
        }
        let queries: Vec<u32> = (0..rng.usize(..20)).map(|_| rng.u32(..id_range)).collect();
        let expected = oracle_org_answers(&records, &queries);
        assert_eq!(
            org_answers(&records, &queries),
            expected,
            "round {round}, records {records:?}, queries {queries:?}"
        );
        // The chart's own queries agree: the manager is the chain's second link, and a team is
        // the direct reports plus their teams.
        let chart = OrgChart::build(&records);
        for (&q, (chain, team)) in queries.iter().zip(&expected) {
            assert_eq!(
                chart.contains(q),
                !chain.is_empty(),
                "round {round}, employee {q}"
            );
            assert_eq!(
                chart.manager(q),
                chain.get(1).copied(),
                "round {round}, employee {q}"
            );
            let reports = chart.reports(q);
            let below: usize = reports.iter().map(|&r| 1 + chart.team_size(r)).sum();
            assert_eq!(below, *team, "round {round}, employee {q}, reports {reports:?}");
            assert!(reports.iter().all(|&r| chart.manager(r) == Some(q)));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// load_readings and sensor_report
// ---------------------------------------------------------------------------------------------

/// The report, computed the long way: each line checked field by field, temperatures turned
/// into whole tenths by deleting the point, everything kept per sensor in a BTreeMap of Vecs.
fn oracle_sensor_report(csv: &str) -> String {
    let mut by_sensor: BTreeMap<&str, Vec<(i64, bool, u64)>> = BTreeMap::new();
    let mut skipped = 0;
    for line in csv.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let valid = fields.len() == 4
            && !fields[0].is_empty()
            && ["OK", "WARN", "ALARM"].contains(&fields[3])
            && {
                let t = fields[2].trim_start_matches('-');
                let point = t.find('.');
                fields[2].matches('-').count() <= 1
                    && point.is_some_and(|p| (1..=3).contains(&p) && p + 2 == t.len())
                    && t.chars().filter(|c| c.is_ascii_digit()).count() + 1 == t.len()
            }
            && fields[1].parse::<u64>().is_ok();
        if !valid {
            skipped += 1;
            continue;
        }
        let tenths: i64 = fields[2].replace('.', "").parse().unwrap();
        let readings = by_sensor.entry(fields[0]).or_default();
        readings.push((tenths, fields[3] == "ALARM", fields[1].parse().unwrap()));
    }
    let mut report = String::new();
    for (sensor, readings) in by_sensor {
        let max = readings.iter().map(|r| r.0).max().unwrap();
        let alarms = readings.iter().filter(|r| r.1).count();
        let last = readings.iter().map(|r| r.2).max().unwrap();
        let sign = if max < 0 { "-" } else { "" };
        report += &format!(
            "{sensor} readings={} max={sign}{}.{} alarms={alarms} last={last}\n",
            readings.len(),
            max.abs() / 10,
            max.abs() % 10
        );
    }
    report + &format!("skipped={skipped}\n")
}

/// `sensor_report(&load_readings(csv))`, as the grader calls it.
fn report_of(csv: &str) -> String {
    sensor_report(&load_readings(csv))
}

#[test]
fn sensor_report_worked_example() {
    let csv = "\
sensor,timestamp,celsius,status
boiler-room-3,1764460800,21.5,OK
freezer-1,1764460800,-18.5,OK
boiler-room-3,1764460860,88.0,ALARM
freezer-1,1764460860,-17.0,WARN
freezer-1,1764460920,,OK
boiler-room-3,1764460920,25.0,OK
";
    // Five readings (the line without a temperature is skipped). boiler-room-3: three, the
    // hottest 88.0, one ALARM, the last at 1764460920. freezer-1: two, the warmest -17.0.
    let log = load_readings(csv);
    assert_eq!(log.len(), 5);
    assert_eq!(
        sensor_report(&log),
        "boiler-room-3 readings=3 max=88.0 alarms=1 last=1764460920\n\
         freezer-1 readings=2 max=-17.0 alarms=0 last=1764460860\n\
         skipped=1\n"
    );
}

#[test]
fn sensor_report_temperatures() {
    let csv = "h\na,1,-0.5,OK\na,2,-3.0,OK\nb,1,-0.0,OK\nb,2,-1.5,ALARM\nc,1,007.5,OK\nc,2,999.9,OK\nd,1,-999.9,OK\n";
    assert_eq!(
        report_of(csv),
        "a readings=2 max=-0.5 alarms=0 last=2\n\
         b readings=2 max=0.0 alarms=1 last=2\n\
         c readings=2 max=999.9 alarms=0 last=2\n\
         d readings=1 max=-999.9 alarms=0 last=1\n\
         skipped=0\n",
        "negative maxima, -0.0 shown as 0.0, leading zeros dropped, the extremes"
    );
}

#[test]
fn sensor_report_edge_cases() {
    assert_eq!(report_of(""), "skipped=0\n", "an empty file");
    assert!(load_readings("").is_empty());
    assert_eq!(
        report_of("sensor,timestamp,celsius,status"),
        "skipped=0\n",
        "a header alone"
    );
    assert_eq!(
        report_of("sensor,timestamp,celsius,status\n"),
        "skipped=0\n",
        "a header and a newline"
    );
    assert_eq!(
        report_of("anything at all\nx,0,1.0,OK"),
        "x readings=1 max=1.0 alarms=0 last=0\nskipped=0\n",
        "the first line is a header whatever it says; no final newline"
    );
    assert_eq!(
        report_of("h\r\nx,5,1.0,OK\r\ny,18446744073709551615,2.0,ALARM\r\n"),
        "x readings=1 max=1.0 alarms=0 last=5\ny readings=1 max=2.0 alarms=1 last=18446744073709551615\nskipped=0\n",
        "CRLF line ends, u64::MAX timestamp"
    );
    let malformed = "\
header
,1,1.0,OK
x,1,1.0,ok
x,1,1.0,OK,extra
x,1,1.0
x,-1,1.0,OK
x,1,1,OK
x,1,1.25,OK
x,1,1000.0,OK
x,1,+1.0,OK
x,1,1e2,OK
x,1,.5,OK
x,1, 1.0,OK
x , 1,1.0,OK

";
    assert_eq!(report_of(malformed), "skipped=14\n", "malformed lines");
    assert_eq!(load_readings(malformed).len(), 0);
    assert_eq!(
        report_of("h\nb,1,1.0,OK\nB,1,1.0,OK\na-1,1,1.0,OK\na,1,1.0,OK\n"),
        "B readings=1 max=1.0 alarms=0 last=1\na readings=1 max=1.0 alarms=0 last=1\n\
         a-1 readings=1 max=1.0 alarms=0 last=1\nb readings=1 max=1.0 alarms=0 last=1\nskipped=0\n",
        "sensors in byte order"
    );
    let many: String = std::iter::once("h\n".to_string())
        .chain((0..1000).map(|i| format!("s{i:04},{i},{}.{},WARN\n", i % 100, i % 10)))
        .collect();
    let report = report_of(&many);
    assert_eq!(
        report.lines().count(),
        1001,
        "a thousand sensors, one reading each"
    );
    assert!(report.starts_with("s0000 readings=1 max=0.0 alarms=0 last=0\n"));
}

#[test]
fn sensor_report_matches_the_oracle_on_random_inputs() {
    let sensors = ["boiler-1", "boiler-2", "freezer-A", "freezer-a", "roof", "r"];
    let statuses = ["OK", "OK", "OK", "WARN", "ALARM", "ok", ""];
    let mut rng = Rng::with_seed(0x5E5);
    for round in 0..RANDOM_ROUNDS {
        let mut csv = String::from("sensor,timestamp,celsius,status\n");
        for _ in 0..random_len(&mut rng) {
            let celsius = match rng.u8(..12) {
                0 => "1.25".to_string(),
                1 => "-0.0".to_string(),
                2 => "abc".to_string(),
                _ => format!(
                    "{}{}.{}",
                    pick(&mut rng, &["", "", "-"]),
                    rng.u16(..1000),
                    rng.u8(..10)
                ),
            };
            let line = match rng.u8(..25) {
                0 => String::new(),
                1 => "x,1".to_string(),
                _ => format!(
                    "{},{},{celsius},{}",
                    pick(&mut rng, &sensors),
                    rng.u64(..2_000_000_000),
                    pick(&mut rng, &statuses)
                ),
            };
            csv += &line;
            csv.push('\n');
        }
        if rng.bool() {
            csv.pop();
        }
        assert_eq!(
            report_of(&csv),
            oracle_sensor_report(&csv),
            "round {round}, csv {csv:?}"
        );
    }
}
