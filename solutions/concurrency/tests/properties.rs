//! Properties only the reference solution has: the starter fails each of these, which is why
//! they are not among the exercise's tests (`exercises/concurrency/tests/concurrency.rs`, which
//! this crate runs too). Run them with `cargo test -p concurrency-solution`.

use concurrency_solution::tiles::{equalized_checksum, histogram_of};
use concurrency_solution::{CatalogService, ViewCounter, equalize_tiles, fetch_all};
use fastrand::Rng;
use std::sync::Barrier;
use std::thread;
use std::time::Duration;
use tokio::time::Instant;

// ---------------------------------------------------------------------------------------------
// ViewCounter: no lost updates
// ---------------------------------------------------------------------------------------------

#[test]
fn no_view_is_lost_under_eight_threads() {
    const THREADS: u64 = 8;
    const PER_THREAD: u64 = 20_000;
    let hot = [11, 22, 33, 44];
    for trial in 0..20 {
        let counter = ViewCounter::new(&[44, 33, 22, 11, 55]);
        let start = Barrier::new(THREADS as usize);
        thread::scope(|s| {
            for t in 0..THREADS {
                let (counter, start) = (&counter, &start);
                s.spawn(move || {
                    start.wait();
                    for i in 0..PER_THREAD {
                        counter.record(hot[((i + t) % 4) as usize]);
                        if i % 100 == 0 {
                            counter.record(99); // unknown: ignored
                        }
                    }
                });
            }
        });
        for page in hot {
            assert_eq!(
                counter.total(page),
                THREADS * PER_THREAD / 4,
                "trial {trial}, page {page}"
            );
        }
        assert_eq!((counter.total(55), counter.total(99)), (0, 0), "trial {trial}");
    }
}

// ---------------------------------------------------------------------------------------------
// fetch_all: bounded concurrency, in virtual time
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn the_limit_is_reached_and_never_exceeded() {
    let ids: Vec<u32> = (0..100).map(|i| i * 7).collect();
    for limit in [1, 2, 3, 8, 16, 100, 500] {
        let service = CatalogService::new(9);
        fetch_all(&service, &ids, limit).await;
        assert_eq!(service.max_in_flight(), limit.min(ids.len()), "limit {limit}");
        assert_eq!(service.requests(), 100, "limit {limit}");
    }
}

#[tokio::test(start_paused = true)]
async fn the_waits_overlap() {
    let mut rng = Rng::with_seed(4);
    let ids: Vec<u32> = (0..200).map(|_| 100_000 + rng.u32(..50_000)).collect();
    let service = CatalogService::new(42);
    let one_at_a_time: Duration = ids.iter().map(|&id| service.latency(id)).sum();
    let start = Instant::now();
    let products = fetch_all(&service, &ids, 8).await;
    let elapsed = start.elapsed();
    assert_eq!(products.len(), 200);
    // Eight at a time can at best divide the time by 8; head-of-line waits in `buffered` cost
    // a little more. A quarter of the sequential time leaves room for either.
    assert!(elapsed >= one_at_a_time / 8, "{elapsed:?} of {one_at_a_time:?}");
    assert!(elapsed <= one_at_a_time / 4, "{elapsed:?} of {one_at_a_time:?}");
}

#[tokio::test(start_paused = true)]
async fn with_a_limit_above_the_ids_it_takes_the_slowest_request() {
    let ids: Vec<u32> = (0..50).collect();
    let service = CatalogService::new(1);
    let slowest = ids.iter().map(|&id| service.latency(id)).max().unwrap();
    let start = Instant::now();
    fetch_all(&service, &ids, ids.len()).await;
    assert_eq!(start.elapsed(), slowest);
}

// ---------------------------------------------------------------------------------------------
// equalize_tiles: the parallel report is the sequential one
// ---------------------------------------------------------------------------------------------

#[test]
fn the_parallel_report_is_the_sequential_one() {
    let mut rng = Rng::with_seed(8);
    let tiles: Vec<Vec<u8>> = (0..3_000)
        .map(|i| (0..(i % 97) * 13).map(|_| rng.u8(..)).collect())
        .collect();
    let report = equalize_tiles(&tiles);
    let mut histogram = [0; 256];
    let mut checksums = Vec::new();
    for tile in &tiles {
        let h = histogram_of(tile);
        for (total, count) in histogram.iter_mut().zip(h) {
            *total += count;
        }
        checksums.push(equalized_checksum(tile, &h));
    }
    assert_eq!(report.checksums, checksums);
    assert_eq!(report.histogram, histogram);
}
