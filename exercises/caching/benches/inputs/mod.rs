//! The inputs of the three benchmarks, and the sizes and scenarios they are graded at: the
//! shape of data the grader times, defined once, here.
//!
//! - [`passes`]: travellers' years of travel, for `cheapest_passes` (task `travel-passes`);
//! - [`prices`]: a trace of lookups and price changes, for `PriceCache` (task `price-lookup`);
//! - [`shared`]: lookups shared out to request threads, for `SharedPriceCache` (task
//!   `shared-lookups`).
//!
//! A directory's `mod.rs` is not a benchmark of its own; a bench file pulls it in with
//! `mod inputs;`. It uses nothing but `std` and `fastrand`.

#![allow(dead_code)] // each user takes its own part of this module

use fastrand::Rng;

/// Travellers' years of travel, each with the pass prices of their own city.
pub mod passes {
    use fastrand::Rng;

    /// Travel days over all travellers, the size the grader times.
    pub const N: usize = 2_000;

    /// Pass lengths in days: a day pass, a 7-day pass, a 30-day pass.
    pub const PASS_DAYS: [u64; 3] = [1, 7, 30];

    /// The largest search size (see [`search_size`]) a traveller's year is cut to.
    pub const SEARCH_BUDGET: u64 = 100_000;

    /// One traveller: the days they travel (day numbers) and the prices of their city's passes.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Traveller {
        /// Travel days, ascending and distinct, as given to `cheapest_passes`.
        pub days: Vec<u32>,
        /// Day pass, 7-day pass, 30-day pass, in cents.
        pub prices: [u64; 3],
    }

    /// The search size of `days` (ascending, distinct): how many plans for "the days from here
    /// on" a search visits that, from each first uncovered day, tries each of the three passes
    /// in turn; the empty rest counts too. Saturates at `u64::MAX`.
    pub fn search_size(days: &[u32]) -> u64 {
        let n = days.len();
        let mut plans = vec![1_u64; n + 1];
        for i in (0..n).rev() {
            let mut total = 1_u64;
            for length in PASS_DAYS {
                let end = u64::from(days[i]) + length;
                let next = i + days[i..].partition_point(|&d| u64::from(d) < end);
                total = total.saturating_add(plans[next]);
            }
            plans[i] = total;
        }
        plans[0]
    }

    /// The longest prefix of `days` (ascending, distinct) whose search size is at most
    /// `budget`. The size only grows with the prefix, so a binary search finds it.
    fn affordable_prefix(days: &[u32], budget: u64) -> usize {
        let (mut fits, mut too_long) = (0, days.len() + 1);
        while too_long - fits > 1 {
            let mid = (fits + too_long) / 2;
            if search_size(&days[..mid]) <= budget {
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
        match rng.u8(..4) {
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
        }
    }

    /// Pass prices around a day pass of $1.50 to $4.50: a week pass worth 3 to 6 days, a 30-day
    /// pass worth 8 to 18 days, and now and then an odd tariff.
    fn pass_prices(rng: &mut Rng) -> [u64; 3] {
        let day = rng.u64(150..=450);
        let week = day * rng.u64(3..=6) + rng.u64(..100);
        let month = day * rng.u64(8..=18) + rng.u64(..300);
        match rng.u8(..10) {
            0 => [week, day, month],   // a promotion: the week pass below the day pass
            1 => [day, week, day * 3], // a cheap month
            _ => [day, week, month],
        }
    }

    /// Travellers with `n` travel days in all, each with prices of their own. Each travels in
    /// one of four patterns over a year (a commuter's weekdays, weekends, now and then, a few
    /// trips of consecutive days), cut where the year's [`search_size`] would pass a budget
    /// of [`SEARCH_BUDGET`] / 2 to [`SEARCH_BUDGET`] (closely spaced days make longer years
    /// than days far apart), and the last one where the `n` days are reached.
    pub fn travellers(rng: &mut Rng, n: usize) -> Vec<Traveller> {
        let mut out = Vec::new();
        let mut left = n;
        while left > 0 {
            let year = year_of_travel(rng);
            let budget = rng.u64(SEARCH_BUDGET / 2..=SEARCH_BUDGET);
            let take = affordable_prefix(&year, budget).min(left);
            if take == 0 {
                continue;
            }
            left -= take;
            out.push(Traveller {
                days: year[..take].to_vec(),
                prices: pass_prices(rng),
            });
        }
        out
    }
}

/// A trace of price lookups and price changes, for one cache in front of one pricing service.
pub mod prices {
    use super::{Zipf, sku_of_rank};
    use fastrand::Rng;
    use std::collections::HashMap;
    use std::time::Duration;

    /// Operations per trace, the size the grader times.
    pub const N: usize = 5_000;

    /// The capacity of the cache a trace runs through: below the number of distinct skus a
    /// trace of a few thousand lookups asks for.
    pub const CAPACITY: u64 = 256;

    /// What each fetch from the pricing service costs: a busy wait, as
    /// `SimulatedBackend::new` waits.
    pub const LATENCY: Duration = Duration::from_micros(20);

    /// How many products the catalogue has.
    pub const CATALOGUE: usize = 1_000;

    /// The Zipf exponent of the lookups.
    pub const ZIPF_EXPONENT: f64 = 1.2;

    /// One operation in this many is a price change.
    pub const CHANGE_EVERY: u32 = 50;

    /// One step of a trace.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Op {
        /// A product page asks for the price of this sku.
        Price(u32),
        /// The sku's price changes to this at the backend; then the cache is told
        /// (`invalidate`).
        Change(u32, u64),
    }

    /// `n` operations over the [`CATALOGUE`]: lookups of skus drawn with a Zipf law of
    /// exponent [`ZIPF_EXPONENT`] (a few products asked for all the time, most rarely), and
    /// one price change in [`CHANGE_EVERY`], of a sku drawn the same way (popular products
    /// change price as often as they are asked for), to a price of 99 to 99,999 cents that
    /// differs from the sku's last changed price.
    pub fn trace(rng: &mut Rng, n: usize) -> Vec<Op> {
        let zipf = Zipf::new(CATALOGUE, ZIPF_EXPONENT);
        let mut current: HashMap<u32, u64> = HashMap::new();
        (0..n)
            .map(|_| {
                let sku = sku_of_rank(zipf.sample(rng));
                if rng.u32(..CHANGE_EVERY) == 0 {
                    let old = current.get(&sku).copied();
                    let price = loop {
                        let p = rng.u64(99..100_000);
                        if Some(p) != old {
                            break p;
                        }
                    };
                    current.insert(sku, price);
                    Op::Change(sku, price)
                } else {
                    Op::Price(sku)
                }
            })
            .collect()
    }
}

