//! Runs the shop: `cargo run -p web-service --release -- [--port 3000]
//! [--db target/web-service/shop.db] [--seed 1]`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut port: u16 = 3000;
    let mut db = PathBuf::from("target/web-service/shop.db");
    let mut seed: u64 = 1;

    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let parsed = match (arg.as_str(), value) {
            ("--port", Some(v)) => v.parse().map(|v| port = v).is_ok(),
            ("--db", Some(v)) => {
                db = PathBuf::from(v);
                true
            }
            ("--seed", Some(v)) => v.parse().map(|v| seed = v).is_ok(),
            _ => false,
        };
        if !parsed {
            eprintln!("usage: web-service [--port 3000] [--db target/web-service/shop.db] [--seed 1]");
            return ExitCode::FAILURE;
        }
    }

    if !db.exists() {
        if let Some(dir) = db.parent().filter(|dir| !dir.as_os_str().is_empty())
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            eprintln!("cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        println!("creating {} (seed {seed})", db.display());
        if let Err(e) = web_service::seed::create(&db, seed) {
            eprintln!("cannot create the database: {e}");
            return ExitCode::FAILURE;
        }
    }

    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    println!("listening on http://127.0.0.1:{port}");
    if let Err(e) = web_service::run(listener, &db) {
        eprintln!("server error: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
