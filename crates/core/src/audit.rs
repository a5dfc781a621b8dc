//! The audit trail as the console reads it: filtered pages from the server, and CSV export.

use std::path::PathBuf;

use console_api::{AuditEvent, Page};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api_client::encode;
use crate::{Console, Error, Result};

/// Filters of the audit log; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub target: Option<String>,
    pub action: Option<String>,
    /// Unix seconds, inclusive.
    #[ts(type = "number | null")]
    pub from: Option<i64>,
    /// Unix seconds, exclusive.
    #[ts(type = "number | null")]
    pub to: Option<i64>,
    /// A person's own timeline: events whose target or subject (acted for) is this person.
    #[serde(default)]
    pub person: Option<String>,
}

impl AuditFilter {
    fn query(&self) -> String {
        let mut q = Vec::new();
        for (name, value) in [
            ("actor", self.actor.clone()),
            ("target", self.target.clone()),
            ("action", self.action.clone()),
            ("from", self.from.map(|v| v.to_string())),
            ("to", self.to.map(|v| v.to_string())),
            ("person", self.person.clone()),
        ] {
            if let Some(v) = value
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
            {
                q.push(format!("{name}={}", encode(&v)));
            }
        }
        q.join("&")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditPage {
    pub events: Vec<AuditEvent>,
    pub next_cursor: Option<String>,
    #[ts(type = "number | null")]
    pub total: Option<i64>,
}

/// Where an export went.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportResult {
    pub path: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// Exports stop here: a log bigger than this is for the server's own reporting.
const EXPORT_CAP: usize = 100_000;

impl Console {
    /// One page of the audit log, newest first.
    pub async fn audit_events(
        &self,
        profile: &str,
        filter: &AuditFilter,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<AuditPage> {
        // The platform serves at most 1,000 per page.
        let mut path = format!("/v1/audit?limit={}", limit.clamp(1, 1000));
        let q = filter.query();
        if !q.is_empty() {
            path.push('&');
            path.push_str(&q);
        }
        if let Some(c) = cursor {
            path.push_str(&format!("&cursor={}", encode(c)));
        }
        let page: Page<AuditEvent> = self.session(profile)?.get(&path).await?;
        Ok(AuditPage {
            events: page.items,
            next_cursor: page.next_cursor,
            total: page.total,
        })
    }

    /// Every event the filter matches (up to 100,000), as CSV.
    pub async fn audit_csv(&self, profile: &str, filter: &AuditFilter) -> Result<(String, u64)> {
        let mut events = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = self
                .audit_events(profile, filter, cursor.as_deref(), 1000)
                .await?;
            events.extend(page.events);
            cursor = page.next_cursor;
            if cursor.is_none() || events.len() >= EXPORT_CAP {
                break;
            }
        }
        events.truncate(EXPORT_CAP);
        Ok((to_csv(&events)?, events.len() as u64))
    }

    /// Writes the filtered log as CSV into the user's Downloads folder (or the app's data
    /// folder when there is none) and says where.
    pub async fn export_audit(&self, profile: &str, filter: &AuditFilter) -> Result<ExportResult> {
        let (csv, count) = self.audit_csv(profile, filter).await?;
        self.write_export("audit", &csv, count)
    }

    /// Writes an export into the user's Downloads folder (or the app's data folder when there
    /// is none) under a time-stamped name.
    pub(crate) fn write_export(&self, name: &str, csv: &str, count: u64) -> Result<ExportResult> {
        let folder = directories::UserDirs::new()
            .and_then(|d| d.download_dir().map(PathBuf::from))
            .unwrap_or_else(|| self.data_dir().join("exports"));
        std::fs::create_dir_all(&folder)?;
        let stamp = iso8601(crate::token_store::now()).replace(':', "-");
        let path = folder.join(format!("{name}-{stamp}.csv"));
        std::fs::write(&path, csv)?;
        Ok(ExportResult {
            path: path.display().to_string(),
            count,
        })
    }
}

/// One row per event; `before` and `after` as compact JSON.
pub fn to_csv(events: &[AuditEvent]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::Internal(e.to_string());
    w.write_record([
        "time_utc",
        "actor_id",
        "actor_name",
        "action",
        "target_type",
        "target_id",
        "target_name",
        "before",
        "after",
        "reason",
        "request_id",
        "event_id",
        // Last, so the columns scripts already read stay where they were.
        "on_behalf_of",
    ])
    .map_err(fail)?;
    for e in events {
        w.write_record([
            iso8601(e.at),
            e.actor_id.clone(),
            e.actor_name.clone(),
            e.action.clone(),
            e.target_type.clone(),
            e.target_id.clone(),
            e.target_name.clone(),
            e.before.to_string(),
            e.after.to_string(),
            e.reason.clone(),
            e.request_id.clone(),
            e.id.clone(),
            e.on_behalf.as_ref().map(on_behalf_text).unwrap_or_default(),
        ])
        .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))
}

/// "Sam Support (usr_sam_support); reason: …; 2026-…Z to 2026-…Z": for whom the actor acted,
/// why and within which window (a service account acting for its provider has neither).
pub fn on_behalf_text(o: &console_api::OnBehalf) -> String {
    let mut text = format!("{} ({})", o.subject_name, o.subject_id);
    if let Some(reason) = &o.reason {
        text.push_str(&format!("; reason: {reason}"));
    }
    if let (Some(from), Some(until)) = (o.started_at, o.expires_at) {
        text.push_str(&format!("; {} to {}", iso8601(from), iso8601(until)));
    }
    text
}

/// `2026-11-29T18:02:08Z` from Unix seconds.
pub fn iso8601(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| secs.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_utc_iso8601() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_796_061_728), "2026-11-30T18:02:08Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let event = AuditEvent {
            id: "aud_1".into(),
            at: 0,
            actor_id: "usr_o".into(),
            actor_name: "Olivia, Owner".into(),
            action: "user.roles.update".into(),
            target_type: "user".into(),
            target_id: "usr_m".into(),
            target_name: "Mia".into(),
            before: serde_json::json!({"roles": ["MEMBER"]}),
            after: serde_json::json!({"roles": ["MEMBER", "SUPPORT"]}),
            reason: "On call \"tier 2\"".into(),
            request_id: "req-1".into(),
            on_behalf: None,
        };
        let csv = to_csv(&[event]).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        // A comma in a name or a quote in a reason must survive a round trip through a reader.
        assert_eq!(&row[2], "Olivia, Owner");
        assert_eq!(&row[9], "On call \"tier 2\"");
        assert_eq!(&row[8], r#"{"roles":["MEMBER","SUPPORT"]}"#);
        assert_eq!(&row[12], "", "not made on anyone's behalf");
    }

    #[test]
    fn csv_says_for_whom_why_and_when_an_action_was_taken() {
        let on_behalf = console_api::OnBehalf {
            subject_id: "usr_sam".into(),
            subject_name: "Sam Support".into(),
            actor_id: "usr_o".into(),
            actor_name: "Olivia Owner".into(),
            actor_kind: console_api::UserKind::Staff,
            acting_id: Some("act_1".into()),
            reason: Some("ticket 42, locked out".into()),
            started_at: Some(0),
            expires_at: Some(900),
        };
        let event = AuditEvent {
            id: "aud_2".into(),
            at: 60,
            actor_id: "usr_o".into(),
            actor_name: "Olivia Owner".into(),
            action: "user.update".into(),
            target_type: "user".into(),
            target_id: "usr_p".into(),
            target_name: "Pat".into(),
            before: serde_json::json!({}),
            after: serde_json::json!({}),
            reason: "typo".into(),
            request_id: "req-2".into(),
            on_behalf: Some(on_behalf),
        };
        let csv = to_csv(&[event]).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(&reader.headers().unwrap()[12], "on_behalf_of");
        let row = reader.records().next().unwrap().unwrap();
        // The actor stays the one who took the action; the subject, reason and window follow.
        assert_eq!(&row[2], "Olivia Owner");
        assert_eq!(
            &row[12],
            "Sam Support (usr_sam); reason: ticket 42, locked out; \
             1970-01-01T00:00:00Z to 1970-01-01T00:15:00Z"
        );
    }

    #[test]
    fn a_persons_timeline_is_asked_for_by_person() {
        let filter = AuditFilter {
            person: Some("usr_sam support".into()),
            ..Default::default()
        };
        assert_eq!(filter.query(), "person=usr_sam+support");
    }
}
