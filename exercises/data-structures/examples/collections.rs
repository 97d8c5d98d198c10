//! The standard collections at work, one small job each: the snippets the Data structures
//! chapter teaches with.
//!
//! Run them with `cargo run -p data-structures --example collections`, test them with
//! `cargo test -p data-structures`. The book includes them piece by piece, between the
//! `ANCHOR` comments.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::ops::Bound;

// ANCHOR: vec_growth
/// The capacities a `Vec` goes through while `n` values are pushed one by one. Each time it is
/// full, it moves to a buffer twice as large: a push is O(1) amortised, because the copies
/// (1 + 2 + 4 + … < 2n values in all) are spread over the n pushes.
fn capacities_while_pushing(n: u64) -> Vec<usize> {
    let mut values = Vec::new();
    let mut seen = vec![values.capacity()];
    for value in 0..n {
        values.push(value);
        if values.capacity() != seen[seen.len() - 1] {
            seen.push(values.capacity());
        }
    }
    seen
}
// ANCHOR_END: vec_growth

// ANCHOR: swap_remove
/// Drops the cancelled orders when their order in the list does not matter. `swap_remove(i)`
/// moves the last element into slot `i`: O(1), where `remove(i)` shifts everything after it.
fn drop_cancelled(mut orders: Vec<(u32, bool)>) -> Vec<(u32, bool)> {
    let mut i = 0;
    while i < orders.len() {
        let (_, cancelled) = orders[i];
        if cancelled {
            orders.swap_remove(i); // the last order is now at `i`: look at it next
        } else {
            i += 1;
        }
    }
    orders
}
// ANCHOR_END: swap_remove

// ANCHOR: recent_window
/// The average of the last `k` readings after each new one: a `VecDeque` holds the window, new
/// readings enter at the back and old ones leave at the front, both O(1).
fn moving_averages(readings: &[f64], k: usize) -> Vec<f64> {
    let mut window = VecDeque::with_capacity(k + 1);
    let mut sum = 0.0;
    let mut averages = Vec::with_capacity(readings.len());
    for &reading in readings {
        window.push_back(reading);
        sum += reading;
        if window.len() > k {
            sum -= window.pop_front().unwrap_or(0.0);
        }
        averages.push(sum / window.len() as f64);
    }
    averages
}
// ANCHOR_END: recent_window

// ANCHOR: hash_map_entry
/// Pages grouped by visitor, and the number of distinct pages overall. `entry` finds the
/// visitor's slot, or makes it, with one hash; `HashSet::insert` says whether the value is new.
fn pages_by_visitor<'a>(visits: &[(u32, &'a str)]) -> (HashMap<u32, Vec<&'a str>>, usize) {
    let mut by_visitor: HashMap<u32, Vec<&str>> = HashMap::new();
    let mut distinct_pages = HashSet::new();
    for &(visitor, page) in visits {
        by_visitor.entry(visitor).or_default().push(page);
        distinct_pages.insert(page);
    }
    (by_visitor, distinct_pages.len())
}
// ANCHOR_END: hash_map_entry

// ANCHOR: btree_range
/// A price list that changes over time: the price set at each minute, kept in a `BTreeMap`
/// ordered by time.
#[derive(Debug, Default)]
struct PriceHistory {
    changes: BTreeMap<u64, u64>,
}

impl PriceHistory {
    /// Records that the price became `cents` at `minute`: O(log n), in any order.
    fn set(&mut self, minute: u64, cents: u64) {
        self.changes.insert(minute, cents);
    }

    /// The price in effect at `minute`: the last change at or before it, O(log n).
    fn at(&self, minute: u64) -> Option<u64> {
        self.changes.range(..=minute).next_back().map(|(_, &cents)| cents)
    }

    /// Every change in `from..to`, in time order: O(log n) to find the first, then O(1) each.
    fn changes_between(&self, from: u64, to: u64) -> Vec<(u64, u64)> {
        self.changes.range(from..to).map(|(&m, &c)| (m, c)).collect()
    }
}
// ANCHOR_END: btree_range

// ANCHOR: btree_set
/// The distinct tags, in alphabetical order, and the first one after `after`: a `BTreeSet`
/// keeps its values sorted while they are inserted.
fn tags_after<'a>(tags: &[&'a str], after: &str) -> (Vec<&'a str>, Option<&'a str>) {
    let set: BTreeSet<&str> = tags.iter().copied().collect();
    // `(Excluded(after), Unbounded)`: the values strictly after `after`, in order.
    let next = set
        .range::<str, _>((Bound::Excluded(after), Bound::Unbounded))
        .next()
        .copied();
    (set.into_iter().collect(), next)
}
// ANCHOR_END: btree_set

