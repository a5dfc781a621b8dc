//! Soft removal of a person (`DELETE /v1/users/{id}`): the row is kept with `removed_at` (the
//! audit trail names it, and its id is never handed out again), every read hides it, its
//! sessions and sealed copies end, and the feed gets a tombstone. Works inside the caller's write
//! transaction and records an audit event per person touched.

use console_api::{actions, ChangeOp, DependentsPlan, Removal, User};
use serde_json::{json, Value};
use sqlx::{Row, SqliteConnection};

use super::read;
use super::write::{self, UserPatch};
use crate::db::Attribution;
use crate::error::RuleViolation;
use crate::store::audit::{self, NewEvent};
use crate::store::{changes, seal_keys, tokens};
use crate::Result;

/// Removes `target` (as read in this transaction). A guardian with dependents is refused
/// (`HasDependents`) unless `plan` says where they go: each moved to another guardian (taking
/// that guardian's contact in place of the old one) or removed first, each with its own event.
pub async fn remove(
    conn: &mut SqliteConnection,
    ctx: &Attribution<'_>,
    target: &User,
    plan: Option<&DependentsPlan>,
) -> Result<Removal> {
    let dependents = dependents_of(conn, &target.id).await?;
    let mut removal = Removal {
        removed: Vec::new(),
        moved: Vec::new(),
    };
    if !dependents.is_empty() {
        match plan {
            None => return Err(RuleViolation::HasDependents(target.id.clone()).into()),
            Some(DependentsPlan::MoveTo(guardian)) => {
                for dependent in &dependents {
                    move_dependent(conn, ctx, dependent, guardian).await?;
                    removal.moved.push(dependent.id.clone());
                }
            }
            Some(DependentsPlan::Remove) => {
                for dependent in &dependents {
                    remove_one(conn, ctx, dependent).await?;
                    removal.removed.push(dependent.id.clone());
                }
            }
        }
    }
    remove_one(conn, ctx, target).await?;
    removal.removed.push(target.id.clone());
    Ok(removal)
}

/// Moves a dependent to `guardian`, recorded as a `user.move` event.
pub async fn move_dependent(
    conn: &mut SqliteConnection,
    ctx: &Attribution<'_>,
    dependent: &User,
    guardian: &str,
) -> Result<User> {
    let patch = UserPatch {
        guardian_id: Some(Some(guardian.to_string())),
        ..UserPatch::default()
    };
    let after = write::update_in(conn, ctx.org_id, dependent, patch, ctx.at).await?;
    if after.version != dependent.version {
        record(
            conn,
            ctx,
            actions::USER_MOVE,
            dependent,
            fields(dependent),
            fields(&after),
        )
        .await?;
    }
    Ok(after)
}

async fn remove_one(conn: &mut SqliteConnection, ctx: &Attribution<'_>, user: &User) -> Result<()> {
    // Removal ends every sign-in and every local copy at once, as suspension does.
    tokens::revoke_all_for_user(conn, &user.id, ctx.at).await?;
    seal_keys::shred(conn, &user.id).await?;
    sqlx::query(
        "UPDATE users SET removed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
    )
    .bind(ctx.at)
    .bind(ctx.at)
    .bind(&user.id)
    .execute(&mut *conn)
    .await?;
    changes::append(
        conn,
        ctx.org_id,
        &user.id,
        user.kind,
        ChangeOp::Delete,
        ctx.at,
    )
    .await?;
    record(
        conn,
        ctx,
        actions::USER_REMOVE,
        user,
        fields(user),
        json!({ "removed": true }),
    )
    .await
}

/// What the audit trail shows of a person before and after a change.
pub fn fields(user: &User) -> Value {
    json!({
        "kind": user.kind,
        "display_name": user.display_name,
        "email": user.email,
        "phone": user.phone,
        "date_of_birth": user.date_of_birth,
        "guardian_id": user.guardian_id,
    })
}

/// An audit event about `user` (its own feed entry comes with it).
pub async fn record(
    conn: &mut SqliteConnection,
    ctx: &Attribution<'_>,
    action: &'static str,
    user: &User,
    before: Value,
    after: Value,
) -> Result<()> {
    audit::record(
        conn,
        NewEvent {
            by: ctx,
            action,
            target_type: "user",
            target_id: &user.id,
            target_name: &user.display_name,
            before,
            after,
        },
    )
    .await?;
    Ok(())
}

/// The present dependents of `guardian_id`, in id order.
async fn dependents_of(conn: &mut SqliteConnection, guardian_id: &str) -> Result<Vec<User>> {
    let ids: Vec<String> = sqlx::query(
        "SELECT id FROM users WHERE guardian_id = ? AND removed_at IS NULL ORDER BY id",
    )
    .bind(guardian_id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| r.try_get(0))
    .collect::<std::result::Result<_, _>>()?;
    let org_id: String = sqlx::query_scalar("SELECT org_id FROM users WHERE id = ?")
        .bind(guardian_id)
        .fetch_one(&mut *conn)
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(read::get(conn, &org_id, &id).await?);
    }
    Ok(out)
}
