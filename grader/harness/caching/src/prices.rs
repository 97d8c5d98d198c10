//! `price-lookup`: a bounded cache in front of a slow pricing service whose prices change.
//!
//! An input is a trace of operations and a capacity. Lookups ask for skus drawn from a
//! catalogue with a Zipf law (a few products are asked for all the time, most rarely); now and
//! then a price changes at the backend, and the harness then calls `invalidate` for it.

use crate::{Api, Zipf, case, list_price, sku_of_rank, thousands};
use fastrand::Rng;
use grader_kit::Count;
use grader_kit::correctness::Case;
use std::collections::{HashMap, HashSet};
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
/// and knows every sku's current price.
#[derive(Debug)]
pub struct Backend {
    latency: Duration,
    changed: Mutex<HashMap<u32, u64>>,
    calls: AtomicU64,
}

impl Backend {
    /// A backend whose fetches take `latency`.
    pub fn new(latency: Duration) -> Self {
        Backend {
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
        changed.get(&sku).copied().unwrap_or_else(|| list_price(sku))
    }

    /// Changes the sku's price.
    pub fn set_price(&self, sku: u32, price: u64) {
        self.changed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(sku, price);
    }

    /// Fetches so far.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }
}

/// Runs a fresh cache of the input's capacity in front of a fresh backend through the trace;
/// returns the answer to every lookup, in order.
pub fn serve<S: Api>((ops, capacity): &(Vec<Op>, u64)) -> Vec<u64> {
    let backend = Arc::new(Backend::new(LATENCY));
    let cache = S::price_cache(Arc::clone(&backend), *capacity);
    let mut answers = Vec::with_capacity(ops.len());
    for &op in ops {
        match op {
            Op::Price(sku) => answers.push(cache.price(sku)),
            Op::Change(sku, price) => {
                backend.set_price(sku, price);
                cache.invalidate(sku);
            }
        }
    }
    answers
}

/// Entries are counted every this many operations, and at the end.
pub const SAMPLE_EVERY: usize = 64;

/// Runs the subject through the trace, as [`serve`] does, and counts: `backend-calls`,
/// `stale-answers` (lookups whose answer is not the backend's price at that moment) and
/// `max-entries` (the most `entry_count()` reported, every [`SAMPLE_EVERY`] operations and at
/// the end).
pub fn count<S: Api>((ops, capacity): &(Vec<Op>, u64)) -> Vec<Count> {
    let backend = Arc::new(Backend::new(LATENCY));
    let cache = S::price_cache(Arc::clone(&backend), *capacity);
    let (mut lookups, mut changes) = (0_u64, 0_u64);
    let mut distinct = HashSet::new();
    let mut stale = 0_u64;
    let mut first_stale = None;
    let mut max_entries = 0_u64;
    for (i, &op) in ops.iter().enumerate() {
        match op {
            Op::Price(sku) => {
                lookups += 1;
                distinct.insert(sku);
                let (answer, truth) = (cache.price(sku), backend.current(sku));
                if answer != truth {
                    stale += 1;
                    first_stale.get_or_insert((lookups, sku, answer, truth));
                }
            }
            Op::Change(sku, price) => {
                changes += 1;
                backend.set_price(sku, price);
                cache.invalidate(sku);
            }
        }
        if (i + 1) % SAMPLE_EVERY == 0 {
            max_entries = max_entries.max(cache.entry_count());
        }
    }
    max_entries = max_entries.max(cache.entry_count());
    let calls = backend.calls();
    let changed_skus: HashSet<u32> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Change(sku, _) => Some(*sku),
            Op::Price(_) => None,
        })
        .collect();
    let stale_detail = match first_stale {
        None => format!(
            "no stale answer in {} lookups, with {} price changes",
            thousands(lookups),
            thousands(changes)
        ),
        Some((at, sku, answer, truth)) if changed_skus.contains(&sku) => format!(
            "first stale answer: lookup {} of sku {sku} returned {answer} after its price changed to {truth} and invalidate({sku}) ran ({} stale answers in all)",
            thousands(at),
            thousands(stale)
        ),
        Some((at, sku, answer, truth)) => format!(
            "first stale answer: lookup {} of sku {sku} returned {answer}, the backend's price is {truth} ({} stale answers in all)",
            thousands(at),
            thousands(stale)
        ),
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
                thousands(*capacity)
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
            detail: Some(format!(
                "held {} entries at most (counted every {SAMPLE_EVERY} operations), capacity {}",
                thousands(max_entries),
                thousands(*capacity)
            )),
        },
    ]
}

