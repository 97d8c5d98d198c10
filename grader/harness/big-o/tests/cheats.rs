//! Quiet bugs at the edges of a type's range that a learner's fast version might carry, graded
//! on every correctness case as the grader grades them: each must be a wrong answer on the edge
//! case built for it; beside them, the legitimate versions that must pass (the reference, and
//! rustc-hash's maps). Answers only: no test asserts a speed-up.

use big_o_harness::{count_pairs, find_duplicates, order_report, unique_window};
use grader_kit::testing::{assert_passes, assert_wrong_answer, grade};

big_o_harness::forward_api!(Solution => big_o_solution);

// Each version below is a module that re-exports the reference and defines the one function it
// changes (an item of the module shadows the glob import), graded through `forward_api!`.

// ---------------------------------------------------------------------------------------------
// find-duplicates
// ---------------------------------------------------------------------------------------------

/// Counts in an `FxHashMap`, then the IDs seen more than once, sorted.
mod duplicates_fx {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;

    pub fn find_duplicates(ids: &[u64]) -> Vec<u64> {
        let mut counts: FxHashMap<u64, u64> = FxHashMap::default();
        for &id in ids {
            *counts.entry(id).or_default() += 1;
        }
        let mut repeated: Vec<u64> = counts
            .into_iter()
            .filter(|&(_, c)| c > 1)
            .map(|(id, _)| id)
            .collect();
        repeated.sort_unstable();
        repeated
    }
}
big_o_harness::forward_api!(DuplicatesFx => duplicates_fx);

/// Counts kept in 16 bits: they wrap after 65,535.
mod duplicates_u16_counts {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;

    pub fn find_duplicates(ids: &[u64]) -> Vec<u64> {
        let mut counts: FxHashMap<u64, u16> = FxHashMap::default();
        for &id in ids {
            let c = counts.entry(id).or_default();
            *c = c.wrapping_add(1);
        }
        let mut repeated: Vec<u64> = counts
            .into_iter()
            .filter(|&(_, c)| c > 1)
            .map(|(id, _)| id)
            .collect();
        repeated.sort_unstable();
        repeated
    }
}
big_o_harness::forward_api!(DuplicatesU16 => duplicates_u16_counts);

/// IDs keyed by their low 32 bits ("order IDs are small").
mod duplicates_u32_keys {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;

    pub fn find_duplicates(ids: &[u64]) -> Vec<u64> {
        let mut seen: FxHashMap<u32, (u64, u64)> = FxHashMap::default();
        for &id in ids {
            seen.entry(id as u32).or_insert((id, 0)).1 += 1;
        }
        let mut repeated: Vec<u64> = seen
            .into_values()
            .filter(|&(_, c)| c > 1)
            .map(|(id, _)| id)
            .collect();
        repeated.sort_unstable();
        repeated
    }
}
big_o_harness::forward_api!(DuplicatesU32 => duplicates_u32_keys);

#[test]
fn the_reference_passes_find_duplicates() {
    assert_passes(&grade(&find_duplicates::<Solution>(), vec![]));
}

#[test]
fn counts_in_a_rustc_hash_map_pass_find_duplicates() {
    assert_passes(&grade(&find_duplicates::<DuplicatesFx>(), vec![]));
}

#[test]
fn sixteen_bit_counts_are_caught_at_65536_copies() {
    let graded = grade(&find_duplicates::<DuplicatesU16>(), vec![]);
    assert_wrong_answer(&graded, "one ID 65536 times", "expected");
}

#[test]
fn ids_truncated_to_32_bits_are_caught() {
    let graded = grade(&find_duplicates::<DuplicatesU32>(), vec![]);
    assert_wrong_answer(&graded, "low 32 bits", "");
}

// ---------------------------------------------------------------------------------------------
// count-pairs-with-sum
// ---------------------------------------------------------------------------------------------

/// One pass with an `FxHashMap` of counts; complements outside i64 pair with nothing.
mod pairs_fx {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;

    pub fn count_pairs_with_sum(amounts: &[i64], target: i64) -> u64 {
        let mut seen: FxHashMap<i64, u64> = FxHashMap::default();
        let mut pairs = 0;
        for &amount in amounts {
            if let Ok(complement) = i64::try_from(i128::from(target) - i128::from(amount)) {
                pairs += seen.get(&complement).copied().unwrap_or(0);
            }
            *seen.entry(amount).or_default() += 1;
        }
        pairs
    }
}
big_o_harness::forward_api!(PairsFx => pairs_fx);

/// The pair count kept in 16 bits.
mod pairs_u16 {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;

