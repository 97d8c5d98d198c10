//! Task 2 (`price-lookup`): a cache in front of the pricing service.

use crate::backend::PriceBackend;

// ANCHOR: price_cache
/// The shop's prices, as the product pages ask for them: a cache of at most `capacity` prices
/// in front of the pricing service.
#[derive(Debug)]
pub struct PriceCache<B: PriceBackend> {
    backend: B,
}

impl<B: PriceBackend> PriceCache<B> {
    /// A cache in front of `backend` that may hold at most `capacity` prices at any time.
    pub fn new(backend: B, capacity: u64) -> Self {
        let _ = capacity;
        PriceCache { backend }
    }

    /// The current price of `sku`, in cents: what the backend would answer now.
    pub fn price(&self, sku: u32) -> u64 {
        self.backend.fetch(sku)
    }

    /// The price of `sku` has just changed at the backend: from now on, `price(sku)` must
    /// return the new price.
    pub fn invalidate(&self, sku: u32) {
        let _ = sku;
    }

    /// How many prices the cache holds now; never more than its capacity.
    pub fn entry_count(&self) -> u64 {
        0
    }
}
// ANCHOR_END: price_cache
