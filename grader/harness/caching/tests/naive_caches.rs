//! The counted scenarios against the reference and against naive caches a learner might
//! write, on the grader's own fixed inputs: each broken property must show in its counter, and
//! a correct cache that is not moka must pass.
//!
//! `cargo test -p caching-harness --test naive_caches -- --nocapture` prints the figures.

use caching_harness::prices::{self, Backend, PriceCacheApi, Trace};
use caching_harness::shared::{self, SharedPriceCacheApi};
use caching_harness::{Answer, Api, Starter};
use fastrand::Rng;
use grader_kit::Count;
use grader_kit::task::fixed_seed;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

caching_harness::forward_api!(Solution => caching_solution);

/// The sizes the manifest's count checks use.
const PRICE_N: usize = 5_000;
const SHARED_N: usize = 1_000;

/// The proposed limit on `price-lookup`'s backend calls at n = 5,000.
const PRICE_CALLS_LIMIT: u64 = 1_500;

fn price_input() -> Trace {
    prices::trace(&mut Rng::with_seed(fixed_seed("price-lookup")), PRICE_N)
}

fn shared_input() -> Vec<u32> {
    shared::trace(&mut Rng::with_seed(fixed_seed("shared-lookups")), SHARED_N)
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
// Naive price caches
// ---------------------------------------------------------------------------------------------

/// A `HashMap` that remembers every price forever: never evicts, ignores `invalidate`.
struct Unbounded;

struct UnboundedCache {
    backend: Arc<Backend>,
    prices: RefCell<HashMap<u32, u64>>,
    invalidates: bool,
}

impl PriceCacheApi for UnboundedCache {
    fn price(&self, sku: u32) -> u64 {
        *self
            .prices
            .borrow_mut()
            .entry(sku)
            .or_insert_with(|| self.backend.fetch(sku))
    }
    fn invalidate(&self, sku: u32) {
        if self.invalidates {
            self.prices.borrow_mut().remove(&sku);
        }
    }
    fn entry_count(&self) -> u64 {
        self.prices.borrow().len() as u64
    }
}

impl Api for Unbounded {
    fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
        Starter::cheapest_passes(days, prices)
    }
    fn price_cache(backend: Arc<Backend>, _capacity: u64) -> Box<dyn PriceCacheApi> {
        Box::new(UnboundedCache {
            backend,
            prices: RefCell::default(),
            invalidates: false,
        })
    }
    fn shared_price_cache(backend: Arc<shared::Backend>) -> Box<dyn SharedPriceCacheApi> {
        Starter::shared_price_cache(backend)
    }
}

/// The same, with `invalidate`: fresh, but unbounded.
struct UnboundedInvalidating;

impl Api for UnboundedInvalidating {
    fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
        Starter::cheapest_passes(days, prices)
    }
    fn price_cache(backend: Arc<Backend>, _capacity: u64) -> Box<dyn PriceCacheApi> {
        Box::new(UnboundedCache {
            backend,
            prices: RefCell::default(),
            invalidates: true,
        })
    }
    fn shared_price_cache(backend: Arc<shared::Backend>) -> Box<dyn SharedPriceCacheApi> {
        Starter::shared_price_cache(backend)
    }
}

/// A least-recently-used cache by hand: a map of (price, last use) and the skus by last use.
struct LruCache {
    backend: Arc<Backend>,
    capacity: u64,
    invalidates: bool,
    state: RefCell<LruState>,
}

#[derive(Default)]
struct LruState {
    clock: u64,
    entries: HashMap<u32, (u64, u64)>,
    by_use: BTreeMap<u64, u32>,
}

