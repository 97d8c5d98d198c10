//! Race conditions that compile: Rust's type system rules out data races, not logical ones.
//! A lost update (load, then store) and a check-then-act, each with its fix, and the stress
//! test that tells them apart.
//!
//! Run it with `cargo run --release -p concurrency --example races`, test it with
//! `cargo test -p concurrency --example races`. The book includes it piece by piece, between
//! the `ANCHOR` comments.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Barrier, Mutex};
use std::thread;

// ANCHOR: lost_update_atomic
/// A hit counter with an atomic, used as load-then-store: each step is atomic, the pair is
/// not. Two threads can load the same value, and both store it plus one: one hit is lost.
fn record_hit_racy(hits: &AtomicU64) {
    let seen = hits.load(Ordering::Relaxed);
    hits.store(seen + 1, Ordering::Relaxed);
}

/// The fix: one read-modify-write instruction, which no other thread can split.
fn record_hit(hits: &AtomicU64) {
    hits.fetch_add(1, Ordering::Relaxed);
}
// ANCHOR_END: lost_update_atomic

// ANCHOR: lost_update_mutex
/// The same race behind a lock: the balance is read under the lock, the lock is released, and
/// the new balance is written under the lock again. Every access is protected, and the update
/// as a whole is not.
fn deposit_racy(balance: &Mutex<u64>, cents: u64) {
    let seen = *balance.lock().unwrap();
    // Another thread may deposit here, and its deposit is overwritten below.
    *balance.lock().unwrap() = seen + cents;
}

/// The fix: hold one guard across the read and the write.
fn deposit(balance: &Mutex<u64>, cents: u64) {
    let mut guard = balance.lock().unwrap();
    *guard += cents;
}
// ANCHOR_END: lost_update_mutex

// ANCHOR: check_then_act
/// Sells one print if any is left in stock: check, then act. Two threads can both see the last
/// print in stock, and both sell it: the stock goes negative.
fn sell_racy(stock: &AtomicI64) -> bool {
    if stock.load(Ordering::SeqCst) > 0 {
        charge_card(); // the gap between the check and the act
        stock.fetch_sub(1, Ordering::SeqCst);
        true
    } else {
        false
    }
}

/// The fix: a compare-and-swap loop. `compare_exchange(seen, seen - 1)` writes only if the
/// stock is still `seen`; if another thread got there first, it fails with the new value,
/// and we decide again on that. The print is taken first, then paid for.
fn sell(stock: &AtomicI64) -> bool {
    let mut seen = stock.load(Ordering::SeqCst);
    while seen > 0 {
        match stock.compare_exchange(seen, seen - 1, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => {
                charge_card();
                return true;
            }
            Err(now) => seen = now,
        }
    }
    false
}

/// Stands for the payment: a few hundred nanoseconds of work.
fn charge_card() {
    for _ in 0..200 {
        std::hint::spin_loop();
    }
}
// ANCHOR_END: check_then_act

// ANCHOR: check_then_insert
/// Check-then-act on a map: "if the thumbnail is not there, render it and insert it", under
/// two separate locks. Two threads can both find it missing and both render it; with counts
/// instead of thumbnails, the second insert would overwrite the first.
fn thumbnail_racy(cache: &Mutex<HashMap<u32, String>>, renders: &AtomicU64, photo: u32) -> String {
    if let Some(thumbnail) = cache.lock().unwrap().get(&photo) {
        return thumbnail.clone();
    }
    let thumbnail = render(photo, renders);
    cache.lock().unwrap().insert(photo, thumbnail.clone());
    thumbnail
}

/// The fix: one lock around the check and the insert, with the `entry` API. (Rendering under
/// the lock makes other photos wait; when that is too slow, use a cache with compute-once
/// loading, as in the Caching chapter.)
fn thumbnail(cache: &Mutex<HashMap<u32, String>>, renders: &AtomicU64, photo: u32) -> String {
    let mut cache = cache.lock().unwrap();
    cache
        .entry(photo)
        .or_insert_with(|| render(photo, renders))
        .clone()
}

/// Renders a thumbnail (a microsecond or so of work), and counts the renders.
fn render(photo: u32, renders: &AtomicU64) -> String {
    renders.fetch_add(1, Ordering::Relaxed);
    for _ in 0..1_000 {
        std::hint::spin_loop();
    }
    format!("thumbnail of {photo}")
}
// ANCHOR_END: check_then_insert

// ANCHOR: stress
/// A stress test: `threads` threads, released together by a barrier so that they really
/// overlap, each calling `step` `per_thread` times; then `check` looks at the result. Repeated
/// over `trials` fresh states, because one run proves little: a race shows up only when two
/// threads happen to interleave at the wrong instruction.
fn stress<S: Sync>(
    trials: u32,
    threads: usize,
    per_thread: u64,
    fresh: impl Fn() -> S,
    step: impl Fn(&S) + Sync,
    check: impl Fn(&S) -> u64,
) -> Vec<u64> {
    (0..trials)
        .map(|_| {
            let state = fresh();
            let start = Barrier::new(threads);
            thread::scope(|s| {
                for _ in 0..threads {
                    s.spawn(|| {
                        start.wait();
                        for _ in 0..per_thread {
                            step(&state);
                        }
                    });
                }
            });
            check(&state)
        })
        .collect()
}
// ANCHOR_END: stress

