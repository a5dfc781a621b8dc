//! Organization settings over real sockets: If-Match, versions and restore, who may read, the
//! audit trail, and the settings taking effect (`/v1/me`, the key lifetime).

use crate::common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn if_match_and_a_reason_are_required_and_a_stale_version_gets_the_current_settings() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let milo = env.token_for(CONFIG_MEMBER).await;
    let change = json!({"changes": {"guardian_access_12_17": "none"}, "reason": "invite only"});
    let a = env.patch_settings(&cora, None, change.clone()).await;
    assert_eq!(
        (a.status, a.body["code"].as_str()),
        (428, Some("precondition_required"))
    );
    for reason in [json!(null), json!(""), json!("   ")] {
        let body = json!({"changes": {"guardian_access_12_17": "none"}, "reason": reason});
        let a = env.patch_settings(&cora, Some("\"1\""), body).await;
        assert_eq!(
            (a.status, a.body["code"].as_str()),
            (422, Some("reason_required"))
        );
    }
    let a = env
        .patch_settings(&cora, Some("\"1\""), json!({"changes": {}, "reason": "r"}))
        .await;
    assert_eq!(a.status, 422, "an empty change is refused");

    // Milo saves first; Cora's change against version 1 is stale and shows Milo's.
    env.change(&milo, json!({"time_zone": "Europe/Paris"}), "we moved")
        .await;
    let a = env
        .patch_settings(&cora, Some("\"1\""), change.clone())
        .await;
    assert_eq!(
        (a.status, a.body["code"].as_str()),
        (412, Some("precondition_failed"))
    );
    assert_eq!(a.body["current"]["version"], 2);
    assert_eq!(a.body["current"]["values"]["time_zone"], "Europe/Paris");
    assert_eq!(a.body["current"]["updated_by_name"], "Milo Config-Member");
    // With the fresh ETag it goes through.
    let a = env.patch_settings(&cora, Some("\"2\""), change).await;
    assert_eq!((a.status, a.header("etag")), (200, Some("\"3\"")));
    // Saving what is already there makes no version.
    let a = env
        .patch_settings(
            &cora,
            Some("\"3\""),
            json!({"changes": {"guardian_access_12_17": "none"}, "reason": "again"}),
        )
        .await;
    assert_eq!((a.status, a.body["version"].as_i64()), (200, Some(3)));
}

#[tokio::test]
async fn versions_page_newest_first_and_an_owner_restores_as_a_new_version() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let milo = env.token_for(CONFIG_MEMBER).await;
    let v1 = env.settings(&cora).await.body;
    env.change(&cora, json!({"idle_sign_out_minutes": 5}), "short sessions")
        .await;
    env.change(&milo, json!({"guardian_access_12_17": "none"}), "policy")
        .await;
    env.change(
        &milo,
        json!({"display_name": "Demo Clinic East", "support_email": "east@demo-clinic.test"}),
        "rename",
    )
    .await;

    let (status, page) = env.get_json("/v1/settings/versions?limit=2", &milo).await;
    assert_eq!(status, 200, "{page}");
    let versions: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, vec![4, 3], "newest first");
    assert_eq!(
        page["items"][0]["changed"],
        json!(["display_name", "support_email"])
    );
    assert_eq!(page["items"][0]["actor_name"], "Milo Config-Member");
    assert_eq!(page["items"][0]["reason"], "rename");
    let cursor = page["next_cursor"].as_str().unwrap();
    let (_, rest) = env
        .get_json(
            &format!("/v1/settings/versions?limit=2&cursor={cursor}"),
            &milo,
        )
        .await;
    let versions: Vec<i64> = rest["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, vec![2, 1]);
    assert!(rest["next_cursor"].is_null());
    let (status, one) = env.get_json("/v1/settings/versions/2", &milo).await;
    assert_eq!(status, 200);
    assert_eq!(one["changed"], json!(["idle_sign_out_minutes"]));
    assert_eq!(one["values"]["idle_sign_out_minutes"], 5);
    let (status, _) = env.get_json("/v1/settings/versions/99", &milo).await;
    assert_eq!(status, 404);

    let restore = |token: String, path: &'static str, tag: Option<&'static str>, body: Value| {
        let env = &env;
        async move {
            env.send(reqwest::Method::POST, path, &token, tag, Some(body))
                .await
        }
    };
    let why = json!({"reason": "back to the start"});
    // A Member may not restore.
    let a = restore(
        milo.clone(),
        "/v1/settings/versions/1/restore",
        Some("\"4\""),
        why.clone(),
    )
    .await;
    assert_eq!(
        (a.status, a.body["code"].as_str()),
        (403, Some("config_owner_required"))
    );
    let a = restore(
        cora.clone(),
        "/v1/settings/versions/1/restore",
        None,
        why.clone(),
    )
    .await;
    assert_eq!(a.status, 428);
    let a = restore(
        cora.clone(),
        "/v1/settings/versions/1/restore",
        Some("\"4\""),
        json!({}),
    )
    .await;
    assert_eq!(
        (a.status, a.body["code"].as_str()),
        (422, Some("reason_required"))
    );
    let a = restore(
        cora.clone(),
        "/v1/settings/versions/99/restore",
        Some("\"4\""),
        why.clone(),
    )
    .await;
    assert_eq!(a.status, 404);
    let a = restore(
        cora.clone(),
        "/v1/settings/versions/1/restore",
        Some("\"3\""),
        why.clone(),
    )
    .await;
    assert_eq!(a.status, 412);
    assert_eq!(a.body["current"]["version"], 4);

    let a = restore(
        cora.clone(),
        "/v1/settings/versions/1/restore",
        Some("\"4\""),
        why,
    )
    .await;
    assert_eq!(
        (a.status, a.header("etag")),
        (200, Some("\"5\"")),
        "{}",
        a.body
    );
    assert_eq!(a.body["version"], 5, "a restore is a new version");
    assert_eq!(a.body["values"], v1["values"], "with the old values");
    let (_, v5) = env.get_json("/v1/settings/versions/5", &cora).await;
    assert_eq!(v5["restored_from"], 1);
    assert_eq!(
        v5["changed"],
        json!([
            "display_name",
            "support_email",
            "idle_sign_out_minutes",
            "guardian_access_12_17"
        ])
    );
    // History is kept: version 4 is still there as it was.
    let (_, v4) = env.get_json("/v1/settings/versions/4", &cora).await;
    assert_eq!(v4["values"]["display_name"], "Demo Clinic East");
}

