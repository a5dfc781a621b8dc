use console_api::{ConfigRole, StaffRole, UserKind};
use sqlx::{Row, SqlitePool};

use crate::{Error, Result};

#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub org_id: String,
    pub org_name: String,
    pub kind: UserKind,
    pub display_name: String,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub config_role: Option<ConfigRole>,
    pub status: String,
}

pub struct NewUser<'a> {
    pub id: &'a str,
    pub org_id: &'a str,
    pub kind: UserKind,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub config_role: Option<ConfigRole>,
    pub guardian_id: Option<&'a str>,
    pub roles: &'a [StaffRole],
    pub now: i64,
}

const SELECT: &str = "SELECT u.id, u.org_id, o.name AS org_name, u.kind, u.display_name, u.email, \
    u.password_hash, u.config_role, u.status FROM users u JOIN organizations o ON o.id = u.org_id";

fn from_row(row: &sqlx::sqlite::SqliteRow) -> Result<User> {
    let kind: String = row.try_get("kind")?;
    let config_role: Option<String> = row.try_get("config_role")?;
    Ok(User {
        id: row.try_get("id")?,
        org_id: row.try_get("org_id")?,
        org_name: row.try_get("org_name")?,
        kind: UserKind::parse(&kind).ok_or_else(|| Error::Invalid(format!("bad kind {kind}")))?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        password_hash: row.try_get("password_hash")?,
        config_role: config_role.as_deref().and_then(ConfigRole::parse),
        status: row.try_get("status")?,
    })
}

pub async fn find(pool: &SqlitePool, id: &str) -> Result<Option<User>> {
    let row = sqlx::query(&format!("{SELECT} WHERE u.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The account a person signs in with: only accounts holding a password can sign in, and
/// dependents never do (they share their guardian's contact details, not a login).
pub async fn find_login(pool: &SqlitePool, email: &str) -> Result<Option<User>> {
    let row = sqlx::query(&format!(
        "{SELECT} WHERE lower(u.email) = lower(?) AND u.password_hash IS NOT NULL \
         AND u.kind != 'DEPENDENT' ORDER BY u.created_at LIMIT 1"
    ))
    .bind(email.trim())
    .fetch_optional(pool)
    .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn staff_roles(pool: &SqlitePool, user_id: &str) -> Result<Vec<StaffRole>> {
    let rows = sqlx::query("SELECT role FROM staff_roles WHERE user_id = ?")
        .bind(user_id)
        .fetch_all(pool)
        .await?;
    let mut roles: Vec<StaffRole> = rows
        .iter()
        .filter_map(|r| r.try_get::<String, _>("role").ok())
        .filter_map(|r| StaffRole::parse(&r))
        .collect();
    roles.sort();
    Ok(roles)
}

pub async fn ensure_org(pool: &SqlitePool, id: &str, name: &str) -> Result<()> {
    sqlx::query("INSERT INTO organizations (id, name) VALUES (?, ?) ON CONFLICT(id) DO NOTHING")
        .bind(id)
        .bind(name)
        .execute(pool)
        .await?;
    Ok(())
}

/// Inserts a user and its staff roles in one transaction; an existing id is left as it is.
pub async fn insert(pool: &SqlitePool, user: NewUser<'_>) -> Result<bool> {
    let mut tx = pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO users (id, org_id, kind, display_name, email, phone, password_hash, \
         config_role, guardian_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT(id) DO NOTHING",
    )
    .bind(user.id)
    .bind(user.org_id)
    .bind(user.kind.as_str())
    .bind(user.display_name)
    .bind(user.email)
    .bind(user.phone)
    .bind(user.password_hash)
    .bind(user.config_role.map(|r| r.as_str()))
    .bind(user.guardian_id)
    .bind(user.now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if inserted {
        for role in user.roles {
            sqlx::query("INSERT INTO staff_roles (user_id, role) VALUES (?, ?)")
                .bind(user.id)
                .bind(role.as_str())
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(inserted)
}
