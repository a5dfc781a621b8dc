//! Users and their staff roles. This module reads accounts for sign-in; `read` serves the
//! directory, `write` is the only way a user changes (it enforces the seed rules and records
//! each change in the feed), and `bulk` loads generated data.

pub mod bulk;
mod household;
pub mod read;
pub mod remove;
mod rules;
pub mod schema;
mod search;
pub mod write;

use console_api::{ConfigRole, OnBehalf, StaffRole, UserKind, UserStatus};
use sqlx::{Row, SqlitePool};

use crate::{Error, Result};

/// A person as signing in and the admin API's checks need them (the directory's answer, the
/// wire `User`, comes from `read`).
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub org_id: String,
    pub kind: UserKind,
    pub display_name: String,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub config_role: Option<ConfigRole>,
    pub status: UserStatus,
    /// Set when someone else acts for this person through the credential of this request (an
    /// OWNER's delegated token, or a service account acting for its provider): the request's
    /// rights are then this person's intersected with the actor's (`permissions::of`).
    pub on_behalf: Option<OnBehalf>,
}

const SELECT: &str = "SELECT u.id, u.org_id, u.kind, u.display_name, u.email, u.password_hash, \
    u.config_role, u.status FROM users u";

fn from_row(row: &sqlx::sqlite::SqliteRow) -> Result<Person> {
    let kind: String = row.try_get("kind")?;
    let config_role: Option<String> = row.try_get("config_role")?;
    let status: String = row.try_get("status")?;
    Ok(Person {
        id: row.try_get("id")?,
        org_id: row.try_get("org_id")?,
        kind: UserKind::parse(&kind).ok_or_else(|| Error::Invalid(format!("bad kind {kind}")))?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        password_hash: row.try_get("password_hash")?,
        config_role: config_role.as_deref().and_then(ConfigRole::parse),
        status: UserStatus::parse(&status)
            .ok_or_else(|| Error::Invalid(format!("bad status {status}")))?,
        on_behalf: None,
    })
}

pub async fn find(pool: &SqlitePool, id: &str) -> Result<Option<Person>> {
    let row = sqlx::query(&format!("{SELECT} WHERE u.id = ? AND u.removed_at IS NULL"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Whether the id is taken, by a present or a removed person (a removed person's id is never
/// handed out again: the audit trail names it).
pub async fn exists(pool: &SqlitePool, id: &str) -> Result<bool> {
    let row = sqlx::query("SELECT 1 FROM users WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_some())
}

/// The account a person signs in with: only accounts holding a password can sign in, and
/// dependents never do (they share their guardian's contact details, not a login).
pub async fn find_login(pool: &SqlitePool, email: &str) -> Result<Option<Person>> {
    let row = sqlx::query(&format!(
        "{SELECT} WHERE lower(u.email) = lower(?) AND u.password_hash IS NOT NULL \
         AND u.kind != 'DEPENDENT' AND u.removed_at IS NULL ORDER BY u.created_at LIMIT 1"
    ))
    .bind(email.trim())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// A person's staff roles, in `StaffRole` order, from the pool or inside a transaction (`&mut
/// *tx`: a write checks the roles its own transaction sees).
pub async fn staff_roles<'e, E>(db: E, user_id: &str) -> Result<Vec<StaffRole>>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let rows = sqlx::query("SELECT role FROM staff_roles WHERE user_id = ?")
        .bind(user_id)
        .fetch_all(db)
        .await?;
    let mut roles = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Some(role) = StaffRole::parse(row.try_get(0)?) {
            roles.push(role);
        }
    }
    roles.sort();
    Ok(roles)
}

/// A person's configuration role as `db` has it now (like [`staff_roles`]: read afresh, so a
/// role taken away counts at once, also inside a transaction).
pub async fn config_role<'e, E>(db: E, user_id: &str) -> Result<Option<ConfigRole>>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    let role: Option<Option<String>> =
        sqlx::query_scalar("SELECT config_role FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(db)
            .await?;
    Ok(role.flatten().as_deref().and_then(ConfigRole::parse))
}

/// Creates the organization and its (empty) change feed unless they exist.
pub async fn ensure_org(pool: &SqlitePool, id: &str, name: &str) -> Result<()> {
    let mut tx = crate::db::begin_write(pool).await?;
    sqlx::query("INSERT INTO organizations (id, name) VALUES (?, ?) ON CONFLICT(id) DO NOTHING")
        .bind(id)
        .bind(name)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO change_feeds (org_id) VALUES (?) ON CONFLICT(org_id) DO NOTHING")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Only the digits of a phone number: the form the uniqueness rule compares (and the search
/// looks digit runs up in), as the search rules define it.
pub use console_api::search::phone_digits;
