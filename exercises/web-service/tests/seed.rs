//! `seed::create`: deterministic, the documented sizes, and clear best sellers.

mod common;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use rusqlite::Connection;
use web_service::seed;

const TABLES: [(&str, &str); 5] = [
    ("products", "id"),
    ("customers", "id"),
    ("orders", "id"),
    ("order_items", "order_id, product_id"),
    ("reviews", "id"),
];

/// A hash of every row of every table, in a fixed order.
fn dump_hash(path: &Path) -> u64 {
    let conn = Connection::open(path).unwrap();
    let mut hasher = DefaultHasher::new();
    for (table, key) in TABLES {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {key}"))
            .unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                format!("{:?}", row.get_ref(i).unwrap()).hash(&mut hasher);
            }
        }
    }
    hasher.finish()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn same_seed_gives_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("c.db"),
    );
    seed::create(&a, 7).unwrap();
    seed::create(&b, 7).unwrap();
    seed::create(&c, 8).unwrap();
    assert_eq!(dump_hash(&a), dump_hash(&b));
    assert_ne!(dump_hash(&a), dump_hash(&c));
}

#[test]
fn refuses_to_overwrite_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exists.db");
    std::fs::write(&path, b"").unwrap();
    assert!(seed::create(&path, 1).is_err());
}

#[test]
fn sizes_and_ranges() {
    let conn = Connection::open(common::template()).unwrap();
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(journal, "wal");
    for (table, n) in [
        ("products", seed::PRODUCTS),
        ("customers", seed::CUSTOMERS),
        ("orders", seed::ORDERS),
        ("reviews", seed::REVIEWS),
    ] {
        assert_eq!(
            count(&conn, &format!("SELECT COUNT(*) FROM {table}")),
            i64::from(n)
        );
        assert_eq!(
            count(&conn, &format!("SELECT MAX(id) FROM {table}")),
            i64::from(n)
        );
    }
    let items = count(&conn, "SELECT COUNT(*) FROM order_items");
    assert!((130_000..=170_000).contains(&items), "{items} order items");
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM (SELECT order_id, COUNT(*) AS n FROM order_items GROUP BY order_id HAVING n BETWEEN 1 AND 5)"
        ),
        i64::from(seed::ORDERS)
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM products WHERE length(description) NOT BETWEEN 1000 AND 2000"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM reviews WHERE length(body) NOT BETWEEN 50 AND 200"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM products WHERE price_cents NOT BETWEEN 199 AND 99999"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM products WHERE stock NOT BETWEEN 1000 AND 5000"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM reviews WHERE rating NOT BETWEEN 1 AND 5"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM orders WHERE placed_at != 1700000000 + (id - 1) * 60"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM orders o WHERE total_cents != (SELECT SUM(quantity * unit_price_cents) FROM order_items WHERE order_id = o.id)"
        ),
        0
    );
    let mut statement = conn.prepare("SELECT name FROM products").unwrap();
    let names = statement.query_map([], |r| r.get::<_, String>(0)).unwrap();
    for name in names {
        let name = name.unwrap();
        let words = name.split(' ').count();
        assert!((2..=3).contains(&words), "{name}");
    }
}

#[test]
fn the_top_ten_lead_clearly() {
    let dir = tempfile::tempdir().unwrap();
    for seed_value in [2, 3] {
        let path = dir.path().join(format!("{seed_value}.db"));
        seed::create(&path, seed_value).unwrap();
        assert_top_ten_lead(&path);
    }
    assert_top_ten_lead(common::template());
}

fn assert_top_ten_lead(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT SUM(quantity) AS units FROM order_items GROUP BY product_id ORDER BY units DESC LIMIT 11",
        )
        .unwrap();
    let units: Vec<i64> = statement
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(units[9] - units[10] >= 500, "{units:?}");
}
