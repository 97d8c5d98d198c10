//! `price-lookup`: a bounded cache in front of a slow pricing service whose prices change.
//!
//! An input is a trace of operations and a capacity. Lookups ask for skus drawn from a
//! catalogue with a Zipf law (a few products are asked for all the time, most rarely); now and
//! then a price changes at the backend, and the harness then calls `invalidate` for it.
//!
//! Nothing the grade rests on comes from the cache's own word. Its answers are judged against
//! the harness's backend, whose prices are its own (see [`crate::instance_price`]); what it
//! holds is found by asking again, right after `entry_count()` had it settle, for every sku it
//! was asked for: an answer that needed no backend call came from an entry, so the lookups so
//! answered are a lower bound on the entries it held, whatever `entry_count()` said. And a
//! second cache, in front of a backend of its own, is fed the same operations at the same
//! time: an answer carried from one to the other is a wrong answer.

use crate::{
    Answer, Api, Served, Zipf, backend_of, case, instance_price, next_instance, sku_of_rank, thousands,
};
use fastrand::Rng;
use grader_kit::Count;
use grader_kit::correctness::{Case, Input};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The subject's `PriceCache`, as the harness drives it.
pub trait PriceCacheApi {
    /// `PriceCache::price`.
    fn price(&self, sku: u32) -> u64;
    /// `PriceCache::invalidate`.
    fn invalidate(&self, sku: u32);
    /// `PriceCache::entry_count`.
    fn entry_count(&self) -> u64;
}

/// One step of a trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// A product page asks for the price of this sku.
    Price(u32),
    /// The sku's price changes to this at the backend; then the cache is told (`invalidate`).
    Change(u32, u64),
}

/// A task input: the operations, the cache's capacity, and whether the run is audited (the
/// edge cases are: every property is checked on them, not only the answers; the timed inputs
/// are not, so that both sides are timed doing the same work).
#[derive(Clone, PartialEq, Eq)]
pub struct Trace {
    /// The operations, in order.
    pub ops: Vec<Op>,
    /// The capacity given to `PriceCache::new`.
    pub capacity: u64,
    /// Check the capacity, the backend calls and the second cache too (see [`serve`]).
    pub audited: bool,
}

impl Trace {
    /// An audited trace: an edge case.
    pub fn audited(ops: Vec<Op>, capacity: u64) -> Self {
        Trace {
            ops,
            capacity,
            audited: true,
        }
    }
}

impl fmt::Debug for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "capacity {}, operations {:?}", self.capacity, self.ops)
    }
}

impl Input for Trace {
    fn size(&self) -> usize {
        self.ops.len()
    }

    fn shrink(&self) -> Vec<Self> {
        self.ops
            .shrink()
            .into_iter()
            .map(|ops| Trace { ops, ..*self })
            .collect()
    }
}

/// What each fetch costs: a busy wait, so the time is exact and the same on every machine.
pub const LATENCY: Duration = Duration::from_micros(20);

/// The capacity of every generated trace's cache: below the number of distinct skus a trace
/// of a few thousand lookups asks for, so eviction matters.
pub const CAPACITY: u64 = 256;

/// How many products the catalogue has.
pub const CATALOGUE: usize = 1_000;

/// The Zipf exponent of the lookups.
pub const ZIPF_EXPONENT: f64 = 1.2;

/// One operation in this many is a price change.
pub const CHANGE_EVERY: u32 = 50;

/// The harness's pricing service: counts every fetch, waits [`LATENCY`] (or what it is given),
/// and knows every sku's current price. Each backend has prices of its own.
#[derive(Debug)]
pub struct Backend {
    instance: u64,
    latency: Duration,
    /// The prices set since the start, by sku, oldest first.
    changed: Mutex<HashMap<u32, Vec<u64>>>,
    calls: AtomicU64,
}

impl Backend {
    /// A backend whose fetches take `latency`.
    pub fn new(latency: Duration) -> Self {
        Backend {
            instance: next_instance(),
            latency,
            changed: Mutex::new(HashMap::new()),
            calls: AtomicU64::new(0),
        }
    }

