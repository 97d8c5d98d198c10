//! # Concurrency: the exercise
//!
//! Three jobs from the back end of a photo marketplace. Each one is correct on one thread, and
//! each one leaves performance, or correctness, on the table once there are more:
//!
//! - [`equalize_tiles`] (`src/tiles.rs`): CPU-bound work on a few thousand image tiles, done on
//!   one core while the others sit idle;
//! - [`fetch_all`] (`src/catalog.rs`): I/O-bound work, a few hundred requests to a slow
//!   catalog service, awaited one after another;
//! - [`ViewCounter`] (`src/views.rs`): a page-view counter that many request threads share. It
//!   passes its single-threaded tests, and under threads it both crawls and loses views.
//!
//! Keep every public signature and every answer.
//!
//! - Check your answers: `cargo test -p concurrency`
//! - Measure it yourself: `cargo bench -p concurrency`
//! - Grade it: `cargo run -p grader -- concurrency`
//!
//! The grader compares your answers with this starter's on edge cases and random inputs, then
//! times both, and runs your code through scenarios that count lost updates, requests in
//! flight and virtual time.

pub mod catalog;
pub mod tiles;
pub mod views;

pub use catalog::{Catalog, CatalogService, Product, fetch_all};
pub use tiles::{TileReport, equalize_tiles};
pub use views::ViewCounter;
