//! Directory sync and search against the emulator over real sockets, into the encrypted cache.

use std::sync::Arc;

use crate::common::dir::*;
use axum::routing::get;
use console_core::{DirectoryQuery, ErrorCode, Profile};

#[tokio::test]
async fn full_then_delta_sync_leaves_exactly_the_servers_data() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    let report = sync(&h).await;
    assert!(report.full, "the first sync lists everything");
    let cache = h.console.cache(&h.profile).await.unwrap();
    // Every record equal, not just the count: the cache is a faithful copy.
    assert_eq!(cache.all_users().await.unwrap(), server_users(&h).await);
    search_indexes_match_the_rows(&cache, "after the first listing").await;
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
    search_indexes_match_the_rows(&cache, "after the delta").await;
    h.sign_out().await;
}

#[tokio::test]
async fn a_sync_cut_mid_way_resumes_and_converges() {
    let emu = platform().await;
    let h = Arc::new(signed_in_owner(&emu).await);
    // Abort the sync right after its second batch is committed (as if the app were killed).
    cut_sync_after(&h, 2).await;
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
    search_indexes_match_the_rows(&cache, "after a resumed listing").await;
    h.sign_out().await;
}

/// A platform whose change feed answers garbage or errors, while `/v1/me` still says who is
/// signed in (`me`, as the emulator said it; auth still comes from the emulator).
async fn broken_api(kind: &'static str, me: serde_json::Value) -> String {
    let app = axum::Router::new()
        .route("/v1/me", get(move || async move { axum::Json(me) }))
        .route(
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
    let me = serde_json::to_value(h.console.whoami(&h.profile).await.unwrap().me).unwrap();

    for (kind, code) in [
        ("garbage", ErrorCode::Server),
        ("errors", ErrorCode::Server),
    ] {
        // Same profile name (same tokens, same cache), pointed at a broken API.
        let mut p: Profile = h.console.profiles().get(&h.profile).unwrap();
        h.console.remove_profile(&h.profile).unwrap();
        p.issuer = Some(emu.base_url());
        p.api_base = broken_api(kind, me.clone()).await;
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
        search("Olivia Owner")
            .await
            .rows
            .first()
            .map(|u| u.id.as_str()),
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
