//! The directory's view of users: the wire `User`, one at a time or a filtered page by id.

use std::collections::HashMap;

use console_api::{StaffRole, User, UserKind, UserStatus};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::store::{self, bind_all, Bind, Order};
use crate::{Error, Result};

/// The columns `from_row` reads, in its order. Roles are not among them: `attach_roles` fetches
/// them for a whole page in one query, where a correlated subquery cost a B-tree search per row
/// although only staff (3%) have roles.
pub(crate) const COLUMNS: &str = "u.id, u.kind, u.display_name, u.email, u.phone, u.status, \
    u.guardian_id, u.created_at, u.updated_at, u.version, u.date_of_birth";

/// Reads `COLUMNS` starting at column `at`, by position (a page of 5,000 users reads 50,000
/// values; looking each up by name is measurable). Staff roles are left empty.
pub(crate) fn from_row(row: &SqliteRow, at: usize) -> Result<User> {
    let kind: &str = row.try_get(at + 1)?;
    let status: &str = row.try_get(at + 5)?;
    Ok(User {
        id: row.try_get(at)?,
        kind: UserKind::parse(kind).ok_or_else(|| Error::Invalid(format!("bad kind {kind}")))?,
        display_name: row.try_get(at + 2)?,
        email: row.try_get(at + 3)?,
        phone: row.try_get(at + 4)?,
        status: UserStatus::parse(status)
            .ok_or_else(|| Error::Invalid(format!("bad status {status}")))?,
        staff_roles: Vec::new(),
        guardian_id: row.try_get(at + 6)?,
        date_of_birth: row.try_get(at + 10)?,
        guardian_access: None,
        mfa_enrolled: None,
        created_at: row.try_get(at + 7)?,
        updated_at: row.try_get(at + 8)?,
        version: row.try_get(at + 9)?,
    })
}

/// Fills in the staff roles and MFA state of the staff among `users`, with one query each.
pub(crate) async fn attach_roles<'a>(
    conn: &mut SqliteConnection,
    users: impl IntoIterator<Item = &'a mut User>,
) -> Result<()> {
    let mut staff: Vec<&'a mut User> = users
        .into_iter()
        .filter(|u| u.kind == UserKind::Staff)
        .collect();
    // Pages hold at most 5,001 users, far below SQLite's 32,766 parameters; chunk anyway so
    // no caller can exceed it.
    for chunk in staff.chunks_mut(10_000) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        let sql =
            format!("SELECT user_id, role FROM staff_roles WHERE user_id IN ({placeholders})");
        let mut query = sqlx::query(&sql);
        for user in chunk.iter() {
            query = query.bind(user.id.clone());
        }
        let mut roles: HashMap<String, Vec<StaffRole>> = HashMap::new();
        for row in query.fetch_all(&mut *conn).await? {
            let role: &str = row.try_get(1)?;
            if let Some(role) = StaffRole::parse(role) {
                roles.entry(row.try_get(0)?).or_default().push(role);
            }
        }
        let ids: Vec<String> = chunk.iter().map(|u| u.id.clone()).collect();
        let enrolled = store::mfa::enrolled_among(&mut *conn, &ids).await?;
        for user in chunk.iter_mut() {
            let mut found = roles.remove(&user.id).unwrap_or_default();
            found.sort();
            user.staff_roles = found;
            user.mfa_enrolled = Some(enrolled.contains(&user.id));
        }
    }
    Ok(())
}

pub async fn get(conn: &mut SqliteConnection, org_id: &str, id: &str) -> Result<Option<User>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM users u WHERE u.id = ? AND u.org_id = ? AND u.removed_at IS NULL"
    ))
    .bind(id)
    .bind(org_id)
    .fetch_optional(&mut *conn)
    .await?;
    let mut user = row.as_ref().map(|r| from_row(r, 0)).transpose()?;
    attach_roles(conn, user.iter_mut()).await?;
    Ok(user)
}

/// What a listing is narrowed to. Every field is optional; all given ones must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<UserKind>,
    pub role: Option<StaffRole>,
    pub status: Option<UserStatus>,
    /// Typed search text, with the directory's one set of rules (`console_api::search`): see
    /// `super::search`.
    pub q: Option<String>,
    /// Only the dependents of this guardian.
    pub guardian_id: Option<String>,
}

/// A filtered selection: everything after `SELECT <columns>` up to the cursor condition.
pub(super) struct Selection {
    pub(super) sql: String,
    pub(super) binds: Vec<Bind>,
    /// The id column the range scan runs on: with a role filter the scan drives from the
    /// (role, user_id) index, so the order and the cursor must use that index's column.
    pub(super) id_col: &'static str,
}

