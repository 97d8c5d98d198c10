//! The Caching chapter's tasks: how to generate their inputs, how to call the code, and the
//! instrumented pricing services that count what the caches do.
//!
//! The subject is reached through [`Api`], so the same task code grades the exercise, the
//! solution or the starter, each in its own binary (see `src/bin`). The caches are driven
//! through trait objects ([`prices::PriceCacheApi`], [`shared::SharedPriceCacheApi`]) built
//! around this harness's own backends, never the exercise's `SimulatedBackend`: the counts
//! come from code the learner cannot edit.

use grader_kit::{CountedTask, TimedTask};
use inputs::passes::Traveller;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub mod passes;
pub mod prices;
pub mod shared;

/// The inputs the tasks are graded on, and their sizes: the frozen copy of the exercise's
/// `benches/inputs/mod.rs`, which its benchmarks use too.
#[path = "../../../starters/caching/benches/inputs/mod.rs"]
pub mod inputs;

/// The chapter's public API, as the harness reaches it.
pub trait Api {
    /// See `caching::cheapest_passes`.
    fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64;
    /// `caching::PriceCache::new(backend, capacity)`, with the harness's backend.
    fn price_cache(backend: Arc<prices::Backend>, capacity: u64) -> Box<dyn prices::PriceCacheApi>;
    /// `caching::SharedPriceCache::new(backend)`, with the harness's backend.
    fn shared_price_cache(backend: Arc<shared::Backend>) -> Box<dyn shared::SharedPriceCacheApi>;
}

/// Implements [`Api`] for a new marker type by calling a crate with the chapter's API.
///
/// The harness's backends implement the subject's `PriceBackend` trait through a wrapper type
/// defined here, in the calling crate (the orphan rule forbids implementing the subject's trait
/// for the harness's type directly); the `const _` block keeps the wrappers' names private, so
/// that a test file may forward several crates.
#[macro_export]
macro_rules! forward_api {
    ($marker:ident => $krate:ident) => {
        /// The subject these tasks grade.
        #[derive(Debug)]
        pub struct $marker;

        const _: () = {
            /// One of the harness's instrumented backends, seen through the subject's trait.
            #[derive(Debug)]
            struct SubjectBackend<T>(::std::sync::Arc<T>);

            impl $krate::PriceBackend for SubjectBackend<$crate::prices::Backend> {
                fn fetch(&self, sku: u32) -> u64 {
                    self.0.fetch(sku)
                }
            }

            impl $krate::PriceBackend for SubjectBackend<$crate::shared::Backend> {
                fn fetch(&self, sku: u32) -> u64 {
                    self.0.fetch(sku)
                }
            }

            /// The subject's `PriceCache` in front of the harness's backend.
            struct SubjectPriceCache($krate::PriceCache<SubjectBackend<$crate::prices::Backend>>);

            impl ::std::fmt::Debug for SubjectPriceCache {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("SubjectPriceCache")
                }
            }

            impl $crate::prices::PriceCacheApi for SubjectPriceCache {
                fn price(&self, sku: u32) -> u64 {
                    self.0.price(sku)
                }
                fn invalidate(&self, sku: u32) {
                    self.0.invalidate(sku)
                }
                fn entry_count(&self) -> u64 {
                    self.0.entry_count()
                }
            }

            /// The subject's `SharedPriceCache` in front of the harness's backend.
            struct SubjectSharedCache($krate::SharedPriceCache<SubjectBackend<$crate::shared::Backend>>);

            impl ::std::fmt::Debug for SubjectSharedCache {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str("SubjectSharedCache")
                }
            }

            impl $crate::shared::SharedPriceCacheApi for SubjectSharedCache {
                fn price(&self, sku: u32) -> u64 {
                    self.0.price(sku)
                }
            }

            impl $crate::Api for $marker {
                fn cheapest_passes(days: &[u32], prices: &[u64; 3]) -> u64 {
                    $krate::cheapest_passes(days, prices)
                }
                fn price_cache(
                    backend: ::std::sync::Arc<$crate::prices::Backend>,
                    capacity: u64,
                ) -> Box<dyn $crate::prices::PriceCacheApi> {
                    Box::new(SubjectPriceCache($krate::PriceCache::new(
                        SubjectBackend(backend),
                        capacity,
                    )))
                }
                fn shared_price_cache(
                    backend: ::std::sync::Arc<$crate::shared::Backend>,
                ) -> Box<dyn $crate::shared::SharedPriceCacheApi> {
                    Box::new(SubjectSharedCache($krate::SharedPriceCache::new(
                        SubjectBackend(backend),
                    )))
                }
            }
        };
    };
}

forward_api!(Starter => caching_starter);

