//! Caches a learner might write to pass without doing the work, graded end to end as the
//! grader grades them (the manifest's count checks, then every correctness case): each must
//! fail, with a message that says what it did; beside them, the legitimate caches that must
//! pass. Counts and answers only: nothing here depends on the clock.

use caching_harness::prices::{Backend, PriceCacheApi};
use caching_harness::shared::{self, SharedPriceCacheApi};
use caching_harness::{Api, Starter, inputs, price_lookup, shared_lookups};
use grader_kit::spec::Check;
use grader_kit::testing::{assert_count_fails, assert_passes, assert_wrong_answer, count, grade};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

caching_harness::forward_api!(Solution => caching_solution);

/// `price-lookup`'s count checks, as in the manifest.
fn price_checks() -> Vec<Check> {
    vec![
        count("stale-answers", inputs::prices::N, 0),
        count("max-entries", inputs::prices::N, inputs::prices::CAPACITY),
        count("backend-calls", inputs::prices::N, 1_500),
    ]
}

/// `shared-lookups`'s count checks, as in the manifest.
fn shared_checks() -> Vec<Check> {
    vec![
        count("wrong-answers", inputs::shared::N, 0),
        count("duplicate-loads", inputs::shared::N, 0),
        count("backend-calls", inputs::shared::N, 277),
    ]
}

/// An `Api` whose price cache is built by `$make(backend, capacity)`, the rest the starter's.
macro_rules! price_cache_api {
    ($name:ident, $make:expr) => {
        struct $name;
        impl Api for $name {
            fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
                Starter::cheapest_passes(days, prices)
            }
            fn price_cache(backend: Arc<Backend>, capacity: u64) -> Box<dyn PriceCacheApi> {
                let make: fn(Arc<Backend>, u64) -> Box<dyn PriceCacheApi> = $make;
                make(backend, capacity)
            }
            fn shared_price_cache(backend: Arc<shared::Backend>) -> Box<dyn SharedPriceCacheApi> {
                Starter::shared_price_cache(backend)
            }
        }
    };
}

