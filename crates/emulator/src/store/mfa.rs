//! `mfa_secrets` and `mfa_challenges`: each person's TOTP secret and the sign-ins waiting for a
//! code. The policy (who is asked, how codes are checked) lives in `oauth::mfa`.

use std::collections::HashSet;

use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::Result;

/// Where a person stands with their second factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Factor {
    /// Never enrolled, or reset: the next sign-in enrols.
    None,
    /// An enrolment shown with this secret, not yet confirmed with a code.
    Pending(String),
    Enrolled(String),
}

pub async fn factor(pool: &SqlitePool, user_id: &str) -> Result<Factor> {
    let row = sqlx::query("SELECT secret, enrolled_at FROM mfa_secrets WHERE user_id = ?")
        .bind(user_id)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else {
        return Ok(Factor::None);
    };
    let secret: Option<String> = row.try_get(0)?;
    let enrolled: Option<i64> = row.try_get(1)?;
    Ok(match (secret, enrolled) {
        (Some(s), Some(_)) => Factor::Enrolled(s),
        (Some(s), None) => Factor::Pending(s),
        (None, _) => Factor::None,
    })
}

/// Starts an enrolment with a new secret (replacing any earlier unconfirmed one).
pub async fn begin_enrolment(pool: &SqlitePool, user_id: &str, secret: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO mfa_secrets (user_id, secret, enrolled_at) VALUES (?1, ?2, NULL) \
         ON CONFLICT(user_id) DO UPDATE SET secret = ?2, enrolled_at = NULL, last_step = NULL",
    )
    .bind(user_id)
    .bind(secret)
    .execute(pool)
    .await?;
    Ok(())
}

/// The pending enrolment was confirmed with a correct code.
pub async fn confirm(conn: &mut SqliteConnection, user_id: &str, now: i64) -> Result<()> {
    sqlx::query("UPDATE mfa_secrets SET enrolled_at = ? WHERE user_id = ? AND secret IS NOT NULL")
        .bind(now)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Takes the code of time step `step` as the one signing `user_id` in with `secret`, if no code
/// of that step or a later one has (RFC 6238 §5.2: a code is accepted once). One conditional
/// write, so two sign-ins racing with the same code cannot both win. `false`: already used.
pub async fn use_step(pool: &SqlitePool, user_id: &str, secret: &str, step: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE mfa_secrets SET last_step = ?3 WHERE user_id = ?1 AND secret = ?2 \
         AND (last_step IS NULL OR last_step < ?3)",
    )
    .bind(user_id)
    .bind(secret)
    .bind(step)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Enrols `user_id` with `secret` unless a row exists (the demo seed: a persona an OWNER reset
/// stays reset across restarts).
pub async fn seed(pool: &SqlitePool, user_id: &str, secret: &str, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT OR IGNORE INTO mfa_secrets (user_id, secret, enrolled_at) VALUES (?, ?, ?)",
    )
    .bind(user_id)
    .bind(secret)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// Forgets the secret: the person enrols again at their next sign-in.
pub async fn reset(conn: &mut SqliteConnection, user_id: &str, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO mfa_secrets (user_id, secret, enrolled_at, reset_at) VALUES (?1, NULL, NULL, ?2) \
         ON CONFLICT(user_id) DO UPDATE SET secret = NULL, enrolled_at = NULL, reset_at = ?2, \
         last_step = NULL",
    )
    .bind(user_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    // A sign-in half done with the old secret must not finish with it.
    sqlx::query("DELETE FROM mfa_challenges WHERE user_id = ?")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Which of `ids` are enrolled, with one query per chunk (a directory page's staff).
pub async fn enrolled_among(
    conn: &mut SqliteConnection,
    ids: &[String],
) -> Result<HashSet<String>> {
    let mut enrolled = HashSet::new();
    for chunk in ids.chunks(10_000) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT user_id FROM mfa_secrets WHERE enrolled_at IS NOT NULL \
             AND secret IS NOT NULL AND user_id IN ({placeholders})"
        );
        let mut query = sqlx::query(&sql);
        for id in chunk {
            query = query.bind(id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            enrolled.insert(row.try_get(0)?);
        }
    }
    Ok(enrolled)
}

/// Records that the password of `request_id` was right for `user_id` at `at`.
pub async fn challenge(pool: &SqlitePool, request_id: &str, user_id: &str, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO mfa_challenges (request_id, user_id, password_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT(request_id) DO UPDATE SET user_id = ?2, password_at = ?3",
    )
    .bind(request_id)
    .bind(user_id)
    .bind(at)
    .execute(pool)
    .await?;
    Ok(())
}

/// Who a pending request waits for a code from, if its password was right.
pub async fn challenged(pool: &SqlitePool, request_id: &str) -> Result<Option<String>> {
    let user = sqlx::query_scalar("SELECT user_id FROM mfa_challenges WHERE request_id = ?")
        .bind(request_id)
        .fetch_optional(pool)
        .await?;
    Ok(user)
}
