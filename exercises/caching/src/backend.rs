//! The pricing service that tasks 2 and 3 put a cache in front of, and a simulated one.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

// ANCHOR: price_backend
/// Where prices come from: the pricing service, a network call away.
///
/// Every call takes from tens of microseconds to milliseconds and loads a service that other
/// teams share. A price can change at any moment; `fetch` always answers with the current one.
pub trait PriceBackend {
    /// The current price of `sku`, in cents: one network call.
    fn fetch(&self, sku: u32) -> u64;
}
// ANCHOR_END: price_backend

/// A borrowed backend is a backend: `PriceCache::new(&backend, 100)` leaves `backend` with you,
/// to read its counters or change its prices.
impl<T: PriceBackend + ?Sized> PriceBackend for &T {
    fn fetch(&self, sku: u32) -> u64 {
        (**self).fetch(sku)
    }
}

/// A shared backend is a backend.
impl<T: PriceBackend + ?Sized> PriceBackend for Arc<T> {
    fn fetch(&self, sku: u32) -> u64 {
        (**self).fetch(sku)
    }
}

// ANCHOR: simulated_backend
/// An in-process stand-in for the pricing service, for tests, benchmarks and examples.
///
/// Every [`fetch`](PriceBackend::fetch) waits for the backend's latency, counts itself, and
/// returns the sku's current price: its [list price](SimulatedBackend::list_price) until
/// [`set_price`](SimulatedBackend::set_price) changes it.
#[derive(Debug)]
pub struct SimulatedBackend {
    latency: Duration,
    /// Sleep through the latency (other threads run meanwhile) rather than busy-wait.
    sleeps: bool,
    /// Prices changed since the start, by sku.
    changed: Mutex<HashMap<u32, u64>>,
    calls: AtomicU64,
}

impl SimulatedBackend {
    /// A backend whose every fetch busy-waits for `latency`: exact even at a few microseconds,
    /// and as costly for the calling thread as the time it waits.
    pub fn new(latency: Duration) -> Self {
        SimulatedBackend {
            latency,
            sleeps: false,
            changed: Mutex::new(HashMap::new()),
            calls: AtomicU64::new(0),
        }
    }

    /// A backend whose every fetch sleeps for `latency`, as a thread waiting for the network
    /// does: other threads run meanwhile. The operating system wakes the thread up to about
    /// 0.1 ms late, so use it for latencies of a millisecond or so.
    pub fn sleeping(latency: Duration) -> Self {
        SimulatedBackend {
            sleeps: true,
            ..SimulatedBackend::new(latency)
        }
    }

    /// The price of `sku` until someone changes it, in cents: between 0.99 and 999.99 dollars.
    pub fn list_price(sku: u32) -> u64 {
        99 + u64::from(sku).wrapping_mul(2_654_435_761) % 99_901
    }

    /// Changes the price of `sku` at the backend: from now on, `fetch(sku)` answers `price`.
    pub fn set_price(&self, sku: u32, price: u64) {
        self.changed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(sku, price);
    }

    /// The price `fetch(sku)` would answer now, without the wait and without counting a call.
    pub fn current_price(&self, sku: u32) -> u64 {
        let changed = self.changed.lock().unwrap_or_else(PoisonError::into_inner);
        changed
            .get(&sku)
            .copied()
            .unwrap_or_else(|| Self::list_price(sku))
    }

    /// How many times `fetch` has been called so far.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }
}

impl PriceBackend for SimulatedBackend {
    fn fetch(&self, sku: u32) -> u64 {
        self.calls.fetch_add(1, Ordering::Relaxed);
        if self.sleeps {
            std::thread::sleep(self.latency);
        } else {
            let start = Instant::now();
            while start.elapsed() < self.latency {
                std::hint::spin_loop();
            }
        }
        self.current_price(sku)
    }
}
// ANCHOR_END: simulated_backend
