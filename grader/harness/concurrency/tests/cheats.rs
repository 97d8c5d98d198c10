//! Shortcuts a learner might take to pass without doing the work, or quiet bugs at the edges
//! of a parameter's range, graded end to end as the grader grades them (the manifest's count
//! checks, then every correctness case, each judged on every counted rule): each must fail,
//! with a message that says what happened; beside them, the legitimate versions that must
//! pass. Counts and answers only: no test asserts a speed-up.

use concurrency_harness::{Starter, async_fetch, image_histograms, inputs, page_views};
use concurrency_starter::tiles::{equalized_checksum, histogram_of};
use concurrency_starter::{Catalog, Product, TileReport};
use futures::StreamExt;
use futures::future::join_all;
use futures::stream;
use grader_kit::spec::Check;
use grader_kit::testing::{assert_count_fails, assert_passes, assert_wrong_answer, count, grade};
use rustc_hash::FxHashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU16, AtomicU64, Ordering};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

concurrency_harness::forward_api!(Solution => concurrency_solution);

/// A subject that is the starter but for the items given: a module of the starter's items in
/// which the given ones shadow the glob import, forwarded as the grader forwards a crate.
macro_rules! starter_but {
    ($name:ident, $module:ident { $($item:item)* }) => {
        mod $module {
            pub use concurrency_starter::*;
            $($item)*
        }
        concurrency_harness::forward_api!($name => $module);
    };
}

/// `async-fetch`'s count checks, as in the manifest.
fn fetch_checks() -> Vec<Check> {
    vec![
        count("max-in-flight", inputs::catalog::N, inputs::catalog::LIMIT as u64),
        count("blocked-ms", inputs::catalog::N, 0),
        count("virtual-ms", inputs::catalog::N, 2_500),
    ]
}

/// `page-views`'s count check, as in the manifest (its time goal is not asserted here).
fn view_checks() -> Vec<Check> {
    vec![count("lost-updates", inputs::views::N, 0)]
}

/// The requests in the order of `ids`, `limit` of them polled at once.
async fn buffered<C: Catalog>(catalog: &C, ids: &[u32], limit: usize) -> Vec<Product> {
    stream::iter(ids)
        .map(|&id| catalog.fetch(id))
        .buffered(limit)
        .collect()
        .await
}

/// A `JoinSet` of spawned requests, each started once it holds one of `limit` permits; the
/// results put back in order by their index, which `index` maps to a slot.
async fn semaphore<C: Catalog>(
    catalog: &C,
    ids: &[u32],
    limit: usize,
    index: fn(usize) -> usize,
) -> Vec<Product> {
    let permits = Arc::new(Semaphore::new(limit.clamp(1, Semaphore::MAX_PERMITS)));
    let mut requests = JoinSet::new();
    for (i, &id) in ids.iter().enumerate() {
        let permit = Arc::clone(&permits).acquire_owned().await.expect("never closed");
        let catalog = catalog.clone();
        requests.spawn(async move {
            let product = catalog.fetch(id).await;
            drop(permit);
            (i, product)
        });
    }
    let unset = Product {
        id: 0,
        price_cents: 0,
    };
    let mut products = vec![unset; ids.len()];
    while let Some(done) = requests.join_next().await {
        let (i, product) = done.expect("a request");
        products[index(i)] = product;
    }
    products
}

/// Every request at once.
async fn all_at_once<C: Catalog>(catalog: &C, ids: &[u32]) -> Vec<Product> {
    join_all(ids.iter().map(|&id| catalog.fetch(id))).await
}

starter_but!(Buffered, buffered_requests {
    pub async fn fetch_all<C: Catalog>(catalog: &C, ids: &[u32], limit: usize) -> Vec<Product> {
        super::buffered(catalog, ids, limit.max(1)).await
    }
});
starter_but!(Semaphores, semaphores {
    pub async fn fetch_all<C: Catalog>(catalog: &C, ids: &[u32], limit: usize) -> Vec<Product> {
        super::semaphore(catalog, ids, limit, |i| i).await
    }
});
starter_but!(UnorderedThenSorted, unordered_then_sorted {
    use futures::StreamExt;
    pub async fn fetch_all<C: Catalog>(catalog: &C, ids: &[u32], limit: usize) -> Vec<Product> {
        let mut done: Vec<(usize, Product)> = futures::stream::iter(ids.iter().enumerate())
            .map(|(i, &id)| async move { (i, catalog.fetch(id).await) })
            .buffer_unordered(limit.max(1))
            .collect()
            .await;
        done.sort_unstable_by_key(|&(i, _)| i);
        done.into_iter().map(|(_, product)| product).collect()
    }
});
starter_but!(ZeroMeansNoLimit, zero_means_no_limit {
    pub async fn fetch_all<C: Catalog>(catalog: &C, ids: &[u32], limit: usize) -> Vec<Product> {
        if limit == 0 {
            super::all_at_once(catalog, ids).await
        } else {
            super::buffered(catalog, ids, limit).await
        }
    }
});
starter_but!(AtLeastTwo, at_least_two {
    pub async fn fetch_all<C: Catalog>(catalog: &C, ids: &[u32], limit: usize) -> Vec<Product> {
        super::buffered(catalog, ids, limit.max(2)).await
    }
});
starter_but!(OneTooMany, one_too_many {
    pub async fn fetch_all<C: Catalog>(catalog: &C, ids: &[u32], limit: usize) -> Vec<Product> {
        super::buffered(catalog, ids, limit.saturating_add(1)).await
    }
});
starter_but!(NoLimit, no_limit {
    pub async fn fetch_all<C: Catalog>(catalog: &C, ids: &[u32], _limit: usize) -> Vec<Product> {
        super::all_at_once(catalog, ids).await
    }
});
starter_but!(U16Index, u16_index {
    pub async fn fetch_all<C: Catalog>(catalog: &C, ids: &[u32], limit: usize) -> Vec<Product> {
        super::semaphore(catalog, ids, limit, |i| usize::from(i as u16)).await
    }
});

