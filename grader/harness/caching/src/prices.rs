//! `price-lookup`: a bounded cache in front of a slow pricing service whose prices change.
//!
//! An input is a trace of operations and a capacity. Lookups ask for skus drawn from a
//! catalogue with a Zipf law (a few products are asked for all the time, most rarely); now and
//! then a price changes at the backend, and the harness then calls `invalidate` for it.
//!
//! Nothing the grade rests on comes from the cache's own word. Its answers are judged against
//! the harness's backend, whose prices are its own (see [`crate::instance_price`]); what it
//! holds is found by asking again, right after `entry_count()` had it settle, for every sku it
//! was asked for: an answer that needed no backend call came from an entry, so the lookups so
//! answered are a lower bound on the entries it held, whatever `entry_count()` said. And a
//! second cache, in front of a backend of its own, is fed the same operations at the same
//!
//! The harness's pricing service is in `backend`, the run of a cache through a trace (answers
//! judged, rules checked) in `watched`, and the counted scenario in `count`.

mod backend;
mod count;
mod watched;

pub use backend::Backend;
pub use count::{SAMPLE_EVERY, count};
pub use watched::serve;

use crate::inputs::prices::{CAPACITY, Op};
use fastrand::Rng;
use grader_kit::correctness::{Case, Input, case};
use std::fmt;

/// The subject's `PriceCache`, as the harness drives it.
pub trait PriceCacheApi {
    /// `PriceCache::price`.
    fn price(&self, sku: u32) -> u64;
    /// `PriceCache::invalidate`.
    fn invalidate(&self, sku: u32);
    /// `PriceCache::entry_count`.
    fn entry_count(&self) -> u64;
}

/// A task input: the operations, the cache's capacity, and whether the run is audited (the
/// edge cases are: every property is checked on them, not only the answers; the timed inputs
/// are not, so that both sides are timed doing the same work).
#[derive(Clone, PartialEq, Eq)]
pub struct Trace {
    /// The operations, in order.
    pub ops: Vec<Op>,
    /// The capacity given to `PriceCache::new`.
    pub capacity: u64,
    /// Check the capacity, the backend calls and the second cache too (see [`serve`]).
    pub audited: bool,
}

impl Trace {
    /// An audited trace: an edge case.
    pub fn audited(ops: Vec<Op>, capacity: u64) -> Self {
        Trace {
            ops,
            capacity,
            audited: true,
        }
    }
}

impl fmt::Debug for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "capacity {}, operations {:?}", self.capacity, self.ops)
    }
}

impl Input for Trace {
    fn size(&self) -> usize {
        self.ops.len()
    }

    fn shrink(&self) -> Vec<Self> {
        self.ops
            .shrink()
            .into_iter()
            .map(|ops| Trace { ops, ..*self })
            .collect()
    }
}

/// A trace of `n` operations for a cache of [`CAPACITY`], as the exercise's benchmark makes it
/// (see [`crate::inputs::prices::trace`]). Not audited: the timed inputs.
pub fn trace(rng: &mut Rng, n: usize) -> Trace {
    Trace {
        ops: crate::inputs::prices::trace(rng, n),
        capacity: CAPACITY,
        audited: false,
    }
}

