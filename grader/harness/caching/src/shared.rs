//! `shared-lookups`: one price table shared by request threads, in front of a service whose
//! every call takes a while.
//!
//! An input is a trace of lookups; [`THREADS`] threads each serve a contiguous slice of it, all
//! slices drawing on the same popular skus. The backend sleeps through its latency, so threads
//! that wait for it in parallel overlap, even on two cores.
//!
//! Every backend has prices of its own (see [`crate::instance_price`]), and each answer is
//! judged against the backend of the cache that gave it: a table shared by every instance
//! answers with another backend's prices.

use crate::inputs::shared::{LATENCY, THREADS};
use crate::{Answer, Api, Served, backend_of, instance_price, next_instance};
use fastrand::Rng;
use grader_kit::Count;
use grader_kit::correctness::{Case, case};
use grader_kit::text::thousands;
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier, Mutex, PoisonError};
use std::thread::ScopedJoinHandle;
use std::time::Duration;

/// The subject's `SharedPriceCache`, as the harness drives it: shared by reference between
/// threads, so it must be `Sync`.
pub trait SharedPriceCacheApi: Sync {
    /// `SharedPriceCache::price`.
    fn price(&self, sku: u32) -> u64;
}

/// What each fetch takes in the counted scenario: long enough that threads released together
/// all ask before the first fetch returns.
pub const HERD_LATENCY: Duration = Duration::from_millis(2);

/// Rounds of the counted scenario's stampede: in each, every thread asks for the same cold sku
/// at the same moment.
pub const HERD_ROUNDS: u32 = 16;

/// The harness's pricing service: sleeps through its latency, and counts fetches per sku. Each
/// backend has prices of its own.
#[derive(Debug)]
pub struct Backend {
    instance: u64,
    latency_us: AtomicU64,
    fetches: Mutex<HashMap<u32, u64>>,
}

impl Backend {
    /// A backend whose fetches sleep for `latency`.
    pub fn new(latency: Duration) -> Self {
        Backend {
            instance: next_instance(),
            latency_us: AtomicU64::new(latency.as_micros() as u64),
            fetches: Mutex::new(HashMap::new()),
        }
    }

    /// The subject's call: counted, then a sleep (the lock is not held while sleeping).
    pub fn fetch(&self, sku: u32) -> u64 {
        *self
            .fetches
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(sku)
            .or_insert(0) += 1;
        let latency = self.latency_us.load(Ordering::Relaxed);
        if latency > 0 {
            std::thread::sleep(Duration::from_micros(latency));
        }
        self.price(sku)
    }

    /// The sku's price at this backend (not counted, no wait).
    pub fn price(&self, sku: u32) -> u64 {
        instance_price(self.instance, sku)
    }

    /// `answer` to a lookup of `sku`, judged against this backend's price.
    pub fn judge(&self, sku: u32, answer: u64) -> Answer {
        let truth = self.price(sku);
        if answer == truth {
            Answer::Right
        } else if let Some(other) = backend_of(answer, sku) {
            Answer::Wrong(format!(
                "returned {answer} for sku {sku}, the price another cache's backend (#{other}) gave; its own \
                 backend (#{}) charges {truth}: each SharedPriceCache must keep its prices to itself",
                self.instance
            ))
        } else {
            Answer::Wrong(format!(
                "returned {answer} for sku {sku}, a price it never had; the backend charges {truth}"
            ))
        }
    }

    /// Changes the latency of the fetches to come.
    pub fn set_latency(&self, latency: Duration) {
        self.latency_us
            .store(latency.as_micros() as u64, Ordering::Relaxed);
    }

