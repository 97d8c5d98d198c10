//! `travel-passes`: many travellers' years, each with its own price list.
//!
//! The starter's recursion takes time exponential in a traveller's days, with a base that
//! depends on how the days are spaced (about 1.2 per day for daily travel, up to 3 for days a
//! month apart). So that the size of an input says how long the starter takes, each generated
//! traveller's year is cut where the starter would make more than
//! [`SEARCH_BUDGET`](crate::inputs::passes::SEARCH_BUDGET) calls (its
//! [`search_size`](crate::inputs::passes::search_size) is the starter's call count), and the
//! input's size n is the number of travel days over all travellers. The generator is
//! [`travellers`], shared with the exercise's benchmark.

use crate::Api;
use crate::inputs::passes::{Traveller, travellers};
use fastrand::Rng;
use grader_kit::correctness::{Case, case};

/// Each traveller's answer, in order.
#[allow(clippy::ptr_arg)] // the task's input type is Vec<Traveller>
pub fn answers<S: Api>(travellers: &Vec<Traveller>) -> Vec<u64> {
    travellers
        .iter()
        .map(|t| S::cheapest_passes(&t.days, &t.prices))
        .collect()
}

/// One traveller as a case of its own.
fn alone(days: Vec<u32>, prices: [u64; 3]) -> Vec<Traveller> {
    vec![Traveller { days, prices }]
}

/// Hand-picked travellers (days in any order or repeated, the calendar's and the prices'
/// extremes, odd tariffs), then random travellers of awkward sizes.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Vec<Traveller>>> {
    let usual = [300, 1_500, 4_500];
    let max = u64::MAX;
    let spread = [1, 8, 15, 38, 68, 69, 75, 104];
    let mut cases = vec![
        case("edge case: no travellers", vec![]),
        case("edge case: no travel days", alone(vec![], usual)),
        case("edge case: one travel day", alone(vec![19_500], usual)),
        case("edge case: day 0", alone(vec![0, 1, 2], usual)),
        case(
            "edge case: days in any order, some repeated",
            alone(vec![30, 2, 9, 2, 30, 1, 8, 9], usual),
        ),
        case(
            "edge case: the last days of the calendar",
            alone((0..20).map(|i| u32::MAX - 3 * i).collect(), usual),
        ),
        case(
            "edge case: days exactly 7 and 30 days apart, and 6 and 29",
            alone(vec![1, 7, 8, 14, 15, 44, 45, 74, 103], usual),
        ),
        case("edge case: free passes", alone(spread.to_vec(), [0, 0, 0])),
        case(
            "edge case: every pass at u64::MAX (the total saturates)",
            alone(spread.to_vec(), [max, max, max]),
        ),
        case(
            "edge case: only the 30-day pass is affordable",
            alone(spread.to_vec(), [max, max, 2_000]),
        ),
        case(
            "edge case: a week pass cheaper than a day pass",
            alone(spread.to_vec(), [500, 300, 9_000]),
        ),
        case(
            "edge case: a 30-day pass cheaper than a day pass",
            alone(spread.to_vec(), [500, 900, 400]),
        ),
        case(
            "edge case: a month of daily travel",
            alone((1..=30).collect(), usual),
        ),
        case(
            "edge case: six weeks of daily travel",
            alone((100..142).collect(), [250, 1_200, 4_000]),
        ),
        case(
            "edge case: a day every 30 days",
            alone((0..10).map(|i| 30 * i).collect(), usual),
        ),
        case(
            "edge case: the same days at three price lists",
            [[200, 1_000, 2_500], [100, 2_000, 8_000], [900, 1_100, 1_300]]
                .into_iter()
                .map(|prices| Traveller {
                    days: vec![3, 4, 5, 6, 10, 20, 21, 22, 40],
                    prices,
                })
                .collect(),
        ),
        case(
            "edge case: one day listed 70,000 times",
            alone(vec![19_999; 70_000], usual),
        ),
        case(
            "edge case: days beyond u16 (65,535 to 65,566, and 0, 65,536 and 131,072 apart)",
            vec![
                Traveller {
                    days: (65_535..65_567).step_by(5).collect(),
                    prices: usual,
                },
                Traveller {
                    days: vec![0, 65_536, 131_072, 131_073],
                    prices: usual,
                },
                Traveller {
                    days: vec![u32::MAX - 65_536, u32::MAX - 1, u32::MAX],
                    prices: usual,
                },
            ],
        ),
        case(
            "edge case: the same prices for different days",
            [
                vec![1, 2, 3],
                vec![1, 40],
                vec![5, 6, 7, 8, 9, 10, 11, 12],
                vec![2],
            ]
            .into_iter()
            .map(|days| Traveller { days, prices: usual })
            .collect(),
        ),
    ];
    for n in [1, 2, 3, 5, 7, 31, 33, 63, 100, 257] {
        cases.push(case(
            format!("random travellers, {n} days in all"),
            travellers(rng, n),
        ));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Starter;
    use crate::inputs::passes::{PASS_DAYS, SEARCH_BUDGET, search_size};

    /// The starter's calls, counted by running a copy of its recursion.
    fn counted_calls(days: &[u32]) -> u64 {
        let Some(&first) = days.first() else { return 1 };
        1 + PASS_DAYS
            .iter()
            .map(|&length| {
                let rest = days
                    .iter()
                    .position(|&d| u64::from(d) >= u64::from(first) + length)
                    .map_or(&[][..], |i| &days[i..]);
                counted_calls(rest)
            })
            .sum::<u64>()
    }

    #[test]
    fn the_search_size_is_the_starters_call_count() {
        for days in [vec![], vec![5], vec![1, 2, 3, 10, 40, 41, 90], (1..=25).collect()] {
            assert_eq!(search_size(&days), counted_calls(&days), "{days:?}");
        }
    }

    #[test]
    fn generated_travellers_are_sized_and_affordable() {
        for n in [0, 1, 17, 500, 2_000] {
            let travellers = travellers(&mut Rng::with_seed(3), n);
            assert_eq!(travellers, super::travellers(&mut Rng::with_seed(3), n));
            assert_eq!(travellers.iter().map(|t| t.days.len()).sum::<usize>(), n);
            for t in &travellers {
                assert!(t.days.windows(2).all(|w| w[0] < w[1]));
                assert!(search_size(&t.days) <= SEARCH_BUDGET);
            }
        }
    }

    #[test]
    fn edge_cases_stay_tractable_for_the_starter() {
        for Case { label, input } in edge_cases(&mut Rng::with_seed(5)) {
            for t in input {
                let mut days = t.days.clone();
                days.sort_unstable();
                days.dedup();
                assert!(search_size(&days) <= 1_000_000, "{label}");
            }
        }
    }

    #[test]
    fn generated_prices_make_every_pass_worth_buying_somewhere() {
        let travellers = travellers(&mut Rng::with_seed(1), 2_000);
        let answers = answers::<Starter>(&travellers);
        let day_passes_only = travellers
            .iter()
            .zip(&answers)
            .filter(|(t, a)| **a == t.prices[0] * t.days.len() as u64)
            .count();
        assert!(
            day_passes_only > 0 && day_passes_only < travellers.len() / 2,
            "{day_passes_only} of {} travellers best off with day passes",
            travellers.len()
        );
    }
}
