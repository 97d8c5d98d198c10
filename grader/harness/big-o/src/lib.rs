//! The Big O chapter's tasks: how to generate their inputs and how to call the code.
//!
//! The subject is reached through [`Api`], so the same task code grades the exercise, the
//! solution or the starter, each in its own binary (see `src/bin`).

use fastrand::Rng;
use grader_kit::TimedTask;
use grader_kit::correctness::{Case, case};
use grader_kit::inputs::edge_lists;
use inputs::{OrderBook, order_book, order_ids, payments, session};
use std::ops::Range;
use std::process::ExitCode;

// The random inputs, generated as the exercise's benchmarks generate them: by the frozen copy of
// their `inputs` module.
#[path = "../../../starters/big-o/benches/inputs/mod.rs"]
mod inputs;

grader_kit::subject_api! {
    crate big_o_harness;
    /// The chapter's public API, exactly as the exercise declares it.
    pub trait Api {
        /// See `big_o::find_duplicates`.
        fn find_duplicates(order_ids: &[u64]) -> Vec<u64>;
        /// See `big_o::count_pairs_with_sum`.
        fn count_pairs_with_sum(amounts: &[i64], target: i64) -> u64;
        /// See `big_o::longest_unique_window`.
        fn longest_unique_window(page_ids: &[u32]) -> std::ops::Range<usize>;
        /// `big_o::revenue_by_customer`, on the customers `(id, name)` and orders
        /// `(customer_id, cents)` made into the crate's `Customer` and `Order` (inside the
        /// timed call, the same copy for every crate).
        fn revenue_by_customer(customers: &[(u64, String)], orders: &[(u64, u32)]) -> Vec<(String, u64)> =
            revenue_by_customer(
                &customers.iter().map(|(id, name)| Customer { id: *id, name: name.clone() }).collect::<Vec<_>>(),
                &orders.iter().map(|&(customer_id, cents)| Order { customer_id, cents }).collect::<Vec<_>>(),
            );
    }
}

forward_api!(Starter => big_o_starter);

/// `find-duplicates`, with `S` as the subject and the frozen starter as the yardstick.
pub fn find_duplicates<S: Api>() -> TimedTask<Vec<u64>, Vec<u64>> {
    TimedTask {
        name: "find-duplicates",
        edge_cases: duplicate_edge_cases,
        generate: order_ids,
        starter: |ids: &Vec<u64>| Starter::find_duplicates(ids),
        subject: |ids: &Vec<u64>| S::find_duplicates(ids),
    }
}

/// `count-pairs-with-sum`, with `S` as the subject and the frozen starter as the yardstick.
pub fn count_pairs<S: Api>() -> TimedTask<(Vec<i64>, i64), u64> {
    TimedTask {
        name: "count-pairs-with-sum",
        edge_cases: pair_sum_edge_cases,
        generate: payments,
        starter: |(amounts, target): &(Vec<i64>, i64)| Starter::count_pairs_with_sum(amounts, *target),
        subject: |(amounts, target): &(Vec<i64>, i64)| S::count_pairs_with_sum(amounts, *target),
    }
}

/// `longest-unique-window`, with `S` as the subject and the frozen starter as the yardstick.
///
/// The sessions' catalogue grows as n², so their repeat-free stretches grow in proportion to
/// n: then the starter is clearly worse than quadratic, and a half-way fix (a linear scan of
/// the window per page, O(n·w)) is clearly quadratic, rather than sitting at n^1.5, right on the
/// O(n log n) ceiling.
pub fn unique_window<S: Api>() -> TimedTask<Vec<u32>, Range<usize>> {
    TimedTask {
        name: "longest-unique-window",
        edge_cases: window_edge_cases,
        generate: session,
        starter: |pages: &Vec<u32>| Starter::longest_unique_window(pages),
        subject: |pages: &Vec<u32>| S::longest_unique_window(pages),
    }
}

/// `order-report`, with `S` as the subject and the frozen starter as the yardstick.
pub fn order_report<S: Api>() -> TimedTask<OrderBook, Vec<(String, u64)>> {
    TimedTask {
        name: "order-report",
        edge_cases: order_book_edge_cases,
        generate: order_book,
        starter: |(customers, orders): &OrderBook| Starter::revenue_by_customer(customers, orders),
        subject: |(customers, orders): &OrderBook| S::revenue_by_customer(customers, orders),
    }
}

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let (duplicates, pairs) = (find_duplicates::<S>(), count_pairs::<S>());
    let (window, report) = (unique_window::<S>(), order_report::<S>());
    grader_kit::harness::main(&[&duplicates, &pairs, &window, &report])
}

