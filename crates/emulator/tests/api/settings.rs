//! Organization settings over real sockets: the schema, validation of every type and bound,
//! and config Owner vs Member rights on every Owner-only field.

use std::collections::BTreeSet;

use crate::common::settings::*;
use crate::common::*;
use serde_json::{json, Map, Value};

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
        "invitation_expiry_days",
        "password_min_length",
        "dependent_leaves_guardian_at_age",
        "guardian_access_12_17",
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
    assert_eq!((a.status, a.header("etag")), (200, Some("\"1\"")));
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
        ("mfa_required_for_staff", json!(1), "wrong_type"),
        ("mfa_required_for_staff", json!(null), "wrong_type"),
        (
            "support_email",
            json!("help.demo-clinic.test"),
            "bad_format",
        ),
        ("display_name", json!("   "), "bad_length"),
        ("display_name", json!("Line\nbreak"), "bad_format"),
        ("time_zone", json!("Europe/Atlantis"), "not_allowed"),
        ("time_zone", json!("europe/paris"), "not_allowed"),
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
            json!(["https://u:pw@a.test/cb"]),
            "bad_url",
        ),
        ("allowed_redirect_uris", json!(["relative/cb"]), "bad_url"),
        (
            "allowed_redirect_uris",
            json!(["https://a.test/cb", "https://a.test/cb"]),
            "duplicate",
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
    mixed.insert("guardian_access_12_17".into(), json!("none"));
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