/// An `Api` whose shared cache is built by `$make(backend)`, the rest the starter's.
macro_rules! shared_cache_api {
    ($name:ident, $make:expr) => {
        struct $name;
        impl Api for $name {
            fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
                Starter::cheapest_passes(days, prices)
            }
            fn price_cache(backend: Arc<Backend>, capacity: u64) -> Box<dyn PriceCacheApi> {
                Starter::price_cache(backend, capacity)
            }
            fn shared_price_cache(backend: Arc<shared::Backend>) -> Box<dyn SharedPriceCacheApi> {
                let make: fn(Arc<shared::Backend>) -> Box<dyn SharedPriceCacheApi> = $make;
                make(backend)
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// price-lookup: a least-recently-used cache by hand, with knobs for the ways to get it wrong
// ---------------------------------------------------------------------------------------------

/// A least-recently-used cache that invalidates; `bound` is how many entries it really keeps
/// (`None`: all), and a lying one says it holds at most `capacity` whatever it holds.
struct Lru {
    backend: Arc<Backend>,
    bound: Option<u64>,
    capacity: u64,
    lies: bool,
    state: RefCell<LruState>,
}

#[derive(Default)]
struct LruState {
    clock: u64,
    entries: HashMap<u32, (u64, u64)>,
    by_use: BTreeMap<u64, u32>,
}

impl Lru {
    fn boxed(backend: Arc<Backend>, capacity: u64, bound: Option<u64>, lies: bool) -> Box<dyn PriceCacheApi> {
        Box::new(Lru {
            backend,
            bound,
            capacity,
            lies,
            state: RefCell::default(),
        })
    }
}

impl PriceCacheApi for Lru {
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
        if self.bound == Some(0) {
            return price;
        }
        if self.bound.is_some_and(|b| s.entries.len() as u64 >= b)
            && let Some((_, oldest)) = s.by_use.pop_first()
        {
            s.entries.remove(&oldest);
        }
        s.entries.insert(sku, (price, now));
        s.by_use.insert(now, sku);
        price
    }

    fn invalidate(&self, sku: u32) {
        let mut s = self.state.borrow_mut();
        if let Some((_, used)) = s.entries.remove(&sku) {
            s.by_use.remove(&used);
        }
    }

    fn entry_count(&self) -> u64 {
        let held = self.state.borrow().entries.len() as u64;
        if self.lies { held.min(self.capacity) } else { held }
    }
}

price_cache_api!(HonestLru, |backend, capacity| Lru::boxed(
    backend,
    capacity,
    Some(capacity),
    false
));
price_cache_api!(LyingUnbounded, |backend, capacity| Lru::boxed(
    backend, capacity, None, true
));
price_cache_api!(LyingOneTooMany, |backend, capacity| {
    Lru::boxed(backend, capacity, Some(capacity.saturating_add(1)), true)
});
price_cache_api!(ZeroMeansUnbounded, |backend, capacity| {
    let bound = (capacity > 0).then_some(capacity);
    Lru::boxed(backend, capacity, bound, false)
});
price_cache_api!(ZeroMeansUnboundedLying, |backend, capacity| {
    let bound = (capacity > 0).then_some(capacity);
    Lru::boxed(backend, capacity, bound, true)
});

#[test]
fn the_reference_passes_price_lookup() {
    let graded = grade(&price_lookup::<Solution>(), price_checks());
    assert_passes(&graded);
}

#[test]
fn a_least_recently_used_cache_by_hand_passes_price_lookup() {
    let graded = grade(&price_lookup::<HonestLru>(), price_checks());
    assert_passes(&graded);
}

#[test]
fn the_starter_fails_price_lookup_on_backend_calls() {
    let graded = grade(&price_lookup::<Starter>(), price_checks());
    assert_count_fails(&graded, "backend-calls", "4,887 backend calls");
}

#[test]
fn an_unbounded_cache_whose_entry_count_lies_fails_on_entries_held() {
    let graded = grade(&price_lookup::<LyingUnbounded>(), price_checks());
    let m = assert_count_fails(&graded, "max-entries", "without calling the backend");
    assert!(m.value.is_some_and(|v| v > 500.0), "{:?}", m.value);
    assert!(
        grader_kit::testing::detail(m).contains("entry_count() said 256"),
        "{}",
        grader_kit::testing::detail(m)
    );
}

#[test]
fn a_cache_one_entry_too_big_whose_entry_count_lies_fails_on_entries_held() {
    let graded = grade(&price_lookup::<LyingOneTooMany>(), price_checks());
    let m = assert_count_fails(&graded, "max-entries", "held at least 257 prices");
    assert_eq!(m.value, Some(257.0));
}

#[test]
fn capacity_zero_taken_for_no_limit_is_caught_by_entry_count() {
    let graded = grade(&price_lookup::<ZeroMeansUnbounded>(), price_checks());
    let difference = assert_wrong_answer(&graded, "capacity 0", "above its capacity of 0");
    assert!(difference.contains("entry_count() said 1"), "{difference}");
}

#[test]
fn capacity_zero_taken_for_no_limit_is_caught_when_entry_count_lies() {
    let graded = grade(&price_lookup::<ZeroMeansUnboundedLying>(), price_checks());
    assert_wrong_answer(
        &graded,
        "capacity 0",
        "held at least 1 price with a capacity of 0",
    );
}

// ---------------------------------------------------------------------------------------------
// price-lookup: caches shared between instances
// ---------------------------------------------------------------------------------------------

/// A cache over a table that is not its own: `key` makes the table's key of a sku, and the
/// table is emptied when it reaches the capacity (so it stays within it, and says so).
struct Borrowed {
    backend: Arc<Backend>,
    table: &'static Table,
    capacity: u64,
    key: fn(u64, u32) -> (u64, u32),
}

impl PriceCacheApi for Borrowed {
    fn price(&self, sku: u32) -> u64 {
        let key = (self.key)(self.capacity, sku);
        if let Some(&price) = self
            .table
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return price;
        }
        let price = self.backend.fetch(sku);
        let mut table = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        if table.len() as u64 >= self.capacity {
            table.clear();
        }
        if self.capacity > 0 {
            table.insert(key, price);
        }
        price
    }

    fn invalidate(&self, sku: u32) {
        let key = (self.key)(self.capacity, sku);
        self.table
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&key);
    }

    fn entry_count(&self) -> u64 {
        self.table.lock().unwrap_or_else(PoisonError::into_inner).len() as u64
    }
}

/// A table per test, so the tests (threads of one process) never share one.
type Table = Mutex<BTreeMap<(u64, u32), u64>>;
static PROGRAM_WIDE: Table = Mutex::new(BTreeMap::new());
static BY_CAPACITY: Table = Mutex::new(BTreeMap::new());
static CLEARED_BY_NEW: Table = Mutex::new(BTreeMap::new());

price_cache_api!(ProgramWide, |backend, capacity| {
    Box::new(Borrowed {
        backend,
        table: &PROGRAM_WIDE,
        capacity,
        key: |_, sku| (0, sku),
    })
});
price_cache_api!(KeyedByCapacity, |backend, capacity| {
    Box::new(Borrowed {
        backend,
        table: &BY_CAPACITY,
        capacity,
        key: |capacity, sku| (capacity, sku),
    })
});
price_cache_api!(ClearedByNew, |backend, capacity| {
    let table = &CLEARED_BY_NEW;
    table.lock().unwrap_or_else(PoisonError::into_inner).clear();
    Box::new(Borrowed {
        backend,
        table,
        capacity,
        key: |_, sku| (0, sku),
    })
});

