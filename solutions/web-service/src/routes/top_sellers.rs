//! `GET /top-sellers?limit=<n>`: the products with the most units sold.

use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;

use crate::error::ApiResult;
use crate::routes::check_limit;
use crate::state::AppState;
use crate::top_sellers::TopSeller;

/// The query string of `GET /top-sellers`.
#[derive(Deserialize)]
pub struct TopSellersParams {
    pub limit: Option<i64>,
}

/// `GET /top-sellers`: units sold per product over all orders, most first (ties by product id).
/// Served from memory: no SQL at all.
pub async fn top_sellers(
    State(state): State<AppState>,
    Query(params): Query<TopSellersParams>,
) -> ApiResult<Json<Vec<TopSeller>>> {
    let limit = check_limit(params.limit)?;
    let ranking = state.top_sellers.ranking();
    Ok(Json(ranking.iter().take(limit).cloned().collect()))
}
