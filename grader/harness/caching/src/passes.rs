//! `travel-passes`: many travellers' years, each with its own price list.
//!
//! The starter's recursion takes time exponential in a traveller's days, with a base that
//! depends on how the days are spaced (about 1.2 per day for daily travel, up to 3 for days a
//! month apart). So that the size of an input says how long the starter takes, each generated
//! traveller's year is cut where the starter would make more than [`CALL_BUDGET`] calls, and
//! the input's size n is the number of travel days over all travellers.

use crate::{Api, case};
use fastrand::Rng;
use grader_kit::correctness::Case;

/// One traveller: the days they travel (day numbers) and the prices of their city's passes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Traveller {
    /// Travel days, as given to `cheapest_passes`.
    pub days: Vec<u32>,
    /// Day pass, 7-day pass, 30-day pass, in cents.
    pub prices: [u64; 3],
}

/// Each traveller's answer, in order.
#[allow(clippy::ptr_arg)] // the task's input type is Vec<Traveller>
pub fn answers<S: Api>(travellers: &Vec<Traveller>) -> Vec<u64> {
    travellers
        .iter()
        .map(|t| S::cheapest_passes(&t.days, &t.prices))
        .collect()
}

/// The most calls of the starter's recursion a generated traveller may cost: about 0.2 ms.
pub const CALL_BUDGET: u64 = 100_000;

/// Pass lengths, as the exercise defines them.
const PASS_DAYS: [u64; 3] = [1, 7, 30];

/// How many calls the starter's recursion makes for `days` (ascending, distinct), counting the
/// calls on an empty rest; saturating.
pub fn starter_calls(days: &[u32]) -> u64 {
    let n = days.len();
    let mut calls = vec![1_u64; n + 1];
    for i in (0..n).rev() {
        let mut total = 1_u64;
        for length in PASS_DAYS {
            let end = u64::from(days[i]) + length;
            let next = i + days[i..].partition_point(|&d| u64::from(d) < end);
            total = total.saturating_add(calls[next]);
        }
        calls[i] = total;
    }
    calls[0]
}

/// The longest prefix of `days` (ascending, distinct) that costs the starter at most `budget`
/// calls. The count only grows with the prefix, so a binary search finds it.
fn affordable_prefix(days: &[u32], budget: u64) -> usize {
    let (mut fits, mut too_long) = (0, days.len() + 1);
    while too_long - fits > 1 {
        let mid = (fits + too_long) / 2;
        if starter_calls(&days[..mid]) <= budget {
            fits = mid;
        } else {
            too_long = mid;
        }
    }
    fits
}

/// A year of travel in one of four patterns, as ascending distinct day numbers.
fn year_of_travel(rng: &mut Rng) -> Vec<u32> {
    // Day numbers count from 1970-01-01: these years fall around 2022 to 2027.
    let first = rng.u32(19_000..21_000);
    let year = first..first + 365;
    let days: Vec<u32> = match rng.u8(..4) {
        // A commuter: most weekdays, with a couple of weeks off.
        0 => {
            let holiday = rng.u32(0..330);
            year.filter(|d| d % 7 < 5 && !(first + holiday..first + holiday + 14).contains(d))
                .filter(|_| rng.u8(..10) < 9)
                .collect()
        }
        // Weekends away.
        1 => year.filter(|d| d % 7 >= 5 && rng.u8(..10) < 7).collect(),
        // Now and then, at a rate of its own.
        2 => {
            let rate = rng.f64() * 0.25 + 0.05;
            year.filter(|_| rng.f64() < rate).collect()
        }
        // A few trips of consecutive days.
        _ => {
            let mut days: Vec<u32> = (0..rng.usize(2..8))
                .flat_map(|_| {
                    let start = rng.u32(year.clone());
                    start..start + rng.u32(2..15)
                })
                .collect();
            days.sort_unstable();
            days.dedup();
            days
        }
    };
    days
}

/// Pass prices around a day pass of $1.50 to $4.50: a week pass worth 3 to 6 days, a 30-day
/// pass worth 8 to 18 days, and now and then an odd tariff.
fn prices(rng: &mut Rng) -> [u64; 3] {
    let day = rng.u64(150..=450);
    let week = day * rng.u64(3..=6) + rng.u64(..100);
    let month = day * rng.u64(8..=18) + rng.u64(..300);
    match rng.u8(..10) {
        0 => [week, day, month],   // a promotion: the week pass below the day pass
        1 => [day, week, day * 3], // a cheap month
        _ => [day, week, month],
    }
}

/// Travellers with `n` travel days in all: each a year of travel cut where the starter's
/// recursion would pass a budget of [`CALL_BUDGET`] / 2 to [`CALL_BUDGET`] calls (and the last
/// one where the n days are reached), given in order, with prices of their own.
pub fn travellers(rng: &mut Rng, n: usize) -> Vec<Traveller> {
    let mut out = Vec::new();
    let mut left = n;
    while left > 0 {
        let year = year_of_travel(rng);
        let budget = rng.u64(CALL_BUDGET / 2..=CALL_BUDGET);
        let take = affordable_prefix(&year, budget).min(left);
        if take == 0 {
            continue;
        }
        left -= take;
        out.push(Traveller {
            days: year[..take].to_vec(),
            prices: prices(rng),
        });
    }
    out
}

/// One traveller as a case of its own.
fn alone(days: Vec<u32>, prices: [u64; 3]) -> Vec<Traveller> {
    vec![Traveller { days, prices }]
}

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
    fn the_call_count_is_the_starters() {
        for days in [vec![], vec![5], vec![1, 2, 3, 10, 40, 41, 90], (1..=25).collect()] {
            assert_eq!(starter_calls(&days), counted_calls(&days), "{days:?}");
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
                assert!(starter_calls(&t.days) <= CALL_BUDGET);
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
                assert!(starter_calls(&days) <= 1_000_000, "{label}");
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
