//! The seed rules, checked inside the writing transaction so that what is checked is what is
//! stored. Each refusal is its own `RuleViolation`.

use console_api::{PersonSchema, UserKind};
use sqlx::{Row, SqliteConnection};

use crate::error::RuleViolation;
use crate::Result;

/// Patients, HCPs and guardians: each is reachable by a contact no other one of them has.
pub fn is_primary_consumer(kind: UserKind) -> bool {
    matches!(kind, UserKind::Patient | UserKind::Hcp | UserKind::Guardian)
}

/// A user as it would be after the write.
pub struct Candidate<'a> {
    pub id: &'a str,
    pub org_id: &'a str,
    pub kind: UserKind,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub guardian_id: Option<&'a str>,
    pub date_of_birth: Option<&'a str>,
    pub has_roles: bool,
}

/// How long a guardian chain may be before we stop walking it. Real chains are one link
/// (a dependent and its guardian); the bound only keeps a corrupt database from looping.
const MAX_CHAIN: usize = 64;

/// The fields by the served person schema (every refused field at once), then the seed rules.
pub async fn check(
    conn: &mut SqliteConnection,
    c: &Candidate<'_>,
    schema: &PersonSchema,
) -> Result<()> {
    let refused = super::schema::refusals(
        schema,
        &[
            ("display_name", Some(c.display_name)),
            ("email", c.email),
            ("phone", c.phone),
            ("date_of_birth", c.date_of_birth),
        ],
    );
    if !refused.is_empty() {
        return Err(RuleViolation::InvalidFields(refused).into());
    }
    if c.has_roles && c.kind != UserKind::Staff {
        return Err(RuleViolation::RolesOnlyForStaff.into());
    }
    check_guardian(conn, c).await?;
    if c.kind == UserKind::Dependent {
        check_dependent_contacts(conn, c).await?;
    }
    if is_primary_consumer(c.kind) {
        check_consumer_contacts(conn, c).await?;
    }
    if c.kind == UserKind::Staff {
        let email = c.email.ok_or(RuleViolation::StaffEmailRequired)?;
        let taken = sqlx::query(
            "SELECT 1 FROM users WHERE org_id = ? AND lower(email) = lower(?) \
             AND kind = 'STAFF' AND removed_at IS NULL AND id != ?",
        )
        .bind(c.org_id)
        .bind(email)
        .bind(c.id)
        .fetch_optional(&mut *conn)
        .await?;
        if taken.is_some() {
            return Err(RuleViolation::StaffEmailTaken(email.into()).into());
        }
    }
    Ok(())
}

async fn check_guardian(conn: &mut SqliteConnection, c: &Candidate<'_>) -> Result<()> {
    let Some(guardian_id) = c.guardian_id else {
        if c.kind == UserKind::Dependent {
            return Err(RuleViolation::GuardianRequired.into());
        }
        return Ok(());
    };
    // A cycle is reported before the kind rules below (which would also refuse it) because
    // "this would be its own guardian" is the explanation a person needs.
    let mut next = Some(guardian_id.to_string());
    for _ in 0..MAX_CHAIN {
        let Some(id) = next.take() else { break };
        if id == c.id {
            return Err(RuleViolation::GuardianCycle(guardian_id.into()).into());
        }
        next = sqlx::query("SELECT guardian_id FROM users WHERE id = ?")
            .bind(&id)
            .fetch_optional(&mut *conn)
            .await?
            .and_then(|row| row.try_get::<Option<String>, _>(0).ok().flatten());
    }
    if c.kind != UserKind::Dependent {
        return Err(RuleViolation::GuardianNotAllowed.into());
    }
    let kind: Option<String> = sqlx::query_scalar(
        "SELECT kind FROM users WHERE id = ? AND org_id = ? AND removed_at IS NULL",
    )
    .bind(guardian_id)
    .bind(c.org_id)
    .fetch_optional(&mut *conn)
    .await?;
    match kind.as_deref() {
        None => Err(RuleViolation::GuardianNotFound(guardian_id.into()).into()),
        Some("GUARDIAN") => Ok(()),
        Some(_) => Err(RuleViolation::NotAGuardian(guardian_id.into()).into()),
    }
}

/// The guide: dependents share *their guardian's* email or phone, no one else's (they sign in
/// through the guardian, so a contact of their own would reach nobody who can act on it).
async fn check_dependent_contacts(conn: &mut SqliteConnection, c: &Candidate<'_>) -> Result<()> {
    let Some(guardian_id) = c.guardian_id else {
        return Ok(());
    };
    let row = sqlx::query("SELECT email, phone_digits FROM users WHERE id = ?")
        .bind(guardian_id)
        .fetch_one(&mut *conn)
        .await?;
    let (email, digits): (Option<String>, Option<String>) = (row.try_get(0)?, row.try_get(1)?);
    if let Some(mine) = c.email {
        if !email.is_some_and(|theirs| theirs.eq_ignore_ascii_case(mine)) {
            return Err(RuleViolation::NotGuardiansContact(mine.into()).into());
        }
    }
    if let Some(mine) = c.phone {
        if digits.as_deref() != Some(super::phone_digits(mine).as_str()) {
            return Err(RuleViolation::NotGuardiansContact(mine.into()).into());
        }
    }
    Ok(())
}

async fn check_consumer_contacts(conn: &mut SqliteConnection, c: &Candidate<'_>) -> Result<()> {
    if c.email.is_none() && c.phone.is_none() {
        return Err(RuleViolation::ContactRequired.into());
    }
    // The `kind IN (...)` term is written exactly as in the partial unique indexes, which is
    // what lets SQLite use them for these lookups.
    if let Some(email) = c.email {
        let taken = sqlx::query(
            "SELECT 1 FROM users WHERE org_id = ? AND lower(email) = lower(?) \
             AND kind IN ('PATIENT', 'HCP', 'GUARDIAN') AND removed_at IS NULL AND id != ?",
        )
        .bind(c.org_id)
        .bind(email)
        .bind(c.id)
        .fetch_optional(&mut *conn)
        .await?;
        if taken.is_some() {
            return Err(RuleViolation::ConsumerEmailTaken(email.into()).into());
        }
    }
    if let Some(phone) = c.phone {
        let taken = sqlx::query(
            "SELECT 1 FROM users WHERE org_id = ? AND phone_digits = ? \
             AND kind IN ('PATIENT', 'HCP', 'GUARDIAN') AND removed_at IS NULL AND id != ?",
        )
        .bind(c.org_id)
        .bind(super::phone_digits(phone))
        .bind(c.id)
        .fetch_optional(&mut *conn)
        .await?;
        if taken.is_some() {
            return Err(RuleViolation::ConsumerPhoneTaken(phone.into()).into());
        }
    }
    Ok(())
}
