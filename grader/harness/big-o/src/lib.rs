//! The Big O chapter's tasks: how to generate their inputs and how to call the code.
//!
//! The subject is reached through [`Api`], so the same task code grades the exercise, the
//! solution or the starter, each in its own binary (see `src/bin`).

use fastrand::Rng;
use grader_kit::TimedTask;
use grader_kit::correctness::Case;
use grader_kit::inputs::{self, edge_lists};
use std::ops::Range;
use std::process::ExitCode;

/// The chapter's public API, exactly as the exercise declares it.
pub trait Api {
    /// See `big_o::find_duplicates`.
    fn find_duplicates(order_ids: &[u64]) -> Vec<u64>;
    /// See `big_o::count_pairs_with_sum`.
    fn count_pairs_with_sum(amounts: &[i64], target: i64) -> u64;
    /// See `big_o::longest_unique_window`.
    fn longest_unique_window(page_ids: &[u32]) -> Range<usize>;
    /// See `big_o::common_customers`.
    fn common_customers(campaign_a: &[u64], campaign_b: &[u64]) -> Vec<u64>;
}

/// Implements [`Api`] for a new marker type by calling a crate with the chapter's API.
#[macro_export]
macro_rules! forward_api {
    ($marker:ident => $krate:ident) => {
        /// The subject these tasks grade.
        #[derive(Debug)]
        pub struct $marker;
        impl $crate::Api for $marker {
            fn find_duplicates(order_ids: &[u64]) -> Vec<u64> {
                $krate::find_duplicates(order_ids)
            }
            fn count_pairs_with_sum(amounts: &[i64], target: i64) -> u64 {
                $krate::count_pairs_with_sum(amounts, target)
            }
            fn longest_unique_window(page_ids: &[u32]) -> std::ops::Range<usize> {
                $krate::longest_unique_window(page_ids)
            }
            fn common_customers(campaign_a: &[u64], campaign_b: &[u64]) -> Vec<u64> {
                $krate::common_customers(campaign_a, campaign_b)
            }
        }
    };
}

forward_api!(Starter => big_o_starter);

/// Runs the harness with `S` as the subject and the frozen starter as the yardstick.
pub fn main<S: Api>() -> ExitCode {
    let find_duplicates = TimedTask {
        name: "find-duplicates",
        edge_cases: |rng| labelled(edge_lists(rng)),
        generate: order_ids,
        starter: |ids: &Vec<u64>| Starter::find_duplicates(ids),
        subject: |ids: &Vec<u64>| S::find_duplicates(ids),
    };
    let count_pairs = TimedTask {
        name: "count-pairs-with-sum",
        edge_cases: pair_sum_edge_cases,
        generate: payments,
        starter: |(amounts, target): &(Vec<i64>, i64)| Starter::count_pairs_with_sum(amounts, *target),
        subject: |(amounts, target): &(Vec<i64>, i64)| S::count_pairs_with_sum(amounts, *target),
    };
    let unique_window = TimedTask {
        name: "longest-unique-window",
        edge_cases: |rng| labelled(edge_lists(rng)),
        generate: session,
        starter: |pages: &Vec<u32>| Starter::longest_unique_window(pages),
        subject: |pages: &Vec<u32>| S::longest_unique_window(pages),
    };
    let common = TimedTask {
        name: "common-customers",
        edge_cases: campaign_edge_cases,
        generate: campaigns,
        starter: |(a, b): &(Vec<u64>, Vec<u64>)| Starter::common_customers(a, b),
        subject: |(a, b): &(Vec<u64>, Vec<u64>)| S::common_customers(a, b),
    };
    grader_kit::harness::main(&[&find_duplicates, &count_pairs, &unique_window, &common])
}

fn labelled<I>(lists: Vec<(String, I)>) -> Vec<Case<I>> {
    lists
        .into_iter()
        .map(|(label, input)| Case { label, input })
        .collect()
}

