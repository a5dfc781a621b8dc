//! Opening the cache never writes its key to a log, even when the open is slow. sqlx logs a
//! statement that takes over a second at warn level, with its text, and the connect-time
//! PRAGMA batch starts with `PRAGMA key = "x'…'"`. A slow open is ordinary: another connection
//! (a sync in the other window, the CLI) holds the file's lock for a moment.

use std::time::{Duration, Instant};

use console_core::cache::{Cache, CacheKey};

use crate::common::{alone_in_a_process, capture_trace};

#[tokio::test]
async fn a_slow_open_logs_no_key_at_trace_level() {
    if !alone_in_a_process("cache_logs::a_slow_open_logs_no_key_at_trace_level") {
        return;
    }
    let out = capture_trace();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.sqlite");
    let key = CacheKey::random();
    let first = Cache::open(&path, &key).await.unwrap();

    // Another connection takes the file's lock and keeps it for 1.5 s: in exclusive locking
    // mode even a WAL database refuses readers, so the next open waits on its busy timeout.
    // Alone: the pool's other connections would hold shared locks of their own.
    let mut holder = first.pool().acquire().await.unwrap();
    while first.pool().size() > 1 {
        let other = first.pool().acquire().await.unwrap();
        other.close().await.unwrap();
    }
    for sql in [
        "PRAGMA locking_mode = EXCLUSIVE",
        "BEGIN EXCLUSIVE",
        "CREATE TABLE held (x)",
        "COMMIT",
    ] {
        sqlx::query(sql).execute(&mut *holder).await.unwrap();
    }
    let release = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        holder.close().await.unwrap();
    });

    let started = Instant::now();
    let second = Cache::open(&path, &key)
        .await
        .expect("opens once the lock is gone");
    let waited = started.elapsed();
    release.await.unwrap();
    // Not vacuous: the open did take longer than sqlx's one-second "slow statement" mark.
    assert!(
        waited > Duration::from_millis(1200),
        "the open waited: {waited:?}"
    );
    assert_eq!(
        second.user_count().await.unwrap(),
        0,
        "the second pool works"
    );

    let log = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    assert!(
        !log.contains("PRAGMA key") && !log.contains("x'"),
        "the key pragma reached the log:\n{log}"
    );
}