#[tokio::test]
async fn only_owners_and_config_users_may_read_or_change_settings() {
    let env = env().await;
    let paths = [
        "/v1/settings/schema",
        "/v1/settings",
        "/v1/settings/versions",
        "/v1/settings/versions/1",
    ];
    for login in [SUPPORT, MEMBER, PROVIDER] {
        let token = env.token_for(login).await;
        for path in paths {
            let (status, problem) = env.get_json(path, &token).await;
            assert_eq!(
                (status, problem["code"].as_str()),
                (403, Some("forbidden")),
                "{} {path}",
                login.0
            );
        }
        let body = json!({"changes": {"guardian_access_12_17": "none"}, "reason": "r"});
        let a = env.patch_settings(&token, Some("\"1\""), body).await;
        assert_eq!(a.status, 403, "{}", login.0);
        let a = env
            .send(
                reqwest::Method::POST,
                "/v1/settings/versions/1/restore",
                &token,
                Some("\"1\""),
                Some(json!({"reason": "r"})),
            )
            .await;
        assert_eq!(a.status, 403, "{}", login.0);
    }
    let (status, _) = env.get_json("/v1/settings", "not-a-token").await;
    assert_eq!(status, 401);
}

/// The guide: the OWNER "can manage the organization's settings and users". A staff OWNER has a
/// config Owner's rights: every field, Owner-only ones included, and restoring a version.
#[tokio::test]
async fn a_staff_owner_manages_the_settings_with_a_config_owners_rights() {
    let env = env().await;
    let olivia = env.token_for(OWNER).await;
    for path in [
        "/v1/settings/schema",
        "/v1/settings",
        "/v1/settings/versions",
    ] {
        let (status, body) = env.get_json(path, &olivia).await;
        assert_eq!(status, 200, "{path}: {body}");
    }
    // An Owner-only field (a config Member is refused it) and a member-editable one.
    env.change(
        &olivia,
        json!({"max_api_key_lifetime_days": 30, "key_rotation_overlap_hours": 6}),
        "owner tightens keys",
    )
    .await;
    let (_, now) = env.get_json("/v1/settings", &olivia).await;
    assert_eq!(now["values"]["max_api_key_lifetime_days"], 30);
    let a = env
        .send(
            reqwest::Method::POST,
            "/v1/settings/versions/1/restore",
            &olivia,
            Some("\"2\""),
            Some(json!({"reason": "undo"})),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let (_, restored) = env.get_json("/v1/settings", &olivia).await;
    assert_eq!(restored["values"]["max_api_key_lifetime_days"], 365);
}

#[tokio::test]
async fn changes_and_restores_are_audited_with_the_changed_fields() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let olivia = env.token_for(OWNER).await;
    let head = env.feed_head(&olivia).await;
    env.change(
        &cora,
        json!({"max_api_key_lifetime_days": 90, "time_zone": "Asia/Tokyo"}),
        "tighter keys",
    )
    .await;
    let a = env
        .send(
            reqwest::Method::POST,
            "/v1/settings/versions/1/restore",
            &cora,
            Some("\"2\""),
            Some(json!({"reason": "undo"})),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);

    let (status, page) = env
        .get_json("/v1/audit?action=settings.update", &olivia)
        .await;
    assert_eq!(status, 200, "{page}");
    let event = &page["items"][0];
    assert_eq!(event["actor_id"], "usr_cora_config_owner");
    assert_eq!(event["target_type"], "settings");
    assert_eq!(event["reason"], "tighter keys");
    assert_eq!(
        event["before"],
        json!({"max_api_key_lifetime_days": 365, "time_zone": "UTC"})
    );
    assert_eq!(
        event["after"],
        json!({"max_api_key_lifetime_days": 90, "time_zone": "Asia/Tokyo"})
    );
    let (_, page) = env
        .get_json("/v1/audit?action=settings.restore", &olivia)
        .await;
    let event = &page["items"][0];
    assert_eq!(event["reason"], "undo");
    assert_eq!(event["after"]["max_api_key_lifetime_days"], 365);

    // Both reach the change feed as audit entries, in order.
    let (changes, _) = env.changes_after(head, &olivia).await;
    let actions: Vec<&str> = changes
        .iter()
        .filter(|c| c["resource"] == "audit")
        .map(|c| c["audit"]["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["settings.update", "settings.restore"]);
}

#[tokio::test]
async fn the_settings_take_effect_for_sessions_and_keys() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let olivia = env.token_for(OWNER).await;
    let pool = &env.emu.state.pool;
    let org = platform_emulator::DEMO_ORG_ID;
    let (_, me) = env.me(&olivia).await;
    assert_eq!(me["idle_sign_out_minutes"], 30, "the default, for everyone");
    let lifetime = platform_emulator::settings::max_api_key_lifetime_days(pool, org);
    assert_eq!(lifetime.await.unwrap(), 365);

    env.change(
        &cora,
        json!({"idle_sign_out_minutes": 5, "max_api_key_lifetime_days": 30}),
        "tighten",
    )
    .await;
    for token in [&olivia, &cora] {
        let (_, me) = env.me(token).await;
        assert_eq!(me["idle_sign_out_minutes"], 5, "{me}");
    }
    let lifetime = platform_emulator::settings::max_api_key_lifetime_days(pool, org);
    assert_eq!(lifetime.await.unwrap(), 30);
    let overlap = platform_emulator::settings::key_rotation_overlap_hours(pool, org);
    assert_eq!(overlap.await.unwrap(), 24);
    assert_eq!(env.me(&olivia).await.1["key_rotation_overlap_hours"], 24);

    // The rotation overlap is what every console offers when a key is rotated.
    env.change(&cora, json!({"key_rotation_overlap_hours": 6}), "faster")
        .await;
    assert_eq!(env.me(&olivia).await.1["key_rotation_overlap_hours"], 6);
}

#[tokio::test]
async fn a_new_api_key_is_bounded_by_the_organizations_maximum_lifetime() {
    use crate::common::accounts::*;
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let (owner, account) = owner_and_account(&env).await;
    // 60 days is within the default 365: allowed.
    assert_eq!(env.create_key(&owner, &account, "a", 60).await.status, 201);
    env.change(
        &cora,
        json!({"max_api_key_lifetime_days": 30}),
        "short-lived keys",
    )
    .await;
    let refused = env.create_key(&owner, &account, "b", 60).await;
    assert_eq!(
        (refused.status, refused.code()),
        (422, "expiry_out_of_bounds")
    );
    let latest = rfc3339(env.emu.state.now() + 30 * DAY);
    let detail = refused.body["detail"].as_str().unwrap();
    assert!(detail.contains(&latest), "names the new bound: {detail}");
    assert_eq!(env.create_key(&owner, &account, "c", 30).await.status, 201);
}
