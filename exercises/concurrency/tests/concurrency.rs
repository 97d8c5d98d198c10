//! Correctness tests for the Concurrency exercise: `cargo test -p concurrency`.
//!
//! They pass on the starter code, and they must still pass once your code is fast: speed is
//! worth nothing if the answers change. They check behaviour: worked examples, edge cases
//! (empty inputs, a `limit` of 0, unknown pages), the order of results, and seeded random
//! inputs against small oracles written for obviousness rather than speed.
//!
//! What they do not check is what goes wrong only under real concurrency: a view lost when two
//! threads record at the same moment. Those tests fail on the starter, so they are not here:
//! write them yourself (the chapter's `races` example shows how), or let the grader's counted
//! scenario find the bug for you.
//!
//! The reference solution runs this same file (see `solutions/concurrency/tests/`).

use concurrency::{CatalogService, Product, ViewCounter, equalize_tiles, fetch_all};
use fastrand::Rng;
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// equalize_tiles
// ---------------------------------------------------------------------------------------------

/// FNV-1a, byte by byte.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A tile's equalized pixels, straight from the definition: each pixel becomes
/// round((pixels at or below it − pixels at the darkest level) × 255 / (all − darkest)).
fn oracle_equalized(tile: &[u8]) -> Vec<u8> {
    let Some(&darkest) = tile.iter().min() else {
        return Vec::new();
    };
    let at_darkest = tile.iter().filter(|&&p| p == darkest).count() as u64;
    let spread = tile.len() as u64 - at_darkest;
    tile.iter()
        .map(|&p| {
            if spread == 0 {
                return p;
            }
            let at_or_below = tile.iter().filter(|&&q| q <= p).count() as u64;
            let scaled = (at_or_below - at_darkest) as f64 * 255.0 / spread as f64;
            scaled.round() as u8
        })
        .collect()
}

#[test]
fn equalize_tiles_worked_example() {
    // Four pixels at levels 10, 10, 20 and 30: the darkest level (10) becomes 0, the brightest
    // 255, and 20 lands half-way: (3 − 2) × 255 / (4 − 2) = 127.5, rounded to 128.
    let report = equalize_tiles(&[vec![10, 20, 10, 30]]);
    assert_eq!(report.checksums, vec![fnv1a(&[0, 128, 0, 255])]);
    let mut histogram = [0; 256];
    (histogram[10], histogram[20], histogram[30]) = (2, 1, 1);
    assert_eq!(report.histogram, histogram);
}

#[test]
fn equalize_tiles_edge_cases() {
    let empty = equalize_tiles(&[]);
    assert!(empty.checksums.is_empty(), "no tiles");
    assert_eq!(empty.histogram, [0; 256], "no tiles");

    let report = equalize_tiles(&[vec![], vec![7], vec![0; 300], vec![255, 255]]);
    assert_eq!(
        report.checksums,
        vec![fnv1a(&[]), fnv1a(&[7]), fnv1a(&[0; 300]), fnv1a(&[255, 255])],
        "an empty tile, and tiles of one level, which stay as they are"
    );
    assert_eq!(
        (report.histogram[0], report.histogram[7], report.histogram[255]),
        (300, 1, 2)
    );
    assert_eq!(report.histogram.iter().sum::<u64>(), 303);

    let two_levels = equalize_tiles(&[vec![0, 255, 3, 3]]);
    assert_eq!(
        two_levels.checksums,
        vec![fnv1a(&oracle_equalized(&[0, 255, 3, 3]))]
    );
}

#[test]
fn equalize_tiles_keeps_the_order_of_the_tiles() {
    // The same tiles in reverse give the same checksums in reverse, and the same histogram.
    let mut rng = Rng::with_seed(0x711E);
    let tiles: Vec<Vec<u8>> = (0..300)
        .map(|i| (0..i % 40).map(|_| rng.u8(..)).collect())
        .collect();
    let forward = equalize_tiles(&tiles);
    let reversed_tiles: Vec<Vec<u8>> = tiles.iter().rev().cloned().collect();
    let backward = equalize_tiles(&reversed_tiles);
    let mut reversed_checksums = backward.checksums.clone();
    reversed_checksums.reverse();
    assert_eq!(forward.checksums, reversed_checksums);
    assert_eq!(forward.histogram, backward.histogram);
}

#[test]
fn equalize_tiles_matches_the_oracle_on_random_inputs() {
    let mut rng = Rng::with_seed(0xE0A1);
    for round in 0..100 {
        let tiles: Vec<Vec<u8>> = (0..rng.usize(..20))
            .map(|_| {
                let (base, spread) = (rng.u8(..), rng.u8(1..=255));
                (0..rng.usize(..200))
                    .map(|_| base.saturating_add(rng.u8(..spread)))
                    .collect()
            })
            .collect();
        let report = equalize_tiles(&tiles);
        let checksums: Vec<u64> = tiles.iter().map(|t| fnv1a(&oracle_equalized(t))).collect();
        assert_eq!(report.checksums, checksums, "round {round}: checksums");
        let mut histogram = [0; 256];
        for &p in tiles.iter().flatten() {
            histogram[usize::from(p)] += 1;
        }
        assert_eq!(report.histogram, histogram, "round {round}: histogram");
    }
}

