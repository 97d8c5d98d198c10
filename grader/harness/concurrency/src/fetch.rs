//! `async-fetch`: the products of a page, fetched from a slow catalog service.
//!
//! Every run happens in a tokio runtime whose clock is paused: the runtime jumps its clock to
//! the next timer whenever every task is waiting, so the service's 20–80 ms latencies cost no
//! real time, and the time the requests take (the *virtual* time) is exact and the same on
//! every machine. Blocking the runtime's thread does not advance that clock, so blocking is
//! caught by the wall clock instead.

use crate::inputs::catalog::{LIMIT, product_ids};
use crate::{Api, mix};
use fastrand::Rng;
use grader_kit::Count;
use grader_kit::correctness::{Case, Output, case};
use grader_kit::text::thousands;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Wall-clock time a run may take beyond which the excess counts as blocked: a run that never
/// blocks takes a few milliseconds of real time, whatever its virtual time.
pub const WALL_ALLOWANCE: Duration = Duration::from_millis(250);

/// The harness's catalog service: sleeps (in the runtime's clock) through each request's
/// latency, and counts requests and how many are in flight at once.
#[derive(Debug, Default)]
pub struct Service {
    requests: AtomicU64,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
}

impl Service {
    /// One request: counted in flight from its first poll until it completes or is dropped.
    pub async fn fetch(&self, id: u32) -> u64 {
        let _in_flight = InFlight::start(self);
        tokio::time::sleep(latency(id)).await;
        price(id)
    }

    /// Requests received so far.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    /// The most requests in flight at the same moment.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

/// One request in flight.
struct InFlight<'a>(&'a Service);

