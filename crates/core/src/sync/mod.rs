//! Directory sync: a full listing the first time, then the change feed. Every batch is one
//! transaction that also moves the saved position, so a crash or a cut connection resumes where
//! it stopped and never leaves half a batch; a failure keeps the last good cache.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use console_api::{ChangeBatch, ChangeOp, Page, ProblemCode, User};

use crate::cache::{self, Cache, SyncState};
use crate::ipc::SyncPhase;
use crate::session::Session;
use crate::token_store::now;
use crate::{Error, Result};

pub mod floors;

#[derive(Debug, Clone)]
pub struct SyncOptions {
    pub page_size: u32,
    /// Attempts after the first for transient failures (network, 429, 5xx).
    pub retries: u32,
    pub first_backoff: Duration,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            // The platform's largest page: fewer round trips (100,000 users: the load took
            // 1.16 s instead of 1.38 s with 2,000-row pages, same run conditions).
            page_size: 5000,
            retries: 5,
            first_backoff: Duration::from_millis(500),
        }
    }
}

/// Progress as it happens: records applied in this phase, out of `total` when known.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub phase: SyncPhase,
    pub done: u64,
    pub total: Option<u64>,
    pub rate_per_sec: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub full: bool,
    pub upserted: u64,
    pub deleted: u64,
    pub as_of_seq: i64,
}

type OnProgress<'a> = &'a (dyn Fn(Progress) + Send + Sync);

/// Brings the cache up to date with the server.
pub async fn sync(
    session: &Session,
    cache: &Cache,
    options: &SyncOptions,
    on_progress: OnProgress<'_>,
) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    let state = cache.sync_state().await?;
    if state.as_of_seq.is_none() || state.full_in_progress() {
        full(session, cache, options, on_progress, &mut report).await?;
    }
    match delta(session, cache, options, on_progress, &mut report).await {
        Err(Error::Http {
            problem: Some(ProblemCode::ResyncRequired),
            ..
        }) => {
            // The feed no longer reaches back to our position: list everything again. The old
            // cache stays readable until the new listing is complete.
            tracing::info!("change feed says resync; running a full sync");
            full(session, cache, options, on_progress, &mut report).await?;
            delta(session, cache, options, on_progress, &mut report).await?;
        }
        other => other?,
    }
    Ok(report)
}

