//! `GET /customers/{id}/orders`.

use axum::Json;
use axum::extract::{Path, State};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// One order in a customer's history.
#[derive(Serialize)]
pub struct OrderSummary {
    pub id: i64,
    pub placed_at: i64,
    pub total_cents: i64,
    pub items: Vec<OrderLine>,
}

/// One line of an order.
#[derive(Serialize)]
pub struct OrderLine {
    pub product_id: u32,
    pub name: String,
    pub quantity: i64,
    pub unit_price_cents: i64,
}

/// `GET /customers/{id}/orders`: the customer's orders, newest first.
pub async fn customer_orders(
    State(state): State<AppState>,
    Path(id): Path<u32>,
) -> ApiResult<Json<Vec<OrderSummary>>> {
    let db = state.db.lock().await;
    let exists = db
        .query_row("SELECT id FROM customers WHERE id = ?1", [id], |_| Ok(()))
        .optional()?;
    if exists.is_none() {
        return Err(ApiError::not_found(format!("customer {id} not found")));
    }

    let mut statement = db.prepare(
        "SELECT id, placed_at, total_cents FROM orders
         WHERE customer_id = ?1 ORDER BY placed_at DESC, id DESC",
    )?;
    let mut orders = statement
        .query_map([id], |row| {
            Ok(OrderSummary {
                id: row.get(0)?,
                placed_at: row.get(1)?,
                total_cents: row.get(2)?,
                items: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;

    for order in &mut orders {
        order.items = order_lines(&db, order.id)?;
    }
    Ok(Json(orders))
}

/// The lines of one order, by product id.
fn order_lines(db: &Connection, order_id: i64) -> rusqlite::Result<Vec<OrderLine>> {
    let mut statement = db.prepare(
        "SELECT product_id, quantity, unit_price_cents FROM order_items
         WHERE order_id = ?1 ORDER BY product_id",
    )?;
    let mut lines = statement
        .query_map([order_id], |row| {
            Ok(OrderLine {
                product_id: row.get(0)?,
                name: String::new(),
                quantity: row.get(1)?,
                unit_price_cents: row.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for line in &mut lines {
        line.name = product_name(db, line.product_id)?;
    }
    Ok(lines)
}

/// The name of a product.
fn product_name(db: &Connection, id: u32) -> rusqlite::Result<String> {
    let mut statement = db.prepare("SELECT name FROM products WHERE id = ?1")?;
    statement.query_row([id], |row| row.get(0))
}
