//! N+1 queries, a missing index and `prepare_cached`, on a small in-memory SQLite database.
//!
//! Run it with `cargo run --release -p web-service --example queries`. The book's
//! "Queries" page includes it piece by piece, between the `ANCHOR` comments.

use rusqlite::{Connection, params};
use std::collections::BTreeMap;
use std::time::Instant;

// ANCHOR: schema
/// A library: authors, their books, and loans of those books. `loans` has no index on `book_id`.
fn library(authors: u32, books_per_author: u32, loans: u32) -> rusqlite::Result<Connection> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(
        "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
         CREATE TABLE books   (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL,
                               title TEXT NOT NULL);
         CREATE INDEX books_by_author ON books(author_id);
         CREATE TABLE loans   (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL,
                               days INTEGER NOT NULL);",
    )?;
    let tx = conn.unchecked_transaction()?;
    let mut rng = fastrand::Rng::with_seed(7);
    for a in 1..=authors {
        tx.execute(
            "INSERT INTO authors VALUES (?1, ?2)",
            params![a, format!("author {a}")],
        )?;
        for b in 0..books_per_author {
            let id = (a - 1) * books_per_author + b + 1;
            tx.execute(
                "INSERT INTO books VALUES (?1, ?2, ?3)",
                params![id, a, format!("book {id}")],
            )?;
        }
    }
    let books = authors * books_per_author;
    let mut insert = tx.prepare("INSERT INTO loans (book_id, days) VALUES (?1, ?2)")?;
    for _ in 0..loans {
        insert.execute(params![rng.u32(1..=books), rng.u32(1..=30)])?;
    }
    drop(insert);
    tx.commit()?;
    Ok(conn)
}
// ANCHOR_END: schema

// ANCHOR: query_plan
/// SQLite's plan for `sql`: one line per step, the `detail` column of `EXPLAIN QUERY PLAN`.
fn query_plan(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    stmt.query_map([], |row| row.get::<_, String>(3))?.collect()
}
// ANCHOR_END: query_plan

// ANCHOR: n_plus_one
/// Each of an author's books with its number of loans: one query for the books, then one
/// query per book. 1 + n round trips to SQLite.
fn loans_per_book_n_plus_one(conn: &Connection, author: u32) -> rusqlite::Result<Vec<(String, u32)>> {
    let mut books = conn.prepare("SELECT id, title FROM books WHERE author_id = ?1 ORDER BY id")?;
    let books: Vec<(u32, String)> = books
        .query_map([author], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(books.len());
    for (id, title) in books {
        // `prepare` parses and plans the SQL again on every iteration.
        let mut count = conn.prepare("SELECT COUNT(*) FROM loans WHERE book_id = ?1")?;
        out.push((title, count.query_row([id], |r| r.get(0))?));
    }
    Ok(out)
}
// ANCHOR_END: n_plus_one

// ANCHOR: join
/// The same answer in one statement: SQLite joins and counts, and the statement is parsed once
/// per connection (`prepare_cached` keeps it in the connection's statement cache).
fn loans_per_book_join(conn: &Connection, author: u32) -> rusqlite::Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.title, COUNT(l.id)
           FROM books b LEFT JOIN loans l ON l.book_id = b.id
          WHERE b.author_id = ?1
          GROUP BY b.id ORDER BY b.id",
    )?;
    stmt.query_map([author], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}
// ANCHOR_END: join

// ANCHOR: group_rows
/// A one-to-many answer from one JOIN: the rows come out flat, one per (book, loan), and are
/// grouped in Rust. The ORDER BY keeps each book's rows together.
fn loans_of_author(conn: &Connection, author: u32) -> rusqlite::Result<BTreeMap<u32, Vec<u32>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, l.days FROM books b JOIN loans l ON l.book_id = b.id
          WHERE b.author_id = ?1 ORDER BY b.id, l.id",
    )?;
    let mut by_book: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let mut rows = stmt.query([author])?;
    while let Some(row) = rows.next()? {
        by_book.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    Ok(by_book)
}
// ANCHOR_END: group_rows

fn time<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) -> T {
    let start = Instant::now();
    let mut last = f();
    for _ in 1..runs {
        last = f();
    }
    println!(
        "{label:<52} {:>9.1} µs per call",
        start.elapsed().as_secs_f64() * 1e6 / f64::from(runs)
    );
    last
}

fn main() -> rusqlite::Result<()> {
    let conn = library(200, 20, 10_000)?;
    let sql = "SELECT COUNT(*) FROM loans WHERE book_id = 42";

    println!("before the index: {:?}", query_plan(&conn, sql)?);
    let slow = time("N+1, no index on loans(book_id)", 3, || {
        loans_per_book_n_plus_one(&conn, 7)
    });
    let joined = time("one JOIN, no index", 3, || loans_per_book_join(&conn, 7));

    // ANCHOR: index
    conn.execute_batch("CREATE INDEX IF NOT EXISTS loans_by_book ON loans(book_id)")?;
    // ANCHOR_END: index
    println!("after the index:  {:?}", query_plan(&conn, sql)?);
    let indexed = time("N+1, with the index", 100, || loans_per_book_n_plus_one(&conn, 7));
    let both = time("one JOIN, with the index", 100, || loans_per_book_join(&conn, 7));
    let grouped = loans_of_author(&conn, 7)?;

    assert_eq!(slow?, indexed?);
    assert_eq!(joined?, both.as_ref().unwrap().clone());
    let both = both?;
    assert_eq!(
        grouped.values().map(Vec::len).sum::<usize>(),
        both.iter().map(|b| b.1 as usize).sum::<usize>()
    );
    println!(
        "author 7: {} books, {} loans",
        both.len(),
        both.iter().map(|b| b.1).sum::<u32>()
    );
    Ok(())
}
