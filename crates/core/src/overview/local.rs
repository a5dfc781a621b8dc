//! The Overview's counts from the local copy: each one SQL group-by, so only the counts
//! leave SQLite (never a row per person).

use console_api::{StaffRole, UserKind, UserStatus};
use sqlx::Row;

use super::{HouseholdSize, PeopleCount, RoleCount};
use crate::cache::Cache;
use crate::Result;

/// The last household bucket: this many dependents or more.
const MOST_DEPENDENTS: i64 = 4;

pub(super) async fn people(cache: &Cache) -> Result<Vec<PeopleCount>> {
    let rows = sqlx::query(
        "SELECT kind, status, count(*) AS n FROM users GROUP BY kind, status ORDER BY kind, status",
    )
    .fetch_all(cache.pool())
    .await?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, status): (String, String) = (row.try_get("kind")?, row.try_get("status")?);
        // A kind or status this console does not know yet (a newer platform) is not charted.
        if let (Some(kind), Some(status)) = (UserKind::parse(&kind), UserStatus::parse(&status)) {
            out.push(PeopleCount {
                kind,
                status,
                count: row.try_get("n")?,
            });
        }
    }
    Ok(out)
}

/// The `roles` column holds a staff member's roles space separated: a recursive CTE splits it,
/// so each role is counted once per person inside SQLite. Only staff hold roles: the kind index
/// reads them alone instead of every row of the copy.
pub(super) async fn staff_roles(cache: &Cache) -> Result<Vec<RoleCount>> {
    let rows = sqlx::query(
        "WITH RECURSIVE split(role, rest) AS ( \
             SELECT '', roles || ' ' FROM users WHERE kind = 'STAFF' AND roles <> '' \
             UNION ALL \
             SELECT substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) \
             FROM split WHERE rest <> '' \
         ) \
         SELECT role, count(*) AS n FROM split WHERE role <> '' GROUP BY role",
    )
    .fetch_all(cache.pool())
    .await?;
    let mut counts: Vec<RoleCount> = Vec::new();
    for row in rows {
        let role: String = row.try_get("role")?;
        if let Some(role) = StaffRole::parse(&role) {
            counts.push(RoleCount {
                role,
                count: row.try_get("n")?,
            });
        }
    }
    // The catalog's order (OWNER first), so the chart reads the same every time.
    counts.sort_by_key(|c| StaffRole::ALL.iter().position(|r| *r == c.role));
    Ok(counts)
}

/// Guardians by number of dependents, from the dependents' side: the guardian index (dependents
/// only) read in order, never a guardian's row (reading each guardian's row took 8 s at
/// 1,000,000 people). A dependent's guardian is always a guardian (the platform refuses any
/// other, `invalid_guardian`), so the guardians with none are the others.
pub(super) async fn households(cache: &Cache) -> Result<Vec<HouseholdSize>> {
    let rows = sqlx::query(
        "SELECT min(n, ?) AS size, count(*) AS guardians FROM ( \
             SELECT count(*) AS n FROM users WHERE guardian_id IS NOT NULL GROUP BY guardian_id \
         ) GROUP BY size",
    )
    .bind(MOST_DEPENDENTS)
    .fetch_all(cache.pool())
    .await?;
    let guardians: i64 = sqlx::query_scalar("SELECT count(*) FROM users WHERE kind = 'GUARDIAN'")
        .fetch_one(cache.pool())
        .await?;
    let with_dependents: i64 = rows
        .iter()
        .map(|r| r.try_get::<i64, _>("guardians"))
        .sum::<std::result::Result<i64, _>>()?;
    let none = (guardians - with_dependents).max(0);
    let mut out: Vec<HouseholdSize> = (0..=MOST_DEPENDENTS as u32)
        .map(|dependents| HouseholdSize {
            dependents,
            guardians: 0,
        })
        .collect();
    out[0].guardians = none;
    for row in rows {
        let size: i64 = row.try_get("size")?;
        if let Some(bucket) = out.get_mut(size as usize) {
            bucket.guardians = row.try_get("guardians")?;
        }
    }
    Ok(out)
}
