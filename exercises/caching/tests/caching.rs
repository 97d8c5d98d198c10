//! Correctness tests for the Caching exercise: `cargo test -p caching`.
//!
//! They pass on the slow starter code, and they must still pass once your code remembers what
//! it computed and fetched: a cache is worth nothing if the answers change. For each task:
//!
//! - worked examples, with the expected answer explained in a comment;
//! - edge cases: no days, repeated and unordered days, extreme prices, a price change followed
//!   by `invalidate`, capacities of 0 and 1, many threads at once;
//! - random cross-checks against a small oracle, written for obviousness rather than speed, in
//!   a different way from both the starter and the reference solution.
//!
//! The reference solution runs this same file (see `solutions/caching/tests/`), plus tests of
//! the properties only a real cache has (`solutions/caching/tests/properties.rs`).

use caching::{PriceBackend, PriceCache, SharedPriceCache, SimulatedBackend, cheapest_passes};
use fastrand::Rng;
use std::sync::{Arc, Barrier};
use std::time::Duration;

/// A backend that answers at once: these tests check answers, not speed.
fn instant_backend() -> SimulatedBackend {
    SimulatedBackend::new(Duration::ZERO)
}

// ---------------------------------------------------------------------------------------------
// cheapest_passes
// ---------------------------------------------------------------------------------------------

/// The cheapest cover, computed day by day over the calendar: the cheapest way to cover every
/// travel day from calendar day `d` on, for each `d` from the last travel day back to the first.
fn oracle_cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
    let Some(&first) = days.iter().min() else {
        return 0;
    };
    let last = *days.iter().max().expect("not empty");
    let span = (last - first) as usize + 1;
    let travels = |offset: usize| days.contains(&(first + offset as u32));
    // cost[i]: the cheapest cover of the travel days from calendar day first + i on.
    let mut cost = vec![0_u64; span + 30];
    for i in (0..span).rev() {
        cost[i] = if travels(i) {
            [(0, 1), (1, 7), (2, 30)]
                .iter()
                .map(|&(k, length)| prices[k].saturating_add(cost[i + length]))
                .min()
                .expect("three passes")
        } else {
            cost[i + 1]
        };
    }
    cost[0]
}

#[test]
fn cheapest_passes_worked_examples() {
    // A day pass on day 1, a week pass from day 4 (days 4 to 10), a day pass on day 20.
    assert_eq!(cheapest_passes(&[1, 4, 6, 7, 8, 20], &[2, 7, 15]), 11);
    // A 30-day pass covers days 1 to 30; day 31 needs a day pass of its own: 15 + 2.
    assert_eq!(
        cheapest_passes(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 31], &[2, 7, 15]),
        17
    );
    // A week pass is cheaper than a day pass here: buy week passes only.
    assert_eq!(cheapest_passes(&[1, 20, 40], &[500, 300, 9_000]), 900);
}

#[test]
fn cheapest_passes_edge_cases() {
    assert_eq!(cheapest_passes(&[], &[2, 7, 15]), 0, "no travel days");
    assert_eq!(cheapest_passes(&[5], &[5, 3, 9]), 3, "one day: the cheapest pass");
    assert_eq!(
        cheapest_passes(&[8, 1, 4, 4, 8, 1], &[2, 7, 15]),
        cheapest_passes(&[1, 4, 8], &[2, 7, 15]),
        "days in any order, repeated days travelled once"
    );
    assert_eq!(
        cheapest_passes(&[0, u32::MAX - 1, u32::MAX], &[2, 3, 100]),
        2 + 3,
        "day 0 and the last days of the calendar"
    );
    assert_eq!(cheapest_passes(&[1, 2, 3], &[0, 0, 0]), 0, "free passes");
    assert_eq!(
        cheapest_passes(&[1, 100], &[u64::MAX, u64::MAX, u64::MAX]),
        u64::MAX,
        "totals saturate at u64::MAX"
    );
    assert_eq!(
        cheapest_passes(&[1, 100], &[u64::MAX, u64::MAX, 10]),
        20,
        "only the 30-day pass is affordable"
    );
}

