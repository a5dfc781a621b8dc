//! Random edits while the emulator runs, so a client's delta sync has something to catch up
//! with. Every edit goes through the rule-enforcing store functions and lands in the feed.

use console_api::{StaffRole, UserKind, UserStatus};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use sqlx::Row;

use crate::generate::contacts::{email_part, random_phone};
use crate::generate::{FIRST, LAST};
use crate::store::changes;
use crate::store::users::write::{self, NewUser, UserPatch};
use crate::{AppState, Error, Result};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MutationReport {
    pub applied: usize,
    pub latest_seq: i64,
}

/// Users that mutations never touch: accounts that sign in (personas), service accounts and
/// config users, so a test's own session and the demo's named people survive any mutation run.
const MUTABLE: &str = "password_hash IS NULL AND kind NOT IN ('SERVICE_ACCOUNT', 'CONFIG') \
    AND id NOT IN ('usr_john_guardian', 'usr_emily_dependent', 'usr_pat_patient')";

/// Applies `n` random edits to `org_id`: about 70% updates (name, email, phone or status), 15%
/// deletes (a guardian takes its dependents along) and 15% creates. Same seed and same data
/// give the same edits. An edit the rules refuse (say, a random phone already taken) is retried
/// with fresh randomness, so exactly `n` are applied unless the organization is empty.
pub async fn mutate_random(
    state: &AppState,
    org_id: &str,
    n: usize,
    seed: u64,
) -> Result<MutationReport> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut applied = 0;
    let mut attempts = 0;
    while applied < n && attempts < n * 20 + 100 {
        attempts += 1;
        let roll = rng.gen_range(0..100);
        let outcome = if roll < 15 {
            create(state, org_id, &mut rng).await
        } else {
            let Some(picked) = pick(state, org_id, &mut rng).await? else {
                continue;
            };
            if roll < 30 {
                write::delete(&state.pool, org_id, &picked.id, state.now())
                    .await
                    .map(|_| true)
            } else {
                update(state, org_id, &picked, &mut rng).await
            }
        };
        match outcome {
            Ok(true) => applied += 1,
            // Drew the value the user already had: nothing changed, so it does not count.
            Ok(false) => {}
            Err(Error::Rule(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let mut conn = state.pool.acquire().await?;
    let latest_seq = changes::state(&mut conn, org_id).await?.last_seq;
    Ok(MutationReport {
        applied,
        latest_seq,
    })
}

/// A random mutable user: probe at a random rowid and take the first mutable one from there,
/// wrapping around once. Constant time on a million rows, unlike ORDER BY random(). NOT INDEXED
/// keeps SQLite on the rowid: left to itself it picks the org_id index and sorts the whole
/// organization by rowid for every probe.
/// A user picked for an edit, with what the edit needs to know to really change something.
struct Picked {
    id: String,
    kind: UserKind,
    version: i64,
}

async fn pick(state: &AppState, org_id: &str, rng: &mut StdRng) -> Result<Option<Picked>> {
    pick_where(state, org_id, MUTABLE, rng).await
}

async fn pick_where(
    state: &AppState,
    org_id: &str,
    condition: &str,
    rng: &mut StdRng,
) -> Result<Option<Picked>> {
    let max: Option<i64> = sqlx::query_scalar("SELECT max(rowid) FROM users")
        .fetch_one(&state.pool)
        .await?;
    let Some(max) = max else { return Ok(None) };
    let start = rng.gen_range(0..=max);
    for (from, to) in [(start, i64::MAX), (0, start)] {
        let row = sqlx::query(&pick_sql(condition))
            .bind(from)
            .bind(to)
            .bind(org_id)
            .fetch_optional(&state.pool)
            .await?;
        if let Some(row) = row {
            let kind: String = row.try_get(1)?;
            return Ok(Some(Picked {
                id: row.try_get(0)?,
                kind: UserKind::parse(&kind).ok_or_else(|| Error::Invalid(kind.clone()))?,
                version: row.try_get(2)?,
            }));
        }
    }
    Ok(None)
}

fn pick_sql(condition: &str) -> String {
    format!(
        "SELECT id, kind, version FROM users NOT INDEXED WHERE rowid >= ? AND rowid < ? \
         AND org_id = ? AND {condition} ORDER BY rowid LIMIT 1"
    )
}

fn random_name(rng: &mut StdRng) -> (&'static str, &'static str) {
    (
        FIRST[rng.gen_range(0..FIRST.len())],
        LAST[rng.gen_range(0..LAST.len())],
    )
}

/// An address unlikely to be taken; if it is, the store refuses it and the edit is retried.
fn random_email(rng: &mut StdRng, first: &str, last: &str) -> String {
    let n: u32 = rng.gen_range(1000..1_000_000);
    format!("{}.{}+m{n}@mail.test", email_part(first), email_part(last))
}

/// True when the user changed (a random name or status can be the one it already had).
async fn update(state: &AppState, org_id: &str, picked: &Picked, rng: &mut StdRng) -> Result<bool> {
    let (first, last) = random_name(rng);
    let mut patch = UserPatch::default();
    match rng.gen_range(0..4) {
        0 => patch.display_name = Some(format!("{first} {last}")),
        1 => patch.email = Some(Some(random_email(rng, first, last))),
        2 => patch.phone = Some(Some(random_phone(rng))),
        _ => {
            let statuses = [
                UserStatus::Active,
                UserStatus::Invited,
                UserStatus::Suspended,
            ];
            patch.status = Some(statuses[rng.gen_range(0..statuses.len())]);
        }
    }
    // Staff sign in by email; give them a work address, not a personal one.
    if picked.kind == UserKind::Staff {
        if let Some(Some(email)) = &mut patch.email {
            *email = email.replace("@mail.test", "@staff.test");
        }
    }
    let user = write::update(&state.pool, org_id, &picked.id, patch, state.now()).await?;
    Ok(user.version != picked.version)
}

async fn create(state: &AppState, org_id: &str, rng: &mut StdRng) -> Result<bool> {
    let (first, last) = random_name(rng);
    let id = format!("usr_{:016x}", rng.gen::<u64>());
    let mut new = NewUser {
        id,
        org_id: org_id.into(),
        kind: UserKind::Patient,
        display_name: format!("{first} {last}"),
        email: Some(random_email(rng, first, last)),
        phone: rng.gen_bool(0.7).then(|| random_phone(rng)),
        status: UserStatus::Invited,
        password_hash: None,
        config_role: None,
        guardian_id: None,
        staff_roles: Vec::new(),
        date_of_birth: None,
    };
    match rng.gen_range(0..100) {
        0..=49 => {}
        50..=59 => new.kind = UserKind::Hcp,
        60..=74 => new.kind = UserKind::Guardian,
        75..=89 => {
            // A new child in an existing household, sharing the guardian's contact details.
            let picked = pick_where(state, org_id, "kind = 'GUARDIAN'", rng).await?;
            let Some(Picked {
                id: guardian_id, ..
            }) = picked
            else {
                return Err(crate::error::RuleViolation::GuardianRequired.into());
            };
            let guardian = sqlx::query("SELECT email, phone FROM users WHERE id = ?")
                .bind(&guardian_id)
                .fetch_one(&state.pool)
                .await?;
            new.kind = UserKind::Dependent;
            new.guardian_id = Some(guardian_id);
            new.email = guardian.try_get(0)?;
            new.phone = guardian.try_get(1)?;
        }
        _ => {
            new.kind = UserKind::Staff;
            new.email = new.email.map(|e| e.replace("@mail.test", "@staff.test"));
            new.staff_roles = vec![StaffRole::ALL[rng.gen_range(3..StaffRole::ALL.len())]];
        }
    }
    write::create(&state.pool, new, state.now()).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn picking_a_user_is_a_rowid_probe_not_a_sort() {
        // With a sort, each random edit read the whole organization: 2 edits/s at a million.
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::connect(&dir.path().join("pick.sqlite"))
            .await
            .unwrap();
        for condition in [MUTABLE, "kind = 'GUARDIAN'"] {
            let plan: Vec<String> =
                sqlx::query(&format!("EXPLAIN QUERY PLAN {}", pick_sql(condition)))
                    .bind(1)
                    .bind(2)
                    .bind("org")
                    .fetch_all(&pool)
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.get::<String, _>(3))
                    .collect();
            assert_eq!(
                plan,
                ["SEARCH users USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"]
            );
        }
    }
}
