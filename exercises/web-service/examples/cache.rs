//! A cache of derived data inside a service, invalidated on writes, and the race that stores a
//! value computed before a write after that write's invalidation.
//!
//! Run it with `cargo run --release -p web-service --example cache`. The book's "Caching
//! inside a service" page includes it piece by piece, between the `ANCHOR` comments.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// Stands for the database: scores per player.
type Scores = Mutex<HashMap<&'static str, u32>>;

/// The derived answer: the players, best first. Computing it reads every row.
fn leaderboard(scores: &Scores) -> Vec<(&'static str, u32)> {
    let mut rows: Vec<_> = scores.lock().unwrap().iter().map(|(&k, &v)| (k, v)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    rows
}

// ANCHOR: naive
/// Fill on a miss, clear on a write. Correct one request at a time; wrong when a fill that
/// started before a write finishes after that write's `invalidate`.
#[derive(Default)]
struct NaiveCache<T> {
    value: RwLock<Option<Arc<T>>>,
}

impl<T> NaiveCache<T> {
    fn get_or_compute(&self, compute: impl FnOnce() -> T) -> Arc<T> {
        if let Some(value) = self.value.read().unwrap().as_ref() {
            return Arc::clone(value);
        }
        let value = Arc::new(compute()); // no lock held while computing: good for throughput
        *self.value.write().unwrap() = Some(Arc::clone(&value)); // may store a value already stale
        value
    }

    fn invalidate(&self) {
        *self.value.write().unwrap() = None;
    }
}
// ANCHOR_END: naive

// ANCHOR: generation
/// The same cache with a generation counter: every invalidation bumps it, and a fill stores
/// its value only if no invalidation happened since the fill read the generation.
#[derive(Default)]
struct Slot<T> {
    generation: u64,
    value: Option<Arc<T>>,
}

#[derive(Default)]
struct DerivedCache<T> {
    slot: RwLock<Slot<T>>,
}

impl<T> DerivedCache<T> {
    fn get_or_compute(&self, compute: impl FnOnce() -> T) -> Arc<T> {
        let generation = {
            let slot = self.slot.read().unwrap();
            if let Some(value) = &slot.value {
                return Arc::clone(value);
            }
            slot.generation // read BEFORE the data the value is computed from
        };
        let value = Arc::new(compute());
        let mut slot = self.slot.write().unwrap();
        if slot.generation == generation {
            slot.value = Some(Arc::clone(&value));
        } // else: a write landed while we computed; answer this caller, store nothing
        value
    }

    /// Call it AFTER the write has committed, never before.
    fn invalidate(&self) {
        let mut slot = self.slot.write().unwrap();
        slot.generation += 1;
        slot.value = None;
    }
}
// ANCHOR_END: generation

fn main() {
    let scores: Scores = Mutex::new(HashMap::from([("ada", 30), ("bob", 20), ("cy", 10)]));

    // ANCHOR: race
    // The interleaving that loses, replayed deterministically: request A misses and reads the
    // rows; request B writes (cy now leads) and invalidates; then A stores what it computed.
    let naive = NaiveCache::default();
    let stored = naive.get_or_compute(|| {
        let rows = leaderboard(&scores); // A has read the old rows...
        scores.lock().unwrap().insert("cy", 99); // ...B commits its write...
        naive.invalidate(); // ...and invalidates, before A stores
        rows
    });
    println!("naive:      A answered {:?}", stored[0]);
    println!(
        "naive:      the next request gets {:?}  <- stale until the next write",
        naive.get_or_compute(|| leaderboard(&scores))[0]
    );
    // ANCHOR_END: race

    scores.lock().unwrap().insert("cy", 10);
    let cache = DerivedCache::default();
    let stored = cache.get_or_compute(|| {
        let rows = leaderboard(&scores);
        scores.lock().unwrap().insert("cy", 99);
        cache.invalidate();
        rows
    });
    println!("generation: A answered {:?}", stored[0]);
    let next = cache.get_or_compute(|| leaderboard(&scores));
    println!("generation: the next request gets {:?}", next[0]);
    assert_eq!(next[0], ("cy", 99));
}
