//! Threads from the standard library: spawning and joining, scoped threads that borrow,
//! channels, and the three ways to share mutable state (`Mutex`, `RwLock`, atomics).
//!
//! Run it with `cargo run --release -p concurrency --example threads`, test it with
//! `cargo test -p concurrency --example threads`. The book includes it piece by piece, between
//! the `ANCHOR` comments.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::Duration;

mod stopwatch;

// ANCHOR: spawn_join
/// Counts the primes below `limit` on a thread of its own, while the calling thread is free to
/// do something else, then waits for the answer.
fn primes_in_background(limit: u64) -> u64 {
    // `move` gives the closure its own copy of `limit`: a spawned thread may outlive the
    // function that spawned it, so it may not borrow anything from it.
    let handle: thread::JoinHandle<u64> =
        thread::spawn(move || (2..limit).filter(|&n| is_prime(n)).count() as u64);
    // ... the calling thread could work here ...
    // `join` waits for the thread and returns its result (or `Err` if it panicked).
    handle.join().expect("the counting thread panicked")
}
// ANCHOR_END: spawn_join

fn is_prime(n: u64) -> bool {
    n >= 2 && (2..).take_while(|d| d * d <= n).all(|d| !n.is_multiple_of(d))
}

// ANCHOR: scoped
/// The sum of `values`, one chunk per thread. A scoped thread may borrow from the enclosing
/// function (`values` here), because `thread::scope` joins every thread it spawned before it
/// returns: no thread can outlive the data it borrows.
fn parallel_sum(values: &[u64], threads: usize) -> u64 {
    let chunk = values.len().div_ceil(threads.max(1)).max(1);
    thread::scope(|s| {
        let handles: Vec<_> = values
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().sum::<u64>()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a summing thread panicked"))
            .sum()
    })
}
// ANCHOR_END: scoped

// ANCHOR: channel
/// Workers send their results down a channel as they finish; one receiver collects them. A
/// channel moves each value from one thread to another, so nothing is shared and nothing needs
/// a lock. The loop over `rx` ends when every sender has been dropped.
fn word_lengths_via_channel(words: &[&str]) -> Vec<(usize, usize)> {
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        for (i, word) in words.iter().enumerate() {
            let tx = tx.clone();
            s.spawn(move || tx.send((i, word.chars().count())).expect("the receiver is alive"));
        }
    });
    drop(tx); // the original sender: without this, `rx` would wait for it forever
    let mut lengths: Vec<(usize, usize)> = rx.iter().collect();
    lengths.sort_unstable(); // results arrive in the order the threads finished
    lengths
}
// ANCHOR_END: channel

// ANCHOR: arc_mutex
/// Threads that each tally words into one shared map. `Arc` gives every thread an owning
/// handle to the same map (spawned threads cannot borrow); `Mutex` lets one thread at a time
/// in. Everything a thread does between `lock()` and the guard's drop is one indivisible step.
fn shared_word_count(lines: Vec<String>) -> HashMap<String, u64> {
    let counts = Arc::new(Mutex::new(HashMap::new()));
    let handles: Vec<_> = lines
        .into_iter()
        .map(|line| {
            let counts = Arc::clone(&counts);
            thread::spawn(move || {
                for word in line.split_whitespace() {
                    // Lock, update, unlock (when the guard is dropped at the end of the statement).
                    *counts.lock().unwrap().entry(word.to_string()).or_insert(0) += 1;
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().expect("a counting thread panicked");
    }
    // Every other handle is gone: take the map out of the Arc and the Mutex.
    Arc::into_inner(counts)
        .expect("the last handle")
        .into_inner()
        .unwrap()
}
// ANCHOR_END: arc_mutex

// ANCHOR: rwlock
/// A price list read by every request and changed once in a while. A `RwLock` lets any number
/// of readers in at once, or one writer alone.
#[derive(Debug, Default)]
struct PriceList {
    prices: RwLock<HashMap<String, u64>>,
}

impl PriceList {
    fn price(&self, item: &str) -> Option<u64> {
        self.prices.read().unwrap().get(item).copied() // shared: readers run side by side
    }

    fn set(&self, item: &str, cents: u64) {
        self.prices.write().unwrap().insert(item.to_string(), cents); // exclusive
    }
}
// ANCHOR_END: rwlock

// ANCHOR: atomics
/// Request threads that count what they served in an `AtomicU64` and stop when an `AtomicBool`
/// says so. An atomic needs no lock: `fetch_add` reads, adds and writes back as one indivisible
/// instruction.
fn serve_until_stopped(workers: usize) -> u64 {
    let served = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    served.fetch_add(1, Ordering::Relaxed);
                    thread::yield_now();
                }
            });
        }
        thread::sleep(Duration::from_millis(20));
        stop.store(true, Ordering::Relaxed);
    });
    served.load(Ordering::Relaxed)
}
// ANCHOR_END: atomics

