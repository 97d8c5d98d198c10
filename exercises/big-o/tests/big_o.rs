//! Correctness tests for the Big O exercise: `cargo test -p big-o`.
//!
//! They pass on the slow starter code, and they must still pass once your functions are fast:
//! speed is worth nothing if the answers change. Each task has three kinds of test:
//!
//! - worked examples, with the expected answer explained in a comment;
//! - edge cases: empty and one-element lists, all-equal lists, many duplicates, the extreme
//!   values of each integer type, ties;
//! - random cross-checks: seeded random lists (up to 300 elements, so the quadratic starter
//!   stays quick) compared with a small oracle built on `BTreeMap`/`BTreeSet`, written for
//!   obviousness rather than speed.
//!
//! The reference solution runs this same file (see `solutions/big-o/tests/big_o.rs`).

use big_o::{
    Customer, Order, count_pairs_with_sum, find_duplicates, longest_unique_window, revenue_by_customer,
};
use fastrand::Rng;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

// ---------------------------------------------------------------------------------------------
// Oracles: slow, obviously correct versions of the four functions.
// ---------------------------------------------------------------------------------------------

/// How many times each value occurs.
fn counts<T: Ord + Copy>(values: &[T]) -> BTreeMap<T, u64> {
    let mut counts = BTreeMap::new();
    for &value in values {
        *counts.entry(value).or_insert(0) += 1;
    }
    counts
}

/// Values counted more than once; a `BTreeMap` iterates in ascending order.
fn oracle_find_duplicates(order_ids: &[u64]) -> Vec<u64> {
    counts(order_ids)
        .into_iter()
        .filter(|&(_, count)| count > 1)
        .map(|(id, _)| id)
        .collect()
}

/// For every distinct value `a` with its partner `b = target - a` (in `i128`, so exact):
/// if `a < b`, every copy of `a` pairs with every copy of `b`; if `a == b`, the `c` copies of
/// `a` make `c * (c - 1) / 2` pairs. Counting each pair from its smaller value counts it once.
fn oracle_count_pairs(amounts: &[i64], target: i64) -> u64 {
    let counts = counts(amounts);
    let mut pairs = 0;
    for (&a, &count_a) in &counts {
        let b = i128::from(target) - i128::from(a);
        if b == i128::from(a) {
            pairs += count_a * (count_a - 1) / 2;
        } else if b > i128::from(a) {
            let count_b = i64::try_from(b)
                .ok()
                .and_then(|b| counts.get(&b))
                .copied()
                .unwrap_or(0);
            pairs += count_a * count_b;
        }
    }
    pairs
}

/// From every start, grow a window until a page repeats; keep the longest, and on a tie the
/// first found, which is the leftmost.
fn oracle_longest_unique_window(page_ids: &[u32]) -> Range<usize> {
    let mut best = 0..0;
    for start in 0..page_ids.len() {
        let mut seen = BTreeSet::new();
        let mut end = start;
        while end < page_ids.len() && seen.insert(page_ids[end]) {
            end += 1;
        }
        if end - start > best.len() {
            best = start..end;
        }
    }
    best
}

/// Account number → name, the first listed winning; then totals per name in a `BTreeMap`,
/// which iterates in ascending order.
fn oracle_revenue_by_customer(customers: &[Customer], orders: &[Order]) -> Vec<(String, u64)> {
    let mut name_of: BTreeMap<u64, &str> = BTreeMap::new();
    for customer in customers.iter().rev() {
        // Inserted last to first: the first listed overwrites the later ones.
        name_of.insert(customer.id, &customer.name);
    }
    let mut totals: BTreeMap<String, u64> = BTreeMap::new();
    for order in orders {
        if let Some(name) = name_of.get(&order.customer_id) {
            *totals.entry((*name).to_string()).or_insert(0) += u64::from(order.cents);
        }
    }
    totals.into_iter().collect()
}

/// True if no value occurs twice in `values`.
fn all_distinct(values: &[u32]) -> bool {
    values.iter().collect::<BTreeSet<_>>().len() == values.len()
}