/// Every filter but the text (`q`), which `super::search` applies.
pub(super) fn select(org_id: &str, filter: &Filter) -> Selection {
    let mut sql = String::new();
    let mut binds = Vec::new();
    let id_col = if let Some(role) = filter.role {
        // CROSS JOIN fixes the join order: SQLite would otherwise sometimes start from users
        // and sort the matches (the plan test below catches that).
        sql.push_str(
            "FROM staff_roles sr INDEXED BY staff_roles_role CROSS JOIN users u \
             ON u.id = sr.user_id WHERE sr.role = ?",
        );
        binds.push(Bind::Text(role.as_str().into()));
        sql.push_str(" AND u.org_id = ?");
        "sr.user_id"
    } else if filter.guardian_id.is_some() {
        sql.push_str("FROM users u INDEXED BY users_guardian WHERE u.org_id = ?");
        "u.id"
    } else {
        sql.push_str("FROM users u WHERE u.org_id = ?");
        "u.id"
    };
    binds.push(Bind::Text(org_id.into()));
    // A removed person is kept for the audit trail, never shown.
    sql.push_str(" AND u.removed_at IS NULL");
    if let Some(guardian) = &filter.guardian_id {
        sql.push_str(" AND u.guardian_id = ?");
        binds.push(Bind::Text(guardian.clone()));
    }
    if let Some(kind) = filter.kind {
        sql.push_str(" AND u.kind = ?");
        binds.push(Bind::Text(kind.as_str().into()));
    }
    if let Some(status) = filter.status {
        sql.push_str(" AND u.status = ?");
        binds.push(Bind::Text(status.as_str().into()));
    }
    Selection { sql, binds, id_col }
}

/// The page query: up to `limit` users of `selection` with ids greater than `after`, in id
/// order.
fn list_query(selection: Selection, after: Option<&str>, limit: i64) -> (String, Vec<Bind>) {
    let Selection { sql, binds, id_col } = selection;
    let after = after.map(|id| Bind::Text(id.into()));
    store::page_query(COLUMNS, (sql, binds), id_col, Order::After, after, limit)
}

/// Up to `limit` users with ids greater than `after`, in id order. With text (`q`), those the
/// directory's search rules match (`super::search`).
pub async fn list(
    conn: &mut SqliteConnection,
    org_id: &str,
    filter: &Filter,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<User>> {
    if let Some(q) = filter.q.as_deref() {
        return super::search::list(conn, select(org_id, filter), q, after, limit).await;
    }
    fetch(conn, select(org_id, filter), after, limit).await
}

/// Up to `limit` users of `selection` after `after`, in id order, with their roles.
pub(super) async fn fetch(
    conn: &mut SqliteConnection,
    selection: Selection,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<User>> {
    let (sql, binds) = list_query(selection, after, limit);
    let rows = bind_all(sqlx::query(&sql), binds)
        .fetch_all(&mut *conn)
        .await?;
    let mut users = rows
        .iter()
        .map(|r| from_row(r, 0))
        .collect::<Result<Vec<_>>>()?;
    attach_roles(conn, users.iter_mut()).await?;
    Ok(users)
}

/// How many users match `filter` in all (the text aside: a text search is not counted).
pub async fn count(conn: &mut SqliteConnection, org_id: &str, filter: &Filter) -> Result<i64> {
    let Selection { sql, binds, .. } = select(org_id, filter);
    store::count(conn, (sql, binds)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_filter_pages_by_index_without_sorting() {
        // A page must be a range scan from the cursor: a sort would read every matching row of
        // a million-user organization for each page, and a full sync would take hours.
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::connect(&dir.path().join("plan.sqlite"))
            .await
            .unwrap();
        let mut conn = pool.acquire().await.unwrap();
        let filters = [
            Filter::default(),
            Filter {
                kind: Some(UserKind::Staff),
                ..Filter::default()
            },
            Filter {
                status: Some(UserStatus::Suspended),
                ..Filter::default()
            },
            Filter {
                kind: Some(UserKind::Patient),
                status: Some(UserStatus::Invited),
                ..Filter::default()
            },
            Filter {
                role: Some(StaffRole::Owner),
                ..Filter::default()
            },
            Filter {
                guardian_id: Some("usr_g".into()),
                ..Filter::default()
            },
        ];
        for filter in filters {
            for after in [None, Some("usr_x")] {
                let (sql, binds) = list_query(select("org", &filter), after, 501);
                let plan: Vec<String> =
                    bind_all(sqlx::query(&format!("EXPLAIN QUERY PLAN {sql}")), binds)
                        .fetch_all(&mut *conn)
                        .await
                        .unwrap()
                        .iter()
                        .map(|r| r.get::<String, _>(3))
                        .collect();
                let plan = plan.join(" / ");
                assert!(!plan.contains("TEMP B-TREE"), "{filter:?} sorts: {plan}");
                assert!(
                    !plan.contains("SCAN u"),
                    "{filter:?} scans the table: {plan}"
                );
            }
        }
    }
}
