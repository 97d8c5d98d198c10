//! Correctness tests for the profiling exercise: `cargo test -p profiling`.
//!
//! They pass on the slow starter code, and they must still pass once `analyze` is fast: speed is
//! worth nothing if the report changes. They check:
//!
//! - a worked example, with the expected report explained in comments;
//! - the log format, rule by rule: lines that are malformed, and unusual lines that are not;
//! - how paths normalise into endpoints;
//! - the 95th percentile, by the nearest-rank method;
//! - the ranking of the top endpoints, ties included;
//! - sessions, times and the empty log;
//! - that the report does not depend on the order of the lines;
//! - that `generate_log` is deterministic and realistic.
//!
//! The reference solution runs this same file (see `solutions/profiling/tests/pipeline.rs`).

use profiling::{EndpointStats, Report, TOP_ENDPOINTS, analyze, generate_log};
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// 2026-11-24T00:00:00Z, in seconds since 1970.
const NOV_24: u64 = 1_795_478_400;

/// A well-formed log line on 2026-11-24, `seconds` after midnight.
fn line(seconds: u32, method: &str, path: &str, status: u16, latency_ms: u32, session: &str) -> String {
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    format!(
        "2026-11-24T{hours:02}:{minutes:02}:{seconds:02}Z {method} {path} {status} {latency_ms}ms \
         session={session} ua=\"Mozilla/5.0 (X11; Linux x86_64)\""
    )
}

/// The lines joined into a log, each ending with a newline.
fn log(lines: &[String]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// The endpoints of a report's top list, in order.
fn endpoints(report: &Report) -> Vec<&str> {
    report
        .top_endpoints
        .iter()
        .map(|stats| stats.endpoint.as_str())
        .collect()
}

/// The statistics of one endpoint in the top list.
fn stats<'a>(report: &'a Report, endpoint: &str) -> &'a EndpointStats {
    report
        .top_endpoints
        .iter()
        .find(|stats| stats.endpoint == endpoint)
        .unwrap_or_else(|| panic!("{endpoint} is not in the top endpoints: {:?}", endpoints(report)))
}

/// Asserts that `text`, as a log of one line, is malformed.
#[track_caller]
fn assert_malformed(text: &str) {
    let report = analyze(&format!("{text}\n"));
    assert_eq!(
        (report.total_lines, report.malformed_lines),
        (1, 1),
        "should be malformed: {text:?}"
    );
    assert!(report.top_endpoints.is_empty(), "{text:?}");
}

/// Asserts that `text`, as a log of one line, is well-formed, and returns its report.
#[track_caller]
fn assert_well_formed(text: &str) -> Report {
    let report = analyze(&format!("{text}\n"));
    assert_eq!(
        (report.total_lines, report.malformed_lines),
        (1, 0),
        "should be well-formed: {text:?}"
    );
    report
}

// ---------------------------------------------------------------------------------------------
// A worked example
// ---------------------------------------------------------------------------------------------

