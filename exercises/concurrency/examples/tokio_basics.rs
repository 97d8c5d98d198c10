//! Async with tokio: tasks, `join!`, `JoinSet`, bounded streams of futures, a semaphore,
//! timeouts, `spawn_blocking`, the mistake of blocking the runtime, and tests in paused time.
//!
//! Run it with `cargo run -p concurrency --example tokio_basics`, test it with
//! `cargo test -p concurrency --example tokio_basics`. The book includes it piece by piece,
//! between the `ANCHOR` comments.

use futures::stream::{self, StreamExt};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout};

// ANCHOR: request
/// A simulated request: waits `ms` milliseconds, then answers `id`. `sleep(…).await` blocks no
/// thread: the task gives its thread back to the runtime until the timer fires.
async fn request(id: u32, ms: u64) -> u32 {
    sleep(Duration::from_millis(ms)).await;
    id
}

/// The latency of request `id` in the examples below: 10 to 50 ms.
fn latency(id: u32) -> u64 {
    10 + u64::from(id * 37 % 5) * 10
}
// ANCHOR_END: request

// ANCHOR: join
/// Two requests, the second started when the first has answered: 200 ms.
async fn one_after_the_other() -> (u32, u32) {
    let a = request(1, 100).await;
    let b = request(2, 100).await;
    (a, b)
}

/// The same two requests with `tokio::join!`: both futures are polled by this one task, so
/// their waits overlap: 100 ms. No thread, no task, no lock.
async fn both_at_once() -> (u32, u32) {
    tokio::join!(request(1, 100), request(2, 100))
}
// ANCHOR_END: join

// ANCHOR: spawn
/// A task of its own: `tokio::spawn` hands the future to the runtime, which runs it alongside
/// the caller (on a multi-threaded runtime, possibly on another core). The future must own its
/// data (`'static`) and be `Send`; the `JoinHandle` gives its result back.
async fn in_a_task() -> u32 {
    let handle = tokio::spawn(request(7, 50));
    // ... the caller is free to do other work here ...
    handle.await.expect("the task panicked")
}
// ANCHOR_END: spawn

// ANCHOR: joinset
/// One task per id, results taken as each task finishes: a `JoinSet` owns the tasks (and
/// aborts those still running if it is dropped). No limit: every request is in flight at once.
async fn all_in_tasks(ids: &[u32]) -> Vec<u32> {
    let mut tasks = JoinSet::new();
    for &id in ids {
        tasks.spawn(request(id, latency(id)));
    }
    let mut finished = Vec::with_capacity(ids.len());
    while let Some(result) = tasks.join_next().await {
        finished.push(result.expect("a task panicked"));
    }
    finished // in the order the requests finished, not the order of `ids`
}
// ANCHOR_END: joinset

// ANCHOR: buffered
/// At most `limit` requests in flight, answers in the order of `ids`: `buffered` polls up to
/// `limit` futures of the stream at once and hands their outputs on in order.
async fn in_order(ids: &[u32], limit: usize) -> Vec<u32> {
    stream::iter(ids)
        .map(|&id| request(id, latency(id)))
        .buffered(limit)
        .collect()
        .await
}

/// At most `limit` requests in flight, answers as they come: `buffer_unordered` starts the
/// next request as soon as *any* one finishes, where `buffered` waits for the oldest.
async fn as_they_come(ids: &[u32], limit: usize) -> Vec<u32> {
    stream::iter(ids)
        .map(|&id| request(id, latency(id)))
        .buffer_unordered(limit)
        .collect()
        .await
}
// ANCHOR_END: buffered

// ANCHOR: semaphore
/// A limit that holds across tasks spawned anywhere: a `Semaphore` with `limit` permits. Each
/// task waits for a permit before its request; dropping the permit gives it back. The tasks
/// carry their position, so the answers can be put back in the order of `ids`.
async fn limited_tasks(ids: &[u32], limit: usize) -> Vec<u32> {
    let permits = Arc::new(Semaphore::new(limit));
    let mut tasks = JoinSet::new();
    for (position, &id) in ids.iter().enumerate() {
        let permits = Arc::clone(&permits);
        tasks.spawn(async move {
            let _permit = permits
                .acquire_owned()
                .await
                .expect("the semaphore is never closed");
            (position, request(id, latency(id)).await)
        });
    }
    let mut answers = vec![0; ids.len()];
    while let Some(result) = tasks.join_next().await {
        let (position, answer) = result.expect("a task panicked");
        answers[position] = answer;
    }
    answers
}
// ANCHOR_END: semaphore

// ANCHOR: timeout
/// A request given 50 ms to answer. `timeout` returns `Err(Elapsed)` when the time is up, and
/// drops the request's future: dropping a future is how async code cancels it.
async fn within_50_ms(ms: u64) -> Option<u32> {
    timeout(Duration::from_millis(50), request(3, ms)).await.ok()
}
// ANCHOR_END: timeout

// ANCHOR: spawn_blocking
/// Work that would block the runtime's thread (a long computation, a synchronous file or
/// database call) goes to tokio's blocking pool, a separate set of threads; the async tasks
/// keep running meanwhile, and the result is awaited like any other.
async fn checksum_off_the_runtime(data: Vec<u8>) -> u64 {
    tokio::task::spawn_blocking(move || {
        data.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    })
    .await
    .expect("the blocking task panicked")
}
// ANCHOR_END: spawn_blocking

