//! Task `under-load`: the learner's server against the frozen starter's, on loopback.
//!
//! Both start on their own copy of one seeded database. The correctness sequence goes to each,
//! one request at a time, and every answer and then every table row must agree. Then come
//! interleaved rounds (who goes first alternates; the idle server is paused with SIGSTOP, so it
//! can neither steal CPU nor do work in the other's turn), each with a throughput phase and a
//! responsiveness phase (see [`crate::load`]). Every read under load is compared with the
//! starter's answer to the same request. Measured: throughput, the light requests' tail latency,
//! stale reads after writes, and each server's peak resident memory.

use crate::catalog::Catalog;
use crate::client::{Call, Connection, Failure};
use crate::compare::{Mask, database_difference, difference};
use crate::figures::{decided, percentile, ratio_measurement, service_figures};
use crate::load::{REQUEST_LIMIT, RoundRun, SlotAnswer, Unanswered, run_round};
use crate::plan::{self, Class, MIXED_REQUESTS, Planned};
use crate::server::Side;
use crate::servers::{Program, READY_WAIT, Server, ServerFailure};
use grader_kit::measure::exact;
use grader_kit::phase::set_phase;
use grader_kit::protocol::{Evidence, Goal, Measurement, Mismatch, Request, Response, ServerEnd};
use grader_kit::spec::Check;
use grader_kit::{Count, Task};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Rounds never go beyond this, whatever the budget.
pub const MAX_ROUNDS: usize = 16;

/// Memory a server may use (RLIMIT_DATA).
const SERVER_MEMORY: u64 = 2 << 30;

/// The `under-load` task: `create_database` is the frozen starter's seeding.
#[derive(Debug)]
pub struct UnderLoad {
    program: Program,
    create_database: fn(&Path, u64) -> Result<(), String>,
    ready_wait: Duration,
    request_limit: Duration,
    in_process: Option<crate::profiled::Run>,
}

impl UnderLoad {
    /// The task, starting servers with `program` and seeding with `create_database`.
    pub fn new(program: Program, create_database: fn(&Path, u64) -> Result<(), String>) -> Self {
        UnderLoad {
            program,
            create_database,
            ready_wait: READY_WAIT,
            request_limit: REQUEST_LIMIT,
            in_process: None,
        }
    }

    /// The same task, able to `profile` the subject by running its server with `run` inside
    /// the profiled process.
    pub fn profiling_with(self, run: crate::profiled::Run) -> Self {
        UnderLoad {
            in_process: Some(run),
            ..self
        }
    }

    /// The same task with other waits: for a server to become ready, and for one answer.
    pub fn with_limits(self, ready_wait: Duration, request_limit: Duration) -> Self {
        UnderLoad {
            ready_wait,
            request_limit,
            ..self
        }
    }
}

/// What ends grading early: the response to give.
type Stop = Response;

impl Task for UnderLoad {
    fn name(&self) -> &str {
        "under-load"
    }

    fn runs_learner_code_in_process(&self) -> bool {
        false
    }

    fn profile(&self, request: &Request) -> bool {
        let Some(run) = self.in_process else {
            return false;
        };
        match crate::profiled::profile(&self.program, run, request.seed) {
            Ok(()) => true,
            Err(message) => {
                eprintln!("harness error: profiling the server under load: {message}");
                false
            }
        }
    }

    fn grade(&self, request: &Request) -> Response {
        let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
            Ok(runtime) => runtime,
            Err(e) => {
                return Response::Error {
                    message: format!("tokio runtime: {e}"),
                };
            }
        };
        match runtime.block_on(self.grade_async(request)) {
            Ok(response) | Err(response) => response,
        }
    }
}

