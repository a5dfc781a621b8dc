//! Organization settings through the console core, against the emulator over real sockets, with
//! the real keyring and the scripted browser signing in a config Owner and a config Member.

use crate::common::*;
use console_core::api::{FieldErrorCode, FieldType, SettingsSchema, TextRule};
use console_core::settings::{SettingsRights, SettingsSaved};
use console_core::{Error, ErrorCode};
use platform_emulator::{start, EmulatorConfig, RunningEmulator};
use serde_json::{json, Map, Value};

const WAIT: std::time::Duration = std::time::Duration::from_secs(60);

const OWNER_ONLY: [&str; 6] = [
    "max_api_key_lifetime_days",
    "idle_sign_out_minutes",
    "password_min_length",
    "dependent_leaves_guardian_at_age",
    "mfa_required_for_staff",
    // Issue 14: how long an OWNER may act for someone is an OWNER's to set.
    "max_acting_minutes",
];

async fn signed_in(emu: &RunningEmulator, who: (&str, &str)) -> Harness {
    let h = console(
        &emu.base_url(),
        as_person(who),
        WAIT,
        &["console", "offline_access"],
    );
    h.console.sign_in(&h.profile).await.unwrap();
    h
}

fn changes(v: Value) -> Map<String, Value> {
    serde_json::from_value(v).unwrap()
}

fn saved(outcome: SettingsSaved) -> console_core::Settings {
    match outcome {
        SettingsSaved::Saved { settings } => settings,
        other => panic!("expected a save, got {other:?}"),
    }
}

#[tokio::test]
async fn a_member_sees_owner_only_fields_locked_previews_and_saves_the_rest() {
    let emu = emulator(900).await;
    let milo = signed_in(&emu, CONFIG_MEMBER).await;
    let (c, p) = (&milo.console, milo.profile.as_str());

    let view = c.settings_view(p).await.unwrap();
    assert_eq!(view.rights, SettingsRights::Member);
    assert!(!view.can_restore);
    assert_eq!(view.settings.version, 1);
    for f in &view.schema.fields {
        // The screen locks exactly the Owner-only fields, and has a reason to show for each.
        let locked = OWNER_ONLY.contains(&f.key.as_str());
        assert_eq!(view.editable.contains(&f.key), !locked, "{}", f.key);
        assert_eq!(f.owner_only_reason.is_some(), locked, "{}", f.key);
    }

    // The preview shows field, old, new, and every field that would be refused, before sending.
    let staged = changes(json!({
        "time_zone": "Europe/Paris",
        "guardian_access_12_17": "limited",
        "idle_sign_out_minutes": 5,
        "support_email": "not-an-email",
    }));
    let preview = c.preview_settings(p, 1, &staged).await.unwrap();
    let changed: Vec<(&str, Value, Value)> = preview
        .changes
        .iter()
        .map(|d| (d.key.as_str(), d.old.clone(), d.new.clone()))
        .collect();
    assert_eq!(
        changed,
        vec![
            ("support_email", json!(""), json!("not-an-email")),
            ("time_zone", json!("UTC"), json!("Europe/Paris")),
            ("idle_sign_out_minutes", json!(30), json!(5)),
        ],
        "guardian_access_12_17 is already limited: no change"
    );
    let refused: Vec<&str> = preview.errors.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(refused, vec!["idle_sign_out_minutes", "support_email"]);

    // An invalid value is refused in the console and never sent.
    let e = c
        .save_settings(p, 1, &changes(json!({"support_email": "nope"})), "typo")
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
    assert_eq!(
        c.settings(p).await.unwrap().version,
        1,
        "nothing reached the server"
    );
    let e = c
        .save_settings(p, 1, &changes(json!({"time_zone": "Europe/Paris"})), "  ")
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput, "a reason is required");

    // An Owner-only field: the server refuses it by name.
    let e = c
        .save_settings(
            p,
            1,
            &changes(json!({"idle_sign_out_minutes": 5})),
            "shorter",
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden, "{e}");
    assert!(e.to_string().contains("idle_sign_out_minutes"), "{e}");

    let settings = saved(
        c.save_settings(
            p,
            1,
            &changes(json!({"time_zone": "Europe/Paris"})),
            "we moved",
        )
        .await
        .unwrap(),
    );
    assert_eq!(settings.version, 2);
    assert_eq!(settings.values["time_zone"], "Europe/Paris");
    assert_eq!(settings.updated_by, "usr_milo_config_member");
}

