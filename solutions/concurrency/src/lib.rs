//! # Concurrency: reference solution
//!
//! The same API as `exercises/concurrency`: the tiles on every core with rayon, the requests
//! overlapped with a bounded stream of futures, and the views counted with one atomic per page.

pub mod catalog;
pub mod tiles;
pub mod views;

pub use catalog::{Catalog, CatalogService, Product, fetch_all};
pub use tiles::{TileReport, equalize_tiles};
pub use views::ViewCounter;
