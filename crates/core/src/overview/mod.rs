//! The Overview: the organization at a glance, as counts for charts.
//!
//! Two parts, asked for separately so the window never waits on the network for what it holds:
//! - [`Console::overview`]: people by kind and status, staff by role, household sizes, counted
//!   by SQL group-bys in the signed-in person's local copy (milliseconds at 100,000 users; no
//!   row is loaded into memory);
//! - [`Console::platform_overview`]: API keys by expiry and audit activity, which the local copy
//!   does not hold, read from the platform, each only when `me.permissions` allow it.

mod local;
mod platform;

use console_api::{Permission, StaffRole, UserKind, UserStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Console, Result};

pub use platform::{audit_days, key_weeks, AUDIT_DAYS, KEY_DAYS, KEY_WEEKS};

/// How many people of one kind have one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PeopleCount {
    pub kind: UserKind,
    pub status: UserStatus,
    #[ts(type = "number")]
    pub count: i64,
}

/// How many staff members hold a role (a person with two roles counts in both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleCount {
    pub role: StaffRole,
    #[ts(type = "number")]
    pub count: i64,
}

/// How many guardians have this many dependents; the last bucket (4) is "4 or more".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HouseholdSize {
    pub dependents: u32,
    #[ts(type = "number")]
    pub guardians: i64,
}

/// What the local copy says, counted where it lies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Overview {
    /// When the copy last matched the platform (Unix seconds); `None` before the first sync.
    #[ts(type = "number | null")]
    pub as_of: Option<i64>,
    /// A full listing is still being loaded: the counts are of what arrived so far.
    pub loading: bool,
    /// Every kind with every status that occurs (zero counts are left out).
    pub people: Vec<PeopleCount>,
    /// Every role some staff member holds, in the catalog's order.
    pub staff_roles: Vec<RoleCount>,
    /// Guardians by number of dependents: always the five buckets 0, 1, 2, 3, 4+.
    pub households: Vec<HouseholdSize>,
}

/// Working keys whose expiry falls in one week of the next 90 days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeyWeek {
    /// Start of the week (Unix seconds); the first week starts now.
    #[ts(type = "number")]
    pub starts_at: i64,
    #[ts(type = "number")]
    pub keys: i64,
}

/// API keys by expiry: a timeline of the next 90 days, and those already overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeyExpiry {
    /// Keys that expired in the last 90 days and were never replaced by a rotation, nor
    /// revoked or disabled: whatever used them has stopped working or soon will notice.
    #[ts(type = "number")]
    pub overdue: i64,
    pub weeks: Vec<KeyWeek>,
}

/// Audit events of one day in the window's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditDay {
    /// Local midnight of the day (Unix seconds); its audit log is `[day, day + 86400)`.
    #[ts(type = "number")]
    pub day: i64,
    #[ts(type = "number")]
    pub events: i64,
}

/// What only the platform knows, each part present only for those who may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlatformOverview {
    #[ts(type = "number")]
    pub as_of: i64,
    /// With `service_accounts_write` (an OWNER).
    pub keys: Option<KeyExpiry>,
    /// The last 30 days, oldest first, with `audit_read` (an OWNER).
    pub audit: Option<Vec<AuditDay>>,
}

impl Console {
    /// People by kind and status, staff by role and household sizes, from the local copy.
    pub async fn overview(&self, profile: &str) -> Result<Overview> {
        let cache = self.cache(profile).await?;
        let state = cache.sync_state().await?;
        Ok(Overview {
            as_of: state.last_synced_at,
            loading: state.as_of_seq.is_none(),
            people: local::people(&cache).await?,
            staff_roles: local::staff_roles(&cache).await?,
            households: local::households(&cache).await?,
        })
    }

    /// Key expiry and audit activity from the platform, for those whose rights allow them.
    /// Audit days are the window's: `utc_offset` seconds east of UTC.
    pub async fn platform_overview(
        &self,
        profile: &str,
        utc_offset: i64,
    ) -> Result<PlatformOverview> {
        let session = self.session(profile)?;
        let me = session.me().await?;
        let now = crate::token_store::now();
        let keys = if me.permissions.contains(&Permission::ServiceAccountsWrite) {
            let accounts = self.service_accounts(profile).await?;
            let mut all = Vec::new();
            for a in &accounts {
                all.extend(self.api_keys(profile, &a.id).await?);
            }
            Some(key_weeks(&all, now))
        } else {
            None
        };
        let audit = if me.permissions.contains(&Permission::AuditRead) {
            Some(platform::audit_activity(&session, now, utc_offset).await?)
        } else {
            None
        };
        Ok(PlatformOverview {
            as_of: now,
            keys,
            audit,
        })
    }
}
