//! Directory sync and search against the emulator over real sockets, into the encrypted cache.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::routing::get;
use common::*;
use console_api::{Page, User};
use console_core::cache::Cache;
use console_core::sync::SyncOptions;
use console_core::{DirectoryQuery, ErrorCode, Profile};
use platform_emulator::{start, EmulatorConfig, RunningEmulator};

const WAIT: Duration = Duration::from_secs(60);

async fn platform() -> RunningEmulator {
    start(EmulatorConfig {
        demo_seed: true,
        allow_test_mutations: true,
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator starts")
}

fn fast() -> SyncOptions {
    SyncOptions {
        page_size: 500,
        retries: 1,
        first_backoff: Duration::from_millis(10),
    }
}

/// Everything the server lists for the signed-in owner, page by page, ordered by id.
async fn server_users(h: &Harness) -> Vec<User> {
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

async fn signed_in_owner(emu: &RunningEmulator) -> Harness {
    let h = console(
        &emu.base_url(),
        as_person(OWNER),
        WAIT,
        &["console", "offline_access"],
    );
    h.console.sign_in(&h.profile).await.unwrap();
    h
}

async fn sync(h: &Harness) -> console_core::sync::SyncReport {
    h.console
        .sync(&h.profile, &fast(), &|_| {})
        .await
        .expect("sync succeeds")
}

#[tokio::test]
async fn full_then_delta_sync_leaves_exactly_the_servers_data() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    let report = sync(&h).await;
    assert!(report.full, "the first sync lists everything");
    let cache = h.console.cache(&h.profile).await.unwrap();
    // Every record equal, not just the count: the cache is a faithful copy.
    assert_eq!(cache.all_users().await.unwrap(), server_users(&h).await);
    assert!(
        cache.user_count().await.unwrap() > 1000,
        "the demo seed generates thousands of users"
    );

    platform_emulator::mutate_random(&emu.state, platform_emulator::DEMO_ORG_ID, 300, 7)
        .await
        .unwrap();
    let report = sync(&h).await;
    assert!(!report.full, "later syncs read only the change feed");
    assert!(report.deleted > 0, "random mutations include deletions");
    assert_eq!(
        cache.all_users().await.unwrap(),
        server_users(&h).await,
        "after the delta, still identical"
    );
    h.console.sign_out(&h.profile, true).await.unwrap();
}

#[tokio::test]
async fn a_sync_cut_mid_way_resumes_and_converges() {
    let emu = platform().await;
    let h = Arc::new(signed_in_owner(&emu).await);
    // Abort the sync right after its second batch is committed (as if the app were killed).
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
    rx.recv().await.unwrap();
    rx.recv().await.unwrap();
    task.abort();
    let _ = task.await;
    let cache = h.console.cache(&h.profile).await.unwrap();
    let state = cache.sync_state().await.unwrap();
    assert!(
        state.full_in_progress(),
        "the unfinished full sync is remembered"
    );
    assert!(state.full_done >= 400 && state.full_cursor.is_some());
    assert_eq!(
        state.full_done as u64,
        cache.user_count().await.unwrap(),
        "no half-applied batch"
    );

    let report = sync(&h).await;
    assert!(report.full);
    assert!(
        (report.upserted as i64) < server_users(&h).await.len() as i64,
        "it resumed instead of starting over"
    );
    assert_eq!(cache.all_users().await.unwrap(), server_users(&h).await);
    h.console.sign_out(&h.profile, true).await.unwrap();
}

/// A platform that answers the admin API with garbage or errors (auth still comes from the emulator).
async fn broken_api(kind: &'static str) -> String {
    let app = axum::Router::new().route(
        "/v1/changes",
        get(move || async move {
            match kind {
                "garbage" => (axum::http::StatusCode::OK, "{\"changes\": 42}").into_response(),
                _ => (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "boom").into_response(),
            }
        }),
    );
    use axum::response::IntoResponse;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

#[tokio::test]
async fn garbage_or_errors_mid_sync_keep_the_last_good_cache() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let cache = h.console.cache(&h.profile).await.unwrap();
    let before = cache.all_users().await.unwrap();
    let state_before = cache.sync_state().await.unwrap();

    for (kind, code) in [
        ("garbage", ErrorCode::Server),
        ("errors", ErrorCode::Server),
    ] {
        // Same profile name (same tokens, same cache), pointed at a broken API.
        let mut p: Profile = h.console.profiles().get(&h.profile).unwrap();
        h.console.remove_profile(&h.profile).unwrap();
        p.issuer = Some(emu.base_url());
        p.api_base = broken_api(kind).await;
        h.console.add_profile(p).unwrap();
        let err = h
            .console
            .sync(&h.profile, &fast(), &|_| {})
            .await
            .unwrap_err();
        assert_eq!(err.code(), code, "{kind}: {err}");
        assert!(!err.to_string().is_empty());
        assert_eq!(
            cache.all_users().await.unwrap(),
            before,
            "{kind}: the cache is untouched"
        );
        assert_eq!(
            cache.sync_state().await.unwrap(),
            state_before,
            "{kind}: the position is untouched"
        );
    }
}

#[tokio::test]
async fn search_finds_by_name_email_phone_and_id() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let cache = h.console.cache(&h.profile).await.unwrap();
    let search = |text: &str| {
        let cache = cache.clone();
        let q = DirectoryQuery::text(text, 50);
        async move { cache.search(&q).await.unwrap() }
    };
    // The demo household: John Guardian and his dependent Emily share a phone number.
    let john = cache
        .user("usr_john_guardian")
        .await
        .unwrap()
        .expect("seeded guardian");
    let phone = john.phone.clone().expect("the guardian has a phone");
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    assert_eq!(digits.len(), 10, "a (555) 010-0142 style number: {phone}");
    let last7 = &digits[3..];
    let dashed = format!("{}-{}", &last7[..3], &last7[3..]);
    for query in [last7, dashed.as_str(), digits.as_str(), phone.as_str()] {
        let page = search(query).await;
        // Any formatting of any tail of the number finds the household.
        for id in ["usr_john_guardian", "usr_emily_dependent"] {
            assert!(
                page.rows.iter().any(|u| u.id == id),
                "phone search '{query}' finds {id}"
            );
        }
    }
    assert_eq!(
        search("Olivia").await.rows.first().map(|u| u.id.as_str()),
        Some("usr_olivia_owner")
    );
    assert!(
        search("oliv")
            .await
            .rows
            .iter()
            .any(|u| u.id == "usr_olivia_owner"),
        "prefix as you type"
    );
    assert!(search("olivia.owner@demo")
        .await
        .rows
        .iter()
        .any(|u| u.id == "usr_olivia_owner"));
    assert!(search("usr_sam_support")
        .await
        .rows
        .iter()
        .any(|u| u.id == "usr_sam_support"));
    assert!(
        search("SUPPORT")
            .await
            .rows
            .iter()
            .any(|u| u.id == "usr_sam_support"),
        "roles are searchable"
    );
    let none = search("zzqxjvv").await;
    assert_eq!(
        (none.total, none.rows.len()),
        (0, 0),
        "text that is not there matches nothing"
    );
}

#[tokio::test]
async fn the_cache_file_is_encrypted() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let cache: Cache = h.console.cache(&h.profile).await.unwrap();
    let path = cache.path().to_path_buf();
    cache.close().await;
    for suffix in ["", "-wal"] {
        let file = format!("{}{suffix}", path.display());
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        assert!(
            !bytes.starts_with(b"SQLite format 3\0"),
            "{file} is not plain SQLite"
        );
        assert!(
            !bytes.windows(12).any(|w| w == b"Olivia Owner"),
            "{file} holds no readable seeded name"
        );
    }
    // The rows may still sit in the WAL: count both files.
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum();
    assert!(
        size > 100_000,
        "the data is there, just unreadable ({size} bytes)"
    );
}

