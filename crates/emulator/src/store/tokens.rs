//! Token families, authorization codes and tokens. Only hashes are stored.

use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::Result;

#[derive(Debug, Clone)]
pub struct Family {
    pub id: String,
    pub client_id: String,
    pub user_id: String,
    pub scope: String,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    /// When the person last typed their password; None for client credentials (no person).
    pub auth_time: Option<i64>,
    /// RFC 8707 audience; `None` is the admin API itself.
    pub audience: Option<String>,
    /// A delegated family (RFC 8693): who acts for `user_id`, and in which acting session.
    pub actor_id: Option<String>,
    pub acting_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Code {
    pub family: Family,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    /// When the password behind this code was verified (also on its family).
    pub auth_time: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Access,
    Refresh,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Access => "access",
            Kind::Refresh => "refresh",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Token {
    pub kind: Kind,
    pub family: Family,
    pub issued_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// This token's own scope when a refresh narrowed it; see `Token::scope`.
    pub own_scope: Option<String>,
}

impl Token {
    /// The scope this token was issued with: its own when narrowed, else its family's.
    pub fn scope(&self) -> &str {
        self.own_scope.as_deref().unwrap_or(&self.family.scope)
    }

    /// Usable right now: not expired, not revoked, family alive, and a refresh token not yet used.
    pub fn is_active(&self, now: i64) -> bool {
        self.expires_at > now
            && (self.kind == Kind::Access || self.family.expires_at > now)
            && self.revoked_at.is_none()
            && self.family.revoked_at.is_none()
            && !(self.kind == Kind::Refresh && self.used_at.is_some())
    }
}

fn family_from(row: &sqlx::sqlite::SqliteRow) -> Result<Family> {
    Ok(Family {
        id: row.try_get("family_id")?,
        client_id: row.try_get("client_id")?,
        user_id: row.try_get("user_id")?,
        scope: row.try_get("scope")?,
        expires_at: row.try_get("family_expires_at")?,
        revoked_at: row.try_get("family_revoked_at")?,
        auth_time: row.try_get("family_auth_time")?,
        audience: row.try_get("family_audience")?,
        actor_id: row.try_get("family_actor_id")?,
        acting_id: row.try_get("family_acting_id")?,
    })
}

const FAMILY_COLS: &str = "f.id AS family_id, f.client_id, f.user_id, f.scope, \
    f.expires_at AS family_expires_at, f.revoked_at AS family_revoked_at, \
    f.auth_time AS family_auth_time, f.audience AS family_audience, \
    f.actor_id AS family_actor_id, f.acting_id AS family_acting_id";

pub async fn new_family(
    pool: &SqlitePool,
    client_id: &str,
    user_id: &str,
    scope: &str,
    now: i64,
    expires_at: i64,
    auth_time: Option<i64>,
) -> Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO token_families (id, client_id, user_id, scope, created_at, expires_at, \
         auth_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(client_id)
    .bind(user_id)
    .bind(scope)
    .bind(now)
    .bind(expires_at)
    .bind(auth_time)
    .execute(pool)
    .await?;
    Ok(id)
}

pub async fn insert_code(
    pool: &SqlitePool,
    code_hash: &str,
    family_id: &str,
    redirect_uri: &str,
    code_challenge: &str,
    expires_at: i64,
    auth_time: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO auth_codes (code_hash, family_id, redirect_uri, code_challenge, expires_at, \
         auth_time) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(code_hash)
    .bind(family_id)
    .bind(redirect_uri)
    .bind(code_challenge)
    .bind(expires_at)
    .bind(auth_time)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn find_code(pool: &SqlitePool, code_hash: &str) -> Result<Option<Code>> {
    let row = sqlx::query(&format!(
        "SELECT {FAMILY_COLS}, c.redirect_uri, c.code_challenge, c.expires_at, c.used_at, \
         c.auth_time FROM auth_codes c JOIN token_families f ON f.id = c.family_id WHERE c.code_hash = ?"
    ))
    .bind(code_hash)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(Code {
        family: family_from(&row)?,
        redirect_uri: row.try_get("redirect_uri")?,
        code_challenge: row.try_get("code_challenge")?,
        expires_at: row.try_get("expires_at")?,
        used_at: row.try_get("used_at")?,
        auth_time: row.try_get("auth_time")?,
    }))
}

/// Makes the family carry the code's auth_time at exchange, so the tokens it issues (and every
/// refresh after them) answer for when the password was typed, never for when they were issued.
pub async fn carry_auth_time(pool: &SqlitePool, code: &Code) -> Result<()> {
    sqlx::query("UPDATE token_families SET auth_time = ? WHERE id = ?")
        .bind(code.auth_time)
        .bind(&code.family.id)
        .execute(pool)
        .await?;
    Ok(())
}

/// When the person behind an access token (by its hash) last typed their password: None for an
/// unknown token or a client-credentials token (no person signed in).
pub async fn auth_time_of_access_token(pool: &SqlitePool, token_hash: &str) -> Result<Option<i64>> {
    let found = sqlx::query_scalar::<_, Option<i64>>(
        "SELECT f.auth_time FROM tokens t JOIN token_families f ON f.id = t.family_id \
         WHERE t.token_hash = ? AND t.kind = 'access'",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    Ok(found.flatten())
}

/// Marks a code used; false when another request used it first (a replay).
pub async fn use_code(pool: &SqlitePool, code_hash: &str, now: i64) -> Result<bool> {
    let done =
        sqlx::query("UPDATE auth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL")
            .bind(now)
            .bind(code_hash)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_token(
    pool: &SqlitePool,
    token_hash: &str,
    kind: Kind,
    family_id: &str,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO tokens (token_hash, kind, family_id, issued_at, expires_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(kind.as_str())
    .bind(family_id)
    .bind(now)
    .bind(expires_at)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn find_token(pool: &SqlitePool, token_hash: &str) -> Result<Option<Token>> {
    let row = sqlx::query(&format!(
        "SELECT {FAMILY_COLS}, t.kind, t.issued_at, t.expires_at, t.used_at, t.revoked_at, \
         t.scope AS token_scope \
         FROM tokens t JOIN token_families f ON f.id = t.family_id WHERE t.token_hash = ?"
    ))
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let kind: String = row.try_get("kind")?;
    Ok(Some(Token {
        kind: if kind == "refresh" {
            Kind::Refresh
        } else {
            Kind::Access
        },
        family: family_from(&row)?,
        issued_at: row.try_get("issued_at")?,
        expires_at: row.try_get("expires_at")?,
        used_at: row.try_get("used_at")?,
        revoked_at: row.try_get("revoked_at")?,
        own_scope: row.try_get("token_scope")?,
    }))
}

/// Marks a refresh token used; false when it had been used already (a reuse).
pub async fn use_refresh(pool: &SqlitePool, token_hash: &str, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE tokens SET used_at = ? WHERE token_hash = ? AND kind = 'refresh' AND used_at IS NULL",
    )
    .bind(now)
    .bind(token_hash)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn revoke_family(pool: &SqlitePool, family_id: &str, now: i64) -> Result<()> {
    sqlx::query("UPDATE token_families SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind(now)
        .bind(family_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn revoke_token(pool: &SqlitePool, token_hash: &str, now: i64) -> Result<()> {
    sqlx::query("UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
        .bind(now)
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

/// Records the scope a token was issued with (a refresh may narrow it below its family's), so
/// the admin API checks what this token holds, not what its sign-in once granted.
pub async fn set_token_scope(pool: &SqlitePool, token_hash: &str, scope: &str) -> Result<()> {
    sqlx::query("UPDATE tokens SET scope = ? WHERE token_hash = ?")
        .bind(scope)
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(())
}

/// Names the resource server (RFC 8707) a family's tokens are for; unset, it is the admin API.
pub async fn set_audience(pool: &SqlitePool, family_id: &str, audience: &str) -> Result<()> {
    sqlx::query("UPDATE token_families SET audience = ? WHERE id = ?")
        .bind(audience)
        .bind(family_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Ends every sign-in of a person at once (suspension, last console role removed): their
/// access and refresh tokens stop working and introspect as inactive. Runs in the caller's
/// transaction, so the change of access and the revocation commit together.
pub async fn revoke_all_for_user(
    conn: &mut SqliteConnection,
    user_id: &str,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE token_families SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes every token, code and family of a person who is being deleted (the families refer
/// to the user row, so they must go first; removed tokens are unknown, hence inactive).
pub async fn remove_all_for_user(conn: &mut SqliteConnection, user_id: &str) -> Result<()> {
    let families = "SELECT id FROM token_families WHERE user_id = ?";
    for sql in [
        format!("DELETE FROM tokens WHERE family_id IN ({families})"),
        format!("DELETE FROM auth_codes WHERE family_id IN ({families})"),
        "DELETE FROM token_families WHERE user_id = ?".to_string(),
    ] {
        sqlx::query(&sql).bind(user_id).execute(&mut *conn).await?;
    }
    Ok(())
}
