//! # Caching and memoization: the exercise
//!
//! Three pieces of a ticketing and pricing service: the cheapest travel passes
//! ([`cheapest_passes`]), the price lookup behind every product page ([`PriceCache`]) and the
//! price table that the request threads share ([`SharedPriceCache`]). Each one is correct. Make
//! each one faster with caching and memoization, without changing any signature or any answer,
//! and without serving a stale price or holding more entries than you were allowed.
//!
//! - Check your answers: `cargo test -p caching`
//! - Measure it yourself: `cargo bench -p caching`
//! - Grade it: `cargo run -p grader -- caching`
//!
//! The grader compares your answers with this starter's on edge cases and random inputs, times
//! both on the same fresh inputs, and runs your caches through fixed scenarios with its own
//! instrumented pricing service: it counts the backend calls, the stale answers, the entries
//! held and the duplicate loads. The crate already depends on `moka`, so you can use it as it
//! is.

mod backend;
mod passes;
mod price_cache;
mod shared_cache;

pub use backend::{PriceBackend, SimulatedBackend};
pub use passes::cheapest_passes;
pub use price_cache::PriceCache;
pub use shared_cache::SharedPriceCache;
