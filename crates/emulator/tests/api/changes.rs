//! The change feed: order, tombstones, paging with `has_more`, the floor that forces a full
//! sync, staff-only readers; and random mutations, which a client following the feed must be
//! able to replay to exactly the server's state.

use std::collections::BTreeMap;

use crate::common::*;
use console_api::{UserKind, UserStatus};
use platform_emulator::directory::{self, NewUser, UserPatch};
use platform_emulator::{generate, EmulatorConfig, DEMO_ORG_ID};
use serde_json::{json, Value};

fn patient(id: &str, email: &str) -> NewUser {
    NewUser {
        id: id.into(),
        org_id: DEMO_ORG_ID.into(),
        kind: UserKind::Patient,
        display_name: format!("Feed {id}"),
        email: Some(email.into()),
        phone: None,
        status: UserStatus::Active,
        password_hash: None,
        config_role: None,
        guardian_id: None,
        staff_roles: vec![],
        date_of_birth: None,
    }
}

#[tokio::test]
async fn writes_appear_in_order_with_tombstones() {
    let env = env().await;
    let token = env.token_for(OWNER).await;
    let head = env.feed_head(&token).await;
    let (state, pool) = (&env.emu.state, &env.emu.state.pool);
    directory::create(pool, patient("usr_f1", "f1@mail.test"), state.now())
        .await
        .unwrap();
    let patch = UserPatch {
        status: Some(UserStatus::Suspended),
        ..UserPatch::default()
    };
    directory::update(pool, DEMO_ORG_ID, "usr_f1", patch, state.now())
        .await
        .unwrap();
    // Deleting a guardian takes the household: Emily's tombstone, then John's.
    let gone = directory::delete(pool, DEMO_ORG_ID, "usr_john_guardian", state.now())
        .await
        .unwrap();
    assert_eq!(gone, ["usr_emily_dependent", "usr_john_guardian"]);

    let (changes, latest) = env.changes_after(head, &token).await;
    let seqs: Vec<i64> = changes.iter().map(|c| c["seq"].as_i64().unwrap()).collect();
    // One sequence number per write, consecutive, in commit order.
    assert_eq!(seqs, (head + 1..=head + 4).collect::<Vec<_>>());
    assert_eq!(latest, head + 4);
    let summary: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["op"].as_str().unwrap()))
        .collect();
    assert_eq!(
        summary,
        [
            ("usr_f1", "upsert"),
            ("usr_f1", "upsert"),
            ("usr_emily_dependent", "delete"),
            ("usr_john_guardian", "delete"),
        ]
    );
    // Upserts carry the full user (its current state); tombstones carry none.
    assert_eq!(changes[0]["user"]["status"], "suspended");
    assert_eq!(changes[0]["user"]["version"], 2);
    assert_eq!(changes[0]["resource"], "user");
    assert!(changes[2]["user"].is_null() && changes[3]["user"].is_null());
    let (status, _) = env.get_json("/v1/users/usr_john_guardian", &token).await;
    assert_eq!(status, 404, "deleted means gone");

    // A listing read now is consistent with the feed's latest position.
    let (_, page) = env.get_json("/v1/users?limit=1", &token).await;
    assert_eq!(page["as_of_seq"], latest);
}

#[tokio::test]
async fn has_more_pages_through_the_feed() {
    let env = env().await;
    let token = env.token_for(OWNER).await;
    let head = env.feed_head(&token).await;
    for i in 0..7 {
        let p = patient(&format!("usr_p{i}"), &format!("p{i}@mail.test"));
        directory::create(&env.emu.state.pool, p, env.emu.state.now())
            .await
            .unwrap();
    }
    let (status, first) = env
        .get_json(&format!("/v1/changes?after={head}&limit=3"), &token)
        .await;
    assert_eq!(status, 200);
    assert_eq!(first["changes"].as_array().unwrap().len(), 3, "limit holds");
    assert_eq!(first["has_more"], true, "four more wait");
    assert_eq!(first["latest_seq"], head + 7);
    let (status, last) = env
        .get_json(&format!("/v1/changes?after={}&limit=4", head + 3), &token)
        .await;
    assert_eq!(status, 200);
    assert_eq!(last["changes"].as_array().unwrap().len(), 4);
    assert_eq!(last["has_more"], false, "exactly at the end");

    for query in ["after=-1", "after=x", "limit=0", "limit=5001"] {
        let (status, problem) = env.get_json(&format!("/v1/changes?{query}"), &token).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (400, Some("invalid_request")),
            "{query}"
        );
    }
}

