//! The counted scenarios against the reference and against naive caches a learner might
//! write, on the grader's own fixed inputs: each broken property must show in its counter, and
//! a correct cache that is not moka must pass.
//!
//! `cargo test -p caching-harness --test naive_caches -- --nocapture` prints the figures.

use caching_harness::inputs::prices::CAPACITY;
use caching_harness::prices::{self, Trace};
use caching_harness::{Answer, Api, Starter, inputs, shared};
use caching_starter::PriceBackend;
use fastrand::Rng;
use grader_kit::Count;
use grader_kit::task::fixed_seed;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

caching_harness::forward_api!(Solution => caching_solution);

/// The proposed limit on `price-lookup`'s backend calls at n = 5,000.
const PRICE_CALLS_LIMIT: u64 = 1_500;

fn price_input() -> Trace {
    prices::trace(&mut Rng::with_seed(fixed_seed("price-lookup")), inputs::prices::N)
}

fn shared_input() -> Vec<u32> {
    shared::trace(
        &mut Rng::with_seed(fixed_seed("shared-lookups")),
        inputs::shared::N,
    )
}

fn value(counts: &[Count], counter: &str) -> u64 {
    counts.iter().find(|c| c.counter == counter).expect(counter).value
}

/// Counts and times one cache on the grader's `price-lookup` scenario; prints them.
fn price_figures<S: Api>(label: &str) -> Vec<Count> {
    let input = price_input();
    let counts = prices::count::<S>(&input);
    let start = Instant::now();
    let served = prices::serve::<S>(&input);
    let elapsed = start.elapsed();
    let correct = served.answers.iter().all(|a| *a == Answer::Right);
    println!(
        "price-lookup, {label}: {:.1} ms per trace, answers match the starter's: {correct}",
        elapsed.as_secs_f64() * 1e3
    );
    for c in &counts {
        println!(
            "  {}: {} ({})",
            c.counter,
            c.value,
            c.detail.as_deref().unwrap_or("")
        );
    }
    counts
}

// ---------------------------------------------------------------------------------------------
// Naive price caches, written against the subject's API: each is the starter but for its
// `PriceCache`, a module of the starter's items in which that one shadows the glob import.
// ---------------------------------------------------------------------------------------------

/// A `HashMap` that remembers every price forever: never evicts, and forgets a price on
/// `invalidate` only when `INVALIDATES`.
struct UnboundedMap<B, const INVALIDATES: bool> {
    backend: B,
    prices: RefCell<HashMap<u32, u64>>,
}

impl<B: PriceBackend, const INVALIDATES: bool> UnboundedMap<B, INVALIDATES> {
    fn new(backend: B, _capacity: u64) -> Self {
        UnboundedMap {
            backend,
            prices: RefCell::default(),
        }
    }
    fn price(&self, sku: u32) -> u64 {
        *self
            .prices
            .borrow_mut()
            .entry(sku)
            .or_insert_with(|| self.backend.fetch(sku))
    }
    fn invalidate(&self, sku: u32) {
        if INVALIDATES {
            self.prices.borrow_mut().remove(&sku);
        }
    }
    fn entry_count(&self) -> u64 {
        self.prices.borrow().len() as u64
    }
}

/// An unbounded map that ignores `invalidate`.
mod unbounded {
    pub use caching_starter::*;
    pub(super) type PriceCache<B> = super::UnboundedMap<B, false>;
}
caching_harness::forward_api!(Unbounded => unbounded);

/// The same, with `invalidate`: fresh, but unbounded.
mod unbounded_invalidating {
    pub use caching_starter::*;
    pub(super) type PriceCache<B> = super::UnboundedMap<B, true>;
}
caching_harness::forward_api!(UnboundedInvalidating => unbounded_invalidating);

/// A least-recently-used cache by hand: a map of (price, last use) and the skus by last use;
/// `invalidate` forgets a price only when `INVALIDATES`.
struct LruCache<B, const INVALIDATES: bool> {
    backend: B,
    capacity: u64,
    state: RefCell<LruState>,
}

#[derive(Default)]
struct LruState {
    clock: u64,
    entries: HashMap<u32, (u64, u64)>,
    by_use: BTreeMap<u64, u32>,
}

impl<B: PriceBackend, const INVALIDATES: bool> LruCache<B, INVALIDATES> {
    fn new(backend: B, capacity: u64) -> Self {
        LruCache {
            backend,
            capacity,
            state: RefCell::default(),
        }
    }
    fn price(&self, sku: u32) -> u64 {
        let mut s = self.state.borrow_mut();
        s.clock += 1;
        let now = s.clock;
        if let Some((price, used)) = s.entries.get(&sku).copied() {
            s.by_use.remove(&used);
            s.by_use.insert(now, sku);
            s.entries.insert(sku, (price, now));
            return price;
        }
        let price = self.backend.fetch(sku);
        if self.capacity == 0 {
            return price;
        }
        if s.entries.len() as u64 >= self.capacity
            && let Some((_, oldest)) = s.by_use.pop_first()
        {
            s.entries.remove(&oldest);
        }
        s.entries.insert(sku, (price, now));
        s.by_use.insert(now, sku);
        price
    }
    fn invalidate(&self, sku: u32) {
        if !INVALIDATES {
            return;
        }
        let mut s = self.state.borrow_mut();
        if let Some((_, used)) = s.entries.remove(&sku) {
            s.by_use.remove(&used);
        }
    }
    fn entry_count(&self) -> u64 {
        self.state.borrow().entries.len() as u64
    }
}

