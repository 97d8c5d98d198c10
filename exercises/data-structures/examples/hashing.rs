//! Hashers: what SipHash costs, what FxHash saves, and what FxHash risks.
//!
//! ```console
//! cargo run --release -p data-structures --example hashing
//! ```
//!
//! The first table counts integer IDs with the standard `HashMap` (SipHash-1-3, randomly keyed)
//! and with `rustc-hash`'s `FxHashMap`. The second inserts keys computed to collide under
//! FxHash, the way an attacker who knows the hash function would: the fast hasher becomes a
//! quadratic one, while SipHash, whose keys the attacker cannot know, does not notice.

use rustc_hash::{FxBuildHasher, FxHashMap};
use std::collections::{HashMap, HashSet};

mod stopwatch;

// ANCHOR: fx_counts
/// How often each ID occurs, with the standard hasher: SipHash-1-3, keyed at random.
fn count_sip(ids: &[u64]) -> HashMap<u64, u32> {
    let mut counts = HashMap::with_capacity(ids.len());
    for &id in ids {
        *counts.entry(id).or_insert(0) += 1;
    }
    counts
}

/// The same with FxHash: the same `HashMap` type, another `BuildHasher`. `FxHashMap<K, V>` is
/// `HashMap<K, V, FxBuildHasher>`, so every method is the one you know.
fn count_fx(ids: &[u64]) -> FxHashMap<u64, u32> {
    let mut counts = FxHashMap::with_capacity_and_hasher(ids.len(), FxBuildHasher);
    for &id in ids {
        *counts.entry(id).or_insert(0) += 1;
    }
    counts
}
// ANCHOR_END: fx_counts

// ANCHOR: colliding_keys
/// The multiplier of rustc-hash 2's FxHasher, which hashes a `u64` key as
/// `(key × K).rotate_left(26)`: no secret, the same for every program.
const FX_K: u64 = 0xf1357aea2e62a9c5;

/// The inverse of the odd number `k` modulo 2⁶⁴ (Newton's iteration: each step doubles the
/// number of correct low bits, and `k` itself is right in the lowest three).
const fn inverse(k: u64) -> u64 {
    let mut x = k;
    let mut step = 0;
    while step < 5 {
        x = x.wrapping_mul(2u64.wrapping_sub(k.wrapping_mul(x)));
        step += 1;
    }
    x
}

/// `n` distinct keys that FxHash sends to the same place: key `i × K⁻¹` hashes to `i << 26`,
/// whose low 26 bits (which pick the bucket) are all zero, and whose top 7 bits (the tag the
/// table compares first) are zero too. Every insert must probe past all the keys before it.
fn colliding_keys(n: u64) -> Vec<u64> {
    let k_inverse = inverse(FX_K);
    (1..=n).map(|i| i.wrapping_mul(k_inverse)).collect()
}
// ANCHOR_END: colliding_keys

/// Builds a set of `keys` with the hasher `S`.
fn build_set<S: std::hash::BuildHasher + Default>(keys: &[u64]) -> HashSet<u64, S> {
    let mut set = HashSet::with_capacity_and_hasher(keys.len(), S::default());
    set.extend(keys);
    set
}

fn main() {
    use stopwatch::{seconds_per_call, show};
    stopwatch::warn_if_debug();

    println!("Counting n integer IDs (about one in three repeated), time per ID:\n");
    println!("{:>12} {:>18} {:>18}", "n", "SipHash (std)", "FxHash");
    for n in [1_000, 100_000, 1_000_000] {
        let mut rng = fastrand::Rng::with_seed(n);
        let ids: Vec<u64> = (0..n).map(|_| rng.u64(..n * 2)).collect();
        let per_id = |seconds: f64| show(seconds / n as f64);
        let sip = seconds_per_call(|| count_sip(&ids).len());
        let fx = seconds_per_call(|| count_fx(&ids).len());
        println!("{n:>12} {:>18} {:>18}", per_id(sip), per_id(fx));
    }

    let n = 20_000;
    let attack = colliding_keys(n);
    let mut rng = fastrand::Rng::with_seed(1);
    let ordinary: Vec<u64> = (0..n).map(|_| rng.u64(..)).collect();
    println!("\nInserting {n} keys into a set:\n");
    println!("{:>22} {:>18} {:>18}", "", "SipHash (std)", "FxHash");
    for (label, keys) in [("ordinary keys", &ordinary), ("FxHash-colliding keys", &attack)] {
        let sip = seconds_per_call(|| build_set::<std::hash::RandomState>(keys).len());
        let fx = seconds_per_call(|| build_set::<FxBuildHasher>(keys).len());
        println!("{label:>22} {:>18} {:>18}", show(sip), show(fx));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn both_hashers_count_the_same() {
        let ids = [5, 1, 5, 9, 1, 5];
        let sip = count_sip(&ids);
        let fx = count_fx(&ids);
        assert_eq!(sip.len(), fx.len());
        assert!(sip.iter().all(|(id, count)| fx[id] == *count));
        assert_eq!(fx[&5], 3);
    }

    #[test]
    fn the_inverse_is_an_inverse() {
        assert_eq!(FX_K.wrapping_mul(inverse(FX_K)), 1);
    }

    #[test]
    fn colliding_keys_share_their_bucket_and_tag() {
        let keys = colliding_keys(1000);
        let distinct: HashSet<u64> = keys.iter().copied().collect();
        assert_eq!(distinct.len(), keys.len(), "the keys are distinct");
        for (i, &key) in (1..).zip(&keys) {
            let hash = FxBuildHasher.hash_one(key);
            assert_eq!(hash, i << 26, "key {key}");
            assert_eq!(hash & ((1 << 26) - 1), 0, "the bucket bits are all zero");
            assert_eq!(hash >> 57, 0, "the tag bits are all zero");
        }
        // SipHash, keyed at random, spreads the same keys out.
        let sip = std::hash::RandomState::new();
        let buckets: HashSet<u64> = keys.iter().map(|&k| sip.hash_one(k) & 1023).collect();
        assert!(buckets.len() > 500, "{} buckets of 1024 used", buckets.len());
    }

    #[test]
    fn sets_of_colliding_keys_still_work() {
        let keys = colliding_keys(300);
        let set = build_set::<FxBuildHasher>(&keys);
        assert!(keys.iter().all(|k| set.contains(k)));
        assert!(!set.contains(&0));
    }
}