#[tokio::test]
async fn a_conflict_shows_what_changed_on_the_server_and_an_owner_restores() {
    let emu = emulator(900).await;
    let cora = signed_in(&emu, CONFIG_OWNER).await;
    let milo = signed_in(&emu, CONFIG_MEMBER).await;
    let (c, p) = (&cora.console, cora.profile.as_str());
    let view = c.settings_view(p).await.unwrap();
    assert_eq!(view.rights, SettingsRights::Owner);
    assert!(view.can_restore && view.editable.len() == view.schema.fields.len());
    assert_eq!(
        c.whoami(p).await.unwrap().me.idle_sign_out_minutes,
        Some(30)
    );

    // Milo saves while Cora edits version 1.
    saved(
        milo.console
            .save_settings(
                &milo.profile,
                1,
                &changes(json!({"guardian_access_12_17": "none"})),
                "policy review",
            )
            .await
            .unwrap(),
    );
    let outcome = c
        .save_settings(
            p,
            1,
            &changes(json!({"idle_sign_out_minutes": 5})),
            "shorter",
        )
        .await
        .unwrap();
    let SettingsSaved::Conflict {
        current,
        server_changes,
        ..
    } = outcome
    else {
        panic!("expected a conflict, got {outcome:?}");
    };
    assert_eq!(current.version, 2);
    assert_eq!(
        server_changes.len(),
        1,
        "exactly Milo's change: {server_changes:?}"
    );
    assert_eq!(server_changes[0].key, "guardian_access_12_17");
    assert_eq!(
        (server_changes[0].old.clone(), server_changes[0].new.clone()),
        (json!("limited"), json!("none"))
    );
    assert_eq!(
        c.settings(p).await.unwrap().values["idle_sign_out_minutes"],
        30,
        "the conflicting save stored nothing"
    );
    let v3 = saved(
        c.save_settings(
            p,
            2,
            &changes(json!({"idle_sign_out_minutes": 5})),
            "shorter",
        )
        .await
        .unwrap(),
    );
    assert_eq!(v3.version, 3);
    // The idle setting takes effect for everyone who signs in.
    assert_eq!(c.whoami(p).await.unwrap().me.idle_sign_out_minutes, Some(5));
    let milo_me = milo.console.whoami(&milo.profile).await.unwrap().me;
    assert_eq!(milo_me.idle_sign_out_minutes, Some(5));

    // History, newest first, paged; any two versions compared.
    let page = c.settings_history(p, None, 2).await.unwrap();
    let versions: Vec<i64> = page.versions.iter().map(|v| v.version).collect();
    assert_eq!(versions, vec![3, 2]);
    let rest = c
        .settings_history(p, page.next_cursor.as_deref(), 2)
        .await
        .unwrap();
    assert_eq!(rest.versions[0].version, 1);
    assert!(rest.next_cursor.is_none());
    let d = c.settings_diff(p, 1, 3).await.unwrap();
    let keys: Vec<&str> = d.changes.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, vec!["idle_sign_out_minutes", "guardian_access_12_17"]);

    // A Member may not restore; the Owner restores version 1 as version 4.
    let e = milo
        .console
        .restore_settings(&milo.profile, 1, 3, "undo")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Http { status: 403, .. }), "{e}");
    let stale = c.restore_settings(p, 1, 2, "undo").await.unwrap();
    assert!(matches!(stale, SettingsSaved::Conflict { .. }), "{stale:?}");
    let v4 = saved(c.restore_settings(p, 1, 3, "undo").await.unwrap());
    assert_eq!(v4.version, 4);
    let v1 = c.settings_version(p, 1).await.unwrap();
    assert_eq!(v4.values, v1.values, "a restore brings back the old values");
    assert_eq!(
        c.settings_version(p, 4).await.unwrap().restored_from,
        Some(1)
    );
    assert!(c.settings_diff(p, 1, 4).await.unwrap().changes.is_empty());
}

