//! The harness's pricing service: every fetch counted and slow, every sku's current price
//! known, each backend's prices its own.

use crate::{Answer, backend_of, instance_price, next_instance};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The harness's pricing service: counts every fetch, waits its latency (the trace's
/// [`LATENCY`](crate::inputs::prices::LATENCY) in the tasks),
/// and knows every sku's current price. Each backend has prices of its own.
#[derive(Debug)]
pub struct Backend {
    instance: u64,
    latency: Duration,
    /// The prices set since the start, by sku, oldest first.
    changed: Mutex<HashMap<u32, Vec<u64>>>,
    calls: AtomicU64,
}

impl Backend {
    /// A backend whose fetches take `latency`.
    pub fn new(latency: Duration) -> Self {
        Backend {
            instance: next_instance(),
            latency,
            changed: Mutex::new(HashMap::new()),
            calls: AtomicU64::new(0),
        }
    }

    /// The subject's call: counted, slow.
    pub fn fetch(&self, sku: u32) -> u64 {
        self.calls.fetch_add(1, Ordering::Relaxed);
        if !grader_kit::exact::counted_wait(self.latency) {
            let start = Instant::now();
            while start.elapsed() < self.latency {
                std::hint::spin_loop();
            }
        }
        self.current(sku)
    }

    /// The sku's price now (not counted, no wait).
    pub fn current(&self, sku: u32) -> u64 {
        let changed = self.changed.lock().unwrap_or_else(PoisonError::into_inner);
        changed
            .get(&sku)
            .and_then(|prices| prices.last())
            .copied()
            .unwrap_or_else(|| instance_price(self.instance, sku))
    }

    /// Changes the sku's price.
    pub fn set_price(&self, sku: u32, price: u64) {
        self.changed
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(sku)
            .or_default()
            .push(price);
    }

    /// Fetches so far.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// `answer` to a lookup of `sku` now, judged against the sku's current price here.
    pub fn judge(&self, sku: u32, answer: u64) -> Answer {
        let truth = self.current(sku);
        if answer == truth {
            return Answer::Right;
        }
        let earlier = {
            let changed = self.changed.lock().unwrap_or_else(PoisonError::into_inner);
            let history = changed.get(&sku).map_or(&[][..], |prices| prices.as_slice());
            answer == instance_price(self.instance, sku) || history.contains(&answer)
        };
        Answer::Wrong(if earlier {
            format!(
                "returned {answer} for sku {sku} after its price changed to {truth} and invalidate({sku}) ran"
            )
        } else if let Some(other) = backend_of(answer, sku) {
            format!(
                "returned {answer} for sku {sku}, the price another cache's backend (#{other}) gave; its own \
                 backend (#{}) charges {truth}: each PriceCache must keep its entries to itself",
                self.instance
            )
        } else {
            format!("returned {answer} for sku {sku}, a price it never had; the backend charges {truth}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_backend_has_prices_of_its_own() {
        let (a, b) = (Backend::new(Duration::ZERO), Backend::new(Duration::ZERO));
        assert_ne!(a.fetch(10_000), b.fetch(10_000));
        assert_eq!((a.fetch(0), a.fetch(u32::MAX)), (0, u64::MAX));
        assert!(
            matches!(b.judge(10_000, a.fetch(10_000)), Answer::Wrong(why) if why.contains("another cache's backend"))
        );
        let old = a.fetch(10_000);
        a.set_price(10_000, 5);
        assert!(
            matches!(a.judge(10_000, old), Answer::Wrong(why) if why.contains("after its price changed to 5"))
        );
        assert_eq!(a.judge(10_000, 5), Answer::Right);
    }
}
