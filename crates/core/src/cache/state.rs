//! The `sync_state` row: where the cache stands in the change feed.

use sqlx::{Row, SqliteConnection};

use super::Cache;
use crate::Result;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    pub as_of_seq: Option<i64>,
    pub last_synced_at: Option<i64>,
    pub full_gen: i64,
    pub full_cursor: Option<String>,
    pub full_as_of: Option<i64>,
    pub full_done: i64,
    pub full_total: Option<i64>,
    /// When the last full listing finished (a kept copy reopened needs none).
    pub last_full_at: Option<i64>,
}

impl SyncState {
    /// A full sync has started and not finished (it resumes from `full_cursor`).
    pub fn full_in_progress(&self) -> bool {
        self.full_as_of.is_some()
    }
}

impl Cache {
    pub async fn sync_state(&self) -> Result<SyncState> {
        let mut conn = self.pool().acquire().await?;
        read(&mut conn).await
    }

    /// The rights the copy was made under, if it has been filled yet.
    pub async fn scope(&self) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT scope FROM sync_state WHERE id = 1")
                .fetch_one(self.pool())
                .await?,
        )
    }

    pub(crate) async fn set_scope(&self, scope: &str) -> Result<()> {
        sqlx::query("UPDATE sync_state SET scope = ? WHERE id = 1")
            .bind(scope)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

pub(crate) async fn read(conn: &mut SqliteConnection) -> Result<SyncState> {
    let row = sqlx::query("SELECT * FROM sync_state WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    Ok(SyncState {
        as_of_seq: row.try_get("as_of_seq")?,
        last_synced_at: row.try_get("last_synced_at")?,
        full_gen: row.try_get("full_gen")?,
        full_cursor: row.try_get("full_cursor")?,
        full_as_of: row.try_get("full_as_of")?,
        full_done: row.try_get("full_done")?,
        full_total: row.try_get("full_total")?,
        last_full_at: row.try_get("last_full_at")?,
    })
}

pub(crate) async fn write(conn: &mut SqliteConnection, s: &SyncState) -> Result<()> {
    sqlx::query(
        "UPDATE sync_state SET as_of_seq = ?, last_synced_at = ?, full_gen = ?, full_cursor = ?, \
         full_as_of = ?, full_done = ?, full_total = ?, last_full_at = ? WHERE id = 1",
    )
    .bind(s.as_of_seq)
    .bind(s.last_synced_at)
    .bind(s.full_gen)
    .bind(&s.full_cursor)
    .bind(s.full_as_of)
    .bind(s.full_done)
    .bind(s.full_total)
    .bind(s.last_full_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Pauses (or resumes) the FTS triggers for a bulk load, inside the caller's transaction.
pub(crate) async fn set_bulk(conn: &mut SqliteConnection, bulk: bool) -> Result<()> {
    sqlx::query("UPDATE sync_flags SET bulk = ? WHERE id = 1")
        .bind(bulk as i64)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Rebuilds the word index and the phone digits' trigram index from the users table (after a
/// bulk load).
pub(crate) async fn rebuild_search_index(conn: &mut SqliteConnection) -> Result<()> {
    for index in ["users_fts", "users_phone"] {
        sqlx::query(&format!("INSERT INTO {index}({index}) VALUES ('rebuild')"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

const SECONDARY_INDEXES: &[(&str, &str)] = &[
    ("users_name", "users(name_sort, id)"),
    ("users_kind_name", "users(kind, name_sort)"),
    // Only dependents have a guardian: the others stay out of the index.
    (
        "users_guardian",
        "users(guardian_id) WHERE guardian_id IS NOT NULL",
    ),
    ("users_updated", "users(updated_at)"),
    ("users_email", "users(email)"),
    ("users_kind_status", "users(kind, status)"),
];

/// A full sync writes rows in the server's order, which is random for these indexes: dropping
/// them for the load and building each once at the end is much faster than updating them.
pub(crate) async fn drop_secondary_indexes(conn: &mut SqliteConnection) -> Result<()> {
    for (name, _) in SECONDARY_INDEXES {
        sqlx::query(&format!("DROP INDEX IF EXISTS {name}"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(crate) async fn create_secondary_indexes(conn: &mut SqliteConnection) -> Result<()> {
    for (name, on) in SECONDARY_INDEXES {
        sqlx::query(&format!("CREATE INDEX IF NOT EXISTS {name} ON {on}"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
