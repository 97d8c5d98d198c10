//! Percentiles, HDR histograms, and coordinated omission: the same server stall measured by a
//! closed-loop client and by an open-loop schedule. The server is simulated (virtual time), so
//! the numbers are exact and the example takes milliseconds.
//!
//! Run it with `cargo run --release -p web-service --example percentiles`. The book's "Load
//! testing" page includes it piece by piece, between the `ANCHOR` comments.

use hdrhistogram::Histogram;

/// Microseconds of virtual time.
type Micros = u64;

// ANCHOR: server
/// One request at a time, 1 ms each; from 1.0 s to 1.2 s it stalls (a lock held by a slow
/// request, a blocked worker, a GC pause in another language). Returns when a request that
/// arrives at `arrival`, behind a server busy until `free_at`, finishes.
fn serve(arrival: Micros, free_at: Micros) -> Micros {
    const SERVICE: Micros = 1_000;
    const STALL: std::ops::Range<Micros> = 1_000_000..1_200_000;
    let mut start = arrival.max(free_at);
    if STALL.contains(&start) {
        start = STALL.end;
    }
    start + SERVICE
}
// ANCHOR_END: server

const RUN: Micros = 3_000_000;

fn histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 60_000_000, 3).unwrap() // 1 µs to 60 s, 3 significant digits
}

// ANCHOR: closed
/// A closed loop: one connection sends a request, waits for the answer, sends the next. While
/// the server stalls, the client waits too, and sends nothing.
fn closed_loop() -> Histogram<u64> {
    let mut latencies = histogram();
    let mut now = 0;
    while now < RUN {
        let done = serve(now, now);
        latencies.record(done - now).unwrap();
        now = done;
    }
    latencies
}
// ANCHOR_END: closed

// ANCHOR: open
/// An open loop: a request is due every 2 ms whatever happened to the previous ones, and its
/// latency runs from the moment it was due, so time spent queueing is counted.
fn open_loop() -> Histogram<u64> {
    let mut latencies = histogram();
    let mut free_at = 0;
    for due in (0..RUN).step_by(2_000) {
        free_at = serve(due, free_at);
        latencies.record(free_at - due).unwrap();
    }
    latencies
}
// ANCHOR_END: open

// ANCHOR: report
/// One line of the table: the number of requests, then the mean and percentiles in ms.
fn report(label: &str, h: &Histogram<u64>) {
    let ms = |micros: u64| micros as f64 / 1000.0;
    let p = |q: f64| ms(h.value_at_quantile(q));
    println!(
        "{label:<26}{:>6} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2}",
        h.len(),
        h.mean() / 1000.0,
        p(0.50),
        p(0.99),
        p(0.999),
        ms(h.max())
    );
}
// ANCHOR_END: report

fn main() {
    println!(
        "{:<26}{:>6} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "(ms)", "n", "mean", "p50", "p99", "p99.9", "max"
    );
    let closed = closed_loop();
    report("closed loop, 1 connection", &closed);
    report("open loop, every 2 ms", &open_loop());

    // ANCHOR: correct
    // After the fact, HdrHistogram can back-fill the samples a closed loop never took: for a
    // recorded latency longer than the expected interval, it adds the latencies that requests
    // due every `interval` during the stall would have seen.
    let mut corrected = histogram();
    let mut now = 0;
    while now < RUN {
        let done = serve(now, now);
        corrected.record_correct(done - now, 1_000).unwrap();
        now = done;
    }
    report("closed loop, corrected", &corrected);
    // ANCHOR_END: correct
}
