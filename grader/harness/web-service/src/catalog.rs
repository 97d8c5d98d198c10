//! What the harness knows of the seeded database before any server opens it: its sizes, the
//! words of product names (search queries), the products whose units sold are lowest (which the
//! load's orders and price changes may touch without moving the top sellers), and stocks.

use rusqlite::{Connection, OpenFlags};
use std::collections::HashSet;
use std::path::Path;

/// Products the load's orders buy (among the lowest sellers).
pub const ORDERED_PRODUCTS: usize = 400;

/// Products whose prices the freshness probes change (the next lowest sellers).
pub const PROBED_PRODUCTS: usize = 40;

/// Customers who place the load's orders (the highest ids); the others' histories are read.
pub const ORDERING_CUSTOMERS: u32 = 400;

/// The largest `limit` of a top-sellers request under load.
pub const TOP_LIMIT: u32 = 20;

/// The facts of one seeded database.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// Products, with ids 1..=products.
    pub products: u32,
    /// Customers, with ids 1..=customers.
    pub customers: u32,
    /// Distinct lowercase words of product names, sorted.
    pub words: Vec<String>,
    /// Product names, by id − 1.
    pub names: Vec<String>,
    /// Products the load's orders buy: none can reach the top sellers.
    pub ordered: Vec<u32>,
    /// Products whose prices the probes change.
    pub probed: Vec<u32>,
    /// The ordered and probed products together: what no compared read may show.
    pub written: HashSet<u32>,
    /// Products, by units sold, descending (ties by id): the ranking at the start.
    pub ranking: Vec<(u32, i64)>,
    /// The product with the least stock, and that stock.
    pub scarcest: (u32, i64),
}

impl Catalog {
    /// Reads `database` (read-only).
    pub fn read(database: &Path) -> rusqlite::Result<Catalog> {
        let db = Connection::open_with_flags(database, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let count = |table: &str| -> rusqlite::Result<u32> {
            db.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        };
        let (products, customers) = (count("products")?, count("customers")?);
        let names: Vec<String> = db
            .prepare("SELECT name FROM products ORDER BY id")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut words: Vec<String> = names
            .iter()
            .flat_map(|name| name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>())
            .collect();
        words.sort();
        words.dedup();
        let ranking: Vec<(u32, i64)> = db
            .prepare(
                "SELECT p.id, COALESCE(SUM(i.quantity), 0) AS units FROM products p \
                 LEFT JOIN order_items i ON i.product_id = p.id GROUP BY p.id ORDER BY units DESC, p.id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let scarcest: (u32, i64) = db.query_row(
            "SELECT id, stock FROM products ORDER BY stock, id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        // The sequence sells the scarcest product out: the load leaves it alone.
        let lowest: Vec<u32> = ranking
            .iter()
            .rev()
            .map(|(id, _)| *id)
            .filter(|id| *id != scarcest.0)
            .collect();
        let ordered = lowest[..ORDERED_PRODUCTS.min(lowest.len())].to_vec();
        let probed = lowest[ordered.len()..(ordered.len() + PROBED_PRODUCTS).min(lowest.len())].to_vec();
        let written = ordered.iter().chain(&probed).copied().collect();
        Ok(Catalog {
            products,
            customers,
            words,
            names,
            written,
            ordered,
            probed,
            ranking,
            scarcest,
        })
    }

    /// Whether `extra` more units sold of any ordered product still leave the top sellers that
    /// the load reads unchanged.
    pub fn top_is_safe_from(&self, extra: i64) -> bool {
        let Some(&(_, last_top)) = self.ranking.get(TOP_LIMIT as usize) else {
            return false;
        };
        let most_ordered = self
            .ranking
            .iter()
            .filter(|(id, _)| self.written.contains(id))
            .map(|(_, units)| *units)
            .max()
            .unwrap_or(0);
        most_ordered + extra < last_top
    }

    /// Customers whose order histories the load reads (none of them orders under load).
    pub fn reading_customers(&self) -> u32 {
        self.customers.saturating_sub(ORDERING_CUSTOMERS)
    }
}
