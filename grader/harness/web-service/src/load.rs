//! One server through one round: the throughput phase (the mixed workload on a fixed number of
//! keep-alive connections, closed loop, timed end to end) and the responsiveness phase (heavy
//! requests on a few connections while light requests and freshness probes go out on an open-loop
//! schedule, each light latency measured from its scheduled send time, so a stalled server
//! cannot hide its queue by delaying the requests it has not yet been sent).

use crate::client::{Connection, Failure, Reply, send_once};
use crate::plan::{Class, LIGHT_INTERVAL_MS, Planned, Round, Slot};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::Instant;

/// Keep-alive connections of the throughput phase.
pub const MIXED_CONNECTIONS: usize = 8;

/// Connections sending heavy requests in the responsiveness phase.
pub const HEAVY_CONNECTIONS: usize = 2;

/// No request may take longer (unless told otherwise): a server that leaves one unanswered this
/// long has hung.
pub const REQUEST_LIMIT: Duration = Duration::from_secs(10);

/// One answered request.
#[derive(Debug, Clone)]
pub struct Answered {
    pub class: Class,
    pub reply: Reply,
    pub latency: Duration,
}

/// What a probe saw: the answer to the price change, and to the read after it.
#[derive(Debug, Clone)]
pub struct Probed {
    pub write: Reply,
    pub read: Reply,
    /// The price the read showed, when it showed one.
    pub price_seen: Option<i64>,
}

/// One slot of the light schedule, answered.
#[derive(Debug, Clone)]
pub enum SlotAnswer {
    Light(Answered),
    Probe(Probed),
}

/// One server's round.
#[derive(Debug, Clone)]
pub struct RoundRun {
    /// The throughput phase, end to end.
    pub makespan: Duration,
    /// The mixed workload's answers, by request.
    pub mixed: Vec<Answered>,
    /// The heavy requests answered during the responsiveness phase, in list order.
    pub heavy: Vec<Answered>,
    /// The light schedule's answers, by slot.
    pub light: Vec<SlotAnswer>,
}

impl RoundRun {
    /// Light latencies of the round, in seconds.
    pub fn light_seconds(&self) -> Vec<f64> {
        self.light
            .iter()
            .filter_map(|s| match s {
                SlotAnswer::Light(a) => Some(a.latency.as_secs_f64()),
                SlotAnswer::Probe(_) => None,
            })
            .collect()
    }
}

/// A request that got no answer.
#[derive(Debug, Clone)]
pub struct Unanswered {
    pub request: Planned,
    pub failure: Failure,
}

/// Runs `round` against the server on `port`.
pub async fn run_round(port: u16, round: &Round, limit: Duration) -> Result<RoundRun, Unanswered> {
    let (makespan, mixed) = throughput_phase(port, &round.mixed, limit).await?;
    let (heavy, light) = responsiveness_phase(port, &round.heavy, &round.light, limit).await?;
    Ok(RoundRun {
        makespan,
        mixed,
        heavy,
        light,
    })
}

type Answers = Arc<Mutex<Vec<Option<Answered>>>>;

