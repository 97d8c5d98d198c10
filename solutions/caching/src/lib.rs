//! # Caching and memoization: the reference solution
//!
//! The same API as `exercises/caching`, with each repeated computation or fetch remembered:
//!
//! - `cheapest_passes`: the recursion solved bottom-up, one sub-problem per travel day, in a
//!   `Vec` that lives for one call (the prices differ from one call to the next).
//! - `PriceCache`: a bounded `moka::sync::Cache` (TinyLFU admission, LRU eviction), with
//!   `invalidate` for changed prices and `run_pending_tasks` before counting entries.
//! - `SharedPriceCache`: an unbounded `moka::sync::Cache` whose `get_with` loads each sku once,
//!   however many threads ask for it at the same moment, without a global lock.

mod backend;
mod passes;
mod price_cache;
mod shared_cache;

pub use backend::{PriceBackend, SimulatedBackend};
pub use passes::cheapest_passes;
pub use price_cache::PriceCache;
pub use shared_cache::SharedPriceCache;
