//! Service accounts and their credentials through the console core, against the emulator over
//! real sockets (with an injectable clock for overlaps and expiry), and the rule that a secret
//! is shown once and stored nowhere on the console's side.

use std::sync::Arc;

use crate::common::*;
use console_core::accounts::KeyAction;
use console_core::api::{KeyStatus, NewApiKey, NewServiceAccount, RotateApiKey};
use console_core::token_store::{now, KEYRING_SERVICE};
use platform_emulator::{start, EmulatorConfig, ManualClock, RunningEmulator};

const HOUR: i64 = 3600;
const DAY: i64 = 86_400;

async fn platform(clock: Arc<ManualClock>) -> RunningEmulator {
    start(EmulatorConfig {
        demo_seed: true,
        clock,
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator starts")
}

async fn owner(emu: &RunningEmulator) -> Harness {
    let h = console(
        &emu.base_url(),
        as_person(OWNER),
        std::time::Duration::from_secs(60),
        &["console", "offline_access"],
    );
    h.console.sign_in(&h.profile).await.unwrap();
    h
}

/// `GET /v1/me` with an API key as the credential: (status, problem code or me.user_id).
async fn me_with_key(base: &str, key: &str) -> (u16, String) {
    let response = reqwest::Client::new()
        .get(format!("{base}/v1/me"))
        .bearer_auth(key)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    let what = if status == 200 {
        body["user_id"].as_str().unwrap_or_default().to_string()
    } else {
        body["code"].as_str().unwrap_or_default().to_string()
    };
    (status, what)
}

#[tokio::test]
async fn a_key_works_rotates_with_an_overlap_and_stops_when_revoked_disabled_or_expired() {
    let clock = Arc::new(ManualClock::new());
    let emu = platform(clock.clone()).await;
    let base = emu.base_url();
    let h = owner(&emu).await;
    let account = h
        .console
        .create_service_account(
            &h.profile,
            &NewServiceAccount {
                name: "Appointment reminders".into(),
                description: "Sends reminder texts".into(),
                owner_id: "usr_mia_member".into(),
                acts_for_id: None,
            },
        )
        .await
        .unwrap();
    let first = h
        .console
        .create_api_key(
            &h.profile,
            &account.id,
            &NewApiKey {
                name: "reminders prod".into(),
                expires_at: now() + 30 * DAY,
            },
        )
        .await
        .unwrap()
        .reveal();
    let first_key = first.key.clone().unwrap();
    assert!(
        first.secret.starts_with(&first_key.prefix),
        "the listed prefix is the key's start"
    );
    // The key is a credential of the admin API: /v1/me answers as the service account.
    assert_eq!(
        me_with_key(&base, &first.secret).await,
        (200, account.id.clone())
    );
    let listed = h.console.api_keys(&h.profile, &account.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_at.is_some(), "use is recorded");

    // Rotation: both keys work during the overlap, only the new one after it.
    let rotated = h
        .console
        .rotate_api_key(
            &h.profile,
            &account.id,
            &first_key.id,
            &RotateApiKey {
                name: "reminders prod (2)".into(),
                expires_at: now() + 60 * DAY,
                overlap_seconds: 2 * HOUR,
            },
        )
        .await
        .unwrap()
        .reveal();
    let replaced = rotated.replaced.clone().expect("the old key is described");
    assert!(replaced.expires_at <= now() + 2 * HOUR + 5);
    assert_eq!(me_with_key(&base, &first.secret).await.0, 200);
    assert_eq!(me_with_key(&base, &rotated.secret).await.0, 200);
    clock.advance(2 * HOUR + 1);
    assert_eq!(
        me_with_key(&base, &first.secret).await,
        (401, "key_expired".into())
    );
    assert_eq!(me_with_key(&base, &rotated.secret).await.0, 200);

    // Disable is reversible; revoke is immediate and final.
    let new_id = rotated.key.clone().unwrap().id;
    let k = h
        .console
        .key_action(&h.profile, &account.id, &new_id, KeyAction::Disable)
        .await
        .unwrap();
    assert_eq!(k.status, KeyStatus::Disabled);
    assert_eq!(
        me_with_key(&base, &rotated.secret).await,
        (401, "key_disabled".into())
    );
    h.console
        .key_action(&h.profile, &account.id, &new_id, KeyAction::Enable)
        .await
        .unwrap();
    assert_eq!(me_with_key(&base, &rotated.secret).await.0, 200);
    h.console
        .key_action(&h.profile, &account.id, &new_id, KeyAction::Revoke)
        .await
        .unwrap();
    assert_eq!(
        me_with_key(&base, &rotated.secret).await,
        (401, "key_revoked".into())
    );
    assert!(
        h.console
            .key_action(&h.profile, &account.id, &new_id, KeyAction::Enable)
            .await
            .is_err(),
        "a revoked key cannot come back"
    );

    // One changed character fails the checksum and is not even looked up.
    let mut chars: Vec<char> = rotated.secret.chars().collect();
    let last = chars.len() - 8;
    chars[last] = if chars[last] == 'A' { 'B' } else { 'A' };
    let tampered: String = chars.into_iter().collect();
    assert_eq!(
        me_with_key(&base, &tampered).await,
        (401, "key_invalid".into())
    );
    h.sign_out().await;
}

#[tokio::test]
async fn an_m2m_secret_gets_a_token_until_it_is_rotated_out() {
    let emu = platform(Arc::new(ManualClock::new())).await;
    let h = owner(&emu).await;
    let account = h
        .console
        .create_service_account(
            &h.profile,
            &NewServiceAccount {
                name: "Triage chatbot".into(),
                description: String::new(),
                owner_id: "usr_olivia_owner".into(),
                acts_for_id: Some("usr_priya_provider".into()),
            },
        )
        .await
        .unwrap();
    assert_eq!(account.acts_for_name.as_deref(), Some("Dr. Priya Provider"));
    let first = h
        .console
        .rotate_client_secret(&h.profile, &account.id)
        .await
        .unwrap()
        .reveal();
    let client_id = first.client_id.clone().unwrap();
    let grant = |secret: String| {
        let url = format!("{}/oauth/token", emu.base_url());
        let client_id = client_id.clone();
        async move {
            reqwest::Client::new()
                .post(url)
                .form(&[
                    ("grant_type", "client_credentials"),
                    ("client_id", client_id.as_str()),
                    ("client_secret", secret.as_str()),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(grant(first.secret.clone()).await, 200);
    let second = h
        .console
        .rotate_client_secret(&h.profile, &account.id)
        .await
        .unwrap()
        .reveal();
    assert_eq!(second.client_id.as_deref(), Some(client_id.as_str()));
    assert_eq!(
        grant(first.secret.clone()).await,
        401,
        "the rotated-out secret stops"
    );
    assert_eq!(grant(second.secret.clone()).await, 200);
    h.sign_out().await;
}

#[tokio::test]
async fn secrets_are_nowhere_on_disk_or_in_the_keyring() {
    let emu = platform(Arc::new(ManualClock::new())).await;
    let h = owner(&emu).await;
    // A cache exists and is in use, so there is a database file to search.
    h.console
        .sync(&h.profile, &Default::default(), &|_| {})
        .await
        .unwrap();
    let account = h
        .console
        .service_accounts(&h.profile)
        .await
        .unwrap()
        .into_iter()
        .next()
        .expect("the demo seed has a service account");
    let key = h
        .console
        .create_api_key(
            &h.profile,
            &account.id,
            &NewApiKey {
                name: "scan me".into(),
                expires_at: now() + 10 * DAY,
            },
        )
        .await
        .unwrap()
        .reveal()
        .secret;
    let client_secret = h
        .console
        .rotate_client_secret(&h.profile, &account.id)
        .await
        .unwrap()
        .reveal()
        .secret;
    // Activity after the secrets were shown: a sync and a review write to the cache.
    h.console
        .sync(&h.profile, &Default::default(), &|_| {})
        .await
        .unwrap();
    h.console.access_review(&h.profile).await.unwrap();
    for secret in [&key, &client_secret] {
        assert!(secret.len() >= 24);
        for dir in [h.data_dir.path(), h.config_dir.path()] {
            assert_eq!(any_file_contains(dir, secret), None, "a secret on disk");
        }
        let keyring = std::process::Command::new("secret-tool")
            .args(["search", "--all", "--unlock", "service", KEYRING_SERVICE])
            .output()
            .expect("secret-tool runs");
        let listing = String::from_utf8_lossy(&keyring.stdout).to_string()
            + &String::from_utf8_lossy(&keyring.stderr);
        assert!(
            listing.contains(KEYRING_SERVICE),
            "the search saw our entries"
        );
        assert!(
            !listing.contains(secret.as_str()),
            "a secret in the keyring"
        );
    }
    h.sign_out().await;
}
