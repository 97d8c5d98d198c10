//! Learner servers that misbehave, each graded by the real `under-load` task: every one fails
//! that task with a clear message, and leaves no process behind and no port open.
//!
//! This test has a `main` of its own: the task starts servers by running this binary again as
//! `serve-fixture <fixture> starter|subject`, where the subject is one of the fixtures below
//! (each the reference solution with one fault) and the starter is the frozen starter.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response as HttpResponse};
use grader_kit::Task;
use grader_kit::protocol::{Request as GradeRequest, Response, ServerEnd};
use grader_kit::spec::Check;
use std::collections::HashMap;
use std::io;
use std::net::TcpListener;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use web_service_harness::{Api, Program, Starter, UnderLoad};

/// Serves the reference solution on `listener`, every request passing through `fault` first.
fn serve_with<F, Fut>(listener: TcpListener, database: &Path, fault: F) -> io::Result<()>
where
    F: Fn(Request, Next) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = HttpResponse> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let app = web_service_solution::app(database)?.layer(axum::middleware::from_fn(fault));
        listener.set_nonblocking(true)?;
        axum::serve(tokio::net::TcpListener::from_std(listener)?, app).await
    })
}

/// Requests seen by this server process.
static SEEN: AtomicUsize = AtomicUsize::new(0);

macro_rules! fixture {
    ($name:ident, |$listener:ident, $database:ident| $body:expr) => {
        struct $name;
        impl Api for $name {
            const FINDINGS: &'static str = "";
            fn run($listener: TcpListener, $database: &Path) -> io::Result<()> {
                $body
            }
        }
    };
}

// `run` returns at once: the server stops serving before it is ready.
fixture!(Exits, |_listener, _database| Ok(()));

// Never accepts a connection.
fixture!(NeverReady, |_listener, _database| loop {
    std::thread::sleep(Duration::from_secs(1));
});

// One endpoint answers wrongly: every order history is empty.
fixture!(WrongHistories, |listener, database| serve_with(
    listener,
    database,
    |request: Request, next: Next| async move {
        if request.uri().path().starts_with("/customers/") {
            return (axum::http::StatusCode::OK, "[]").into_response();
        }
        next.run(request).await
    }
));

/// Product pages by path: status and body.
type Pages = HashMap<String, (u16, Vec<u8>)>;

/// Serves product pages from a cache never invalidated once `after` requests have been seen.
async fn cached_pages(request: Request, next: Next, after: usize) -> HttpResponse {
    static PAGES: Mutex<Option<Pages>> = Mutex::new(None);
    let path = request.uri().path().to_string();
    let seen = SEEN.fetch_add(1, Ordering::Relaxed);
    let cacheable = seen >= after && request.method() == "GET" && path.starts_with("/products/");
    let cached = PAGES.lock().unwrap().get_or_insert_default().get(&path).cloned();
    if cacheable && let Some((status, body)) = cached {
        let status = axum::http::StatusCode::from_u16(status).unwrap();
        return (status, [("content-type", "application/json")], body).into_response();
    }
    let response = next.run(request).await;
    if !cacheable {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
    PAGES
        .lock()
        .unwrap()
        .get_or_insert_default()
        .insert(path, (parts.status.as_u16(), bytes.clone()));
    HttpResponse::from_parts(parts, axum::body::Body::from(bytes))
}

// A cheat: product pages cached forever, never invalidated.
fixture!(StaleProducts, |listener, database| serve_with(
    listener,
    database,
    |request: Request, next: Next| cached_pages(request, next, 0)
));

// The same cheat, only once the correctness sequence is over: the freshness probes catch it.
fixture!(StaleUnderLoad, |listener, database| serve_with(
    listener,
    database,
    |request: Request, next: Next| cached_pages(request, next, 200)
));

// Right one at a time, wrong under load: every order history empty after the sequence.
fixture!(WrongUnderLoad, |listener, database| serve_with(
    listener,
    database,
    |request: Request, next: Next| async move {
        let late = SEEN.fetch_add(1, Ordering::Relaxed) > 200;
        if late && request.uri().path().starts_with("/customers/") {
            return (axum::http::StatusCode::OK, "[]").into_response();
        }
        next.run(request).await
    }
));

// Aborts under load, after the correctness sequence.
fixture!(CrashesUnderLoad, |listener, database| serve_with(
    listener,
    database,
    |request: Request, next: Next| async move {
        if SEEN.fetch_add(1, Ordering::Relaxed) == 250 {
            std::process::abort();
        }
        next.run(request).await
    }
));

// Leaves one search unanswered for ever, under load.
fixture!(HangsOneSearch, |listener, database| serve_with(
    listener,
    database,
    |request: Request, next: Next| async move {
        let n = SEEN.fetch_add(1, Ordering::Relaxed);
        if n > 200 && request.uri().path() == "/search" {
            std::future::pending::<()>().await;
        }
        next.run(request).await
    }
));

// A cheat that reaches outside its own directory: the starter's database, /proc, the network,
// a new process. Exit code 7 if any of it worked, 9 if everything was refused.
fixture!(Snoops, |_listener, database| {
    let other = database
        .parent()
        .and_then(Path::parent)
        .map(|root| root.join("starter").join("shop.db"));
    let attempts = [
        other.is_some_and(|p| std::fs::File::open(p).is_ok()),
        std::fs::File::open("/proc/self/status").is_ok(),
        std::fs::read_dir("/").is_ok(),
        std::net::TcpStream::connect(("127.0.0.1", 9)).is_ok()
            || std::net::UdpSocket::bind(("127.0.0.1", 0)).is_ok(),
        std::process::Command::new("true").status().is_ok(),
    ];
    eprintln!("snoop attempts that worked: {attempts:?}");
    std::process::exit(if attempts.iter().any(|&worked| worked) {
        7
    } else {
        9
    })
});

/// Runs this binary as the fixture's server.
fn serve(fixture: &str, side: &[String]) -> ExitCode {
    match fixture {
        "exits" => web_service_harness::serve::<Starter, Exits>(side),
        "never-ready" => web_service_harness::serve::<Starter, NeverReady>(side),
        "wrong-histories" => web_service_harness::serve::<Starter, WrongHistories>(side),
        "stale-products" => web_service_harness::serve::<Starter, StaleProducts>(side),
        "stale-under-load" => web_service_harness::serve::<Starter, StaleUnderLoad>(side),
        "wrong-under-load" => web_service_harness::serve::<Starter, WrongUnderLoad>(side),
        "crashes-under-load" => web_service_harness::serve::<Starter, CrashesUnderLoad>(side),
        "hangs-one-search" => web_service_harness::serve::<Starter, HangsOneSearch>(side),
        "snoops" => web_service_harness::serve::<Starter, Snoops>(side),
        other => panic!("no fixture {other}"),
    }
}

/// Grades `fixture` with the real task, short waits, and returns its response.
fn grade(fixture: &str) -> Response {
    let program = Program {
        path: std::env::current_exe().unwrap(),
        args: vec!["serve-fixture".into(), fixture.into()],
    };
    let task = UnderLoad::new(program, web_service_harness::seed_with_starter)
        .with_limits(Duration::from_secs(4), Duration::from_secs(4));
    let dir = tempfile::tempdir().unwrap();
    std::env::set_current_dir(dir.path()).unwrap();
    task.grade(&GradeRequest {
        task: "under-load".into(),
        seed: 11,
        checks: vec![
            Check::Throughput { at_least: 2.0 },
            Check::Count {
                counter: "stale-reads".into(),
                n: 10,
                at_most: 0,
            },
        ],
        budget_s: 5.0,
        heap_profile: None,
        first_call_n: None,
        count: None,
    })
}

/// No process of this binary serves any more, and the port it used is closed.
fn nothing_left(message: &str) {
    let me = std::env::current_exe().unwrap();
    let me = me.to_string_lossy();
    let survivors: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| std::fs::read(e.path().join("cmdline")).ok())
        .map(|c| String::from_utf8_lossy(&c).replace('\0', " "))
        .filter(|c| c.starts_with(&*me) && c.contains("serve-fixture"))
        .collect();
    assert!(survivors.is_empty(), "servers survived: {survivors:?}");
    if let Some(port) = message
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|p| p.parse::<u16>().ok())
    {
        assert!(
            std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
            "port {port} still accepts connections"
        );
    }
}

