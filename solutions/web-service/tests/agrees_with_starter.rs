//! The reference answers exactly what the starter answers: ~300 seeded random requests (reads
//! and writes, valid and invalid) go to both, one at a time, on two copies of one database;
//! statuses and bodies must match, and so must the tables at the end.

use std::path::Path;

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

const WORDS: &[&str] = &[
    "lamp",
    "oak",
    "chair",
    "sturdy",
    "LAMP",
    "lmap",
    "teapot",
    "kettle",
    "walnut",
    "headphone",
    "x",
    "zzzz",
    "chaír",
    "modern table",
    "bamboo",
    "steel",
    "ceramic",
    "rug",
    "a",
    "é",
];

/// A random request: method, uri, optional JSON body text.
fn random_request(rng: &mut fastrand::Rng, hot: &[u32]) -> (&'static str, String, Option<String>) {
    let product = |rng: &mut fastrand::Rng| -> u32 {
        match rng.u8(..10) {
            0 => [0, 20_001, 20_002][rng.usize(..3)],
            1..=5 => hot[rng.usize(..hot.len())],
            _ => rng.u32(1..=20_000),
        }
    };
    match rng.u8(..100) {
        0..=24 => ("GET", format!("/products/{}", product(rng)), None),
        25..=39 => (
            "GET",
            format!(
                "/customers/{}/orders",
                if rng.u8(..10) == 0 {
                    10_001
                } else {
                    rng.u32(1..=10_000)
                }
            ),
            None,
        ),
        40..=49 => {
            let q = match rng.u8(..10) {
                0 => String::new(),
                1 => "abcdefghij".repeat(4)[..rng.usize(30..=34)].to_string(),
                _ => WORDS[rng.usize(..WORDS.len())].to_string(),
            };
            let q = q
                .replace(' ', "%20")
                .replace('í', "%C3%AD")
                .replace('é', "%C3%A9");
            let uri = match rng.u8(..4) {
                0 => format!("/search?q={q}"),
                _ => format!("/search?q={q}&limit={}", rng.i32(-1..=52)),
            };
            ("GET", uri, None)
        }
        50..=61 => {
            let uri = match rng.u8(..3) {
                0 => "/top-sellers".to_string(),
                _ => format!("/top-sellers?limit={}", rng.i32(-1..=52)),
            };
            ("GET", uri, None)
        }
        62..=89 => {
            let customer = if rng.u8(..20) == 0 {
                10_001
            } else {
                rng.u32(1..=10_000)
            };
            let count = if rng.u8(..20) == 0 { 0 } else { rng.usize(1..=4) };
            let items: Vec<_> = (0..count)
                .map(|_| {
                    let quantity = match rng.u8(..20) {
                        0 => 0,
                        1 => 101,
                        2..=9 => 100,
                        _ => rng.u32(1..=5),
                    };
                    json!({"product_id": product(rng), "quantity": quantity})
                })
                .collect();
            let body = json!({"customer_id": customer, "placed_at": rng.i64(1_800_000_000..1_800_000_100), "items": items});
            ("POST", "/orders".to_string(), Some(body.to_string()))
        }
        90..=97 => {
            let price = match rng.u8(..10) {
                0 => rng.i64(-1..=1),
                1 => 10_000_001,
                _ => rng.i64(1..=200_000),
            };
            let body = json!({"price_cents": price}).to_string();
            ("PUT", format!("/products/{}/price", product(rng)), Some(body))
        }
        _ => (
            "POST",
            "/orders".to_string(),
            Some("{\"customer_id\": 1".to_string()),
        ),
    }
}

