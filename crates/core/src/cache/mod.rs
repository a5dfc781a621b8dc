//! The local directory cache: one SQLCipher-encrypted SQLite file per profile and user, with
//! FTS5 search. The position in the change feed is stored with the data it covers.

mod changes;
mod key;
pub mod seal;
mod search;
mod state;
mod users;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, SqlitePool};

pub(crate) use changes::apply as apply_changes;
pub use key::CacheKey;
pub use state::SyncState;
pub(crate) use state::{
    create_secondary_indexes, drop_secondary_indexes, rebuild_search_index, set_bulk,
    write as write_state,
};
pub(crate) use users::{
    insert as insert_users, sweep as sweep_users, upsert as upsert_users, INSERTED,
};

use crate::{Error, Result};

/// An open cache. `SqlitePool` is `Clone`; so is this.
#[derive(Clone)]
pub struct Cache {
    pool: SqlitePool,
    path: PathBuf,
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Internal(format!("local cache: {e}"))
    }
}

impl Cache {
    /// Opens (creating if needed) the encrypted cache at `path` with `key`.
    pub async fn open(path: &Path, key: &CacheKey) -> Result<Cache> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let options = connect_options(path, key)?;
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.message().contains("file is not a database") => Error::Internal(
                    "the local cache cannot be opened with its key (it was made by another key); wipe it and sync again".into(),
                ),
                other => Error::from(other),
            })?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| Error::Internal(format!("local cache migration: {e}")))?;
        Ok(Cache {
            pool,
            path: path.to_path_buf(),
        })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Deletes the database and its -wal / -shm / -journal files. The key is removed separately.
    pub async fn wipe(self) -> Result<()> {
        self.pool.close().await;
        remove_files(&self.path)
    }
}

/// How every connection to a cache file is opened: SQLCipher with `key`, WAL, a 64 MiB page cache,
/// and never a statement's text in the log.
pub(crate) fn connect_options(path: &Path, key: &CacheKey) -> Result<SqliteConnectOptions> {
    Ok(
        SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
            .map_err(|e| Error::Internal(e.to_string()))?
            // A raw key: no key derivation on every pooled connection. sqlx applies `key` first.
            .pragma("key", format!("\"x'{}'\"", key.hex()))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            // 64 MiB of page cache: a million rows with their indexes stay mostly in memory.
            .pragma("cache_size", "-65536")
            .busy_timeout(Duration::from_secs(10))
            // The connect-time PRAGMA batch carries the key, and sqlx prints a statement's text
            // both when logging statements and when one is slow (e.g. waiting on a lock held by
            // a sync): both are off, at every log level.
            .log_statements(log::LevelFilter::Off)
            .log_slow_statements(log::LevelFilter::Off, Duration::MAX),
    )
}

pub fn remove_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