/// GET with retries and backoff for transient failures, honouring `Retry-After`.
async fn fetch<T: serde::de::DeserializeOwned>(
    session: &Session,
    path: &str,
    options: &SyncOptions,
) -> Result<T> {
    let mut attempt = 0;
    loop {
        match session.get::<T>(path).await {
            Err(e) if e.is_transient() && attempt < options.retries => {
                let backoff = options.first_backoff * 2u32.pow(attempt);
                let wait = match &e {
                    Error::Http {
                        retry_after: Some(s),
                        ..
                    } => Duration::from_secs((*s).min(60)),
                    _ => backoff,
                };
                tracing::warn!(
                    path,
                    attempt,
                    "sync request failed ({e}); retrying in {wait:?}"
                );
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// A page of the full listing, from its start or from `cursor`.
fn page_path(options: &SyncOptions, cursor: Option<&str>) -> String {
    match cursor {
        Some(c) => format!("/v1/users?limit={}&cursor={c}", options.page_size),
        None => format!("/v1/users?limit={}", options.page_size),
    }
}

fn rate(done: u64, started: Instant) -> f64 {
    done as f64 / started.elapsed().as_secs_f64().max(1e-3)
}

async fn full(
    session: &Session,
    cache: &Cache,
    options: &SyncOptions,
    on_progress: OnProgress<'_>,
    report: &mut SyncReport,
) -> Result<()> {
    report.full = true;
    let mut state = cache.sync_state().await?;
    // A listing into an empty copy leaves nothing older to sweep away (a scan of every row).
    let into_empty = !state.full_in_progress() && cache.user_count().await? == 0;
    if !state.full_in_progress() {
        state = SyncState {
            full_gen: state.full_gen + 1,
            full_done: 0,
            full_cursor: None,
            full_total: None,
            ..state
        };
    }
    let started = Instant::now();
    let resumed_from = state.full_done as u64;
    // A full sync in progress whose cursor is gone has fetched its last page: only the sweep is left.
    let finished = state.full_in_progress() && state.full_cursor.is_none() && state.full_done > 0;
    let page_path = |cursor: Option<&str>| page_path(options, cursor);
    let mut page: Option<Page<User>> = None;
    if !finished {
        page = Some(fetch(session, &page_path(state.full_cursor.as_deref()), options).await?);
    }
    while let Some(current) = page.take() {
        // Fetch the next page while this one is written: the network and the server overlap
        // with the local transaction.
        let next_fetch = async {
            match &current.next_cursor {
                Some(c) => Some(fetch::<Page<User>>(session, &page_path(Some(c)), options).await),
                None => None,
            }
        };
        let mut next = state.clone();
        next.full_as_of = next.full_as_of.or(Some(current.as_of_seq));
        next.full_total = current.total.or(next.full_total);
        next.full_cursor = current.next_cursor.clone();
        next.full_done += current.items.len() as i64;
        let write = async {
            let mut tx = cache.pool().begin().await?;
            // Index once at the end instead of row by row (see the bulk_load migration).
            if next.full_done == current.items.len() as i64 {
                cache::drop_secondary_indexes(&mut tx).await?;
            }
            cache::set_bulk(&mut tx, true).await?;
            cache::upsert_users(&mut tx, &current.items, next.full_gen).await?;
            cache::write_state(&mut tx, &next).await?;
            tx.commit().await?;
            Ok::<_, Error>(())
        };
        let (fetched, written) = tokio::join!(next_fetch, write);
        written?;
        state = next;
        report.upserted += current.items.len() as u64;
        let done = state.full_done as u64;
        on_progress(Progress {
            phase: SyncPhase::Full,
            done,
            total: state.full_total.map(|t| t as u64),
            rate_per_sec: rate(done - resumed_from, started),
        });
        page = fetched.transpose()?;
    }
    let loaded = started.elapsed();
    let mut tx = cache.pool().begin().await?;
    let mut mark = Instant::now();
    let mut lap = || std::mem::replace(&mut mark, Instant::now()).elapsed();
    if !into_empty {
        report.deleted += cache::sweep_users(&mut tx, state.full_gen).await?;
    }
    let swept = lap();
    cache::set_bulk(&mut tx, false).await?;
    cache::create_secondary_indexes(&mut tx).await?;
    let indexed = lap();
    // One rebuild of both search indexes at the end. Tried and left out: each page's words
    // indexed as it is written (every page's commit then flushes an FTS5 segment to merge later;
    // the load took 3.8-4.2 s instead of 1.9 s at 100,000, more than the rebuild's 0.8 s saved).
    cache::rebuild_search_index(&mut tx).await?;
    let searchable = lap();
    let done = SyncState {
        as_of_seq: state.full_as_of,
        last_synced_at: Some(now()),
        last_full_at: Some(now()),
        full_cursor: None,
        full_as_of: None,
        ..state
    };
    cache::write_state(&mut tx, &done).await?;
    tx.commit().await?;
    // Where a full sync's time goes (the bench prints it; docs/benchmarks.md).
    tracing::info!(
        rows = state.full_done,
        ?loaded,
        ?swept,
        ?indexed,
        ?searchable,
        committed = ?lap(),
        "full sync finished"
    );
    Ok(())
}

async fn delta(
    session: &Session,
    cache: &Cache,
    options: &SyncOptions,
    on_progress: OnProgress<'_>,
    report: &mut SyncReport,
) -> Result<()> {
    let started = Instant::now();
    let mut applied = 0u64;
    loop {
        let state = cache.sync_state().await?;
        let after = state.as_of_seq.unwrap_or(0);
        let asked = Instant::now();
        let batch: ChangeBatch = fetch(
            session,
            &format!("/v1/changes?after={after}&limit={}", options.page_size),
            options,
        )
        .await?;
        let fetched = asked.elapsed();
        let mut last_seq = after;
        // Each change carries the whole row, so the last one of each person is what to write.
        let mut latest: Vec<(&str, Option<&User>)> = Vec::new();
        let mut position: HashMap<&str, usize> = HashMap::new();
        for change in &batch.changes {
            if change.seq <= last_seq {
                return Err(Error::Server(format!("the change feed went backwards (seq {} after {last_seq}); the cache was kept as it was", change.seq)));
            }
            last_seq = change.seq;
            if change.resource != "user" {
                // Audit events and other resources are read from the server when shown; the
                // position still moves past them.
                continue;
            }
            let row = match (change.op, &change.user) {
                (ChangeOp::Upsert, Some(user)) => {
                    report.upserted += 1;
                    Some(user)
                }
                (ChangeOp::Upsert, None) => {
                    return Err(Error::Server(format!(
                        "change {} is an upsert without data; the cache was kept as it was",
                        change.seq
                    )));
                }
                (ChangeOp::Delete, _) => {
                    report.deleted += 1;
                    None
                }
            };
            match position.get(change.id.as_str()) {
                Some(&i) => latest[i].1 = row,
                None => {
                    position.insert(&change.id, latest.len());
                    latest.push((&change.id, row));
                }
            }
        }
        let mut tx = cache.pool().begin().await?;
        let writing = Instant::now();
        cache::apply_changes(&mut tx, &latest, state.full_gen).await?;
        let written = writing.elapsed();
        let caught_up = !batch.has_more;
        let next = SyncState {
            as_of_seq: Some(last_seq.max(after)),
            last_synced_at: if caught_up {
                Some(now())
            } else {
                state.last_synced_at
            },
            ..state
        };
        cache::write_state(&mut tx, &next).await?;
        let committing = Instant::now();
        tx.commit().await?;
        tracing::info!(
            changes = batch.changes.len(),
            ?fetched,
            ?written,
            committed = ?committing.elapsed(),
            "change batch applied"
        );
        applied += batch.changes.len() as u64;
        report.as_of_seq = last_seq.max(after);
        if !batch.changes.is_empty() {
            on_progress(Progress {
                phase: SyncPhase::Delta,
                done: applied,
                total: None,
                rate_per_sec: rate(applied, started),
            });
        }
        if caught_up {
            return Ok(());
        }
    }
}
