//! Service accounts: a `users` row of kind SERVICE_ACCOUNT (name, status, version; what the
//! directory and the change feed show) and a `service_accounts` row (description, owner of
//! record, the provider it acts for). Every write runs inside the caller's transaction and
//! appends the user's change-feed entry; the caller records the audit event in the same
//! transaction (`record`).

use console_api::{AccountStatus, AuditEvent, ChangeOp, ServiceAccount, StaffRole, UserKind};
use serde_json::Value;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::audit::{self, NewEvent};
use super::changes;
use super::users;
use crate::db::Attribution;
use crate::{Error, Result};

/// What a service account reads as, with the figures computed at `now` (the `?` is `now`,
/// bound three times, then the organization).
const SELECT: &str = "SELECT u.id, u.display_name, sa.description, sa.owner_id, \
    coalesce(o.display_name, sa.owner_id), \
    coalesce(o.kind = 'STAFF' AND o.status = 'active', 0), \
    sa.acts_for_id, p.display_name, u.status, u.created_at, u.updated_at, u.version, \
    (SELECT count(*) FROM api_keys k WHERE k.account_id = u.id AND k.revoked_at IS NULL \
        AND k.disabled_at IS NULL AND k.expires_at > ?), \
    (SELECT min(k.expires_at) FROM api_keys k WHERE k.account_id = u.id \
        AND k.revoked_at IS NULL AND k.disabled_at IS NULL AND k.expires_at > ?), \
    (SELECT max(k.last_used_at) FROM api_keys k WHERE k.account_id = u.id), \
    (SELECT c.client_id FROM clients c WHERE c.service_account_id = u.id LIMIT 1) \
    FROM service_accounts sa JOIN users u ON u.id = sa.id \
    LEFT JOIN users o ON o.id = sa.owner_id AND o.org_id = u.org_id \
    LEFT JOIN users p ON p.id = sa.acts_for_id AND p.org_id = u.org_id \
    WHERE u.org_id = ?";

fn from_row(row: &SqliteRow) -> Result<ServiceAccount> {
    let status: &str = row.try_get(8)?;
    let active_keys: i64 = row.try_get(12)?;
    Ok(ServiceAccount {
        id: row.try_get(0)?,
        name: row.try_get(1)?,
        description: row.try_get(2)?,
        owner_id: row.try_get(3)?,
        owner_name: row.try_get(4)?,
        owner_active: row.try_get(5)?,
        acts_for_id: row.try_get(6)?,
        acts_for_name: row.try_get(7)?,
        status: account_status(status),
        created_at: row.try_get(9)?,
        updated_at: row.try_get(10)?,
        version: row.try_get(11)?,
        active_keys: u32::try_from(active_keys).unwrap_or(u32::MAX),
        soonest_expiry: row.try_get(13)?,
        last_used_at: row.try_get(14)?,
        client_id: row.try_get(15)?,
    })
}

/// A disabled account's user is `suspended`, so tokens issued to it stop like a person's.
fn account_status(user_status: &str) -> AccountStatus {
    if user_status == "active" {
        AccountStatus::Active
    } else {
        AccountStatus::Disabled
    }
}

pub fn user_status(status: AccountStatus) -> &'static str {
    match status {
        AccountStatus::Active => "active",
        AccountStatus::Disabled => "suspended",
    }
}

pub async fn get(
    conn: &mut SqliteConnection,
    org_id: &str,
    id: &str,
    now: i64,
) -> Result<Option<ServiceAccount>> {
    let row = sqlx::query(&format!("{SELECT} AND u.id = ?"))
        .bind(now)
        .bind(now)
        .bind(org_id)
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Up to `limit` accounts with ids after `after`, in id order.
pub async fn list(
    conn: &mut SqliteConnection,
    org_id: &str,
    after: Option<&str>,
    limit: i64,
    now: i64,
) -> Result<Vec<ServiceAccount>> {
    let rows = sqlx::query(&format!("{SELECT} AND u.id > ? ORDER BY u.id LIMIT ?"))
        .bind(now)
        .bind(now)
        .bind(org_id)
        .bind(after.unwrap_or(""))
        .bind(limit)
        .fetch_all(conn)
        .await?;
    rows.iter().map(from_row).collect()
}

pub async fn count(conn: &mut SqliteConnection, org_id: &str) -> Result<i64> {
    let n = sqlx::query_scalar(
        "SELECT count(*) FROM service_accounts sa JOIN users u ON u.id = sa.id \
         WHERE u.org_id = ?",
    )
    .bind(org_id)
    .fetch_one(conn)
    .await?;
    Ok(n)
}

/// A person an account may name as its owner of record or the provider it acts for.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub kind: UserKind,
    pub active: bool,
    pub roles: Vec<StaffRole>,
}