impl UnderLoad {
    async fn grade_async(&self, request: &Request) -> Result<Response, Stop> {
        let root = std::env::current_dir().map_err(grader_error)?;
        set_phase("seeding the database".into());
        let seeded = root.join("seed").join("shop.db");
        std::fs::create_dir_all(seeded.parent().unwrap_or(&root)).map_err(grader_error)?;
        (self.create_database)(&seeded, request.seed).map_err(|e| error(format!("seeding: {e}")))?;
        let catalog = Catalog::read(&seeded).map_err(|e| error(format!("reading the seed: {e}")))?;
        if !catalog.top_is_safe_from(plan::most_units_per_product(MAX_ROUNDS)) {
            return Err(error(
                "the seeded top sellers are too close for the load's orders".into(),
            ));
        }
        let probes = request.checks.iter().find_map(|c| match c {
            Check::Count { counter, n, .. } if counter == "stale-reads" => Some(*n),
            _ => None,
        });
        let mut starter = self.start(Side::Starter, &root, &seeded).await?;
        let mut subject = self.start(Side::Subject, &root, &seeded).await?;
        let mut rng = fastrand::Rng::with_seed(request.seed);

        set_phase("sending the correctness sequence".into());
        let sequence = plan::sequence(&mut rng, &catalog);
        let expected = run_sequence(&mut starter, &sequence, self.request_limit).await?;
        let actual = run_sequence(&mut subject, &sequence, self.request_limit).await?;
        for (i, ((planned, e), a)) in sequence.iter().zip(&expected).zip(&actual).enumerate() {
            if let Some(d) = difference(e, a, Mask::default()) {
                return Ok(wrong_answer(
                    format!(
                        "the correctness sequence, request {} of {}",
                        i + 1,
                        sequence.len()
                    ),
                    &planned.call,
                    e,
                    a,
                    d,
                    &sequence[i.saturating_sub(3)..i],
                ));
            }
        }
        let databases = (db_of(&root, Side::Starter), db_of(&root, Side::Subject));
        if let Some(d) = database_difference(&databases.0, &databases.1).map_err(error)? {
            return Ok(Response::WrongAnswer(Mismatch {
                case: "the database after the correctness sequence".into(),
                input: format!("the {} requests of the sequence", sequence.len()),
                expected: "the starter's rows".into(),
                actual: "your server's rows".into(),
                difference: d,
                advice: Some(
                    "Every write must reach the database before its answer is sent, exactly as the starter writes it (you may add tables and indexes of your own).".into(),
                ),
            }));
        }

        let started = Instant::now();
        let budget = Duration::from_secs_f64(request.budget_s);
        let (mut starter_runs, mut subject_runs) = (Vec::new(), Vec::new());
        let (mut throughput, mut light) = (Vec::new(), Vec::new());
        let (throughput_goal, light_goal) = goals(&request.checks);
        let mut stale = Vec::new();
        let mut probes_sent = 0;
        for round in 0..MAX_ROUNDS {
            set_phase(format!("load round {}", round + 1));
            let lists = plan::round(&mut rng, &catalog, round, probes.unwrap_or(1));
            let order = if round % 2 == 0 {
                [Side::Starter, Side::Subject]
            } else {
                [Side::Subject, Side::Starter]
            };
            let (mut s_run, mut x_run) = (None, None);
            for side in order {
                let server = if side == Side::Starter {
                    &mut starter
                } else {
                    &mut subject
                };
                let run = run_on(server, &lists, self.request_limit).await?;
                if side == Side::Starter {
                    s_run = Some(run)
                } else {
                    x_run = Some(run)
                }
            }
            let (s_run, x_run) = (s_run.expect("ran"), x_run.expect("ran"));
            if let Some(response) = compare_round(round, &lists, &s_run, &x_run, &catalog) {
                return Ok(response);
            }
            for (slot, answer) in lists.light.iter().zip(&x_run.light) {
                if let (plan::Slot::Probe(probe), SlotAnswer::Probe(seen)) = (slot, answer) {
                    probes_sent += 1;
                    if seen.price_seen != Some(probe.price_cents) {
                        stale.push(format!(
                            "round {}: after PUT /products/{}/price set {} cents, GET /products/{} showed {}",
                            round + 1,
                            probe.product,
                            probe.price_cents,
                            probe.product,
                            seen.price_seen
                                .map_or("no price".into(), |p| format!("{p} cents"))
                        ));
                    }
                }
            }
            throughput.push(s_run.makespan.as_secs_f64() / x_run.makespan.as_secs_f64().max(1e-9));
            let p = light_percentile(&request.checks);
            light.push(
                percentile(&s_run.light_seconds(), p) / percentile(&x_run.light_seconds(), p).max(1e-9),
            );
            starter_runs.push(s_run);
            subject_runs.push(x_run);
            let settled = decided(&throughput, throughput_goal) && decided(&light, light_goal);
            // A stale read fails the task whatever the timings say: no need to time more rounds.
            let enough = round + 1 >= grader_kit::measure::MIN_ROUNDS || !stale.is_empty();
            if enough && (settled || started.elapsed() > budget || !stale.is_empty()) {
                break;
            }
        }
        let resident = (starter.peak_resident(), subject.peak_resident());
        starter.stop();
        subject.stop();

        let load = Evidence::Load {
            rounds: throughput.len(),
            requests: MIXED_REQUESTS,
            starter: service_figures(&starter_runs, MIXED_REQUESTS),
            subject: service_figures(&subject_runs, MIXED_REQUESTS),
        };
        let measurements =
            request
                .checks
                .iter()
                .map(|check| match check {
                    Check::Throughput { at_least } => Ok(ratio_measurement(
                        "throughput",
                        &throughput,
                        *at_least,
                        load.clone(),
                    )),
                    Check::LightLatency { at_least, .. } => Ok(ratio_measurement(
                        "light-latency",
                        &light,
                        *at_least,
                        load.clone(),
                    )),
                    Check::Count { counter, at_most, .. } if counter == "stale-reads" => Ok(
                        stale_measurement(&stale, probes_sent, *at_most, probes.unwrap_or(1)),
                    ),
                    Check::PeakResident { at_most_ratio } => match resident {
                        (Some(starter), Some(subject)) => {
                            Ok(resident_measurement(starter, subject, *at_most_ratio))
                        }
                        _ => Err(error(
                            "the kernel did not tell the servers' peak resident memory".into(),
                        )),
                    },
                    other => Err(error(format!(
                        "under-load cannot measure a {} check",
                        other.metric()
                    ))),
                })
                .collect::<Result<Vec<_>, _>>();
        Ok(match measurements {
            Ok(measurements) => Response::Measured {
                cases: sequence.len(),
                measurements,
            },
            Err(response) => response,
        })
    }

