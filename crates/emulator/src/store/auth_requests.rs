//! Pending authorization requests and the codes they turn into.

use sqlx::{Row, SqlitePool};

use crate::Result;

#[derive(Debug, Clone)]
pub struct AuthRequest {
    pub id: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub code_challenge: String,
    pub scope: String,
    pub expires_at: i64,
    /// The RFC 8707 audience asked for; `None` is the admin API.
    pub resource: Option<String>,
}

pub async fn insert(pool: &SqlitePool, r: &AuthRequest) -> Result<()> {
    sqlx::query(
        "INSERT INTO auth_requests (id, client_id, redirect_uri, state, code_challenge, scope, \
         expires_at, resource) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&r.id)
    .bind(&r.client_id)
    .bind(&r.redirect_uri)
    .bind(&r.state)
    .bind(&r.code_challenge)
    .bind(&r.scope)
    .bind(r.expires_at)
    .bind(&r.resource)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn find(pool: &SqlitePool, id: &str) -> Result<Option<AuthRequest>> {
    let row = sqlx::query("SELECT * FROM auth_requests WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(AuthRequest {
        id: row.try_get("id")?,
        client_id: row.try_get("client_id")?,
        redirect_uri: row.try_get("redirect_uri")?,
        state: row.try_get("state")?,
        code_challenge: row.try_get("code_challenge")?,
        scope: row.try_get("scope")?,
        expires_at: row.try_get("expires_at")?,
        resource: row.try_get("resource")?,
    }))
}

pub async fn delete(pool: &SqlitePool, id: &str) -> Result<()> {
    sqlx::query("DELETE FROM auth_requests WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Deletes every request past its expiry, returning how many went. Run on each new request, so
/// the table holds at most what arrives within one request lifetime.
pub async fn purge_expired(pool: &SqlitePool, now: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM auth_requests WHERE expires_at <= ?")
        .bind(now)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}
