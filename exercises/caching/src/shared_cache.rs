//! Task 3 (`shared-lookups`): one price table shared by every request thread.

use crate::backend::PriceBackend;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

// ANCHOR: shared_price_cache
/// A price table shared by all the threads that serve requests: each sku's price is fetched
/// from the backend at most once (the prices of this catalogue never change while it runs),
/// however many threads ask for it, and at the same time.
#[derive(Debug)]
pub struct SharedPriceCache<B: PriceBackend + Sync> {
    backend: B,
    prices: Mutex<HashMap<u32, u64>>,
}

impl<B: PriceBackend + Sync> SharedPriceCache<B> {
    /// An empty table in front of `backend`.
    pub fn new(backend: B) -> Self {
        SharedPriceCache {
            backend,
            prices: Mutex::new(HashMap::new()),
        }
    }

    /// The price of `sku`, in cents. Called from many threads at once.
    pub fn price(&self, sku: u32) -> u64 {
        let mut prices = self.prices.lock().unwrap_or_else(PoisonError::into_inner);
        *prices.entry(sku).or_insert_with(|| self.backend.fetch(sku))
    }
}
// ANCHOR_END: shared_price_cache
