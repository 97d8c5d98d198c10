//! `GET /products/{id}` and `PUT /products/{id}/price`.

use axum::Json;
use axum::extract::{Path, State};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A product page: the product and a summary of its reviews.
#[derive(Serialize)]
pub struct ProductPage {
    pub id: u32,
    pub name: String,
    pub category: String,
    pub description: String,
    pub price_cents: i64,
    pub stock: i64,
    pub rating_count: i64,
    pub rating_average: Option<f64>,
}

/// `GET /products/{id}`.
pub async fn get_product(State(state): State<AppState>, Path(id): Path<u32>) -> ApiResult<Json<ProductPage>> {
    let page = state.with_conn(move |db| load_product_page(db, id)).await?;
    Ok(Json(page))
}

/// The body of `PUT /products/{id}/price`.
#[derive(Deserialize)]
pub struct NewPrice {
    pub price_cents: i64,
}

/// `PUT /products/{id}/price`: changes the price, answers the updated product page.
pub async fn update_price(
    State(state): State<AppState>,
    Path(id): Path<u32>,
    Json(body): Json<NewPrice>,
) -> ApiResult<Json<ProductPage>> {
    if !(1..=10_000_000).contains(&body.price_cents) {
        return Err(ApiError::unprocessable(
            "price_cents must be between 1 and 10000000",
        ));
    }
    let page = state
        .with_conn(move |db| {
            let changed = db
                .prepare_cached("UPDATE products SET price_cents = ?1 WHERE id = ?2")?
                .execute(params![body.price_cents, id])?;
            if changed == 0 {
                return Err(product_not_found(id));
            }
            load_product_page(db, id)
        })
        .await?;
    Ok(Json(page))
}

fn product_not_found(id: u32) -> ApiError {
    ApiError::not_found(format!("product {id} not found"))
}

// ANCHOR: product_page
/// Loads a product; SQLite counts and sums its ratings through the `reviews_by_product` index.
fn load_product_page(db: &Connection, id: u32) -> ApiResult<ProductPage> {
    let product = db
        .prepare_cached(
            "SELECT id, name, category, description, price_cents, stock FROM products WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok(ProductPage {
                id: row.get(0)?,
                name: row.get(1)?,
                category: row.get(2)?,
                description: row.get(3)?,
                price_cents: row.get(4)?,
                stock: row.get(5)?,
                rating_count: 0,
                rating_average: None,
            })
        })
        .optional()?;
    let Some(mut product) = product else {
        return Err(product_not_found(id));
    };
    let (count, sum): (i64, Option<i64>) = db
        .prepare_cached("SELECT COUNT(*), SUM(rating) FROM reviews WHERE product_id = ?1")?
        .query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    product.rating_count = count;
    product.rating_average = rating_average(sum.unwrap_or(0), count);
    Ok(product)
}
// ANCHOR_END: product_page

/// The average rating rounded to 2 decimals, or `None` without reviews.
pub fn rating_average(sum: i64, count: i64) -> Option<f64> {
    if count == 0 {
        None
    } else {
        Some(((sum as f64 / count as f64) * 100.0).round() / 100.0)
    }
}
