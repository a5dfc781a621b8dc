//! Organization settings: `settings_versions`. Every change is a new version holding the whole
//! document; the current settings are the newest version. A change is written together with its
//! audit event (and so its change-feed entry) in the caller's transaction.

pub mod schema;

pub use schema::{initial_values, keys, schema};

use console_api::{actions, Settings, SettingsVersion};
use serde_json::{Map, Value};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection, SqlitePool};

use super::audit::{self, NewEvent};
use crate::db::Attribution;
use crate::{Error, Result};

/// Who wrote version 1 of a new organization's settings.
pub const SYSTEM_ACTOR: &str = "system";
const SYSTEM_NAME: &str = "Platform defaults";

const COLUMNS: &str = "version, at, actor_id, actor_name, reason, changed, restored_from, vals";

fn json_text(row: &SqliteRow, at: usize) -> Result<Value> {
    let text: &str = row.try_get(at)?;
    serde_json::from_str(text).map_err(|e| Error::Invalid(format!("settings JSON: {e}")))
}

/// The stored values as the schema has them now: a field added since the version was written
/// gets its default, a field since removed is left out.
fn complete(stored: Value) -> Map<String, Value> {
    let mut stored = match stored {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    schema()
        .fields
        .into_iter()
        .map(|f| {
            let value = stored.remove(&f.key).unwrap_or(f.default);
            (f.key, value)
        })
        .collect()
}

fn from_row(row: &SqliteRow) -> Result<SettingsVersion> {
    let changed: Vec<String> = serde_json::from_value(json_text(row, 5)?)
        .map_err(|e| Error::Invalid(format!("settings changed keys: {e}")))?;
    Ok(SettingsVersion {
        version: row.try_get(0)?,
        at: row.try_get(1)?,
        actor_id: row.try_get(2)?,
        actor_name: row.try_get(3)?,
        reason: row.try_get(4)?,
        changed,
        restored_from: row.try_get(6)?,
        values: complete(json_text(row, 7)?),
    })
}

pub fn document(v: &SettingsVersion) -> Settings {
    Settings {
        version: v.version,
        values: v.values.clone(),
        updated_at: v.at,
        updated_by: v.actor_id.clone(),
        updated_by_name: v.actor_name.clone(),
    }
}

/// Writes version 1 (the defaults) for an organization that has no settings yet; does nothing
/// for one that has.
pub async fn ensure(conn: &mut SqliteConnection, org_id: &str, at: i64) -> Result<()> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM organizations WHERE id = ?")
        .bind(org_id)
        .fetch_optional(&mut *conn)
        .await?;
    let name = name.ok_or_else(|| Error::Invalid(format!("no organization {org_id}")))?;
    sqlx::query(
        "INSERT OR IGNORE INTO settings_versions \
         (org_id, version, at, actor_id, actor_name, reason, changed, restored_from, vals) \
         VALUES (?, 1, ?, ?, ?, 'Initial settings', '[]', NULL, ?)",
    )
    .bind(org_id)
    .bind(at)
    .bind(SYSTEM_ACTOR)
    .bind(SYSTEM_NAME)
    .bind(Value::Object(initial_values(&name)).to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// The newest version, creating version 1 first if the organization has none.
pub async fn current(
    conn: &mut SqliteConnection,
    org_id: &str,
    now: i64,
) -> Result<SettingsVersion> {
    if let Some(v) = newest(conn, org_id).await? {
        return Ok(v);
    }
    ensure(conn, org_id, now).await?;
    newest(conn, org_id)
        .await?
        .ok_or_else(|| Error::Invalid(format!("settings of {org_id} were not created")))
}

async fn newest(conn: &mut SqliteConnection, org_id: &str) -> Result<Option<SettingsVersion>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM settings_versions WHERE org_id = ? ORDER BY version DESC LIMIT 1"
    ))
    .bind(org_id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn version(
    conn: &mut SqliteConnection,
    org_id: &str,
    version: i64,
) -> Result<Option<SettingsVersion>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM settings_versions WHERE org_id = ? AND version = ?"
    ))
    .bind(org_id)
    .bind(version)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Up to `limit` versions older than `before`, newest first.
pub async fn list(
    conn: &mut SqliteConnection,
    org_id: &str,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<SettingsVersion>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM settings_versions WHERE org_id = ? AND version < ? \
         ORDER BY version DESC LIMIT ?"
    ))
    .bind(org_id)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The keys whose values differ between `old` and `new`, in schema order.
