//! Memory: how the layout of a structure decides its speed, and what each structure costs per
//! element.
//!
//! ```console
//! cargo run --release -p data-structures --example locality
//! ```
//!
//! Three tables: the same million numbers summed from a `Vec`, from a `LinkedList` and through
//! boxes; the bytes per element of each standard collection (measured from the process's
//! resident memory, on Linux); and a dense `Vec<bool>` against a `HashSet` for remembering
//! which IDs were seen, where the winner depends on how many IDs there could be.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};

mod stopwatch;

// ANCHOR: traversals
/// Sums a contiguous buffer: the next value is always in the same cache line or the next one,
/// and the hardware prefetcher sees the pattern coming.
fn sum_vec(values: &[u64]) -> u64 {
    values.iter().sum()
}

/// Sums a linked list: each node is a separate allocation, and the address of the next one is
/// only known once this one has been loaded. The loads cannot overlap.
fn sum_list(values: &LinkedList<u64>) -> u64 {
    values.iter().sum()
}

/// Sums values that each live in their own box: as scattered as the list's nodes, but the
/// pointers sit side by side in a `Vec`, so the CPU can issue many loads at once.
fn sum_boxed(values: &[Box<u64>]) -> u64 {
    values.iter().map(|value| **value).sum()
}
// ANCHOR_END: traversals

/// A `LinkedList` whose nodes are scattered over the heap, as they are in a long-running
/// program: blocks of a node's size are allocated, freed in random order, and then reused by
/// the list's nodes (glibc's allocator hands small freed blocks back last in, first out; other
/// allocators scatter the nodes in their own ways).
fn scattered_list(values: &[u64], rng: &mut fastrand::Rng) -> LinkedList<u64> {
    let mut blocks: Vec<Box<[u64; 3]>> = values.iter().map(|&v| Box::new([v; 3])).collect();
    rng.shuffle(&mut blocks);
    // The blocks are freed in their shuffled order; the `Vec`'s own buffer only after the list
    // is built, since freeing a large buffer makes glibc merge its small free blocks again.
    blocks.clear();
    let list = values.iter().copied().collect();
    drop(blocks);
    list
}

// ANCHOR: dense_or_hashed
/// How many distinct IDs, all below `universe`, `ids` holds, remembered in a `Vec<bool>`: one
/// byte per possible ID, whether it occurs or not, and no hashing at all.
fn distinct_dense(ids: &[u32], universe: u32) -> usize {
    let mut seen = vec![false; universe as usize];
    let mut distinct = 0;
    for &id in ids {
        let slot = &mut seen[id as usize];
        distinct += usize::from(!*slot);
        *slot = true;
    }
    distinct
}

/// The same in a `HashSet`: memory in proportion to the IDs that do occur, about 9 to 18 bytes
/// each for a `u32`, and a hash per ID.
fn distinct_hashed(ids: &[u32]) -> usize {
    let mut seen = HashSet::with_capacity(ids.len());
    ids.iter().filter(|&&id| seen.insert(id)).count()
}
// ANCHOR_END: dense_or_hashed

/// The heap bytes of a standard `HashSet` or `HashMap` created `with_capacity(capacity)`, for
/// entries of `entry_bytes`: the table (SwissTable) has a power-of-two number of buckets, at
/// most 7/8 of them full, and one control byte per bucket next to the entry.
fn hash_table_bytes(capacity: usize, entry_bytes: usize) -> usize {
    let buckets = match capacity {
        0 => return 0,
        1..4 => 4,
        4..8 => 8,
        _ => (capacity * 8 / 7).next_power_of_two(),
    };
    buckets * (entry_bytes + 1)
}

/// The process's resident memory in bytes, from `/proc/self/status` (Linux only).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Builds a structure with `build`, keeps it alive, and prints its resident bytes per element.
fn footprint<T>(label: &str, n: u64, keep: &mut Vec<Box<dyn std::any::Any>>, build: impl FnOnce() -> T)
where
    T: 'static,
{
    let before = resident_bytes();
    let built = build();
    let after = resident_bytes();
    keep.push(Box::new(built));
    match (before, after) {
        (Some(before), Some(after)) => {
            let per_element = after.saturating_sub(before) as f64 / n as f64;
            println!("{label:>34} {per_element:>8.1} bytes");
        }
        _ => println!("{label:>34}      n/a (resident memory is read from /proc, on Linux)"),
    }
}

