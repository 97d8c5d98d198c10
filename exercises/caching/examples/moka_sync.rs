//! moka's synchronous cache: bounded in entries or in bytes, expiring, invalidated, and loading
//! each missing key once however many threads ask for it.
//!
//! ```console
//! cargo run --release -p caching --example moka_sync
//! ```
//!
//! A `moka::sync::Cache` is a concurrent hash map with a policy: it is `Send + Sync`, cheap to
//! clone (clones share the same entries), and every method takes `&self`.

use moka::sync::Cache;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

// ANCHOR: bounded
/// A cache of at most 10,000 product descriptions. `get` and `get_with` return a clone of the
/// value: store values that are cheap to clone, numbers or `Arc`s of anything larger.
fn description_cache() -> Cache<u32, Arc<str>> {
    Cache::builder().max_capacity(10_000).build()
}
// ANCHOR_END: bounded

// ANCHOR: get_with
/// The description of `sku`: the cached one, or one loaded now and cached. `loads` counts the
/// loads, which stand for a database query.
fn describe(cache: &Cache<u32, Arc<str>>, sku: u32, loads: &AtomicU64) -> Arc<str> {
    cache.get_with(sku, || {
        loads.fetch_add(1, Ordering::Relaxed);
        Arc::from(format!("Product {sku}, in stock"))
    })
}
// ANCHOR_END: get_with

// ANCHOR: expiry
/// Exchange rates, at most 5 minutes old however often they are read (time to live), and
/// dropped after a minute without a read (time to idle). An expired entry is never returned,
/// even before moka gets round to removing it.
fn rate_cache(time_to_live: Duration, time_to_idle: Duration) -> Cache<&'static str, f64> {
    Cache::builder()
        .max_capacity(1_000)
        .time_to_live(time_to_live)
        .time_to_idle(time_to_idle)
        .build()
}
// ANCHOR_END: expiry

// ANCHOR: invalidate
/// The price of `sku` changed at its source: drop the cached one, so the next read loads the
/// new price. (`invalidate_all` drops every entry, after a bulk import say.)
fn on_price_change(prices: &Cache<u32, u64>, sku: u32) {
    prices.invalidate(&sku);
}
// ANCHOR_END: invalidate

// ANCHOR: entry_count
/// How many entries the cache holds. moka records reads and writes in buffers and applies its
/// policy to them (admission, eviction, expiry) in batches, so `entry_count` alone may lag
/// behind: `run_pending_tasks` applies what is pending first.
fn settled_entry_count(cache: &Cache<u32, Arc<str>>) -> u64 {
    cache.run_pending_tasks();
    cache.entry_count()
}
// ANCHOR_END: entry_count

// ANCHOR: weigher
/// Rendered pages, bounded by their total size rather than their number: the weigher gives
/// each entry's weight (here its size in bytes), and `max_capacity` bounds the sum of weights
/// (`weighted_size`).
fn page_cache(max_bytes: u64) -> Cache<String, Arc<str>> {
    Cache::builder()
        .weigher(|url: &String, page: &Arc<str>| u32::try_from(url.len() + page.len()).unwrap_or(u32::MAX))
        .max_capacity(max_bytes)
        .build()
}
// ANCHOR_END: weigher

// ANCHOR: try_get_with
/// A load that can fail: the error goes to this caller and to every caller waiting for the
/// same key, and nothing is cached, so the next call tries again.
fn rate(
    rates: &Cache<&'static str, f64>,
    currency: &'static str,
    fetch: impl FnOnce() -> Result<f64, String>,
) -> Result<f64, Arc<String>> {
    rates.try_get_with(currency, fetch)
}
// ANCHOR_END: try_get_with

// ANCHOR: stampede
/// `threads` threads ask for the same missing key at the same moment, and the load takes
/// 50 ms. `get_with` runs one load; the other threads wait for its value instead of loading the
/// key again. Returns how many loads ran.
fn stampede(threads: usize) -> u64 {
    let cache: Cache<u32, u64> = Cache::new(100);
    let loads = AtomicU64::new(0);
    let barrier = Barrier::new(threads);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                barrier.wait();
                cache.get_with(42, || {
                    loads.fetch_add(1, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(50));
                    4_200
                })
            });
        }
    });
    loads.load(Ordering::Relaxed)
}
// ANCHOR_END: stampede