pub fn changed_keys(old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<String> {
    schema()
        .fields
        .into_iter()
        .map(|f| f.key)
        .filter(|k| old.get(k) != new.get(k))
        .collect()
}

/// Stores `values` as the version after `current`, with its audit event. `changed` must be
/// non-empty (a change that changes nothing is no version). Call inside a write transaction
/// that read `current`.
pub async fn write(
    conn: &mut SqliteConnection,
    meta: Attribution<'_>,
    current: &SettingsVersion,
    values: Map<String, Value>,
    restored_from: Option<i64>,
) -> Result<SettingsVersion> {
    let changed = changed_keys(&current.values, &values);
    let next = SettingsVersion {
        version: current.version + 1,
        at: meta.at,
        actor_id: meta.actor_id.into(),
        actor_name: meta.actor_name.into(),
        reason: meta.reason.into(),
        changed,
        restored_from,
        values,
    };
    sqlx::query(
        "INSERT INTO settings_versions \
         (org_id, version, at, actor_id, actor_name, reason, changed, restored_from, vals) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(meta.org_id)
    .bind(next.version)
    .bind(next.at)
    .bind(&next.actor_id)
    .bind(&next.actor_name)
    .bind(&next.reason)
    .bind(serde_json::to_string(&next.changed).expect("strings serialize"))
    .bind(next.restored_from)
    .bind(Value::Object(next.values.clone()).to_string())
    .execute(&mut *conn)
    .await?;
    let pick = |values: &Map<String, Value>| -> Value {
        Value::Object(
            next.changed
                .iter()
                .map(|k| (k.clone(), values.get(k).cloned().unwrap_or(Value::Null)))
                .collect(),
        )
    };
    audit::record(
        conn,
        NewEvent {
            by: &meta,
            action: if restored_from.is_some() {
                actions::SETTINGS_RESTORE
            } else {
                actions::SETTINGS_UPDATE
            },
            target_type: "settings",
            target_id: meta.org_id,
            target_name: "Organization settings",
            before: pick(&current.values),
            after: pick(&next.values),
        },
    )
    .await?;
    Ok(next)
}

/// Every setting of an organization as it is now (defaults when never set), read on `conn`: inside
/// a write transaction this is the snapshot the write sees.
pub async fn values(conn: &mut SqliteConnection, org_id: &str) -> Result<Map<String, Value>> {
    Ok(match newest(conn, org_id).await? {
        Some(v) => v.values,
        None => complete(Value::Null),
    })
}

/// One setting of an organization as it is now (its default when never set), for code of the
/// platform that obeys the settings (API key expiry, the console's idle sign-out).
pub async fn value(pool: &SqlitePool, org_id: &str, key: &str) -> Result<Value> {
    let mut conn = pool.acquire().await?;
    values(&mut conn, org_id)
        .await?
        .remove(key)
        .ok_or_else(|| Error::Invalid(format!("{key} is not a setting")))
}

fn integer(value: Value, key: &str) -> Result<i64> {
    value
        .as_i64()
        .ok_or_else(|| Error::Invalid(format!("setting {key} is not a number: {value}")))
}

/// How the organization presents itself: its display name and support address, as its
/// settings say now (the registered name until settings exist; no address when empty).
pub async fn presentation(pool: &SqlitePool, org_id: &str) -> Result<(String, Option<String>)> {
    let mut conn = pool.acquire().await?;
    let Some(newest) = newest(&mut conn, org_id).await? else {
        let name: String = sqlx::query_scalar("SELECT name FROM organizations WHERE id = ?")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?;
        return Ok((name, None));
    };
    let text = |key: &str| {
        newest
            .values
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|v| !v.is_empty())
    };
    let name = text(keys::DISPLAY_NAME).unwrap_or_default();
    Ok((name, text(keys::SUPPORT_EMAIL)))
}

/// The longest an API key may live, in days: a new key's expiry must be at most this far away.
pub async fn max_api_key_lifetime_days(pool: &SqlitePool, org_id: &str) -> Result<i64> {
    let key = keys::MAX_API_KEY_LIFETIME_DAYS;
    integer(value(pool, org_id, key).await?, key)
}

/// How long a rotated API key keeps working by default, in hours.
pub async fn key_rotation_overlap_hours(pool: &SqlitePool, org_id: &str) -> Result<i64> {
    let key = keys::KEY_ROTATION_OVERLAP_HOURS;
    integer(value(pool, org_id, key).await?, key)
}

/// Where the organization's own apps may receive sign-in results (`allowed_redirect_uris`).
pub async fn allowed_redirect_uris(pool: &SqlitePool, org_id: &str) -> Result<Vec<String>> {
    let key = keys::ALLOWED_REDIRECT_URIS;
    let value = value(pool, org_id, key).await?;
    serde_json::from_value(value.clone())
        .map_err(|_| Error::Invalid(format!("setting {key} is not a list of text: {value}")))
}

/// After how many idle minutes the console locks.
pub async fn idle_sign_out_minutes(pool: &SqlitePool, org_id: &str) -> Result<u32> {
    let key = keys::IDLE_SIGN_OUT_MINUTES;
    let minutes = integer(value(pool, org_id, key).await?, key)?;
    u32::try_from(minutes).map_err(|_| Error::Invalid(format!("{key} is {minutes}")))
}

/// How many days an invitation's code accepts after it is sent.
pub async fn invitation_expiry_days(pool: &SqlitePool, org_id: &str) -> Result<i64> {
    let key = keys::INVITATION_EXPIRY_DAYS;
    integer(value(pool, org_id, key).await?, key)
}

/// The longest an OWNER may act for someone in one go, in minutes.
pub async fn max_acting_minutes(pool: &SqlitePool, org_id: &str) -> Result<u32> {
    let key = keys::MAX_ACTING_MINUTES;
    let minutes = integer(value(pool, org_id, key).await?, key)?;
    u32::try_from(minutes).map_err(|_| Error::Invalid(format!("{key} is {minutes}")))
}

/// The fewest characters a password set at the platform may have.
pub async fn password_min_length(pool: &SqlitePool, org_id: &str) -> Result<usize> {
    let key = keys::PASSWORD_MIN_LENGTH;
    let length = integer(value(pool, org_id, key).await?, key)?;
    usize::try_from(length).map_err(|_| Error::Invalid(format!("{key} is {length}")))
}
