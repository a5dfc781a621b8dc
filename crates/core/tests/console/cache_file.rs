//! The cache on disk: encrypted, browsable offline, one key however many first opens race.

use std::sync::Arc;
use std::time::Duration;

use crate::common::dir::*;
use crate::common::*;
use console_core::cache::Cache;
use console_core::DirectoryQuery;

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
        .search_users(&h.profile, &DirectoryQuery::text("Olivia Owner", 10))
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
    h.sign_out().await;
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
        let account = format!("app/{}:usr_olivia_owner", h.profile);
        console_core::cache::CacheKey::load_or_create(&account)
            .unwrap()
            .0
    })
    .await
    .expect("the stored key opens the file");
    assert!(reopened.user_count().await.unwrap() > 1000);
    drop(again);
    h.sign_out().await;
}
