//! Invitations and password resets (`invitations`) and their one-time codes
//! (`invitation_codes`, by hash only). Every function works inside the caller's transaction.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::db::Attribution;
use crate::{crypto, Error, Result};

/// What accepting the code does: an invitation activates an invited person, a reset replaces
/// an active person's password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invite,
    Reset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invite => "invite",
            Purpose::Reset => "reset",
        }
    }
}

/// How an invitation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    Accepted,
    Withdrawn,
}

impl Ended {
    fn as_str(self) -> &'static str {
        match self {
            Ended::Accepted => "accepted",
            Ended::Withdrawn => "withdrawn",
        }
    }
}

/// An invitation as stored.
#[derive(Debug, Clone)]
pub struct Stored {
    pub id: String,
    pub org_id: String,
    pub user_id: String,
    pub purpose: Purpose,
    pub display_name: String,
    pub email: String,
    pub invited_by_id: String,
    pub invited_by_name: String,
    pub sent_at: i64,
    pub expires_at: i64,
    pub version: i64,
    pub ended: Option<(Ended, i64)>,
}

const COLUMNS: &str = "id, org_id, user_id, purpose, display_name, email, invited_by_id, \
    invited_by_name, sent_at, expires_at, version, ended_at, ended_how";

fn from_row(row: &SqliteRow) -> Result<Stored> {
    let purpose = match row.try_get::<&str, _>(3)? {
        "invite" => Purpose::Invite,
        "reset" => Purpose::Reset,
        other => return Err(Error::Invalid(format!("bad invitation purpose {other}"))),
    };
    let ended_at: Option<i64> = row.try_get(11)?;
    let ended_how: Option<&str> = row.try_get(12)?;
    let ended = match (ended_at, ended_how) {
        (Some(at), Some("accepted")) => Some((Ended::Accepted, at)),
        (Some(at), Some("withdrawn")) => Some((Ended::Withdrawn, at)),
        (None, None) => None,
        other => return Err(Error::Invalid(format!("bad invitation end {other:?}"))),
    };
    Ok(Stored {
        id: row.try_get(0)?,
        org_id: row.try_get(1)?,
        user_id: row.try_get(2)?,
        purpose,
        display_name: row.try_get(4)?,
        email: row.try_get(5)?,
        invited_by_id: row.try_get(6)?,
        invited_by_name: row.try_get(7)?,
        sent_at: row.try_get(8)?,
        expires_at: row.try_get(9)?,
        version: row.try_get(10)?,
        ended,
    })
}

/// A new invitation (or reset) for `user_id`, sent by the attributed actor now; returns its
/// first code, which exists nowhere else once the caller has shown it.
pub async fn insert(
    conn: &mut SqliteConnection,
    by: &Attribution<'_>,
    (user_id, display_name, email): (&str, &str, &str),
    purpose: Purpose,
    expires_at: i64,
) -> Result<(Stored, String)> {
    let id = format!("inv_{}", &uuid::Uuid::new_v4().simple().to_string()[..20]);
    sqlx::query(
        "INSERT INTO invitations (id, org_id, user_id, purpose, display_name, email, \
         invited_by_id, invited_by_name, created_at, sent_at, expires_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(by.org_id)
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(display_name)
    .bind(email)
    .bind(by.actor_id)
    .bind(by.actor_name)
    .bind(by.at)
    .bind(by.at)
    .bind(expires_at)
    .execute(&mut *conn)
    .await?;
    let code = new_code(conn, &id, by.at).await?;
    let stored = get(conn, by.org_id, &id)
        .await?
        .ok_or_else(|| Error::Invalid(format!("invitation {id} vanished")))?;
    Ok((stored, code))
}

/// A fresh code for the invitation; every earlier one is superseded (dead) from now on.
async fn new_code(conn: &mut SqliteConnection, invitation_id: &str, now: i64) -> Result<String> {
    sqlx::query(
        "UPDATE invitation_codes SET superseded_at = ? \
         WHERE invitation_id = ? AND superseded_at IS NULL",
    )
    .bind(now)
    .bind(invitation_id)
    .execute(&mut *conn)
    .await?;
    let code = crypto::random_token("inv_");
    sqlx::query(
        "INSERT INTO invitation_codes (code_hash, invitation_id, issued_at) VALUES (?, ?, ?)",
    )
    .bind(crypto::token_hash(&code))
    .bind(invitation_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(code)
}

/// Re-send: a new code and a new expiry, the old code dead, the version one higher. The
/// sender of record becomes whoever re-sent it.
pub async fn resend(
    conn: &mut SqliteConnection,
    by: &Attribution<'_>,
    id: &str,
    expires_at: i64,
) -> Result<(Stored, String)> {
    sqlx::query(
        "UPDATE invitations SET sent_at = ?, expires_at = ?, invited_by_id = ?, \
         invited_by_name = ?, version = version + 1 WHERE id = ? AND ended_at IS NULL",
    )
    .bind(by.at)
    .bind(expires_at)
    .bind(by.actor_id)
    .bind(by.actor_name)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let code = new_code(conn, id, by.at).await?;
    let stored = get(conn, by.org_id, id)
        .await?
        .ok_or_else(|| Error::Invalid(format!("invitation {id} vanished")))?;
    Ok((stored, code))
}

/// Ends the invitation; its codes accept no more.
pub async fn end(conn: &mut SqliteConnection, id: &str, how: Ended, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE invitations SET ended_at = ?, ended_how = ?, version = version + 1 \
         WHERE id = ? AND ended_at IS NULL",
    )
    .bind(now)
    .bind(how.as_str())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn get(conn: &mut SqliteConnection, org_id: &str, id: &str) -> Result<Option<Stored>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE org_id = ? AND id = ?"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The organization's invitations not yet accepted or withdrawn (expired ones too: an OWNER
/// re-sends or withdraws them), oldest first. Resets are not invitations and are left out.
pub async fn pending(conn: &mut SqliteConnection, org_id: &str) -> Result<Vec<Stored>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE org_id = ? AND ended_at IS NULL \
         AND purpose = 'invite' ORDER BY created_at, id"
    ))
    .bind(org_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The pending invitation of a person, if any (a person has at most one: they are `invited`
/// until it ends).
pub async fn pending_for(
    conn: &mut SqliteConnection,
    org_id: &str,
    user_id: &str,
    purpose: Purpose,
) -> Result<Option<Stored>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE org_id = ? AND user_id = ? AND purpose = ? \
         AND ended_at IS NULL ORDER BY created_at DESC LIMIT 1"
    ))
    .bind(org_id)
    .bind(user_id)
    .bind(purpose.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// The invitation a code was issued for, and whether a newer code replaced it.
pub async fn by_code(conn: &mut SqliteConnection, code: &str) -> Result<Option<(Stored, bool)>> {
    let found: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT invitation_id, superseded_at FROM invitation_codes WHERE code_hash = ?",
    )
    .bind(crypto::token_hash(code.trim()))
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, superseded_at)) = found else {
        return Ok(None);
    };
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM invitations WHERE id = ?"))
        .bind(&id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row
        .as_ref()
        .map(from_row)
        .transpose()?
        .map(|s| (s, superseded_at.is_some())))
}