    /// Starts one server on its own copy of the seeded database, waits until it is ready, and
    /// pauses it.
    async fn start(&self, side: Side, root: &Path, seeded: &Path) -> Result<Server, Stop> {
        set_phase(format!("starting {}", side.label()));
        let database = db_of(root, side);
        std::fs::create_dir_all(database.parent().unwrap_or(root)).map_err(grader_error)?;
        std::fs::copy(seeded, &database).map_err(grader_error)?;
        let mut server = Server::start(&self.program, side, &database, SERVER_MEMORY).map_err(failed)?;
        server.wait_ready(self.ready_wait).await.map_err(failed)?;
        server.pause().map_err(failed)?;
        Ok(server)
    }
}

fn db_of(root: &Path, side: Side) -> PathBuf {
    root.join(side.arg()).join("shop.db")
}

fn goals(checks: &[Check]) -> (f64, f64) {
    let mut goals = (1.0, 1.0);
    for check in checks {
        match check {
            Check::Throughput { at_least } => goals.0 = *at_least,
            Check::LightLatency { at_least, .. } => goals.1 = *at_least,
            _ => {}
        }
    }
    goals
}

fn light_percentile(checks: &[Check]) -> f64 {
    checks
        .iter()
        .find_map(|c| match c {
            Check::LightLatency { percentile, .. } => Some(*percentile),
            _ => None,
        })
        .unwrap_or(99.0)
}