    pub fn count_pairs_with_sum(amounts: &[i64], target: i64) -> u64 {
        let mut seen: FxHashMap<i64, u16> = FxHashMap::default();
        let mut pairs: u16 = 0;
        for &amount in amounts {
            if let Ok(complement) = i64::try_from(i128::from(target) - i128::from(amount)) {
                pairs = pairs.wrapping_add(seen.get(&complement).copied().unwrap_or(0));
            }
            let c = seen.entry(amount).or_default();
            *c = c.wrapping_add(1);
        }
        u64::from(pairs)
    }
}
big_o_harness::forward_api!(PairsU16 => pairs_u16);

/// The complement computed in i64, wrapping at the extremes.
mod pairs_wrapping {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;

    pub fn count_pairs_with_sum(amounts: &[i64], target: i64) -> u64 {
        let mut seen: FxHashMap<i64, u64> = FxHashMap::default();
        let mut pairs = 0;
        for &amount in amounts {
            pairs += seen.get(&target.wrapping_sub(amount)).copied().unwrap_or(0);
            *seen.entry(amount).or_default() += 1;
        }
        pairs
    }
}
big_o_harness::forward_api!(PairsWrapping => pairs_wrapping);

/// Amounts keyed by their low 32 bits ("cents fit in an i32").
mod pairs_i32 {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;

    pub fn count_pairs_with_sum(amounts: &[i64], target: i64) -> u64 {
        let mut seen: FxHashMap<i32, u64> = FxHashMap::default();
        let mut pairs = 0;
        for &amount in amounts {
            pairs += seen
                .get(&(target.wrapping_sub(amount) as i32))
                .copied()
                .unwrap_or(0);
            *seen.entry(amount as i32).or_default() += 1;
        }
        pairs
    }
}
big_o_harness::forward_api!(PairsI32 => pairs_i32);

#[test]
fn the_reference_passes_count_pairs() {
    assert_passes(&grade(&count_pairs::<Solution>(), vec![]));
}

#[test]
fn counts_in_a_rustc_hash_map_pass_count_pairs() {
    assert_passes(&grade(&count_pairs::<PairsFx>(), vec![]));
}

#[test]
fn a_sixteen_bit_pair_count_is_caught_beyond_65535_pairs() {
    let graded = grade(&count_pairs::<PairsU16>(), vec![]);
    assert_wrong_answer(&graded, "400 equal amounts", "expected 79800");
}

#[test]
fn a_wrapping_complement_is_caught_at_the_extremes() {
    let graded = grade(&count_pairs::<PairsWrapping>(), vec![]);
    assert_wrong_answer(&graded, "", "expected");
}

#[test]
fn amounts_truncated_to_32_bits_are_caught() {
    let graded = grade(&count_pairs::<PairsI32>(), vec![]);
    assert_wrong_answer(&graded, "", "expected");
}

// ---------------------------------------------------------------------------------------------
// longest-unique-window
// ---------------------------------------------------------------------------------------------

/// The sliding window, with the last position of each page in an `FxHashMap`.
mod window_fx {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;
    use std::ops::Range;

    pub fn longest_unique_window(pages: &[u32]) -> Range<usize> {
        let mut last: FxHashMap<u32, usize> = FxHashMap::default();
        let (mut best, mut start) = (0..0, 0);
        for (end, &page) in pages.iter().enumerate() {
            if let Some(previous) = last.insert(page, end) {
                start = start.max(previous + 1);
            }
            if end + 1 - start > best.len() {
                best = start..end + 1;
            }
        }
        best
    }
}
big_o_harness::forward_api!(WindowFx => window_fx);

/// The sliding window with positions kept in 16 bits.
mod window_u16_positions {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;
    use std::ops::Range;

    pub fn longest_unique_window(pages: &[u32]) -> Range<usize> {
        let mut last: FxHashMap<u32, u16> = FxHashMap::default();
        let (mut best, mut start) = (0..0, 0_u16);
        for (end, &page) in pages.iter().enumerate() {
            let end = end as u16;
            if let Some(previous) = last.insert(page, end) {
                start = start.max(previous.wrapping_add(1));
            }
            let len = usize::from(end.wrapping_sub(start)) + 1;
            if len > best.len() {
                best = usize::from(start)..usize::from(start) + len;
            }
        }
        best
    }
}
big_o_harness::forward_api!(WindowU16Positions => window_u16_positions);

/// The sliding window with pages keyed by their low 16 bits.
mod window_u16_pages {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;
    use std::ops::Range;

