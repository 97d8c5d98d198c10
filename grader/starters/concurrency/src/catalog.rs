//! `async-fetch`: load the products of a page from the catalog service.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

// ANCHOR: catalog
/// A product, as the catalog service returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// The product's id.
    pub id: u32,
    /// Its price, in cents.
    pub price_cents: u64,
}

/// A catalog service reached over the network: each `fetch` is one request, answered after
/// the service's latency. Your tests and benchmarks use [`CatalogService`]; the grader plugs
/// in its own, instrumented, catalog.
pub trait Catalog: Clone + Send + Sync + 'static {
    /// Fetches product `id`: one request.
    fn fetch(&self, id: u32) -> impl Future<Output = Product> + Send;
}
// ANCHOR_END: catalog

// ANCHOR: fetch_all
/// The products `ids`, in the order of `ids` (an id listed twice appears twice), fetched from
/// `catalog` with at most `limit` requests in flight at any moment. A `limit` of 0 counts as 1.
pub async fn fetch_all<C: Catalog>(catalog: &C, ids: &[u32], limit: usize) -> Vec<Product> {
    let _ = limit;
    let mut products = Vec::with_capacity(ids.len());
    for &id in ids {
        products.push(catalog.fetch(id).await);
    }
    products
}
// ANCHOR_END: fetch_all

// ANCHOR: catalog_service
/// A simulated catalog service, for tests and benchmarks. A request for product `id` waits
/// (with `tokio::time::sleep`, so it blocks no thread) for a latency between 20 and 80 ms that
/// depends only on `id` and the service's seed, then answers. The service counts the requests
/// it receives and how many are in flight at once.
///
/// Cloning it is cheap and the clones share one service (and its counts).
#[derive(Debug, Clone)]
pub struct CatalogService {
    state: Arc<ServiceState>,
}

#[derive(Debug)]
struct ServiceState {
    seed: u64,
    requests: AtomicU64,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl CatalogService {
    /// A service whose latencies and prices are drawn from `seed`.
    pub fn new(seed: u64) -> Self {
        CatalogService {
            state: Arc::new(ServiceState {
                seed,
                requests: AtomicU64::new(0),
                in_flight: AtomicUsize::new(0),
                max_in_flight: AtomicUsize::new(0),
            }),
        }
    }

    /// How long a request for product `id` takes: 20 to 80 ms, in whole milliseconds.
    pub fn latency(&self, id: u32) -> Duration {
        Duration::from_millis(20 + mix(self.state.seed, id) % 61)
    }

    /// The price of product `id`, in cents: $1.00 to $500.00.
    pub fn price(&self, id: u32) -> u64 {
        100 + mix(self.state.seed ^ 0x5eed, id) % 49_901
    }

    /// Requests received so far.
    pub fn requests(&self) -> u64 {
        self.state.requests.load(Ordering::SeqCst)
    }

    /// The most requests that were ever in flight at the same moment.
    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }
}

impl Catalog for CatalogService {
    async fn fetch(&self, id: u32) -> Product {
        let _request = InFlight::start(&self.state);
        tokio::time::sleep(self.latency(id)).await;
        Product {
            id,
            price_cents: self.price(id),
        }
    }
}

/// One request in flight: counted from its first poll until it completes or is dropped.
struct InFlight<'a>(&'a ServiceState);

impl<'a> InFlight<'a> {
    fn start(state: &'a ServiceState) -> Self {
        state.requests.fetch_add(1, Ordering::SeqCst);
        let now = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        state.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(state)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A 64-bit mix of `seed` and `id` (SplitMix64's finalizer).
fn mix(seed: u64, id: u32) -> u64 {
    let mut x = seed ^ u64::from(id).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
// ANCHOR_END: catalog_service
