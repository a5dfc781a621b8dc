//! The `users` table: writes from sync, reads for the directory.

use console_api::{GuardianAccess, StaffRole, User, UserKind, UserStatus};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::Cache;
use crate::ipc::{Household, UserDetail};
use crate::{Error, Result};
use console_api::search::phone_digits;

/// Rows per INSERT statement: 16 parameters each stays far below SQLite's variable limit.
const ROWS_PER_STATEMENT: usize = 400;

/// The columns a sync writes, in the order `insert` binds them.
pub(crate) const INSERTED: &str =
    "id, kind, display_name, name_sort, email, phone, phone_digits, status, roles, guardian_id, \
     mfa_enrolled, created_at, updated_at, version, sync_gen, date_of_birth, guardian_access";

pub(crate) const COLUMNS: &str =
    "id, kind, display_name, email, phone, status, roles, guardian_id, mfa_enrolled, created_at, \
     updated_at, version, date_of_birth, guardian_access";

/// Inserts or replaces users, inside the caller's transaction.
pub(crate) async fn upsert(
    conn: &mut SqliteConnection,
    users: &[User],
    sync_gen: i64,
) -> Result<()> {
    insert(conn, "users", users, sync_gen, true).await
}

/// The rows of `users` as multi-row INSERTs into `table` (the cache's `users`, or a bench floor's
/// copy of it without indexes); `replace`: an id already there is updated in place.
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    table: &str,
    users: &[User],
    sync_gen: i64,
    replace: bool,
) -> Result<()> {
    for chunk in users.chunks(ROWS_PER_STATEMENT) {
        let mut q: QueryBuilder<Sqlite> =
            QueryBuilder::new(format!("INSERT INTO {table} ({INSERTED}) "));
        q.push_values(chunk, |mut b, u| {
            for column in INSERTED.split(", ") {
                match column_value(u, column, sync_gen) {
                    Value::Text(v) => b.push_bind(v),
                    Value::Int(v) => b.push_bind(v),
                };
            }
        });
        if replace {
            q.push(
                " ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, display_name = excluded.display_name, \
                 name_sort = excluded.name_sort, email = excluded.email, phone = excluded.phone, \
                 phone_digits = excluded.phone_digits, status = excluded.status, roles = excluded.roles, \
                 guardian_id = excluded.guardian_id, mfa_enrolled = excluded.mfa_enrolled, \
                 created_at = excluded.created_at, updated_at = excluded.updated_at, \
                 version = excluded.version, sync_gen = excluded.sync_gen, \
                 date_of_birth = excluded.date_of_birth, guardian_access = excluded.guardian_access",
            );
        }
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// After a complete full sync: whatever that sync did not see no longer exists on the server.
pub(crate) async fn sweep(conn: &mut SqliteConnection, sync_gen: i64) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM users WHERE sync_gen < ?")
        .bind(sync_gen)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

pub(crate) fn from_row(row: &SqliteRow) -> Result<User> {
    let bad =
        |what: &str, v: &str| Error::Internal(format!("local cache holds an unknown {what} '{v}'"));
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    let roles: String = row.try_get("roles")?;
    Ok(User {
        id: row.try_get("id")?,
        kind: UserKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        status: UserStatus::parse(&status).ok_or_else(|| bad("status", &status))?,
        staff_roles: roles
            .split_whitespace()
            .filter_map(StaffRole::parse)
            .collect(),
        guardian_id: row.try_get("guardian_id")?,
        mfa_enrolled: row.try_get("mfa_enrolled")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
        date_of_birth: row.try_get("date_of_birth")?,
        guardian_access: row
            .try_get::<Option<&str>, _>("guardian_access")?
            .and_then(GuardianAccess::parse),
    })
}

/// A column's value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Text(Option<String>),
    Int(Option<i64>),
}

/// `u`'s value of `column` (one of [`INSERTED`]), as the table holds it.
pub(crate) fn column_value(u: &User, column: &str, sync_gen: i64) -> Value {
    let text = |s: &str| Value::Text(Some(s.to_string()));
    match column {
        "id" => text(&u.id),
        "kind" => text(u.kind.as_str()),
        "display_name" => text(&u.display_name),
        "name_sort" => text(&u.display_name.to_lowercase()),
        "email" => Value::Text(u.email.clone()),
        "phone" => Value::Text(u.phone.clone()),
        "phone_digits" => text(&u.phone.as_deref().map(phone_digits).unwrap_or_default()),
        "status" => text(u.status.as_str()),
        "roles" => text(
            &u.staff_roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        "guardian_id" => Value::Text(u.guardian_id.clone()),
        "mfa_enrolled" => Value::Int(u.mfa_enrolled.map(i64::from)),
        "created_at" => Value::Int(Some(u.created_at)),
        "updated_at" => Value::Int(Some(u.updated_at)),
        "version" => Value::Int(Some(u.version)),
        "sync_gen" => Value::Int(Some(sync_gen)),
        "date_of_birth" => Value::Text(u.date_of_birth.clone()),
        "guardian_access" => Value::Text(u.guardian_access.map(|a| access_str(a).to_string())),
        other => unreachable!("no column {other}"),
    }
}

fn access_str(access: GuardianAccess) -> &'static str {
    match access {
        GuardianAccess::Full => "full",
        GuardianAccess::Limited => "limited",
        GuardianAccess::None => "none",
    }
}

impl Cache {
    pub async fn user(&self, id: &str) -> Result<Option<User>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM users WHERE id = ?"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    pub async fn dependents(&self, guardian_id: &str) -> Result<Vec<User>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM users WHERE guardian_id = ? ORDER BY name_sort"
        ))
        .bind(guardian_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// A person with their household. Shared contact details are flagged, since dependents may
    /// use their guardian's email or phone.
    pub async fn user_detail(&self, id: &str) -> Result<Option<UserDetail>> {
        let Some(user) = self.user(id).await? else {
            return Ok(None);
        };
        let (guardian, dependents) = match &user.guardian_id {
            Some(g) => (self.user(g).await?, Vec::new()),
            None => (None, self.dependents(&user.id).await?),
        };
        let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        let (shared_email, shared_phone) = match &guardian {
            Some(g) => (same(&user.email, &g.email), same(&user.phone, &g.phone)),
            None => (
                dependents.iter().any(|d| same(&d.email, &user.email)),
                dependents.iter().any(|d| same(&d.phone, &user.phone)),
            ),
        };
        Ok(Some(UserDetail {
            user,
            household: Household {
                guardian,
                dependents,
                shared_email,
                shared_phone,
            },
        }))
    }

    /// Every dependent whose date of birth is known (coming of age is worked out from these).
    pub async fn dependents_with_birth_dates(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM users WHERE kind = 'DEPENDENT' AND date_of_birth IS NOT NULL"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(from_row).collect()
    }

    pub async fn user_count(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
            .fetch_one(self.pool())
            .await?;
        Ok(n as u64)
    }

    /// Every cached user, ordered by id (tests compare the cache with the server this way).
    pub async fn all_users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM users ORDER BY id"))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(from_row).collect()
    }
}
