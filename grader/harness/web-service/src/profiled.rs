//! `profile` for `under-load`: the subject's server in this very process (so the profiler that
//! runs the harness sees its functions), driven by a fixed, short part of the grader's load.
//! Nothing is judged; the grader prints where the time went.

use crate::catalog::Catalog;
use crate::client::{Call, send_once};
use crate::load::throughput_phase;
use crate::plan;
use crate::servers::Program;
use std::net::{Ipv4Addr, TcpListener};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Rounds of the mixed workload sent: enough samples for perf, short enough for callgrind
/// (which runs the server about fifty times slower).
const ROUNDS: usize = 2;

/// A server's `run`.
pub type Run = fn(TcpListener, &Path) -> std::io::Result<()>;

/// Seeds a database (in a child process, so a profiler of this one does not count it), serves
/// it with `run` on a thread of this process, and sends [`ROUNDS`] mixed workloads.
pub fn profile(program: &Program, run: Run, seed: u64) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("workbook-web-service-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let result = profile_in(&dir, program, run, seed);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn profile_in(dir: &Path, program: &Program, run: Run, seed: u64) -> Result<(), String> {
    let database = dir.join("shop.db");
    let seeded = Command::new(&program.path)
        .arg("seed")
        .arg(&database)
        .arg(seed.to_string())
        .status()
        .map_err(|e| format!("seeding: {e}"))?;
    if !seeded.success() {
        return Err(format!("seeding failed ({seeded})"));
    }
    let catalog = Catalog::read(&database).map_err(|e| e.to_string())?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let served = database.clone();
    std::thread::spawn(move || {
        if let Err(e) = run(listener, &served) {
            eprintln!("the server stopped: {e}");
        }
    });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let started = Instant::now();
        let limit = Duration::from_secs(600);
        while !send_once(port, &Call::get("/health"), limit)
            .await
            .is_ok_and(|r| r.status == 200)
        {
            if started.elapsed() > limit {
                return Err("the server did not answer GET /health".to_string());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let mut rng = fastrand::Rng::with_seed(seed);
        for round in 0..ROUNDS {
            let lists = plan::round(&mut rng, &catalog, round, 1);
            throughput_phase(port, &lists.mixed, limit)
                .await
                .map_err(|u| format!("{} got no answer: {}", u.request.call, u.failure))?;
        }
        Ok(())
    })
}
