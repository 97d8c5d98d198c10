//! The HTTP API, through `app()` without a socket: every endpoint's answers and errors.

mod common;

use axum::http::StatusCode;
use common::{call, get, sql, test_app};
use serde_json::{Value, json};

fn error(message: &str) -> Value {
    json!({ "error": message })
}

#[tokio::test]
async fn health_is_ok() {
    let (_db, app) = test_app();
    assert_eq!(
        get(&app, "/health").await,
        (StatusCode::OK, json!({"status": "ok"}))
    );
}

#[tokio::test]
async fn unknown_path_is_404() {
    let (_db, app) = test_app();
    assert_eq!(get(&app, "/nope").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn product_page_has_the_product_and_its_rating() {
    let (db, app) = test_app();
    let (status, body) = get(&app, "/products/42").await;
    assert_eq!(status, StatusCode::OK);
    let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    let expected = [
        "id",
        "name",
        "category",
        "description",
        "price_cents",
        "stock",
        "rating_count",
        "rating_average",
    ];
    let mut sorted_expected = expected.to_vec();
    sorted_expected.sort_unstable();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort_unstable();
    assert_eq!(sorted_keys, sorted_expected);

    let conn = sql(&db);
    let (name, price, stock): (String, i64, i64) = conn
        .query_row(
            "SELECT name, price_cents, stock FROM products WHERE id = 42",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let (count, sum): (i64, Option<i64>) = conn
        .query_row(
            "SELECT COUNT(*), SUM(rating) FROM reviews WHERE product_id = 42",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(body["id"], 42);
    assert_eq!(body["name"], name);
    assert_eq!(body["price_cents"], price);
    assert_eq!(body["stock"], stock);
    assert_eq!(body["rating_count"], count);
    let average = sum.map(|s| ((s as f64 / count as f64) * 100.0).round() / 100.0);
    assert_eq!(body["rating_average"], json!(average));
}

#[tokio::test]
async fn product_without_reviews_has_null_average() {
    let (db, app) = test_app();
    let id: i64 = sql(&db)
        .query_row(
            "SELECT id FROM products WHERE id NOT IN (SELECT product_id FROM reviews) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let (status, body) = get(&app, &format!("/products/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["rating_count"], 0);
    assert_eq!(body["rating_average"], Value::Null);
}

#[tokio::test]
async fn unknown_product_is_404() {
    let (_db, app) = test_app();
    assert_eq!(
        get(&app, "/products/20001").await,
        (StatusCode::NOT_FOUND, error("product 20001 not found"))
    );
    assert_eq!(get(&app, "/products/0").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn customer_orders_are_newest_first_with_named_items() {
    let (db, app) = test_app();
    let conn = sql(&db);
    let customer: i64 = conn
        .query_row(
            "SELECT customer_id FROM orders GROUP BY customer_id HAVING COUNT(*) >= 3 LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let count: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM orders WHERE customer_id = ?1",
            [customer],
            |r| r.get(0),
        )
        .unwrap();
    let (status, body) = get(&app, &format!("/customers/{customer}/orders")).await;
    assert_eq!(status, StatusCode::OK);
    let orders = body.as_array().unwrap();
    assert_eq!(orders.len() as i64, count);
    for pair in orders.windows(2) {
        let a = (pair[0]["placed_at"].as_i64(), pair[0]["id"].as_i64());
        let b = (pair[1]["placed_at"].as_i64(), pair[1]["id"].as_i64());
        assert!(a > b, "newest first");
    }
    for order in orders {
        let items = order["items"].as_array().unwrap();
        assert!(!items.is_empty());
        let mut total = 0;
        for pair in items.windows(2) {
            assert!(pair[0]["product_id"].as_i64() < pair[1]["product_id"].as_i64());
        }
        for item in items {
            let name: String = conn
                .query_row(
                    "SELECT name FROM products WHERE id = ?1",
                    [item["product_id"].as_i64()],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(item["name"], name);
            total += item["quantity"].as_i64().unwrap() * item["unit_price_cents"].as_i64().unwrap();
        }
        assert_eq!(order["total_cents"], total);
    }
}

#[tokio::test]
async fn unknown_customer_is_404() {
    let (_db, app) = test_app();
    assert_eq!(
        get(&app, "/customers/10001/orders").await,
        (StatusCode::NOT_FOUND, error("customer 10001 not found"))
    );
}

#[tokio::test]
async fn search_finds_an_exact_name_word_first() {
    let (_db, app) = test_app();
    let (status, body) = get(&app, "/search?q=LAMP").await;
    assert_eq!(status, StatusCode::OK);
    let hits = body.as_array().unwrap();
    assert_eq!(hits.len(), 10);
    for hit in hits {
        assert_eq!(hit["distance"], 0);
        assert!(hit["name"].as_str().unwrap().split(' ').any(|w| w == "Lamp"));
    }
    let ids: Vec<i64> = hits.iter().map(|h| h["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ties by id");
}

#[tokio::test]
async fn search_sorts_by_distance_then_id() {
    let (_db, app) = test_app();
    let (status, body) = get(&app, "/search?q=lampz&limit=50").await;
    assert_eq!(status, StatusCode::OK);
    let hits = body.as_array().unwrap();
    assert_eq!(hits.len(), 50);
    let keys: Vec<(i64, i64)> = hits
        .iter()
        .map(|h| (h["distance"].as_i64().unwrap(), h["id"].as_i64().unwrap()))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(keys[0].0, 1);
    let first = &hits[0];
    let mut fields: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["distance", "id", "name", "price_cents"]);
}

#[tokio::test]
async fn search_rejects_bad_parameters() {
    let (_db, app) = test_app();
    let q = error("q must be 1 to 32 characters");
    let limit = error("limit must be between 1 and 50");
    assert_eq!(get(&app, "/search").await, (StatusCode::BAD_REQUEST, q.clone()));
    assert_eq!(
        get(&app, "/search?q=").await,
        (StatusCode::BAD_REQUEST, q.clone())
    );
    let long = "a".repeat(33);
    assert_eq!(
        get(&app, &format!("/search?q={long}")).await,
        (StatusCode::BAD_REQUEST, q)
    );
    let ok = "a".repeat(32);
    assert_eq!(
        get(&app, &format!("/search?q={ok}&limit=1")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        get(&app, "/search?q=oak&limit=0").await,
        (StatusCode::BAD_REQUEST, limit.clone())
    );
    assert_eq!(
        get(&app, "/search?q=oak&limit=51").await,
        (StatusCode::BAD_REQUEST, limit)
    );
}

#[tokio::test]
async fn top_sellers_are_sorted_and_match_the_orders() {
    let (db, app) = test_app();
    let (status, body) = get(&app, "/top-sellers").await;
    assert_eq!(status, StatusCode::OK);
    let top = body.as_array().unwrap();
    assert_eq!(top.len(), 10);
    let keys: Vec<(i64, i64)> = top
        .iter()
        .map(|t| {
            (
                -t["units_sold"].as_i64().unwrap(),
                t["product_id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    let first = &top[0];
    let units: i64 = sql(&db)
        .query_row(
            "SELECT SUM(quantity) FROM order_items WHERE product_id = ?1",
            [first["product_id"].as_i64()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(first["units_sold"], units);
    let (_, fifty) = get(&app, "/top-sellers?limit=50").await;
    assert_eq!(fifty.as_array().unwrap().len(), 50);
}

#[tokio::test]
async fn top_sellers_rejects_bad_limits() {
    let (_db, app) = test_app();
    let limit = error("limit must be between 1 and 50");
    assert_eq!(
        get(&app, "/top-sellers?limit=0").await,
        (StatusCode::BAD_REQUEST, limit.clone())
    );
    assert_eq!(
        get(&app, "/top-sellers?limit=51").await,
        (StatusCode::BAD_REQUEST, limit)
    );
}

#[tokio::test]
async fn top_sellers_change_after_big_orders() {
    let (_db, app) = test_app();
    let (_, before) = get(&app, "/top-sellers?limit=50").await;
    let before = before.as_array().unwrap().clone();
    let leader = before[0]["product_id"].as_i64().unwrap();
    let last = &before[49];
    let climber = last["product_id"].as_i64().unwrap();
    let target = before[40]["units_sold"].as_i64().unwrap() - last["units_sold"].as_i64().unwrap();
    let mut added = 0;
    while added <= target {
        let order = json!({"customer_id": 1, "placed_at": 1_800_000_000,
                           "items": [{"product_id": climber, "quantity": 100}, {"product_id": leader, "quantity": 1}]});
        assert_eq!(
            call(&app, "POST", "/orders", Some(order)).await.0,
            StatusCode::CREATED
        );
        added += 100;
    }
    let (_, after) = get(&app, "/top-sellers?limit=50").await;
    let after = after.as_array().unwrap();
    let position = after.iter().position(|t| t["product_id"] == climber).unwrap();
    assert!(position <= 40, "the product climbed from 49 to {position}");
    assert_eq!(
        after[position]["units_sold"],
        last["units_sold"].as_i64().unwrap() + added
    );
    let orders = added / 100;
    assert_eq!(after[0]["product_id"], leader);
    assert_eq!(
        after[0]["units_sold"],
        before[0]["units_sold"].as_i64().unwrap() + orders
    );
}

#[tokio::test]
async fn placing_an_order_records_it_and_takes_stock() {
    let (db, app) = test_app();
    let stock = |id: i64| -> i64 {
        sql(&db)
            .query_row("SELECT stock FROM products WHERE id = ?1", [id], |r| r.get(0))
            .unwrap()
    };
    let price = |id: i64| -> i64 {
        sql(&db)
            .query_row("SELECT price_cents FROM products WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let (stock_7, stock_3) = (stock(7), stock(3));
    let order = json!({"customer_id": 12, "placed_at": 1_900_000_000,
                       "items": [{"product_id": 7, "quantity": 2}, {"product_id": 3, "quantity": 5}]});
    let (status, body) = call(&app, "POST", "/orders", Some(order)).await;
    assert_eq!(status, StatusCode::CREATED);
    let next_id = common::ORDERS + 1;
    assert_eq!(
        body,
        json!({"id": next_id, "customer_id": 12, "placed_at": 1_900_000_000,
               "total_cents": 2 * price(7) + 5 * price(3),
               "items": [{"product_id": 7, "quantity": 2, "unit_price_cents": price(7)},
                         {"product_id": 3, "quantity": 5, "unit_price_cents": price(3)}]})
    );
    assert_eq!(stock(7), stock_7 - 2);
    assert_eq!(stock(3), stock_3 - 5);

    let (status, orders) = get(&app, "/customers/12/orders").await;
    assert_eq!(status, StatusCode::OK);
    let newest = &orders[0];
    assert_eq!(newest["id"], next_id);
    assert_eq!(newest["items"][0]["product_id"], 3);
    assert_eq!(newest["items"][1]["product_id"], 7);
}

#[tokio::test]
async fn invalid_orders_are_422() {
    let (_db, app) = test_app();
    let post = |items: Value| {
        let app = app.clone();
        async move {
            call(
                &app,
                "POST",
                "/orders",
                Some(json!({"customer_id": 1, "placed_at": 1, "items": items})),
            )
            .await
        }
    };
    let (status, body) = post(json!([])).await;
    assert_eq!(
        (status, body),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            error("an order needs at least one item")
        )
    );
    let (status, body) =
        post(json!([{"product_id": 5, "quantity": 1}, {"product_id": 5, "quantity": 2}])).await;
    assert_eq!(
        (status, body),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            error("product 5 appears more than once")
        )
    );
    let (status, body) = post(json!([{"product_id": 5, "quantity": 0}])).await;
    assert_eq!(
        (status, body),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            error("quantity of product 5 must be between 1 and 100")
        )
    );
    let (status, _) = post(json!([{"product_id": 5, "quantity": 101}])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = post(json!([{"product_id": 5, "quantity": 100}])).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn orders_for_unknown_customers_or_products_are_404() {
    let (db, app) = test_app();
    let order = json!({"customer_id": 10001, "placed_at": 1, "items": [{"product_id": 5, "quantity": 1}]});
    assert_eq!(
        call(&app, "POST", "/orders", Some(order)).await,
        (StatusCode::NOT_FOUND, error("customer 10001 not found"))
    );
    let order = json!({"customer_id": 1, "placed_at": 1,
                       "items": [{"product_id": 5, "quantity": 1}, {"product_id": 20001, "quantity": 1}]});
    assert_eq!(
        call(&app, "POST", "/orders", Some(order)).await,
        (StatusCode::NOT_FOUND, error("product 20001 not found"))
    );
    let orders: i64 = sql(&db)
        .query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))
        .unwrap();
    assert_eq!(orders, common::ORDERS);
}

#[tokio::test]
async fn insufficient_stock_is_409_and_writes_nothing() {
    let (db, app) = test_app();
    let conn = sql(&db);
    conn.execute("UPDATE products SET stock = 3 WHERE id = 9", [])
        .unwrap();
    drop(conn);
    let stock_8 = |db: &common::TestDb| -> i64 {
        sql(db)
            .query_row("SELECT stock FROM products WHERE id = 8", [], |r| r.get(0))
            .unwrap()
    };
    let before = stock_8(&db);
    let order = json!({"customer_id": 1, "placed_at": 1,
                       "items": [{"product_id": 8, "quantity": 2}, {"product_id": 9, "quantity": 4}]});
    assert_eq!(
        call(&app, "POST", "/orders", Some(order)).await,
        (StatusCode::CONFLICT, error("insufficient stock for product 9"))
    );
    assert_eq!(stock_8(&db), before);
    let conn = sql(&db);
    let orders: i64 = conn
        .query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))
        .unwrap();
    let items: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM order_items WHERE order_id > ?1",
            [common::ORDERS],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((orders, items), (common::ORDERS, 0));
    let (_, page) = get(&app, "/products/8").await;
    assert_eq!(page["stock"], before);
}

#[tokio::test]
async fn new_price_shows_on_the_product_page_and_in_search() {
    let (_db, app) = test_app();
    let (_, hits) = get(&app, "/search?q=lamp&limit=1").await;
    let id = hits[0]["id"].as_i64().unwrap();
    let uri = format!("/products/{id}/price");
    let (status, body) = call(&app, "PUT", &uri, Some(json!({"price_cents": 12_345}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["price_cents"], 12_345);
    assert_eq!(body["id"], id);
    let (_, page) = get(&app, &format!("/products/{id}")).await;
    assert_eq!(page, body);
    let (_, hits) = get(&app, "/search?q=lamp&limit=1").await;
    assert_eq!(hits[0]["price_cents"], 12_345);
    let order = json!({"customer_id": 1, "placed_at": 1, "items": [{"product_id": id, "quantity": 1}]});
    let (_, placed) = call(&app, "POST", "/orders", Some(order)).await;
    assert_eq!(placed["total_cents"], 12_345);
}

#[tokio::test]
async fn invalid_prices_are_422_and_unknown_products_404() {
    let (_db, app) = test_app();
    let message = error("price_cents must be between 1 and 10000000");
    for price in [0, -5, 10_000_001] {
        assert_eq!(
            call(
                &app,
                "PUT",
                "/products/1/price",
                Some(json!({"price_cents": price}))
            )
            .await,
            (StatusCode::UNPROCESSABLE_ENTITY, message.clone())
        );
    }
    assert_eq!(
        call(
            &app,
            "PUT",
            "/products/1/price",
            Some(json!({"price_cents": 10_000_000}))
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        call(
            &app,
            "PUT",
            "/products/20001/price",
            Some(json!({"price_cents": 100}))
        )
        .await,
        (StatusCode::NOT_FOUND, error("product 20001 not found"))
    );
}
