//! The state shared by every handler: a pool of connections and the in-memory indexes.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::Connection;

use crate::error::ApiResult;
use crate::search_index::SearchIndex;
use crate::top_sellers::TopSellers;

pub type Pool = r2d2::Pool<SqliteConnectionManager>;

/// Shared application state (cheap to clone: everything is behind an `Arc`).
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub search: Arc<SearchIndex>,
    pub top_sellers: Arc<TopSellers>,
}

// ANCHOR: pool
/// At most this many SQLite connections. WAL lets readers run in parallel with one writer;
/// more connections than cores only add memory (each has its own page cache).
pub const POOL_SIZE: u32 = 4;

fn open_pool(path: &Path) -> Result<Pool, r2d2::Error> {
    let manager = SqliteConnectionManager::file(path).with_init(|conn| {
        // The database is already in WAL mode (set by `seed::create`, persistent).
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(Duration::from_secs(5))
    });
    r2d2::Pool::builder()
        .max_size(POOL_SIZE)
        // A local file does not drop connections: no query to test each one on checkout.
        .test_on_check_out(false)
        .build(manager)
}
// ANCHOR_END: pool

// ANCHOR: index
/// Adds what the schema lacks: an index to find a product's reviews without a full scan.
fn add_indexes(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("CREATE INDEX IF NOT EXISTS reviews_by_product ON reviews(product_id)")
}
// ANCHOR_END: index

impl AppState {
    /// Opens the pool, adds the indexes, loads the search index and the units sold.
    pub fn open(path: &Path) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let pool = open_pool(path)?;
        let conn = pool.get()?;
        add_indexes(&conn)?;
        let search = Arc::new(SearchIndex::load(&conn)?);
        let top_sellers = Arc::new(TopSellers::load(&conn, search.clone())?);
        drop(conn);
        Ok(Self {
            pool,
            search,
            top_sellers,
        })
    }

    // ANCHOR: spawn_blocking
    /// Runs `work` on a pooled connection on tokio's blocking thread pool: SQLite calls block,
    /// and must not hold up the async worker threads that serve every other request.
    pub async fn with_conn<T, F>(&self, work: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> ApiResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await?
    }
    // ANCHOR_END: spawn_blocking
}