#[test]
fn a_program_wide_static_cache_gives_another_caches_prices() {
    let graded = grade(&price_lookup::<ProgramWide>(), price_checks());
    let m = assert_count_fails(&graded, "stale-answers", "another cache's backend");
    assert!(
        grader_kit::testing::detail(m).contains("the second cache"),
        "{}",
        grader_kit::testing::detail(m)
    );
}

#[test]
fn a_static_cache_keyed_without_the_instance_gives_another_caches_prices() {
    let graded = grade(&price_lookup::<KeyedByCapacity>(), price_checks());
    assert_count_fails(&graded, "stale-answers", "another cache's backend");
}

#[test]
fn a_static_cache_emptied_by_each_new_cache_still_shares_between_live_caches() {
    let graded = grade(&price_lookup::<ClearedByNew>(), price_checks());
    assert_count_fails(&graded, "stale-answers", "another cache's backend");
}

// ---------------------------------------------------------------------------------------------
// shared-lookups
// ---------------------------------------------------------------------------------------------

/// One `OnceLock` per sku: the map's lock is held only to find the sku's cell, and
/// `get_or_init` runs one fetch per sku while other callers of that sku wait for it.
struct OncePerSku {
    backend: Arc<shared::Backend>,
    cells: Mutex<HashMap<u32, Arc<OnceLock<u64>>>>,
}

impl SharedPriceCacheApi for OncePerSku {
    fn price(&self, sku: u32) -> u64 {
        let cell = Arc::clone(
            self.cells
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(sku)
                .or_default(),
        );
        *cell.get_or_init(|| self.backend.fetch(sku))
    }
}

/// One `Mutex` per sku, held while that sku is fetched.
struct MutexPerSku {
    backend: Arc<shared::Backend>,
    slots: Mutex<HashMap<u32, Arc<Mutex<Option<u64>>>>>,
}

impl SharedPriceCacheApi for MutexPerSku {
    fn price(&self, sku: u32) -> u64 {
        let slot = Arc::clone(
            self.slots
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(sku)
                .or_default(),
        );
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        *slot.get_or_insert_with(|| self.backend.fetch(sku))
    }
}

/// `OncePerSku` over a table shared by every instance.
struct ProgramWideOnce {
    backend: Arc<shared::Backend>,
}

static SHARED_CELLS: Mutex<BTreeMap<u32, Arc<OnceLock<u64>>>> = Mutex::new(BTreeMap::new());

impl SharedPriceCacheApi for ProgramWideOnce {
    fn price(&self, sku: u32) -> u64 {
        let cell = Arc::clone(
            SHARED_CELLS
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(sku)
                .or_default(),
        );
        *cell.get_or_init(|| self.backend.fetch(sku))
    }
}

/// `OncePerSku` that forgets everything once it holds 256 prices.
struct Bounded {
    inner: OncePerSku,
}

impl SharedPriceCacheApi for Bounded {
    fn price(&self, sku: u32) -> u64 {
        {
            let mut cells = self.inner.cells.lock().unwrap_or_else(PoisonError::into_inner);
            if cells.len() >= 256 && !cells.contains_key(&sku) {
                cells.clear();
            }
        }
        self.inner.price(sku)
    }
}

shared_cache_api!(OnceCells, |backend| Box::new(OncePerSku {
    backend,
    cells: Mutex::default(),
}));
shared_cache_api!(Mutexes, |backend| Box::new(MutexPerSku {
    backend,
    slots: Mutex::default(),
}));
shared_cache_api!(ProgramWideCells, |backend| Box::new(ProgramWideOnce { backend }));
shared_cache_api!(BoundedCells, |backend| Box::new(Bounded {
    inner: OncePerSku {
        backend,
        cells: Mutex::default(),
    },
}));

#[test]
fn the_reference_passes_shared_lookups() {
    let graded = grade(&shared_lookups::<Solution>(), shared_checks());
    assert_passes(&graded);
}

#[test]
fn a_once_cell_per_sku_passes_shared_lookups() {
    let graded = grade(&shared_lookups::<OnceCells>(), shared_checks());
    assert_passes(&graded);
}

#[test]
fn a_mutex_per_sku_passes_shared_lookups() {
    let graded = grade(&shared_lookups::<Mutexes>(), shared_checks());
    assert_passes(&graded);
}

#[test]
fn a_program_wide_shared_table_gives_another_caches_prices() {
    let graded = grade(&shared_lookups::<ProgramWideCells>(), shared_checks());
    let m = assert_count_fails(&graded, "wrong-answers", "another cache's backend");
    assert!(
        grader_kit::testing::detail(m).contains("a second cache"),
        "{}",
        grader_kit::testing::detail(m)
    );
}

#[test]
fn a_bounded_shared_table_loads_prices_twice() {
    let graded = grade(&shared_lookups::<BoundedCells>(), shared_checks());
    assert_count_fails(&graded, "duplicate-loads", "loaded 2 times");
}
