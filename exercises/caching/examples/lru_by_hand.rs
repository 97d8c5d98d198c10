//! Eviction by hand: a least-recently-used (LRU) cache in O(1) per operation, and how its hit
//! ratio compares with moka's TinyLFU policy.
//!
//! ```console
//! cargo run --release -p caching --example lru_by_hand
//! ```
//!
//! A bounded cache must choose which entry to drop when a new one arrives. LRU drops the one
//! unused for longest. moka keeps LRU order too, but puts an admission policy in front of it
//! (TinyLFU): a new key gets in only if it has been asked for more often, recently, than the
//! entry it would push out. A key seen once, as in a scan, does not push out a popular one.

use moka::policy::EvictionPolicy;
use moka::sync::Cache;
use std::collections::HashMap;
use std::hash::Hash;

// ANCHOR: lru
/// A least-recently-used cache of at most `capacity` entries. The entries live in a `Vec` of
/// nodes, linked in order of use by indices (`prev`, `next`) rather than pointers; a `HashMap`
/// finds a key's node. Every operation is one hash lookup and a few index updates: O(1).
struct Lru<K, V> {
    capacity: usize,
    index: HashMap<K, usize>,
    nodes: Vec<Node<K, V>>,
    /// Nodes of removed entries, to reuse.
    free: Vec<usize>,
    /// The most recently used node.
    head: Option<usize>,
    /// The least recently used node: the next to be evicted.
    tail: Option<usize>,
}

struct Node<K, V> {
    key: K,
    value: V,
    prev: Option<usize>,
    next: Option<usize>,
}

impl<K: Hash + Eq + Clone, V> Lru<K, V> {
    fn new(capacity: usize) -> Self {
        Lru {
            capacity,
            index: HashMap::with_capacity(capacity),
            nodes: Vec::with_capacity(capacity),
            free: Vec::new(),
            head: None,
            tail: None,
        }
    }

    /// The value of `key`, which becomes the most recently used.
    fn get(&mut self, key: &K) -> Option<&V> {
        let i = *self.index.get(key)?;
        self.unlink(i);
        self.push_front(i);
        Some(&self.nodes[i].value)
    }

    /// Stores `value` under `key` as the most recently used entry, evicting the least recently
    /// used one if the cache is full.
    fn insert(&mut self, key: K, value: V) {
        if self.capacity == 0 {
            return;
        }
        if let Some(&i) = self.index.get(&key) {
            self.nodes[i].value = value;
            self.unlink(i);
            self.push_front(i);
            return;
        }
        let node = Node {
            key: key.clone(),
            value,
            prev: None,
            next: None,
        };
        let i = if self.index.len() == self.capacity {
            // Full: the tail's node is reused for the new entry.
            let lru = self.tail.expect("a full cache has a tail");
            self.unlink(lru);
            self.index.remove(&self.nodes[lru].key);
            self.nodes[lru] = node;
            lru
        } else if let Some(i) = self.free.pop() {
            self.nodes[i] = node;
            i
        } else {
            self.nodes.push(node);
            self.nodes.len() - 1
        };
        self.index.insert(key, i);
        self.push_front(i);
    }

    /// Drops `key`'s entry (its node is reused later): the cache's `invalidate`.
    fn remove(&mut self, key: &K) -> bool {
        let Some(i) = self.index.remove(key) else {
            return false;
        };
        self.unlink(i);
        self.free.push(i);
        true
    }

    fn len(&self) -> usize {
        self.index.len()
    }

    /// Takes node `i` out of the list of uses.
    fn unlink(&mut self, i: usize) {
        let (prev, next) = (self.nodes[i].prev, self.nodes[i].next);
        match prev {
            Some(p) => self.nodes[p].next = next,
            None => self.head = next,
        }
        match next {
            Some(n) => self.nodes[n].prev = prev,
            None => self.tail = prev,
        }
    }

    /// Puts node `i` at the front: the most recently used.
    fn push_front(&mut self, i: usize) {
        self.nodes[i].prev = None;
        self.nodes[i].next = self.head;
        if let Some(h) = self.head {
            self.nodes[h].prev = Some(i);
        }
        self.head = Some(i);
        if self.tail.is_none() {
            self.tail = Some(i);
        }
    }
}
// ANCHOR_END: lru

/// Ranks `0..items` with a Zipf law of exponent 1: rank r with weight 1 / (r + 1).
fn zipf_keys(rng: &mut fastrand::Rng, items: usize, n: usize) -> Vec<u64> {
    let cumulative: Vec<f64> = (1..=items)
        .scan(0.0, |total, r| {
            *total += 1.0 / r as f64;
            Some(*total)
        })
        .collect();
    let total = cumulative[items - 1];
    (0..n)
        .map(|_| {
            let u = rng.f64() * total;
            cumulative.partition_point(|&c| c <= u).min(items - 1) as u64
        })
        .collect()
}

// ANCHOR: hit_ratio
/// The share of `keys` a cache answers without loading.
fn hit_ratio_lru(capacity: usize, keys: &[u64]) -> f64 {
    let mut cache = Lru::new(capacity);
    let mut hits = 0;
    for &key in keys {
        if cache.get(&key).is_some() {
            hits += 1;
        } else {
            cache.insert(key, key * 10);
        }
    }
    f64::from(hits) / keys.len() as f64
}