// ---------------------------------------------------------------------------------------------
// Random inputs for the cross-checks.
// ---------------------------------------------------------------------------------------------

/// How many random lists each cross-check tries.
const RANDOM_ROUNDS: u64 = 200;

/// The largest random list: big enough for long runs and many repeats, small enough that the
/// quadratic starter finishes the cross-checks in well under a second, even in a debug build.
const MAX_RANDOM_LEN: usize = 300;

/// A random length up to [`MAX_RANDOM_LEN`], short lists (where off-by-one bugs live) being as
/// likely as long ones.
fn random_len(rng: &mut Rng) -> usize {
    match rng.u8(..4) {
        0 => rng.usize(..=4),
        1 => rng.usize(..=20),
        _ => rng.usize(..=MAX_RANDOM_LEN),
    }
}

/// `n` values from `0..range`: a small range gives many duplicates, a large one few.
fn random_values(rng: &mut Rng, n: usize, range: u64) -> Vec<u64> {
    (0..n).map(|_| rng.u64(..range)).collect()
}

/// A value range for one random list, from "almost all equal" to "almost all distinct".
fn random_range(rng: &mut Rng, n: usize) -> u64 {
    match rng.u8(..3) {
        0 => rng.u64(1..=4),
        1 => (n as u64 / 2).max(1),
        _ => 4 * n as u64 + 1,
    }
}