/// `travel-passes`, with `S` as the subject and the frozen starter as the yardstick.
pub fn travel_passes<S: Api>() -> TimedTask<Vec<Traveller>, Vec<u64>> {
    TimedTask {
        name: "travel-passes",
        edge_cases: passes::edge_cases,
        generate: inputs::passes::travellers,
        starter: passes::answers::<Starter>,
        subject: passes::answers::<S>,
    }
}

/// `price-lookup`, with `S` as the subject and the frozen starter as the yardstick.
pub fn price_lookup<S: Api>() -> CountedTask<prices::Trace, Served> {
    CountedTask {
        timed: TimedTask {
            name: "price-lookup",
            edge_cases: prices::edge_cases,
            generate: prices::trace,
            starter: prices::serve::<Starter>,
            subject: prices::serve::<S>,
        },
        count: prices::count::<S>,
    }
}

/// `shared-lookups`, with `S` as the subject and the frozen starter as the yardstick.
pub fn shared_lookups<S: Api>() -> CountedTask<Vec<u32>, Served> {
    CountedTask {
        timed: TimedTask {
            name: "shared-lookups",
            edge_cases: shared::edge_cases,
            generate: shared::trace,
            starter: shared::serve::<Starter>,
            subject: shared::serve::<S>,
        },
        count: shared::count::<S>,
    }
}

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let (passes, lookup, shared) = (travel_passes::<S>(), price_lookup::<S>(), shared_lookups::<S>());
    grader_kit::harness::main(&[&passes, &lookup, &shared])
}

/// The catalogue price of `sku`, in cents: 99 to 99,999 (a backend adds its own offset, see
/// [`instance_price`]).
pub fn list_price(sku: u32) -> u64 {
    // A different mix from the exercise's `SimulatedBackend`, so no answer can be guessed.
    99 + (u64::from(sku) ^ 0x5bd1_e995).wrapping_mul(0x9e37_79b9_7f4a_7c15) % 99_901
}

/// Every backend's prices sit in a band of their own: backend number `k` charges
/// `k × PRICE_BAND` plus the catalogue price, so no two backends agree on any price.
pub const PRICE_BAND: u64 = 100_000;

/// Backends created so far in this process: each new one takes the next number.
static BACKENDS: AtomicU64 = AtomicU64::new(0);

/// A number for a new backend, never given before in this process: 1, 2, 3, …
pub fn next_instance() -> u64 {
    BACKENDS.fetch_add(1, Ordering::Relaxed) + 1
}

/// What backend number `instance` charges for `sku` until a price changes, in cents.
///
/// Each backend has prices of its own, so a cache that hands one backend's price to a lookup
/// in front of another (a table shared by every instance, a key without the instance) gives
/// wrong answers. Two SKUs are the same everywhere: the domain's extremes, which a cache must
/// store like any other price: SKU 0 is free and SKU `u32::MAX` costs `u64::MAX`.
pub fn instance_price(instance: u64, sku: u32) -> u64 {
    match sku {
        0 => 0,
        u32::MAX => u64::MAX,
        _ => instance * PRICE_BAND + list_price(sku),
    }
}

/// Which backend's catalogue price `price` is for `sku`, if it is one.
pub fn backend_of(price: u64, sku: u32) -> Option<u64> {
    let instance = price / PRICE_BAND;
    (sku != 0 && sku != u32::MAX && instance > 0 && instance_price(instance, sku) == price)
        .then_some(instance)
}

/// What a run of a cache gave: a judgement of every lookup's answer, in order, and what else
/// went wrong. The starter's answers are all right and it breaks no rule, so a subject agrees
/// with it exactly when it does the same.
#[derive(Clone, PartialEq, Eq)]
pub struct Served {
    /// Each lookup's answer, judged.
    pub answers: Vec<Answer>,
    /// Broken rules, in words: entries above the capacity, a price loaded twice, a wrong answer
    /// of a second cache…
    pub faults: Vec<String>,
}

impl std::fmt::Debug for Served {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.faults.is_empty() {
            write!(f, "{:?}", self.answers)
        } else {
            write!(f, "{:?}; {}", self.answers, self.faults.join("; "))
        }
    }
}

impl grader_kit::Output for Served {
    fn first_difference(&self, actual: &Self) -> String {
        match actual.faults.first() {
            Some(fault) if self.faults.is_empty() => match actual.faults.len() {
                1 => fault.clone(),
                n => format!("{fault} (and {} more)", n - 1),
            },
            _ => self.answers.first_difference(&actual.answers),
        }
    }
}

/// One answer of a cache, judged against its own backend's price at that moment.
#[derive(Clone, PartialEq, Eq)]
pub enum Answer {
    /// The backend's current price.
    Right,
    /// Another price: what was returned, and why it is wrong.
    Wrong(String),
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Right => f.write_str("ok"),
            Answer::Wrong(why) => write!(f, "wrong: {why}"),
        }
    }
}