impl PriceCacheApi for LruCache {
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
        if !self.invalidates {
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

struct Lru;

impl Api for Lru {
    fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
        Starter::cheapest_passes(days, prices)
    }
    fn price_cache(backend: Arc<Backend>, capacity: u64) -> Box<dyn PriceCacheApi> {
        Box::new(LruCache {
            backend,
            capacity,
            invalidates: true,
            state: RefCell::default(),
        })
    }
    fn shared_price_cache(backend: Arc<shared::Backend>) -> Box<dyn SharedPriceCacheApi> {
        Starter::shared_price_cache(backend)
    }
}

/// A bounded LRU that forgets to invalidate.
struct LruWithoutInvalidate;

impl Api for LruWithoutInvalidate {
    fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
        Starter::cheapest_passes(days, prices)
    }
    fn price_cache(backend: Arc<Backend>, capacity: u64) -> Box<dyn PriceCacheApi> {
        Box::new(LruCache {
            backend,
            capacity,
            invalidates: false,
            state: RefCell::default(),
        })
    }
    fn shared_price_cache(backend: Arc<shared::Backend>) -> Box<dyn SharedPriceCacheApi> {
        Starter::shared_price_cache(backend)
    }
}

#[test]
fn the_reference_passes_every_price_count() {
    let counts = price_figures::<Solution>("the reference (moka)");
    assert!(value(&counts, "backend-calls") <= PRICE_CALLS_LIMIT);
    assert_eq!(value(&counts, "stale-answers"), 0);
    assert!(value(&counts, "max-entries") <= prices::CAPACITY);
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
    assert!(value(&counts, "max-entries") > prices::CAPACITY);
}

#[test]
fn an_unbounded_map_with_invalidation_is_too_big() {
    let counts = price_figures::<UnboundedInvalidating>("an unbounded HashMap with invalidation");
    assert_eq!(value(&counts, "stale-answers"), 0);
    assert!(value(&counts, "max-entries") > prices::CAPACITY);
}

#[test]
fn a_bounded_lru_by_hand_passes() {
    let counts = price_figures::<Lru>("a bounded LRU by hand");
    assert!(value(&counts, "backend-calls") <= PRICE_CALLS_LIMIT);
    assert_eq!(value(&counts, "stale-answers"), 0);
    assert!(value(&counts, "max-entries") <= prices::CAPACITY);
}

#[test]
fn a_bounded_lru_without_invalidation_is_stale() {
    let counts = price_figures::<LruWithoutInvalidate>("a bounded LRU, no invalidation");
    assert!(value(&counts, "stale-answers") > 0);
    assert!(value(&counts, "max-entries") <= prices::CAPACITY);
}

// ---------------------------------------------------------------------------------------------
// Shared caches
// ---------------------------------------------------------------------------------------------

/// Checks under the lock, fetches without it, inserts under it again: no thread waits for
/// another's fetch, and threads that miss the same sku together all fetch it.
struct Racy;

struct RacyCache {
    backend: Arc<shared::Backend>,
    prices: Mutex<HashMap<u32, u64>>,
}

impl SharedPriceCacheApi for RacyCache {
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

impl Api for Racy {
    fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
        Starter::cheapest_passes(days, prices)
    }
    fn price_cache(backend: Arc<Backend>, capacity: u64) -> Box<dyn PriceCacheApi> {
        Starter::price_cache(backend, capacity)
    }
    fn shared_price_cache(backend: Arc<shared::Backend>) -> Box<dyn SharedPriceCacheApi> {
        Box::new(RacyCache {
            backend,
            prices: Mutex::default(),
        })
    }
}

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
struct Panicky;

struct PanickyCache;

impl SharedPriceCacheApi for PanickyCache {
    fn price(&self, sku: u32) -> u64 {
        assert!(sku >= 10_000, "no price for sku {sku}");
        0
    }
}

impl Api for Panicky {
    fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
        Starter::cheapest_passes(days, prices)
    }
    fn price_cache(backend: Arc<Backend>, capacity: u64) -> Box<dyn PriceCacheApi> {
        Starter::price_cache(backend, capacity)
    }
    fn shared_price_cache(_backend: Arc<shared::Backend>) -> Box<dyn SharedPriceCacheApi> {
        Box::new(PanickyCache)
    }
}

#[test]
#[should_panic(expected = "no price for sku")]
fn a_panic_in_the_stampede_is_raised_not_a_hang() {
    shared::count::<Panicky>(&vec![10_000; 8]);
}