fn main() {
    let descriptions = description_cache();
    let loads = AtomicU64::new(0);
    for sku in 0..3 {
        describe(&descriptions, sku, &loads);
    }
    println!(
        "3 descriptions loaded: entry_count() says {}, and {} after run_pending_tasks()",
        descriptions.entry_count(),
        settled_entry_count(&descriptions)
    );
    for round in 0..3 {
        for sku in 0..20_000 {
            describe(&descriptions, sku, &loads);
        }
        println!(
            "a scan of 20,000 skus (capacity 10,000): {} loads so far, {} entries held",
            loads.load(Ordering::Relaxed),
            settled_entry_count(&descriptions)
        );
        if round == 0 {
            println!(
                "  (the next scans find the skus moka kept: TinyLFU admits a new key only if it is asked for more often than the one it would evict)"
            );
        }
    }

    let prices: Cache<u32, u64> = Cache::new(100);
    prices.insert(7, 1_999);
    on_price_change(&prices, 7);
    println!(
        "\nsku 7 after its price changed and was invalidated: {}",
        prices.get_with(7, || 2_099)
    );

    let rates = rate_cache(Duration::from_millis(100), Duration::from_millis(60));
    rates.insert("EUR", 1.08);
    println!("EUR right after insert: {:?}", rates.get(&"EUR"));
    std::thread::sleep(Duration::from_millis(150));
    println!("EUR 150 ms later (time to live 100 ms): {:?}", rates.get(&"EUR"));

    let failing = rate(&rates, "CHF", || Err("rate service unavailable".into()));
    let retried = rate(&rates, "CHF", || Ok(1.13));
    println!("CHF, a failed load then a retry: {failing:?}, then {retried:?}");

    let pages = page_cache(1_000_000);
    for i in 0..1_000 {
        pages.insert(format!("/products/{i}"), Arc::from("x".repeat(10_000)));
    }
    pages.run_pending_tasks();
    println!(
        "\n1,000 pages of 10 kB in a cache of 1 MB: {} pages kept, {} bytes",
        pages.entry_count(),
        pages.weighted_size()
    );

    println!(
        "\n8 threads ask for the same missing key at once: {} load(s)",
        stampede(8)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_with_loads_once_per_key() {
        let cache = description_cache();
        let loads = AtomicU64::new(0);
        for sku in [1, 2, 1, 1, 2, 3] {
            describe(&cache, sku, &loads);
        }
        assert_eq!(loads.load(Ordering::Relaxed), 3);
        assert_eq!(&*describe(&cache, 2, &loads), "Product 2, in stock");
    }

    #[test]
    fn a_bounded_cache_settles_within_its_capacity() {
        let cache = description_cache();
        let loads = AtomicU64::new(0);
        for sku in 0..30_000 {
            describe(&cache, sku, &loads);
        }
        assert!(settled_entry_count(&cache) <= 10_000);
    }

    #[test]
    fn entries_expire_after_their_time_to_live() {
        let rates = rate_cache(Duration::from_millis(50), Duration::from_secs(60));
        rates.insert("EUR", 1.08);
        assert_eq!(rates.get(&"EUR"), Some(1.08));
        std::thread::sleep(Duration::from_millis(120));
        assert_eq!(rates.get(&"EUR"), None);
    }

    #[test]
    fn idle_entries_expire_after_their_time_to_idle() {
        let rates = rate_cache(Duration::from_secs(60), Duration::from_millis(50));
        rates.insert("EUR", 1.08);
        rates.insert("USD", 1.0);
        for _ in 0..4 {
            std::thread::sleep(Duration::from_millis(20));
            assert_eq!(rates.get(&"USD"), Some(1.0), "read, so kept");
        }
        assert_eq!(rates.get(&"EUR"), None, "not read for 80 ms");
    }

    #[test]
    fn invalidate_drops_a_stale_price() {
        let prices: Cache<u32, u64> = Cache::new(100);
        prices.insert(7, 1_999);
        on_price_change(&prices, 7);
        assert_eq!(prices.get_with(7, || 2_099), 2_099);
    }

    #[test]
    fn a_failed_load_is_not_cached() {
        let rates = rate_cache(Duration::from_secs(60), Duration::from_secs(60));
        assert!(rate(&rates, "CHF", || Err("down".into())).is_err());
        assert_eq!(rate(&rates, "CHF", || Ok(1.13)), Ok(1.13));
        assert_eq!(rate(&rates, "CHF", || Err("down".into())), Ok(1.13), "cached now");
    }

    #[test]
    fn a_weigher_bounds_the_total_size() {
        let pages = page_cache(100_000);
        for i in 0..100 {
            pages.insert(format!("/p/{i}"), Arc::from("x".repeat(5_000)));
        }
        pages.run_pending_tasks();
        assert!(pages.weighted_size() <= 100_000);
        assert!(pages.entry_count() <= 20);
    }

    #[test]
    fn a_stampede_loads_once() {
        assert_eq!(stampede(8), 1);
    }
}