#[test]
fn cheapest_passes_respects_each_pass_length() {
    // Days 1 and 7 fit in one week pass; days 1 and 8 do not.
    assert_eq!(cheapest_passes(&[1, 7], &[10, 12, 100]), 12);
    assert_eq!(cheapest_passes(&[1, 8], &[10, 12, 100]), 20);
    // Days 1 and 30 fit in one 30-day pass; days 1 and 31 do not.
    assert_eq!(cheapest_passes(&[1, 30], &[100, 100, 150]), 150);
    assert_eq!(cheapest_passes(&[1, 31], &[100, 100, 150]), 200);
}

#[test]
fn cheapest_passes_answers_each_call_with_its_own_prices() {
    // The same days at different prices, one call after the other: whatever is remembered
    // from one call must not leak into the next.
    let days = [3, 4, 5, 6, 10, 20, 21, 22, 40];
    for prices in [[200, 1_000, 2_500], [100, 2_000, 8_000], [900, 1_100, 1_300]] {
        assert_eq!(
            cheapest_passes(&days, &prices),
            oracle_cheapest_passes(&days, &prices),
            "{prices:?}"
        );
    }
    // And the same prices for different days.
    for days in [&[1, 2, 3][..], &[1, 40], &[5, 6, 7, 8, 9, 10, 11, 12], &[2]] {
        assert_eq!(
            cheapest_passes(days, &[300, 1_500, 4_500]),
            oracle_cheapest_passes(days, &[300, 1_500, 4_500]),
            "{days:?}"
        );
    }
}