    /// Fetches so far, by sku.
    pub fn fetches(&self) -> HashMap<u32, u64> {
        self.fetches
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The first sku fetched more than once (the smallest, among the most fetched), as a fault.
    pub fn duplicate_load(&self) -> Option<String> {
        let fetches = self.fetches();
        let duplicates: u64 = fetches.values().map(|f| f - 1).sum();
        let (sku, times) = fetches
            .into_iter()
            .filter(|&(_, f)| f > 1)
            .max_by_key(|&(sku, f)| (f, std::cmp::Reverse(sku)))?;
        Some(format!(
            "sku {sku} was loaded {times} times from the backend ({duplicates} duplicate loads in all): each \
             price must be fetched at most once"
        ))
    }
}

/// The threads' slices of a trace: [`THREADS`] contiguous slices, as equal as can be.
fn slices(skus: &[u32]) -> Vec<&[u32]> {
    let per_thread = skus.len().div_ceil(THREADS).max(1);
    skus.chunks(per_thread).collect()
}

/// [`THREADS`] threads share one fresh cache in front of a fresh backend, each asking for its
/// slice of the trace; returns the answers, slice after slice, each judged against the
/// backend, and as a fault the first sku the backend was asked for more than once.
#[allow(clippy::ptr_arg)] // the task's input type is Vec<u32>
pub fn serve<S: Api>(skus: &Vec<u32>) -> Served {
    let backend = Arc::new(Backend::new(LATENCY));
    let cache = S::shared_price_cache(Arc::clone(&backend));
    let cache = &*cache;
    let prices = std::thread::scope(|scope| {
        let threads: Vec<_> = slices(skus)
            .into_iter()
            .map(|slice| scope.spawn(move || slice.iter().map(|&sku| cache.price(sku)).collect::<Vec<u64>>()))
            .collect();
        join_all(threads).concat()
    });
    Served {
        answers: (skus.iter().zip(prices))
            .map(|(&sku, price)| backend.judge(sku, price))
            .collect(),
        faults: backend.duplicate_load().into_iter().collect(),
    }
}

/// Joins every thread, then raises the first one's panic with its own message (a scope left to
/// join them itself would panic with "a scoped thread panicked" instead).
fn join_all<T>(threads: Vec<ScopedJoinHandle<'_, T>>) -> Vec<T> {
    let results: Vec<_> = threads.into_iter().map(ScopedJoinHandle::join).collect();
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|panic| resume_unwind(panic)))
        .collect()
}

/// The counted scenario: first a stampede, [`HERD_ROUNDS`] rounds in which the [`THREADS`]
/// threads, released together by a barrier, ask for the same cold sku (one outside the
/// catalogue) at the same moment, with fetches of [`HERD_LATENCY`]; then the trace, served as
/// [`serve`] does; then, while the first cache is still alive, a second one, in front of a
/// backend of its own, is asked once for every sku of the trace. Counts `wrong-answers`
/// (answers, of either cache, that are not its own backend's price), `duplicate-loads`
/// (fetches of a sku after its first, summed over skus) and `backend-calls` (the first
/// cache's).
#[allow(clippy::ptr_arg)]
pub fn count<S: Api>(skus: &Vec<u32>) -> Vec<Count> {
    let backend = Arc::new(Backend::new(HERD_LATENCY));
    let cache = S::shared_price_cache(Arc::clone(&backend));
    let cache = &*cache;
    let barrier = Barrier::new(THREADS);
    let herd_answers: Vec<(u32, u64)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    // A thread whose lookup panics keeps meeting the others at the barrier, so
                    // they are not left waiting for it forever; its panic is raised at the end.
                    let mut panicked = None;
                    let mut answers = Vec::new();
                    for round in 0..HERD_ROUNDS {
                        barrier.wait();
                        if panicked.is_none() {
                            let sku = cold_sku(round);
                            match catch_unwind(AssertUnwindSafe(|| cache.price(sku))) {
                                Ok(price) => answers.push((sku, price)),
                                Err(panic) => panicked = Some(panic),
                            }
                        }
                    }
                    if let Some(panic) = panicked {
                        resume_unwind(panic);
                    }
                    answers
                })
            })
            .collect();
        join_all(threads).concat()
    });
    backend.set_latency(LATENCY);
    let trace_answers: Vec<u64> = std::thread::scope(|scope| {
        let threads: Vec<_> = slices(skus)
            .into_iter()
            .map(|slice| scope.spawn(move || slice.iter().map(|&sku| cache.price(sku)).collect::<Vec<u64>>()))
            .collect();
        join_all(threads).concat()
    });
    // A second cache, in front of a backend of its own, asked for each sku once while the
    // first is still alive: its answers must be its own backend's prices.
    let second_backend = Arc::new(Backend::new(Duration::ZERO));
    let second = S::shared_price_cache(Arc::clone(&second_backend));
    let mut distinct_skus: Vec<u32> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    distinct_skus.extend(skus.iter().copied().filter(|&sku| seen.insert(sku)));
    let mut wrong = 0_u64;
    let mut first_wrong = None;
    let answers = (herd_answers
        .into_iter()
        .map(|(sku, price)| ("", &backend, sku, price)))
    .chain(
        skus.iter()
            .zip(trace_answers)
            .map(|(&sku, price)| ("", &backend, sku, price)),
    )
    .chain((distinct_skus.iter()).map(|&sku| {
        (
            "a second cache, in front of a backend of its own, ",
            &second_backend,
            sku,
            second.price(sku),
        )
    }));
    for (who, judge, sku, price) in answers {
        if let Answer::Wrong(why) = judge.judge(sku, price) {
            wrong += 1;
            first_wrong.get_or_insert(format!("{who}{why}"));
        }
    }
    drop(second);

    let fetches = backend.fetches();
    let calls: u64 = fetches.values().sum();
    let duplicates: u64 = fetches.values().map(|f| f - 1).sum();
    let worst = fetches
        .iter()
        .max_by_key(|&(sku, f)| (*f, std::cmp::Reverse(*sku)))
        .map(|(&sku, &f)| (sku, f));
    let lookups = skus.len() as u64 + u64::from(HERD_ROUNDS) * THREADS as u64;
    let herd = format!("{HERD_ROUNDS} rounds in which {THREADS} threads asked for the same cold sku at once");
    let duplicate_detail = match worst {
        Some((sku, f)) if f > 1 => format!(
            "sku {sku} loaded {f} times ({} duplicate loads in all, after {herd} and {} lookups of the trace)",
            thousands(duplicates),
            thousands(skus.len() as u64)
        ),
        _ => format!(
            "each of {} skus loaded once, {herd} included",
            thousands(fetches.len() as u64)
        ),
    };
    let wrong_detail = match first_wrong {
        Some(why) => format!(
            "first wrong answer: {why} ({} wrong answers in all)",
            thousands(wrong)
        ),
        None => format!(
            "every answer was the backend's price, {herd} and {} lookups of the trace included, and a second \
             cache in front of a backend of its own answered its own prices",
            thousands(skus.len() as u64)
        ),
    };
    vec![
        Count {
            counter: "wrong-answers",
            value: wrong,
            unit: "wrong answers",
            detail: Some(wrong_detail),
        },
        Count {
            counter: "duplicate-loads",
            value: duplicates,
            unit: "duplicate loads",
            detail: Some(duplicate_detail),
        },
        Count {
            counter: "backend-calls",
            value: calls,
            unit: "backend calls",
            detail: Some(format!(
                "{} backend calls for {} distinct skus ({} lookups by {THREADS} threads)",
                thousands(calls),
                thousands(fetches.len() as u64),
                thousands(lookups)
            )),
        },
    ]
}