// ANCHOR: top_k
/// The `k` largest order totals, largest first, in O(n log k): a min-heap (a `BinaryHeap` of
/// `Reverse`) holds the best `k` so far, and its top is the smallest of them, the one to evict.
fn top_k(totals: &[u64], k: usize) -> Vec<u64> {
    let mut best: BinaryHeap<Reverse<u64>> = BinaryHeap::with_capacity(k + 1);
    for &total in totals {
        best.push(Reverse(total));
        if best.len() > k {
            best.pop(); // drops the smallest of the k + 1
        }
    }
    // Ascending `Reverse` values are descending totals.
    best.into_sorted_vec()
        .into_iter()
        .map(|Reverse(total)| total)
        .collect()
}
// ANCHOR_END: top_k

// ANCHOR: merge_k
/// Merges already-sorted lists (the logs of several servers, say) into one sorted list. The
/// heap holds the smallest unmerged value of each list: n values in all, O(n log k).
fn merge_sorted_lists(lists: &[Vec<u64>]) -> Vec<u64> {
    // (value, list, position in the list), smallest value on top thanks to `Reverse`.
    let mut heads: BinaryHeap<Reverse<(u64, usize, usize)>> = lists
        .iter()
        .enumerate()
        .filter_map(|(list, values)| values.first().map(|&v| Reverse((v, list, 0))))
        .collect();
    let mut merged = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    while let Some(Reverse((value, list, position))) = heads.pop() {
        merged.push(value);
        if let Some(&next) = lists[list].get(position + 1) {
            heads.push(Reverse((next, list, position + 1)));
        }
    }
    merged
}
// ANCHOR_END: merge_k

// ANCHOR: string_building
/// A receipt, built three ways. All three are O(total length): one growing `String`, never a
/// copy of what is already written.
fn receipt_lines(items: &[(&str, u64)]) -> String {
    // 1. `push_str` for text you already have, `write!` for formatted values: both append in
    //    place. `with_capacity` saves the intermediate buffers when the size is easy to guess.
    let mut text = String::with_capacity(32 * items.len());
    for (name, cents) in items {
        text.push_str(name);
        // Writing into a String cannot fail.
        let _ = writeln!(text, ": {}.{:02}", cents / 100, cents % 100);
    }
    text
}

/// 2. When the pieces are already strings, `join` (or `concat`) sizes the result once.
fn receipt_names(items: &[(&str, u64)]) -> String {
    let names: Vec<&str> = items.iter().map(|(name, _)| *name).collect();
    names.join(", ")
}

/// 3. An iterator of `&str` or `char` can be collected straight into a `String`.
fn initials(items: &[(&str, u64)]) -> String {
    items.iter().filter_map(|(name, _)| name.chars().next()).collect()
}
// ANCHOR_END: string_building

// ANCHOR: bisect
/// Which tax bracket an income falls in, on a sorted `Vec` of thresholds: the counterpart of
/// Python's `bisect`. For data that is built once and only searched, a sorted `Vec` is smaller
/// and faster than a `BTreeMap`.
fn bracket(thresholds: &[u64], income: u64) -> usize {
    // The number of thresholds at or below `income`: the first index where the predicate
    // turns false, found by binary search in O(log n).
    thresholds.partition_point(|&threshold| threshold <= income)
}
// ANCHOR_END: bisect

