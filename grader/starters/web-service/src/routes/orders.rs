//! `POST /orders`: places an order, atomically.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The most units of one product in one order.
pub const MAX_QUANTITY: u32 = 100;

/// The body of `POST /orders`.
#[derive(Deserialize)]
pub struct NewOrder {
    pub customer_id: u32,
    pub placed_at: i64,
    pub items: Vec<NewOrderItem>,
}

/// One requested line of a new order.
#[derive(Deserialize)]
pub struct NewOrderItem {
    pub product_id: u32,
    pub quantity: u32,
}

/// A placed order.
#[derive(Serialize)]
pub struct PlacedOrder {
    pub id: i64,
    pub customer_id: u32,
    pub placed_at: i64,
    pub total_cents: i64,
    pub items: Vec<PlacedOrderItem>,
}

/// One line of a placed order, at the product's price when it was placed.
#[derive(Serialize)]
pub struct PlacedOrderItem {
    pub product_id: u32,
    pub quantity: u32,
    pub unit_price_cents: i64,
}

/// Checks the shape of a new order: at least one item, distinct products, quantities in
/// `1..=MAX_QUANTITY`.
pub fn validate(order: &NewOrder) -> ApiResult<()> {
    if order.items.is_empty() {
        return Err(ApiError::unprocessable("an order needs at least one item"));
    }
    for (i, item) in order.items.iter().enumerate() {
        if item.quantity == 0 || item.quantity > MAX_QUANTITY {
            return Err(ApiError::unprocessable(format!(
                "quantity of product {} must be between 1 and {MAX_QUANTITY}",
                item.product_id
            )));
        }
        if order.items[..i]
            .iter()
            .any(|other| other.product_id == item.product_id)
        {
            return Err(ApiError::unprocessable(format!(
                "product {} appears more than once",
                item.product_id
            )));
        }
    }
    Ok(())
}

/// `POST /orders`: checks the customer, the products and their stock, then records the order,
/// its items and the new stock in one transaction.
pub async fn place_order(
    State(state): State<AppState>,
    Json(order): Json<NewOrder>,
) -> ApiResult<(StatusCode, Json<PlacedOrder>)> {
    validate(&order)?;
    let mut db = state.db.lock().await;
    let tx = db.transaction()?;

    let customer = tx
        .query_row(
            "SELECT id FROM customers WHERE id = ?1",
            [order.customer_id],
            |_| Ok(()),
        )
        .optional()?;
    if customer.is_none() {
        return Err(ApiError::not_found(format!(
            "customer {} not found",
            order.customer_id
        )));
    }

    let mut items = Vec::with_capacity(order.items.len());
    for item in &order.items {
        let product: Option<(i64, i64)> = tx
            .query_row(
                "SELECT price_cents, stock FROM products WHERE id = ?1",
                [item.product_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let Some((price_cents, stock)) = product else {
            return Err(ApiError::not_found(format!(
                "product {} not found",
                item.product_id
            )));
        };
        if stock < i64::from(item.quantity) {
            return Err(ApiError::conflict(format!(
                "insufficient stock for product {}",
                item.product_id
            )));
        }
        items.push(PlacedOrderItem {
            product_id: item.product_id,
            quantity: item.quantity,
            unit_price_cents: price_cents,
        });
    }
    let total_cents: i64 = items
        .iter()
        .map(|item| i64::from(item.quantity) * item.unit_price_cents)
        .sum();

    tx.execute(
        "INSERT INTO orders (customer_id, placed_at, total_cents) VALUES (?1, ?2, ?3)",
        params![order.customer_id, order.placed_at, total_cents],
    )?;
    let id = tx.last_insert_rowid();
    for item in &items {
        tx.execute(
            "INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, item.product_id, item.quantity, item.unit_price_cents],
        )?;
        tx.execute(
            "UPDATE products SET stock = stock - ?1 WHERE id = ?2",
            params![item.quantity, item.product_id],
        )?;
    }
    tx.commit()?;

    let placed = PlacedOrder {
        id,
        customer_id: order.customer_id,
        placed_at: order.placed_at,
        total_cents,
        items,
    };
    Ok((StatusCode::CREATED, Json(placed)))
}
