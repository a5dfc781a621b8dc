//! The deterministic data generator: a seed and a size give the same organization every time.
//! Built for size: a million users load in seconds through multi-row INSERTs in one
//! transaction, with no per-row change-log entries (the feed floor is raised instead).

pub mod contacts;
mod names;
mod people;

use std::collections::HashSet;

use console_api::UserKind;
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde::Serialize;
use sqlx::{Connection, Row, SqliteConnection};

use crate::store::changes;
use crate::store::users::bulk;
use crate::{AppState, Error, Result};
use contacts::{Emails, Phones};
use people::People;

pub use names::{FIRST, LAST};

/// Rows per INSERT statement: 500 × 11 columns stays far below SQLite's parameter limit while
/// amortising the per-statement cost.
const ROWS_PER_STATEMENT: usize = 500;

/// What a generation produced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GenerateReport {
    pub users: usize,
    pub staff: usize,
    pub guardians: usize,
    pub dependents: usize,
    /// True when this seed and size had already been generated into the organization.
    pub skipped: bool,
    /// The feed floor after the load: clients positioned before it must run a full sync.
    pub floor_seq: i64,
}

/// FNV-1a: a stable hash (std's `Hasher`s may change between Rust releases) of what identifies
/// a generation, used in its ids so generations never collide.
fn tag(org_id: &str, seed: u64, size: usize) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = org_id
        .bytes()
        .chain(seed.to_le_bytes())
        .chain((size as u64).to_le_bytes());
    for b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash ^ (hash >> 32)) as u32
}

/// Generates `size` users into `org_id` (which must exist). Idempotent: generating the same
/// seed and size into the same organization again changes nothing.
pub async fn generate(
    state: &AppState,
    org_id: &str,
    seed: u64,
    size: usize,
) -> Result<GenerateReport> {
    let mut conn = state.pool.acquire().await?;
    let org_name: Option<String> =
        sqlx::query_scalar("SELECT name FROM organizations WHERE id = ?")
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?;
    let org_name = org_name.ok_or_else(|| Error::Invalid(format!("no organization {org_id}")))?;
    let tag = tag(org_id, seed, size);
    let done = sqlx::query("SELECT 1 FROM users WHERE id = ?")
        .bind(People::id(tag, 0))
        .fetch_optional(&mut *conn)
        .await?;
    if done.is_some() || size == 0 {
        let feed = changes::state(&mut conn, org_id).await?;
        return Ok(GenerateReport {
            skipped: done.is_some(),
            floor_seq: feed.floor_seq,
            ..GenerateReport::default()
        });
    }
    // Enough page cache to hold the hot parts of every index during the load; SQLite only
    // allocates it as pages are used.
    sqlx::query("PRAGMA cache_size = -262144")
        .execute(&mut *conn)
        .await?;
    let (emails, phones, staff) = taken_contacts(&mut conn, org_id).await?;
    let people = People::new(
        StdRng::seed_from_u64(seed),
        tag,
        Emails::new(emails),
        Phones::new(seed, phones),
        Emails::new(staff),
        staff_domain(&org_name),
        (
            StdRng::seed_from_u64(seed ^ BIRTHS),
            console_api::Date::from_unix(state.now()),
        ),
    );
    // One transaction for the whole generation: readers never see half an organization, and a
    // crash or a refused index rebuild leaves the database as it was, indexes included.
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let deferred = if size >= DEFER_INDEXES_FROM {
        defer_indexes(&mut tx).await?
    } else {
        Vec::new()
    };
    let started = std::time::Instant::now();
    let mut report = load(&mut tx, org_id, people, size).await?;
    tracing::info!(
        size,
        seconds = started.elapsed().as_secs_f64(),
        "generated users loaded"
    );
    for sql in &deferred {
        sqlx::query(sql).execute(&mut *tx).await.map_err(|e| {
            Error::Invalid(format!(
                "generated data breaks a uniqueness rule ({e}); nothing was stored"
            ))
        })?;
    }
    if !deferred.is_empty() {
        tracing::info!(seconds = started.elapsed().as_secs_f64(), "indexes rebuilt");
    }
    report.floor_seq = changes::raise_floor(&mut tx, org_id).await?;
    tx.commit().await?;
    sqlx::query("PRAGMA cache_size = -2000")
        .execute(&mut *conn)
        .await?;
    Ok(report)
}

