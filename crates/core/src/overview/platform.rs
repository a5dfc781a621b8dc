//! The Overview's parts the local copy does not hold: API keys by expiry and audit activity.

use std::sync::Arc;

use console_api::{ApiKey, AuditEvent, KeyStatus, Page};

use super::{AuditDay, KeyExpiry, KeyWeek};
use crate::{Result, Session};

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;
/// The key timeline looks this far ahead (and overdue keys this far back).
pub const KEY_DAYS: i64 = 90;
/// 90 days in weeks, the last one partial.
pub const KEY_WEEKS: i64 = (KEY_DAYS + 6) / 7;
/// The audit chart covers this many days, today included.
pub const AUDIT_DAYS: i64 = 30;
/// The platform serves at most this many events per page.
const PAGE: usize = 1000;

/// Working keys by the week they expire in, and keys overdue: expired in the last 90 days
/// without a rotation having replaced them (a revoked or disabled key was stopped on purpose).
pub fn key_weeks(keys: &[ApiKey], now: i64) -> KeyExpiry {
    let mut weeks: Vec<KeyWeek> = (0..KEY_WEEKS)
        .map(|w| KeyWeek {
            starts_at: now + w * WEEK,
            keys: 0,
        })
        .collect();
    let mut overdue = 0;
    for k in keys {
        let stopped = matches!(k.status, KeyStatus::Revoked | KeyStatus::Disabled);
        if stopped {
            continue;
        }
        let expired = k.status == KeyStatus::Expired || k.expires_at <= now;
        if expired {
            if k.replaced_by.is_none() && now - k.expires_at <= KEY_DAYS * DAY {
                overdue += 1;
            }
        } else if k.expires_at - now < KEY_DAYS * DAY {
            weeks[((k.expires_at - now) / WEEK) as usize].keys += 1;
        }
    }
    KeyExpiry { overdue, weeks }
}

/// Local midnight (at `offset` seconds east of UTC) of the day `at` falls in.
fn day_of(at: i64, offset: i64) -> i64 {
    (at + offset).div_euclid(DAY) * DAY - offset
}

/// Per-day counts of `events` over the 30 days ending with the day of `now`, oldest first, in
/// the window's time zone (`offset` seconds east of UTC), so a day's bar and the audit log of
/// that date (filtered from local midnight) agree.
pub fn audit_days(events: &[AuditEvent], now: i64, offset: i64) -> Vec<AuditDay> {
    let first = day_of(now, offset) - (AUDIT_DAYS - 1) * DAY;
    let mut days: Vec<AuditDay> = (0..AUDIT_DAYS)
        .map(|d| AuditDay {
            day: first + d * DAY,
            events: 0,
        })
        .collect();
    for e in events {
        if let Some(day) = days.get_mut(((day_of(e.at, offset) - first) / DAY) as usize) {
            if e.at >= first {
                day.events += 1;
            }
        }
    }
    days
}

fn window(from: i64, to: i64, limit: usize) -> String {
    format!("/v1/audit?limit={limit}&from={from}&to={to}")
}

/// Audit events per day for 30 days in as few requests as the log allows: one page of the
/// whole window when it holds at most 1,000 events (counted here), else one request per day
/// reading only the platform's `total` (limit 1), in parallel.
pub(super) async fn audit_activity(
    session: &Arc<Session>,
    now: i64,
    offset: i64,
) -> Result<Vec<AuditDay>> {
    let first = day_of(now, offset) - (AUDIT_DAYS - 1) * DAY;
    let to = day_of(now, offset) + DAY;
    let page: Page<AuditEvent> = session.get(&window(first, to, PAGE)).await?;
    if page.next_cursor.is_none() {
        return Ok(audit_days(&page.items, now, offset));
    }
    let mut tasks = tokio::task::JoinSet::new();
    for d in 0..AUDIT_DAYS {
        let session = session.clone();
        let day = first + d * DAY;
        tasks.spawn(async move {
            let page: Page<AuditEvent> = session.get(&window(day, day + DAY, 1)).await?;
            // A platform that gives no total on a first page: count that day's pages instead.
            let events = match page.total {
                Some(total) => total,
                None => count_pages(&session, day).await?,
            };
            Ok::<_, crate::Error>(AuditDay { day, events })
        });
    }
    let mut days = Vec::new();
    while let Some(done) = tasks.join_next().await {
        days.push(done.map_err(|e| crate::Error::Internal(e.to_string()))??);
    }
    days.sort_by_key(|d| d.day);
    Ok(days)
}