fn labelled<I>(lists: Vec<(String, I)>) -> Vec<Case<I>> {
    lists
        .into_iter()
        .map(|(label, input)| Case { label, input })
        .collect()
}

/// Beyond `bits` bits: `x` plus `2^bits`, which a truncation to `bits` bits takes for `x`.
fn beyond(x: u64, bits: u32) -> u64 {
    x + (1 << bits)
}

/// The generic lists, then the type's ranges: IDs equal in their low 32 or 16 bits, and one ID
/// repeated more often than a 16-bit count can say (65,536 copies wrap to 0, 65,537 to 1).
fn duplicate_edge_cases(rng: &mut Rng) -> Vec<Case<Vec<u64>>> {
    let mut cases = labelled(edge_lists(rng));
    cases.push(case(
        "edge case: IDs equal in their low 32 bits",
        vec![
            5,
            beyond(5, 32),
            beyond(5, 33),
            7,
            beyond(7, 32),
            7,
            u64::MAX,
            u64::from(u32::MAX),
        ],
    ));
    cases.push(case(
        "edge case: IDs equal in their low 16 bits",
        vec![3, beyond(3, 16), beyond(3, 17), 9, beyond(9, 16), 9],
    ));
    for copies in [65_536, 65_537] {
        cases.push(case(
            format!("edge case: one ID {copies} times, and a pair"),
            [vec![42; copies], vec![1, 2, 1]].concat(),
        ));
    }
    cases
}

/// The generic lists, then the type's range: pages equal in their low 16 bits, and a session
/// longer than 65,536 visits whose longest stretch lies beyond position 65,536.
fn window_edge_cases(rng: &mut Rng) -> Vec<Case<Vec<u32>>> {
    let mut cases = labelled(edge_lists(rng));
    cases.push(case(
        "edge case: pages equal in their low 16 bits",
        vec![1, 65_537, 2, 131_073, 3, 1, 196_609, u32::MAX, 65_535],
    ));
    cases.push(case(
        "edge case: pages equal in their low 8 bits",
        vec![1, 257, 2, 258, 513, 3, 1],
    ));
    // Ten pages in turn, a stretch of 30 distinct pages from position 66,000, ten in turn again.
    let session: Vec<u32> = (0..70_000)
        .map(|i| {
            if (66_000..66_030).contains(&i) {
                1_000 + i
            } else {
                i % 10
            }
        })
        .collect();
    cases.push(case(
        "edge case: 70,000 visits, the longest stretch beyond position 65,536",
        session,
    ));
    cases
}

fn pair_sum_edge_cases(rng: &mut Rng) -> Vec<Case<(Vec<i64>, i64)>> {
    let mut cases = Vec::new();
    for (label, list) in edge_lists::<i64>(rng) {
        let sum_of_two = match list.len() {
            0 => 0,
            n => list[rng.usize(..n)].wrapping_add(list[rng.usize(..n)]),
        };
        for target in [0, sum_of_two, i64::MAX, i64::MIN, -1] {
            cases.push(Case {
                label: format!("{label}, target {target}"),
                input: (list.clone(), target),
            });
        }
    }
    // More pairs than a u16 counts: 400 equal amounts make 79,800.
    cases.push(case("edge case: 400 equal amounts", (vec![25; 400], 50)));
    cases.push(case(
        "edge case: amounts equal in their low 32 bits",
        (
            vec![1, 1 + (1 << 32), -1, 3, 3 - (1 << 32), i64::MIN + 1, i64::MAX],
            2,
        ),
    ));
    cases.push(case(
        "edge case: pairs at the extremes",
        (vec![i64::MIN, i64::MAX, 0, -1, i64::MIN, i64::MAX], -1),
    ));
    cases
}

