//! Blocking the runtime: CPU work on a tokio worker delays every task queued behind it.
//!
//! Run it with `cargo run --release -p web-service --example blocking`. The book's "Blocking
//! the runtime" page includes it piece by piece, between the `ANCHOR` comments.

use std::hint::black_box;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ANCHOR: heavy
/// Stands for a CPU-heavy handler (scoring, sorting, a big aggregation): it keeps its thread
/// busy for `millis` and never reaches an `.await`.
fn heavy(millis: u64) -> u64 {
    let start = Instant::now();
    let mut x = 0u64;
    while start.elapsed() < Duration::from_millis(millis) {
        for i in 0..1_000 {
            x = black_box(x.wrapping_mul(31).wrapping_add(i));
        }
    }
    x
}
// ANCHOR_END: heavy

#[derive(Clone, Copy, Debug)]
enum Strategy {
    OnTheWorker,
    SpawnBlocking,
    Rayon,
    BlockInPlace,
}

// ANCHOR: strategies
async fn heavy_request(strategy: Strategy) -> u64 {
    match strategy {
        // Runs on the worker thread: nothing else runs on that worker for 40 ms.
        Strategy::OnTheWorker => heavy(40),
        // Runs on tokio's blocking pool; the worker is free while this task awaits the result.
        Strategy::SpawnBlocking => tokio::task::spawn_blocking(|| heavy(40)).await.unwrap(),
        // Runs on rayon's pool; a oneshot channel brings the answer back to the async task.
        Strategy::Rayon => {
            let (tx, rx) = tokio::sync::oneshot::channel();
            rayon::spawn(move || {
                let _ = tx.send(heavy(40));
            });
            rx.await.unwrap()
        }
        // Runs right here, but first hands this worker's other tasks to a new worker thread.
        // Multi-thread runtime only; the calling task itself still waits.
        Strategy::BlockInPlace => tokio::task::block_in_place(|| heavy(40)),
    }
}
// ANCHOR_END: strategies

// ANCHOR: not_a_fix
/// A "fix" seen in code review: the heavy work moved into a task of its own.
async fn heavy_request_in_a_task() -> u64 {
    tokio::spawn(async { heavy(40) }).await.unwrap()
}
// ANCHOR_END: not_a_fix

// ANCHOR: light
/// Two heavy requests, and light requests due every 2 ms for 100 ms, sent on an open-loop
/// schedule by a thread of their own (as a load generator in another process would): each light
/// request's latency runs from the moment it was due to the moment a worker ran it.
fn scenario(runtime: &tokio::runtime::Runtime, strategy: Strategy) -> (Duration, Duration) {
    let start = Instant::now();
    let heavies: Vec<_> = (0..2).map(|_| runtime.spawn(heavy_request(strategy))).collect();
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let mut lights = Vec::new();
    for i in 0..50u32 {
        let due = start + Duration::from_millis(2) * i;
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        let latencies = Arc::clone(&latencies);
        lights.push(runtime.spawn(async move {
            latencies.lock().unwrap().push(due.elapsed());
        }));
    }
    runtime.block_on(async {
        for handle in heavies {
            black_box(handle.await.unwrap());
        }
        for handle in lights {
            handle.await.unwrap();
        }
    });
    let mut latencies = latencies.lock().unwrap().clone();
    latencies.sort();
    (latencies[latencies.len() / 2], latencies[latencies.len() - 1])
}
// ANCHOR_END: light

fn main() {
    // ANCHOR: runtime
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2) // the default is one per core: 2 on the course's machine
        .enable_all()
        .build()
        .unwrap();
    println!(
        "cores: {}, worker threads: {}",
        std::thread::available_parallelism().map_or(1, usize::from),
        runtime.metrics().num_workers()
    );
    // ANCHOR_END: runtime
    for strategy in [
        Strategy::OnTheWorker,
        Strategy::SpawnBlocking,
        Strategy::Rayon,
        Strategy::BlockInPlace,
    ] {
        let (p50, max) = scenario(&runtime, strategy);
        println!(
            "{:<14} light requests: p50 {:>8.2?}  max {:>8.2?}",
            format!("{strategy:?}"),
            p50,
            max
        );
    }
    black_box(runtime.block_on(heavy_request_in_a_task()));
}