fn main() {
    println!(
        "capacities while pushing 100 values: {:?}",
        capacities_while_pushing(100)
    );
    let orders = vec![(1, false), (2, true), (3, false), (4, true), (5, false)];
    println!("drop_cancelled: {:?}", drop_cancelled(orders));
    println!(
        "moving_averages: {:?}",
        moving_averages(&[1.0, 2.0, 3.0, 4.0, 5.0], 3)
    );

    let visits = [(7, "/home"), (3, "/cart"), (7, "/cart"), (3, "/pay")];
    let (by_visitor, distinct) = pages_by_visitor(&visits);
    println!("visitor 7 saw {:?}; {distinct} distinct pages", by_visitor[&7]);

    let mut prices = PriceHistory::default();
    for (minute, cents) in [(600, 250), (0, 200), (1200, 300)] {
        prices.set(minute, cents);
    }
    println!(
        "price at 900: {:?}; changes in 0..1000: {:?}",
        prices.at(900),
        prices.changes_between(0, 1000)
    );
    println!(
        "tags_after: {:?}",
        tags_after(&["red", "blue", "red", "green"], "green")
    );
    println!("top_k: {:?}", top_k(&[5, 1, 9, 3, 7, 9], 3));
    println!(
        "merge_sorted_lists: {:?}",
        merge_sorted_lists(&[vec![1, 4, 9], vec![2, 3], vec![], vec![5]])
    );
    let items = [("coffee", 350), ("bagel", 225)];
    print!("{}", receipt_lines(&items));
    println!("{} / {}", receipt_names(&items), initials(&items));
    println!(
        "bracket of 45,000: {}",
        bracket(&[10_000, 40_000, 90_000], 45_000)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vec_doubles_its_capacity() {
        let seen = capacities_while_pushing(100);
        assert_eq!(seen[0], 0);
        assert!(seen.windows(2).skip(1).all(|w| w[1] == 2 * w[0]), "{seen:?}");
        assert!(*seen.last().unwrap() >= 100);
    }

    #[test]
    fn swap_remove_keeps_the_others() {
        let orders = vec![(1, false), (2, true), (3, false), (4, true), (5, true)];
        let mut kept: Vec<u32> = drop_cancelled(orders).into_iter().map(|(id, _)| id).collect();
        kept.sort_unstable();
        assert_eq!(kept, [1, 3]);
        assert!(drop_cancelled(vec![]).is_empty());
    }

    #[test]
    fn moving_averages_over_the_last_k() {
        assert_eq!(moving_averages(&[1.0, 2.0, 3.0, 4.0], 2), [1.0, 1.5, 2.5, 3.5]);
        assert_eq!(moving_averages(&[], 2), Vec::<f64>::new());
    }

    #[test]
    fn grouping_and_distinct() {
        let (by_visitor, distinct) = pages_by_visitor(&[(1, "/a"), (2, "/a"), (1, "/b")]);
        assert_eq!(by_visitor[&1], ["/a", "/b"]);
        assert_eq!(by_visitor[&2], ["/a"]);
        assert_eq!(distinct, 2);
    }

    #[test]
    fn price_history() {
        let mut prices = PriceHistory::default();
        prices.set(10, 100);
        prices.set(5, 50);
        prices.set(20, 200);
        assert_eq!(prices.at(4), None);
        assert_eq!(prices.at(5), Some(50));
        assert_eq!(prices.at(19), Some(100));
        assert_eq!(prices.at(u64::MAX), Some(200));
        assert_eq!(prices.changes_between(5, 20), [(5, 50), (10, 100)]);
        assert!(prices.changes_between(21, 30).is_empty());
    }

    #[test]
    fn ordered_tags() {
        let (tags, next) = tags_after(&["b", "a", "c", "a"], "a");
        assert_eq!(tags, ["a", "b", "c"]);
        assert_eq!(next, Some("b"));
        assert_eq!(tags_after(&["a"], "z").1, None);
    }

    #[test]
    fn heaps() {
        assert_eq!(top_k(&[5, 1, 9, 3, 7, 9], 3), [9, 9, 7]);
        assert_eq!(top_k(&[5, 1], 3), [5, 1]);
        assert!(top_k(&[5, 1], 0).is_empty());
        let lists = [vec![1, 4, 9], vec![2, 3], vec![], vec![1, 5]];
        assert_eq!(merge_sorted_lists(&lists), [1, 1, 2, 3, 4, 5, 9]);
        assert!(merge_sorted_lists(&[]).is_empty());
    }

    #[test]
    fn strings() {
        let items = [("tea", 250), ("cake", 5)];
        assert_eq!(receipt_lines(&items), "tea: 2.50\ncake: 0.05\n");
        assert_eq!(receipt_names(&items), "tea, cake");
        assert_eq!(initials(&items), "tc");
        assert_eq!(receipt_lines(&[]), "");
    }

    #[test]
    fn brackets() {
        let thresholds = [10_000, 40_000, 90_000];
        assert_eq!(bracket(&thresholds, 0), 0);
        assert_eq!(bracket(&thresholds, 10_000), 1);
        assert_eq!(bracket(&thresholds, 45_000), 2);
        assert_eq!(bracket(&thresholds, u64::MAX), 3);
    }
}