/// A trace of `n` operations over the catalogue, for a cache of [`CAPACITY`]: lookups with a
/// Zipf law, and one price change in [`CHANGE_EVERY`], of a sku drawn the same way (popular
/// products change price as often as they are asked for).
pub fn trace(rng: &mut Rng, n: usize) -> (Vec<Op>, u64) {
    let zipf = Zipf::new(CATALOGUE, ZIPF_EXPONENT);
    let mut current: HashMap<u32, u64> = HashMap::new();
    let ops = (0..n)
        .map(|_| {
            let sku = sku_of_rank(zipf.sample(rng));
            if rng.u32(..CHANGE_EVERY) == 0 {
                let old = current.get(&sku).copied().unwrap_or_else(|| list_price(sku));
                let price = loop {
                    let p = rng.u64(99..100_000);
                    if p != old {
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
    (ops, CAPACITY)
}

pub fn edge_cases(rng: &mut Rng) -> Vec<Case<(Vec<Op>, u64)>> {
    use Op::{Change, Price};
    let mut cases = vec![
        case("edge case: nothing asked", (vec![], CAPACITY)),
        case("edge case: one lookup", (vec![Price(42)], CAPACITY)),
        case(
            "edge case: the same sku again and again",
            (vec![Price(7); 50], CAPACITY),
        ),
        case(
            "edge case: a price change between two lookups",
            (vec![Price(7), Change(7, 12_345), Price(7)], CAPACITY),
        ),
        case(
            "edge case: a price change before the first lookup",
            (vec![Change(7, 555), Price(7), Price(7)], CAPACITY),
        ),
        case(
            "edge case: two changes in a row",
            (
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
        ),
        case(
            "edge case: a change of another sku",
            (
                vec![Price(1), Price(2), Change(2, 99), Price(1), Price(2)],
                CAPACITY,
            ),
        ),
        case(
            "edge case: skus 0 and u32::MAX",
            (
                vec![Price(0), Price(u32::MAX), Change(0, 1), Price(0), Price(u32::MAX)],
                CAPACITY,
            ),
        ),
        case(
            "edge case: capacity 0",
            (vec![Price(1), Price(1), Change(1, 5), Price(1), Price(2)], 0),
        ),
        case(
            "edge case: capacity 1, two skus in turn",
            ((0..40).map(|i| Price(i % 2)).collect(), 1),
        ),
        case(
            "edge case: capacity u64::MAX",
            ((0..300).map(|i| Price(i % 37)).collect(), u64::MAX),
        ),
        case(
            "edge case: a change after every lookup",
            (
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
        ),
    ];
    // A scan of many distinct skus, then the first ones again, with a small capacity.
    let scan: Vec<Op> = (0..1_000).chain(0..50).map(Price).collect();
    cases.push(case("edge case: a scan of 1,000 skus, capacity 10", (scan, 10)));
    for n in [1, 2, 3, 5, 7, 31, 33, 63, 100, 257, 1_023] {
        let (ops, _) = trace(rng, n);
        for capacity in [1, 16, CAPACITY] {
            cases.push(case(
                format!("random trace of {n} operations, capacity {capacity}"),
                (ops.clone(), capacity),
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
            let (ops, capacity) = trace(&mut Rng::with_seed(3), n);
            assert_eq!((ops, capacity), trace(&mut Rng::with_seed(3), n));
            assert_eq!(trace(&mut Rng::with_seed(3), n).0.len(), n);
        }
    }

    #[test]
    fn a_trace_asks_for_more_skus_than_the_capacity() {
        let (ops, _) = trace(&mut Rng::with_seed(1), 5_000);
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
    fn the_starter_calls_the_backend_for_every_lookup_and_is_never_stale() {
        let input = trace(&mut Rng::with_seed(2), 500);
        let counts = count::<Starter>(&input);
        let lookups = input.0.iter().filter(|op| matches!(op, Op::Price(_))).count() as u64;
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
}
