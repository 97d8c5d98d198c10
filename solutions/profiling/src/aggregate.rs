//! Stage 3: keep running statistics for every endpoint.

use crate::parse::Request;
use std::collections::{HashMap, HashSet};

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
/// The latencies of one endpoint's requests; their 95th percentile is computed on demand.
///
/// The starter sorted the whole list again after every request, to keep its percentile up to
/// date: O(n log n) per request, O(n² log n) per endpoint, for a number the report reads once,
/// and only for its top endpoints. Collecting is O(1) per request; one selection at the end is
/// O(n).
#[derive(Debug, Default)]
pub struct LatencyTracker {
    /// Every latency recorded so far, in no particular order.
    latencies: Vec<u32>,
}

impl LatencyTracker {
    /// Records one request's latency.
    #[inline(never)]
    pub fn record(&mut self, latency_ms: u32) {
        self.latencies.push(latency_ms);
    }

    /// The 95th percentile of the latencies recorded so far, by the nearest-rank method, or 0
    /// if there are none.
    ///
    /// `select_nth_unstable` puts the value of the wanted rank where a full sort would, in O(n)
    /// time; it reorders the list, which is why this takes `&mut self`.
    #[inline(never)]
    pub fn p95(&mut self) -> u32 {
        if self.latencies.is_empty() {
            return 0;
        }
        let index = nearest_rank(95, self.latencies.len()) - 1;
        *self.latencies.select_nth_unstable(index).1
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
///
/// The starter kept them in a `Vec` and scanned it before every insertion: O(n) per request,
/// O(n²) per endpoint. A `HashSet` answers "seen it already?" in O(1) expected time.
#[derive(Debug, Default)]
pub struct SessionSet {
    sessions: HashSet<String>,
}

impl SessionSet {
    /// Adds `session`, unless it is already in the set.
    #[inline(never)]
    pub fn insert(&mut self, session: &str) {
        // Look up with the borrowed `&str` first: a new `String` only for a new session.
        if !self.sessions.contains(session) {
            self.sessions.insert(session.to_owned());
        }
    }

    /// How many different sessions the set holds.
    #[inline(never)]
    pub fn count(&self) -> usize {
        self.sessions.len()
    }
}
// ANCHOR_END: session_set