// ---------------------------------------------------------------------------------------------
// fetch_all
// ---------------------------------------------------------------------------------------------

/// The products `ids` as `service` prices them, in order.
fn expected_products(service: &CatalogService, ids: &[u32]) -> Vec<Product> {
    ids.iter()
        .map(|&id| Product {
            id,
            price_cents: service.price(id),
        })
        .collect()
}

// With `start_paused = true`, tokio's clock stands still until every task is waiting, then
// jumps straight to the next timer: the service's 20–80 ms latencies take no real time.
#[tokio::test(start_paused = true)]
async fn fetch_all_returns_the_products_in_the_order_of_the_ids() {
    let service = CatalogService::new(1);
    let ids = [42, 7, 1_000_000, 7, 0, u32::MAX];
    let products = fetch_all(&service, &ids, 3).await;
    assert_eq!(products, expected_products(&service, &ids));
    assert_eq!(service.requests(), 6, "one request per id, repeats included");
}

#[tokio::test(start_paused = true)]
async fn fetch_all_edge_cases() {
    let service = CatalogService::new(2);
    assert_eq!(fetch_all(&service, &[], 4).await, vec![], "no ids");
    assert_eq!(fetch_all(&service, &[], 0).await, vec![], "no ids, limit 0");
    for limit in [0, 1, 2, 100] {
        assert_eq!(
            fetch_all(&service, &[9], limit).await,
            expected_products(&service, &[9]),
            "one id, limit {limit}"
        );
    }
    let many: Vec<u32> = (0..100).rev().collect();
    assert_eq!(
        fetch_all(&service, &many, 1_000_000).await,
        expected_products(&service, &many),
        "a limit far above the number of ids"
    );
}

#[tokio::test(start_paused = true)]
async fn fetch_all_never_has_more_than_limit_requests_in_flight() {
    for limit in [0, 1, 2, 5] {
        let service = CatalogService::new(3);
        let ids: Vec<u32> = (0..40).collect();
        let products = fetch_all(&service, &ids, limit).await;
        assert_eq!(products, expected_products(&service, &ids), "limit {limit}");
        let allowed = limit.max(1);
        assert!(
            service.max_in_flight() <= allowed,
            "limit {limit}: {} requests were in flight at once",
            service.max_in_flight()
        );
    }
}

#[test]
fn the_catalog_service_is_deterministic() {
    let (a, b) = (CatalogService::new(5), CatalogService::new(5));
    for id in [0, 1, 77, u32::MAX] {
        assert_eq!(a.latency(id), b.latency(id));
        assert_eq!(a.price(id), b.price(id));
        assert!((Duration::from_millis(20)..=Duration::from_millis(80)).contains(&a.latency(id)));
    }
}

// ---------------------------------------------------------------------------------------------
// ViewCounter
// ---------------------------------------------------------------------------------------------

#[test]
fn view_counter_worked_example() {
    let counter = ViewCounter::new(&[10, 20, 30]);
    for page in [10, 20, 10, 10, 30] {
        counter.record(page);
    }
    assert_eq!(
        [counter.total(10), counter.total(20), counter.total(30)],
        [3, 1, 1]
    );
}

#[test]
fn view_counter_edge_cases() {
    let counter = ViewCounter::new(&[5, 5, u32::MAX, 0]);
    assert_eq!(counter.total(5), 0, "no views yet");
    counter.record(5);
    counter.record(6); // not a known page: ignored
    counter.record(u32::MAX);
    counter.record(0);
    assert_eq!(counter.total(5), 1, "a page listed twice is one page");
    assert_eq!(counter.total(6), 0, "views of unknown pages are ignored");
    assert_eq!((counter.total(u32::MAX), counter.total(0)), (1, 1));

    let nothing = ViewCounter::new(&[]);
    nothing.record(1);
    assert_eq!(nothing.total(1), 0, "a counter of no pages");
}

#[test]
fn view_counter_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<ViewCounter>();
}

#[test]
fn view_counter_matches_a_tally_on_one_thread() {
    let mut rng = Rng::with_seed(0x7133);
    let pages: Vec<u32> = (0..50).map(|_| rng.u32(..1000)).collect();
    let counter = ViewCounter::new(&pages);
    let mut tally = std::collections::HashMap::new();
    for _ in 0..20_000 {
        let page = rng.u32(..1000);
        counter.record(page);
        if pages.contains(&page) {
            *tally.entry(page).or_insert(0) += 1;
        }
    }
    for page in 0..1000 {
        assert_eq!(
            counter.total(page),
            tally.get(&page).copied().unwrap_or(0),
            "page {page}"
        );
    }
}

#[test]
fn view_counter_threads_recording_different_pages() {
    // Each thread has a page of its own. (This test passes even on code that loses views when
    // two threads record the *same* page at once: it cannot see that race.)
    let pages: Vec<u32> = (1..=4).collect();
    let counter = ViewCounter::new(&pages);
    std::thread::scope(|s| {
        for &page in &pages {
            let counter = &counter;
            s.spawn(move || {
                for _ in 0..1000 {
                    counter.record(page);
                }
            });
        }
    });
    for page in pages {
        assert_eq!(counter.total(page), 1000, "page {page}");
    }
}
