//! Task 2 (`price-lookup`): a bounded moka cache in front of the pricing service.

use crate::backend::PriceBackend;
use moka::sync::Cache;

// ANCHOR: price_cache
/// The shop's prices, as the product pages ask for them: a cache of at most `capacity` prices
/// in front of the slow pricing service.
#[derive(Debug)]
pub struct PriceCache<B: PriceBackend> {
    backend: B,
    prices: Cache<u32, u64>,
}

impl<B: PriceBackend> PriceCache<B> {
    /// A cache in front of `backend` that may hold at most `capacity` prices at any time.
    pub fn new(backend: B, capacity: u64) -> Self {
        PriceCache {
            backend,
            prices: Cache::builder().max_capacity(capacity).build(),
        }
    }

    /// The current price of `sku`, in cents: what the backend would answer now.
    pub fn price(&self, sku: u32) -> u64 {
        self.prices.get_with(sku, || self.backend.fetch(sku))
    }

    /// The price of `sku` has just changed at the backend: from now on, `price(sku)` must
    /// return the new price.
    pub fn invalidate(&self, sku: u32) {
        self.prices.invalidate(&sku);
    }

    /// How many prices the cache holds now; never more than its capacity.
    pub fn entry_count(&self) -> u64 {
        // moka applies evictions in batches: settle them before counting.
        self.prices.run_pending_tasks();
        self.prices.entry_count()
    }
}
// ANCHOR_END: price_cache