#[test]
fn cheapest_passes_matches_the_oracle_on_random_years() {
    let mut rng = Rng::with_seed(11);
    for _ in 0..200 {
        // Up to 10 travel days, so the starter's exponential recursion stays quick even in a
        // debug build; spread over a fortnight to a season.
        let span = rng.u32(1..120);
        let days: Vec<u32> = (0..rng.usize(0..=10)).map(|_| 500 + rng.u32(..span)).collect();
        let day = rng.u64(1..500);
        let prices = [day, rng.u64(1..day * 8), rng.u64(1..day * 30)];
        assert_eq!(
            cheapest_passes(&days, &prices),
            oracle_cheapest_passes(&days, &prices),
            "days {days:?}, prices {prices:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// PriceCache
// ---------------------------------------------------------------------------------------------

#[test]
fn price_cache_answers_the_backends_prices() {
    let backend = instant_backend();
    let cache = PriceCache::new(&backend, 100);
    for sku in [1, 2, 3, 1, 1, 2, 0, u32::MAX] {
        assert_eq!(cache.price(sku), SimulatedBackend::list_price(sku), "sku {sku}");
    }
}

#[test]
fn price_cache_answers_the_new_price_after_invalidate() {
    let backend = instant_backend();
    let cache = PriceCache::new(&backend, 100);
    let old = cache.price(7);
    // The price changes at the backend, and the cache is told.
    backend.set_price(7, old + 100);
    cache.invalidate(7);
    assert_eq!(cache.price(7), old + 100);
    assert_eq!(cache.price(7), old + 100, "and keeps answering it");
    // Another sku is not affected by the change.
    assert_eq!(cache.price(8), SimulatedBackend::list_price(8));
}

#[test]
fn price_cache_handles_a_change_before_the_first_lookup() {
    let backend = instant_backend();
    let cache = PriceCache::new(&backend, 10);
    backend.set_price(3, 555);
    cache.invalidate(3);
    assert_eq!(cache.price(3), 555);
    // Invalidating a sku that was never asked for is harmless.
    cache.invalidate(4);
    assert_eq!(cache.price(4), SimulatedBackend::list_price(4));
}

#[test]
fn price_cache_of_capacity_zero_or_one_still_answers() {
    for capacity in [0, 1] {
        let backend = instant_backend();
        let cache = PriceCache::new(&backend, capacity);
        for round in 0..20 {
            let sku = round % 2;
            assert_eq!(cache.price(sku), SimulatedBackend::list_price(sku));
            assert!(cache.entry_count() <= capacity, "capacity {capacity}");
        }
        backend.set_price(1, 9);
        cache.invalidate(1);
        assert_eq!(cache.price(1), 9, "capacity {capacity}");
    }
}

#[test]
fn price_cache_never_reports_more_entries_than_its_capacity() {
    let backend = instant_backend();
    let cache = PriceCache::new(&backend, 16);
    for sku in 0..1_000 {
        cache.price(sku);
        if sku % 50 == 0 {
            assert!(cache.entry_count() <= 16);
        }
    }
    assert!(cache.entry_count() <= 16);
}

#[test]
fn price_cache_works_with_a_shared_backend() {
    let backend = Arc::new(instant_backend());
    let cache = PriceCache::new(Arc::clone(&backend), 4);
    assert_eq!(cache.price(5), SimulatedBackend::list_price(5));
    backend.set_price(5, 1);
    cache.invalidate(5);
    assert_eq!(cache.price(5), 1);
}

#[test]
fn price_cache_matches_the_backend_on_random_traces() {
    let mut rng = Rng::with_seed(5);
    for _ in 0..50 {
        let backend = instant_backend();
        let capacity = rng.u64(0..40);
        let cache = PriceCache::new(&backend, capacity);
        for _ in 0..300 {
            let sku = rng.u32(..60);
            if rng.u8(..10) == 0 {
                backend.set_price(sku, rng.u64(1..10_000));
                cache.invalidate(sku);
            } else {
                assert_eq!(cache.price(sku), backend.current_price(sku));
            }
        }
        assert!(cache.entry_count() <= capacity);
    }
}

// ---------------------------------------------------------------------------------------------
// SharedPriceCache
// ---------------------------------------------------------------------------------------------

/// Compiles only if `T` can be shared between threads.
fn assert_sync<T: Sync>(_: &T) {}

#[test]
fn shared_cache_answers_the_backends_prices() {
    let backend = instant_backend();
    let cache = SharedPriceCache::new(&backend);
    assert_sync(&cache);
    for sku in [1, 2, 1, 0, u32::MAX, 2] {
        assert_eq!(cache.price(sku), SimulatedBackend::list_price(sku));
    }
}

#[test]
fn shared_cache_serves_many_threads_at_once() {
    let backend = instant_backend();
    let cache = SharedPriceCache::new(&backend);
    let barrier = Barrier::new(8);
    std::thread::scope(|scope| {
        for thread in 0..8_u32 {
            let (cache, barrier) = (&cache, &barrier);
            scope.spawn(move || {
                barrier.wait();
                for i in 0..500 {
                    // Every thread asks for the popular skus 0 to 9, and for some of its own.
                    let sku = if i % 2 == 0 {
                        i % 10
                    } else {
                        1_000 * (thread + 1) + i % 50
                    };
                    assert_eq!(cache.price(sku), SimulatedBackend::list_price(sku));
                }
            });
        }
    });
}

#[test]
fn shared_cache_loads_each_sku_once_from_one_thread() {
    let backend = instant_backend();
    let cache = SharedPriceCache::new(&backend);
    for _ in 0..5 {
        for sku in 0..20 {
            cache.price(sku);
        }
    }
    assert_eq!(backend.calls(), 20);
}

#[test]
fn shared_cache_takes_any_sync_backend() {
    /// A backend of fixed prices, without any of SimulatedBackend's machinery.
    struct Flat;
    impl PriceBackend for Flat {
        fn fetch(&self, sku: u32) -> u64 {
            u64::from(sku) * 2
        }
    }
    let cache = SharedPriceCache::new(Flat);
    assert_eq!(cache.price(21), 42);
    let cache = PriceCache::new(Flat, 3);
    assert_eq!(cache.price(21), 42);
}
