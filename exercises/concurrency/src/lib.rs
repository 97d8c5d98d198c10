//! # Concurrency: the exercise
//!
//! Three jobs from the back end of a photo marketplace. Each one is correct on one thread and
//! passes its tests:
//!
//! - [`equalize_tiles`] (`src/tiles.rs`): equalizes the contrast of an uploaded photo's tiles,
//!   a few thousand of them;
//! - [`fetch_all`] (`src/catalog.rs`): loads a page's products, a few hundred, from the catalog
//!   service;
//! - [`ViewCounter`] (`src/views.rs`): counts page views, recorded by many request threads at
//!   once.
//!
//! Make each one concurrent, in the way its work calls for, and keep it correct however many
//! threads use it. Keep every public signature and every answer.
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