// ANCHOR: worked_example
#[test]
fn worked_example() {
    let log = "\
2026-11-24T17:03:12Z GET /api/v1/orders/123?expand=items 200 42ms session=ab12 ua=\"Mozilla/5.0 (X11; Linux x86_64)\"
2026-11-24T17:03:13Z GET /API/v1/Orders/977 200 58ms session=cd34 ua=\"curl/8.11.0\"
2026-11-24T17:03:13Z POST /api/v1/orders 201 120ms session=ab12 ua=\"Mozilla/5.0 (X11; Linux x86_64)\"
2026-11-24T17:03:15Z GET /api/v1/orders/5/ 503 900ms session=ef56 ua=\"okhttp/4.12.0\"
-- server restarted --
2026-11-24T17:03:14Z GET /health 200 1ms session=ab12 ua=\"curl/8.11.0\"
";
    let expected = Report {
        total_lines: 6,
        // `-- server restarted --` is not a request.
        malformed_lines: 1,
        // 17:03:12 is 61,392 seconds after midnight. The latest time, 17:03:15, is not on the
        // last line: lines are not always in time order.
        earliest: Some(NOV_24 + 61_392),
        latest: Some(NOV_24 + 61_395),
        // ab12, cd34 and ef56.
        unique_sessions: 3,
        distinct_endpoints: 3,
        top_endpoints: vec![
            // Three paths, one endpoint: the query string, the case, the IDs and the trailing
            // slash do not count. One of its three requests failed with a 503. Its 95th
            // percentile is the latency at rank ⌈0.95 × 3⌉ = 3 of [42, 58, 900]: 900.
            EndpointStats {
                endpoint: "GET /api/v1/orders/:id".to_owned(),
                requests: 3,
                server_errors: 1,
                p95_latency_ms: 900,
                unique_sessions: 3,
            },
            // A tie at one request each: "GET /health" comes before "POST /api/v1/orders" in
            // byte order.
            EndpointStats {
                endpoint: "GET /health".to_owned(),
                requests: 1,
                server_errors: 0,
                p95_latency_ms: 1,
                unique_sessions: 1,
            },
            EndpointStats {
                endpoint: "POST /api/v1/orders".to_owned(),
                requests: 1,
                server_errors: 0,
                p95_latency_ms: 120,
                unique_sessions: 1,
            },
        ],
    };
    assert_eq!(analyze(log), expected);
}
// ANCHOR_END: worked_example

// ---------------------------------------------------------------------------------------------
// Empty logs and line endings
// ---------------------------------------------------------------------------------------------

#[test]
fn the_empty_log() {
    let expected = Report {
        total_lines: 0,
        malformed_lines: 0,
        earliest: None,
        latest: None,
        unique_sessions: 0,
        distinct_endpoints: 0,
        top_endpoints: vec![],
    };
    assert_eq!(analyze(""), expected);
}

#[test]
fn a_log_of_malformed_lines_only() {
    let report = analyze("\n\nnot a request\n");
    assert_eq!(
        (report.total_lines, report.malformed_lines),
        (3, 3),
        "two empty lines and a bad one"
    );
    assert_eq!((report.earliest, report.latest), (None, None));
    assert_eq!((report.unique_sessions, report.distinct_endpoints), (0, 0));
    assert!(report.top_endpoints.is_empty());
}

#[test]
fn line_endings() {
    let one = line(0, "GET", "/a", 200, 5, "s1");
    let two = line(1, "GET", "/a", 200, 7, "s2");
    let expected = analyze(&format!("{one}\n{two}\n"));
    assert_eq!(expected.total_lines, 2);
    assert_eq!(expected.malformed_lines, 0);
    // The final newline is optional, and `\r\n` ends a line as `\n` does.
    assert_eq!(analyze(&format!("{one}\n{two}")), expected, "no final newline");
    assert_eq!(
        analyze(&format!("{one}\r\n{two}\r\n")),
        expected,
        "\\r\\n line endings"
    );
    // But an empty line in the middle is a malformed line.
    let with_blank = analyze(&format!("{one}\n\n{two}\n"));
    assert_eq!((with_blank.total_lines, with_blank.malformed_lines), (3, 1));
}

// ---------------------------------------------------------------------------------------------
// The log format, rule by rule
// ---------------------------------------------------------------------------------------------

#[test]
fn malformed_times() {
    for time in [
        "2026-02-29T12:00:00Z", // 2026 is not a leap year
        "2100-02-29T12:00:00Z", // nor is 2100: divisible by 100 but not by 400
        "2026-04-31T12:00:00Z", // April has 30 days
        "2026-13-01T12:00:00Z",
        "2026-00-10T12:00:00Z",
        "2026-11-00T12:00:00Z",
        "2026-11-24T24:00:00Z",
        "2026-11-24T23:60:00Z",
        "2026-11-24T23:59:60Z", // no leap seconds
        "1969-12-31T23:59:59Z", // before 1970
        "2026-11-24T17:03:12",  // no Z
        "2026-11-24t17:03:12Z",
        "2026-11-24T17:03:12z",
        "2026-11-24T17:03:12+00:00",
        "2026-11-24T7:03:12Z",
        "26-11-24T17:03:12Z",
        "+026-11-24T17:03:12Z",
        "2026-1a-24T17:03:12Z",
        "2026/11/24T17:03:12Z",
        "",
    ] {
        assert_malformed(&format!("{time} GET /a 200 5ms session=s1 ua=\"x\""));
    }
    // A space instead of the T splits the time into two fields.
    assert_malformed("2026-11-24 17:03:12Z GET /a 200 5ms session=s1 ua=\"x\"");
}

