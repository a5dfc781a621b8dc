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

/// Guardians by number of dependents; each guardian's dependents are counted through the
/// `guardian_id` index.
pub(super) async fn households(cache: &Cache) -> Result<Vec<HouseholdSize>> {
    let rows = sqlx::query(
        "SELECT min(n, ?) AS size, count(*) AS guardians FROM ( \
             SELECT (SELECT count(*) FROM users d WHERE d.guardian_id = g.id) AS n \
             FROM users g WHERE g.kind = 'GUARDIAN' \
         ) GROUP BY size",
    )
    .bind(MOST_DEPENDENTS)
    .fetch_all(cache.pool())
    .await?;
    let mut out: Vec<HouseholdSize> = (0..=MOST_DEPENDENTS as u32)
        .map(|dependents| HouseholdSize {
            dependents,
            guardians: 0,
        })
        .collect();
    for row in rows {
        let size: i64 = row.try_get("size")?;
        if let Some(bucket) = out.get_mut(size as usize) {
            bucket.guardians = row.try_get("guardians")?;
        }
    }
    Ok(out)
}
