//! Acting sessions (`acting_sessions`) and their delegated token families: who acts for whom,
//! why, and for how long. A session is never deleted; stopping it records `ended_at` and
//! revokes its family, so the token stops working at once.

use console_api::ActingSession;
use sqlx::{Row, SqliteConnection};

use crate::Result;

const COLUMNS: &str = "id, subject_id, subject_name, actor_id, actor_name, reason, started_at, \
    expires_at, ended_at, family_id";

/// A stored session and the family of its delegated token.
#[derive(Debug, Clone)]
pub struct Stored {
    pub org_id: String,
    pub session: ActingSession,
    pub family_id: String,
}

fn from_row(row: &sqlx::sqlite::SqliteRow) -> Result<Stored> {
    Ok(Stored {
        org_id: row.try_get("org_id")?,
        session: ActingSession {
            id: row.try_get("id")?,
            subject_id: row.try_get("subject_id")?,
            subject_name: row.try_get("subject_name")?,
            actor_id: row.try_get("actor_id")?,
            actor_name: row.try_get("actor_name")?,
            reason: row.try_get("reason")?,
            started_at: row.try_get("started_at")?,
            expires_at: row.try_get("expires_at")?,
            ended_at: row.try_get("ended_at")?,
        },
        family_id: row.try_get("family_id")?,
    })
}

/// Records a new session of `org_id` whose delegated token family is `family_id`.
pub async fn insert(
    conn: &mut SqliteConnection,
    org_id: &str,
    session: &ActingSession,
    family_id: &str,
) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO acting_sessions (org_id, {COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    ))
    .bind(org_id)
    .bind(&session.id)
    .bind(&session.subject_id)
    .bind(&session.subject_name)
    .bind(&session.actor_id)
    .bind(&session.actor_name)
    .bind(&session.reason)
    .bind(session.started_at)
    .bind(session.expires_at)
    .bind(session.ended_at)
    .bind(family_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The session `id` of `org_id`, if any.
pub async fn get(conn: &mut SqliteConnection, org_id: &str, id: &str) -> Result<Option<Stored>> {
    let row = sqlx::query(&format!(
        "SELECT org_id, {COLUMNS} FROM acting_sessions WHERE org_id = ? AND id = ?"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Ends the session at `at` (once: an ended session keeps its first `ended_at`) and revokes
/// its family. True when this call ended it.
pub async fn end(conn: &mut SqliteConnection, stored: &Stored, at: i64) -> Result<bool> {
    let done =
        sqlx::query("UPDATE acting_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL")
            .bind(at)
            .bind(&stored.session.id)
            .execute(&mut *conn)
            .await?;
    sqlx::query("UPDATE token_families SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind(at)
        .bind(&stored.family_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Creates the delegated token family: it belongs to the subject, names the actor and the
/// session, has no refresh chain and ends with the window.
pub async fn new_family(
    conn: &mut SqliteConnection,
    client_id: &str,
    session: &ActingSession,
    scope: &str,
) -> Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO token_families (id, client_id, user_id, scope, created_at, expires_at, \
         auth_time, actor_id, acting_id) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)",
    )
    .bind(&id)
    .bind(client_id)
    .bind(&session.subject_id)
    .bind(scope)
    .bind(session.started_at)
    .bind(session.expires_at)
    .bind(&session.actor_id)
    .bind(&session.id)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Issues the family's only token: an access token expiring with the window.
pub async fn insert_access_token(
    conn: &mut SqliteConnection,
    token_hash: &str,
    family_id: &str,
    session: &ActingSession,
    scope: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO tokens (token_hash, kind, family_id, issued_at, expires_at, scope) \
         VALUES (?, 'access', ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(family_id)
    .bind(session.started_at)
    .bind(session.expires_at)
    .bind(scope)
    .execute(conn)
    .await?;
    Ok(())
}