#[test]
fn unusual_but_valid_times() {
    let at = |time: &str| assert_well_formed(&format!("{time} GET /a 200 5ms session=s1 ua=\"x\"")).earliest;
    assert_eq!(at("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(at("2024-02-29T00:00:00Z"), Some(1_709_164_800), "a leap day");
    assert_eq!(
        at("2000-02-29T00:00:00Z"),
        Some(951_782_400),
        "2000 is a leap year: divisible by 400"
    );
    assert_eq!(at("2026-11-24T23:59:59Z"), Some(NOV_24 + 86_399));
    assert_eq!(
        at("9999-12-31T23:59:59Z"),
        Some(253_402_300_799),
        "the last second of the format"
    );
}

#[test]
fn malformed_methods_and_paths() {
    for request in [
        "get /a",     // methods are upper case
        "Get /a",     //
        "FETCH /a",   // and one of seven
        "CONNECT /a", //
        " /a",        // an empty method: two spaces
        "GET a/b",    // a path starts with /
        "GET *",      //
        "GET ?x=1",   //
    ] {
        assert_malformed(&format!(
            "2026-11-24T17:03:12Z {request} 200 5ms session=s1 ua=\"x\""
        ));
    }
}

#[test]
fn every_method_is_accepted() {
    for method in ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] {
        let report = assert_well_formed(&line(0, method, "/a", 200, 5, "s1"));
        assert_eq!(endpoints(&report), [format!("{method} /a")]);
    }
}

#[test]
fn malformed_statuses() {
    for status in ["20", "2000", "099", "600", "999", "2OO", "+20", "-20", ""] {
        assert_malformed(&format!(
            "2026-11-24T17:03:12Z GET /a {status} 5ms session=s1 ua=\"x\""
        ));
    }
}

#[test]
fn malformed_latencies() {
    for latency in [
        "5",
        "ms",
        "5 ms",
        "5s",
        "-5ms",
        "+5ms",
        "5.0ms",
        "4294967296ms",
        "0x5ms",
        "5MS",
    ] {
        assert_malformed(&format!(
            "2026-11-24T17:03:12Z GET /a 200 {latency} session=s1 ua=\"x\""
        ));
    }
}

#[test]
fn malformed_sessions_and_user_agents() {
    for rest in [
        "session= ua=\"x\"",        // an empty session ID
        "session=ab-12 ua=\"x\"",   // letters and digits only
        "session=ab_12 ua=\"x\"",   //
        "session=ab12  ua=\"x\"",   // two spaces: the user agent field starts with a space
        "sess=ab12 ua=\"x\"",       //
        "session=ab12",             // no user agent
        "session=ab12 ua=x",        // an unquoted user agent
        "session=ab12 ua=\"x",      // an unterminated one
        "session=ab12 ua=\"",       // a lone quote is not a pair
        "session=ab12 ua='x'",      //
        "session=ab12 ua=\"x\" ",   // nothing after the closing quote
        "session=ab12 agent=\"x\"", //
    ] {
        assert_malformed(&format!("2026-11-24T17:03:12Z GET /a 200 5ms {rest}"));
    }
}

#[test]
fn other_malformed_lines() {
    assert_malformed("-- server restarted --");
    assert_malformed(" 2026-11-24T17:03:12Z GET /a 200 5ms session=s1 ua=\"x\""); // leading space
    assert_malformed("2026-11-24T17:03:12Z\tGET\t/a\t200\t5ms\tsession=s1\tua=\"x\""); // tabs
    assert_malformed("2026-11-24T17:03:12Z GET /a 200 5ms"); // cut short
    assert_malformed("\u{feff}2026-11-24T17:03:12Z GET /a 200 5ms session=s1 ua=\"x\""); // a BOM
    assert_malformed("2026-11-24T17:03:12Z GET /a 200 5ms session=s1 ua=\"x\"garbage"); // after the quote
}

#[test]
fn unusual_but_valid_lines() {
    // The smallest and largest statuses and latencies; leading zeros.
    for (status, latency) in [("100", "0"), ("599", "4294967295"), ("200", "007")] {
        assert_well_formed(&format!(
            "2026-11-24T17:03:12Z GET /a {status} {latency}ms session=s1 ua=\"x\""
        ));
    }
    let report = assert_well_formed("2026-11-24T17:03:12Z GET /a 200 007ms session=s1 ua=\"x\"");
    assert_eq!(report.top_endpoints[0].p95_latency_ms, 7);
    let report = assert_well_formed("2026-11-24T17:03:12Z GET /a 200 4294967295ms session=s1 ua=\"x\"");
    assert_eq!(report.top_endpoints[0].p95_latency_ms, u32::MAX);
    // An empty user agent; a user agent with spaces, quotes and non-ASCII letters.
    assert_well_formed("2026-11-24T17:03:12Z GET /a 200 5ms session=s1 ua=\"\"");
    assert_well_formed("2026-11-24T17:03:12Z GET /a 200 5ms session=s1 ua=\"a \"quoted\" agent, über\"");
    // Upper-case and long session IDs.
    assert_well_formed("2026-11-24T17:03:12Z GET /a 200 5ms session=ABCdef0123456789xyz ua=\"x\"");
}

// ---------------------------------------------------------------------------------------------
// Normalising paths into endpoints
// ---------------------------------------------------------------------------------------------

/// The endpoint a request with `method` and `path` is counted under.
fn endpoint_of(method: &str, path: &str) -> String {
    let report = assert_well_formed(&line(0, method, path, 200, 5, "s1"));
    report.top_endpoints[0].endpoint.clone()
}

#[test]
fn paths_normalise_into_endpoints() {
    for (path, expected) in [
        ("/api/v1/orders", "GET /api/v1/orders"),
        ("/api/v1/orders/123", "GET /api/v1/orders/:id"),
        ("/API/V1/Orders/123", "GET /api/v1/orders/:id"),
        ("/api/v1/orders/123?expand=items&page=2", "GET /api/v1/orders/:id"),
        ("/api/v1/orders/123/", "GET /api/v1/orders/:id"),
        ("//api///v1/orders//123", "GET /api/v1/orders/:id"),
        ("/api/v1/users/42/orders/0007", "GET /api/v1/users/:id/orders/:id"),
        // Only all-digit segments are IDs: `v1`, `123abc` and `-5` are not.
        ("/api/v1/orders/123abc", "GET /api/v1/orders/123abc"),
        ("/api/v1/orders/ABC123", "GET /api/v1/orders/abc123"),
        ("/api/v1/orders/-5", "GET /api/v1/orders/-5"),
        ("/api/v1/orders/1.5", "GET /api/v1/orders/1.5"),
        // A query string goes from the first `?`, whatever follows it.
        ("/search?q=/a/1", "GET /search"),
        ("/search?", "GET /search"),
        // The root.
        ("/", "GET /"),
        ("/?page=1", "GET /"),
        ("///", "GET /"),
        ("/123", "GET /:id"),
        // Only ASCII letters change case.
        ("/Straße/ÉTÉ", "GET /straße/ÉtÉ"),
        ("/static/App.JS", "GET /static/app.js"),
    ] {
        assert_eq!(endpoint_of("GET", path), expected, "path {path:?}");
    }
}

#[test]
fn the_method_is_part_of_the_endpoint() {
    let report = analyze(&log(&[
        line(0, "GET", "/api/v1/orders/1", 200, 5, "s1"),
        line(1, "DELETE", "/api/v1/orders/2", 204, 5, "s1"),
        line(2, "GET", "/api/v1/orders/3", 200, 5, "s1"),
    ]));
    assert_eq!(
        endpoints(&report),
        ["GET /api/v1/orders/:id", "DELETE /api/v1/orders/:id"]
    );
    assert_eq!(report.distinct_endpoints, 2);
}

// ---------------------------------------------------------------------------------------------
// The 95th percentile, by the nearest-rank method
// ---------------------------------------------------------------------------------------------

/// The p95 the report gives for one endpoint with these latencies, logged in this order.
fn p95(latencies: &[u32]) -> u32 {
    let lines: Vec<String> = latencies
        .iter()
        .enumerate()
        .map(|(i, &latency)| line(i as u32, "GET", "/a", 200, latency, "s1"))
        .collect();
    let report = analyze(&log(&lines));
    stats(&report, "GET /a").p95_latency_ms
}

#[test]
fn p95_is_the_nearest_rank() {
    // One request: its own latency.
    assert_eq!(p95(&[250]), 250);
    // Rank ⌈0.95 × n⌉ of the sorted latencies. Up to n = 19 that is rank n, the largest:
    // n = 10 gives rank ⌈9.5⌉ = 10.
    assert_eq!(p95(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 10);
    // n = 20: rank 19, so one latency in twenty may exceed the p95.
    let ascending: Vec<u32> = (1..=20).collect();
    assert_eq!(p95(&ascending), 19);
    // n = 21: rank ⌈19.95⌉ = 20.
    let ascending: Vec<u32> = (1..=21).collect();
    assert_eq!(p95(&ascending), 20);
    // n = 100: rank 95. n = 101: rank ⌈95.95⌉ = 96.
    let ascending: Vec<u32> = (1..=100).collect();
    assert_eq!(p95(&ascending), 95);
    let ascending: Vec<u32> = (1..=101).collect();
    assert_eq!(p95(&ascending), 96);
}

#[test]
fn p95_does_not_depend_on_the_order_of_the_requests() {
    // 1..=40 in a scrambled order: rank 38.
    let scrambled: Vec<u32> = (0..40).map(|i| (i * 17) % 40 + 1).collect();
    assert_eq!(p95(&scrambled), 38);
    let descending: Vec<u32> = (1..=40).rev().collect();
    assert_eq!(p95(&descending), 38);
}

#[test]
fn p95_with_equal_latencies_and_outliers() {
    assert_eq!(p95(&[7; 30]), 7, "all equal");
    // 19 fast requests and one slow one: rank 19 of 20 is fast. The slow one is the worst 5%.
    let mut latencies = vec![10; 19];
    latencies.push(5000);
    assert_eq!(p95(&latencies), 10);
    // Two slow ones in twenty: rank 19 is slow.
    latencies[0] = 4000;
    assert_eq!(p95(&latencies), 4000);
    assert_eq!(p95(&[0, u32::MAX]), u32::MAX, "the extremes");
}

// ---------------------------------------------------------------------------------------------
// Counting: server errors, sessions, times
// ---------------------------------------------------------------------------------------------

#[test]
fn server_errors_are_statuses_500_to_599() {
    let lines: Vec<String> = [200, 302, 404, 499, 500, 503, 599]
        .iter()
        .enumerate()
        .map(|(i, &status)| line(i as u32, "GET", "/a", status, 5, "s1"))
        .collect();
    let report = analyze(&log(&lines));
    assert_eq!(stats(&report, "GET /a").requests, 7);
    assert_eq!(stats(&report, "GET /a").server_errors, 3);
}

#[test]
fn sessions_are_counted_per_endpoint_and_in_total() {
    let report = analyze(&log(&[
        line(0, "GET", "/a", 200, 5, "s1"),
        line(1, "GET", "/a", 200, 5, "s2"),
        line(2, "GET", "/a", 200, 5, "s1"),
        line(3, "GET", "/b", 200, 5, "s1"),
        line(4, "GET", "/b", 200, 5, "s3"),
        // Session IDs are case-sensitive: S1 is not s1.
        line(5, "GET", "/b", 200, 5, "S1"),
        // A malformed line's session does not count.
        "2026-11-24T00:00:06Z GET /b 200 5ms session=s4 ua=\"x".to_owned(),
    ]));
    assert_eq!(stats(&report, "GET /a").unique_sessions, 2, "s1 and s2");
    assert_eq!(stats(&report, "GET /b").unique_sessions, 3, "s1, s3 and S1");
    assert_eq!(report.unique_sessions, 4, "s1, s2, s3 and S1");
}

#[test]
fn earliest_and_latest_times() {
    let report = analyze(&log(&[
        line(50, "GET", "/a", 200, 5, "s1"),
        line(10, "GET", "/a", 200, 5, "s1"),
        line(90, "GET", "/a", 200, 5, "s1"),
        line(30, "GET", "/a", 200, 5, "s1"),
        // Malformed lines do not count, even when their time is valid.
        "2026-11-24T00:00:01Z GET /a 200 5ms".to_owned(),
        "2026-11-24T00:05:00Z GET /a 200 5ms".to_owned(),
    ]));
    assert_eq!(report.earliest, Some(NOV_24 + 10));
    assert_eq!(report.latest, Some(NOV_24 + 90));
}

// ---------------------------------------------------------------------------------------------
// Ranking the top endpoints
// ---------------------------------------------------------------------------------------------

#[test]
fn top_endpoints_by_requests_then_by_name() {
    let mut lines = Vec::new();
    let mut time = 0;
    let mut add = |path: &str, method: &str, count: u32| {
        for _ in 0..count {
            lines.push(line(time, method, path, 200, 5, "s1"));
            time += 1;
        }
    };
    add("/b", "GET", 3);
    add("/a", "GET", 3);
    add("/c", "GET", 5);
    add("/a", "DELETE", 3);
    add("/z", "GET", 2);
    let report = analyze(&log(&lines));
    // Most requests first; the three endpoints with 3 requests in byte order ("DELETE" < "GET").
    assert_eq!(
        endpoints(&report),
        ["GET /c", "DELETE /a", "GET /a", "GET /b", "GET /z"]
    );
}

#[test]
fn only_the_top_ten_endpoints_are_listed() {
    assert_eq!(TOP_ENDPOINTS, 10);
    // Two busy endpoints, then twelve with one request each: eight of those make the list, the
    // first eight in byte order.
    let mut lines = vec![
        line(0, "GET", "/busy", 200, 5, "s1"),
        line(1, "GET", "/busy", 200, 5, "s1"),
        line(2, "GET", "/busy", 200, 5, "s1"),
        line(3, "POST", "/busy", 200, 5, "s1"),
        line(4, "POST", "/busy", 200, 5, "s1"),
    ];
    for i in (0..12).rev() {
        lines.push(line(10 + i, "GET", &format!("/page{i:02}"), 200, 5, "s1"));
    }
    let report = analyze(&log(&lines));
    assert_eq!(report.distinct_endpoints, 14);
    let mut expected = vec!["GET /busy".to_owned(), "POST /busy".to_owned()];
    expected.extend((0..8).map(|i| format!("GET /page{i:02}")));
    assert_eq!(endpoints(&report), expected);
}

// ---------------------------------------------------------------------------------------------
// Generated logs
// ---------------------------------------------------------------------------------------------

/// The size of the generated logs these tests analyse: big enough for every kind of line, small
/// enough for the starter in a debug build.
const GENERATED_LINES: usize = 1500;

#[test]
fn generate_log_is_deterministic() {
    assert_eq!(generate_log(7, 500), generate_log(7, 500), "same seed, same log");
    assert_ne!(
        generate_log(7, 500),
        generate_log(8, 500),
        "another seed, another log"
    );
    assert_eq!(generate_log(7, 0), "");
    for lines in [1, 2, 500] {
        let log = generate_log(3, lines);
        assert_eq!(log.lines().count(), lines);
        assert!(log.ends_with('\n'));
    }
    assert_eq!(analyze(&generate_log(5, 300)), analyze(&generate_log(5, 300)));
}

#[test]
fn generated_logs_are_realistic() {
    let log = generate_log(1, GENERATED_LINES);
    let report = analyze(&log);
    assert_eq!(report.total_lines, GENERATED_LINES as u64);
    // About one malformed line in a hundred.
    assert!(
        (5..=40).contains(&report.malformed_lines),
        "{} malformed",
        report.malformed_lines
    );
    // Many endpoints and sessions; a few busy endpoints.
    assert!(
        report.distinct_endpoints >= 100,
        "{} endpoints",
        report.distinct_endpoints
    );
    assert!(
        report.unique_sessions >= 250,
        "{} sessions",
        report.unique_sessions
    );
    assert_eq!(report.top_endpoints.len(), TOP_ENDPOINTS);
    let busiest = &report.top_endpoints[0];
    assert!(busiest.requests >= GENERATED_LINES as u64 / 5, "{busiest:?}");
    // Times span the log, slightly out of order.
    let (earliest, latest) = (report.earliest.unwrap(), report.latest.unwrap());
    assert!(latest - earliest >= GENERATED_LINES as u64 / 2);
    // The paths that normalise: IDs, mixed case, query strings, extra slashes.
    let paths: Vec<&str> = log.lines().filter_map(|line| line.split(' ').nth(2)).collect();
    assert!(
        paths
            .iter()
            .any(|path| path.split('/').any(|s| s.parse::<u64>().is_ok())),
        "IDs"
    );
    assert!(
        paths
            .iter()
            .any(|path| path.chars().any(|c| c.is_ascii_uppercase())),
        "mixed case"
    );
    assert!(paths.iter().any(|path| path.contains('?')), "query strings");
    assert!(
        paths
            .iter()
            .any(|path| path.contains("//") || path.ends_with('/')),
        "extra slashes"
    );
    // Some server errors, and latencies with a slow tail.
    assert!(report.top_endpoints.iter().any(|stats| stats.server_errors > 0));
    assert!(report.top_endpoints.iter().all(|stats| stats.p95_latency_ms > 0));
}

#[test]
fn the_report_does_not_depend_on_the_order_of_the_lines() {
    let log = generate_log(11, GENERATED_LINES);
    let expected = analyze(&log);
    // Reversed, and interleaved (every other line, then the rest).
    let lines: Vec<&str> = log.lines().collect();
    let reversed: String = lines.iter().rev().map(|line| format!("{line}\n")).collect();
    assert_eq!(analyze(&reversed), expected, "reversed");
    let interleaved: String = lines
        .iter()
        .step_by(2)
        .chain(lines.iter().skip(1).step_by(2))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(analyze(&interleaved), expected, "interleaved");
}

#[test]
fn top_endpoints_are_consistent_on_generated_logs() {
    for seed in 0..3 {
        let report = analyze(&generate_log(seed, 800));
        let top = &report.top_endpoints;
        // Ordered by requests, then by name; no endpoint twice.
        for pair in top.windows(2) {
            let order = (u64::MAX - pair[0].requests, &pair[0].endpoint);
            assert!(
                order < (u64::MAX - pair[1].requests, &pair[1].endpoint),
                "seed {seed}: {pair:?}"
            );
        }
        let names: BTreeSet<&str> = top.iter().map(|stats| stats.endpoint.as_str()).collect();
        assert_eq!(names.len(), top.len());
        for stats in top {
            assert!(
                stats.unique_sessions >= 1 && stats.unique_sessions <= stats.requests,
                "{stats:?}"
            );
            assert!(stats.server_errors <= stats.requests, "{stats:?}");
            assert!(stats.unique_sessions <= report.unique_sessions, "{stats:?}");
        }
        let listed: u64 = top.iter().map(|stats| stats.requests).sum();
        assert!(listed <= report.total_lines - report.malformed_lines);
    }
}
