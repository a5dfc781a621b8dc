//! Organization settings over real sockets: the schema, validation of every type and bound,
//! config Owner vs Member rights on every Owner-only field, If-Match, versions and restore, who
//! may read, the audit trail, and the settings taking effect (`/v1/me`, the key lifetime).

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::{json, Map, Value};

/// What a request answered: status, ETag, JSON body.
struct Answer {
    status: u16,
    etag: Option<String>,
    body: Value,
}

impl Env {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut request = self.http.request(method, self.url(path)).bearer_auth(token);
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let r = request.send().await.unwrap();
        Answer {
            status: r.status().as_u16(),
            etag: r
                .headers()
                .get("etag")
                .map(|v| v.to_str().unwrap().to_string()),
            body: r.json().await.unwrap_or(Value::Null),
        }
    }

    async fn settings(&self, token: &str) -> Answer {
        self.send(reqwest::Method::GET, "/v1/settings", token, None, None)
            .await
    }

    async fn patch_settings(&self, token: &str, if_match: Option<&str>, body: Value) -> Answer {
        self.send(
            reqwest::Method::PATCH,
            "/v1/settings",
            token,
            if_match,
            Some(body),
        )
        .await
    }

    /// Changes `changes` against whatever is current; asserts the change is accepted.
    async fn change(&self, token: &str, changes: Value, reason: &str) -> Value {
        let current = self.settings(token).await;
        let a = self
            .patch_settings(
                token,
                current.etag.as_deref(),
                json!({"changes": changes, "reason": reason}),
            )
            .await;
        assert_eq!(a.status, 200, "{changes} accepted: {}", a.body);
        a.body
    }

    async fn schema_fields(&self, token: &str) -> Vec<Value> {
        let (status, schema) = self.get_json("/v1/settings/schema", token).await;
        assert_eq!(status, 200, "{schema}");
        schema["fields"].as_array().unwrap().clone()
    }
}

fn keys(errors: &Value) -> BTreeSet<String> {
    errors
        .as_array()
        .expect("errors listed")
        .iter()
        .map(|e| e["key"].as_str().unwrap().to_string())
        .collect()
}

/// A value of `field`'s type that breaks its bounds (or its type).
fn invalid_value(field: &Value) -> Value {
    let t = &field["type"];
    match t["kind"].as_str().unwrap() {
        "integer" => json!(t["max"].as_i64().unwrap() + 1),
        "boolean" => json!("yes"),
        "string" => json!("x".repeat(t["max_len"].as_u64().unwrap() as usize + 1)),
        "enum" => json!("not-one-of-them"),
        "url_list" => json!(["http://apps.example.com/callback"]),
        other => panic!("a field type the test does not know: {other}"),
    }
}

