//! The audit trail: `audit_events`. An event is written inside the transaction of the change it
//! records, together with its own change-feed entry, and is never changed or deleted.

use std::collections::HashMap;

use console_api::{AuditEvent, OnBehalf, UserKind};
use serde_json::Value;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::{bind_all, changes, Bind, Order};
use crate::db::Attribution;
use crate::{Error, Result};

/// An event to record. The id, and the place in the trail (its feed sequence number), are
/// given by `record`.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    /// The organization, who acted, why, in which request, and when.
    pub by: &'a Attribution<'a>,
    pub action: &'static str,
    pub target_type: &'static str,
    pub target_id: &'a str,
    pub target_name: &'a str,
    pub before: Value,
    pub after: Value,
}

/// Records `new` and its change-feed entry.
pub async fn record(conn: &mut SqliteConnection, new: NewEvent<'_>) -> Result<AuditEvent> {
    let id = format!("aud_{}", uuid::Uuid::new_v4().simple());
    let seq = changes::append_audit(conn, new.by.org_id, &id, new.by.at).await?;
    let by = new.by.on_behalf;
    sqlx::query(
        "INSERT INTO audit_events (org_id, seq, id, at, actor_id, actor_name, action, \
         target_type, target_id, target_name, before, after, reason, request_id, subject_id, \
         subject_name, on_behalf_actor_kind, acting_id, on_behalf_reason, \
         on_behalf_started_at, on_behalf_expires_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(new.by.org_id)
    .bind(seq)
    .bind(&id)
    .bind(new.by.at)
    .bind(new.by.actor_id)
    .bind(new.by.actor_name)
    .bind(new.action)
    .bind(new.target_type)
    .bind(new.target_id)
    .bind(new.target_name)
    .bind(new.before.to_string())
    .bind(new.after.to_string())
    .bind(new.by.reason)
    .bind(new.by.request_id)
    .bind(by.map(|b| &b.subject_id))
    .bind(by.map(|b| &b.subject_name))
    .bind(by.map(|b| b.actor_kind.as_str()))
    .bind(by.and_then(|b| b.acting_id.as_ref()))
    .bind(by.and_then(|b| b.reason.as_ref()))
    .bind(by.and_then(|b| b.started_at))
    .bind(by.and_then(|b| b.expires_at))
    .execute(&mut *conn)
    .await?;
    Ok(AuditEvent {
        id,
        at: new.by.at,
        actor_id: new.by.actor_id.into(),
        actor_name: new.by.actor_name.into(),
        action: new.action.into(),
        target_type: new.target_type.into(),
        target_id: new.target_id.into(),
        target_name: new.target_name.into(),
        before: new.before,
        after: new.after,
        reason: new.by.reason.into(),
        request_id: new.by.request_id.into(),
        on_behalf: by.cloned(),
    })
}

/// The columns `from_row` reads, in its order, after the event's `seq`.
const COLUMNS: &str = "seq, id, at, actor_id, actor_name, action, target_type, target_id, \
    target_name, before, after, reason, request_id, subject_id, subject_name, \
    on_behalf_actor_kind, acting_id, on_behalf_reason, on_behalf_started_at, \
    on_behalf_expires_at";

fn json(row: &SqliteRow, at: usize) -> Result<Value> {
    let text: &str = row.try_get(at)?;
    serde_json::from_str(text).map_err(|e| Error::Invalid(format!("audit JSON: {e}")))
}

/// An event and its place in the trail.
fn from_row(row: &SqliteRow) -> Result<(i64, AuditEvent)> {
    Ok((
        row.try_get(0)?,
        AuditEvent {
            id: row.try_get(1)?,
            at: row.try_get(2)?,
            actor_id: row.try_get(3)?,
            actor_name: row.try_get(4)?,
            action: row.try_get(5)?,
            target_type: row.try_get(6)?,
            target_id: row.try_get(7)?,
            target_name: row.try_get(8)?,
            before: json(row, 9)?,
            after: json(row, 10)?,
            reason: row.try_get(11)?,
            request_id: row.try_get(12)?,
            on_behalf: on_behalf(row)?,
        },
    ))
}

/// For whom the event's actor acted, when they did (columns 13.. of `COLUMNS`).
fn on_behalf(row: &SqliteRow) -> Result<Option<OnBehalf>> {
    let Some(subject_id) = row.try_get::<Option<String>, _>(13)? else {
        return Ok(None);
    };
    let kind: Option<String> = row.try_get(15)?;
    Ok(Some(OnBehalf {
        subject_id,
        subject_name: row.try_get::<Option<String>, _>(14)?.unwrap_or_default(),
        actor_id: row.try_get(3)?,
        actor_name: row.try_get(4)?,
        actor_kind: kind
            .as_deref()
            .and_then(UserKind::parse)
            .unwrap_or(UserKind::Staff),
        acting_id: row.try_get(16)?,
        reason: row.try_get(17)?,
        started_at: row.try_get(18)?,
        expires_at: row.try_get(19)?,
    }))
}

/// The events with these ids, by id (for the change feed).
pub async fn by_ids(
    conn: &mut SqliteConnection,
    org_id: &str,
    ids: &[&str],
) -> Result<HashMap<String, AuditEvent>> {
    let mut found = HashMap::with_capacity(ids.len());
    // Far below SQLite's 32,766 parameters, whatever a feed page holds.
    for chunk in ids.chunks(10_000) {
        let placeholders = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT {COLUMNS} FROM audit_events WHERE org_id = ? AND id IN ({placeholders})"
        );
        let mut query = sqlx::query(&sql).bind(org_id);
        for id in chunk {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let (_, event) = from_row(&row)?;
            found.insert(event.id.clone(), event);
        }
    }
    Ok(found)
}

