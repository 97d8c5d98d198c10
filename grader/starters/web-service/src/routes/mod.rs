//! The HTTP handlers, one module per resource.

pub mod customers;
pub mod orders;
pub mod products;
pub mod search;
pub mod top_sellers;

use axum::Json;
use serde_json::{Value, json};

/// `GET /health`.
pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// The accepted range of `limit` query parameters.
pub const LIMIT_RANGE: std::ops::RangeInclusive<i64> = 1..=50;
/// The `limit` used when the query has none.
pub const DEFAULT_LIMIT: i64 = 10;

/// Checks an optional `limit` query parameter and returns it (or the default).
pub fn check_limit(limit: Option<i64>) -> Result<usize, crate::error::ApiError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if LIMIT_RANGE.contains(&limit) {
        Ok(limit as usize)
    } else {
        Err(crate::error::ApiError::bad_request(
            "limit must be between 1 and 50",
        ))
    }
}