// ANCHOR: sharded
/// Counts per key, split into shards, each behind its own lock. A key always goes to the same
/// shard (chosen by its hash), so two threads wait for each other only when their keys land in
/// the same shard: with 16 shards, contention drops by about 16 times, and no count is ever
/// updated outside its lock.
#[derive(Debug)]
struct ShardedCounts {
    shards: Vec<Mutex<HashMap<String, u64>>>,
    hasher: RandomState,
}

impl ShardedCounts {
    fn new(shards: usize) -> Self {
        ShardedCounts {
            shards: (0..shards.max(1)).map(|_| Mutex::new(HashMap::new())).collect(),
            hasher: RandomState::new(),
        }
    }

    fn shard(&self, key: &str) -> &Mutex<HashMap<String, u64>> {
        let hash = self.hasher.hash_one(key);
        &self.shards[(hash % self.shards.len() as u64) as usize]
    }

    fn add(&self, key: &str) {
        *self
            .shard(key)
            .lock()
            .unwrap()
            .entry(key.to_string())
            .or_insert(0) += 1;
    }

    fn get(&self, key: &str) -> u64 {
        self.shard(key).lock().unwrap().get(key).copied().unwrap_or(0)
    }
}
// ANCHOR_END: sharded

// ANCHOR: false_sharing
/// Two counters side by side: they share one 64-byte cache line.
#[derive(Debug, Default)]
struct Adjacent {
    a: AtomicU64,
    b: AtomicU64,
}

/// A counter alone on its cache line: `align(128)` pads it to 128 bytes (some CPUs fetch lines
/// in pairs).
#[derive(Debug, Default)]
#[repr(align(128))]
struct Padded(AtomicU64);

/// Two counters kept apart.
#[derive(Debug, Default)]
struct Apart {
    a: Padded,
    b: Padded,
}

/// Two threads, each incrementing its own counter `n` times. Nothing is shared between them,
/// yet when `a` and `b` sit in one cache line, every increment on one core takes the line away
/// from the other core: "false sharing".
fn count_side_by_side(a: &AtomicU64, b: &AtomicU64, n: u64) {
    thread::scope(|s| {
        s.spawn(|| (0..n).for_each(|_| _ = a.fetch_add(1, Ordering::Relaxed)));
        s.spawn(|| (0..n).for_each(|_| _ = b.fetch_add(1, Ordering::Relaxed)));
    });
}
// ANCHOR_END: false_sharing

