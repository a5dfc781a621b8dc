//! Staff roles and status as the admin API changes them: the facts the guardrails need (a
//! person's roles, how many active owners there are) and the writes. Every function works inside
//! the caller's transaction, so what the guardrails checked is what is written, and each write is
//! recorded as a user change and an audit event in that same transaction.

use console_api::{actions, AuditEvent, ChangeOp, ConfigRole, StaffRole, User, UserStatus};
use serde_json::json;
use sqlx::SqliteConnection;

use super::audit::{self, NewEvent};
use super::changes;
use super::users::read;
use crate::db::Attribution;
use crate::error::RuleViolation;
use crate::Result;

/// How many active staff of the organization hold OWNER: the count the last-owner rule guards.
pub async fn active_owners(conn: &mut SqliteConnection, org_id: &str) -> Result<i64> {
    let count = sqlx::query_scalar(
        "SELECT count(*) FROM staff_roles sr JOIN users u ON u.id = sr.user_id \
         WHERE sr.role = 'OWNER' AND u.org_id = ? AND u.kind = 'STAFF' AND u.status = 'active' \
         AND u.removed_at IS NULL",
    )
    .bind(org_id)
    .fetch_one(conn)
    .await?;
    Ok(count)
}

/// Replaces `before`'s roles with `roles` (which must differ): a new version, a feed entry and
/// an audit event. Returns the stored user and the event.
pub async fn set_roles(
    conn: &mut SqliteConnection,
    ctx: &Attribution<'_>,
    before: &User,
    roles: &[StaffRole],
) -> Result<(User, AuditEvent)> {
    // Any change of access ends every copy sealed under the old one.
    super::seal_keys::shred(conn, &before.id).await?;
    end_sessions_without_console_access(conn, &before.id, roles, ctx.at).await?;
    sqlx::query("DELETE FROM staff_roles WHERE user_id = ?")
        .bind(&before.id)
        .execute(&mut *conn)
        .await?;
    for role in roles {
        sqlx::query("INSERT OR IGNORE INTO staff_roles (user_id, role) VALUES (?, ?)")
            .bind(&before.id)
            .bind(role.as_str())
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE users SET updated_at = ?, version = version + 1 WHERE id = ?")
        .bind(ctx.at)
        .bind(&before.id)
        .execute(&mut *conn)
        .await?;
    let event = (
        actions::ROLES_UPDATE,
        json!({ "roles": before.staff_roles }),
        json!({ "roles": roles }),
    );
    record(conn, ctx, before, event).await
}

/// Sets `before`'s status to `status` (which must differ), recorded as `set_roles` records.
pub async fn set_status(
    conn: &mut SqliteConnection,
    ctx: &Attribution<'_>,
    before: &User,
    status: UserStatus,
) -> Result<(User, AuditEvent)> {
    super::seal_keys::shred(conn, &before.id).await?;
    if status != UserStatus::Active {
        // Losing access ends every sign-in at once, not when its tokens happen to expire.
        super::tokens::revoke_all_for_user(conn, &before.id, ctx.at).await?;
    }
    sqlx::query("UPDATE users SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?")
        .bind(status.as_str())
        .bind(ctx.at)
        .bind(&before.id)
        .execute(&mut *conn)
        .await?;
    let event = (
        actions::STATUS_UPDATE,
        json!({ "status": before.status }),
        json!({ "status": status }),
    );
    record(conn, ctx, before, event).await
}

/// When `roles` (with the person's config role) give no console permission at all, the person
/// has lost their last way into the console: every sign-in of theirs ends now.
async fn end_sessions_without_console_access(
    conn: &mut SqliteConnection,
    user_id: &str,
    roles: &[StaffRole],
    now: i64,
) -> Result<()> {
    let config_role: Option<String> =
        sqlx::query_scalar("SELECT config_role FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?
            .flatten();
    let config_role = config_role.as_deref().and_then(ConfigRole::parse);
    if crate::api::permissions::for_roles(roles, config_role).is_empty() {
        super::tokens::revoke_all_for_user(conn, user_id, now).await?;
    }
    Ok(())
}

/// The user's feed entry, then the audit event (with its own feed entry), in that order: a
/// client following the feed has the new state of the person before it reads what happened.
pub(crate) async fn record(
    conn: &mut SqliteConnection,
    ctx: &Attribution<'_>,
    before: &User,
    (action, old, new): (&'static str, serde_json::Value, serde_json::Value),
) -> Result<(User, AuditEvent)> {
    changes::append(
        conn,
        ctx.org_id,
        &before.id,
        before.kind,
        ChangeOp::Upsert,
        ctx.at,
    )
    .await?;
    let event = audit::record(
        conn,
        NewEvent {
            by: ctx,
            action,
            target_type: "user",
            target_id: &before.id,
            target_name: &before.display_name,
            before: old,
            after: new,
        },
    )
    .await?;
    let user = read::get(conn, ctx.org_id, &before.id)
        .await?
        .ok_or_else(|| RuleViolation::UserNotFound(before.id.clone()))?;
    Ok((user, event))
}