// ANCHOR: blocking_mistake
/// Two tasks that each wait 50 ms, on a runtime with one thread. With `tokio::time::sleep`
/// they wait together: 50 ms. With `std::thread::sleep` the first one blocks the only thread,
/// so the second cannot even start until it is done: 100 ms. Any blocking call does the same.
fn two_waits(blocking: bool) -> Duration {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let start = Instant::now();
        let wait = || async move {
            if blocking {
                std::thread::sleep(Duration::from_millis(50)); // blocks the thread
            } else {
                sleep(Duration::from_millis(50)).await; // yields it
            }
        };
        tokio::join!(wait(), wait());
        start.elapsed()
    })
}
// ANCHOR_END: blocking_mistake

/// How long `future` takes, in milliseconds of the runtime's clock, and its output.
async fn timed<T>(future: impl Future<Output = T>) -> (u128, T) {
    let start = Instant::now();
    let output = future.await;
    (start.elapsed().as_millis(), output)
}

#[tokio::main]
async fn main() {
    let ids: Vec<u32> = (1..=20).collect();
    let sum: u64 = ids.iter().map(|&id| latency(id)).sum();
    println!("20 requests of 10 to 50 ms, {sum} ms in all (times in ms of real time):\n");
    let (ms, _) = timed(one_after_the_other()).await;
    println!("  two requests of 100 ms, one after the other: {ms:>4} ms");
    let (ms, _) = timed(both_at_once()).await;
    println!("  the same two with join!:                      {ms:>4} ms");
    let (ms, _) = timed(in_a_task()).await;
    println!("  one request of 50 ms in a spawned task:       {ms:>4} ms");
    let (ms, finished) = timed(all_in_tasks(&ids)).await;
    println!(
        "  20 requests in a JoinSet, all at once:        {ms:>4} ms, finished in the order {finished:?}"
    );
    let (ms, answers) = timed(in_order(&ids, 4)).await;
    println!("  buffered(4):                                  {ms:>4} ms, answers {answers:?}");
    let (ms, answers) = timed(as_they_come(&ids, 4)).await;
    println!("  buffer_unordered(4):                          {ms:>4} ms, answers {answers:?}");
    let (ms, _) = timed(limited_tasks(&ids, 4)).await;
    println!("  JoinSet + Semaphore(4):                       {ms:>4} ms");
    println!("  a 30 ms request within 50 ms:  {:?}", within_50_ms(30).await);
    println!("  a 200 ms request within 50 ms: {:?}", within_50_ms(200).await);
    let checksum = checksum_off_the_runtime(vec![7; 1_000_000]).await;
    println!("  a checksum computed by spawn_blocking: {checksum:#x}");
    let (yielding, blocking) = tokio::task::spawn_blocking(|| (two_waits(false), two_waits(true)))
        .await
        .expect("the runtimes ran");
    println!(
        "\ntwo waits of 50 ms on a one-thread runtime: tokio::time::sleep {} ms, std::thread::sleep {} ms",
        yielding.as_millis(),
        blocking.as_millis()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: paused_test
    // With `start_paused = true` the runtime's clock stands still while any task can run, and
    // jumps straight to the next timer when every task is waiting. Sleeps take no real time,
    // and the virtual time elapsed is exact: a test can assert it to the millisecond.
    #[tokio::test(start_paused = true)]
    async fn waits_overlap_exactly() {
        let start = Instant::now();
        assert_eq!(both_at_once().await, (1, 2));
        assert_eq!(start.elapsed(), Duration::from_millis(100));
        assert_eq!(one_after_the_other().await, (1, 2));
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }
    // ANCHOR_END: paused_test

    #[tokio::test(start_paused = true)]
    async fn bounded_streams_keep_or_drop_the_order() {
        let ids: Vec<u32> = (1..=20).collect();
        let (ms, answers) = timed(in_order(&ids, 4)).await;
        assert_eq!(answers, ids);
        let (unordered_ms, mut answers) = timed(as_they_come(&ids, 4)).await;
        assert_ne!(answers, ids, "the fastest requests come first");
        answers.sort_unstable();
        assert_eq!(answers, ids);
        assert!(
            unordered_ms <= ms,
            "{unordered_ms} ms unordered, {ms} ms in order"
        );
        let sum: u64 = ids.iter().map(|&id| latency(id)).sum();
        assert!(ms < u128::from(sum) / 2, "{ms} ms of {sum}");
    }

    #[tokio::test(start_paused = true)]
    async fn tasks_and_semaphores_give_every_answer() {
        let ids: Vec<u32> = (1..=20).collect();
        let (ms, mut finished) = timed(all_in_tasks(&ids)).await;
        assert_eq!(ms, 50, "all at once: the slowest request");
        finished.sort_unstable();
        assert_eq!(finished, ids);
        assert_eq!(limited_tasks(&ids, 4).await, ids);
        assert_eq!(in_a_task().await, 7);
    }

    #[tokio::test(start_paused = true)]
    async fn timeouts_cancel_slow_requests() {
        assert_eq!(within_50_ms(49).await, Some(3));
        let (ms, answer) = timed(within_50_ms(1_000)).await;
        assert_eq!((ms, answer), (50, None));
    }

    #[tokio::test]
    async fn blocking_work_runs_off_the_runtime() {
        assert_eq!(checksum_off_the_runtime(vec![]).await, 0xcbf2_9ce4_8422_2325);
    }

    #[test]
    fn blocking_the_runtime_serializes_the_tasks() {
        assert!(two_waits(false) < Duration::from_millis(100));
        assert!(two_waits(true) >= Duration::from_millis(100));
    }
}