    /// The subject's call: counted, slow.
    pub fn fetch(&self, sku: u32) -> u64 {
        self.calls.fetch_add(1, Ordering::Relaxed);
        let start = Instant::now();
        while start.elapsed() < self.latency {
            std::hint::spin_loop();
        }
        self.current(sku)
    }

    /// The sku's price now (not counted, no wait).
    pub fn current(&self, sku: u32) -> u64 {
        let changed = self.changed.lock().unwrap_or_else(PoisonError::into_inner);
        changed
            .get(&sku)
            .and_then(|prices| prices.last())
            .copied()
            .unwrap_or_else(|| instance_price(self.instance, sku))
    }

    /// Changes the sku's price.
    pub fn set_price(&self, sku: u32, price: u64) {
        self.changed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(sku)
            .or_default()
            .push(price);
    }

    /// Fetches so far.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// `answer` to a lookup of `sku` now, judged against the sku's current price here.
    pub fn judge(&self, sku: u32, answer: u64) -> Answer {
        let truth = self.current(sku);
        if answer == truth {
            return Answer::Right;
        }
        let earlier = {
            let changed = self.changed.lock().unwrap_or_else(PoisonError::into_inner);
            let history = changed.get(&sku).map_or(&[][..], |prices| prices.as_slice());
            answer == instance_price(self.instance, sku) || history.contains(&answer)
        };
        Answer::Wrong(if earlier {
            format!(
                "returned {answer} for sku {sku} after its price changed to {truth} and invalidate({sku}) ran"
            )
        } else if let Some(other) = backend_of(answer, sku) {
            format!(
                "returned {answer} for sku {sku}, the price another cache's backend (#{other}) gave; its own \
                 backend (#{}) charges {truth}: each PriceCache must keep its entries to itself",
                self.instance
            )
        } else {
            format!("returned {answer} for sku {sku}, a price it never had; the backend charges {truth}")
        })
    }
}

/// A fresh cache of the subject's in front of a fresh backend, driven by the harness, which
/// keeps its own account of what happened.
struct Watched {
    backend: Arc<Backend>,
    cache: Box<dyn PriceCacheApi>,
    /// Every sku looked up, with the tick of its last lookup since its last price change (or
    /// `None` when its price changed after that lookup).
    recency: HashMap<u32, Option<u64>>,
    ticks: u64,
    /// Lookups asked so far, re-asks included.
    lookups: u64,
    /// Wrong answers, and the first one: (lookup number, operation number, why).
    wrong: u64,
    first_wrong: Option<(u64, usize, String)>,
    /// The most `entry_count()` said, and after which operation.
    reported: (u64, usize),
    /// The most entries found by re-asking: (held, after which operation, what `entry_count()`
    /// said just before).
    held: (u64, usize, u64),
    /// Operations after which every sku was asked again.
    probed_at: Vec<usize>,
}