/// Sends requests in list order over `connections` keep-alive connections until `list` is done
/// or `stop` is set; every answer lands at its index.
fn closed_loop(
    port: u16,
    list: &[Planned],
    connections: usize,
    stop: Arc<AtomicBool>,
    answers: Answers,
    limit: Duration,
) -> JoinSet<Result<(), Unanswered>> {
    let next = Arc::new(AtomicUsize::new(0));
    let list: Arc<Vec<Planned>> = Arc::new(list.to_vec());
    let mut set = JoinSet::new();
    for _ in 0..connections {
        let (next, list, stop, answers) = (next.clone(), list.clone(), stop.clone(), answers.clone());
        set.spawn(async move {
            let mut connection: Option<Connection> = None;
            loop {
                if stop.load(Ordering::Relaxed) {
                    return Ok(());
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(request) = list.get(i) else {
                    return Ok(());
                };
                let unanswered = |failure| Unanswered {
                    request: request.clone(),
                    failure,
                };
                let started = Instant::now();
                let open = match connection.take() {
                    Some(open) => open,
                    None => Connection::open(port, limit).await.map_err(unanswered)?,
                };
                let mut open = open;
                let reply = open.send(&request.call, limit).await.map_err(unanswered)?;
                connection = Some(open);
                answers.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(Answered {
                    class: request.class,
                    reply,
                    latency: started.elapsed(),
                });
            }
        });
    }
    set
}

async fn join_all(mut set: JoinSet<Result<(), Unanswered>>) -> Result<(), Unanswered> {
    let mut first = Ok(());
    while let Some(joined) = set.join_next().await {
        if let Ok(Err(unanswered)) = joined
            && first.is_ok()
        {
            first = Err(unanswered);
        }
    }
    first
}

fn take(answers: &Answers) -> Vec<Answered> {
    let taken = std::mem::take(&mut *answers.lock().unwrap_or_else(|e| e.into_inner()));
    taken.into_iter().map_while(|a| a).collect()
}

pub async fn throughput_phase(
    port: u16,
    list: &[Planned],
    limit: Duration,
) -> Result<(Duration, Vec<Answered>), Unanswered> {
    let answers: Answers = Arc::new(Mutex::new(vec![None; list.len()]));
    let started = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let set = closed_loop(port, list, MIXED_CONNECTIONS, stop, answers.clone(), limit);
    join_all(set).await?;
    Ok((started.elapsed(), take(&answers)))
}

async fn responsiveness_phase(
    port: u16,
    heavy: &[Planned],
    schedule: &[Slot],
    limit: Duration,
) -> Result<(Vec<Answered>, Vec<SlotAnswer>), Unanswered> {
    let stop = Arc::new(AtomicBool::new(false));
    let heavy_answers: Answers = Arc::new(Mutex::new(vec![None; heavy.len()]));
    let heavy_set = closed_loop(
        port,
        heavy,
        HEAVY_CONNECTIONS,
        stop.clone(),
        heavy_answers.clone(),
        limit,
    );
    // The heavy requests get a head start of one interval, so the first light request meets them.
    let start = Instant::now() + Duration::from_millis(LIGHT_INTERVAL_MS);
    let mut light_set = JoinSet::new();
    for (k, slot) in schedule.iter().enumerate() {
        let due = start + Duration::from_millis(LIGHT_INTERVAL_MS * k as u64);
        let slot = slot.clone();
        light_set.spawn(async move {
            tokio::time::sleep_until(due).await;
            let answer = match &slot {
                Slot::Light(request) => {
                    let reply =
                        send_once(port, &request.call, limit)
                            .await
                            .map_err(|failure| Unanswered {
                                request: request.clone(),
                                failure,
                            })?;
                    SlotAnswer::Light(Answered {
                        class: request.class,
                        reply,
                        // From the scheduled time, not the send: queueing counts.
                        latency: due.elapsed(),
                    })
                }
                Slot::Probe(probe) => {
                    let failed = |call, failure| Unanswered {
                        request: Planned {
                            class: Class::SetPrice,
                            call,
                        },
                        failure,
                    };
                    let write = send_once(port, &probe.write(), limit)
                        .await
                        .map_err(|f| failed(probe.write(), f))?;
                    let read = send_once(port, &probe.read(), limit)
                        .await
                        .map_err(|f| failed(probe.read(), f))?;
                    let price_seen = serde_json::from_slice::<serde_json::Value>(&read.body)
                        .ok()
                        .and_then(|v| v["price_cents"].as_i64());
                    SlotAnswer::Probe(Probed {
                        write,
                        read,
                        price_seen,
                    })
                }
            };
            Ok::<_, Unanswered>((k, answer))
        });
    }
    let mut light: Vec<Option<SlotAnswer>> = vec![None; schedule.len()];
    let mut failed = None;
    while let Some(joined) = light_set.join_next().await {
        match joined {
            Ok(Ok((k, answer))) => light[k] = Some(answer),
            Ok(Err(unanswered)) => {
                failed.get_or_insert(unanswered);
            }
            Err(_) => {}
        }
    }
    stop.store(true, Ordering::Relaxed);
    let heavy_result = join_all(heavy_set).await;
    if let Some(unanswered) = failed {
        return Err(unanswered);
    }
    heavy_result?;
    Ok((take(&heavy_answers), light.into_iter().flatten().collect()))
}