fn hit_ratio_moka(capacity: u64, policy: EvictionPolicy, keys: &[u64]) -> f64 {
    let cache: Cache<u64, u64> = Cache::builder()
        .max_capacity(capacity)
        .eviction_policy(policy)
        .build();
    let mut loads = 0;
    for &key in keys {
        cache.get_with(key, || {
            loads += 1;
            key * 10
        });
    }
    1.0 - f64::from(loads) / keys.len() as f64
}
// ANCHOR_END: hit_ratio

fn main() {
    let mut lru = Lru::new(2);
    lru.insert("a", 1);
    lru.insert("b", 2);
    lru.get(&"a");
    lru.insert("c", 3);
    let (b_kept, a_kept) = (lru.get(&"b").is_some(), lru.get(&"a").is_some());
    println!(
        "An LRU of capacity 2, after inserting a and b, reading a, inserting c: a kept {a_kept}, b kept {b_kept}"
    );
    lru.remove(&"a");
    println!("after remove(a): {} entry\n", lru.len());

    let mut rng = fastrand::Rng::with_seed(3);
    let popular = zipf_keys(&mut rng, 10_000, 200_000);
    // The same lookups, with a scan of 1,000 keys never seen before (a report, a crawler)
    // after every 2,000.
    let mut scanned = Vec::new();
    for (i, chunk) in popular.chunks(2_000).enumerate() {
        scanned.extend_from_slice(chunk);
        scanned.extend((0..1_000).map(|k| 1_000_000 + 1_000 * i as u64 + k));
    }
    println!("Hit ratios of caches of 500 entries, for 200,000 lookups of 10,000 keys with a Zipf law:\n");
    println!(
        "{:>34} {:>12} {:>12} {:>14}",
        "", "LRU by hand", "moka, LRU", "moka, TinyLFU"
    );
    // Scanned keys never hit: the hits are all among the 200,000 popular lookups, so the ratio
    // is given over those.
    let scale = scanned.len() as f64 / popular.len() as f64;
    for (label, keys, scale) in [
        ("alone", &popular, 1.0),
        ("with a scan of 1,000 new keys", &scanned, scale),
    ] {
        println!(
            "{label:>34} {:>11.1}% {:>11.1}% {:>13.1}%",
            100.0 * scale * hit_ratio_lru(500, keys),
            100.0 * scale * hit_ratio_moka(500, EvictionPolicy::lru(), keys),
            100.0 * scale * hit_ratio_moka(500, EvictionPolicy::tiny_lfu(), keys)
        );
    }
    println!("{:>34}", "after every 2,000");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_recently_used_entry_goes_first() {
        let mut lru = Lru::new(2);
        lru.insert("a", 1);
        lru.insert("b", 2);
        assert_eq!(lru.get(&"a"), Some(&1)); // "b" is now the least recently used
        lru.insert("c", 3);
        assert_eq!(lru.get(&"b"), None);
        assert_eq!(lru.get(&"a"), Some(&1));
        assert_eq!(lru.get(&"c"), Some(&3));
        assert_eq!(lru.len(), 2);
    }

    #[test]
    fn insert_replaces_and_remove_frees() {
        let mut lru = Lru::new(2);
        lru.insert(1, "old");
        lru.insert(1, "new");
        assert_eq!(lru.get(&1), Some(&"new"));
        assert_eq!(lru.len(), 1);
        assert!(lru.remove(&1));
        assert!(!lru.remove(&1));
        lru.insert(2, "two");
        lru.insert(3, "three");
        lru.insert(4, "four");
        assert_eq!(lru.len(), 2);
        assert_eq!(lru.get(&2), None);
    }

    #[test]
    fn capacities_zero_and_one() {
        let mut none = Lru::new(0);
        none.insert(1, 1);
        assert_eq!(none.get(&1), None);
        assert_eq!(none.len(), 0);
        let mut one = Lru::new(1);
        one.insert(1, 1);
        one.insert(2, 2);
        assert_eq!(one.get(&1), None);
        assert_eq!(one.get(&2), Some(&2));
    }

    #[test]
    fn it_agrees_with_a_slow_lru() {
        // The model: a Vec of keys, most recent last.
        let mut rng = fastrand::Rng::with_seed(9);
        let mut lru = Lru::new(8);
        let mut model: Vec<u32> = Vec::new();
        for _ in 0..5_000 {
            let key = rng.u32(..20);
            if rng.u8(..10) == 0 {
                assert_eq!(lru.remove(&key), model.contains(&key));
                model.retain(|&k| k != key);
                continue;
            }
            let hit = lru.get(&key).is_some();
            assert_eq!(hit, model.contains(&key));
            model.retain(|&k| k != key);
            model.push(key);
            if !hit {
                lru.insert(key, ());
                if model.len() > 8 {
                    model.remove(0);
                }
            }
            assert_eq!(lru.len(), model.len());
        }
    }

    #[test]
    fn tinylfu_resists_scans_better_than_lru() {
        let mut rng = fastrand::Rng::with_seed(1);
        let mut keys = zipf_keys(&mut rng, 2_000, 20_000);
        keys.extend(100_000..105_000);
        keys.extend(zipf_keys(&mut rng, 2_000, 20_000));
        let lru = hit_ratio_lru(200, &keys);
        let tiny = hit_ratio_moka(200, EvictionPolicy::tiny_lfu(), &keys);
        assert!(tiny > lru, "TinyLFU {tiny}, LRU {lru}");
    }
}