/// A valid value of `field`'s type that differs from `current`, at a bound where there is one.
fn other_valid_value(field: &Value, current: &Value) -> Value {
    let t = &field["type"];
    match t["kind"].as_str().unwrap() {
        "integer" => {
            let (min, max) = (t["min"].as_i64().unwrap(), t["max"].as_i64().unwrap());
            json!(if current.as_i64() == Some(max) {
                min
            } else {
                max
            })
        }
        "boolean" => json!(!current.as_bool().unwrap()),
        "string" => match t["format"].as_str().unwrap() {
            "email" => json!("frontdesk@demo-clinic.test"),
            "time_zone" => json!("America/New_York"),
            _ => json!("é".repeat(t["max_len"].as_u64().unwrap() as usize)),
        },
        "enum" => t["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| *v != current)
            .unwrap()
            .clone(),
        "url_list" => json!([
            "https://apps.demo-clinic.test/callback",
            "http://127.0.0.1/cb"
        ]),
        other => panic!("a field type the test does not know: {other}"),
    }
}

const OWNER_ONLY: [&str; 4] = [
    "max_api_key_lifetime_days",
    "idle_sign_out_minutes",
    "dependent_leaves_guardian_at_age",
    "mfa_required_for_staff",
];

#[tokio::test]
async fn the_schema_describes_every_field_and_version_1_holds_the_defaults() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let fields = env.schema_fields(&cora).await;
    let all: BTreeSet<&str> = fields.iter().map(|f| f["key"].as_str().unwrap()).collect();
    for key in [
        "max_api_key_lifetime_days",
        "key_rotation_overlap_hours",
        "idle_sign_out_minutes",
        "dependent_leaves_guardian_at_age",
        "guardian_access_12_17",
        "patient_self_sign_up",
        "mfa_required_for_staff",
        "allowed_redirect_uris",
        "support_email",
        "display_name",
        "time_zone",
    ] {
        assert!(all.contains(key), "the issue asks for {key}");
    }
    // The sensitive fields are Owner-only, and a Member is told why.
    let owner_only: BTreeSet<&str> = fields
        .iter()
        .filter(|f| f["member_editable"] == false)
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert_eq!(owner_only, OWNER_ONLY.into_iter().collect());
    for f in &fields {
        assert_eq!(
            f["owner_only_reason"].is_string(),
            f["member_editable"] == false,
            "{f}"
        );
        assert!(!f["label"].as_str().unwrap().is_empty() && f["description"].is_string());
    }

    let a = env.settings(&cora).await;
    assert_eq!((a.status, a.etag.as_deref()), (200, Some("\"1\"")));
    assert_eq!(a.body["version"], 1);
    for f in &fields {
        let key = f["key"].as_str().unwrap();
        let expected = if key == "display_name" {
            json!("Demo Clinic")
        } else {
            f["default"].clone()
        };
        assert_eq!(
            a.body["values"][key], expected,
            "{key} starts at its default"
        );
    }
    // A client that has version 1 is told nothing changed.
    let r = env
        .http
        .get(env.url("/v1/settings"))
        .bearer_auth(&cora)
        .header("If-None-Match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 304);
}

#[tokio::test]
async fn every_invalid_field_is_listed_in_one_problem_and_nothing_changes() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let fields = env.schema_fields(&cora).await;
    // One value per field that breaks its type's bound, plus a key the schema does not have.
    let mut changes: Map<String, Value> = fields
        .iter()
        .map(|f| (f["key"].as_str().unwrap().to_string(), invalid_value(f)))
        .collect();
    changes.insert("favourite_colour".into(), json!("blue"));
    let a = env
        .patch_settings(
            &cora,
            Some("\"1\""),
            json!({"changes": changes, "reason": "all wrong"}),
        )
        .await;
    assert_eq!(a.status, 422, "{}", a.body);
    assert_eq!(a.body["code"], "invalid_settings");
    let expected: BTreeSet<String> = changes.keys().cloned().collect();
    assert_eq!(
        keys(&a.body["errors"]),
        expected,
        "every field, not the first"
    );
    assert_eq!(
        env.settings(&cora).await.body["version"],
        1,
        "nothing stored"
    );

    // Each kind of bound on its own, with the code a client can branch on.
    let cases = [
        ("max_api_key_lifetime_days", json!(0), "out_of_range"),
        ("max_api_key_lifetime_days", json!(731), "out_of_range"),
        ("key_rotation_overlap_hours", json!(-1), "out_of_range"),
        ("key_rotation_overlap_hours", json!(2.5), "wrong_type"),
        ("idle_sign_out_minutes", json!("15"), "wrong_type"),
        (
            "dependent_leaves_guardian_at_age",
            json!(15),
            "out_of_range",
        ),
        (
            "dependent_leaves_guardian_at_age",
            json!(22),
            "out_of_range",
        ),
        ("guardian_access_12_17", json!("partial"), "not_allowed"),
        ("patient_self_sign_up", json!(1), "wrong_type"),
        ("mfa_required_for_staff", json!(null), "wrong_type"),
        (
            "support_email",
            json!("help.demo-clinic.test"),
            "bad_format",
        ),
        ("display_name", json!("   "), "bad_length"),
        ("display_name", json!("Line\nbreak"), "bad_format"),
        ("time_zone", json!("Europe/Atlantis"), "bad_format"),
        ("time_zone", json!("europe/paris"), "bad_format"),
        (
            "allowed_redirect_uris",
            json!("https://a.test/cb"),
            "wrong_type",
        ),
        (
            "allowed_redirect_uris",
            json!(["http://10.0.0.1/cb"]),
            "bad_url",
        ),
        (
            "allowed_redirect_uris",
            json!(["https://a.test/cb#x"]),
            "bad_url",
        ),
        (
            "allowed_redirect_uris",
            json!(["javascript:alert(1)"]),
            "bad_url",
        ),
        (
            "allowed_redirect_uris",
            json!(["https://a.test/cb", "https://a.test/cb"]),
            "bad_url",
        ),
    ];
    for (key, value, code) in cases {
        let a = env
            .patch_settings(
                &cora,
                Some("\"1\""),
                json!({"changes": {key: value}, "reason": "testing bounds"}),
            )
            .await;
        assert_eq!(a.status, 422, "{key}={value}: {}", a.body);
        assert_eq!(a.body["errors"][0]["key"], key);
        assert_eq!(a.body["errors"][0]["code"], code, "{key}={value}");
    }
    let too_many: Vec<String> = (0..21).map(|i| format!("https://a.test/{i}")).collect();
    let a = env
        .patch_settings(
            &cora,
            Some("\"1\""),
            json!({"changes": {"allowed_redirect_uris": too_many}, "reason": "r"}),
        )
        .await;
    assert_eq!(a.body["errors"][0]["code"], "bad_length", "{}", a.body);

    // The bounds themselves are accepted: every field at a valid edge, in one change.
    let current = env.settings(&cora).await.body["values"].clone();
    let valid: Map<String, Value> = fields
        .iter()
        .map(|f| {
            let key = f["key"].as_str().unwrap();
            (key.to_string(), other_valid_value(f, &current[key]))
        })
        .collect();
    let saved = env
        .change(&cora, Value::Object(valid.clone()), "edges")
        .await;
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["values"], Value::Object(valid));
}

