//! `GET /customers/{id}/orders`.

use axum::Json;
use axum::extract::{Path, State};
use rusqlite::OptionalExtension;
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
    let orders = state
        .with_conn(move |db| {
            let exists = db
                .prepare_cached("SELECT id FROM customers WHERE id = ?1")?
                .query_row([id], |_| Ok(()))
                .optional()?;
            if exists.is_none() {
                return Err(ApiError::not_found(format!("customer {id} not found")));
            }

            // ANCHOR: join
            // One query for all orders, their items and the items' names (instead of one query
            // per order and one per item), already in the answer's order; grouped here.
            let mut statement = db.prepare_cached(
                "SELECT o.id, o.placed_at, o.total_cents,
                        oi.product_id, p.name, oi.quantity, oi.unit_price_cents
                 FROM orders o
                 JOIN order_items oi ON oi.order_id = o.id
                 JOIN products p ON p.id = oi.product_id
                 WHERE o.customer_id = ?1
                 ORDER BY o.placed_at DESC, o.id DESC, oi.product_id ASC",
            )?;
            let mut rows = statement.query([id])?;
            let mut orders: Vec<OrderSummary> = Vec::new();
            while let Some(row) = rows.next()? {
                let order_id: i64 = row.get(0)?;
                if orders.last().is_none_or(|last| last.id != order_id) {
                    orders.push(OrderSummary {
                        id: order_id,
                        placed_at: row.get(1)?,
                        total_cents: row.get(2)?,
                        items: Vec::new(),
                    });
                }
                let order = orders.last_mut().expect("pushed above");
                order.items.push(OrderLine {
                    product_id: row.get(3)?,
                    name: row.get(4)?,
                    quantity: row.get(5)?,
                    unit_price_cents: row.get(6)?,
                });
            }
            // ANCHOR_END: join
            Ok(orders)
        })
        .await?;
    Ok(Json(orders))
}