/// From this size on, the secondary indexes of `users` and `staff_roles` are dropped for the
/// load and rebuilt after it. The unique ones on consumers' email and phone receive keys in
/// random order, so maintaining them row by row touches a different page for almost every row
/// and rewrites most of the index into the WAL at every commit: two thirds of the load time at
/// a million users. The others cost less, but a rebuild (one sort) still beats them.
const DEFER_INDEXES_FROM: usize = 50_000;

/// Drops the secondary indexes and returns the statements that recreate them, exactly as the
/// migrations defined them. Primary keys stay: the foreign keys of the load need them.
async fn defer_indexes(conn: &mut SqliteConnection) -> Result<Vec<String>> {
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
         AND tbl_name IN ('users', 'staff_roles') AND sql IS NOT NULL ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (name, _) in &indexes {
        sqlx::query(&format!("DROP INDEX \"{name}\""))
            .execute(&mut *conn)
            .await?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}

/// Inserts `size` users inside the caller's transaction. Rows are made on a blocking thread
/// while the previous statement runs, so generating names and addresses costs no wall time on a
/// two-core machine.
async fn load(
    conn: &mut SqliteConnection,
    org_id: &str,
    mut people: People,
    size: usize,
) -> Result<GenerateReport> {
    let (tx_rows, mut rx_rows) = tokio::sync::mpsc::channel::<Vec<bulk::Row>>(4);
    let producer = tokio::task::spawn_blocking(move || {
        let mut left = size;
        while left > 0 {
            let n = left.min(ROWS_PER_STATEMENT);
            let chunk: Vec<bulk::Row> = (0..n).map(|_| people.next_row()).collect();
            left -= n;
            if tx_rows.blocking_send(chunk).is_err() {
                return; // the loader stopped on an error
            }
        }
    });
    let mut report = GenerateReport::default();
    while let Some(rows) = rx_rows.recv().await {
        for row in &rows {
            match row.kind {
                UserKind::Staff => report.staff += 1,
                UserKind::Guardian => report.guardians += 1,
                UserKind::Dependent => report.dependents += 1,
                _ => {}
            }
        }
        bulk::insert(conn, org_id, &rows).await?;
        report.users += rows.len();
    }
    producer
        .await
        .map_err(|e| Error::Invalid(format!("generator thread failed: {e}")))?;
    Ok(report)
}

type Taken = HashSet<String>;

/// Mixed into the seed of the dates of birth, so they are not the same draws as the people.
const BIRTHS: u64 = 0xB1B7_D47E;

/// Contacts the organization already uses, which the generator must not hand out again:
/// primary consumers' emails and phone digits, and staff emails (all lower-cased).
async fn taken_contacts(
    conn: &mut SqliteConnection,
    org_id: &str,
) -> Result<(Taken, Taken, Taken)> {
    let rows = sqlx::query(
        "SELECT kind, lower(email), phone_digits FROM users WHERE org_id = ? \
         AND kind IN ('PATIENT', 'HCP', 'GUARDIAN', 'STAFF')",
    )
    .bind(org_id)
    .fetch_all(conn)
    .await?;
    let (mut emails, mut phones, mut staff) = (Taken::new(), Taken::new(), Taken::new());
    for row in rows {
        let kind: String = row.try_get(0)?;
        let email: Option<String> = row.try_get(1)?;
        let phone: Option<String> = row.try_get(2)?;
        if kind == "STAFF" {
            staff.extend(email);
        } else {
            emails.extend(email);
            phones.extend(phone);
        }
    }
    Ok((emails, phones, staff))
}

/// "Demo Clinic" → "demo-clinic.test": where the organization's staff get their email.
fn staff_domain(org_name: &str) -> String {
    let words: Vec<String> = org_name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "clinic.test".into()
    } else {
        format!("{}.test", words.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_stable_and_tell_generations_apart() {
        // The tag is baked into stored ids; if it changed between builds, an idempotent
        // re-run would load a second copy.
        assert_eq!(tag("org", 1, 10), tag("org", 1, 10));
        assert_ne!(tag("org", 1, 10), tag("org", 2, 10));
        assert_ne!(tag("org", 1, 10), tag("org", 1, 11));
        assert_ne!(tag("org", 1, 10), tag("other", 1, 10));
        assert_eq!(staff_domain("Demo Clinic"), "demo-clinic.test");
    }
}