/// A schema this test invents from the platform's own: the same fields, other rules. Nothing in
/// it is a rule of the platform, so a console that knew the platform's rules would get it wrong.
fn invented_schema() -> SettingsSchema {
    let mut schema = platform_emulator::settings::schema();
    for f in &mut schema.fields {
        match f.key.as_str() {
            // Narrower than the platform's 1..=730.
            "max_api_key_lifetime_days" => f.field_type = FieldType::Integer { min: 1, max: 30 },
            // Wider than the platform's 16..=21.
            "dependent_leaves_guardian_at_age" => {
                f.field_type = FieldType::Integer { min: 10, max: 25 }
            }
            "display_name" => {
                f.field_type = FieldType::String {
                    min_len: 3,
                    max_len: 20,
                    rules: vec![TextRule {
                        pattern: "^[A-Z]".into(),
                        message: "'{value}' must start with a capital letter".into(),
                        code: FieldErrorCode::BadFormat,
                    }],
                }
            }
            "guardian_access_12_17" => {
                f.field_type = FieldType::Enum {
                    values: vec!["all".into(), "some".into(), "none".into()],
                }
            }
            "time_zone" => {
                f.field_type = FieldType::Enum {
                    values: vec!["UTC".into(), "Europe/Paris".into()],
                }
            }
            // Owner-only here, though a Member may change it on the platform.
            "support_email" => {
                f.member_editable = false;
                f.owner_only_reason = Some("Invented: only an Owner names the help desk.".into());
            }
            _ => {}
        }
    }
    schema
}

#[tokio::test]
async fn the_console_checks_by_the_rules_it_is_served_not_by_rules_it_knows() {
    let schema = invented_schema();
    let emu = start(EmulatorConfig {
        demo_seed: true,
        access_token_ttl_secs: 900,
        settings_schema: Some(schema.clone()),
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator starts");
    let cora = signed_in(&emu, CONFIG_OWNER).await;
    let (c, p) = (&cora.console, cora.profile.as_str());
    let view = c.settings_view(p).await.unwrap();
    assert_eq!(
        view.schema, schema,
        "the console shows the schema it was served"
    );

    // What the platform's own rules would accept, and these refuse; and the other way round.
    let refused = changes(json!({
        "max_api_key_lifetime_days": 60,
        "display_name": "demo clinic",
        "guardian_access_12_17": "limited",
        "time_zone": "Asia/Tokyo",
    }));
    let preview = c
        .preview_settings(p, view.settings.version, &refused)
        .await
        .unwrap();
    let mut keys: Vec<&str> = preview.errors.iter().map(|e| e.key.as_str()).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "display_name",
            "guardian_access_12_17",
            "max_api_key_lifetime_days",
            "time_zone"
        ]
    );
    let name = preview
        .errors
        .iter()
        .find(|e| e.key == "display_name")
        .unwrap();
    assert_eq!(
        name.message,
        "Display name: 'demo clinic' must start with a capital letter"
    );
    // The check the window runs as a person types says the same, from the same schema.
    assert_eq!(
        console_core::settings::check_settings(&view.schema, &refused),
        preview.errors
    );
    // A save is refused before anything is sent, and nothing was stored. (That the platform
    // enforces a schema it is given is the emulator's test `rules_as_data`.)
    let e = c
        .save_settings(p, view.settings.version, &refused, "test")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput(_)), "{e}");
    assert_eq!(c.settings(p).await.unwrap().version, view.settings.version);

    let accepted = changes(json!({
        "dependent_leaves_guardian_at_age": 12,
        "guardian_access_12_17": "some",
        "time_zone": "Europe/Paris",
        "display_name": "North Clinic",
    }));
    let preview = c
        .preview_settings(p, view.settings.version, &accepted)
        .await
        .unwrap();
    assert_eq!(preview.errors, vec![]);
    let now = saved(
        c.save_settings(p, view.settings.version, &accepted, "test")
            .await
            .unwrap(),
    );
    assert_eq!(now.values["dependent_leaves_guardian_at_age"], 12);

    // Who may change what is the served schema's too: a Member is refused the support email.
    let milo = signed_in(&emu, CONFIG_MEMBER).await;
    let mview = milo.console.settings_view(&milo.profile).await.unwrap();
    assert!(!mview.editable.contains(&"support_email".to_string()));
    let email = changes(json!({"support_email": "desk@demo-clinic.test"}));
    let preview = milo
        .console
        .preview_settings(&milo.profile, mview.settings.version, &email)
        .await
        .unwrap();
    assert_eq!(preview.errors.len(), 1, "{:?}", preview.errors);
    assert_eq!(preview.errors[0].code, FieldErrorCode::OwnerOnly);
    assert!(
        preview.errors[0].message.contains("Invented"),
        "{}",
        preview.errors[0].message
    );
}
