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
    let db = state.db.lock().await;
    let page = load_product_page(&db, id)?;
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
    let db = state.db.lock().await;
    let changed = db.execute(
        "UPDATE products SET price_cents = ?1 WHERE id = ?2",
        params![body.price_cents, id],
    )?;
    if changed == 0 {
        return Err(product_not_found(id));
    }
    let page = load_product_page(&db, id)?;
    Ok(Json(page))
}

fn product_not_found(id: u32) -> ApiError {
    ApiError::not_found(format!("product {id} not found"))
}

/// Loads a product and its reviews, and summarises the ratings.
fn load_product_page(db: &Connection, id: u32) -> ApiResult<ProductPage> {
    let product = db
        .query_row(
            "SELECT id, name, category, description, price_cents, stock FROM products WHERE id = ?1",
            [id],
            |row| {
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
            },
        )
        .optional()?;
    let Some(mut product) = product else {
        return Err(product_not_found(id));
    };

    let mut statement = db.prepare("SELECT rating, body FROM reviews WHERE product_id = ?1")?;
    let reviews: Vec<(i64, String)> = statement
        .query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;

    let count = reviews.len() as i64;
    let sum: i64 = reviews.iter().map(|(rating, _body)| rating).sum();
    product.rating_count = count;
    product.rating_average = rating_average(sum, count);
    Ok(product)
}

/// The average rating rounded to 2 decimals, or `None` without reviews.
pub fn rating_average(sum: i64, count: i64) -> Option<f64> {
    if count == 0 {
        None
    } else {
        Some(((sum as f64 / count as f64) * 100.0).round() / 100.0)
    }
}