fn main() {
    println!(
        "primes below 100,000, counted on another thread: {}",
        primes_in_background(100_000)
    );
    let values: Vec<u64> = (1..=1_000_000).collect();
    println!(
        "sum of 1..=1,000,000 on 4 scoped threads: {}",
        parallel_sum(&values, 4)
    );
    println!(
        "word lengths, sent down a channel: {:?}",
        word_lengths_via_channel(&["thread", "scope", "channel", "mutex"])
    );
    let lines = vec![
        "the cat sat".to_string(),
        "the cat ran".to_string(),
        "a dog sat".to_string(),
    ];
    let mut counts: Vec<(String, u64)> = shared_word_count(lines).into_iter().collect();
    counts.sort();
    println!("words counted into one Arc<Mutex<HashMap>>: {counts:?}");
    let prices = PriceList::default();
    prices.set("print A4", 250);
    println!("a price read under a RwLock: {:?}", prices.price("print A4"));
    println!(
        "requests served by 4 threads in 20 ms, counted in an AtomicU64: {}",
        serve_until_stopped(4)
    );
    let sharded = ShardedCounts::new(16);
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| ["home", "cart", "home"].iter().for_each(|page| sharded.add(page)));
        }
    });
    println!(
        "views counted in 16 shards: home {}, cart {}",
        sharded.get("home"),
        sharded.get("cart")
    );

    stopwatch::warn_if_debug();
    let n = 10_000_000;
    let adjacent = Adjacent::default();
    let apart = Apart::default();
    let shared_line = stopwatch::seconds_per_call(|| count_side_by_side(&adjacent.a, &adjacent.b, n));
    let own_lines = stopwatch::seconds_per_call(|| count_side_by_side(&apart.a.0, &apart.b.0, n));
    println!(
        "two threads, {n} increments each of their own counter: one cache line {}, two lines {}",
        stopwatch::show(shared_line),
        stopwatch::show(own_lines)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_thread_returns_its_answer() {
        assert_eq!(primes_in_background(100), 25);
    }

    #[test]
    fn scoped_threads_sum_every_chunk() {
        let values: Vec<u64> = (0..1001).collect();
        for threads in [0, 1, 2, 3, 8, 2000] {
            assert_eq!(parallel_sum(&values, threads), 500_500, "{threads} threads");
        }
        assert_eq!(parallel_sum(&[], 4), 0);
    }

    #[test]
    fn the_channel_delivers_every_result() {
        assert_eq!(
            word_lengths_via_channel(&["a", "bcd", "éé"]),
            vec![(0, 1), (1, 3), (2, 2)]
        );
        assert!(word_lengths_via_channel(&[]).is_empty());
    }

    #[test]
    fn the_shared_map_counts_every_word() {
        let lines: Vec<String> = (0..16).map(|_| "x y x".to_string()).collect();
        let counts = shared_word_count(lines);
        assert_eq!((counts["x"], counts["y"]), (32, 16));
    }

    #[test]
    fn readers_see_the_last_write() {
        let prices = PriceList::default();
        assert_eq!(prices.price("poster"), None);
        prices.set("poster", 900);
        prices.set("poster", 950);
        assert_eq!(prices.price("poster"), Some(950));
    }

    #[test]
    fn shards_count_every_key() {
        let counts = ShardedCounts::new(4);
        thread::scope(|s| {
            for t in 0..8 {
                let counts = &counts;
                s.spawn(move || (0..1000).for_each(|i| counts.add(&format!("page {}", (i + t) % 10))));
            }
        });
        assert!((0..10).all(|p| counts.get(&format!("page {p}")) == 800));
        assert_eq!(counts.get("nowhere"), 0);
        assert_eq!(ShardedCounts::new(0).shards.len(), 1);
    }

    #[test]
    fn both_layouts_count_every_increment() {
        let (adjacent, apart) = (Adjacent::default(), Apart::default());
        count_side_by_side(&adjacent.a, &adjacent.b, 1000);
        count_side_by_side(&apart.a.0, &apart.b.0, 1000);
        assert_eq!((adjacent.a.into_inner(), adjacent.b.into_inner()), (1000, 1000));
        assert_eq!((apart.a.0.into_inner(), apart.b.0.into_inner()), (1000, 1000));
        assert_eq!(size_of::<Apart>(), 256);
    }

    #[test]
    fn the_workers_stop_when_told() {
        assert!(serve_until_stopped(2) > 0);
    }
}
