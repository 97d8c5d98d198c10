//! `GET /top-sellers?limit=<n>`: the products with the most units sold.

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};

use crate::error::ApiResult;
use crate::routes::check_limit;
use crate::state::AppState;

/// The query string of `GET /top-sellers`.
#[derive(Deserialize)]
pub struct TopSellersParams {
    pub limit: Option<i64>,
}

/// A product and the units sold of it.
#[derive(Serialize)]
pub struct TopSeller {
    pub product_id: u32,
    pub name: String,
    pub units_sold: i64,
}

/// `GET /top-sellers`: units sold per product over all orders, most first (ties by product id).
pub async fn top_sellers(
    State(state): State<AppState>,
    Query(params): Query<TopSellersParams>,
) -> ApiResult<Json<Vec<TopSeller>>> {
    let limit = check_limit(params.limit)?;
    let db = state.db.lock().await;
    let mut statement = db.prepare(
        "SELECT sold.product_id, p.name, sold.units
         FROM (SELECT product_id, SUM(quantity) AS units
               FROM order_items GROUP BY product_id) AS sold
         JOIN products p ON p.id = sold.product_id
         ORDER BY sold.units DESC, sold.product_id ASC
         LIMIT ?1",
    )?;
    let sellers = statement
        .query_map([limit as i64], |row| {
            Ok(TopSeller {
                product_id: row.get(0)?,
                name: row.get(1)?,
                units_sold: row.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(sellers))
}