fn main() {
    use stopwatch::{seconds_per_call, show};
    stopwatch::warn_if_debug();
    let mut rng = fastrand::Rng::with_seed(7);

    // Measured first, while the heap holds no freed memory that the structures could reuse.
    let n = 1_000_000;
    println!("Resident memory per element, {n} u64 keys (and u64 values for maps):\n");
    let mut keep: Vec<Box<dyn std::any::Any>> = Vec::new();
    let mut keys: Vec<u64> = (0..n).collect();
    rng.shuffle(&mut keys);
    footprint("Vec<u64>", n, &mut keep, || keys.clone());
    footprint("VecDeque<u64>", n, &mut keep, || {
        keys.iter().copied().collect::<VecDeque<_>>()
    });
    footprint("LinkedList<u64>", n, &mut keep, || {
        keys.iter().copied().collect::<LinkedList<_>>()
    });
    footprint("Vec<Box<u64>>", n, &mut keep, || {
        keys.iter().map(|&k| Box::new(k)).collect::<Vec<_>>()
    });
    footprint("HashSet<u64>", n, &mut keep, || {
        let mut set = HashSet::with_capacity(n as usize);
        set.extend(keys.iter().copied());
        set
    });
    footprint("HashMap<u64, u64>", n, &mut keep, || {
        let mut map = HashMap::with_capacity(n as usize);
        map.extend(keys.iter().map(|&k| (k, k)));
        map
    });
    footprint("BTreeSet<u64>, random inserts", n, &mut keep, || {
        let mut set = BTreeSet::new();
        set.extend(keys.iter().copied());
        set
    });
    footprint("BTreeMap<u64, u64>, random inserts", n, &mut keep, || {
        let mut map = BTreeMap::new();
        map.extend(keys.iter().map(|&k| (k, k)));
        map
    });
    drop(keep);

    let values: Vec<u64> = (0..n).map(|_| rng.u64(..1000)).collect();
    let list: LinkedList<u64> = values.iter().copied().collect();
    let scattered = scattered_list(&values, &mut rng);
    let mut boxes: Vec<Box<u64>> = values.iter().map(|&v| Box::new(v)).collect();
    rng.shuffle(&mut boxes);
    println!("\nSumming {n} u64 values, time per value:\n");
    let per_value = |seconds: f64| show(seconds / n as f64);
    let rows: [(&str, f64); 4] = [
        ("Vec<u64>", seconds_per_call(|| sum_vec(&values))),
        ("LinkedList, nodes in order", seconds_per_call(|| sum_list(&list))),
        (
            "LinkedList, nodes scattered",
            seconds_per_call(|| sum_list(&scattered)),
        ),
        (
            "Vec<Box<u64>>, boxes scattered",
            seconds_per_call(|| sum_boxed(&boxes)),
        ),
    ];
    for (label, seconds) in rows {
        println!("{label:>34} {:>10}", per_value(seconds));
    }
    drop((values, list, scattered, boxes));

    println!("\nCounting distinct IDs among 100,000 (time per call, memory for the seen-set):\n");
    println!("{:>14} {:>22} {:>22}", "ID universe", "Vec<bool>", "HashSet<u32>");
    for universe in [100_000u32, 10_000_000, 100_000_000] {
        let ids: Vec<u32> = (0..100_000).map(|_| rng.u32(..universe)).collect();
        let dense = seconds_per_call(|| distinct_dense(&ids, universe));
        let hashed = seconds_per_call(|| distinct_hashed(&ids));
        let dense_mb = f64::from(universe) / 1e6;
        let hashed_mb = hash_table_bytes(ids.len(), size_of::<u32>()) as f64 / 1e6;
        println!(
            "{universe:>14} {:>12} {:>6.1} MB {:>12} {:>6.1} MB",
            show(dense),
            dense_mb,
            show(hashed),
            hashed_mb
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_sums_the_same() {
        let values: Vec<u64> = (1..=1000).collect();
        let list: LinkedList<u64> = values.iter().copied().collect();
        let boxes: Vec<Box<u64>> = values.iter().map(|&v| Box::new(v)).collect();
        let scattered = scattered_list(&values, &mut fastrand::Rng::with_seed(1));
        assert_eq!(sum_vec(&values), 500_500);
        assert_eq!(sum_list(&list), 500_500);
        assert_eq!(sum_list(&scattered), 500_500);
        assert!(scattered.iter().eq(values.iter()), "the list keeps its order");
        assert_eq!(sum_boxed(&boxes), 500_500);
    }

    #[test]
    fn dense_and_hashed_agree() {
        let ids = [3, 9, 3, 0, 9, 9, 41];
        assert_eq!(distinct_dense(&ids, 42), 4);
        assert_eq!(distinct_hashed(&ids), 4);
        assert_eq!(distinct_dense(&[], 0), 0);
        assert_eq!(distinct_hashed(&[]), 0);
    }

    #[test]
    fn hash_table_sizes() {
        // 100,000 entries need 114,286 buckets at 7/8 full: 2^17.
        assert_eq!(hash_table_bytes(100_000, 4), (1 << 17) * 5);
        assert_eq!(hash_table_bytes(0, 8), 0);
        let set: HashSet<u32> = HashSet::with_capacity(100_000);
        assert!(set.capacity() >= 100_000 && set.capacity() <= (1 << 17) / 8 * 7);
    }

    #[test]
    fn resident_memory_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(resident_bytes().is_some_and(|bytes| bytes > 0));
        }
    }
}