pub async fn person(conn: &mut SqliteConnection, org_id: &str, id: &str) -> Result<Option<Person>> {
    let row =
        sqlx::query("SELECT display_name, kind, status FROM users WHERE id = ? AND org_id = ?")
            .bind(id)
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let kind: String = row.try_get(1)?;
    let status: String = row.try_get(2)?;
    Ok(Some(Person {
        id: id.to_string(),
        name: row.try_get(0)?,
        kind: UserKind::parse(&kind).ok_or_else(|| Error::Invalid(format!("bad kind {kind}")))?,
        active: status == "active",
        roles: users::staff_roles(&mut *conn, id).await?,
    }))
}

/// An account's own fields, as created or after an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub name: String,
    pub description: String,
    pub owner_id: String,
    pub acts_for_id: Option<String>,
    pub status: AccountStatus,
}

impl Fields {
    pub fn of(account: &ServiceAccount) -> Fields {
        Fields {
            name: account.name.clone(),
            description: account.description.clone(),
            owner_id: account.owner_id.clone(),
            acts_for_id: account.acts_for_id.clone(),
            status: account.status,
        }
    }

    /// The audit trail's view: every field, flat, so a reader sees each one that changed.
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "name": self.name,
            "description": self.description,
            "owner_id": self.owner_id,
            "acts_for_id": self.acts_for_id,
            "status": self.status,
        })
    }
}

/// Creates the account's user and its row, with the user's feed entry.
pub async fn insert(
    conn: &mut SqliteConnection,
    org_id: &str,
    id: &str,
    fields: &Fields,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, org_id, kind, display_name, status, created_at, updated_at, \
         version) VALUES (?, ?, 'SERVICE_ACCOUNT', ?, ?, ?, ?, 1)",
    )
    .bind(id)
    .bind(org_id)
    .bind(&fields.name)
    .bind(user_status(fields.status))
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    insert_row(conn, id, fields).await?;
    feed(conn, org_id, id, ChangeOp::Upsert, now).await
}

/// The account row for an existing SERVICE_ACCOUNT user (the demo seed's reminder bot).
pub async fn insert_row(conn: &mut SqliteConnection, id: &str, fields: &Fields) -> Result<()> {
    sqlx::query(
        "INSERT INTO service_accounts (id, description, owner_id, acts_for_id) VALUES (?, ?, ?, ?)",
    )
    .bind(id)
    .bind(&fields.description)
    .bind(&fields.owner_id)
    .bind(&fields.acts_for_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Stores `fields` (which differ from what is stored): a new version and a feed entry.
pub async fn update(
    conn: &mut SqliteConnection,
    org_id: &str,
    id: &str,
    fields: &Fields,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE users SET display_name = ?, status = ?, updated_at = ?, version = version + 1 \
         WHERE id = ? AND org_id = ?",
    )
    .bind(&fields.name)
    .bind(user_status(fields.status))
    .bind(now)
    .bind(id)
    .bind(org_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE service_accounts SET description = ?, owner_id = ?, acts_for_id = ? WHERE id = ?",
    )
    .bind(&fields.description)
    .bind(&fields.owner_id)
    .bind(&fields.acts_for_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    feed(conn, org_id, id, ChangeOp::Upsert, now).await
}

/// Deletes the account and every credential it has: its keys and row (by cascade), its M2M
/// client, and every token issued to it (revoked first, then removed with their families so the
/// user row can go). Appends the user's tombstone.
pub async fn delete(conn: &mut SqliteConnection, org_id: &str, id: &str, now: i64) -> Result<()> {
    let families = "SELECT id FROM token_families WHERE user_id = ?";
    for sql in [
        format!("DELETE FROM tokens WHERE family_id IN ({families})"),
        format!("DELETE FROM auth_codes WHERE family_id IN ({families})"),
        "DELETE FROM token_families WHERE user_id = ?".to_string(),
        "DELETE FROM clients WHERE service_account_id = ?".to_string(),
    ] {
        sqlx::query(&sql).bind(id).execute(&mut *conn).await?;
    }
    sqlx::query("DELETE FROM users WHERE id = ? AND org_id = ?")
        .bind(id)
        .bind(org_id)
        .execute(&mut *conn)
        .await?;
    feed(conn, org_id, id, ChangeOp::Delete, now).await
}

/// The account's change-feed entry: the directory syncs service accounts as users.
async fn feed(
    conn: &mut SqliteConnection,
    org_id: &str,
    id: &str,
    op: ChangeOp,
    now: i64,
) -> Result<()> {
    changes::append(conn, org_id, id, UserKind::ServiceAccount, op, now).await?;
    Ok(())
}

/// Records an event about `account` (the target of every account, key and client secret
/// event). `before` / `after` are flat objects of the fields that matter, never a secret.
pub async fn record(
    conn: &mut SqliteConnection,
    ctx: &Attribution<'_>,
    account: &ServiceAccount,
    action: &'static str,
    before: Value,
    after: Value,
) -> Result<AuditEvent> {
    audit::record(
        conn,
        NewEvent {
            by: ctx,
            action,
            target_type: "service_account",
            target_id: &account.id,
            target_name: &account.name,
            before,
            after,
        },
    )
    .await
}