#[test]
fn the_reference_passes_async_fetch() {
    assert_passes(&grade(&async_fetch::<Solution>(), fetch_checks()));
}

#[test]
fn buffered_requests_pass_async_fetch() {
    assert_passes(&grade(&async_fetch::<Buffered>(), fetch_checks()));
}

#[test]
fn a_semaphore_over_a_join_set_passes_async_fetch() {
    assert_passes(&grade(&async_fetch::<Semaphores>(), fetch_checks()));
}

#[test]
fn unordered_requests_sorted_back_pass_async_fetch() {
    assert_passes(&grade(&async_fetch::<UnorderedThenSorted>(), fetch_checks()));
}

#[test]
fn the_starter_fails_async_fetch_on_virtual_time() {
    let graded = grade(&async_fetch::<Starter>(), fetch_checks());
    assert_count_fails(&graded, "virtual-ms", "with a limit of 8 in flight");
}

#[test]
fn limit_zero_taken_for_no_limit_is_caught_on_the_in_flight_limit() {
    let graded = grade(&async_fetch::<ZeroMeansNoLimit>(), fetch_checks());
    let difference = assert_wrong_answer(&graded, "limit 0", "with a limit of 0 (a limit of 0 counts as 1)");
    assert!(
        difference.contains("requests were in flight at once"),
        "{difference}"
    );
}

#[test]
fn a_limit_of_at_least_two_is_caught_at_limit_one() {
    let graded = grade(&async_fetch::<AtLeastTwo>(), fetch_checks());
    let difference = assert_wrong_answer(&graded, "limit", "2 requests were in flight at once");
    assert!(
        difference.contains("with a limit of 1") || difference.contains("with a limit of 0"),
        "{difference}"
    );
}

#[test]
fn one_request_too_many_in_flight_fails_the_count() {
    let graded = grade(&async_fetch::<OneTooMany>(), fetch_checks());
    let m = assert_count_fails(&graded, "max-in-flight", "9 of the 200 requests");
    assert_eq!(m.value, Some(9.0));
}

#[test]
fn an_unbounded_join_all_fails_the_count() {
    let graded = grade(&async_fetch::<NoLimit>(), fetch_checks());
    let m = assert_count_fails(&graded, "max-in-flight", "with a limit of 8");
    assert_eq!(m.value, Some(200.0));
}

#[test]
fn results_numbered_with_a_u16_are_caught_beyond_65536_ids() {
    let graded = grade(&async_fetch::<U16Index>(), fetch_checks());
    assert_wrong_answer(&graded, "65,540 ids", "at index 0");
}

// ---------------------------------------------------------------------------------------------
// page-views
// ---------------------------------------------------------------------------------------------

/// An `FxHashMap` of atomic counters, built once.
#[derive(Debug)]
pub struct FxCounters(FxHashMap<u32, AtomicU64>);

impl FxCounters {
    fn new(pages: &[u32]) -> Self {
        FxCounters(pages.iter().map(|&p| (p, AtomicU64::new(0))).collect())
    }
    fn record(&self, page: u32) {
        if let Some(count) = self.0.get(&page) {
            count.fetch_add(1, Ordering::Relaxed);
        }
    }
    fn total(&self, page: u32) -> u64 {
        self.0.get(&page).map_or(0, |c| c.load(Ordering::Relaxed))
    }
}

/// Atomic counters of 16 bits: plenty for a day of one page, the learner thought.
#[derive(Debug)]
pub struct SmallCounters(FxHashMap<u32, AtomicU16>);

impl SmallCounters {
    fn new(pages: &[u32]) -> Self {
        SmallCounters(pages.iter().map(|&p| (p, AtomicU16::new(0))).collect())
    }
    fn record(&self, page: u32) {
        if let Some(count) = self.0.get(&page) {
            count.fetch_add(1, Ordering::Relaxed);
        }
    }
    fn total(&self, page: u32) -> u64 {
        self.0
            .get(&page)
            .map_or(0, |c| u64::from(c.load(Ordering::Relaxed)))
    }
}

