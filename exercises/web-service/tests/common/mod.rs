//! Helpers shared by the tests: a seeded database per test, and requests through `app()`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// Orders in a seeded database.
pub const ORDERS: i64 = web_service::seed::ORDERS as i64;

/// The seed of the shared template database.
pub const SEED: u64 = 1;

/// A database seeded once (in cargo's temporary directory), reused by every test.
pub fn template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        // Named after the seed code too, so that a change to it seeds a new template.
        let mut hasher = std::hash::DefaultHasher::new();
        std::hash::Hash::hash(include_str!("../../src/seed.rs"), &mut hasher);
        let version = std::hash::Hasher::finish(&hasher);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let path = dir.join(format!(
            "{}-seed-{SEED}-{version:016x}.db",
            env!("CARGO_PKG_NAME")
        ));
        if !path.exists() {
            let partial = path.with_extension(format!("{}.partial", std::process::id()));
            let _ = std::fs::remove_file(&partial);
            web_service::seed::create(&partial, SEED).expect("seed the template database");
            std::fs::rename(&partial, &path).expect("move the template database");
        }
        path
    })
}

/// A fresh copy of the template database in its own temporary directory.
pub struct TestDb {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn test_db() -> TestDb {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("shop.db");
    std::fs::copy(template(), &path).expect("copy the template database");
    TestDb { _dir: dir, path }
}

/// A copy of the template database and the app over it.
pub fn test_app() -> (TestDb, Router) {
    let db = test_db();
    let app = web_service::app(&db.path).expect("build the app");
    (db, app)
}

/// Sends one request; answers the status and the JSON body (`Null` when empty or not JSON).
pub async fn call(app: &Router, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    let body = match body {
        Some(json) => {
            request = request.header("content-type", "application/json");
            Body::from(json.to_string())
        }
        None => Body::empty(),
    };
    let response = app
        .clone()
        .oneshot(request.body(body).expect("request"))
        .await
        .expect("infallible");
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, json)
}

pub async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    call(app, "GET", uri, None).await
}

/// Opens the test's database directly, to check what the service wrote.
pub fn sql(db: &TestDb) -> rusqlite::Connection {
    rusqlite::Connection::open(&db.path).expect("open the database")
}
