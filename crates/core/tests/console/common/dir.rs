//! Directory test setup shared by the directory test files.

use std::sync::Arc;
use std::time::Duration;

use console_api::{Page, User};
use console_core::sync::SyncOptions;
use platform_emulator::{start, EmulatorConfig, RunningEmulator};

use super::*;

pub const WAIT: Duration = Duration::from_secs(60);

/// Both search indexes hold exactly the rows' words: FTS5 compares each index with the table,
/// and any row left out or left over is an error.
pub async fn search_indexes_match_the_rows(cache: &console_core::cache::Cache, when: &str) {
    for index in ["users_fts", "users_phone"] {
        sqlx::query(&format!(
            "INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"
        ))
        .execute(cache.pool())
        .await
        .unwrap_or_else(|e| panic!("{index} {when}: {e}"));
    }
}

pub async fn platform() -> RunningEmulator {
    start(EmulatorConfig {
        demo_seed: true,
        allow_test_mutations: true,
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator starts")
}

pub fn fast() -> SyncOptions {
    SyncOptions {
        page_size: 500,
        retries: 1,
        first_backoff: Duration::from_millis(10),
    }
}

/// Everything the server lists for the signed-in owner, page by page, ordered by id.
pub async fn server_users(h: &Harness) -> Vec<User> {
    let session = h.console.session(&h.profile).unwrap();
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/users?limit=1000&cursor={c}"),
            None => "/v1/users?limit=1000".to_string(),
        };
        let page: Page<User> = session.get(&path).await.unwrap();
        all.extend(page.items);
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    all.sort_by(|a, b| a.id.cmp(&b.id));
    all
}

pub async fn signed_in_owner(emu: &RunningEmulator) -> Harness {
    let h = console(
        &emu.base_url(),
        as_person(OWNER),
        WAIT,
        &["console", "offline_access"],
    );
    h.console.sign_in(&h.profile).await.unwrap();
    h
}

pub async fn sync(h: &Harness) -> console_core::sync::SyncReport {
    h.console
        .sync(&h.profile, &fast(), &|_| {})
        .await
        .expect("sync succeeds")
}

/// Runs a full sync of 200-row pages and aborts it right after its `pages`-th page is committed,
/// as if the app were killed there.
pub async fn cut_sync_after(h: &Arc<Harness>, pages: usize) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<u64>();
    let task = {
        let h = h.clone();
        tokio::spawn(async move {
            let on_progress = move |p: console_core::sync::Progress| {
                let _ = tx.send(p.done);
            };
            let opts = SyncOptions {
                page_size: 200,
                ..fast()
            };
            h.console.sync(&h.profile, &opts, &on_progress).await
        })
    };
    for _ in 0..pages {
        rx.recv().await.unwrap();
    }
    task.abort();
    let _ = task.await;
}