impl Watched {
    fn new<S: Api>(capacity: u64, latency: Duration) -> Self {
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
    fn apply(&mut self, operation: Op, op: usize) -> Option<Answer> {
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
    fn sample(&mut self, op: usize) -> u64 {
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
    fn probe(&mut self, op: usize) {
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

/// Entries are counted every this many operations, and at the end.
pub const SAMPLE_EVERY: usize = 64;

/// Runs the subject through the trace, as an audited [`serve`] does, with the trace's
/// operations fed to two caches at once, each in front of its own backend, and counts:
///
/// - `backend-calls`: the first cache's backend calls during the trace;
/// - `stale-answers`: lookups whose answer is not the cache's backend's price at that moment
///   (an old price, or one from the other cache's backend): the first cache's, and the second
///   cache's where the first answered right (the same stale answer from both counts once);
/// - `max-entries`: the most entries either cache held: the most `entry_count()` reported
///   (every [`SAMPLE_EVERY`] operations), or, when more, the most found held by asking again
///   for every sku right after an `entry_count()` (the second cache at a quarter, half and
///   three quarters of the trace, the first at its end), whatever `entry_count()` said.
pub fn count<S: Api>(trace: &Trace) -> Vec<Count> {
    let (ops, capacity) = (&trace.ops, trace.capacity);
    let mut first = Watched::new::<S>(capacity, LATENCY);
    let mut second = Watched::new::<S>(capacity, LATENCY);
    let checkpoints = [ops.len() / 4, ops.len() / 2, 3 * ops.len() / 4];
    let (mut lookups, mut changes) = (0_u64, 0_u64);
    let mut distinct = HashSet::new();
    // The second cache's wrong answers where the first was right, and the first of them:
    // (operation, the second cache's lookup number, why).
    let mut second_stale = 0_u64;
    let mut first_second: Option<(usize, u64, String)> = None;
    for (i, &op) in ops.iter().enumerate() {
        match op {
            Op::Price(sku) => {
                lookups += 1;
                distinct.insert(sku);
            }
            Op::Change(..) => changes += 1,
        }
        let answer = first.apply(op, i + 1);
        let twin = second.apply(op, i + 1);
        // The second cache's wrong answers count where the first answered right: the same
        // stale answer from both is one fault, seen twice.
        if let (Some(Answer::Right), Some(Answer::Wrong(why))) = (&answer, &twin) {
            second_stale += 1;
            first_second.get_or_insert_with(|| (i + 1, second.lookups, why.clone()));
        }
        if (i + 1) % SAMPLE_EVERY == 0 {
            first.sample(i + 1);
            second.sample(i + 1);
        }
        if i + 1 < ops.len() && checkpoints.contains(&(i + 1)) {
            let wrong_before = second.wrong;
            second.probe(i + 1);
            if second.wrong > wrong_before {
                second_stale += second.wrong - wrong_before;
                if let Some((n, _, why)) = &second.first_wrong {
                    first_second.get_or_insert_with(|| (i + 1, *n, why.clone()));
                }
            }
        }
    }
    let calls = first.backend.calls();
    first.probe(ops.len());
    second.sample(ops.len());

    let stale = first.wrong + second_stale;
    let first_stale = match (&first.first_wrong, &first_second) {
        (Some((n, op, why)), Some((twin_op, _, _))) if op <= twin_op => Some((*n, why.clone(), "")),
        (_, Some((_, n, why))) => Some((*n, why.clone(), "the second cache's ")),
        (Some((n, _, why)), None) => Some((*n, why.clone(), "")),
        (None, None) => None,
    };
    let stale_detail = match first_stale {
        None => format!(
            "no stale answer in {} lookups, with {} price changes, from either of two caches fed the same \
             operations in front of backends of their own",
            thousands(lookups),
            thousands(changes)
        ),
        Some((n, why, who)) => format!(
            "first stale answer: {who}lookup {} {why} ({} stale answers in all)",
            thousands(n),
            thousands(stale)
        ),
    };

    let reported = first.reported.0.max(second.reported.0);
    let held = [&first, &second]
        .into_iter()
        .map(|w| w.held)
        .max()
        .unwrap_or_default();
    let max_entries = reported.max(held.0);
    let entries_detail = if held.0 > reported {
        let (h, op, settled) = held;
        format!(
            "held at least {} prices with capacity {}: asked again for every sku after operation {}, right \
             after entry_count() said {}, the cache answered {} of them without calling the backend",
            thousands(h),
            thousands(capacity),
            thousands(op as u64),
            thousands(settled),
            thousands(h)
        )
    } else {
        let probed: Vec<String> = (second.probed_at.iter().chain(&first.probed_at))
            .map(|&op| thousands(op as u64))
            .collect();
        format!(
            "held {} entries at most, capacity {}: entry_count() said at most {} (every {SAMPLE_EVERY} \
             operations), and asking again for every sku after operations {} found at most {} held",
            thousands(max_entries),
            thousands(capacity),
            thousands(reported),
            probed.join(", "),
            thousands(held.0)
        )
    };
    vec![
        Count {
            counter: "backend-calls",
            value: calls,
            unit: "backend calls",
            detail: Some(format!(
                "{} backend calls for {} lookups of {} distinct skus, with {} price changes and capacity {}",
                thousands(calls),
                thousands(lookups),
                thousands(distinct.len() as u64),
                thousands(changes),
                thousands(capacity)
            )),
        },
        Count {
            counter: "stale-answers",
            value: stale,
            unit: "stale answers",
            detail: Some(stale_detail),
        },
        Count {
            counter: "max-entries",
            value: max_entries,
            unit: "entries",
            detail: Some(entries_detail),
        },
    ]
}

/// A trace of `n` operations over the catalogue, for a cache of [`CAPACITY`]: lookups with a
/// Zipf law, and one price change in [`CHANGE_EVERY`], of a sku drawn the same way (popular
/// products change price as often as they are asked for). Not audited: the timed inputs.
pub fn trace(rng: &mut Rng, n: usize) -> Trace {
    let zipf = Zipf::new(CATALOGUE, ZIPF_EXPONENT);
    let mut current: HashMap<u32, u64> = HashMap::new();
    let ops = (0..n)
        .map(|_| {
            let sku = sku_of_rank(zipf.sample(rng));
            if rng.u32(..CHANGE_EVERY) == 0 {
                let old = current.get(&sku).copied();
                let price = loop {
                    let p = rng.u64(99..100_000);
                    if Some(p) != old {
                        break p;
                    }
                };
                current.insert(sku, price);
                Op::Change(sku, price)
            } else {
                Op::Price(sku)
            }
        })
        .collect();
    Trace {
        ops,
        capacity: CAPACITY,
        audited: false,
    }
}

/// Edge cases, every one audited: the capacity's extremes (0, 1, `u64::MAX`), the skus' and
/// the prices' (0 and the type's maximum), and the awkward orders of lookups and changes.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Trace>> {
    use Op::{Change, Price};
    let edge = |label: &str, ops: Vec<Op>, capacity: u64| {
        case(format!("edge case: {label}"), Trace::audited(ops, capacity))
    };
    let mut cases = vec![
        edge("nothing asked", vec![], CAPACITY),
        edge("one lookup", vec![Price(42)], CAPACITY),
        edge("the same sku again and again", vec![Price(7); 50], CAPACITY),
        edge(
            "a price change between two lookups",
            vec![Price(7), Change(7, 12_345), Price(7)],
            CAPACITY,
        ),
        edge(
            "a price change before the first lookup",
            vec![Change(7, 555), Price(7), Price(7)],
            CAPACITY,
        ),
        edge(
            "two changes in a row",
            vec![
                Price(9),
                Change(9, 1),
                Change(9, 2),
                Price(9),
                Change(9, 3),
                Price(9),
            ],
            CAPACITY,
        ),
        edge(
            "a change of another sku",
            vec![Price(1), Price(2), Change(2, 99), Price(1), Price(2)],
            CAPACITY,
        ),
        edge(
            "skus 0 and u32::MAX (prices 0 and u64::MAX)",
            vec![
                Price(0),
                Price(u32::MAX),
                Price(0),
                Price(u32::MAX),
                Change(0, 1),
                Price(0),
                Price(u32::MAX),
            ],
            CAPACITY,
        ),
        edge(
            "prices changed to 0 and u64::MAX",
            vec![
                Price(7),
                Change(7, 0),
                Price(7),
                Price(7),
                Change(7, u64::MAX),
                Price(7),
                Price(7),
                Change(8, u64::MAX - 1),
                Price(8),
                Price(8),
                Change(7, 1),
                Price(7),
            ],
            CAPACITY,
        ),
        edge(
            "capacity 0",
            vec![Price(1), Price(1), Change(1, 5), Price(1), Price(2)],
            0,
        ),
        edge("capacity 0, one sku again and again", vec![Price(3); 20], 0),
        edge(
            "capacity 1, two skus in turn",
            (0..40).map(|i| Price(i % 2)).collect(),
            1,
        ),
        edge(
            "capacity 1, one sku again and again, then another",
            [vec![Price(4); 20], vec![Price(5); 20], vec![Price(4)]].concat(),
            1,
        ),
        edge(
            "capacity 2, three skus in turn",
            (0..60).map(|i| Price(10 + i % 3)).collect(),
            2,
        ),
        edge(
            "capacity u64::MAX",
            (0..300).map(|i| Price(i % 37)).collect(),
            u64::MAX,
        ),
        edge(
            "capacity u64::MAX, more skus than a generated trace's capacity",
            (0..700).map(|i| Price(1_000 + i % 350)).collect(),
            u64::MAX,
        ),
        edge(
            "capacity u64::MAX - 1",
            (0..100).map(|i| Price(i % 10)).collect(),
            u64::MAX - 1,
        ),
        edge(
            "a change after every lookup",
            (0..100)
                .map(|i| {
                    if i % 2 == 0 {
                        Price(5)
                    } else {
                        Change(5, 1_000 + i)
                    }
                })
                .collect(),
            CAPACITY,
        ),
    ];
    // A scan of many distinct skus, then the first ones again, with a small capacity.
    let scan: Vec<Op> = (0..1_000).chain(0..50).map(Price).collect();
    cases.push(edge("a scan of 1,000 skus, capacity 10", scan, 10));
    for n in [1, 2, 3, 5, 7, 31, 33, 63, 100, 257, 1_023] {
        let ops = trace(rng, n).ops;
        for capacity in [1, 16, CAPACITY] {
            cases.push(case(
                format!("random trace of {n} operations, capacity {capacity}"),
                Trace::audited(ops.clone(), capacity),
            ));
        }
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Starter;

    #[test]
    fn traces_are_seeded_and_sized() {
        for n in [0, 1, 17, 5_000] {
            let t = trace(&mut Rng::with_seed(3), n);
            assert_eq!(t, trace(&mut Rng::with_seed(3), n));
            assert_eq!((t.ops.len(), t.capacity, t.audited), (n, CAPACITY, false));
        }
    }

    #[test]
    fn a_trace_asks_for_more_skus_than_the_capacity() {
        let ops = trace(&mut Rng::with_seed(1), 5_000).ops;
        let skus: HashSet<u32> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Price(sku) => Some(*sku),
                Op::Change(..) => None,
            })
            .collect();
        let changes = ops.iter().filter(|op| matches!(op, Op::Change(..))).count();
        assert!(skus.len() as u64 > 2 * CAPACITY, "{} skus", skus.len());
        assert!((50..200).contains(&changes), "{changes} changes");
    }

    #[test]
    fn every_backend_has_prices_of_its_own() {
        let (a, b) = (Backend::new(Duration::ZERO), Backend::new(Duration::ZERO));
        assert_ne!(a.fetch(10_000), b.fetch(10_000));
        assert_eq!((a.fetch(0), a.fetch(u32::MAX)), (0, u64::MAX));
        assert!(
            matches!(b.judge(10_000, a.fetch(10_000)), Answer::Wrong(why) if why.contains("another cache's backend"))
        );
        let old = a.fetch(10_000);
        a.set_price(10_000, 5);
        assert!(
            matches!(a.judge(10_000, old), Answer::Wrong(why) if why.contains("after its price changed to 5"))
        );
        assert_eq!(a.judge(10_000, 5), Answer::Right);
    }

    #[test]
    fn the_starter_calls_the_backend_for_every_lookup_and_is_never_stale() {
        let input = trace(&mut Rng::with_seed(2), 500);
        let counts = count::<Starter>(&input);
        let lookups = input.ops.iter().filter(|op| matches!(op, Op::Price(_))).count() as u64;
        assert_eq!(counts[0].value, lookups);
        assert_eq!((counts[1].value, counts[2].value), (0, 0));
        assert!(
            counts[1]
                .detail
                .as_deref()
                .unwrap()
                .starts_with("no stale answer")
        );
    }

    #[test]
    fn the_starter_breaks_no_rule_on_any_edge_case() {
        for Case { label, input } in edge_cases(&mut Rng::with_seed(4)) {
            let served = serve::<Starter>(&input);
            assert!(served.faults.is_empty(), "{label}: {:?}", served.faults);
            assert!(served.answers.iter().all(|a| *a == Answer::Right), "{label}");
        }
    }
}