fn main() {
    let (threads, per_thread) = (4, 100_000);
    let expected = threads as u64 * per_thread;
    println!("{threads} threads × {per_thread} updates each, 10 trials; what was lost in each trial:\n");
    let lost = |count: u64| expected - count;
    let atomic = || AtomicU64::new(0);
    let racy = stress(10, threads, per_thread, atomic, record_hit_racy, |h| {
        lost(h.load(Ordering::SeqCst))
    });
    let fixed = stress(10, threads, per_thread, atomic, record_hit, |h| {
        lost(h.load(Ordering::SeqCst))
    });
    println!("  load, then store:       {racy:?}");
    println!("  fetch_add:              {fixed:?}");
    let balance = || Mutex::new(0);
    let racy = stress(
        10,
        threads,
        per_thread,
        balance,
        |b| deposit_racy(b, 1),
        |b| lost(*b.lock().unwrap()),
    );
    let fixed = stress(
        10,
        threads,
        per_thread,
        balance,
        |b| deposit(b, 1),
        |b| lost(*b.lock().unwrap()),
    );
    println!("  lock, read; lock, write: {racy:?}");
    println!("  one lock:               {fixed:?}");

    println!(
        "\n10,000 prints in stock, {threads} threads trying to sell 5,000 each, 10 trials; prints sold:\n"
    );
    let sold = |stock: &(AtomicI64, AtomicU64), sell: fn(&AtomicI64) -> bool| {
        if sell(&stock.0) {
            stock.1.fetch_add(1, Ordering::SeqCst);
        }
    };
    let shop = || (AtomicI64::new(10_000), AtomicU64::new(0));
    let racy = stress(
        10,
        threads,
        5_000,
        shop,
        |s| sold(s, sell_racy),
        |s| s.1.load(Ordering::SeqCst),
    );
    let fixed = stress(
        10,
        threads,
        5_000,
        shop,
        |s| sold(s, sell),
        |s| s.1.load(Ordering::SeqCst),
    );
    println!("  check, then act:        {racy:?}");
    println!("  compare_exchange loop:  {fixed:?}");

    println!("\n{threads} threads asking for the same 1,000 thumbnails, 10 trials; thumbnails rendered:\n");
    let cache = || (Mutex::new(HashMap::new()), AtomicU64::new(0));
    let ask = |c: &(Mutex<HashMap<u32, String>>, AtomicU64),
               get: fn(&Mutex<HashMap<u32, String>>, &AtomicU64, u32) -> String| {
        for photo in 0..1_000 {
            get(&c.0, &c.1, photo);
        }
    };
    let racy = stress(
        10,
        threads,
        1,
        cache,
        |c| ask(c, thumbnail_racy),
        |c| c.1.load(Ordering::SeqCst),
    );
    let fixed = stress(
        10,
        threads,
        1,
        cache,
        |c| ask(c, thumbnail),
        |c| c.1.load(Ordering::SeqCst),
    );
    println!("  check, then insert:     {racy:?}");
    println!("  entry, under one lock:  {fixed:?}");
}

#[cfg(test)]
mod tests {
    use super::*;

    // The fixes must hold under stress. (The racy versions are not tested for failing: a race
    // is likely, never certain, and on one core it may not show at all.)

    #[test]
    fn fetch_add_loses_nothing() {
        let lost = stress(
            20,
            8,
            10_000,
            || AtomicU64::new(0),
            record_hit,
            |h| 80_000 - h.load(Ordering::SeqCst),
        );
        assert!(lost.iter().all(|&l| l == 0), "{lost:?}");
    }

    #[test]
    fn one_lock_loses_nothing() {
        let lost = stress(
            20,
            8,
            10_000,
            || Mutex::new(0),
            |b| deposit(b, 1),
            |b| 80_000 - *b.lock().unwrap(),
        );
        assert!(lost.iter().all(|&l| l == 0), "{lost:?}");
    }

    #[test]
    fn compare_exchange_never_oversells() {
        let sold = stress(
            20,
            8,
            50,
            || (AtomicI64::new(100), AtomicU64::new(0)),
            |s| {
                if sell(&s.0) {
                    s.1.fetch_add(1, Ordering::SeqCst);
                }
            },
            |s| s.1.load(Ordering::SeqCst),
        );
        assert!(sold.iter().all(|&n| n == 100), "{sold:?}");
    }

    #[test]
    fn entry_renders_each_thumbnail_once() {
        let renders = stress(
            20,
            8,
            1,
            || (Mutex::new(HashMap::new()), AtomicU64::new(0)),
            |c| {
                for photo in 0..10 {
                    assert_eq!(thumbnail(&c.0, &c.1, photo), format!("thumbnail of {photo}"));
                }
            },
            |c| c.1.load(Ordering::SeqCst),
        );
        assert!(renders.iter().all(|&n| n == 10), "{renders:?}");
    }

    #[test]
    fn on_one_thread_the_racy_versions_are_right() {
        // Which is why single-threaded tests never find these bugs.
        let hits = AtomicU64::new(0);
        let balance = Mutex::new(0);
        for _ in 0..1000 {
            record_hit_racy(&hits);
            deposit_racy(&balance, 2);
        }
        assert_eq!(
            (hits.load(Ordering::SeqCst), *balance.lock().unwrap()),
            (1000, 2000)
        );
        let stock = AtomicI64::new(3);
        assert_eq!((0..5).filter(|_| sell_racy(&stock)).count(), 3);
        let cache = Mutex::new(HashMap::new());
        let renders = AtomicU64::new(0);
        thumbnail_racy(&cache, &renders, 1);
        thumbnail_racy(&cache, &renders, 1);
        assert_eq!(renders.load(Ordering::SeqCst), 1);
    }
}
