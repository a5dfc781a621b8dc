//! Organization settings through the console core, against the emulator over real sockets, with
//! the real keyring and the scripted browser signing in a config Owner and a config Member.

use crate::common::*;
use console_core::settings::{SettingsRights, SettingsSaved};
use console_core::{Error, ErrorCode};
use platform_emulator::RunningEmulator;
use serde_json::{json, Map, Value};

const WAIT: std::time::Duration = std::time::Duration::from_secs(60);

const OWNER_ONLY: [&str; 4] = [
    "max_api_key_lifetime_days",
    "idle_sign_out_minutes",
    "dependent_leaves_guardian_at_age",
    "mfa_required_for_staff",
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
        "patient_self_sign_up": true,
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
        "patient_self_sign_up is already true: no change"
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

/// Values to try on a field of each type: inside, on and past every bound, and of other types.
fn candidates(field: &console_core::SettingField) -> Vec<Value> {
    use console_core::FieldType;
    let mut out = vec![json!(null), json!(1.5), json!({"a": 1})];
    match &field.field_type {
        FieldType::Integer { min, max } => {
            out.extend([min - 1, *min, *max, max + 1].map(Value::from));
            out.push(json!("7"));
        }
        FieldType::Boolean => out.extend([json!(true), json!(false), json!("true"), json!(0)]),
        FieldType::String { max_len, .. } => out.extend([
            json!(""),
            json!("a"),
            json!(" padded"),
            json!("two\nlines"),
            json!("x".repeat(*max_len as usize)),
            json!("x".repeat(*max_len as usize + 1)),
            json!("help@demo-clinic.test"),
            json!("help@demo"),
            json!("Europe/Paris"),
            json!("europe/paris"),
            json!(7),
        ]),
        FieldType::Enum { values } => {
            out.extend(values.iter().map(|v| json!(v)));
            out.extend([json!("FULL"), json!("")]);
        }
        FieldType::UrlList { max_items } => {
            let many: Vec<String> = (0..=*max_items)
                .map(|i| format!("https://a.test/{i}"))
                .collect();
            out.extend([
                json!([]),
                json!([
                    "https://a.test/cb",
                    "http://127.0.0.1:7/cb",
                    "http://[::1]/cb"
                ]),
                json!(["http://localhost/cb"]),
                json!(["http://a.test/cb"]),
                json!(["https://a.test/cb#f"]),
                json!(["https://u:p@a.test/cb"]),
                json!(["https://a.test/cb", "https://a.test/cb"]),
                json!(["relative/cb"]),
                json!(many),
                json!("https://a.test/cb"),
            ]);
        }
    }
    out
}

#[tokio::test]
async fn the_console_and_the_platform_agree_on_every_value() {
    // Inline validation is only honest if it says what the server will say: every candidate
    // value of every field is checked by the console and sent to the server, and the two must
    // agree (accepted by both, or refused by both).
    let emu = emulator(900).await;
    let cora = signed_in(&emu, CONFIG_OWNER).await;
    let schema = cora.console.settings_schema(&cora.profile).await.unwrap();
    let session = cora.console.session(&cora.profile).unwrap();
    let mut tried = 0;
    for field in &schema.fields {
        for value in candidates(field) {
            let one = changes(json!({ field.key.clone(): value.clone() }));
            let console_accepts = console_core::settings::check(&schema, &one).is_empty();
            let body = json!({"changes": one, "reason": "contract"});
            let version = cora.console.settings(&cora.profile).await.unwrap().version;
            let answer: Result<Value, Error> = session
                .call(&console_core::Call {
                    method: reqwest::Method::PATCH,
                    path: "/v1/settings",
                    body: Some(body),
                    if_match: Some(version),
                })
                .await;
            let server_accepts = match answer {
                Ok(_) => true,
                Err(Error::Http { status: 422, .. }) => false,
                Err(e) => panic!("{}={value}: {e}", field.key),
            };
            assert_eq!(
                console_accepts, server_accepts,
                "{}={value}: console and platform disagree",
                field.key
            );
            tried += 1;
        }
    }
    assert!(tried > 60, "{tried} values tried");
}
