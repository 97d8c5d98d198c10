//! Units sold per product, kept in memory and updated by every order.

use std::sync::{Arc, RwLock};

use rusqlite::Connection;
use serde::Serialize;

use crate::search_index::SearchIndex;

/// The largest `limit` of `GET /top-sellers`: the ranking keeps this many.
pub const MAX_LIMIT: usize = 50;

/// A product and the units sold of it.
#[derive(Serialize, Clone)]
pub struct TopSeller {
    pub product_id: u32,
    pub name: String,
    pub units_sold: i64,
}

// ANCHOR: top_sellers_cache
/// The `GROUP BY` over all order items runs once, at startup. After that every placed order
/// adds its quantities here (under the write lock, after its transaction committed) and drops
/// the cached ranking, so a read never sees a ranking older than an order that was answered.
/// Because updates and invalidation happen under the same lock as the fill, a ranking computed
/// from old counts can never be stored after a newer order.
pub struct TopSellers {
    names: Arc<SearchIndex>,
    inner: RwLock<Inner>,
}

struct Inner {
    /// `units[id]`: units sold of product `id`.
    units: Vec<i64>,
    /// The best `MAX_LIMIT` products, computed from `units` on first read after a change.
    ranking: Option<Arc<[TopSeller]>>,
}

impl TopSellers {
    pub fn load(conn: &Connection, names: Arc<SearchIndex>) -> rusqlite::Result<Self> {
        let mut units = Vec::new();
        let mut statement =
            conn.prepare("SELECT product_id, SUM(quantity) FROM order_items GROUP BY product_id")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: u32 = row.get(0)?;
            let sold: i64 = row.get(1)?;
            // Items of products that do not exist would not join with `products`.
            if names.name(id).is_none() {
                continue;
            }
            if units.len() <= id as usize {
                units.resize(id as usize + 1, 0);
            }
            units[id as usize] = sold;
        }
        Ok(Self {
            names,
            inner: RwLock::new(Inner { units, ranking: None }),
        })
    }

    /// Records a committed order's items: `(product_id, quantity)`.
    pub fn record(&self, items: impl IntoIterator<Item = (u32, u32)>) {
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        for (id, quantity) in items {
            let id = id as usize;
            if inner.units.len() <= id {
                inner.units.resize(id + 1, 0);
            }
            inner.units[id] += i64::from(quantity);
        }
        inner.ranking = None;
    }

    /// The best `MAX_LIMIT` products by units sold (most first, ties by id).
    pub fn ranking(&self) -> Arc<[TopSeller]> {
        if let Some(ranking) = &self.inner.read().unwrap_or_else(|e| e.into_inner()).ranking {
            return ranking.clone();
        }
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        if let Some(ranking) = &inner.ranking {
            return ranking.clone();
        }
        let ranking = self.rank(&inner.units);
        inner.ranking = Some(ranking.clone());
        ranking
    }
    // ANCHOR_END: top_sellers_cache

    fn rank(&self, units: &[i64]) -> Arc<[TopSeller]> {
        let mut sold: Vec<(i64, u32)> = units
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(id, &n)| (-n, id as u32))
            .collect();
        if sold.len() > MAX_LIMIT {
            sold.select_nth_unstable(MAX_LIMIT - 1);
            sold.truncate(MAX_LIMIT);
        }
        sold.sort_unstable();
        sold.into_iter()
            .map(|(minus_units, id)| TopSeller {
                product_id: id,
                name: self.names.name(id).unwrap_or_default().to_owned(),
                units_sold: -minus_units,
            })
            .collect()
    }
}
