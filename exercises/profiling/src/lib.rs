//! # Profiling: the exercise
//!
//! An access-log analytics pipeline. [`analyze`] reads a web server's access log and reports
//! its busiest endpoints, in four stages, one module each: `parse` splits a line into fields,
//! `normalise` turns the path into an endpoint, `aggregate` keeps per-endpoint statistics, and
//! `report` ranks the endpoints. Every stage is correct, and on a log of a few tens of thousands
//! of lines the whole pipeline is far too slow.
//!
//! Do not guess why. Profile first, then optimise:
//!
//! 1. Profile the pipeline: `cargo run -p grader -- profile profiling/pipeline` shows the
//!    hottest functions of this crate (under callgrind, or perf); or profile
//!    `examples/run_pipeline.rs` yourself with perf, samply or callgrind (see the book).
//! 2. Write the functions where the time goes in `findings.toml`, as the profiler names them.
//! 3. Make them fast, without changing any answer of [`analyze`]. Measure again.
//!
//! - Check your answers: `cargo test -p profiling`
//! - Measure it yourself: `cargo bench -p profiling`
//! - Grade it: `cargo run -p grader -- profiling`
//!
//! The grader compares your reports with this starter's on edge cases and generated logs, times
//! both on the same fresh logs, and checks your `findings.toml` against the true hot functions.
//!
//! ## The log format
//!
//! One request per line, seven fields separated by single spaces, for example:
//!
//! ```text
//! 2026-11-24T17:03:12Z GET /api/v1/Orders/123?expand=items 200 42ms session=3f9a01bc ua="Mozilla/5.0 (X11; Linux x86_64)"
//! ```
//!
//! 1. The time, `YYYY-MM-DDTHH:MM:SSZ` in UTC: a real calendar date of the years 1970–9999,
//!    hours `00`–`23`, minutes and seconds `00`–`59`.
//! 2. The method: `GET`, `HEAD`, `POST`, `PUT`, `PATCH`, `DELETE` or `OPTIONS`, in upper case.
//! 3. The path, starting with `/`; a query string, from the first `?`, may follow.
//! 4. The status: three digits, `100` to `599`.
//! 5. The latency: decimal digits, at most `u32::MAX`, followed by `ms`.
//! 6. `session=` followed by the session ID: one or more ASCII letters or digits.
//! 7. `ua="`, the user agent (which may contain spaces), and `"`: the rest of the line.
//!
//! A line that breaks any of these rules is malformed: it is counted, and otherwise ignored.
//! Lines end with `\n` or `\r\n`, as [`str::lines`] splits them, so an empty line is a
//! malformed line, and a final newline does not start one.

// ANCHOR: inline_never
// Every function and method of the four stages is marked `#[inline(never)]`, hot or not. The
// optimiser would otherwise merge small functions into their callers, and a profile would
// charge their time to a caller: this keeps each stage's functions visible by name in any
// profiler. Real code would not do this; it would profile a build with full debug info (a
// dedicated `[profile.profiling]`), whose inlined frames perf can still show.
// ANCHOR_END: inline_never

mod aggregate;
mod generate;
mod normalise;
mod parse;
mod report;

pub use generate::generate_log;

/// The learner's profiling findings, read by the grader: see `findings.toml`.
pub const FINDINGS: &str = include_str!("../findings.toml");

/// How many endpoints a [`Report`] ranks.
pub const TOP_ENDPOINTS: usize = 10;

// ANCHOR: report
/// What [`analyze`] finds in a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Every line of the log, well-formed or not.
    pub total_lines: u64,
    /// The lines that break the log format.
    pub malformed_lines: u64,
    /// The earliest time of a well-formed line, in seconds since 1970-01-01T00:00:00Z.
    pub earliest: Option<u64>,
    /// The latest time of a well-formed line, in seconds since 1970-01-01T00:00:00Z.
    pub latest: Option<u64>,
    /// How many different session IDs the well-formed lines have.
    pub unique_sessions: u64,
    /// How many different endpoints the well-formed lines reach.
    pub distinct_endpoints: u64,
    /// The [`TOP_ENDPOINTS`] endpoints with the most requests (fewer if the log has fewer):
    /// by requests, most first, then by endpoint, in byte order, on a tie.
    pub top_endpoints: Vec<EndpointStats>,
}

/// The statistics of one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointStats {
    /// The method and the normalised path, for example `GET /api/v1/orders/:id`.
    pub endpoint: String,
    /// How many well-formed lines reach this endpoint.
    pub requests: u64,
    /// How many of them have a status from 500 to 599.
    pub server_errors: u64,
    /// The 95th percentile of their latencies, by the nearest-rank method: the smallest latency
    /// that at least 95% of the requests do not exceed. With the latencies sorted in ascending
    /// order, the one at 1-based rank ⌈0.95 × requests⌉.
    pub p95_latency_ms: u32,
    /// How many different session IDs made those requests.
    pub unique_sessions: u64,
}
// ANCHOR_END: report

// ANCHOR: analyze
/// Analyses an access log in the format described in the crate's documentation.
///
/// An endpoint is a request's method and its path, normalised: the query string dropped, empty
/// segments dropped, letters in lower case and numeric segments replaced by `:id`, so that
/// `GET /API/v1/Orders/123/?page=2` counts as `GET /api/v1/orders/:id`.
#[inline(never)]
pub fn analyze(log: &str) -> Report {
    let mut aggregator = aggregate::Aggregator::new();
    for line in log.lines() {
        match parse::parse_line(line) {
            Some(request) => {
                let endpoint = normalise::endpoint(request.method, request.path);
                aggregator.add(&request, endpoint);
            }
            None => aggregator.add_malformed(),
        }
    }
    report::build_report(aggregator)
}
// ANCHOR_END: analyze