/// Edge cases, every one audited: the capacity's extremes (0, 1, `u64::MAX`), the skus' and
/// the prices' (0 and the type's maximum), and the awkward orders of lookups and changes.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Trace>> {
    use Op::{Change, Price};
    let edge = |label: &str, ops: Vec<Op>, capacity: u64| {
        case(format!("edge case: {label}"), Trace::audited(ops, capacity))
    };
    let mut cases = vec![
        edge("nothing asked", vec![], CAPACITY),
        edge("one lookup", vec![Price(42)], CAPACITY),
        edge("the same sku again and again", vec![Price(7); 50], CAPACITY),
        edge(
            "a price change between two lookups",
            vec![Price(7), Change(7, 12_345), Price(7)],
            CAPACITY,
        ),
        edge(
            "a price change before the first lookup",
            vec![Change(7, 555), Price(7), Price(7)],
            CAPACITY,
        ),
        edge(
            "two changes in a row",
            vec![
                Price(9),
                Change(9, 1),
                Change(9, 2),
                Price(9),
                Change(9, 3),
                Price(9),
            ],
            CAPACITY,
        ),
        edge(
            "a change of another sku",
            vec![Price(1), Price(2), Change(2, 99), Price(1), Price(2)],
            CAPACITY,
        ),
        edge(
            "skus 0 and u32::MAX (prices 0 and u64::MAX)",
            vec![
                Price(0),
                Price(u32::MAX),
                Price(0),
                Price(u32::MAX),
                Change(0, 1),
                Price(0),
                Price(u32::MAX),
            ],
            CAPACITY,
        ),
        edge(
            "prices changed to 0 and u64::MAX",
            vec![
                Price(7),
                Change(7, 0),
                Price(7),
                Price(7),
                Change(7, u64::MAX),
                Price(7),
                Price(7),
                Change(8, u64::MAX - 1),
                Price(8),
                Price(8),
                Change(7, 1),
                Price(7),
            ],
            CAPACITY,
        ),
        edge(
            "capacity 0",
            vec![Price(1), Price(1), Change(1, 5), Price(1), Price(2)],
            0,
        ),
        edge("capacity 0, one sku again and again", vec![Price(3); 20], 0),
        edge(
            "capacity 1, two skus in turn",
            (0..40).map(|i| Price(i % 2)).collect(),
            1,
        ),
        edge(
            "capacity 1, one sku again and again, then another",
            [vec![Price(4); 20], vec![Price(5); 20], vec![Price(4)]].concat(),
            1,
        ),
        edge(
            "capacity 2, three skus in turn",
            (0..60).map(|i| Price(10 + i % 3)).collect(),
            2,
        ),
        edge(
            "capacity u64::MAX",
            (0..300).map(|i| Price(i % 37)).collect(),
            u64::MAX,
        ),
        edge(
            "capacity u64::MAX, more skus than a generated trace's capacity",
            (0..700).map(|i| Price(1_000 + i % 350)).collect(),
            u64::MAX,
        ),
        edge(
            "capacity u64::MAX - 1",
            (0..100).map(|i| Price(i % 10)).collect(),
            u64::MAX - 1,
        ),
        edge(
            "a change after every lookup",
            (0..100)
                .map(|i| {
                    if i % 2 == 0 {
                        Price(5)
                    } else {
                        Change(5, 1_000 + i)
                    }
                })
                .collect(),
            CAPACITY,
        ),
    ];
    // A scan of many distinct skus, then the first ones again, with a small capacity.
    let scan: Vec<Op> = (0..1_000).chain(0..50).map(Price).collect();
    cases.push(edge("a scan of 1,000 skus, capacity 10", scan, 10));
    for n in [1, 2, 3, 5, 7, 31, 33, 63, 100, 257, 1_023] {
        let ops = trace(rng, n).ops;
        for capacity in [1, 16, CAPACITY] {
            cases.push(case(
                format!("random trace of {n} operations, capacity {capacity}"),
                Trace::audited(ops.clone(), capacity),
            ));
        }
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Answer, Starter};
    use std::collections::HashSet;

    #[test]
    fn traces_are_seeded_and_sized() {
        for n in [0, 1, 17, 5_000] {
            let t = trace(&mut Rng::with_seed(3), n);
            assert_eq!(t, trace(&mut Rng::with_seed(3), n));
            assert_eq!((t.ops.len(), t.capacity, t.audited), (n, CAPACITY, false));
        }
    }

    #[test]
    fn a_trace_asks_for_more_skus_than_the_capacity() {
        let ops = trace(&mut Rng::with_seed(1), 5_000).ops;
        let skus: HashSet<u32> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Price(sku) => Some(*sku),
                Op::Change(..) => None,
            })
            .collect();
        let changes = ops.iter().filter(|op| matches!(op, Op::Change(..))).count();
        assert!(skus.len() as u64 > 2 * CAPACITY, "{} skus", skus.len());
        assert!((50..200).contains(&changes), "{changes} changes");
    }

    #[test]
    fn the_starter_breaks_no_rule_on_any_edge_case() {
        for Case { label, input } in edge_cases(&mut Rng::with_seed(4)) {
            let served = serve::<Starter>(&input);
            assert!(served.faults.is_empty(), "{label}: {:?}", served.faults);
            assert!(served.answers.iter().all(|a| *a == Answer::Right), "{label}");
        }
    }
}
