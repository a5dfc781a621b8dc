//! A household's shared contact: what a dependent carries follows its guardian's.

use console_api::{ChangeOp, User, UserKind};
use sqlx::{Row, SqliteConnection};

use super::phone_digits;
use crate::store::changes;
use crate::Result;

/// Dependents share their guardian's contact: when the guardian's email or phone changes, the
/// dependents who carried the old one carry the new one (or none, when it was cleared), each
/// as a change of its own in the feed. Otherwise they would hold a contact that is nobody's.
pub async fn follow_guardian(
    tx: &mut SqliteConnection,
    org_id: &str,
    before: &User,
    after: &User,
    now: i64,
) -> Result<()> {
    let email_changed = !same_email(&before.email, &after.email) && before.email.is_some();
    let phone_changed = !same_phone(&before.phone, &after.phone) && before.phone.is_some();
    if !email_changed && !phone_changed {
        return Ok(());
    }
    let rows = sqlx::query(
        "SELECT id, email, phone FROM users WHERE guardian_id = ? AND removed_at IS NULL",
    )
    .bind(&before.id)
    .fetch_all(&mut *tx)
    .await?;
    for row in rows {
        let (dependent, email, phone): (String, Option<String>, Option<String>) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        let mut next = (email.clone(), phone.clone());
        if email_changed && same_email(&email, &before.email) {
            next.0 = after.email.clone();
        }
        if phone_changed && same_phone(&phone, &before.phone) {
            next.1 = after.phone.clone();
        }
        if next == (email, phone) {
            continue;
        }
        sqlx::query(
            "UPDATE users SET email = ?, phone = ?, phone_digits = ?, updated_at = ?, \
             version = version + 1 WHERE id = ?",
        )
        .bind(&next.0)
        .bind(&next.1)
        .bind(next.1.as_deref().map(phone_digits))
        .bind(now)
        .bind(&dependent)
        .execute(&mut *tx)
        .await?;
        changes::append(
            tx,
            org_id,
            &dependent,
            UserKind::Dependent,
            ChangeOp::Upsert,
            now,
        )
        .await?;
    }
    Ok(())
}

/// A person's email and phone.
pub async fn contacts(
    conn: &mut SqliteConnection,
    id: &str,
) -> Result<(Option<String>, Option<String>)> {
    let row = sqlx::query("SELECT email, phone FROM users WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(row) => (row.try_get(0)?, row.try_get(1)?),
        None => (None, None),
    })
}

pub fn same_email(a: &Option<String>, b: &Option<String>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
}

pub fn same_phone(a: &Option<String>, b: &Option<String>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if phone_digits(a) == phone_digits(b))
}
