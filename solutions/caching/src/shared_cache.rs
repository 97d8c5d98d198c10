//! Task 3 (`shared-lookups`): a concurrent cache that loads each key once.

use crate::backend::PriceBackend;
use moka::sync::Cache;

// ANCHOR: shared_price_cache
/// A price table shared by all the threads that serve requests: each sku's price is fetched
/// from the backend at most once (the prices of this catalogue never change while it runs),
/// however many threads ask for it, and at the same time.
#[derive(Debug)]
pub struct SharedPriceCache<B: PriceBackend + Sync> {
    backend: B,
    prices: Cache<u32, u64>,
}

impl<B: PriceBackend + Sync> SharedPriceCache<B> {
    /// An empty table in front of `backend`.
    pub fn new(backend: B) -> Self {
        SharedPriceCache {
            backend,
            // No `max_capacity`: the catalogue is bounded, and an evicted price would be
            // fetched a second time.
            prices: Cache::builder().build(),
        }
    }

    /// The price of `sku`, in cents. Called from many threads at once.
    pub fn price(&self, sku: u32) -> u64 {
        // Lookups of cached prices never wait for each other. On a miss, the first caller runs
        // the fetch; callers asking for the same sku meanwhile wait for its result, and
        // callers asking for other skus do not wait at all.
        self.prices.get_with(sku, || self.backend.fetch(sku))
    }
}
// ANCHOR_END: shared_price_cache
