//! Locks in a service: a lock held across `.await`, and SQLite's rollback journal versus WAL.
//!
//! Run it with `cargo run --release -p web-service --example locks`. The book's "Locks and
//! connections" page includes it piece by piece, between the `ANCHOR` comments.

use rusqlite::{Connection, TransactionBehavior};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Stands for any wait: a call to another service, a file read through `tokio::fs`, a timer.
async fn slow_io() {
    tokio::time::sleep(Duration::from_millis(5)).await;
}

// ANCHOR: held_across_await
/// The guard lives until the end of the function, so the lock is held while this task waits:
/// every other request queues behind the wait, not just behind the counter update.
async fn held_across_await(counter: Arc<tokio::sync::Mutex<u64>>) {
    let mut count = counter.lock().await;
    slow_io().await;
    *count += 1;
}
// ANCHOR_END: held_across_await

// ANCHOR: scoped
/// The wait happens first, with no lock held; the lock is taken for the update alone, and a
/// `std::sync::Mutex` is enough (and cheaper) because no `.await` happens while it is held.
async fn scoped(counter: Arc<std::sync::Mutex<u64>>) {
    slow_io().await;
    *counter.lock().unwrap() += 1; // the guard is a temporary: dropped at the end of the statement
}
// ANCHOR_END: scoped

// ANCHOR: std_guard
/// Compiles, because nothing asks this future to be `Send`; `tokio::spawn(std_guard(..))` does
/// not, and clippy's `await_holding_lock` flags it either way.
#[allow(clippy::await_holding_lock)]
async fn std_guard(counter: Arc<std::sync::Mutex<u64>>) {
    let mut count = counter.lock().unwrap();
    slow_io().await;
    *count += 1;
}
// ANCHOR_END: std_guard

fn eight_requests() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let counter = Arc::new(tokio::sync::Mutex::new(0));
        let start = Instant::now();
        let tasks: Vec<_> = (0..8)
            .map(|_| tokio::spawn(held_across_await(Arc::clone(&counter))))
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        println!(
            "8 requests, tokio Mutex held across a 5 ms wait: {:>6.1?}",
            start.elapsed()
        );

        let counter = Arc::new(std::sync::Mutex::new(0));
        let start = Instant::now();
        let tasks: Vec<_> = (0..8)
            .map(|_| tokio::spawn(scoped(Arc::clone(&counter))))
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        println!(
            "8 requests, lock taken after the wait:           {:>6.1?}",
            start.elapsed()
        );

        std_guard(Arc::new(std::sync::Mutex::new(0))).await; // awaited in place: no Send needed
    });
}

// ANCHOR: journal
/// Opens two connections to a new database file in `journal_mode`, starts a read transaction
/// on one, and tries to commit a write on the other while the read is open.
fn write_while_reading(journal_mode: &str) -> rusqlite::Result<String> {
    let name = format!("locks-example-{}-{journal_mode}.db", std::process::id());
    let path = std::env::temp_dir().join(name);
    let setup = Connection::open(&path)?;
    setup.pragma_update(None, "journal_mode", journal_mode)?;
    setup.execute_batch(
        "CREATE TABLE prices (id INTEGER PRIMARY KEY, cents INTEGER NOT NULL);
                         INSERT INTO prices VALUES (1, 100);",
    )?;

    let mut reader = Connection::open(&path)?;
    let mut writer = Connection::open(&path)?;
    writer.busy_timeout(Duration::ZERO)?; // fail at once instead of retrying, to show the conflict

    let read = reader.transaction()?; // a long read: a report, or a request that is slow to finish
    let before: i64 = read.query_row("SELECT cents FROM prices WHERE id = 1", [], |r| r.get(0))?;

    let write = writer.transaction_with_behavior(TransactionBehavior::Immediate)?;
    write.execute("UPDATE prices SET cents = 120 WHERE id = 1", [])?;
    let outcome = match write.commit() {
        Ok(()) => {
            let during: i64 = read.query_row("SELECT cents FROM prices WHERE id = 1", [], |r| r.get(0))?;
            format!("commit ok; the open read still sees {during} (its snapshot), was {before}")
        }
        Err(e) => format!("commit failed: {e}"),
    };
    drop(read);
    drop((reader, writer, setup));
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok(outcome)
}
// ANCHOR_END: journal

fn main() -> rusqlite::Result<()> {
    eight_requests();
    println!("journal_mode=DELETE: {}", write_while_reading("DELETE")?);
    println!("journal_mode=WAL:    {}", write_while_reading("WAL")?);
    Ok(())
}
