//! `GET /search?q=<text>&limit=<n>`: products whose name has a word close to the query.

use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
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

    // ANCHOR: search_handler
    // The scoring is CPU work: it runs on the blocking pool, over the names already in memory,
    // without holding a connection. Then the hits' CURRENT prices are read (prices change;
    // names do not).
    let index = state.search.clone();
    let ranked: Vec<(usize, u32, String)> = tokio::task::spawn_blocking(move || {
        let query = q.to_lowercase();
        index
            .search(&query, limit)
            .into_iter()
            .map(|(distance, id, name)| (distance, id, name.to_owned()))
            .collect()
    })
    .await?;
    let hits = state
        .with_conn(move |db| {
            let mut price = db.prepare_cached("SELECT price_cents FROM products WHERE id = ?1")?;
            ranked
                .into_iter()
                .map(|(distance, id, name)| {
                    Ok(SearchHit {
                        id,
                        name,
                        price_cents: price.query_row([id], |row| row.get(0))?,
                        distance,
                    })
                })
                .collect::<ApiResult<Vec<_>>>()
        })
        .await?;
    // ANCHOR_END: search_handler
    Ok(Json(hits))
}