/// A mix of small amounts of either sign and values at or next to the ends of `i64`.
fn random_amounts(rng: &mut Rng, n: usize) -> Vec<i64> {
    let extremes = [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX];
    let spread = rng.i64(1..=50);
    (0..n)
        .map(|_| match rng.u8(..8) {
            0 => extremes[rng.usize(..extremes.len())],
            _ => rng.i64(-spread..=spread),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// find_duplicates
// ---------------------------------------------------------------------------------------------

#[test]
fn find_duplicates_worked_example() {
    // 3 occurs three times and 1 twice: each is reported once. 2 occurs once: not reported.
    // The answer is in ascending order, not in order of appearance.
    assert_eq!(find_duplicates(&[3, 1, 3, 2, 1, 3]), vec![1, 3]);
}

#[test]
fn find_duplicates_sorts_the_answer() {
    // 7 comes first and repeats first, but the answer is ascending all the same.
    assert_eq!(find_duplicates(&[7, 5, 7, 5]), vec![5, 7]);
    // Repeats far apart count as much as neighbours.
    assert_eq!(find_duplicates(&[9, 1, 2, 3, 4, 5, 6, 9]), vec![9]);
}

#[test]
fn find_duplicates_without_repeats_is_empty() {
    assert_eq!(find_duplicates(&[5, 4, 3, 2, 1]), Vec::<u64>::new());
}

#[test]
fn find_duplicates_edge_cases() {
    assert_eq!(find_duplicates(&[]), Vec::<u64>::new(), "empty list");
    assert_eq!(find_duplicates(&[42]), Vec::<u64>::new(), "one element");
    assert_eq!(find_duplicates(&[42, 42]), vec![42], "two equal elements");
    assert_eq!(find_duplicates(&[4; 300]), vec![4], "all equal: reported once");
    // Many duplicates: 0..10 repeated thirty times; every value is a duplicate.
    let many: Vec<u64> = (0..300).map(|i| i % 10).collect();
    assert_eq!(
        find_duplicates(&many),
        (0..10).collect::<Vec<u64>>(),
        "many duplicates"
    );
}

#[test]
fn find_duplicates_extreme_values() {
    // 0 and u64::MAX both repeat; 1 does not. No value is special, not even 0 or u64::MAX.
    assert_eq!(find_duplicates(&[u64::MAX, 0, u64::MAX, 0, 1]), vec![0, u64::MAX]);
    assert_eq!(find_duplicates(&[u64::MAX, u64::MAX - 1]), Vec::<u64>::new());
}

#[test]
fn find_duplicates_matches_the_oracle_on_random_lists() {
    let mut rng = Rng::with_seed(0xD0_0B1E);
    for round in 0..RANDOM_ROUNDS {
        let n = random_len(&mut rng);
        let range = random_range(&mut rng, n);
        let ids = random_values(&mut rng, n, range);
        assert_eq!(
            find_duplicates(&ids),
            oracle_find_duplicates(&ids),
            "round {round}, input {ids:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// count_pairs_with_sum
// ---------------------------------------------------------------------------------------------

#[test]
fn count_pairs_worked_example() {
    // 1 + 5 and 2 + 4 make 6. 3 + 3 would too, but there is only one 3: an element does not
    // pair with itself.
    assert_eq!(count_pairs_with_sum(&[1, 2, 3, 4, 5], 6), 2);
}

#[test]
fn count_pairs_counts_positions_not_values() {
    // Positions (0,1), (0,3), (1,2) and (2,3) each hold a 1 and a 5: four pairs, although
    // there is only one pair of *values*.
    assert_eq!(count_pairs_with_sum(&[1, 5, 1, 5], 6), 4);
    // Three 3s make C(3, 2) = 3 pairs: (0,1), (0,2), (1,2).
    assert_eq!(count_pairs_with_sum(&[3, 3, 3], 6), 3);
    // Two 2s and two 4s: each 2 pairs with each 4, 2 × 2 = 4 pairs; 2 + 2 and 4 + 4 miss.
    assert_eq!(count_pairs_with_sum(&[2, 2, 4, 4], 6), 4);
}

#[test]
fn count_pairs_with_negative_amounts() {
    // Charges and refunds cancel out: (-5, 5), (0, 0) and (10, -10).
    assert_eq!(count_pairs_with_sum(&[-5, 5, 0, 0, 10, -10], 0), 3);
    // A negative target: -3 + -4 and -8 + 1.
    assert_eq!(count_pairs_with_sum(&[-3, -4, -8, 1, 7], -7), 2);
}

#[test]
fn count_pairs_edge_cases() {
    assert_eq!(count_pairs_with_sum(&[], 0), 0, "empty list");
    assert_eq!(
        count_pairs_with_sum(&[3], 6),
        0,
        "one element never pairs with itself"
    );
    assert_eq!(count_pairs_with_sum(&[5, 5], 10), 1, "two equal elements");
    // All 300 equal: every one of the C(300, 2) = 44,850 pairs matches twice the value...
    assert_eq!(
        count_pairs_with_sum(&[7; 300], 14),
        44_850,
        "all equal, matching target"
    );
    // ...and none matches anything else.
    assert_eq!(count_pairs_with_sum(&[7; 300], 7), 0, "all equal, other target");
    // Many duplicates: 100 zeros and 100 ones. Target 1: each 0 with each 1, 100 × 100.
    let many: Vec<i64> = (0..200).map(|i| i % 2).collect();
    assert_eq!(
        count_pairs_with_sum(&many, 1),
        10_000,
        "many duplicates, target 1"
    );
    // Target 0: the zeros among themselves, C(100, 2) = 4,950.
    assert_eq!(count_pairs_with_sum(&many, 0), 4_950, "many duplicates, target 0");
}

#[test]
fn count_pairs_at_the_extremes_of_i64() {
    // i64::MAX + i64::MIN = -1, and every MAX pairs with every MIN: 2 × 2 = 4 pairs.
    assert_eq!(
        count_pairs_with_sum(&[i64::MAX, i64::MIN, i64::MAX, i64::MIN], -1),
        4
    );
    assert_eq!(count_pairs_with_sum(&[i64::MIN, 0, 7], i64::MIN), 1, "MIN + 0");
    assert_eq!(
        count_pairs_with_sum(&[i64::MAX, 0, 0], i64::MAX),
        2,
        "MAX + 0, twice"
    );
}

#[test]
fn count_pairs_sums_do_not_overflow() {
    // Each of these sums leaves the i64 range. With wrapping arithmetic it would land exactly
    // on the target; computed exactly, it matches nothing.
    assert_eq!(
        count_pairs_with_sum(&[i64::MAX, 1], i64::MIN),
        0,
        "MAX + 1 is not MIN"
    );
    assert_eq!(
        count_pairs_with_sum(&[i64::MIN, -1], i64::MAX),
        0,
        "MIN - 1 is not MAX"
    );
    assert_eq!(
        count_pairs_with_sum(&[i64::MIN, i64::MIN], 0),
        0,
        "MIN + MIN is not 0"
    );
    assert_eq!(
        count_pairs_with_sum(&[i64::MAX, i64::MAX], -2),
        0,
        "MAX + MAX is not -2"
    );
    // Nor may `target - amount` overflow: i64::MAX - (-1) and i64::MIN - 1 are outside i64.
    assert_eq!(count_pairs_with_sum(&[-1, i64::MIN, 0], i64::MAX), 0);
    assert_eq!(count_pairs_with_sum(&[1, i64::MAX, 0], i64::MIN), 0);
}

#[test]
fn count_pairs_matches_the_oracle_on_random_lists() {
    let mut rng = Rng::with_seed(0xFA1125);
    for round in 0..RANDOM_ROUNDS {
        let n = random_len(&mut rng);
        let amounts = random_amounts(&mut rng, n);
        // Usually the sum of two elements, so that there is something to find, sometimes a
        // random target or an extreme one.
        let sum_of_two = match n {
            0 => None,
            _ => amounts[rng.usize(..n)].checked_add(amounts[rng.usize(..n)]),
        };
        let target = match rng.u8(..4) {
            0 => rng.i64(-100..=100),
            1 => [i64::MIN, i64::MAX, -1, 0][rng.usize(..4)],
            _ => sum_of_two.unwrap_or(0),
        };
        assert_eq!(
            count_pairs_with_sum(&amounts, target),
            oracle_count_pairs(&amounts, target),
            "round {round}, target {target}, input {amounts:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// longest_unique_window
// ---------------------------------------------------------------------------------------------

#[test]
fn longest_unique_window_worked_example() {
    // Positions:  0  1  2  3  4  5  6
    // Pages:      1  2  3  1  2  3  4
    // Every window that starts at 0, 1 or 2 stops after three pages, when the first page comes
    // back. From position 3, the pages 1 2 3 4 run to the end: 3..7, four pages.
    assert_eq!(longest_unique_window(&[1, 2, 3, 1, 2, 3, 4]), 3..7);
}

#[test]
fn longest_unique_window_the_repeat_need_not_be_the_first_page() {
    // Positions:  0  1  2  3  4  5
    // Pages:      1  2  3  2  5  6
    // The 2 at position 3 repeats the one at position 1, not the window's first page: the
    // window restarts after position 1, at 2, and runs 3 2 5 6 to the end: 2..6.
    assert_eq!(longest_unique_window(&[1, 2, 3, 2, 5, 6]), 2..6);
    // Pages 1 2 2 1: the second 2 ends the first window, 0..2. When the second 1 arrives, the
    // window is already 2..3, past the first 1: the answer stays 0..2, not the repeating 1..4.
    assert_eq!(longest_unique_window(&[1, 2, 2, 1]), 0..2);
}

#[test]
fn longest_unique_window_leftmost_wins_a_tie() {
    // Pages 5 6 5 6: windows 0..2, 1..3 and 2..4 all have two pages; the leftmost wins.
    assert_eq!(longest_unique_window(&[5, 6, 5, 6]), 0..2);
    // Positions:  0  1  2  3  4  5  6
    // Pages:      1  1  2  3  3  4  5
    // 1..4 (pages 1 2 3) and 4..7 (pages 3 4 5) tie at three pages: 1..4 wins.
    assert_eq!(longest_unique_window(&[1, 1, 2, 3, 3, 4, 5]), 1..4);
    // But a later window that is strictly longer wins: 0..2 (pages 8 9) loses to 1..5
    // (pages 9 8 7 6).
    assert_eq!(longest_unique_window(&[8, 9, 8, 7, 6]), 1..5);
}

#[test]
fn longest_unique_window_edge_cases() {
    assert_eq!(longest_unique_window(&[]), 0..0, "empty session");
    assert_eq!(longest_unique_window(&[7]), 0..1, "one page");
    assert_eq!(
        longest_unique_window(&[7, 7]),
        0..1,
        "two equal pages: the first one"
    );
    assert_eq!(
        longest_unique_window(&[4; 300]),
        0..1,
        "all equal: the first page"
    );
    assert_eq!(
        longest_unique_window(&[10, 20, 30]),
        0..3,
        "all distinct: the whole session"
    );
    let all_distinct: Vec<u32> = (0..300).rev().collect();
    assert_eq!(longest_unique_window(&all_distinct), 0..300, "300 distinct pages");
    // Many duplicates: 0 1 2 3 4 0 1 2 3 4 ... every window of five pages is unique, and
    // none longer: the first, 0..5.
    let cycle: Vec<u32> = (0..300).map(|i| i % 5).collect();
    assert_eq!(longest_unique_window(&cycle), 0..5, "many duplicates");
}

#[test]
fn longest_unique_window_extreme_values() {
    // Pages u32::MAX 0 u32::MAX 0 1: windows from 0 and 1 stop after two pages; from 2,
    // u32::MAX 0 1 runs to the end: 2..5.
    assert_eq!(longest_unique_window(&[u32::MAX, 0, u32::MAX, 0, 1]), 2..5);
    assert_eq!(longest_unique_window(&[0, u32::MAX]), 0..2);
}

#[test]
fn longest_unique_window_matches_the_oracle_on_random_sessions() {
    let mut rng = Rng::with_seed(0x5E5510);
    for round in 0..RANDOM_ROUNDS {
        let n = random_len(&mut rng);
        let range = random_range(&mut rng, n);
        let pages: Vec<u32> = random_values(&mut rng, n, range)
            .into_iter()
            .map(|page| u32::try_from(page).expect("ranges are small"))
            .collect();
        let window = longest_unique_window(&pages);
        // Checked on its own first, for a clearer message when it goes wrong:
        assert!(
            window.end <= pages.len(),
            "round {round}: {window:?} is out of bounds, input {pages:?}"
        );
        assert!(
            all_distinct(&pages[window.clone()]),
            "round {round}: {window:?} repeats a page, input {pages:?}"
        );
        assert_eq!(
            window,
            oracle_longest_unique_window(&pages),
            "round {round}, input {pages:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// revenue_by_customer
// ---------------------------------------------------------------------------------------------

fn customer(id: u64, name: &str) -> Customer {
    Customer {
        id,
        name: name.to_string(),
    }
}

fn order(customer_id: u64, cents: u32) -> Order {
    Order { customer_id, cents }
}

/// Shorthand for the function under test.
fn report(customers: &[Customer], orders: &[Order]) -> Vec<(String, u64)> {
    revenue_by_customer(customers, orders)
}

fn lines(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected
        .iter()
        .map(|&(name, cents)| (name.to_string(), cents))
        .collect()
}

#[test]
fn revenue_by_customer_worked_example() {
    let customers = [
        customer(7, "Rosa Silva"),
        customer(3, "Ben Ito"),
        customer(9, "Ada Lind"),
    ];
    // Ben Ito ordered twice (12.50 + 7.25), Rosa Silva once; Ada Lind never, so she has no
    // line. Account 5 is not listed: its order is left out. Names come out in ascending order.
    let orders = [order(3, 1_250), order(7, 4_000), order(5, 999), order(3, 725)];
    assert_eq!(
        report(&customers, &orders),
        lines(&[("Ben Ito", 1_975), ("Rosa Silva", 4_000)])
    );
}

#[test]
fn revenue_by_customer_the_first_listed_account_wins() {
    // Account 4 is listed twice, under two names: its orders belong to the first, Mei Ito.
    let customers = [
        customer(4, "Mei Ito"),
        customer(8, "Sven Berg"),
        customer(4, "Zoë Weber"),
    ];
    let orders = [order(4, 100), order(8, 50), order(4, 10)];
    assert_eq!(
        report(&customers, &orders),
        lines(&[("Mei Ito", 110), ("Sven Berg", 50)])
    );
}

#[test]
fn revenue_by_customer_shared_names_share_a_line() {
    // Two customers called Ines Costa, accounts 1 and 2: one line, both totals added.
    let customers = [
        customer(1, "Ines Costa"),
        customer(2, "Ines Costa"),
        customer(3, "Ines"),
    ];
    let orders = [order(2, 300), order(1, 200), order(3, 1)];
    assert_eq!(
        report(&customers, &orders),
        lines(&[("Ines", 1), ("Ines Costa", 500)])
    );
}

#[test]
fn revenue_by_customer_names_in_byte_order() {
    // Byte order: upper case before lower case, "Zoë" after "Zoe".
    let customers = [
        customer(1, "zed"),
        customer(2, "Zoë"),
        customer(3, "Zoe"),
        customer(4, "Al"),
    ];
    let orders = [order(1, 1), order(2, 2), order(3, 3), order(4, 4)];
    assert_eq!(
        report(&customers, &orders),
        lines(&[("Al", 4), ("Zoe", 3), ("Zoë", 2), ("zed", 1)])
    );
}

#[test]
fn revenue_by_customer_edge_cases() {
    let some = [customer(1, "Ada"), customer(2, "Ben")];
    assert_eq!(report(&[], &[]), lines(&[]), "no customers, no orders");
    assert_eq!(report(&some, &[]), lines(&[]), "no orders");
    assert_eq!(report(&[], &[order(1, 5)]), lines(&[]), "no customers");
    assert_eq!(
        report(&some, &[order(3, 5), order(4, 6)]),
        lines(&[]),
        "only unknown accounts"
    );
    assert_eq!(
        report(&some, &[order(2, 0)]),
        lines(&[("Ben", 0)]),
        "an order of 0 cents still gives a line"
    );
    // All 300 orders by one customer.
    assert_eq!(report(&some, &[order(1, 7); 300]), lines(&[("Ada", 2_100)]));
    // One account listed 300 times: the first name wins.
    let listed: Vec<Customer> = (0..300).map(|i| customer(5, &format!("name {i}"))).collect();
    assert_eq!(report(&listed, &[order(5, 1)]), lines(&[("name 0", 1)]));
}

#[test]
fn revenue_by_customer_extreme_values() {
    let customers = [customer(u64::MAX, "Max"), customer(0, "Zero")];
    // Two orders of u32::MAX cents: the total needs more than 32 bits.
    let orders = [order(u64::MAX, u32::MAX), order(u64::MAX, u32::MAX), order(0, 0)];
    assert_eq!(
        report(&customers, &orders),
        lines(&[("Max", 2 * u64::from(u32::MAX)), ("Zero", 0)])
    );
    // Account numbers equal in their low 32 bits are different accounts.
    let customers = [customer(5, "Five"), customer(5 + (1 << 32), "Other")];
    assert_eq!(
        report(&customers, &[order(5 + (1 << 32), 2), order(5 + (1 << 33), 4)]),
        lines(&[("Other", 2)])
    );
}

#[test]
fn revenue_by_customer_matches_the_oracle_on_random_books() {
    let names = ["Ada", "Ben", "Chloé", "Dmitri", "Elif", "ada", ""];
    let mut rng = Rng::with_seed(0x0DE5_BEEF);
    for round in 0..RANDOM_ROUNDS {
        let (n, m) = (random_len(&mut rng), random_len(&mut rng));
        // A small range of account numbers: repeated accounts, and orders of unknown ones.
        let range = random_range(&mut rng, n.max(m)) + 2;
        let customers: Vec<Customer> = (0..n)
            .map(|_| customer(rng.u64(..range), names[rng.usize(..names.len())]))
            .collect();
        let orders: Vec<Order> = (0..m)
            .map(|_| match rng.u8(..8) {
                0 => order(rng.u64(..range), u32::MAX),
                _ => order(rng.u64(..range), rng.u32(..100_000)),
            })
            .collect();
        assert_eq!(
            revenue_by_customer(&customers, &orders),
            oracle_revenue_by_customer(&customers, &orders),
            "round {round}, customers {customers:?}, orders {orders:?}"
        );
    }
}
