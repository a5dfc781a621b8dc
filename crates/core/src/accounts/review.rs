//! The access review: credentials and accounts an owner should look at now.

use console_api::{AccountStatus, ApiKey, KeyStatus, ServiceAccount};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::iso8601;
use crate::{Error, Result};

/// A working key unused this long is listed. The window reads both through its bindings.
pub const UNUSED_DAYS: i64 = 90;
/// A working key that stops within this is listed (and badged "expires soon" in the window).
pub const EXPIRING_DAYS: i64 = 14;
const DAY: i64 = 86_400;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// A working key nobody used for 90 days (or ever, and it is older than that).
    UnusedKey,
    /// A working key that expires within 14 days.
    ExpiringKey,
    /// An active account whose owner of record is no longer active staff.
    OrphanedAccount,
}

/// One finding, with what the one-click fix disables (a key, or the whole account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewItem {
    pub kind: ReviewKind,
    pub account_id: String,
    pub account_name: String,
    pub key_id: Option<String>,
    pub key_prefix: Option<String>,
    /// Plain words: why it is listed.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccessReview {
    #[ts(type = "number")]
    pub as_of: i64,
    pub items: Vec<ReviewItem>,
}

fn working(k: &ApiKey, now: i64) -> bool {
    k.status == KeyStatus::Active && k.expires_at > now
}

pub fn review(accounts: &[ServiceAccount], keys: &[ApiKey], now: i64) -> AccessReview {
    let mut items = Vec::new();
    let name_of = |id: &str| {
        accounts
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    for k in keys.iter().filter(|k| working(k, now)) {
        let base = |kind, detail: String| ReviewItem {
            kind,
            account_id: k.account_id.clone(),
            account_name: name_of(&k.account_id),
            key_id: Some(k.id.clone()),
            key_prefix: Some(k.prefix.clone()),
            detail,
        };
        let last = k.last_used_at.unwrap_or(k.created_at);
        if now - last >= UNUSED_DAYS * DAY {
            let detail = match k.last_used_at {
                Some(t) => format!("Last used {} ({} days ago)", iso8601(t), (now - t) / DAY),
                None => format!(
                    "Never used since it was created {} days ago",
                    (now - k.created_at) / DAY
                ),
            };
            items.push(base(ReviewKind::UnusedKey, detail));
        }
        if k.expires_at - now <= EXPIRING_DAYS * DAY {
            let days = (k.expires_at - now) / DAY;
            items.push(base(
                ReviewKind::ExpiringKey,
                format!(
                    "Expires {} (in {days} days); rotate it before then",
                    iso8601(k.expires_at)
                ),
            ));
        }
    }
    for a in accounts
        .iter()
        .filter(|a| a.status == AccountStatus::Active && !a.owner_active)
    {
        items.push(ReviewItem {
            kind: ReviewKind::OrphanedAccount,
            account_id: a.id.clone(),
            account_name: a.name.clone(),
            key_id: None,
            key_prefix: None,
            detail: format!(
                "Its owner of record, {}, is no longer active staff; give it a new owner or disable it",
                a.owner_name
            ),
        });
    }
    AccessReview { as_of: now, items }
}

/// The review as CSV, one finding per row.
pub fn to_csv(review: &AccessReview) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::Internal(e.to_string());
    w.write_record([
        "finding",
        "account_id",
        "account_name",
        "key_id",
        "key_prefix",
        "detail",
    ])
    .map_err(fail)?;
    for i in &review.items {
        let kind = match i.kind {
            ReviewKind::UnusedKey => "unused_key",
            ReviewKind::ExpiringKey => "expiring_key",
            ReviewKind::OrphanedAccount => "orphaned_account",
        };
        w.write_record([
            kind,
            &i.account_id,
            &i.account_name,
            i.key_id.as_deref().unwrap_or(""),
            i.key_prefix.as_deref().unwrap_or(""),
            &i.detail,
        ])
        .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn key(id: &str, created: i64, used: Option<i64>, expires: i64, status: KeyStatus) -> ApiKey {
        ApiKey {
            id: id.into(),
            account_id: "sa_1".into(),
            name: id.into(),
            prefix: format!("acx_test_{id}"),
            created_at: created,
            created_by: "usr_o".into(),
            expires_at: expires,
            last_used_at: used,
            last_used_from: None,
            status,
            replaced_by: None,
        }
    }

    fn account(owner_active: bool, status: AccountStatus) -> ServiceAccount {
        ServiceAccount {
            id: "sa_1".into(),
            name: "Reminders".into(),
            description: String::new(),
            owner_id: "usr_x".into(),
            owner_name: "Xavier".into(),
            owner_active,
            acts_for_id: None,
            acts_for_name: None,
            status,
            created_at: 0,
            updated_at: 0,
            version: 1,
            active_keys: 0,
            soonest_expiry: None,
            last_used_at: None,
            client_id: None,
        }
    }

    #[test]
    fn findings_follow_the_90_and_14_day_rules() {
        let far = NOW + 300 * DAY;
        let keys = [
            key(
                "used_yesterday",
                NOW - 200 * DAY,
                Some(NOW - DAY),
                far,
                KeyStatus::Active,
            ),
            key(
                "unused_91",
                NOW - 200 * DAY,
                Some(NOW - 91 * DAY),
                far,
                KeyStatus::Active,
            ),
            key(
                "never_used_old",
                NOW - 100 * DAY,
                None,
                far,
                KeyStatus::Active,
            ),
            key(
                "never_used_new",
                NOW - 10 * DAY,
                None,
                far,
                KeyStatus::Active,
            ),
            key(
                "expiring",
                NOW - DAY,
                Some(NOW),
                NOW + 13 * DAY,
                KeyStatus::Active,
            ),
            // Keys that no longer work need no review: they cannot be misused.
            key(
                "revoked_old",
                NOW - 200 * DAY,
                None,
                far,
                KeyStatus::Revoked,
            ),
            key(
                "disabled_old",
                NOW - 200 * DAY,
                None,
                NOW + DAY,
                KeyStatus::Disabled,
            ),
        ];
        let r = review(&[account(true, AccountStatus::Active)], &keys, NOW);
        let found: Vec<(ReviewKind, &str)> = r
            .items
            .iter()
            .map(|i| (i.kind, i.key_id.as_deref().unwrap()))
            .collect();
        assert_eq!(
            found,
            [
                (ReviewKind::UnusedKey, "unused_91"),
                (ReviewKind::UnusedKey, "never_used_old"),
                (ReviewKind::ExpiringKey, "expiring"),
            ]
        );
    }

    #[test]
    fn an_account_without_an_active_owner_is_listed_once() {
        let r = review(&[account(false, AccountStatus::Active)], &[], NOW);
        assert_eq!(r.items.len(), 1);
        assert_eq!(r.items[0].kind, ReviewKind::OrphanedAccount);
        assert!(r.items[0].detail.contains("Xavier"));
        // Already disabled: nothing left to do.
        assert!(review(&[account(false, AccountStatus::Disabled)], &[], NOW)
            .items
            .is_empty());
        let csv = to_csv(&review(&[account(false, AccountStatus::Active)], &[], NOW)).unwrap();
        assert!(csv.starts_with("finding,account_id"));
        assert!(csv.contains("orphaned_account,sa_1,Reminders"));
    }
}
