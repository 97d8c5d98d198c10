//! Task 2 (`price-lookup`): a cache in front of the pricing service.

use crate::backend::PriceBackend;

// ANCHOR: price_cache
/// The shop's prices, as the product pages ask for them: a cache of at most `capacity` prices
/// in front of the slow pricing service.
#[derive(Debug)]
pub struct PriceCache<B: PriceBackend> {
    backend: B,
}

impl<B: PriceBackend> PriceCache<B> {
    /// A cache in front of `backend` that may hold at most `capacity` prices at any time.
    pub fn new(backend: B, capacity: u64) -> Self {
        // Nothing is remembered yet, so there is no capacity to respect.
        let _ = capacity;
        PriceCache { backend }
    }

    /// The current price of `sku`, in cents: what the backend would answer now.
    pub fn price(&self, sku: u32) -> u64 {
        // Every page view is a network call, even for the sku asked for a moment ago.
        self.backend.fetch(sku)
    }

    /// The price of `sku` has just changed at the backend: from now on, `price(sku)` must
    /// return the new price.
    pub fn invalidate(&self, sku: u32) {
        // Nothing is remembered, so nothing can be out of date.
        let _ = sku;
    }

    /// How many prices the cache holds now; never more than its capacity.
    pub fn entry_count(&self) -> u64 {
        0
    }
}
// ANCHOR_END: price_cache