fn expect_server_failure(fixture: &str, expected: impl Fn(ServerEnd) -> bool, words: &str) {
    match grade(fixture) {
        Response::ServerFailed { message, end, output } => {
            assert!(expected(end), "{fixture}: ended {end:?}: {message}\n{output}");
            assert!(message.contains(words), "{fixture}: {message:?} lacks {words:?}");
            nothing_left(&message);
        }
        other => panic!("{fixture}: {other:?}"),
    }
}

fn expect_wrong_answer(fixture: &str, words: &str) {
    match grade(fixture) {
        Response::WrongAnswer(mismatch) => {
            let text = format!("{} {} {}", mismatch.case, mismatch.input, mismatch.difference);
            assert!(text.contains(words), "{fixture}: {text}");
            nothing_left("");
        }
        other => panic!("{fixture}: {other:?}"),
    }
}

type Check_ = (&'static str, fn());

fn expect_stale_reads(fixture: &str) {
    match grade(fixture) {
        Response::Measured { measurements, .. } => {
            let stale = measurements.iter().find(|m| m.metric == "stale-reads").unwrap();
            assert_eq!(stale.verdict, grader_kit::protocol::Verdict::Fail, "{stale:?}");
            assert!(stale.value.unwrap() >= 1.0, "{stale:?}");
            nothing_left("");
        }
        other => panic!("{fixture}: {other:?}"),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve-fixture") {
        return serve(&args[1], &args[2..]);
    }
    // Libtest's flags (`--nocapture`, a filter) are accepted and ignored: this is one test.
    let checks: [Check_; 9] = [
        ("a server whose run returns", || {
            expect_server_failure(
                "exits",
                |e| e == ServerEnd::Exited { code: Some(3) },
                "exited before it was ready",
            )
        }),
        ("a server that never answers", || {
            expect_server_failure(
                "never-ready",
                |e| e == ServerEnd::Hung,
                "did not answer GET /health",
            )
        }),
        ("a server that crashes under load", || {
            expect_server_failure(
                "crashes-under-load",
                |e| matches!(e, ServerEnd::Killed { signal: 6 }),
                "unanswered",
            )
        }),
        ("a server that hangs one request", || {
            expect_server_failure("hangs-one-search", |e| e == ServerEnd::Hung, "GET /search")
        }),
        ("a server that reaches outside its directory", || {
            expect_server_failure("snoops", |e| e == ServerEnd::Exited { code: Some(9) }, "exited")
        }),
        ("a server wrong on one endpoint", || {
            expect_wrong_answer("wrong-histories", "/customers/")
        }),
        ("a cache never invalidated", || {
            expect_wrong_answer("stale-products", "/products/")
        }),
        ("a cache never invalidated, only under load", || {
            expect_stale_reads("stale-under-load")
        }),
        ("a server wrong only under load", || {
            expect_wrong_answer("wrong-under-load", "load round")
        }),
    ];
    for (name, check) in checks {
        let started = std::time::Instant::now();
        check();
        println!("ok: {name} ({:.1} s)", started.elapsed().as_secs_f64());
    }
    ExitCode::SUCCESS
}
