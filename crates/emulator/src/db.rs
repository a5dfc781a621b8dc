use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Sqlite, SqlitePool, Transaction};

use crate::Result;

/// A write transaction. `BEGIN IMMEDIATE` takes the write lock up front: what a write checks
/// first (the guardrails' facts, the current version) cannot change before it writes, and two
/// writers queue instead of one failing with SQLITE_BUSY halfway through.
pub async fn begin_write(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>> {
    Ok(pool.begin_with("BEGIN IMMEDIATE").await?)
}

/// Who makes a change, why, through which request, and when: what the audit trail records
/// with every change of the admin API.
#[derive(Debug, Clone, Copy)]
pub struct Attribution<'a> {
    pub org_id: &'a str,
    pub actor_id: &'a str,
    pub actor_name: &'a str,
    pub reason: &'a str,
    pub request_id: &'a str,
    pub at: i64,
    /// For whom the actor made the change, when they acted for someone (a delegated token, a
    /// service account acting for its provider); the event records both.
    pub on_behalf: Option<&'a console_api::OnBehalf>,
}

pub async fn connect(path: &Path) -> Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // With WAL, NORMAL cannot corrupt the database; it only risks the last commits on power
        // loss, which an emulator can afford, and it spares an fsync per write.
        .synchronous(SqliteSynchronous::Normal)
        // sqlx hands rows from its SQLite thread to the caller through a channel of this many;
        // at the default 50 a 5,000-user page made the two threads take turns a hundred times.
        .row_buffer_size(5_002)
        .foreign_keys(true)
        .busy_timeout(std::time::Duration::from_secs(5))
        // sqlx prints a statement's text at debug level, and again at warn when it is slow.
        // Bound values never appear, but the migrations' text does, and it names seeded
        // people (the demo household); in demo mode this pool runs inside the app, whose log
        // must hold no patient data at any level.
        .log_statements(log::LevelFilter::Off)
        .log_slow_statements(log::LevelFilter::Off, std::time::Duration::MAX);
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first migration of the audit trail.
    const AUDIT: i64 = 20261206000001;

    #[tokio::test]
    async fn the_audit_migration_keeps_the_feed_and_lets_it_carry_events() {
        // A database the previous release left behind: its change log must survive the rebuild
        // that widens the log's CHECK, or every synced client would have to start over.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite");
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
            .unwrap()
            .create_if_missing(true);
        let pool = SqlitePool::connect_with(options).await.unwrap();
        let mut old = sqlx::migrate!("./migrations");
        old.migrations = old
            .migrations
            .iter()
            .filter(|m| m.version < AUDIT)
            .cloned()
            .collect::<Vec<_>>()
            .into();
        old.run(&pool).await.unwrap();
        let insert = "INSERT INTO changes (org_id, seq, resource, resource_id, kind, op, at) \
                      VALUES ('org', ?, ?, ?, 'STAFF', 'upsert', 1)";
        sqlx::query(insert)
            .bind(1)
            .bind("user")
            .bind("usr_a")
            .execute(&pool)
            .await
            .unwrap();
        let refused = sqlx::query(insert)
            .bind(2)
            .bind("audit")
            .bind("aud_1")
            .execute(&pool)
            .await;
        assert!(refused.is_err(), "the old log takes users only");
        pool.close().await;

        let pool = connect(&path).await.unwrap();
        let kept: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT seq, resource, resource_id FROM changes")
                .fetch_all(&pool)
                .await
                .unwrap();
        assert_eq!(kept, [(1, "user".to_string(), "usr_a".to_string())]);
        sqlx::query(insert)
            .bind(2)
            .bind("audit")
            .bind("aud_1")
            .execute(&pool)
            .await
            .expect("the new log takes audit events");
        let bogus = sqlx::query(insert)
            .bind(3)
            .bind("invoice")
            .bind("inv_1")
            .execute(&pool)
            .await;
        assert!(bogus.is_err(), "and still nothing else");
    }
}
