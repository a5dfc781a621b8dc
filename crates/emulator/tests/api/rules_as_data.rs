//! The platform describes its rules as data: the role catalog (`GET /v1/roles`) and the
//! settings schema's rules, and it enforces a schema it is given instead of its own.

use crate::common::*;
use platform_emulator::EmulatorConfig;
use serde_json::{json, Value};

#[tokio::test]
async fn the_role_catalog_describes_every_role_and_grants_what_me_reports() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let (status, catalog) = env.get_json("/v1/roles", &owner).await;
    assert_eq!(status, 200, "{catalog}");
    let roles = catalog.as_array().unwrap();
    let names: Vec<&str> = roles.iter().map(|r| r["role"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 14, "{names:?}");
    assert!(names.contains(&"PROVIDER_NURSE_PRACTITIONER"));
    assert!(roles
        .iter()
        .all(|r| !r["description"].as_str().unwrap().is_empty()));
    let role = |name: &str| roles.iter().find(|r| r["role"] == name).unwrap();
    assert_eq!(
        role("INTAKE_STAFF")["description"],
        "Manages patient intake and registration",
        "the guide's words"
    );
    // What the catalog says a role grants is what /v1/me gives its holder.
    for (login, name) in [(OWNER, "OWNER"), (SUPPORT, "SUPPORT"), (MEMBER, "MEMBER")] {
        let (_, me) = env.me(&env.token_for(login).await).await;
        assert_eq!(me["permissions"], role(name)["grants"], "{name}");
    }
    // A care role updates patient records and has no console screen.
    assert_eq!(role("PROVIDER")["grants"], json!(["patient_records_write"]));
    let (_, me) = env.me(&env.token_for(PROVIDER).await).await;
    assert_eq!(me["permissions"], role("PROVIDER")["grants"]);
    assert_eq!(role("FIELD_STAFF")["grants"], json!([]));
    let sensitive: Vec<&str> = roles
        .iter()
        .filter(|r| r["sensitive"] == true)
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(sensitive, ["OWNER", "SUPPORT"]);
    // The roles a service account may act for, as the account rules apply them.
    let providers: Vec<&str> = roles
        .iter()
        .filter(|r| r["provider"] == true)
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        providers,
        [
            "PROVIDER",
            "PROVIDER_NURSE_PRACTITIONER",
            "PROVIDER_PHYSICIAN_ASSISTANT",
            "PROVIDER_PHYSICIAN"
        ]
    );
    // Everyone signed in may read it; no one else.
    let provider = env.token_for(PROVIDER).await;
    assert_eq!(env.get_json("/v1/roles", &provider).await.0, 200);
    assert_eq!(env.get("/v1/roles", "not-a-token").await.status(), 401);
}

fn field<'a>(fields: &'a [Value], key: &str) -> &'a Value {
    fields.iter().find(|f| f["key"] == key).unwrap()
}

#[tokio::test]
async fn text_rules_and_choices_are_served_with_the_schema() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let fields = env.schema_fields(&cora).await;
    let email = &field(&fields, "support_email")["type"];
    assert_eq!(email["kind"], "string");
    let messages: Vec<&str> = email["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"'{value}' is not an email address"),
        "{messages:?}"
    );
    let zones = &field(&fields, "time_zone")["type"];
    assert_eq!(zones["kind"], "enum");
    let zones = zones["values"].as_array().unwrap();
    assert!(zones.len() > 300 && zones.contains(&json!("Europe/Paris")));
    let uris = &field(&fields, "allowed_redirect_uris")["type"];
    assert_eq!(
        (uris["kind"].as_str(), uris["item"].as_str()),
        (Some("text_list"), Some("URL"))
    );
    assert_eq!(
        field(&fields, "allowed_redirect_uris")["example"],
        "https://app.example.org/callback"
    );
}

#[tokio::test]
async fn a_schema_it_is_given_is_the_one_it_serves_and_enforces() {
    let mut schema = platform_emulator::settings::schema();
    for f in &mut schema.fields {
        if f.key == "key_rotation_overlap_hours" {
            f.field_type = console_api::FieldType::Integer { min: 2, max: 4 };
        }
    }
    let env = env_with(EmulatorConfig {
        demo_seed: true,
        settings_schema: Some(schema),
        ..EmulatorConfig::default()
    })
    .await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let fields = env.schema_fields(&cora).await;
    assert_eq!(
        field(&fields, "key_rotation_overlap_hours")["type"],
        json!({"kind": "integer", "min": 2, "max": 4})
    );
    // 24 is the platform's default and inside its own bounds, but not inside these.
    let a = env
        .patch_settings(
            &cora,
            Some("\"1\""),
            json!({"changes": {"key_rotation_overlap_hours": 24}, "reason": "r"}),
        )
        .await;
    assert_eq!(a.status, 422, "{}", a.body);
    assert_eq!(a.body["errors"][0]["code"], "out_of_range");
    let a = env
        .patch_settings(
            &cora,
            Some("\"1\""),
            json!({"changes": {"key_rotation_overlap_hours": 3}, "reason": "r"}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
}

#[tokio::test]
async fn a_schema_with_other_fields_is_refused_at_start() {
    let mut schema = platform_emulator::settings::schema();
    schema.fields.pop();
    let started = platform_emulator::start(EmulatorConfig {
        settings_schema: Some(schema),
        ..EmulatorConfig::default()
    })
    .await;
    let e = started.err().expect("refused");
    assert!(
        e.to_string().contains("exactly the platform's own fields"),
        "{e}"
    );
}