#[tokio::test]
async fn with_the_platform_gone_the_cache_stays_browsable_and_says_offline() {
    let emu = platform().await;
    let h = Arc::new(signed_in_owner(&emu).await);
    sync(&h).await;
    emu.stop().await;

    // Still signed in (tokens in the keyring), identity remembered from the last /v1/me.
    let session = h
        .console
        .current_session(&h.profile)
        .await
        .unwrap()
        .expect("offline session");
    assert_eq!(session.me.display_name, "Olivia Owner");
    let page = h
        .console
        .search_users(&h.profile, &DirectoryQuery::text("Olivia", 10))
        .await
        .unwrap();
    assert!(
        page.rows.iter().any(|u| u.id == "usr_olivia_owner"),
        "search works from the cache"
    );

    h.console.start_sync(&h.profile);
    let mut status = h.console.sync_status(&h.profile).await.unwrap();
    // The app retries network failures with backoff (about 15 s in all) before it gives up.
    for _ in 0..300 {
        if status.phase == console_core::SyncPhase::Failed {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        status = h.console.sync_status(&h.profile).await.unwrap();
    }
    assert_eq!(status.phase, console_core::SyncPhase::Failed);
    assert!(status.offline, "a network failure is reported as offline");
    assert!(
        status.last_synced_at.is_some(),
        "with the 'as of' time of the cache"
    );
    assert!(status.user_count > 1000);

    // Sign-out with wipe removes the database files and its key.
    let path = h
        .console
        .cache(&h.profile)
        .await
        .unwrap()
        .path()
        .to_path_buf();
    h.console.sign_out(&h.profile, true).await.unwrap();
    for suffix in ["", "-wal", "-shm"] {
        assert!(
            !std::path::Path::new(&format!("{}{suffix}", path.display())).exists(),
            "{suffix} removed"
        );
    }
}

#[tokio::test]
async fn concurrent_first_opens_share_one_cache_key() {
    // The window polls the sync status while it starts the first sync: both open the cache at
    // once, and both must end up with the same key (a second key could not read the file).
    let emu = platform().await;
    let h = Arc::new(signed_in_owner(&emu).await);
    let opens: Vec<_> = (0..8)
        .map(|_| {
            let h = h.clone();
            tokio::spawn(async move { h.console.sync_status(&h.profile).await })
        })
        .collect();
    for open in opens {
        open.await.unwrap().expect("every concurrent open succeeds");
    }
    sync(&h).await;
    // A fresh console (an app restart) opens the same file with the key from the keyring.
    let again = console(&emu.base_url(), as_person(OWNER), WAIT, &["console"]);
    let path = h
        .console
        .cache(&h.profile)
        .await
        .unwrap()
        .path()
        .to_path_buf();
    let reopened = console_core::cache::Cache::open(&path, &{
        let account = format!("{}:usr_olivia_owner", h.profile);
        console_core::cache::CacheKey::load_or_create(&account)
            .unwrap()
            .0
    })
    .await
    .expect("the stored key opens the file");
    assert!(reopened.user_count().await.unwrap() > 1000);
    drop(again);
    h.console.sign_out(&h.profile, true).await.unwrap();
}