/// Sends the sequence to `server` one request at a time, on one connection.
async fn run_sequence(
    server: &mut Server,
    sequence: &[Planned],
    limit: Duration,
) -> Result<Vec<crate::client::Reply>, Stop> {
    server.resume().map_err(failed)?;
    let mut replies = Vec::with_capacity(sequence.len());
    let mut connection: Option<Connection> = None;
    for planned in sequence {
        let mut open = match connection.take() {
            Some(open) => open,
            None => Connection::open(server.port(), limit)
                .await
                .map_err(|f| unanswered(server, planned, f))?,
        };
        let reply = open
            .send(&planned.call, limit)
            .await
            .map_err(|f| unanswered(server, planned, f))?;
        // A server may close a connection after an error answer: open another next time.
        connection = Some(open);
        replies.push(reply);
    }
    server.pause().map_err(failed)?;
    Ok(replies)
}

/// One round on one server, resumed for it and paused after it.
async fn run_on(server: &mut Server, lists: &plan::Round, limit: Duration) -> Result<RoundRun, Stop> {
    server.resume().map_err(failed)?;
    let run = run_round(server.port(), lists, limit)
        .await
        .map_err(|u: Unanswered| unanswered(server, &u.request, u.failure))?;
    if let Some(status) = server.exited() {
        return Err(failed(server.failure(format!(
            "exited during the load ({})",
            crate::servers::describe(status)
        ))));
    }
    server.pause().map_err(failed)?;
    Ok(run)
}

/// The first answer under load that differs from the starter's, as a wrong answer.
fn compare_round(
    round: usize,
    lists: &plan::Round,
    s: &RoundRun,
    x: &RoundRun,
    catalog: &Catalog,
) -> Option<Response> {
    let mask = |class: Class| Mask {
        new_id: class == Class::PlaceOrder,
        prices_of: if class == Class::Search {
            &catalog.probed
        } else {
            &[]
        },
    };
    let case = |phase: &str, i: usize| format!("load round {}, {phase} request {}", round + 1, i + 1);
    for (i, (e, a)) in s.mixed.iter().zip(&x.mixed).enumerate() {
        if let Some(d) = difference(&e.reply, &a.reply, mask(e.class)) {
            return Some(wrong_answer(
                case("mixed", i),
                &lists.mixed[i].call,
                &e.reply,
                &a.reply,
                d,
                &[],
            ));
        }
    }
    for (i, (e, a)) in s.heavy.iter().zip(&x.heavy).enumerate() {
        if let Some(d) = difference(&e.reply, &a.reply, mask(e.class)) {
            return Some(wrong_answer(
                case("heavy", i),
                &lists.heavy[i].call,
                &e.reply,
                &a.reply,
                d,
                &[],
            ));
        }
    }
    for (i, (e, a)) in s.light.iter().zip(&x.light).enumerate() {
        let (call, e, a) = match (e, a, &lists.light[i]) {
            (SlotAnswer::Light(e), SlotAnswer::Light(a), plan::Slot::Light(p)) => {
                (p.call.clone(), &e.reply, &a.reply)
            }
            (SlotAnswer::Probe(e), SlotAnswer::Probe(a), plan::Slot::Probe(p)) => {
                // The price it shows is judged as fresh or stale, not compared.
                let fresh_or_stale = Mask {
                    new_id: false,
                    prices_of: std::slice::from_ref(&p.product),
                };
                if let Some(d) = difference(&e.read, &a.read, fresh_or_stale) {
                    return Some(wrong_answer(
                        case("probe", i),
                        &p.read(),
                        &e.read,
                        &a.read,
                        d,
                        &[],
                    ));
                }
                (p.write(), &e.write, &a.write)
            }
            _ => continue,
        };
        if let Some(d) = difference(e, a, Mask::default()) {
            return Some(wrong_answer(case("light", i), &call, e, a, d, &[]));
        }
    }
    None
}

