//! Stage 4: rank the endpoints and write the report.

use crate::aggregate::{Aggregator, EndpointTotals};
use crate::{EndpointStats, Report, TOP_ENDPOINTS};
use std::fmt;

// ANCHOR: build_report
/// The report on everything `aggregator` has seen.
#[inline(never)]
pub fn build_report(aggregator: Aggregator) -> Report {
    let distinct_endpoints = aggregator.endpoints.len() as u64;
    let mut ranked: Vec<(String, EndpointTotals)> = aggregator.endpoints.into_iter().collect();
    // Most requests first; on a tie, the endpoints in byte order.
    ranked.sort_by(|(name_a, a), (name_b, b)| b.requests.cmp(&a.requests).then_with(|| name_a.cmp(name_b)));
    ranked.truncate(TOP_ENDPOINTS);
    let top_endpoints = ranked
        .into_iter()
        .map(|(endpoint, totals)| endpoint_stats(endpoint, &totals))
        .collect();
    Report {
        total_lines: aggregator.lines,
        malformed_lines: aggregator.malformed,
        earliest: aggregator.earliest,
        latest: aggregator.latest,
        unique_sessions: aggregator.sessions.count() as u64,
        distinct_endpoints,
        top_endpoints,
    }
}
// ANCHOR_END: build_report

/// The statistics of one endpoint, from its running totals.
#[inline(never)]
pub fn endpoint_stats(endpoint: String, totals: &EndpointTotals) -> EndpointStats {
    EndpointStats {
        endpoint,
        requests: totals.requests,
        server_errors: totals.server_errors,
        p95_latency_ms: totals.latencies.p95(),
        unique_sessions: totals.sessions.count() as u64,
    }
}

// ANCHOR: display
/// The report as a table, for people.
impl fmt::Display for Report {
    #[inline(never)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} lines, {} malformed, {} endpoints, {} sessions",
            self.total_lines, self.malformed_lines, self.distinct_endpoints, self.unique_sessions
        )?;
        if let (Some(earliest), Some(latest)) = (self.earliest, self.latest) {
            writeln!(
                f,
                "from {earliest} to {latest} (seconds since 1970), {} s",
                latest - earliest
            )?;
        }
        writeln!(
            f,
            "{:<44} {:>9} {:>8} {:>9} {:>9}",
            "endpoint", "requests", "5xx", "p95 (ms)", "sessions"
        )?;
        for stats in &self.top_endpoints {
            writeln!(
                f,
                "{:<44} {:>9} {:>8} {:>9} {:>9}",
                stats.endpoint,
                stats.requests,
                stats.server_errors,
                stats.p95_latency_ms,
                stats.unique_sessions
            )?;
        }
        Ok(())
    }
}
// ANCHOR_END: display
