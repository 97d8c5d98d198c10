//! One benchmark per endpoint: a request through `app()` (no socket), on a seeded database.
//!
//! `cargo bench -p web-service --bench endpoints`

use std::hint::black_box;

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Sends one request and reads the whole body.
async fn send(app: &Router, method: &str, uri: &str, json: Option<String>) -> usize {
    let mut request = Request::builder().method(method).uri(uri);
    let body = match json {
        Some(json) => {
            request = request.header("content-type", "application/json");
            Body::from(json)
        }
        None => Body::empty(),
    };
    let response = app.clone().oneshot(request.body(body).unwrap()).await.unwrap();
    assert!(
        response.status().is_success(),
        "{method} {uri}: {}",
        response.status()
    );
    response.into_body().collect().await.unwrap().to_bytes().len()
}

fn endpoints(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    web_service::seed::create(&path, 1).unwrap();
    let app = web_service::app(&path).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();

    let mut group = c.benchmark_group("endpoints");
    let mut get = |name: &str, uri: &str| {
        group.bench_function(name, |b| {
            b.iter(|| runtime.block_on(send(&app, "GET", black_box(uri), None)));
        });
    };
    get("GET /products/{id}", "/products/4242");
    get("GET /customers/{id}/orders", "/customers/77/orders");
    get("GET /search", "/search?q=lamp&limit=10");
    get("GET /top-sellers", "/top-sellers?limit=10");

    let mut price = 1_000;
    group.bench_function("PUT /products/{id}/price", |b| {
        b.iter(|| {
            price += 1;
            let json = format!(r#"{{"price_cents": {price}}}"#);
            runtime.block_on(send(&app, "PUT", "/products/4242/price", Some(json)))
        });
    });
    let mut product = 0;
    group.bench_function("POST /orders", |b| {
        b.iter(|| {
            // Spread the orders over many products so that stock lasts.
            product = product % 20_000 + 1;
            let json = format!(
                r#"{{"customer_id": 5, "placed_at": 1800000000, "items": [{{"product_id": {product}, "quantity": 1}}]}}"#
            );
            runtime.block_on(send(&app, "POST", "/orders", Some(json)))
        });
    });
    group.finish();
}

criterion_group!(benches, endpoints);
criterion_main!(benches);