#[tokio::test]
async fn a_member_is_refused_every_owner_only_field_by_name_and_changes_the_rest() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let milo = env.token_for(CONFIG_MEMBER).await;
    let fields = env.schema_fields(&milo).await;
    let current = env.settings(&milo).await.body["values"].clone();
    let owner_only: Vec<&Value> = fields
        .iter()
        .filter(|f| f["member_editable"] == false)
        .collect();
    assert!(!owner_only.is_empty());

    for f in &owner_only {
        let key = f["key"].as_str().unwrap();
        let value = other_valid_value(f, &current[key]);
        let a = env
            .patch_settings(
                &milo,
                Some("\"1\""),
                json!({"changes": {key: value}, "reason": "member tries"}),
            )
            .await;
        assert_eq!(
            (a.status, a.body["code"].as_str()),
            (403, Some("owner_only_field")),
            "{key}"
        );
        assert_eq!(a.body["errors"][0]["key"], key);
        assert!(
            a.body["detail"].as_str().unwrap().contains(key),
            "named: {}",
            a.body
        );
    }
    // Mixed with an allowed field, the whole change is refused and every Owner-only one named.
    let mut mixed: Map<String, Value> = owner_only
        .iter()
        .map(|f| {
            let key = f["key"].as_str().unwrap();
            (key.to_string(), other_valid_value(f, &current[key]))
        })
        .collect();
    mixed.insert("patient_self_sign_up".into(), json!(false));
    let a = env
        .patch_settings(
            &milo,
            Some("\"1\""),
            json!({"changes": mixed, "reason": "r"}),
        )
        .await;
    assert_eq!(a.status, 403);
    let named = keys(&a.body["errors"]);
    let expected: BTreeSet<String> = owner_only
        .iter()
        .map(|f| f["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(named, expected);
    assert_eq!(
        env.settings(&milo).await.body["version"],
        1,
        "nothing stored"
    );

    // What a Member may change, a Member changes; each change is a new version.
    let mut version = 1;
    for f in fields.iter().filter(|f| f["member_editable"] == true) {
        let key = f["key"].as_str().unwrap();
        let value = other_valid_value(f, &current[key]);
        let saved = env
            .change(&milo, json!({ key: value.clone() }), "member edit")
            .await;
        version += 1;
        assert_eq!(saved["version"], version);
        assert_eq!(saved["values"][key], value);
        assert_eq!(saved["updated_by"], "usr_milo_config_member");
    }
    // The Owner changes every Owner-only field.
    for f in &owner_only {
        let key = f["key"].as_str().unwrap();
        let value = other_valid_value(f, &current[key]);
        let saved = env
            .change(&cora, json!({ key: value.clone() }), "owner edit")
            .await;
        assert_eq!(saved["values"][key], value);
    }
}

#[tokio::test]
async fn if_match_and_a_reason_are_required_and_a_stale_version_gets_the_current_settings() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let milo = env.token_for(CONFIG_MEMBER).await;
    let change = json!({"changes": {"patient_self_sign_up": false}, "reason": "invite only"});
    let a = env.patch_settings(&cora, None, change.clone()).await;
    assert_eq!(
        (a.status, a.body["code"].as_str()),
        (428, Some("precondition_required"))
    );
    for reason in [json!(null), json!(""), json!("   ")] {
        let body = json!({"changes": {"patient_self_sign_up": false}, "reason": reason});
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
    assert_eq!((a.status, a.etag.as_deref()), (200, Some("\"3\"")));
    // Saving what is already there makes no version.
    let a = env
        .patch_settings(
            &cora,
            Some("\"3\""),
            json!({"changes": {"patient_self_sign_up": false}, "reason": "again"}),
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
        (a.status, a.etag.as_deref()),
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
async fn only_config_users_may_read_or_change_settings() {
    let env = env().await;
    let paths = [
        "/v1/settings/schema",
        "/v1/settings",
        "/v1/settings/versions",
        "/v1/settings/versions/1",
    ];
    for login in [OWNER, SUPPORT, MEMBER, PROVIDER] {
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
        let body = json!({"changes": {"patient_self_sign_up": false}, "reason": "r"});
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
}
