//! `GET /search?q=<text>&limit=<n>`: products whose name has a word close to the query.

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::levenshtein::levenshtein;
use crate::routes::check_limit;
use crate::state::AppState;

/// The longest accepted query, in chars.
pub const MAX_QUERY_CHARS: usize = 32;

/// The query string of `GET /search`.
#[derive(Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub limit: Option<i64>,
}

/// One search result.
#[derive(Serialize)]
pub struct SearchHit {
    pub id: u32,
    pub name: String,
    pub price_cents: i64,
    pub distance: usize,
}

/// A product row.
#[derive(Serialize)]
struct Product {
    id: u32,
    name: String,
    category: String,
    description: String,
    price_cents: i64,
    stock: i64,
}

/// `GET /search`: every product scored by the smallest edit distance between the query and a
/// word of its name (case-insensitive); the best `limit`, by distance then id.
pub async fn search(
    State(state): State<AppState>,
    Query(params): Query<SearchParams>,
) -> ApiResult<Json<Vec<SearchHit>>> {
    let q = params.q.unwrap_or_default();
    let chars = q.chars().count();
    if chars == 0 || chars > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request("q must be 1 to 32 characters"));
    }
    let limit = check_limit(params.limit)?;

    let db = state.db.lock().await;
    let mut statement = db.prepare("SELECT * FROM products")?;
    let products = statement
        .query_map([], |row| {
            Ok(Product {
                id: row.get(0)?,
                name: row.get(1)?,
                category: row.get(2)?,
                description: row.get(3)?,
                price_cents: row.get(4)?,
                stock: row.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;

    let query = q.to_lowercase();
    let mut scored: Vec<(usize, Product)> = products
        .into_iter()
        .map(|product| (name_distance(&query, &product.name), product))
        .collect();
    scored.sort_by_key(|(distance, product)| (*distance, product.id));

    let hits = scored
        .into_iter()
        .take(limit)
        .map(|(distance, product)| SearchHit {
            id: product.id,
            name: product.name,
            price_cents: product.price_cents,
            distance,
        })
        .collect();
    Ok(Json(hits))
}

/// The smallest distance between `query` (lowercase) and a lowercased word of `name`.
fn name_distance(query: &str, name: &str) -> usize {
    name.split_whitespace()
        .map(|word| levenshtein(query, &word.to_lowercase()))
        .min()
        .unwrap_or(query.chars().count())
}
