//! Bulk loading of generated users: multi-row INSERTs, no per-row change-log entries (the
//! generator raises the feed floor instead). The generator guarantees the seed rules by
//! construction; the unique indexes catch it if it ever does not.

use console_api::{StaffRole, UserKind, UserStatus};
use sqlx::SqliteConnection;

use crate::Result;

/// One generated user, ready to store.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub kind: UserKind,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub phone_digits: Option<String>,
    pub status: UserStatus,
    pub guardian_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub staff_roles: Vec<StaffRole>,
    pub date_of_birth: Option<String>,
}

const USER_COLUMNS: usize = 12;
const USER_INSERT: &str = "INSERT INTO users (id, org_id, kind, display_name, email, phone, \
    phone_digits, status, guardian_id, created_at, updated_at, date_of_birth) VALUES ";

/// Inserts `rows` (guardians before their dependents, for the foreign key) with one statement
/// per call. Callers keep a call to a few hundred rows: SQLite allows 32,766 parameters, and the
/// same statement text for every full chunk lets sqlx reuse one prepared statement.
pub async fn insert(conn: &mut SqliteConnection, org_id: &str, rows: &[Row]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut sql = String::with_capacity(USER_INSERT.len() + rows.len() * (USER_COLUMNS * 2 + 3));
    sql.push_str(USER_INSERT);
    for i in 0..rows.len() {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?,?,?,?,?,?,?,?,?,?)");
    }
    let mut query = sqlx::query(&sql);
    for r in rows {
        query = query
            .bind(r.id.as_str())
            .bind(org_id)
            .bind(r.kind.as_str())
            .bind(r.display_name.as_str())
            .bind(r.email.as_deref())
            .bind(r.phone.as_deref())
            .bind(r.phone_digits.as_deref())
            .bind(r.status.as_str())
            .bind(r.guardian_id.as_deref())
            .bind(r.created_at)
            .bind(r.updated_at)
            .bind(r.date_of_birth.as_deref());
    }
    query.execute(&mut *conn).await?;

    let roles: Vec<(&str, StaffRole)> = rows
        .iter()
        .flat_map(|r| r.staff_roles.iter().map(move |role| (r.id.as_str(), *role)))
        .collect();
    if !roles.is_empty() {
        let mut sql = String::from("INSERT INTO staff_roles (user_id, role) VALUES ");
        for i in 0..roles.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str("(?,?)");
        }
        let mut query = sqlx::query(&sql);
        for (id, role) in roles {
            query = query.bind(id).bind(role.as_str());
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}
