//! Where a request's time goes: `tracing` spans, and a subscriber that prints each span's
//! busy and idle time when it closes.
//!
//! Run it with `cargo run --release -p web-service --example spans`. The book's "Where the
//! time goes" page includes it piece by piece, between the `ANCHOR` comments.

use std::hint::black_box;
use std::time::{Duration, Instant};
use tracing::instrument;
use tracing_subscriber::fmt::format::FmtSpan;

// ANCHOR: spans
/// A request handler: an awaited load, then CPU work. `instrument` opens a span named after
/// the function, with its arguments as fields, around every call.
#[instrument]
async fn order_page(order_id: u32) -> usize {
    let row = load_order(order_id).await;
    let html = render(&row);
    audit_log(order_id).await;
    html.len()
}

/// Waits 3 ms without blocking (as an async database driver or an HTTP call would).
#[instrument]
async fn load_order(order_id: u32) -> String {
    tokio::time::sleep(Duration::from_millis(3)).await;
    format!("order {order_id}")
}

/// 2 ms of CPU work.
#[instrument(skip(row))]
fn render(row: &str) -> String {
    let start = Instant::now();
    let mut html = String::new();
    while start.elapsed() < Duration::from_millis(2) {
        html = black_box(format!("<p>{row}</p>"));
    }
    html
}

/// Waits 3 ms the wrong way: a blocking sleep inside an async fn.
#[instrument]
async fn audit_log(order_id: u32) {
    std::thread::sleep(Duration::from_millis(3));
}
// ANCHOR_END: spans

#[tokio::main]
async fn main() {
    // ANCHOR: subscriber
    tracing_subscriber::fmt()
        .with_span_events(FmtSpan::CLOSE) // one line per span, when it closes, with its timings
        .with_target(false)
        .init();
    // ANCHOR_END: subscriber
    order_page(42).await;
}