/// The sku of the stampede's round `round`: below every catalogue sku, so never cached yet.
pub fn cold_sku(round: u32) -> u32 {
    1 + round
}

/// `n` lookups, as the exercise's benchmark makes them (see
/// [`crate::inputs::shared::lookups`]).
pub fn trace(rng: &mut Rng, n: usize) -> Vec<u32> {
    crate::inputs::shared::lookups(rng, n)
}

/// Hand-picked traces (nothing asked, fewer lookups than threads, one sku for every thread,
/// the skus' extremes, a second pass over the same skus), then random traces of awkward sizes.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<Vec<u32>>> {
    let mut cases = vec![
        case("edge case: nothing asked", vec![]),
        case("edge case: one lookup", vec![42]),
        case("edge case: fewer lookups than threads", vec![5, 6, 5]),
        case("edge case: every thread asks for the same sku", vec![9; 64]),
        case(
            "edge case: skus 0 and u32::MAX (prices 0 and u64::MAX)",
            vec![0, u32::MAX, 0, u32::MAX, 1, 0],
        ),
        case(
            "edge case: every sku once",
            (0..100).map(|i| 1_000 + 3 * i).collect(),
        ),
        case(
            "edge case: 300 skus, then the same 300 again",
            (0..600).map(|i| 20_000 + 7 * (i % 300)).collect(),
        ),
    ];
    for n in [5, 7, 31, 33, 63, 100, 257] {
        cases.push(case(format!("random trace of {n} lookups"), trace(rng, n)));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Starter;
    use crate::inputs::shared::CATALOGUE;
    use crate::inputs::sku_of_rank;
    use std::collections::HashSet;

    #[test]
    fn slices_cover_the_trace_in_order() {
        for n in [0, 1, 3, 4, 5, 17, 100] {
            let skus: Vec<u32> = (0..n).collect();
            let slices = slices(&skus);
            assert!(slices.len() <= THREADS);
            assert_eq!(slices.concat(), skus);
        }
    }

    #[test]
    fn cold_skus_are_outside_the_catalogue() {
        let catalogue: HashSet<u32> = (0..CATALOGUE).map(sku_of_rank).collect();
        assert!((0..HERD_ROUNDS).all(|r| !catalogue.contains(&cold_sku(r))));
    }

    #[test]
    fn the_starter_serves_every_answer_and_loads_each_sku_once() {
        let skus = trace(&mut Rng::with_seed(4), 200);
        let served = serve::<Starter>(&skus);
        assert!(served.answers.iter().all(|a| *a == Answer::Right));
        assert!(served.faults.is_empty(), "{:?}", served.faults);
        let counts = count::<Starter>(&skus);
        let value = |name: &str| counts.iter().find(|c| c.counter == name).unwrap().value;
        let distinct = skus.iter().collect::<HashSet<_>>().len() as u64 + u64::from(HERD_ROUNDS);
        assert_eq!((value("wrong-answers"), value("duplicate-loads")), (0, 0));
        assert_eq!(value("backend-calls"), distinct);
    }
}
