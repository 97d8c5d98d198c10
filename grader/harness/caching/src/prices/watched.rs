//! A cache of the subject's driven through a trace, with the harness's own account of what it
//! answered, held and fetched; and [`serve`], which runs one (and, on an audited trace, a
//! second one beside it) and judges it.

use super::{Backend, PriceCacheApi, Trace};
use crate::inputs::prices::{LATENCY, Op};
use crate::{Answer, Api, Served};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// A fresh cache of the subject's in front of a fresh backend, driven by the harness, which
/// keeps its own account of what happened.
pub(super) struct Watched {
    pub(super) backend: Arc<Backend>,
    pub(super) cache: Box<dyn PriceCacheApi>,
    /// Every sku looked up, with the tick of its last lookup since its last price change (or
    /// `None` when its price changed after that lookup).
    pub(super) recency: HashMap<u32, Option<u64>>,
    pub(super) ticks: u64,
    /// Lookups asked so far, re-asks included.
    pub(super) lookups: u64,
    /// Wrong answers, and the first one: (lookup number, operation number, why).
    pub(super) wrong: u64,
    pub(super) first_wrong: Option<(u64, usize, String)>,
    /// The most `entry_count()` said, and after which operation.
    pub(super) reported: (u64, usize),
    /// The most entries found by re-asking: (held, after which operation, what `entry_count()`
    /// said just before).
    pub(super) held: (u64, usize, u64),
    /// Operations after which every sku was asked again.
    pub(super) probed_at: Vec<usize>,
}

impl Watched {
    pub(super) fn new<S: Api>(capacity: u64, latency: Duration) -> Self {
        let backend = Arc::new(Backend::new(latency));
        Watched {
            cache: S::price_cache(Arc::clone(&backend), capacity),
            backend,
            recency: HashMap::new(),
            ticks: 0,
            lookups: 0,
            wrong: 0,
            first_wrong: None,
            reported: (0, 0),
            held: (0, 0, 0),
            probed_at: Vec::new(),
        }
    }

    /// Asks for `sku`, remembers when, and judges the answer.
    fn lookup(&mut self, sku: u32, op: usize) -> Answer {
        self.lookups += 1;
        self.ticks += 1;
        let answer = self.cache.price(sku);
        self.recency.insert(sku, Some(self.ticks));
        let judged = self.backend.judge(sku, answer);
        if let Answer::Wrong(why) = &judged {
            self.wrong += 1;
            self.first_wrong
                .get_or_insert_with(|| (self.lookups, op, why.clone()));
        }
        judged
    }

    /// Operation number `op` (counting from 1): a lookup's judged answer, or `None`.
    pub(super) fn apply(&mut self, operation: Op, op: usize) -> Option<Answer> {
        match operation {
            Op::Price(sku) => Some(self.lookup(sku, op)),
            Op::Change(sku, price) => {
                self.backend.set_price(sku, price);
                self.cache.invalidate(sku);
                if let Some(last) = self.recency.get_mut(&sku) {
                    *last = None;
                }
                None
            }
        }
    }

    /// Asks the cache how many entries it holds (which also lets a lazy cache settle).
    pub(super) fn sample(&mut self, op: usize) -> u64 {
        let entries = self.cache.entry_count();
        if entries > self.reported.0 {
            self.reported = (entries, op);
        }
        entries
    }

    /// Right after `entry_count()`, asks once for every sku asked for so far, most recently
    /// used first (those whose price changed since, last). Each answer either needed a backend
    /// call or came from an entry, and each backend call brings one price, so the right
    /// answers minus the backend calls is a lower bound on the entries held before.
    pub(super) fn probe(&mut self, op: usize) {
        let settled = self.sample(op);
        let mut order: Vec<(Option<u64>, u32)> = self.recency.iter().map(|(&sku, &t)| (t, sku)).collect();
        order.sort_unstable_by(|a, b| b.cmp(a));
        let calls_before = self.backend.calls();
        let right = order
            .into_iter()
            .filter(|&(_, sku)| self.lookup(sku, op) == Answer::Right)
            .count() as u64;
        let held = right.saturating_sub(self.backend.calls() - calls_before);
        if held > self.held.0 {
            self.held = (held, op, settled);
        }
        self.probed_at.push(op);
    }

    /// The rules this cache broke, in words, `who` naming it.
    fn faults(&self, who: &str, capacity: u64, trace_lookups: u64, trace_calls: u64) -> Vec<String> {
        let mut faults = Vec::new();
        if self.reported.0 > capacity {
            faults.push(format!(
                "{who}'s entry_count() said {} after operation {}, above its capacity of {capacity}",
                self.reported.0, self.reported.1
            ));
        }
        let (held, op, settled) = self.held;
        if held > capacity {
            faults.push(format!(
                "{who} held at least {held} {} with a capacity of {capacity}: asked again for every sku \
                 after operation {op}, right after entry_count() said {settled}, it answered {held} of them \
                 without calling the backend",
                if held == 1 { "price" } else { "prices" }
            ));
        }
        if trace_calls > trace_lookups {
            faults.push(format!(
                "{who} called the backend {trace_calls} times for {trace_lookups} lookups, more than no cache at all"
            ));
        }
        faults
    }
}

/// Runs a fresh cache of the trace's capacity in front of a fresh backend through the trace;
/// returns every lookup's answer, judged.
///
/// An audited trace (an edge case) is also checked for every rule the counted scenario
/// counts: a second cache, in front of a backend of its own, gets the same operations at the
/// same time and must answer right too; both are asked `entry_count()` after every operation,
/// which must never exceed the capacity, and asked again for every sku at the end, which must
/// not find more prices held than the capacity; and neither may call its backend more often
/// than it was asked for a price.
pub fn serve<S: Api>(trace: &Trace) -> Served {
    let mut cache = Watched::new::<S>(trace.capacity, LATENCY);
    if !trace.audited {
        let answers = (trace.ops.iter().enumerate())
            .filter_map(|(i, &op)| cache.apply(op, i + 1))
            .collect();
        return Served {
            answers,
            faults: Vec::new(),
        };
    }
    let mut twin = Watched::new::<S>(trace.capacity, LATENCY);
    let mut answers = Vec::new();
    for (i, &op) in trace.ops.iter().enumerate() {
        answers.extend(cache.apply(op, i + 1));
        twin.apply(op, i + 1);
        cache.sample(i + 1);
        twin.sample(i + 1);
    }
    let lookups = cache.lookups;
    let calls = (cache.backend.calls(), twin.backend.calls());
    let wrong_in_trace = cache.wrong;
    cache.probe(trace.ops.len());
    twin.probe(trace.ops.len());
    let mut faults = cache.faults("the cache", trace.capacity, lookups, calls.0);
    // Wrong answers during the trace show in `answers`; the first one after it, here.
    if wrong_in_trace == 0
        && let Some((_, _, why)) = &cache.first_wrong
    {
        faults.push(format!(
            "asked again for every sku after the trace, the cache {why}"
        ));
    }
    let second = "a second PriceCache, fed the same operations in front of a backend of its own,";
    if let Some((n, op, why)) = &twin.first_wrong {
        faults.push(format!("{second} {why} (its lookup {n}, at operation {op})"));
    }
    faults.extend(twin.faults(second.trim_end_matches(','), trace.capacity, lookups, calls.1));
    Served { answers, faults }
}
