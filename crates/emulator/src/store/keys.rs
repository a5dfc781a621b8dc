//! API keys: `api_keys`. Only a hash of each key is stored, found by the key id that the key
//! itself carries. Writes run inside the caller's transaction, except `mark_used`, which is
//! bookkeeping of a request that changes nothing else.

use console_api::{ApiKey, KeyStatus};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::Result;

/// The longest an API key of `org_id` may live, in days: the organization's setting
/// `max_api_key_lifetime_days` (config Owner only), its default when never set.
pub async fn max_api_key_lifetime_days(pool: &SqlitePool, org_id: &str) -> Result<i64> {
    super::settings::max_api_key_lifetime_days(pool, org_id).await
}

/// A key as stored, with what the listing does not show (its hash, and the raw state that
/// `status` is derived from).
#[derive(Debug, Clone)]
pub struct StoredKey {
    pub id: String,
    pub account_id: String,
    pub name: String,
    pub prefix: String,
    pub key_hash: String,
    pub created_at: i64,
    pub created_by: String,
    pub expires_at: i64,
    pub disabled: bool,
    pub revoked: bool,
    pub last_used_at: Option<i64>,
    pub last_used_from: Option<String>,
    pub replaced_by: Option<String>,
}

impl StoredKey {
    /// Revoked outranks disabled, which outranks expired: the listing says why a key fails
    /// first by what an owner did, then by time.
    pub fn status(&self, now: i64) -> KeyStatus {
        if self.revoked {
            KeyStatus::Revoked
        } else if self.disabled {
            KeyStatus::Disabled
        } else if self.expires_at <= now {
            KeyStatus::Expired
        } else {
            KeyStatus::Active
        }
    }

    /// Works right now (the account's own status aside).
    pub fn working(&self, now: i64) -> bool {
        self.status(now) == KeyStatus::Active
    }

    pub fn to_wire(&self, now: i64) -> ApiKey {
        ApiKey {
            id: self.id.clone(),
            account_id: self.account_id.clone(),
            name: self.name.clone(),
            prefix: self.prefix.clone(),
            created_at: self.created_at,
            created_by: self.created_by.clone(),
            expires_at: self.expires_at,
            last_used_at: self.last_used_at,
            last_used_from: self.last_used_from.clone(),
            status: self.status(now),
            replaced_by: self.replaced_by.clone(),
        }
    }
}

const COLUMNS: &str = "id, account_id, name, prefix, key_hash, created_at, created_by, \
    expires_at, disabled_at, revoked_at, last_used_at, last_used_from, replaced_by, rowid";

fn from_row(row: &SqliteRow) -> Result<StoredKey> {
    let disabled_at: Option<i64> = row.try_get(8)?;
    let revoked_at: Option<i64> = row.try_get(9)?;
    Ok(StoredKey {
        id: row.try_get(0)?,
        account_id: row.try_get(1)?,
        name: row.try_get(2)?,
        prefix: row.try_get(3)?,
        key_hash: row.try_get(4)?,
        created_at: row.try_get(5)?,
        created_by: row.try_get(6)?,
        expires_at: row.try_get(7)?,
        disabled: disabled_at.is_some(),
        revoked: revoked_at.is_some(),
        last_used_at: row.try_get(10)?,
        last_used_from: row.try_get(11)?,
        replaced_by: row.try_get(12)?,
    })
}

/// The wire id of the key whose key id part is `key_id`.
pub fn id_of(key_id: &str) -> String {
    format!("key_{key_id}")
}

pub async fn find(conn: &mut SqliteConnection, id: &str) -> Result<Option<StoredKey>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM api_keys WHERE id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Up to `limit` keys of an account created before the key at `before_rowid`, newest first,
/// each with its rowid (the cursor).
pub async fn list(
    conn: &mut SqliteConnection,
    account_id: &str,
    before_rowid: Option<i64>,
    limit: i64,
) -> Result<Vec<(i64, StoredKey)>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM api_keys WHERE account_id = ? AND rowid < ? \
         ORDER BY rowid DESC LIMIT ?"
    ))
    .bind(account_id)
    .bind(before_rowid.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get(13)?, from_row(r)?)))
        .collect()
}

pub async fn count(conn: &mut SqliteConnection, account_id: &str) -> Result<i64> {
    let n = sqlx::query_scalar("SELECT count(*) FROM api_keys WHERE account_id = ?")
        .bind(account_id)
        .fetch_one(conn)
        .await?;
    Ok(n)
}

/// The keys that count against the two-key limit: working now and not already replaced by a
/// rotation (a replaced key is on its way out, its overlap is a grace period).
pub async fn counted(
    conn: &mut SqliteConnection,
    account_id: &str,
    now: i64,
) -> Result<Vec<StoredKey>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM api_keys WHERE account_id = ? AND revoked_at IS NULL \
         AND disabled_at IS NULL AND expires_at > ? AND replaced_by IS NULL ORDER BY rowid"
    ))
    .bind(account_id)
    .bind(now)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// A key to store; `key_hash` is the hash of the whole key, never the key.
pub struct NewKey<'a> {
    pub id: &'a str,
    pub account_id: &'a str,
    pub name: &'a str,
    pub prefix: &'a str,
    pub key_hash: &'a str,
    pub created_by: &'a str,
    pub expires_at: i64,
}

/// Stores `new`; false (and nothing stored) when its id is taken, so the caller draws again.
pub async fn insert(conn: &mut SqliteConnection, new: &NewKey<'_>, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO api_keys (id, account_id, name, prefix, key_hash, created_at, created_by, \
         expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
    )
    .bind(new.id)
    .bind(new.account_id)
    .bind(new.name)
    .bind(new.prefix)
    .bind(new.key_hash)
    .bind(now)
    .bind(new.created_by)
    .bind(new.expires_at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The old key of a rotation: replaced by `new_id`, and expiring at `expires_at`.
pub async fn replace(
    conn: &mut SqliteConnection,
    id: &str,
    new_id: &str,
    expires_at: i64,
) -> Result<()> {
    sqlx::query("UPDATE api_keys SET replaced_by = ?, expires_at = ? WHERE id = ?")
        .bind(new_id)
        .bind(expires_at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// What an owner does to a key without a new secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switch {
    Disable,
    Enable,
    Revoke,
}

pub async fn switch(conn: &mut SqliteConnection, id: &str, switch: Switch, now: i64) -> Result<()> {
    let query = match switch {
        Switch::Disable => {
            sqlx::query("UPDATE api_keys SET disabled_at = ? WHERE id = ?").bind(now)
        }
        Switch::Enable => sqlx::query("UPDATE api_keys SET disabled_at = NULL WHERE id = ?"),
        Switch::Revoke => sqlx::query("UPDATE api_keys SET revoked_at = ? WHERE id = ?").bind(now),
    };
    query.bind(id).execute(conn).await?;
    Ok(())
}

/// Records a successful use: when (the platform's clock) and from which address.
pub async fn mark_used(pool: &SqlitePool, id: &str, now: i64, from: Option<&str>) -> Result<()> {
    sqlx::query("UPDATE api_keys SET last_used_at = ?, last_used_from = ? WHERE id = ?")
        .bind(now)
        .bind(from)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}
