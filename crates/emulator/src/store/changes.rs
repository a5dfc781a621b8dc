//! The per-organization change feed: `change_feeds` (the counter and the floor) and `changes`
//! (the log of user changes and audit events). Appends happen inside the transaction of the
//! change they record, so the log and the data never disagree.

use console_api::{Change, ChangeOp, UserKind};
use sqlx::{Row, SqliteConnection};

use super::audit;
use super::users::read;
use crate::{Error, Result};

/// Where an organization's feed stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedState {
    /// The newest sequence number handed out (0 when nothing has changed yet).
    pub last_seq: i64,
    /// The oldest position the log still serves: `after` below it needs a full sync.
    pub floor_seq: i64,
}

/// Takes the organization's next sequence number.
async fn next_seq(conn: &mut SqliteConnection, org_id: &str) -> Result<i64> {
    // An upsert keeps the counter correct even for an organization created before the feed.
    let seq = sqlx::query_scalar(
        "INSERT INTO change_feeds (org_id, last_seq) VALUES (?, 1) \
         ON CONFLICT(org_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq",
    )
    .bind(org_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(seq)
}

/// Records one change of a user and returns its sequence number.
pub async fn append(
    conn: &mut SqliteConnection,
    org_id: &str,
    user_id: &str,
    kind: UserKind,
    op: ChangeOp,
    at: i64,
) -> Result<i64> {
    let seq = next_seq(conn, org_id).await?;
    sqlx::query(
        "INSERT INTO changes (org_id, seq, resource, resource_id, kind, op, at) \
         VALUES (?, ?, 'user', ?, ?, ?, ?)",
    )
    .bind(org_id)
    .bind(seq)
    .bind(user_id)
    .bind(kind.as_str())
    .bind(match op {
        ChangeOp::Upsert => "upsert",
        ChangeOp::Delete => "delete",
    })
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(seq)
}

/// Records a new audit event (always an upsert: events never change) and returns its sequence
/// number, which the event keeps as its place in the audit trail.
pub async fn append_audit(
    conn: &mut SqliteConnection,
    org_id: &str,
    event_id: &str,
    at: i64,
) -> Result<i64> {
    let seq = next_seq(conn, org_id).await?;
    sqlx::query(
        "INSERT INTO changes (org_id, seq, resource, resource_id, kind, op, at) \
         VALUES (?, ?, 'audit', ?, NULL, 'upsert', ?)",
    )
    .bind(org_id)
    .bind(seq)
    .bind(event_id)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(seq)
}

pub async fn state(conn: &mut SqliteConnection, org_id: &str) -> Result<FeedState> {
    let row = sqlx::query("SELECT last_seq, floor_seq FROM change_feeds WHERE org_id = ?")
        .bind(org_id)
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(row) => FeedState {
            last_seq: row.try_get(0)?,
            floor_seq: row.try_get(1)?,
        },
        None => FeedState {
            last_seq: 0,
            floor_seq: 0,
        },
    })
}

/// After a bulk load that wrote no log entries: take a new sequence number and make it the
/// floor, so every client positioned before the load is told to run a full sync, and a full
/// sync started now continues from the feed without a gap.
pub async fn raise_floor(conn: &mut SqliteConnection, org_id: &str) -> Result<i64> {
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO change_feeds (org_id, last_seq, floor_seq) VALUES (?, 1, 1) \
         ON CONFLICT(org_id) DO UPDATE SET last_seq = last_seq + 1, floor_seq = last_seq + 1 \
         RETURNING last_seq",
    )
    .bind(org_id)
    .fetch_one(&mut *conn)
    .await?;
    // Entries below the floor can never be served again.
    sqlx::query("DELETE FROM changes WHERE org_id = ? AND seq < ?")
        .bind(org_id)
        .bind(seq)
        .execute(&mut *conn)
        .await?;
    Ok(seq)
}

/// What part of the feed a reader is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    /// Staff users only, never consumer data (and no consumer tombstones).
    pub staff_only: bool,
    /// Audit events too (only for those who may read the audit trail).
    pub audit: bool,
}

/// Up to `limit` changes after `after` that `reader` may see, oldest first, and whether more
/// follow.
///
/// An upsert carries the user as it is now, not as it was: a client applying the feed in order
/// still converges, and a user deleted since is answered as a tombstone (its own delete entry
/// follows later in the feed). An audit entry carries its event, which never changes.
pub async fn after(
    conn: &mut SqliteConnection,
    org_id: &str,
    after: i64,
    limit: i64,
    reader: Reader,
) -> Result<(Vec<Change>, bool)> {
    let columns = read::COLUMNS;
    let staff = if reader.staff_only {
        " AND c.kind = 'STAFF'"
    } else {
        ""
    };
    let audit = if reader.audit {
        " OR c.resource = 'audit'"
    } else {
        ""
    };
    let rows = sqlx::query(&format!(
        "SELECT c.seq, c.resource_id, c.resource, {columns} FROM changes c \
         LEFT JOIN users u ON u.id = c.resource_id AND u.org_id = c.org_id \
         AND c.resource = 'user' AND c.op = 'upsert' AND u.removed_at IS NULL \
         WHERE c.org_id = ? AND c.seq > ? AND ((c.resource = 'user'{staff}){audit}) \
         ORDER BY c.seq LIMIT ?"
    ))
    .bind(org_id)
    .bind(after)
    .bind(limit + 1)
    .fetch_all(&mut *conn)
    .await?;
    let has_more = rows.len() as i64 > limit;
    let mut changes = Vec::with_capacity(rows.len());
    for row in rows.iter().take(limit as usize) {
        let resource: String = row.try_get(2)?;
        // The user columns start after the three change columns; `id` is NULL for a tombstone
        // and for an audit entry.
        let present: Option<&str> = row.try_get(3)?;
        let user = match present {
            Some(_) => Some(read::from_row(row, 3)?),
            None => None,
        };
        changes.push(Change {
            seq: row.try_get(0)?,
            id: row.try_get(1)?,
            op: if user.is_some() || resource == "audit" {
                ChangeOp::Upsert
            } else {
                ChangeOp::Delete
            },
            resource,
            user,
            audit: None,
        });
    }
    read::attach_roles(conn, changes.iter_mut().filter_map(|c| c.user.as_mut())).await?;
    attach_audit(conn, org_id, &mut changes).await?;
    Ok((changes, has_more))
}

/// Fills in the event of each audit entry, with one query.
async fn attach_audit(
    conn: &mut SqliteConnection,
    org_id: &str,
    changes: &mut [Change],
) -> Result<()> {
    let ids: Vec<&str> = changes
        .iter()
        .filter(|c| c.resource == "audit")
        .map(|c| c.id.as_str())
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let mut events = audit::by_ids(conn, org_id, &ids).await?;
    for change in changes.iter_mut().filter(|c| c.resource == "audit") {
        // Events are never deleted, so a missing one is a broken database, not a tombstone.
        let event = events
            .remove(&change.id)
            .ok_or_else(|| Error::Invalid(format!("audit event {} is missing", change.id)))?;
        change.audit = Some(event);
    }
    Ok(())
}
