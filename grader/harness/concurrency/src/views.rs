//! `page-views`: one view counter shared by [`THREADS`] request threads.
//!
//! Under threads the frozen starter loses views, so its answers cannot be the yardstick. Each
//! timed call therefore runs the same threaded scenario on both sides, and every thread also
//! keeps a private tally of the views it handed to the counter (no sharing, so nothing is
//! lost): the yardstick's answer is the tally, the subject's answer is what its counter
//! reports. Both sides do exactly the same work around the counter, so the speed-up compares
//! the counters alone (diluted a little by the tally, never inflated).

use crate::Api;
use crate::inputs::views::{HOT_PAGES, THREADS};
use fastrand::Rng;
use grader_kit::Count;
use grader_kit::correctness::{Case, case};
use grader_kit::text::thousands;
use std::hint::black_box;
use std::sync::Barrier;
use std::thread;

/// Trials of the counted scenario.
pub const TRIALS: u64 = 20;

/// Views of pages that are not in the counter's list, at most this many distinct ones (their
/// totals must stay 0).
const MAX_STRAYS: usize = 4;

/// A task input: the counter's pages, and the views to record, in order.
pub type Traffic = (Vec<u32>, Vec<u32>);

/// What one threaded run gives: for each known page (in the order given), then for each stray
/// page seen, (page, views) as the subject's counter reports them and as the threads tallied them.
#[derive(Debug)]
pub struct Outcome {
    /// The subject's totals.
    pub counted: Vec<(u32, u64)>,
    /// The true totals.
    pub tallied: Vec<(u32, u64)>,
}