/// Order IDs from a large ID space, about one in ten repeated.
fn order_ids(rng: &mut Rng, n: usize) -> Vec<u64> {
    let space = 1_000_000_000;
    let mut ids: Vec<u64> = inputs::values(rng, n, space);
    for _ in 0..n / 10 {
        let (from, to) = (rng.usize(..n), rng.usize(..n));
        ids[to] = ids[from];
    }
    ids
}

/// Payment amounts in cents, and a target that is the sum of two of them.
fn payments(rng: &mut Rng, n: usize) -> (Vec<i64>, i64) {
    let amounts: Vec<i64> = inputs::values(rng, n, 4 * n as u64 + 10);
    let target = match n {
        0 => rng.i64(0..100),
        _ => amounts[rng.usize(..n)] + amounts[rng.usize(..n)],
    };
    (amounts, target)
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
    cases
}

/// A browsing session: page IDs from a catalogue of n²/4096 pages (at least 2).
///
/// With a uniform catalogue of K pages, repeat-free stretches are about √K long; K ∝ n² makes
/// them grow in proportion to n (about n/50). Then the starter is clearly worse than quadratic,
/// and a half-way fix (a linear scan of the window per page, O(n·w)) is clearly quadratic,
/// rather than sitting at n^1.5, right on the O(n log n) ceiling.
fn session(rng: &mut Rng, n: usize) -> Vec<u32> {
    inputs::values(rng, n, (n * n / 4096).max(2) as u64)
}

/// Two campaign lists of `n` customers each, overlapping by about a third.
fn campaigns(rng: &mut Rng, n: usize) -> (Vec<u64>, Vec<u64>) {
    let space = 3 * n as u64 + 1;
    (inputs::values(rng, n, space), inputs::values(rng, n, space))
}

fn campaign_edge_cases(rng: &mut Rng) -> Vec<Case<(Vec<u64>, Vec<u64>)>> {
    let mut cases = Vec::new();
    for (label, list) in edge_lists::<u64>(rng) {
        let mut shuffled = list.clone();
        rng.shuffle(&mut shuffled);
        let disjoint: Vec<u64> = list.iter().map(|x| x.wrapping_add(1 << 40)).collect();
        cases.push(Case {
            label: format!("{label}, against itself shuffled"),
            input: (list.clone(), shuffled),
        });
        cases.push(Case {
            label: format!("{label}, against an empty list"),
            input: (list.clone(), vec![]),
        });
        cases.push(Case {
            label: format!("empty list against {label}"),
            input: (vec![], list.clone()),
        });
        cases.push(Case {
            label: format!("{label}, against a disjoint list"),
            input: (list, disjoint),
        });
    }
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
            let (a, b) = campaigns(&mut Rng::with_seed(3), n);
            assert_eq!((a.len(), b.len()), (n, n));
        }
    }

    #[test]
    fn generated_inputs_have_something_to_find() {
        let ids = order_ids(&mut Rng::with_seed(1), 2000);
        assert!(!Starter::find_duplicates(&ids).is_empty());
        let (amounts, target) = payments(&mut Rng::with_seed(1), 2000);
        assert!(Starter::count_pairs_with_sum(&amounts, target) > 0);
        let (a, b) = campaigns(&mut Rng::with_seed(1), 2000);
        assert!(!Starter::common_customers(&a, &b).is_empty());
        let window = Starter::longest_unique_window(&session(&mut Rng::with_seed(1), 2000));
        assert!(window.len() > 10 && window.len() < 2000, "{window:?}");
        // Stretches grow in proportion to n: eight times the session, about eight times as long.
        let short = Starter::longest_unique_window(&session(&mut Rng::with_seed(2), 1000)).len();
        let long = Starter::longest_unique_window(&session(&mut Rng::with_seed(2), 8000)).len();
        assert!(long > 4 * short, "{short} → {long}");
    }
}
