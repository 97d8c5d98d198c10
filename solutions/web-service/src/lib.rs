//! A small online shop's HTTP API over SQLite.
//!
//! `GET /products/{id}`, `GET /customers/{id}/orders`, `GET /search?q=&limit=`,
//! `GET /top-sellers?limit=`, `POST /orders`, `PUT /products/{id}/price` and `GET /health`.

//!
//! The reference solution: a pool of SQLite connections used on tokio's blocking threads,
//! an index on reviews, one JOIN instead of a query per row, and in-memory indexes for search
//! and top sellers that are never stale.

mod error;
mod levenshtein;
mod routes;
mod search_index;
// The data is part of the API, not of the solution: the same generator as the frozen starter's.
#[path = "../../../grader/starters/web-service/src/seed.rs"]
pub mod seed;
mod state;
mod top_sellers;

use std::net::TcpListener;
use std::path::Path;

use axum::Router;
use axum::routing::{get, post, put};

use crate::state::AppState;

/// The application, for tests and benches that call it without a socket.
pub fn app(database: &Path) -> std::io::Result<Router> {
    let state = AppState::open(database).map_err(std::io::Error::other)?;
    Ok(Router::new()
        .route("/health", get(routes::health))
        .route("/products/{id}", get(routes::products::get_product))
        .route("/products/{id}/price", put(routes::products::update_price))
        .route("/customers/{id}/orders", get(routes::customers::customer_orders))
        .route("/search", get(routes::search::search))
        .route("/top-sellers", get(routes::top_sellers::top_sellers))
        .route("/orders", post(routes::orders::place_order))
        .with_state(state))
}

/// Serves the shop's HTTP API on `listener` (already bound) over the SQLite database at
/// `database` (created by `seed::create`), until the process ends. Builds its own tokio runtime.
pub fn run(listener: TcpListener, database: &Path) -> std::io::Result<()> {
    let app = app(database)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, app).await
    })
}

/// The learner's diagnosis, read by the grader: see `findings.toml`.
pub const FINDINGS: &str = include_str!("../findings.toml");
