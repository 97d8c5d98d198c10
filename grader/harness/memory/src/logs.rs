//! `log-summary`: the endpoint report of an access log, without holding the log in memory.

use crate::inputs::{PATHS, access_log};
use crate::text_of;
use fastrand::Rng;
use grader_kit::correctness::{Case, case};

/// Logs at the edges: empty, blank, one line, CRLF line ends, statuses around the bounds,
/// malformed lines, extreme values, paths in byte order, a line over 64 KiB, and random logs.
pub(crate) fn edge_cases(rng: &mut Rng) -> Vec<Case<String>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Api, Starter};

    #[test]
    fn generated_logs_are_seeded_and_sized() {
        for n in [0, 1, 17, 1000] {
            let log = access_log(&mut Rng::with_seed(3), n);
            assert_eq!(log, access_log(&mut Rng::with_seed(3), n));
            assert_eq!(log.lines().count(), n);
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
    fn edge_cases_run_on_the_starter() {
        for Case { input, .. } in edge_cases(&mut Rng::with_seed(5)) {
            assert_eq!(
                Starter::endpoint_report(input.as_bytes()),
                Starter::endpoint_report(input.as_bytes())
            );
        }
    }
}