async fn count_pages(session: &Session, day: i64) -> Result<i64> {
    let mut count = 0;
    let mut cursor: Option<String> = None;
    loop {
        let mut path = window(day, day + DAY, PAGE);
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={}", crate::api_client::encode(c)));
        }
        let page: Page<AuditEvent> = session.get(&path).await?;
        count += page.items.len() as i64;
        cursor = page.next_cursor;
        if cursor.is_none() {
            return Ok(count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str, status: KeyStatus, expires_at: i64, replaced: bool) -> ApiKey {
        ApiKey {
            id: id.into(),
            account_id: "sa_1".into(),
            name: id.into(),
            prefix: "acx_live_x".into(),
            created_at: 0,
            created_by: "usr_owner".into(),
            expires_at,
            last_used_at: None,
            last_used_from: None,
            status,
            replaced_by: replaced.then(|| "key_new".to_string()),
        }
    }

    #[test]
    fn keys_fall_in_the_week_they_expire_and_unreplaced_expired_ones_are_overdue() {
        let now = 1_800_000_000;
        let keys = [
            key("soon", KeyStatus::Active, now + DAY, false),
            key("week2", KeyStatus::Active, now + 8 * DAY, false),
            key("last", KeyStatus::Active, now + 89 * DAY, false),
            key("later", KeyStatus::Active, now + 91 * DAY, false),
            key("expired", KeyStatus::Expired, now - DAY, false),
            key("past_but_active", KeyStatus::Active, now - 2 * DAY, false),
            key("rotated", KeyStatus::Expired, now - DAY, true),
            key("revoked", KeyStatus::Revoked, now + DAY, false),
            key("disabled", KeyStatus::Disabled, now - DAY, false),
            key("long_ago", KeyStatus::Expired, now - 200 * DAY, false),
        ];
        let e = key_weeks(&keys, now);
        assert_eq!(e.overdue, 2, "expired and past_but_active");
        assert_eq!(e.weeks.len(), 13);
        assert_eq!(e.weeks[0].keys, 1);
        assert_eq!(e.weeks[1].keys, 1);
        assert_eq!(e.weeks[12].keys, 1);
        assert_eq!(e.weeks.iter().map(|w| w.keys).sum::<i64>(), 3);
    }

    #[test]
    fn audit_events_are_counted_per_local_day_for_thirty_days() {
        let now = 1_800_000_000; // 2027-01-15T08:00:00Z
        let today = day_of(now, 0);
        let event = |at: i64| AuditEvent {
            at,
            ..serde_json::from_value(serde_json::json!({
                "id": "ev", "at": 0, "actor_id": "a", "actor_name": "A", "action": "user.update",
                "target_type": "user", "target_id": "t", "target_name": "T",
                "before": null, "after": null, "reason": "", "request_id": "r"
            }))
            .expect("an audit event")
        };
        let events = [
            event(now),
            event(today),
            event(today - 1),
            event(today - 29 * DAY),
            event(today - 30 * DAY),
        ];
        let days = audit_days(&events, now, 0);
        assert_eq!(days.len(), 30);
        assert_eq!(days[29].day, today);
        assert_eq!(days[29].events, 2);
        assert_eq!(
            days[28].events, 1,
            "one second before midnight is yesterday"
        );
        assert_eq!(
            days[0].events, 1,
            "the 30th day back is in, the 31st is not"
        );
        assert_eq!(days.iter().map(|d| d.events).sum::<i64>(), 4);

        // Nine hours east of UTC, 08:00Z is 17:00 local and 16:00Z is already tomorrow.
        let east = 9 * 3600;
        let days = audit_days(&[event(now), event(now + 8 * 3600)], now, east);
        assert_eq!(days[29].day, today - east, "local midnight of that date");
        assert_eq!(
            days[29].events, 1,
            "the later one falls on the next local day"
        );
    }
}
