//! The properties only a real cache has, which the starter does not: the reference must call
//! the backend less than once per lookup, stay fresh after `invalidate`, stay within its
//! capacity while holding entries, and load each sku once while other threads keep working.
//! (The exercise's own tests, which the starter passes too, are in `tests/caching.rs`.)

use caching_solution::{PriceCache, SharedPriceCache, SimulatedBackend, cheapest_passes};
use fastrand::Rng;
use std::sync::Barrier;
use std::time::{Duration, Instant};

#[test]
fn repeated_lookups_do_not_call_the_backend_again() {
    let backend = SimulatedBackend::new(Duration::ZERO);
    let cache = PriceCache::new(&backend, 100);
    for _ in 0..10 {
        for sku in 0..50 {
            cache.price(sku);
        }
    }
    assert_eq!(backend.calls(), 50);
    assert_eq!(cache.entry_count(), 50);
}

#[test]
fn no_stale_answer_after_invalidate_on_random_traces() {
    let mut rng = Rng::with_seed(21);
    for _ in 0..100 {
        let backend = SimulatedBackend::new(Duration::ZERO);
        let capacity = rng.u64(1..64);
        let cache = PriceCache::new(&backend, capacity);
        let (mut lookups, mut changes) = (0, 0);
        for _ in 0..500 {
            // Popular skus first: a few are asked for (and changed) again and again.
            let popular = rng.u32(1..200);
            let sku = rng.u32(..popular);
            if rng.u8(..8) == 0 {
                backend.set_price(sku, rng.u64(1..100_000));
                cache.invalidate(sku);
                changes += 1;
            } else {
                assert_eq!(cache.price(sku), backend.current_price(sku), "sku {sku}");
                lookups += 1;
            }
        }
        assert!(cache.entry_count() <= capacity);
        // Cached answers were served: fewer fetches than lookups.
        assert!(
            backend.calls() < lookups,
            "{} calls, {lookups} lookups, {changes} changes",
            backend.calls()
        );
    }
}

#[test]
fn entry_count_stays_within_capacity_after_a_scan() {
    let backend = SimulatedBackend::new(Duration::ZERO);
    let cache = PriceCache::new(&backend, 100);
    // A scan of 10,000 distinct skus, each asked for once, then the first ones again.
    for sku in 0..10_000 {
        cache.price(sku);
    }
    let held = cache.entry_count();
    assert!(held <= 100 && held > 0, "{held} entries held");
    for sku in 0..100 {
        cache.price(sku);
    }
    assert!(cache.entry_count() <= 100);
}

#[test]
fn each_sku_is_loaded_once_under_a_stampede_of_eight_threads() {
    let backend = SimulatedBackend::sleeping(Duration::from_millis(5));
    let cache = SharedPriceCache::new(&backend);
    let barrier = Barrier::new(8);
    std::thread::scope(|scope| {
        for _ in 0..8 {
            scope.spawn(|| {
                for sku in 0..10 {
                    // All eight threads ask for the same cold sku at the same moment.
                    barrier.wait();
                    assert_eq!(cache.price(sku), SimulatedBackend::list_price(sku));
                }
            });
        }
    });
    assert_eq!(backend.calls(), 10);
}

#[test]
fn threads_fetching_different_skus_do_not_wait_for_each_other() {
    // Eight threads, eight different cold skus, 50 ms per fetch: one after the other, as under
    // a global lock, that is 400 ms; side by side, about 50 ms.
    let backend = SimulatedBackend::sleeping(Duration::from_millis(50));
    let cache = SharedPriceCache::new(&backend);
    let barrier = Barrier::new(8);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for sku in 0..8 {
            let (cache, barrier) = (&cache, &barrier);
            scope.spawn(move || {
                barrier.wait();
                cache.price(sku);
            });
        }
    });
    let elapsed = start.elapsed();
    assert!(elapsed < Duration::from_millis(200), "{elapsed:?}");
    assert_eq!(backend.calls(), 8);
}

#[test]
fn cheapest_passes_is_fast_on_a_year_of_daily_travel() {
    // 365 days in a row: the starter's recursion would make about 10^35 calls.
    let days: Vec<u32> = (1..=365).collect();
    let start = Instant::now();
    let cost = cheapest_passes(&days, &[300, 1_500, 4_500]);
    assert!(start.elapsed() < Duration::from_millis(100));
    // Twelve 30-day passes cover 360 days; the last five days are cheapest as day passes.
    assert_eq!(cost, 12 * 4_500 + 5 * 300);
}
