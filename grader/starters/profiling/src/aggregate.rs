//! Stage 3: keep running statistics for every endpoint.

use crate::parse::Request;
use std::collections::HashMap;

// ANCHOR: aggregator
/// Everything the report needs, gathered one line at a time.
#[derive(Debug, Default)]
pub struct Aggregator {
    pub lines: u64,
    pub malformed: u64,
    pub earliest: Option<u64>,
    pub latest: Option<u64>,
    /// The sessions of all the well-formed lines.
    pub sessions: SessionSet,
    /// The statistics of each endpoint, by endpoint.
    pub endpoints: HashMap<String, EndpointTotals>,
}

/// The running statistics of one endpoint.
#[derive(Debug, Default)]
pub struct EndpointTotals {
    pub requests: u64,
    pub server_errors: u64,
    pub latencies: LatencyTracker,
    pub sessions: SessionSet,
}

impl Aggregator {
    /// An aggregator that has seen no line yet.
    #[inline(never)]
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts a well-formed line: its request, made to `endpoint`.
    #[inline(never)]
    pub fn add(&mut self, request: &Request<'_>, endpoint: String) {
        self.lines += 1;
        self.earliest = Some(self.earliest.map_or(request.time, |time| time.min(request.time)));
        self.latest = Some(self.latest.map_or(request.time, |time| time.max(request.time)));
        self.sessions.insert(request.session);
        let totals = self.endpoints.entry(endpoint).or_default();
        totals.requests += 1;
        if (500..=599).contains(&request.status) {
            totals.server_errors += 1;
        }
        totals.latencies.record(request.latency_ms);
        totals.sessions.insert(request.session);
    }

    /// Counts a malformed line.
    #[inline(never)]
    pub fn add_malformed(&mut self) {
        self.lines += 1;
        self.malformed += 1;
    }
}
// ANCHOR_END: aggregator

// ANCHOR: latency_tracker
/// The latencies of one endpoint's requests, and their 95th percentile.
#[derive(Debug, Default)]
pub struct LatencyTracker {
    /// Every latency recorded so far, in ascending order.
    sorted: Vec<u32>,
    /// The 95th percentile of `sorted`.
    p95: u32,
}

impl LatencyTracker {
    /// Records one request's latency.
    #[inline(never)]
    pub fn record(&mut self, latency_ms: u32) {
        self.sorted.push(latency_ms);
        self.sorted.sort_unstable();
        self.p95 = self.sorted[nearest_rank(95, self.sorted.len()) - 1];
    }

    /// The 95th percentile of the latencies recorded so far, by the nearest-rank method.
    #[inline(never)]
    pub fn p95(&self) -> u32 {
        self.p95
    }
}
// ANCHOR_END: latency_tracker

/// The 1-based rank, in ascending order, of the `percent`th percentile of `count` values by the
/// nearest-rank method: ⌈percent × count / 100⌉, and at least 1.
#[inline(never)]
pub fn nearest_rank(percent: usize, count: usize) -> usize {
    (percent * count).div_ceil(100).max(1)
}

// ANCHOR: session_set
/// The different session IDs of a set of requests: those to one endpoint, or the whole log.
#[derive(Debug, Default)]
pub struct SessionSet {
    sessions: Vec<String>,
}

impl SessionSet {
    /// Adds `session`, unless it is already in the set.
    #[inline(never)]
    pub fn insert(&mut self, session: &str) {
        if !self.sessions.iter().any(|known| known == session) {
            self.sessions.push(session.to_owned());
        }
    }

    /// How many different sessions the set holds.
    #[inline(never)]
    pub fn count(&self) -> usize {
        self.sessions.len()
    }
}
// ANCHOR_END: session_set