fn wrong_answer(
    case: String,
    call: &Call,
    expected: &crate::client::Reply,
    actual: &crate::client::Reply,
    difference: String,
    before: &[Planned],
) -> Response {
    let shown =
        |r: &crate::client::Reply| shorten(&format!("{} {}", r.status, String::from_utf8_lossy(&r.body)));
    let input = if before.is_empty() {
        call.to_string()
    } else {
        let earlier: Vec<String> = before.iter().map(|p| p.call.to_string()).collect();
        format!("{call}\n(after: {})", earlier.join("; "))
    };
    Response::WrongAnswer(Mismatch {
        case,
        input,
        expected: shown(expected),
        actual: shown(actual),
        difference,
        advice: Some(
            "Send the same request to `cargo run -p web-service --release` and to the starter (`git stash` your work, or read grader/starters/web-service) and compare; under load, look for a cache that serves an answer after a write changed it.".into(),
        ),
    })
}

/// At most 600 characters of an answer, for the report.
fn shorten(text: &str) -> String {
    const SHOWN: usize = 600;
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}… ({} bytes in all)", &text[..cut], text.len()),
        None => text.to_string(),
    }
}

fn stale_measurement(stale: &[String], probes: usize, at_most: u64, per_round: usize) -> Measurement {
    let detail = match stale.first() {
        Some(first) => format!(
            "{} of {probes} reads after a price change were stale; the first: {first}",
            stale.len()
        ),
        None => format!("all {probes} reads after a price change showed the new price"),
    };
    let count = Count {
        counter: "stale-reads",
        value: stale.len() as u64,
        unit: "stale reads",
        detail: Some(detail),
    };
    grader_kit::counted::measurement(&count, per_round, at_most)
}

fn resident_measurement(starter: u64, subject: u64, ratio: f64) -> Measurement {
    let threshold = grader_kit::service::resident_threshold(starter, ratio);
    let evidence = Evidence::Resident {
        starter_bytes: starter,
        subject_bytes: subject,
        threshold,
    };
    exact(
        "peak-resident",
        "bytes",
        subject as f64,
        Goal::AtMost(threshold as f64),
        evidence,
    )
}

/// A server's failure: the subject's is the learner's; the starter's is the grader's.
fn failed(failure: ServerFailure) -> Stop {
    match failure.side {
        Side::Starter => error(format!(
            "the starter's server {}: {}",
            failure.what, failure.output
        )),
        Side::Subject => Response::ServerFailed {
            message: match failure.port {
                0 => format!("{} {}", failure.side.label(), failure.what),
                port => format!("{} (127.0.0.1:{port}) {}", failure.side.label(), failure.what),
            },
            end: end_of(&failure),
            output: failure.output,
        },
    }
}

fn end_of(failure: &ServerFailure) -> ServerEnd {
    if failure.output.contains("memory allocation of") {
        return ServerEnd::OutOfMemory;
    }
    if let Some(rest) = failure.what.split("killed by signal ").nth(1) {
        let signal = rest
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|s| s.parse().ok());
        return ServerEnd::Killed {
            signal: signal.unwrap_or(0),
        };
    }
    if let Some(rest) = failure.what.split("exit status ").nth(1) {
        let code = rest
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|s| s.parse().ok());
        return ServerEnd::Exited { code };
    }
    ServerEnd::Hung
}

fn unanswered(server: &mut Server, planned: &Planned, failure: Failure) -> Stop {
    let what = format!("left {} unanswered: {failure}", planned.call);
    failed(server.failure(what))
}

fn error(message: String) -> Response {
    Response::Error { message }
}

fn grader_error(e: std::io::Error) -> Stop {
    error(e.to_string())
}