/// What a listing of the trail is narrowed to; all given fields must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub actor_id: Option<String>,
    pub target_id: Option<String>,
    /// A person's own timeline: events about them (target) or made for them (subject).
    pub person_id: Option<String>,
    pub action: Option<String>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    /// Unix seconds, exclusive.
    pub to: Option<i64>,
}

/// `FROM ... WHERE ...` for `filter`, and its parameters.
fn selection(org_id: &str, filter: &Filter) -> (String, Vec<Bind>) {
    let mut sql = String::from("FROM audit_events WHERE org_id = ?");
    let mut binds = vec![Bind::Text(org_id.into())];
    for (column, value) in [
        ("actor_id", &filter.actor_id),
        ("target_id", &filter.target_id),
        ("action", &filter.action),
    ] {
        if let Some(value) = value {
            sql.push_str(&format!(" AND {column} = ?"));
            binds.push(Bind::Text(value.clone()));
        }
    }
    if let Some(person) = &filter.person_id {
        // Each arm is a range on its own index (target, subject); the page sorts their union.
        sql.push_str(
            " AND seq IN (SELECT seq FROM audit_events WHERE org_id = ? AND target_id = ? \
             UNION ALL SELECT seq FROM audit_events WHERE org_id = ? AND subject_id = ?)",
        );
        for _ in 0..2 {
            binds.push(Bind::Text(org_id.into()));
            binds.push(Bind::Text(person.clone()));
        }
    }
    if let Some(from) = filter.from {
        sql.push_str(" AND at >= ?");
        binds.push(Bind::Int(from));
    }
    if let Some(to) = filter.to {
        sql.push_str(" AND at < ?");
        binds.push(Bind::Int(to));
    }
    (sql, binds)
}

/// The page query: up to `limit` events older than `before_seq`, newest first.
fn list_query(
    org_id: &str,
    filter: &Filter,
    before_seq: Option<i64>,
    limit: i64,
) -> (String, Vec<Bind>) {
    let selection = selection(org_id, filter);
    let before = before_seq.map(Bind::Int);
    super::page_query(COLUMNS, selection, "seq", Order::Before, before, limit)
}

/// Up to `limit` events matching `filter` older than `before_seq`, newest first, each with its
/// place in the trail (for the next cursor).
pub async fn list(
    conn: &mut SqliteConnection,
    org_id: &str,
    filter: &Filter,
    before_seq: Option<i64>,
    limit: i64,
) -> Result<Vec<(i64, AuditEvent)>> {
    let (sql, binds) = list_query(org_id, filter, before_seq, limit);
    let rows = bind_all(sqlx::query(&sql), binds).fetch_all(conn).await?;
    rows.iter().map(from_row).collect()
}

pub async fn count(conn: &mut SqliteConnection, org_id: &str, filter: &Filter) -> Result<i64> {
    super::count(conn, selection(org_id, filter)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn every_filter_pages_by_index() {
        // An owner pages through the trail by actor, target or action: each must be a range
        // scan on an index, never a scan of the organization's whole trail.
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::connect(&dir.path().join("audit-plan.sqlite"))
            .await
            .unwrap();
        let mut conn = pool.acquire().await.unwrap();
        let text = |s: &str| Some(s.to_string());
        let filters = [
            Filter::default(),
            Filter {
                actor_id: text("usr_a"),
                ..Filter::default()
            },
            Filter {
                target_id: text("usr_t"),
                ..Filter::default()
            },
            Filter {
                action: text("user.roles.update"),
                ..Filter::default()
            },
            Filter {
                person_id: text("usr_p"),
                ..Filter::default()
            },
            Filter {
                from: Some(10),
                to: Some(20),
                ..Filter::default()
            },
        ];
        for filter in filters {
            for before in [None, Some(100)] {
                let (sql, binds) = list_query("org", &filter, before, 51);
                let plan: Vec<String> =
                    bind_all(sqlx::query(&format!("EXPLAIN QUERY PLAN {sql}")), binds)
                        .fetch_all(&mut *conn)
                        .await
                        .unwrap()
                        .iter()
                        .map(|r| r.get::<String, _>(3))
                        .collect();
                let plan = plan.join(" / ");
                assert!(
                    !plan.contains("SCAN audit_events"),
                    "{filter:?} scans the table: {plan}"
                );
                if filter.from.is_none() {
                    assert!(!plan.contains("TEMP B-TREE"), "{filter:?} sorts: {plan}");
                }
            }
        }
    }
}