/// The generic lists as account numbers: each list as the customers (named by their
/// position modulo 7, so names repeat), against orders of those accounts, of shifted accounts
/// nobody holds, and none; then repeated accounts, totals beyond 32 bits, accounts equal in
/// their low 32 bits, and more orders than a u16 numbers.
fn order_book_edge_cases(rng: &mut Rng) -> Vec<Case<OrderBook>> {
    let named = |ids: &[u64]| -> Vec<(u64, String)> {
        ids.iter()
            .enumerate()
            .map(|(i, &id)| (id, format!("customer {}", i % 7)))
            .collect()
    };
    let mut cases = Vec::new();
    for (label, ids) in edge_lists::<u64>(rng) {
        let mut shuffled = ids.clone();
        rng.shuffle(&mut shuffled);
        let orders: Vec<(u64, u32)> = shuffled.iter().map(|&id| (id, rng.u32(..))).collect();
        let unknown: Vec<(u64, u32)> = ids
            .iter()
            .map(|&id| (id.wrapping_add(1 << 40), rng.u32(..1_000)))
            .collect();
        cases.push(case(
            format!("{label} as customers, an order from each"),
            (named(&ids), orders.clone()),
        ));
        cases.push(case(
            format!("{label} as customers, orders from accounts not listed"),
            (named(&ids), unknown),
        ));
        cases.push(case(
            format!("{label} as customers, no orders"),
            (named(&ids), vec![]),
        ));
        cases.push(case(
            format!("no customers, orders from {label}"),
            (vec![], orders),
        ));
    }
    cases.push(case(
        "edge case: one account listed three times, under three names",
        (
            vec![
                (9, "Zoë".into()),
                (4, "Ben".into()),
                (9, "Ada".into()),
                (9, "Mei".into()),
            ],
            vec![(9, 5), (4, 1), (9, 7)],
        ),
    ));
    cases.push(case(
        "edge case: orders of u32::MAX cents, the totals beyond 32 bits",
        (
            vec![(u64::MAX, "Max".into()), (0, "Zero".into())],
            vec![(u64::MAX, u32::MAX), (0, u32::MAX), (u64::MAX, u32::MAX), (0, 1)],
        ),
    ));
    cases.push(case(
        "edge case: accounts equal in their low 32 bits",
        (
            vec![
                (5, "Five".into()),
                (5 + (1 << 32), "Other".into()),
                (u64::from(u32::MAX), "Low".into()),
            ],
            vec![(5 + (1 << 32), 2), (5 + (1 << 33), 4), (u64::MAX, 8), (5, 16)],
        ),
    ));
    cases.push(case(
        "edge case: names equal but for case and accents",
        (
            vec![
                (1, "zoe".into()),
                (2, "Zoe".into()),
                (3, "Zoë".into()),
                (4, String::new()),
            ],
            vec![(1, 1), (2, 2), (3, 3), (4, 4), (2, 5)],
        ),
    ));
    // 70,000 orders of one customer: a total and an order count beyond 16 bits.
    cases.push(case(
        "edge case: 70,000 orders from one customer",
        (vec![(42, "Ada".into())], vec![(42, 100_000); 70_000]),
    ));
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_are_seeded_and_sized() {
        for n in [0, 1, 17, 1000] {
            assert_eq!(
                order_ids(&mut Rng::with_seed(3), n),
                order_ids(&mut Rng::with_seed(3), n)
            );
            assert_eq!(order_ids(&mut Rng::with_seed(3), n).len(), n);
            assert_eq!(session(&mut Rng::with_seed(3), n).len(), n);
            let (customers, orders) = order_book(&mut Rng::with_seed(3), n);
            assert_eq!((customers.len(), orders.len()), (n.max(1), n));
        }
    }

    #[test]
    fn generated_inputs_have_something_to_find() {
        let ids = order_ids(&mut Rng::with_seed(1), 2000);
        assert!(!Starter::find_duplicates(&ids).is_empty());
        let (amounts, target) = payments(&mut Rng::with_seed(1), 2000);
        assert!(Starter::count_pairs_with_sum(&amounts, target) > 0);
        // Names repeat (400 of them for 1,000 customers), some accounts are listed twice, and
        // some orders are from accounts nobody holds.
        let (customers, orders) = order_book(&mut Rng::with_seed(1), 2000);
        let report = Starter::revenue_by_customer(&customers, &orders);
        assert!(
            report.len() > 300 && report.len() <= 400,
            "{} names",
            report.len()
        );
        let ids: std::collections::HashSet<u64> = customers.iter().map(|c| c.0).collect();
        assert!(ids.len() < customers.len(), "no account listed twice");
        let unknown = orders.iter().filter(|o| !ids.contains(&o.0)).count();
        assert!(
            unknown > 40 && unknown < 200,
            "{unknown} orders from unknown accounts"
        );
        let window = Starter::longest_unique_window(&session(&mut Rng::with_seed(1), 2000));
        assert!(window.len() > 10 && window.len() < 2000, "{window:?}");
        // Stretches grow in proportion to n: eight times the session, about eight times as long.
        let short = Starter::longest_unique_window(&session(&mut Rng::with_seed(2), 1000)).len();
        let long = Starter::longest_unique_window(&session(&mut Rng::with_seed(2), 8000)).len();
        assert!(long > 4 * short, "{short} → {long}");
    }
}
