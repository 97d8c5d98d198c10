//! The Concurrency chapter's tasks: how to generate their inputs, how to call the code, and the
//! instrumented catalog and threaded scenarios that count what the code does.
//!
//! The subject is reached through [`Api`], so the same task code grades the exercise, the
//! solution or the starter, each in its own binary (see `src/bin`). The subject's `fetch_all`
//! runs against this harness's own catalog ([`fetch::Service`]), never the exercise's
//! `CatalogService`, and the view counts are checked against tallies the harness keeps itself:
//! every count comes from code the learner cannot edit.

use grader_kit::{CountedTask, TimedTask};
use std::future::Future;
use std::process::ExitCode;
use std::sync::Arc;

pub mod fetch;
pub mod tiles;
pub mod views;

/// The inputs the tasks are graded on, and their sizes: the frozen copy of the exercise's
/// `benches/inputs/mod.rs`, which its benchmarks use too.
#[path = "../../../starters/concurrency/benches/inputs/mod.rs"]
pub mod inputs;

/// The chapter's public API, as the harness reaches it.
pub trait Api {
    /// The subject's `ViewCounter`: shared by reference between threads, so it must be `Sync`.
    type Counter: Sync;

    /// `concurrency::equalize_tiles`, its report as (checksums, histogram).
    fn equalize_tiles(tiles: &[Vec<u8>]) -> (Vec<u64>, [u64; 256]);

    /// `concurrency::fetch_all` on the harness's catalog; the products as (id, price in cents).
    fn fetch_all(
        catalog: Arc<fetch::Service>,
        ids: &[u32],
        limit: usize,
    ) -> impl Future<Output = Vec<(u32, u64)>>;

    /// `concurrency::ViewCounter::new`.
    fn new_counter(pages: &[u32]) -> Self::Counter;

    /// `ViewCounter::record`.
    fn record(counter: &Self::Counter, page: u32);

    /// `ViewCounter::total`.
    fn total(counter: &Self::Counter, page: u32) -> u64;
}

/// Implements [`Api`] for a new marker type by calling a crate with the chapter's API.
///
/// The harness's catalog implements the subject's `Catalog` trait through a wrapper type
/// defined here, in the calling crate (the orphan rule forbids implementing the subject's trait
/// for the harness's type directly); the `const _` block keeps the wrapper's name private.
#[macro_export]
macro_rules! forward_api {
    ($marker:ident => $krate:ident) => {
        /// The subject these tasks grade.
        #[derive(Debug)]
        pub struct $marker;

        const _: () = {
            /// The harness's instrumented catalog, seen through the subject's `Catalog` trait.
            #[derive(Debug, Clone)]
            struct HarnessCatalog(::std::sync::Arc<$crate::fetch::Service>);

            impl $krate::Catalog for HarnessCatalog {
                async fn fetch(&self, id: u32) -> $krate::Product {
                    let price_cents = self.0.fetch(id).await;
                    $krate::Product { id, price_cents }
                }
            }

            impl $crate::Api for $marker {
                type Counter = $krate::ViewCounter;

                fn equalize_tiles(tiles: &[Vec<u8>]) -> (Vec<u64>, [u64; 256]) {
                    let report = $krate::equalize_tiles(tiles);
                    (report.checksums, report.histogram)
                }

                async fn fetch_all(
                    catalog: ::std::sync::Arc<$crate::fetch::Service>,
                    ids: &[u32],
                    limit: usize,
                ) -> Vec<(u32, u64)> {
                    $krate::fetch_all(&HarnessCatalog(catalog), ids, limit)
                        .await
                        .into_iter()
                        .map(|product| (product.id, product.price_cents))
                        .collect()
                }

                fn new_counter(pages: &[u32]) -> $krate::ViewCounter {
                    $krate::ViewCounter::new(pages)
                }

                fn record(counter: &$krate::ViewCounter, page: u32) {
                    counter.record(page)
                }

                fn total(counter: &$krate::ViewCounter, page: u32) -> u64 {
                    counter.total(page)
                }
            }
        };
    };
}

forward_api!(Starter => concurrency_starter);

/// `image-histograms`, with `S` as the subject and the frozen starter as the yardstick.
pub fn image_histograms<S: Api>() -> TimedTask<Vec<Vec<u8>>, Vec<tiles::Figure>> {
    TimedTask {
        name: "image-histograms",
        edge_cases: tiles::edge_cases,
        generate: inputs::tiles::image,
        starter: tiles::report::<Starter>,
        subject: tiles::report::<S>,
    }
}

/// `async-fetch`, with `S` as the subject and the frozen starter as the yardstick. The
/// subject's every correctness case is also judged on the counted scenario's rules.
pub fn async_fetch<S: Api>() -> CountedTask<(Vec<u32>, usize), fetch::Fetched> {
    CountedTask {
        timed: TimedTask {
            name: "async-fetch",
            edge_cases: fetch::edge_cases,
            generate: fetch::page_of_ids,
            starter: fetch::products::<Starter>,
            subject: fetch::audited::<S>,
        },
        count: fetch::count::<S>,
    }
}

/// `page-views`, with `S` as the subject.
///
/// One exception: under threads the frozen starter loses views, so its answers are no yardstick
/// for `page-views`. There the yardstick's answer is the harness's own tally of the views it
/// handed out, while its time is still the starter's (see [`views`]).
pub fn page_views<S: Api>() -> CountedTask<views::Traffic, Vec<(u32, u64)>> {
    CountedTask {
        timed: TimedTask {
            name: "page-views",
            edge_cases: views::edge_cases,
            generate: inputs::views::traffic,
            starter: views::tallied::<Starter>,
            subject: views::counted::<S>,
        },
        count: views::count::<S>,
    }
}

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let (histograms, fetch, views) = (image_histograms::<S>(), async_fetch::<S>(), page_views::<S>());
    grader_kit::harness::main(&[&histograms, &fetch, &views])
}

/// A 64-bit mix of `salt` and `x` (SplitMix64's finalizer): the harness's own latencies and
/// prices, different from the exercise's `CatalogService`, so no answer can be guessed.
pub fn mix(salt: u64, x: u64) -> u64 {
    let mut x = salt ^ x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