/// Runs `trace` through `A`'s counter for `pages`: [`THREADS`] threads, each recording a
/// contiguous quarter of the trace.
pub fn run<A: Api>(pages: &[u32], trace: &[u32]) -> Outcome {
    let counter = A::new_counter(pages);
    let mut known = pages.to_vec();
    known.sort_unstable();
    known.dedup();
    let share = trace.len().div_ceil(THREADS).max(1);
    let tallies: Vec<(Vec<u64>, Vec<u32>)> = thread::scope(|s| {
        let threads: Vec<_> = trace
            .chunks(share)
            .map(|part| {
                let (counter, known) = (&counter, &known);
                s.spawn(move || {
                    let mut tally = vec![0; known.len()];
                    let mut strays = Vec::new();
                    for &page in part {
                        A::record(counter, page);
                        match position(known, page) {
                            Ok(i) => tally[i] += 1,
                            Err(_) if strays.len() < MAX_STRAYS && !strays.contains(&page) => {
                                strays.push(page)
                            }
                            Err(_) => {}
                        }
                    }
                    (tally, strays)
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    let mut tally = vec![0; known.len()];
    let mut strays = Vec::new();
    for (part, part_strays) in tallies {
        for (total, views) in tally.iter_mut().zip(part) {
            *total += views;
        }
        strays.extend(part_strays);
    }
    strays.sort_unstable();
    strays.dedup();
    strays.truncate(MAX_STRAYS);
    let truth = |page: &u32| known.binary_search(page).map_or(0, |i| tally[i]);
    let pages_then_strays = || pages.iter().chain(&strays);
    Outcome {
        counted: pages_then_strays().map(|&p| (p, A::total(&counter, p))).collect(),
        tallied: pages_then_strays().map(|p| (*p, truth(p))).collect(),
    }
}

/// Where `page` is in `known` (sorted, distinct), as `binary_search` says, with a fast path for
/// consecutive ids (the generated traffic's pages), so the tally adds as little as possible to
/// the time of both sides.
fn position(known: &[u32], page: u32) -> Result<usize, usize> {
    let guess = page.wrapping_sub(known.first().copied().unwrap_or(0)) as usize;
    match known.get(guess) {
        Some(&at) if at == page => Ok(guess),
        _ => known.binary_search(&page),
    }
}

/// The yardstick: the threaded run of `A` (the frozen starter), answered with the true tally.
pub fn tallied<A: Api>((pages, trace): &(Vec<u32>, Vec<u32>)) -> Vec<(u32, u64)> {
    let outcome = run::<A>(pages, trace);
    black_box(outcome.counted);
    outcome.tallied
}

/// The subject: the threaded run of `A`, answered with what its counter reports.
pub fn counted<A: Api>((pages, trace): &(Vec<u32>, Vec<u32>)) -> Vec<(u32, u64)> {
    let outcome = run::<A>(pages, trace);
    black_box(outcome.tallied);
    outcome.counted
}

/// The counted scenario: [`TRIALS`] trials, each with a fresh counter for the input's pages
/// and [`THREADS`] threads released together by a barrier, each recording `n / THREADS` views
/// of the first [`HOT_PAGES`] pages in turn. Counts the views lost (expected minus reported,
/// summed over pages and trials; a page reported with *more* views than it had counts too).
pub fn count<A: Api>((pages, trace): &(Vec<u32>, Vec<u32>)) -> Vec<Count> {
    let mut known = pages.clone();
    known.sort_unstable();
    known.dedup();
    let hot: Vec<u32> = known.iter().copied().take(HOT_PAGES).collect();
    // No page, no view to record (the generated traffic always has pages).
    let per_thread = if hot.is_empty() { 0 } else { trace.len() / THREADS };
    // Views of hot page i by one thread: the positions j < per_thread with j % hot.len() == i.
    let expected_per_page = |i: usize| (per_thread + hot.len() - 1 - i) / hot.len();
    let (mut wrong, mut worst, mut extra, mut bad_trials) = (0_u64, 0_u64, 0_u64, 0);
    for _ in 0..TRIALS {
        let counter = A::new_counter(pages);
        let start = Barrier::new(THREADS);
        thread::scope(|s| {
            for _ in 0..THREADS {
                let (counter, start, hot) = (&counter, &start, &hot);
                s.spawn(move || {
                    start.wait();
                    for j in 0..per_thread {
                        A::record(counter, hot[j % hot.len()]);
                    }
                });
            }
        });
        let mut trial = 0;
        for (i, &page) in hot.iter().enumerate() {
            let expected = (THREADS * expected_per_page(i)) as u64;
            let reported = A::total(&counter, page);
            trial += expected.abs_diff(reported);
            extra += reported.saturating_sub(expected);
        }
        wrong += trial;
        worst = worst.max(trial);
        bad_trials += u64::from(trial > 0);
    }
    let recorded = TRIALS * (THREADS * per_thread) as u64;
    let detail = if extra > 0 {
        format!(
            "miscounted {} of {} views over {TRIALS} trials ({} of them counted twice or invented); \
             each trial: {THREADS} threads × {} views of {} hot pages",
            thousands(wrong),
            thousands(recorded),
            thousands(extra),
            thousands(per_thread as u64),
            hot.len()
        )
    } else if wrong == 0 {
        format!(
            "all {} updates counted over {TRIALS} trials; each trial: {THREADS} threads × {} views of \
             {} hot pages, released at once",
            thousands(recorded),
            thousands(per_thread as u64),
            hot.len()
        )
    } else {
        format!(
            "lost {} of {} updates over {TRIALS} trials (in {bad_trials} of them; the worst lost {}); \
             each trial: {THREADS} threads × {} views of {} hot pages, released at once",
            thousands(wrong),
            thousands(recorded),
            thousands(worst),
            thousands(per_thread as u64),
            hot.len()
        )
    };
    vec![Count {
        counter: "lost-updates",
        value: wrong,
        unit: "lost updates",
        detail: Some(detail),
    }]
}

/// Hand-picked traffic (no pages or no views, unknown pages only, a page listed twice, the
/// ids' extremes, more views or pages than a `u16` counts, pages out of order), then random
/// views of three pages.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<(Vec<u32>, Vec<u32>)>> {
    let few: Vec<u32> = vec![3, 1, 2];
    let mut cases = vec![
        case("edge case: no pages, no views", (vec![], vec![])),
        case("edge case: no views", (few.clone(), vec![])),
        case("edge case: no pages", (vec![], vec![1, 2, 3])),
        case("edge case: one view", (few.clone(), vec![2])),
        case("edge case: only unknown pages", (few.clone(), vec![9, 9, 8, 0])),
        case(
            "edge case: a page listed twice",
            (vec![5, 5, 6], vec![5, 6, 5, 5]),
        ),
        case(
            "edge case: extreme ids",
            (vec![0, u32::MAX], vec![0, u32::MAX, 1, u32::MAX]),
        ),
        case("edge case: one page, many views", (vec![42], vec![42; 10_000])),
        case(
            "edge case: one page, more views than a u16 can count",
            (vec![42], vec![42; 70_000]),
        ),
        case(
            "edge case: more pages than a u16 can number",
            (
                (0..70_000).collect(),
                [
                    vec![69_999; 5],
                    vec![65_536; 3],
                    vec![0; 2],
                    vec![65_535, 1, 70_000],
                ]
                .concat(),
            ),
        ),
        case(
            "edge case: pages out of order",
            (
                vec![30, 10, 20],
                [vec![10; 7], vec![20; 5], vec![30; 3], vec![40]].concat(),
            ),
        ),
    ];
    for views in [3, 4, 5, 7, 1000] {
        let trace = (0..views).map(|_| few[rng.usize(..few.len())]).collect();
        cases.push(case(
            format!("edge case: {views} views of 3 pages"),
            (few.clone(), trace),
        ));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Starter;
    use crate::inputs::views::{FIRST_PAGE, PAGES, traffic};

    #[test]
    fn traffic_is_seeded_and_mostly_hot() {
        let (pages, trace) = traffic(&mut Rng::with_seed(1), 10_000);
        assert_eq!((pages, trace.clone()), traffic(&mut Rng::with_seed(1), 10_000));
        let (pages, _) = traffic(&mut Rng::with_seed(1), 0);
        assert_eq!(pages.len(), PAGES);
        assert_eq!(pages[0], FIRST_PAGE);
        assert!(pages.windows(2).all(|w| w[0] < w[1]), "sorted and distinct");
        let hot = trace.iter().filter(|p| pages[..HOT_PAGES].contains(p)).count();
        assert!((6_000..7_000).contains(&hot), "{hot} hot views");
        let strays = trace.iter().filter(|p| !pages.contains(p)).count();
        assert!((50..150).contains(&strays), "{strays} stray views");
    }

    #[test]
    fn on_one_page_per_thread_the_tally_and_the_starter_agree() {
        // Each thread's quarter of the trace holds views of one page only: no two threads
        // touch the same count, so even the starter loses nothing.
        let trace: Vec<u32> = (0..4).flat_map(|p| vec![p; 500]).collect();
        let outcome = run::<Starter>(&[0, 1, 2, 3], &trace);
        assert_eq!(outcome.counted, outcome.tallied);
        assert_eq!(outcome.tallied, vec![(0, 500), (1, 500), (2, 500), (3, 500)]);
    }

    #[test]
    fn positions_agree_with_binary_search() {
        for known in [
            vec![],
            vec![5],
            vec![3, 4, 5, 6],
            vec![1, 7, 9, 10, u32::MAX],
            vec![0, u32::MAX],
        ] {
            for page in [0, 1, 3, 4, 6, 7, 8, 9, 10, 11, u32::MAX - 1, u32::MAX] {
                assert_eq!(
                    position(&known, page),
                    known.binary_search(&page),
                    "{known:?}, {page}"
                );
            }
        }
    }

    #[test]
    fn strays_are_reported_at_zero() {
        let outcome = run::<Starter>(&[1], &[1, 7, 7, 9]);
        assert_eq!(outcome.tallied, vec![(1, 1), (7, 0), (9, 0)]);
        assert_eq!(outcome.counted, outcome.tallied);
    }

    #[test]
    fn the_starter_loses_updates_in_the_counted_scenario() {
        // A race is likely, never certain: on a busy machine one scenario in a few may see
        // none, so the starter gets up to five chances to show it.
        let input = traffic(&mut Rng::with_seed(5), 100_000);
        let lost = (0..5)
            .map(|_| count::<Starter>(&input))
            .inspect(|counts| assert_eq!(counts[0].counter, "lost-updates"))
            .find(|counts| counts[0].value > 0);
        assert!(lost.is_some(), "the starter lost no update in five scenarios");
    }
}