#[tokio::test]
async fn a_position_below_the_floor_requires_a_full_sync() {
    let env = env().await;
    let token = env.token_for(OWNER).await;
    let head = env.feed_head(&token).await;
    // The demo's generated users were bulk-loaded without log entries, so the log cannot
    // bring a client from position 0 up to date.
    let (status, problem) = env.get_json("/v1/changes?after=0", &token).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (410, Some("resync_required"))
    );
    let (status, _) = env
        .get_json(&format!("/v1/changes?after={head}"), &token)
        .await;
    assert_eq!(status, 200, "the floor itself is a valid position");

    // Another bulk load moves the floor past a client that was up to date.
    generate(&env.emu.state, DEMO_ORG_ID, 99, 200)
        .await
        .unwrap();
    let (status, problem) = env
        .get_json(&format!("/v1/changes?after={head}"), &token)
        .await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (410, Some("resync_required"))
    );
    // A full listing now hands out a position the feed serves again.
    let (_, page) = env.get_json("/v1/users?limit=1", &token).await;
    let as_of = page["as_of_seq"].as_i64().unwrap();
    assert!(as_of > head);
    let (status, _) = env
        .get_json(&format!("/v1/changes?after={as_of}"), &token)
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn staff_only_readers_get_staff_changes_only() {
    let env = env().await;
    let member = env.token_for(MEMBER).await;
    let head = env.feed_head(&member).await;
    let (state, pool) = (&env.emu.state, &env.emu.state.pool);
    directory::create(pool, patient("usr_c1", "c1@mail.test"), state.now())
        .await
        .unwrap();
    let rename = UserPatch {
        display_name: Some("Mia M. Member".into()),
        ..UserPatch::default()
    };
    directory::update(pool, DEMO_ORG_ID, "usr_mia_member", rename, state.now())
        .await
        .unwrap();
    directory::delete(pool, DEMO_ORG_ID, "usr_c1", state.now())
        .await
        .unwrap();
    let (changes, latest) = env.changes_after(head, &member).await;
    let ids: Vec<&str> = changes.iter().map(|c| c["id"].as_str().unwrap()).collect();
    // Not even a consumer's tombstone: the id alone is consumer data.
    assert_eq!(ids, ["usr_mia_member"]);
    assert_eq!(latest, head + 3, "the position still covers everything");
}

/// Users by id, as a client's cache would hold them.
fn by_id(users: Vec<Value>) -> BTreeMap<String, Value> {
    users
        .into_iter()
        .map(|u| (u["id"].as_str().unwrap().to_string(), u))
        .collect()
}

#[tokio::test]
async fn mutations_replayed_from_the_feed_reproduce_the_server_exactly() {
    let env = env_with(EmulatorConfig {
        allow_test_mutations: true,
        ..EmulatorConfig::default()
    })
    .await;
    let token = env.token_for(OWNER).await;
    // A client's full sync: the listing plus the position of its first page.
    let (_, first) = env.get_json("/v1/users?limit=1", &token).await;
    let as_of = first["as_of_seq"].as_i64().unwrap();
    let mut cache = by_id(env.list_all("/v1/users?limit=5000", &token).await);

    let r = env
        .http
        .post(env.url("/v1/test/mutations"))
        .bearer_auth(&token)
        .json(&json!({"count": 300, "seed": 7}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let report: Value = r.json().await.unwrap();
    assert_eq!(report["applied"], 300, "exactly the edits asked for");
    // Deleting a guardian writes one tombstone per household member, hence at least.
    assert!(report["latest_seq"].as_i64().unwrap() >= as_of + 300);

    let (changes, latest) = env.changes_after(as_of, &token).await;
    assert_eq!(latest, report["latest_seq"].as_i64().unwrap());
    // Every sequence number handed out is in the feed: none lost between writes and log.
    assert_eq!(changes.len() as i64, latest - as_of);
    let deletes = changes.iter().filter(|c| c["op"] == "delete").count();
    let upserts = changes.len() - deletes;
    assert!(
        deletes > 20 && upserts > 200,
        "a mix: {deletes} deletes, {upserts} upserts"
    );
    for c in &changes {
        let id = c["id"].as_str().unwrap().to_string();
        match c["op"].as_str().unwrap() {
            "upsert" => cache.insert(id, c["user"].clone()),
            _ => cache.remove(&id),
        };
    }
    // The delta-sync contract: full listing + feed = the server's state, record for record.
    let server = by_id(env.list_all("/v1/users?limit=5000", &token).await);
    assert_eq!(cache.len(), server.len());
    assert!(cache == server, "replayed cache differs from the server");
}

#[tokio::test]
async fn the_mutation_endpoint_is_for_owners_of_emulators_that_allow_it() {
    let env = env_with(EmulatorConfig {
        allow_test_mutations: true,
        ..EmulatorConfig::default()
    })
    .await;
    let post = |token: String, body: Value| {
        let request = env
            .http
            .post(env.url("/v1/test/mutations"))
            .bearer_auth(token)
            .json(&body);
        async move { request.send().await.unwrap() }
    };
    let support = env.token_for(SUPPORT).await;
    let r = post(support, json!({"count": 1})).await;
    assert_eq!(r.status(), 403, "support changes nothing");
    let owner = env.token_for(OWNER).await;
    let r = post(owner.clone(), json!({"count": 0})).await;
    assert_eq!(r.status(), 400, "at least one edit");
    let r = post(owner, json!({"count": "many"})).await;
    assert_eq!(
        r.status(),
        400,
        "a malformed body is a problem, not a crash"
    );
    assert_eq!(r.headers()["content-type"], "application/problem+json");

    // By default the route does not exist at all.
    let plain = crate::common::env().await;
    let owner = plain.token_for(OWNER).await;
    let r = plain
        .http
        .post(plain.url("/v1/test/mutations"))
        .bearer_auth(owner)
        .json(&json!({"count": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
