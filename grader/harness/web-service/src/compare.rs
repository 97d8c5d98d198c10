//! Whether two servers' answers are the same: status, then the body as JSON (numbers equal to
//! rounding, since each side prints its own floats), else byte for byte; and whether their
//! databases hold the same rows.

use crate::client::Reply;
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;
use std::path::Path;

/// The tables the API writes and reads, with the order their rows are compared in. A server
/// may add tables and indexes of its own; these it must keep as the API says.
const TABLES: [(&str, &str); 5] = [
    ("products", "id"),
    ("customers", "id"),
    ("orders", "id"),
    ("order_items", "order_id, product_id"),
    ("reviews", "id"),
];

/// What may legitimately differ between two answers to the same request under load.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mask<'a> {
    /// Ignore the top-level `id` (a new order's id depends on which order arrived first).
    pub new_id: bool,
    /// Ignore `price_cents` of these products, in a list or a product page (their prices change
    /// under load, and a read after a change is judged as fresh or stale, not compared).
    pub prices_of: &'a [u32],
}

/// The first difference between `expected` and `actual`, in words; `None` when they agree.
pub fn difference(expected: &Reply, actual: &Reply, mask: Mask<'_>) -> Option<String> {
    if expected.status != actual.status {
        return Some(format!(
            "status {} where {} was expected",
            actual.status, expected.status
        ));
    }
    let parse = |r: &Reply| serde_json::from_slice::<Value>(&r.body).ok();
    match (parse(expected), parse(actual)) {
        (Some(mut e), Some(mut a)) => {
            masked(&mut e, mask);
            masked(&mut a, mask);
            first_difference("", &e, &a)
        }
        (Some(_), None) => Some("the body is not JSON".into()),
        _ if expected.body != actual.body => Some("the body differs".into()),
        _ => None,
    }
}

fn masked(value: &mut Value, mask: Mask<'_>) {
    if mask.new_id
        && let Some(object) = value.as_object_mut()
    {
        object.remove("id");
    }
    let unprice = |item: &mut Value| {
        let probed = item["id"]
            .as_u64()
            .is_some_and(|id| mask.prices_of.contains(&(id as u32)));
        if probed && let Some(object) = item.as_object_mut() {
            object.remove("price_cents");
        }
    };
    match value {
        Value::Array(items) => items.iter_mut().for_each(unprice),
        page @ Value::Object(_) => unprice(page),
        _ => {}
    }
}

/// The first place where two JSON values differ, as a path and both values.
pub fn first_difference(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    let at = |p: &str| {
        if p.is_empty() {
            "the body".to_string()
        } else {
            p.to_string()
        }
    };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, ev) in e {
                let here = format!("{path}.{key}");
                match a.get(key) {
                    Some(av) => {
                        if let Some(d) = first_difference(&here, ev, av) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{} is missing", at(&here))),
                }
            }
            a.keys()
                .find(|k| !e.contains_key(*k))
                .map(|k| format!("{} is not expected", at(&format!("{path}.{k}"))))
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Some(format!(
                    "{} has {} entries where {} were expected",
                    at(path),
                    a.len(),
                    e.len()
                ));
            }
            e.iter()
                .zip(a)
                .enumerate()
                .find_map(|(i, (ev, av))| first_difference(&format!("{path}[{i}]"), ev, av))
        }
        (Value::Number(e), Value::Number(a)) => {
            let (x, y) = (e.as_f64().unwrap_or(f64::NAN), a.as_f64().unwrap_or(f64::NAN));
            let same = e == a || (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
            (!same).then(|| format!("{} is {actual} where {expected} was expected", at(path)))
        }
        _ if expected == actual => None,
        _ => Some(format!("{} is {actual} where {expected} was expected", at(path))),
    }
}

/// The first table row where two databases differ, in words; `None` when every row agrees.
pub fn database_difference(expected: &Path, actual: &Path) -> Result<Option<String>, String> {
    let open = |path: &Path| {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| format!("opening {}: {e}", path.display()))
    };
    let (e, a) = (open(expected)?, open(actual)?);
    for (table, order) in TABLES {
        let rows = |db: &Connection| -> Result<Vec<String>, String> {
            let sql = format!("SELECT * FROM {table} ORDER BY {order}");
            let mut statement = db.prepare(&sql).map_err(|e| format!("{table}: {e}"))?;
            let columns = statement.column_count();
            let rows = statement
                .query_map([], |row| {
                    (0..columns)
                        .map(|i| row.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                        .collect::<rusqlite::Result<Vec<_>>>()
                        .map(|v| v.join(", "))
                })
                .map_err(|e| format!("{table}: {e}"))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
                .map_err(|e| format!("{table}: {e}"))
        };
        let (want, got) = match (rows(&e), rows(&a)) {
            (Ok(w), Ok(g)) => (w, g),
            (Err(error), _) => return Err(error),
            (_, Err(error)) => return Ok(Some(format!("its {table} table cannot be read: {error}"))),
        };
        if let Some(i) = (0..want.len().min(got.len())).find(|&i| want[i] != got[i]) {
            return Ok(Some(format!(
                "table {table}, row {}: ({}) where ({}) was expected",
                i + 1,
                got[i],
                want[i]
            )));
        }
        if want.len() != got.len() {
            return Ok(Some(format!(
                "table {table} has {} rows where {} were expected",
                got.len(),
                want.len()
            )));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::body::Bytes;

    fn reply(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: Bytes::from(body.to_string()),
        }
    }

    #[test]
    fn answers_agree_to_rounding_and_masks() {
        let none = Mask::default();
        assert_eq!(
            difference(
                &reply(200, r#"{"a":1.5}"#),
                &reply(200, r#"{"a": 1.5000000000001}"#),
                none
            ),
            None
        );
        assert!(
            difference(&reply(200, r#"{"a":1}"#), &reply(201, r#"{"a":1}"#), none)
                .unwrap()
                .contains("status")
        );
        let d = difference(
            &reply(200, r#"[{"id":1,"x":[1,2]}]"#),
            &reply(200, r#"[{"id":1,"x":[1,3]}]"#),
            none,
        );
        assert_eq!(d.as_deref(), Some("[0].x[1] is 3 where 2 was expected"));
        let new_id = Mask {
            new_id: true,
            prices_of: &[],
        };
        assert_eq!(
            difference(
                &reply(201, r#"{"id":5,"t":2}"#),
                &reply(201, r#"{"id":6,"t":2}"#),
                new_id
            ),
            None
        );
        let prices = Mask {
            new_id: false,
            prices_of: &[7],
        };
        let (e, a) = (
            r#"[{"id":7,"price_cents":1},{"id":8,"price_cents":1}]"#,
            r#"[{"id":7,"price_cents":2},{"id":8,"price_cents":1}]"#,
        );
        assert_eq!(difference(&reply(200, e), &reply(200, a), prices), None);
        let a = r#"[{"id":7,"price_cents":1},{"id":8,"price_cents":2}]"#;
        assert!(difference(&reply(200, e), &reply(200, a), prices).is_some());
        let page = |price: u32, stock: u32| {
            reply(
                200,
                &format!(r#"{{"id":7,"price_cents":{price},"stock":{stock}}}"#),
            )
        };
        assert_eq!(difference(&page(1, 5), &page(2, 5), prices), None);
        assert!(difference(&page(1, 5), &page(1, 6), prices).is_some());
        assert!(difference(&reply(404, ""), &reply(404, "x"), none).is_some());
        assert!(
            difference(&reply(200, "{}"), &reply(200, "{} trailing"), none)
                .unwrap()
                .contains("not JSON")
        );
    }
}