    pub fn longest_unique_window(pages: &[u32]) -> Range<usize> {
        let mut last: FxHashMap<u16, usize> = FxHashMap::default();
        let (mut best, mut start) = (0..0, 0);
        for (end, &page) in pages.iter().enumerate() {
            if let Some(previous) = last.insert(page as u16, end) {
                start = start.max(previous + 1);
            }
            if end + 1 - start > best.len() {
                best = start..end + 1;
            }
        }
        best
    }
}
big_o_harness::forward_api!(WindowU16Pages => window_u16_pages);

#[test]
fn the_reference_passes_longest_unique_window() {
    assert_passes(&grade(&unique_window::<Solution>(), vec![]));
}

#[test]
fn a_rustc_hash_map_of_last_positions_passes_longest_unique_window() {
    assert_passes(&grade(&unique_window::<WindowFx>(), vec![]));
}

#[test]
fn sixteen_bit_positions_are_caught_beyond_65536_visits() {
    let graded = grade(&unique_window::<WindowU16Positions>(), vec![]);
    assert_wrong_answer(&graded, "70,000 visits", "expected 65");
}

#[test]
fn pages_truncated_to_16_bits_are_caught() {
    let graded = grade(&unique_window::<WindowU16Pages>(), vec![]);
    assert_wrong_answer(&graded, "low 16 bits", "expected");
}

// ---------------------------------------------------------------------------------------------
// order-report
// ---------------------------------------------------------------------------------------------

/// The customers indexed once in an `FxHashMap` (the first of a repeated account kept), the
/// totals in a `BTreeMap` by name.
mod report_fx {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;
    use std::collections::BTreeMap;

    pub fn revenue_by_customer(customers: &[Customer], orders: &[Order]) -> Vec<(String, u64)> {
        let mut name_of: FxHashMap<u64, &str> = FxHashMap::default();
        for customer in customers {
            name_of.entry(customer.id).or_insert(&customer.name);
        }
        let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
        for order in orders {
            if let Some(name) = name_of.get(&order.customer_id) {
                *totals.entry(name).or_default() += u64::from(order.cents);
            }
        }
        totals
            .into_iter()
            .map(|(name, cents)| (name.to_string(), cents))
            .collect()
    }
}
big_o_harness::forward_api!(ReportFx => report_fx);

/// The index built with `collect()`: of an account listed twice, the last one listed wins.
mod report_last_wins {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;
    use std::collections::BTreeMap;

    pub fn revenue_by_customer(customers: &[Customer], orders: &[Order]) -> Vec<(String, u64)> {
        let name_of: FxHashMap<u64, &str> = customers.iter().map(|c| (c.id, c.name.as_str())).collect();
        let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
        for order in orders {
            if let Some(name) = name_of.get(&order.customer_id) {
                *totals.entry(name).or_default() += u64::from(order.cents);
            }
        }
        totals
            .into_iter()
            .map(|(name, cents)| (name.to_string(), cents))
            .collect()
    }
}
big_o_harness::forward_api!(ReportLastWins => report_last_wins);

/// Totals kept in 32 bits, like the orders' cents: they wrap past $42.9 million.
mod report_u32_totals {
    pub use big_o_solution::*;
    use rustc_hash::FxHashMap;
    use std::collections::BTreeMap;

    pub fn revenue_by_customer(customers: &[Customer], orders: &[Order]) -> Vec<(String, u64)> {
        let mut name_of: FxHashMap<u64, &str> = FxHashMap::default();
        for customer in customers {
            name_of.entry(customer.id).or_insert(&customer.name);
        }
        let mut totals: BTreeMap<&str, u32> = BTreeMap::new();
        for order in orders {
            if let Some(name) = name_of.get(&order.customer_id) {
                let total = totals.entry(name).or_default();
                *total = total.wrapping_add(order.cents);
            }
        }
        totals
            .into_iter()
            .map(|(name, cents)| (name.to_string(), u64::from(cents)))
            .collect()
    }
}
big_o_harness::forward_api!(ReportU32Totals => report_u32_totals);

#[test]
fn the_reference_passes_order_report() {
    assert_passes(&grade(&order_report::<Solution>(), vec![]));
}

#[test]
fn an_index_in_a_rustc_hash_map_passes_order_report() {
    assert_passes(&grade(&order_report::<ReportFx>(), vec![]));
}

#[test]
fn an_index_where_the_last_listed_account_wins_is_caught() {
    let graded = grade(&order_report::<ReportLastWins>(), vec![]);
    assert_wrong_answer(&graded, "", "expected");
}

#[test]
fn thirty_two_bit_totals_are_caught() {
    let graded = grade(&order_report::<ReportU32Totals>(), vec![]);
    assert_wrong_answer(&graded, "", "expected");
}