/// The pages sorted, a counter per page, and a page's slot kept as a `u16`.
#[derive(Debug)]
pub struct ShortSlots {
    pages: Vec<u32>,
    counts: Vec<AtomicU64>,
}

impl ShortSlots {
    fn new(pages: &[u32]) -> Self {
        let mut pages = pages.to_vec();
        pages.sort_unstable();
        pages.dedup();
        let counts = pages.iter().map(|_| AtomicU64::new(0)).collect();
        ShortSlots { pages, counts }
    }
    fn slot(&self, page: u32) -> Option<usize> {
        let slot = self.pages.binary_search(&page).ok()? as u16;
        Some(usize::from(slot))
    }
    fn record(&self, page: u32) {
        if let Some(slot) = self.slot(page) {
            self.counts[slot].fetch_add(1, Ordering::Relaxed);
        }
    }
    fn total(&self, page: u32) -> u64 {
        self.slot(page)
            .map_or(0, |s| self.counts[s].load(Ordering::Relaxed))
    }
}

starter_but!(FxViews, fx_views {
    pub(super) use super::FxCounters as ViewCounter;
});
starter_but!(SmallViews, small_views {
    pub(super) use super::SmallCounters as ViewCounter;
});
starter_but!(ShortSlotViews, short_slot_views {
    pub(super) use super::ShortSlots as ViewCounter;
});

#[test]
fn the_reference_passes_page_views() {
    assert_passes(&grade(&page_views::<Solution>(), view_checks()));
}

#[test]
fn atomic_counters_in_a_rustc_hash_map_pass_page_views() {
    assert_passes(&grade(&page_views::<FxViews>(), view_checks()));
}

#[test]
fn sixteen_bit_counters_are_caught_beyond_65535_views() {
    let graded = grade(&page_views::<SmallViews>(), view_checks());
    assert_wrong_answer(&graded, "more views than a u16 can count", "expected (42, 70000)");
}

#[test]
fn pages_numbered_with_a_u16_are_caught_beyond_65536_pages() {
    let graded = grade(&page_views::<ShortSlotViews>(), view_checks());
    assert_wrong_answer(&graded, "more pages than a u16 can number", "expected");
}

// ---------------------------------------------------------------------------------------------
// image-histograms (correctness only: its goal is a parallel speed-up)
// ---------------------------------------------------------------------------------------------

/// Two scoped threads, each on half of the tiles; the histograms summed at the end.
fn scoped(tiles: &[Vec<u8>]) -> TileReport {
    let half = tiles.len().div_ceil(2).max(1);
    let parts: Vec<(Vec<u64>, [u64; 256])> = std::thread::scope(|s| {
        let threads: Vec<_> = tiles
            .chunks(half)
            .map(|part| {
                s.spawn(move || {
                    let mut histogram = [0; 256];
                    let checksums = part
                        .iter()
                        .map(|tile| {
                            let h = histogram_of(tile);
                            histogram.iter_mut().zip(h).for_each(|(t, c)| *t += c);
                            equalized_checksum(tile, &h)
                        })
                        .collect();
                    (checksums, histogram)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().expect("a thread")).collect()
    });
    let mut histogram = [0; 256];
    let mut checksums = Vec::with_capacity(tiles.len());
    for (part, h) in parts {
        checksums.extend(part);
        histogram.iter_mut().zip(h).for_each(|(t, c)| *t += c);
    }
    TileReport { checksums, histogram }
}

/// The histogram kept in 16-bit bins.
fn small_bins(tiles: &[Vec<u8>]) -> TileReport {
    let mut bins = [0_u16; 256];
    let checksums = tiles
        .iter()
        .map(|tile| {
            let h = histogram_of(tile);
            bins.iter_mut()
                .zip(h)
                .for_each(|(t, c)| *t = t.wrapping_add(c as u16));
            equalized_checksum(tile, &h)
        })
        .collect();
    TileReport {
        checksums,
        histogram: bins.map(u64::from),
    }
}

starter_but!(ScopedThreads, scoped_threads {
    pub(super) use super::scoped as equalize_tiles;
});
starter_but!(SmallBins, small_bins_16 {
    pub(super) use super::small_bins as equalize_tiles;
});

#[test]
fn the_reference_passes_image_histograms() {
    assert_passes(&grade(&image_histograms::<Solution>(), vec![]));
}

#[test]
fn scoped_threads_pass_image_histograms() {
    assert_passes(&grade(&image_histograms::<ScopedThreads>(), vec![]));
}

#[test]
fn sixteen_bit_histogram_bins_are_caught_beyond_65535_pixels() {
    let graded = grade(&image_histograms::<SmallBins>(), vec![]);
    assert_wrong_answer(&graded, "more", "HistogramBin");
}