impl<'a> InFlight<'a> {
    fn start(service: &'a Service) -> Self {
        service.requests.fetch_add(1, Ordering::SeqCst);
        let now = service.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        service.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(service)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How long the harness's service takes to answer a request for `id`: 20 to 80 ms.
pub fn latency(id: u32) -> Duration {
    Duration::from_millis(20 + mix(0x1a7e, u64::from(id)) % 61)
}

/// The harness's price of product `id`, in cents.
pub fn price(id: u32) -> u64 {
    99 + mix(0x9c1e, u64::from(id)) % 99_901
}

/// What one run of `fetch_all` did.
#[derive(Debug)]
pub struct Run {
    /// The products, as (id, price in cents).
    pub products: Vec<(u32, u64)>,
    /// Virtual time from the call to its answer.
    pub virtual_time: Duration,
    /// Real time from the call to its answer.
    pub wall_time: Duration,
    /// Requests the service received.
    pub requests: u64,
    /// The most requests in flight at once.
    pub max_in_flight: usize,
}

/// Runs `A::fetch_all(ids, limit)` on a fresh service, in a fresh single-threaded runtime with
/// a paused clock.
pub fn run<A: Api>(ids: &[u32], limit: usize) -> Run {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a tokio runtime");
    let service = Arc::new(Service::default());
    let wall = Instant::now();
    let (products, virtual_time) = runtime.block_on(async {
        let start = tokio::time::Instant::now();
        let products = A::fetch_all(Arc::clone(&service), ids, limit).await;
        (products, start.elapsed())
    });
    let wall_time = wall.elapsed();
    drop(runtime);
    Run {
        products,
        virtual_time,
        wall_time,
        requests: service.requests(),
        max_in_flight: service.max_in_flight(),
    }
}

/// What a run of `fetch_all` gave: the products (ids and prices, in the order of the ids), and
/// the rules the run broke, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The products, as (id, price in cents).
    pub products: Vec<(u32, u64)>,
    /// Broken rules: more requests in flight than the limit, a blocked runtime, a page slower
    /// than one request at a time.
    pub faults: Vec<String>,
}

impl Output for Fetched {
    fn first_difference(&self, actual: &Self) -> String {
        match actual.faults.first() {
            Some(fault) if self.faults.is_empty() => match actual.faults.len() {
                1 => fault.clone(),
                n => format!("{fault} (and {} more)", n - 1),
            },
            _ => self.products.first_difference(&actual.products),
        }
    }
}

/// The yardstick's answer: the frozen starter's products, and no fault (the starter keeps one
/// request in flight and never blocks; its wall-clock time is no part of the yardstick).
pub fn products<A: Api>((ids, limit): &(Vec<u32>, usize)) -> Fetched {
    Fetched {
        products: run::<A>(ids, *limit).products,
        faults: Vec::new(),
    }
}

/// The subject's answer, every case judged on every rule the counted scenario counts: at most
/// `limit` requests in flight at any moment (a limit of 0 counts as 1, as `fetch_all`'s
/// documentation says), nothing blocking the runtime (wall-clock time beyond
/// [`WALL_ALLOWANCE`] plus a millisecond per request), and no more virtual time than the
/// requests take one at a time.
pub fn audited<A: Api>((ids, limit): &(Vec<u32>, usize)) -> Fetched {
    let run = run::<A>(ids, *limit);
    let allowed = (*limit).max(1);
    let sequential: Duration = ids.iter().map(|&id| latency(id)).sum();
    let allowance = WALL_ALLOWANCE + Duration::from_millis(ids.len() as u64);
    let mut faults = Vec::new();
    if run.max_in_flight > allowed {
        faults.push(format!(
            "{} requests were in flight at once with a limit of {limit}{}",
            run.max_in_flight,
            if *limit == 0 {
                " (a limit of 0 counts as 1)"
            } else {
                ""
            }
        ));
    }
    if run.wall_time > allowance {
        faults.push(format!(
            "the run took {:.2} s of wall-clock time for {:.2} s of virtual time: something blocks the \
             runtime's thread instead of awaiting",
            run.wall_time.as_secs_f64(),
            run.virtual_time.as_secs_f64()
        ));
    }
    if run.virtual_time > sequential {
        faults.push(format!(
            "the {} requests took {} ms of virtual time, more than the {} ms they take one at a time",
            ids.len(),
            thousands(run.virtual_time.as_millis() as u64),
            thousands(sequential.as_millis() as u64)
        ));
    }
    Fetched {
        products: run.products,
        faults,
    }
}

/// The counted scenario: one run on the fixed input. Counts the virtual time, the most
/// requests in flight at once, and the wall-clock time beyond [`WALL_ALLOWANCE`].
pub fn count<A: Api>((ids, limit): &(Vec<u32>, usize)) -> Vec<Count> {
    let run = run::<A>(ids, *limit);
    let sequential: Duration = ids.iter().map(|&id| latency(id)).sum();
    let virtual_ms = run.virtual_time.as_millis() as u64;
    let blocked = run.wall_time.saturating_sub(WALL_ALLOWANCE);
    let requests = ids.len();
    vec![
        Count {
            counter: "virtual-ms",
            value: virtual_ms,
            unit: "ms of virtual time",
            detail: Some(format!(
                "the {requests} requests took {} ms of virtual time with a limit of {limit} in flight; \
                 one at a time they take {} ms",
                thousands(virtual_ms),
                thousands(sequential.as_millis() as u64),
            )),
        },
        Count {
            counter: "max-in-flight",
            value: run.max_in_flight as u64,
            unit: "in flight at once",
            detail: Some(format!(
                "{} of the {requests} requests were in flight at once, with a limit of {limit}",
                run.max_in_flight
            )),
        },
        Count {
            counter: "blocked-ms",
            value: blocked.as_millis() as u64,
            unit: "blocked milliseconds",
            detail: Some(if blocked.is_zero() {
                format!(
                    "the run took {:.2} s of wall-clock time for {:.2} s of virtual time: nothing blocked \
                     the runtime",
                    run.wall_time.as_secs_f64(),
                    run.virtual_time.as_secs_f64()
                )
            } else {
                format!(
                    "the run took {:.2} s of wall-clock time but only {:.2} s of virtual time: something \
                     blocks the runtime's thread (std::thread::sleep, a blocking call, a long computation) \
                     instead of awaiting",
                    run.wall_time.as_secs_f64(),
                    run.virtual_time.as_secs_f64()
                )
            }),
        },
    ]
}

/// A page of `n` product ids, as the exercise's benchmark makes them (see
/// [`crate::inputs::catalog::product_ids`]), with a limit of [`LIMIT`] requests in flight.
pub fn page_of_ids(rng: &mut Rng, n: usize) -> (Vec<u32>, usize) {
    (product_ids(rng, n), LIMIT)
}

/// Edge cases: the limit's extremes (0, which counts as 1, 1, `usize::MAX`), the ids'
/// (0, `u32::MAX`, repeats), and more ids than a `u16` can number.
pub fn edge_cases(rng: &mut Rng) -> Vec<Case<(Vec<u32>, usize)>> {
    let mut cases = vec![
        case("edge case: no ids", (vec![], LIMIT)),
        case("edge case: no ids, limit 0", (vec![], 0)),
        case("edge case: one id, limit 0", (vec![7], 0)),
        case("edge case: one id, limit 1", (vec![7], 1)),
        case("edge case: one id, a large limit", (vec![7], 1_000_000)),
        case("edge case: one id, limit usize::MAX", (vec![7], usize::MAX)),
        case("edge case: the same id five times", (vec![5; 5], 2)),
        case(
            "edge case: extreme ids",
            (vec![0, u32::MAX, 1, u32::MAX - 1, 0], 3),
        ),
        case("edge case: limit 0", ((0..20).collect(), 0)),
        case("edge case: limit 1", ((0..20).collect(), 1)),
        case("edge case: limit 2", ((0..20).collect(), 2)),
        case("edge case: the limit equals the ids", ((0..20).collect(), 20)),
        case(
            "edge case: the limit exceeds the ids",
            ((0..20).rev().collect(), 21),
        ),
        case("edge case: limit usize::MAX", ((0..20).collect(), usize::MAX)),
        case(
            "edge case: limit usize::MAX - 1",
            ((100..130).collect(), usize::MAX - 1),
        ),
    ];
    for limit in [0, 1, 2, 3, LIMIT, 64, usize::MAX] {
        let ids = (0..100).map(|_| rng.u32(..)).collect();
        cases.push(case(
            format!("edge case: 100 random ids, limit {limit}"),
            (ids, limit),
        ));
    }
    // More ids than a u16 can number, the last ones different from the first.
    let many: Vec<u32> = (0..65_540).map(|i| 1_000_000 + i % 65_537).collect();
    cases.push(case("edge case: 65,540 ids, limit 256", (many, 256)));
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Starter;

    #[test]
    fn latencies_and_prices_stay_in_range() {
        for id in [0, 1, 100_000, u32::MAX] {
            assert!((20..=80).contains(&(latency(id).as_millis() as u64)));
            assert!((99..100_000).contains(&price(id)));
        }
    }

    #[test]
    fn the_starter_takes_the_sum_of_the_latencies_in_virtual_time() {
        let (ids, limit) = page_of_ids(&mut Rng::with_seed(2), 50);
        let run = run::<Starter>(&ids, limit);
        let sum: Duration = ids.iter().map(|&id| latency(id)).sum();
        assert_eq!(run.virtual_time, sum);
        assert_eq!((run.requests, run.max_in_flight), (50, 1));
        assert!(run.wall_time < WALL_ALLOWANCE, "{:?}", run.wall_time);
        let expected: Vec<(u32, u64)> = ids.iter().map(|&id| (id, price(id))).collect();
        assert_eq!(run.products, expected);
    }

    #[test]
    fn the_starter_passes_the_in_flight_and_blocking_counts_only() {
        let input = page_of_ids(&mut Rng::with_seed(3), 200);
        let counts = count::<Starter>(&input);
        let value = |name: &str| counts.iter().find(|c| c.counter == name).unwrap().value;
        assert_eq!(value("max-in-flight"), 1);
        assert_eq!(value("blocked-ms"), 0);
        assert!(value("virtual-ms") > 8_000, "{}", value("virtual-ms"));
    }
}
