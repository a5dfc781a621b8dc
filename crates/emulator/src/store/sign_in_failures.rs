//! Failed sign-ins, counted per subject (an account or a source address, hashed). The policy
//! (how many are free, how long to wait) lives in `oauth::throttle`; this is its memory.

use sqlx::{Row, SqlitePool};

use crate::Result;

/// The latest time until which any of `subjects` is blocked, if it is after `now`.
pub async fn blocked_until(
    pool: &SqlitePool,
    subjects: &[String],
    now: i64,
) -> Result<Option<i64>> {
    let mut latest: Option<i64> = None;
    for subject in subjects {
        let row = sqlx::query("SELECT blocked_until FROM sign_in_failures WHERE subject = ?")
            .bind(subject)
            .fetch_optional(pool)
            .await?;
        if let Some(row) = row {
            let until: i64 = row.try_get(0)?;
            if until > now && latest.is_none_or(|l| until > l) {
                latest = Some(until);
            }
        }
    }
    Ok(latest)
}

/// Counts one more failure for `subject` and returns the count. A count whose last failure is
/// older than `reset_after` seconds (and that is not blocking now) starts again from one. One
/// statement, so two failures at once both count.
pub async fn count_failure(
    pool: &SqlitePool,
    subject: &str,
    now: i64,
    reset_after: i64,
) -> Result<i64> {
    let failures = sqlx::query_scalar(
        "INSERT INTO sign_in_failures (subject, failures, last_failed_at, blocked_until) \
         VALUES (?1, 1, ?2, 0) ON CONFLICT(subject) DO UPDATE SET \
         failures = CASE WHEN ?2 - last_failed_at > ?3 AND blocked_until <= ?2 THEN 1 \
         ELSE failures + 1 END, last_failed_at = ?2 RETURNING failures",
    )
    .bind(subject)
    .bind(now)
    .bind(reset_after)
    .fetch_one(pool)
    .await?;
    Ok(failures)
}

/// Blocks `subject` until `until` (never shortening a longer block).
pub async fn block(pool: &SqlitePool, subject: &str, until: i64) -> Result<()> {
    sqlx::query(
        "UPDATE sign_in_failures SET blocked_until = max(blocked_until, ?) WHERE subject = ?",
    )
    .bind(until)
    .bind(subject)
    .execute(pool)
    .await?;
    Ok(())
}

/// Forgets `subject`'s failures (the account's owner signed in).
pub async fn clear(pool: &SqlitePool, subject: &str) -> Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE subject = ?")
        .bind(subject)
        .execute(pool)
        .await?;
    Ok(())
}

/// Drops counts that no longer matter: not blocking, and last failed over `reset_after` ago.
pub async fn purge_stale(pool: &SqlitePool, now: i64, reset_after: i64) -> Result<u64> {
    let done = sqlx::query(
        "DELETE FROM sign_in_failures WHERE blocked_until <= ?1 AND last_failed_at < ?1 - ?2",
    )
    .bind(now)
    .bind(reset_after)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