async fn send(app: &Router, method: &str, uri: &str, body: Option<String>) -> (u16, String) {
    let mut request = Request::builder().method(method).uri(uri);
    let body = match body {
        Some(text) => {
            request = request.header("content-type", "application/json");
            Body::from(text)
        }
        None => Body::empty(),
    };
    let response = app.clone().oneshot(request.body(body).unwrap()).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn dump(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = Vec::new();
    for (table, key) in [
        ("products", "id"),
        ("customers", "id"),
        ("orders", "id"),
        ("order_items", "order_id, product_id"),
        ("reviews", "id"),
    ] {
        let mut statement = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {key}"))
            .unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            out.push(format!("{table}: {}", cells.join("|")));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reference_answers_like_the_starter() {
    let dir = tempfile::tempdir().unwrap();
    let starter_db = dir.path().join("starter.db");
    let reference_db = dir.path().join("reference.db");
    web_service::seed::create(&starter_db, 11).unwrap();
    // Little stock left of a few products, so that some orders are refused (409).
    rusqlite::Connection::open(&starter_db)
        .unwrap()
        .execute("UPDATE products SET stock = 150 WHERE id IN (1, 2, 3, 777)", [])
        .unwrap();
    std::fs::copy(&starter_db, &reference_db).unwrap();
    let starter = web_service::app(&starter_db).unwrap();
    let reference = web_service_solution::app(&reference_db).unwrap();

    // Products that the requests come back to: best sellers, climbers, stock to run out.
    let (_, top) = send(&starter, "GET", "/top-sellers?limit=50", None).await;
    let top: serde_json::Value = serde_json::from_str(&top).unwrap();
    let mut hot: Vec<u32> = top
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["product_id"].as_u64().unwrap() as u32)
        .collect();
    hot.truncate(15);
    hot.extend([1, 2, 3, 777]);

    let mut rng = fastrand::Rng::with_seed(2024);
    let mut statuses = std::collections::BTreeMap::new();
    for i in 0..300 {
        let (method, uri, body) = random_request(&mut rng, &hot);
        let expected = send(&starter, method, &uri, body.clone()).await;
        let actual = send(&reference, method, &uri, body.clone()).await;
        assert_eq!(expected.0, actual.0, "request {i}: {method} {uri} {body:?}");
        let parsed = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
        match (parsed(&expected.1), parsed(&actual.1)) {
            (Some(e), Some(a)) => assert_eq!(e, a, "request {i}: {method} {uri} {body:?}"),
            _ => assert_eq!(expected.1, actual.1, "request {i}: {method} {uri} {body:?}"),
        }
        *statuses.entry((method, expected.0)).or_insert(0) += 1;
    }
    eprintln!("{statuses:?}");
    for status in [200, 201, 400, 404, 409, 422] {
        assert!(
            statuses.keys().any(|&(_, s)| s == status),
            "no {status} in {statuses:?}"
        );
    }
    drop((starter, reference));
    assert!(dump(&starter_db) == dump(&reference_db), "the tables differ");
}

/// Orders placed concurrently (while top sellers are read) leave the reference's in-memory
/// ranking exactly what the starter computes from the same database afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn top_sellers_stay_exact_under_concurrent_orders() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    web_service::seed::create(&db, 12).unwrap();
    let reference = web_service_solution::app(&db).unwrap();
    let (_, top) = send(&reference, "GET", "/top-sellers?limit=50", None).await;
    let top: serde_json::Value = serde_json::from_str(&top).unwrap();
    let ids: Vec<u64> = top
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["product_id"].as_u64().unwrap())
        .collect();

    let mut tasks = Vec::new();
    for task in 0..8u64 {
        let app = reference.clone();
        let ids = ids.clone();
        tasks.push(tokio::spawn(async move {
            let mut rng = fastrand::Rng::with_seed(task);
            for _ in 0..25 {
                if task % 2 == 0 {
                    let product = ids[rng.usize(20..50)];
                    let body = json!({"customer_id": 1 + task, "placed_at": 1, "items": [{"product_id": product, "quantity": rng.u32(1..=100)}]});
                    let (status, _) = send(&app, "POST", "/orders", Some(body.to_string())).await;
                    assert!(status == 201 || status == 409, "{status}");
                } else {
                    let (status, _) = send(&app, "GET", "/top-sellers?limit=50", None).await;
                    assert_eq!(status, 200);
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let starter = web_service::app(&db).unwrap();
    let expected = send(&starter, "GET", "/top-sellers?limit=50", None).await;
    let actual = send(&reference, "GET", "/top-sellers?limit=50", None).await;
    assert_eq!(expected, actual);
    assert_ne!(
        actual.1,
        serde_json::to_string(&top).unwrap(),
        "the orders changed the ranking"
    );
}