/// Price lookups shared out to request threads, all in front of one pricing service.
pub mod shared {
    use super::{Zipf, sku_of_rank};
    use fastrand::Rng;
    use std::time::Duration;

    /// Lookups per run, the size the grader times.
    pub const N: usize = 1_000;

    /// Request threads: each asks for a contiguous slice of the lookups, the slices as equal
    /// as can be.
    pub const THREADS: usize = 4;

    /// What each fetch from the pricing service takes: a sleep, as
    /// `SimulatedBackend::sleeping` sleeps.
    pub const LATENCY: Duration = Duration::from_micros(200);

    /// How many products the catalogue has.
    pub const CATALOGUE: usize = 400;

    /// The Zipf exponent of the lookups.
    pub const ZIPF_EXPONENT: f64 = 0.9;

    /// `n` lookups of the [`CATALOGUE`]'s skus, drawn with a Zipf law of exponent
    /// [`ZIPF_EXPONENT`]: every thread's slice asks for the same popular skus.
    pub fn lookups(rng: &mut Rng, n: usize) -> Vec<u32> {
        let zipf = Zipf::new(CATALOGUE, ZIPF_EXPONENT);
        (0..n).map(|_| sku_of_rank(zipf.sample(rng))).collect()
    }
}

/// The sku of the product ranked `rank` by popularity: distinct for every rank below 90,000,
/// and scattered over 10,000 to 99,999, so the skus are not small consecutive numbers.
pub fn sku_of_rank(rank: usize) -> u32 {
    10_000 + (rank as u32 % 90_000).wrapping_mul(7_919) % 90_000
}

/// Draws ranks `0..items` with a Zipf law: rank r with weight 1 / (r + 1)^s.
#[derive(Debug)]
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    /// Ranks `0..items` (at least one), exponent `s`.
    pub fn new(items: usize, s: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (0..items.max(1))
            .map(|r| {
                total += 1.0 / ((r + 1) as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// One rank.
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = rng.f64() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}
