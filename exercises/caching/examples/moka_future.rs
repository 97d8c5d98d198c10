//! moka's async cache: the same cache for async code, where a load is a future.
//!
//! ```console
//! cargo run --release -p caching --example moka_future
//! ```
//!
//! `moka::future::Cache` has the methods of `moka::sync::Cache`, but those that may wait
//! (`get`, `get_with`, `insert`, `invalidate`, `run_pending_tasks`) are `async`: a task waiting
//! for another task's load yields its thread to other tasks instead of blocking it. This
//! example runs on tokio's single-threaded runtime, so every task shares one thread.

use moka::future::Cache;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

// ANCHOR: fetch
/// The pricing service, called over the network: 20 ms per call, counted in `calls`.
async fn fetch_price(sku: u32, calls: &AtomicU64) -> u64 {
    calls.fetch_add(1, Ordering::Relaxed);
    tokio::time::sleep(Duration::from_millis(20)).await;
    1_000 + u64::from(sku)
}
// ANCHOR_END: fetch

// ANCHOR: get_with
/// The price of `sku`, from the cache or from the service. The future `fetch_price(…)` is
/// created on every call, but a future does nothing until it is awaited, and `get_with`
/// awaits it only on a miss.
async fn price(cache: &Cache<u32, u64>, sku: u32, calls: &AtomicU64) -> u64 {
    cache.get_with(sku, fetch_price(sku, calls)).await
}
// ANCHOR_END: get_with

// ANCHOR: coalesced
/// `requests` concurrent requests, each for one of `skus` skus, all started at once on one
/// thread. The first request for a sku starts its fetch; the requests for the same sku that
/// arrive meanwhile wait for that fetch instead of starting their own. Returns the answers and
/// the number of fetches.
async fn concurrent_requests(requests: u32, skus: u32) -> (Vec<u64>, u64) {
    let cache: Cache<u32, u64> = Cache::new(1_000);
    let calls = Arc::new(AtomicU64::new(0));
    let mut tasks = JoinSet::new();
    for request in 0..requests {
        // Clones of a cache share its entries: each task gets a handle to the same cache.
        let (cache, calls) = (cache.clone(), Arc::clone(&calls));
        tasks.spawn(async move { price(&cache, request % skus, &calls).await });
    }
    let answers = tasks.join_all().await;
    (answers, calls.load(Ordering::Relaxed))
}
// ANCHOR_END: coalesced

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    let (answers, calls) = concurrent_requests(100, 5).await;
    println!(
        "100 concurrent requests for 5 skus: {} answers, {calls} fetches of 20 ms, {:.0} ms in all",
        answers.len(),
        start.elapsed().as_secs_f64() * 1e3
    );

    let cache: Cache<u32, u64> = Cache::new(1_000);
    let calls = AtomicU64::new(0);
    let start = Instant::now();
    for _ in 0..3 {
        price(&cache, 7, &calls).await;
    }
    println!(
        "3 requests for sku 7, one after the other: {} fetch, {:.0} ms in all",
        calls.load(Ordering::Relaxed),
        start.elapsed().as_secs_f64() * 1e3
    );
    cache.invalidate(&7).await;
    price(&cache, 7, &calls).await;
    println!(
        "after invalidate(7), one more request: {} fetches",
        calls.load(Ordering::Relaxed)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn concurrent_requests_for_a_key_share_one_fetch() {
        let start = Instant::now();
        let (answers, calls) = concurrent_requests(100, 5).await;
        assert_eq!(calls, 5);
        assert_eq!(answers.len(), 100);
        assert!(answers.iter().all(|&a| (1_000..1_005).contains(&a)));
        // The five fetches overlap: far less than 5 × 20 ms, let alone 100 × 20 ms.
        assert!(
            start.elapsed() < Duration::from_millis(90),
            "{:?}",
            start.elapsed()
        );
    }

    #[tokio::test]
    async fn a_cached_price_is_not_fetched_again_until_invalidated() {
        let cache: Cache<u32, u64> = Cache::new(10);
        let calls = AtomicU64::new(0);
        assert_eq!(price(&cache, 3, &calls).await, 1_003);
        assert_eq!(price(&cache, 3, &calls).await, 1_003);
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        cache.invalidate(&3).await;
        price(&cache, 3, &calls).await;
        assert_eq!(calls.load(Ordering::Relaxed), 2);
    }
}