/// A bounded LRU with invalidation.
mod lru {
    pub use caching_starter::*;
    pub(super) type PriceCache<B> = super::LruCache<B, true>;
}
caching_harness::forward_api!(Lru => lru);

/// A bounded LRU that forgets to invalidate.
mod lru_without_invalidate {
    pub use caching_starter::*;
    pub(super) type PriceCache<B> = super::LruCache<B, false>;
}
caching_harness::forward_api!(LruWithoutInvalidate => lru_without_invalidate);

#[test]
fn the_reference_passes_every_price_count() {
    let counts = price_figures::<Solution>("the reference (moka)");
    assert!(value(&counts, "backend-calls") <= PRICE_CALLS_LIMIT);
    assert_eq!(value(&counts, "stale-answers"), 0);
    assert!(value(&counts, "max-entries") <= CAPACITY);
}

#[test]
fn the_starter_fails_on_backend_calls() {
    let counts = price_figures::<Starter>("the starter (no cache)");
    assert!(value(&counts, "backend-calls") > 3 * PRICE_CALLS_LIMIT);
}

#[test]
fn an_unbounded_map_without_invalidation_is_stale_and_too_big() {
    let counts = price_figures::<Unbounded>("an unbounded HashMap, no invalidation");
    assert!(value(&counts, "stale-answers") > 0);
    assert!(value(&counts, "max-entries") > CAPACITY);
}

#[test]
fn an_unbounded_map_with_invalidation_is_too_big() {
    let counts = price_figures::<UnboundedInvalidating>("an unbounded HashMap with invalidation");
    assert_eq!(value(&counts, "stale-answers"), 0);
    assert!(value(&counts, "max-entries") > CAPACITY);
}

#[test]
fn a_bounded_lru_by_hand_passes() {
    let counts = price_figures::<Lru>("a bounded LRU by hand");
    assert!(value(&counts, "backend-calls") <= PRICE_CALLS_LIMIT);
    assert_eq!(value(&counts, "stale-answers"), 0);
    assert!(value(&counts, "max-entries") <= CAPACITY);
}

#[test]
fn a_bounded_lru_without_invalidation_is_stale() {
    let counts = price_figures::<LruWithoutInvalidate>("a bounded LRU, no invalidation");
    assert!(value(&counts, "stale-answers") > 0);
    assert!(value(&counts, "max-entries") <= CAPACITY);
}

// ---------------------------------------------------------------------------------------------
// Shared caches
// ---------------------------------------------------------------------------------------------

/// Checks under the lock, fetches without it, inserts under it again: no thread waits for
/// another's fetch, and threads that miss the same sku together all fetch it.
struct RacyCache<B> {
    backend: B,
    prices: Mutex<HashMap<u32, u64>>,
}

impl<B: PriceBackend + Sync> RacyCache<B> {
    fn new(backend: B) -> Self {
        RacyCache {
            backend,
            prices: Mutex::default(),
        }
    }
    fn price(&self, sku: u32) -> u64 {
        if let Some(&price) = self
            .prices
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&sku)
        {
            return price;
        }
        let price = self.backend.fetch(sku);
        self.prices
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(sku, price);
        price
    }
}

mod racy {
    pub(super) use super::RacyCache as SharedPriceCache;
    pub use caching_starter::*;
}
caching_harness::forward_api!(Racy => racy);

fn shared_figures<S: Api>(label: &str) -> Vec<Count> {
    let input = shared_input();
    let counts = shared::count::<S>(&input);
    println!("shared-lookups, {label}:");
    for c in &counts {
        println!(
            "  {}: {} ({})",
            c.counter,
            c.value,
            c.detail.as_deref().unwrap_or("")
        );
    }
    counts
}

#[test]
fn the_reference_loads_each_sku_once() {
    for _ in 0..3 {
        let counts = shared_figures::<Solution>("the reference (moka get_with)");
        assert_eq!(value(&counts, "duplicate-loads"), 0);
    }
}

#[test]
fn check_unlock_fetch_insert_always_shows_duplicate_loads() {
    let mut lowest = u64::MAX;
    for _ in 0..20 {
        let counts = shared_figures::<Racy>("check, unlock, fetch, insert");
        let duplicates = value(&counts, "duplicate-loads");
        assert!(duplicates > 0);
        lowest = lowest.min(duplicates);
    }
    println!("fewest duplicate loads in 20 runs: {lowest}");
}

/// Panics on every lookup of a SKU below 10,000 (the stampede's cold SKUs).
struct PanickyCache<B>(PhantomData<B>);

impl<B: PriceBackend + Sync> PanickyCache<B> {
    fn new(_backend: B) -> Self {
        PanickyCache(PhantomData)
    }
    fn price(&self, sku: u32) -> u64 {
        assert!(sku >= 10_000, "no price for sku {sku}");
        0
    }
}

mod panicky {
    pub(super) use super::PanickyCache as SharedPriceCache;
    pub use caching_starter::*;
}
caching_harness::forward_api!(Panicky => panicky);

#[test]
#[should_panic(expected = "no price for sku")]
fn a_panic_in_the_stampede_is_raised_not_a_hang() {
    shared::count::<Panicky>(&vec![10_000; 8]);
}
