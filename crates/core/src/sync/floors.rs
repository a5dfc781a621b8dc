//! The floors a full sync is measured against (issue 16; `crates/core/benches/directory.rs`
//! prints them beside it): what it costs to read the listing at all, and to write its rows at
//! all. A full sync that came close to the larger of the two would have nothing left to cut.

use std::path::Path;
use std::time::{Duration, Instant};

use console_api::{Page, User};
use sqlx::{ConnectOptions, Connection};

use super::{fetch, page_path, SyncOptions};
use crate::cache::{self, CacheKey};
use crate::session::Session;
use crate::Result;

/// Every page of the listing fetched and decoded, in order, nothing written: the network, the
/// platform and JSON decoding. The pages are kept for [`insert_only`].
pub async fn fetch_decode(
    session: &Session,
    options: &SyncOptions,
) -> Result<(Duration, Vec<Page<User>>)> {
    let started = Instant::now();
    let mut pages: Vec<Page<User>> = Vec::new();
    loop {
        let cursor = pages.last().map(|p| p.next_cursor.as_deref());
        let path = match cursor {
            None => page_path(options, None),
            Some(None) => break,
            Some(Some(c)) => page_path(options, Some(c)),
        };
        pages.push(fetch(session, &path, options).await?);
    }
    Ok((started.elapsed(), pages))
}

/// The same rows inserted into a fresh encrypted file (the cache's key handling and pragmas) in
/// one transaction, into a table of the cache's columns with no index at all (no primary key,
/// no word index): SQLite and SQLCipher writing the bytes.
pub async fn insert_only(path: &Path, pages: &[Page<User>]) -> Result<Duration> {
    let mut conn = cache::connect_options(path, &CacheKey::random())?
        .connect()
        .await?;
    sqlx::query(&format!(
        "CREATE TABLE floor ({})",
        cache::INSERTED.replace(", ", " ANY, ").replace('\n', "") + " ANY"
    ))
    .execute(&mut conn)
    .await?;
    let started = Instant::now();
    let mut tx = conn.begin().await?;
    for page in pages {
        cache::insert_users(&mut tx, "floor", &page.items, 1, false).await?;
    }
    tx.commit().await?;
    let took = started.elapsed();
    conn.close().await?;
    cache::remove_files(path)?;
    Ok(took)
}
