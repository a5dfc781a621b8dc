//! Creating, changing and deleting users: the only write path outside bulk generation. Each
//! write checks the seed rules, bumps `version` / `updated_at` and appends to the change feed,
//! all in one transaction.

use console_api::{ChangeOp, ConfigRole, StaffRole, User, UserKind, UserStatus};
use sqlx::{Row, SqliteConnection, SqlitePool};

use super::rules::{self, Candidate};
use super::{household, phone_digits, read};
use crate::error::RuleViolation;
use crate::store::changes;
use crate::Result;

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: String,
    pub org_id: String,
    pub kind: UserKind,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: UserStatus,
    pub password_hash: Option<String>,
    pub config_role: Option<ConfigRole>,
    pub guardian_id: Option<String>,
    pub staff_roles: Vec<StaffRole>,
    /// `YYYY-MM-DD`.
    pub date_of_birth: Option<String>,
}

/// A change to a user; `None` leaves a field as it is, `Some(None)` clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    pub display_name: Option<String>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub status: Option<UserStatus>,
    /// Only between consumer kinds (e.g. a dependent who comes of age becomes a patient).
    pub kind: Option<UserKind>,
    pub guardian_id: Option<Option<String>>,
    pub date_of_birth: Option<Option<String>>,
}

/// Blank contact details mean "none", so " " never counts as an email that must be unique.
fn clean(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub async fn create(pool: &SqlitePool, new: NewUser, now: i64) -> Result<User> {
    let mut tx = crate::db::begin_write(pool).await?;
    let user = create_in(&mut tx, new, now).await?;
    tx.commit().await?;
    Ok(user)
}

/// `create` inside the caller's write transaction (the admin API records its audit event in it).
pub async fn create_in(tx: &mut SqliteConnection, new: NewUser, now: i64) -> Result<User> {
    let schema = super::schema::load(tx, &new.org_id, now).await?;
    let date_of_birth = clean(new.date_of_birth);
    let email = clean(new.email);
    let phone = clean(new.phone);
    let exists = sqlx::query("SELECT 1 FROM users WHERE id = ?")
        .bind(&new.id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_some() {
        return Err(RuleViolation::IdTaken(new.id).into());
    }
    rules::check(
        tx,
        &Candidate {
            id: &new.id,
            org_id: &new.org_id,
            kind: new.kind,
            display_name: new.display_name.trim(),
            email: email.as_deref(),
            phone: phone.as_deref(),
            guardian_id: new.guardian_id.as_deref(),
            date_of_birth: date_of_birth.as_deref(),
            has_roles: !new.staff_roles.is_empty(),
        },
        &schema,
    )
    .await?;
    sqlx::query(
        "INSERT INTO users (id, org_id, kind, display_name, email, phone, phone_digits, \
         password_hash, config_role, status, guardian_id, created_at, updated_at, version, \
         date_of_birth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
    )
    .bind(&new.id)
    .bind(&new.org_id)
    .bind(new.kind.as_str())
    .bind(new.display_name.trim())
    .bind(&email)
    .bind(&phone)
    .bind(phone.as_deref().map(phone_digits))
    .bind(&new.password_hash)
    .bind(new.config_role.map(|r| r.as_str()))
    .bind(new.status.as_str())
    .bind(&new.guardian_id)
    .bind(now)
    .bind(now)
    .bind(&date_of_birth)
    .execute(&mut *tx)
    .await?;
    for role in &new.staff_roles {
        sqlx::query("INSERT OR IGNORE INTO staff_roles (user_id, role) VALUES (?, ?)")
            .bind(&new.id)
            .bind(role.as_str())
            .execute(&mut *tx)
            .await?;
    }
    changes::append(tx, &new.org_id, &new.id, new.kind, ChangeOp::Upsert, now).await?;
    let user = read::get(tx, &new.org_id, &new.id).await?;
    user.ok_or_else(|| RuleViolation::UserNotFound(new.id).into())
}

/// Applies `patch`. A patch that changes nothing stores nothing and records no change.
pub async fn update(
    pool: &SqlitePool,
    org_id: &str,
    id: &str,
    patch: UserPatch,
    now: i64,
) -> Result<User> {
    let mut tx = crate::db::begin_write(pool).await?;
    let current = read::get(&mut tx, org_id, id)
        .await?
        .ok_or_else(|| RuleViolation::UserNotFound(id.into()))?;
    let user = update_in(&mut tx, org_id, &current, patch, now).await?;
    tx.commit().await?;
    Ok(user)
}

/// `update` of `current` (as the caller read it in this transaction) inside the caller's write
/// transaction. Returns `current` itself when the patch changes nothing.
pub async fn update_in(
    tx: &mut SqliteConnection,
    org_id: &str,
    current: &User,
    patch: UserPatch,
    now: i64,
) -> Result<User> {
    let id = current.id.as_str();
    let mut next = current.clone();
    if let Some(name) = patch.display_name {
        next.display_name = name.trim().to_string();
    }
    let email_given = patch.email.is_some();
    let phone_given = patch.phone.is_some();
    if let Some(email) = patch.email {
        next.email = clean(email);
    }
    if let Some(phone) = patch.phone {
        next.phone = clean(phone);
    }
    if let Some(dob) = patch.date_of_birth {
        next.date_of_birth = clean(dob);
    }
    if let Some(status) = patch.status {
        next.status = status;
    }
    if let Some(guardian) = patch.guardian_id {
        next.guardian_id = guardian;
    }
    if let Some(kind) = patch.kind {
        next.kind = kind;
    }
    if next == *current {
        return Ok(current.clone());
    }
    if next.kind != current.kind && !(is_consumer(current.kind) && is_consumer(next.kind)) {
        return Err(
            RuleViolation::KindChangeNotAllowed(current.kind.as_str(), next.kind.as_str()).into(),
        );
    }
    let schema = super::schema::load(tx, org_id, now).await?;
    if current.kind == UserKind::Dependent && next.kind != UserKind::Dependent {
        of_age(&next, &schema)?;
    }
    let moved = next.kind == UserKind::Dependent && next.guardian_id != current.guardian_id;
    if let (true, Some(from), Some(to)) = (moved, &current.guardian_id, &next.guardian_id) {
        // A dependent moved to another household takes that household's contact in place of
        // the old one it shared (a contact given with the move is kept as given).
        let old = household::contacts(tx, from).await?;
        let new = household::contacts(tx, to).await?;
        if !email_given && next.email.is_some() && household::same_email(&next.email, &old.0) {
            next.email = new.0;
        }
        if !phone_given && next.phone.is_some() && household::same_phone(&next.phone, &old.1) {
            next.phone = new.1;
        }
    }
    rules::check(
        tx,
        &Candidate {
            id,
            org_id,
            kind: next.kind,
            display_name: &next.display_name,
            email: next.email.as_deref(),
            phone: next.phone.as_deref(),
            guardian_id: next.guardian_id.as_deref(),
            date_of_birth: next.date_of_birth.as_deref(),
            has_roles: !next.staff_roles.is_empty(),
        },
        &schema,
    )
    .await?;
    // After the rules, so that a change that would also form a cycle is explained as a cycle.
    if current.kind == UserKind::Guardian
        && next.kind != UserKind::Guardian
        && has_dependents(tx, id).await?
    {
        return Err(RuleViolation::HasDependents(id.into()).into());
    }
    sqlx::query(
        "UPDATE users SET kind = ?, display_name = ?, email = ?, phone = ?, phone_digits = ?, \
         status = ?, guardian_id = ?, date_of_birth = ?, updated_at = ?, version = version + 1 \
         WHERE id = ?",
    )
    .bind(next.kind.as_str())
    .bind(&next.display_name)
    .bind(&next.email)
    .bind(&next.phone)
    .bind(next.phone.as_deref().map(phone_digits))
    .bind(next.status.as_str())
    .bind(&next.guardian_id)
    .bind(&next.date_of_birth)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if next.status != current.status {
        // A change of access ends every local copy sealed under the old one.
        crate::store::seal_keys::shred(tx, id).await?;
    }
    if next.status != current.status && next.status != UserStatus::Active {
        // And losing access ends every sign-in at once.
        crate::store::tokens::revoke_all_for_user(tx, id, now).await?;
    }
    changes::append(tx, org_id, id, next.kind, ChangeOp::Upsert, now).await?;
    if next.kind == UserKind::Guardian {
        household::follow_guardian(tx, org_id, current, &next, now).await?;
    }
    let user = read::get(tx, org_id, id).await?;
    user.ok_or_else(|| RuleViolation::UserNotFound(id.into()).into())
}

/// A dependent leaves the household at the organization's age-out, not before: until then the
/// guardian answers for them.
fn of_age(next: &User, schema: &console_api::PersonSchema) -> Result<()> {
    let age_out = schema.dependent_leaves_guardian_at_age;
    let today = console_api::Date::parse(&schema.today);
    let born = next
        .date_of_birth
        .as_deref()
        .and_then(console_api::Date::parse);
    let age = match (born, today) {
        (Some(born), Some(today)) if born.age_on(today) >= age_out as i32 => return Ok(()),
        (Some(born), Some(today)) => format!("is {}", born.age_on(today)),
        _ => "has no date of birth on record".into(),
    };
    Err(RuleViolation::NotOfAge {
        name: next.display_name.clone(),
        age,
        age_out,
    }
    .into())
}

/// Kind changes stay among consumers: staff, config users and service accounts carry roles and
/// credentials that make no sense on a consumer.
fn is_consumer(kind: UserKind) -> bool {
    matches!(
        kind,
        UserKind::Patient | UserKind::Hcp | UserKind::Guardian | UserKind::Dependent
    )
}

async fn has_dependents(conn: &mut SqliteConnection, id: &str) -> Result<bool> {
    let row =
        sqlx::query("SELECT 1 FROM users WHERE guardian_id = ? AND removed_at IS NULL LIMIT 1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.is_some())
}

/// Deletes a user. A guardian's dependents go with it (a dependent cannot exist without its
/// guardian), each with its own tombstone. Returns every deleted id, dependents first.
pub async fn delete(pool: &SqlitePool, org_id: &str, id: &str, now: i64) -> Result<Vec<String>> {
    let mut tx = crate::db::begin_write(pool).await?;
    let kind: Option<String> =
        sqlx::query_scalar("SELECT kind FROM users WHERE id = ? AND org_id = ?")
            .bind(id)
            .bind(org_id)
            .fetch_optional(&mut *tx)
            .await?;
    let kind = kind
        .as_deref()
        .and_then(UserKind::parse)
        .ok_or_else(|| RuleViolation::UserNotFound(id.into()))?;
    let dependents: Vec<String> =
        sqlx::query("SELECT id FROM users WHERE guardian_id = ? ORDER BY id")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<std::result::Result<_, _>>()?;
    let mut deleted = Vec::with_capacity(dependents.len() + 1);
    for (victim, victim_kind) in dependents
        .iter()
        .map(|d| (d.as_str(), UserKind::Dependent))
        .chain([(id, kind)])
    {
        // Their sign-ins end with them (and their families must go before the user row);
        // staff_roles go by ON DELETE CASCADE.
        crate::store::tokens::remove_all_for_user(&mut tx, victim).await?;
        sqlx::query("DELETE FROM users WHERE id = ?")
            .bind(victim)
            .execute(&mut *tx)
            .await?;
        changes::append(&mut tx, org_id, victim, victim_kind, ChangeOp::Delete, now).await?;
        deleted.push(victim.to_string());
    }
    tx.commit().await?;
    Ok(deleted)
}
