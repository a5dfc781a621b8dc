//! Sign-in hygiene (issue 10) against the emulator over real sockets, with the real OS keyring
//! and the scripted browser: prompt=login after a sign-out, metadata the console must refuse,
//! the keyring checked before the browser opens, and tokens that cannot be stored revoked.

pub mod servers;

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::*;
use console_core::oauth::hygiene::PROBE_PREFIX;
use console_core::{ErrorCode, KeyringStore, TokenSet, TokenStore};
use serde_json::{json, Value};
use servers::*;

const SCOPES: &[&str] = &["console", "offline_access"];
pub const WAIT: Duration = Duration::from_secs(60);

#[tokio::test]
async fn after_a_sign_out_or_the_lock_the_next_sign_in_asks_for_a_fresh_login() {
    let emu = emulator(900).await;
    let browser = Recording::new(as_person(OWNER));
    let h = console(&emu.base_url(), browser.clone(), WAIT, SCOPES);
    let c = &h.console;

    c.sign_in(&h.profile).await.unwrap();
    // The first sign-in on a profile has no previous person to guard against.
    assert!(!browser.prompts(0).contains(&"login".into()));

    c.sign_out(&h.profile, console_core::LocalCopy::Delete)
        .await
        .unwrap();
    c.sign_in(&h.profile).await.unwrap();
    // The browser may still hold the previous person's session at the identity provider.
    // (`consent` too: the emulator is an OpenID Provider and offline_access is asked for,
    // which OIDC Core §11 ties to prompt=consent; see oauth/signin.rs `prompt`.)
    assert_eq!(browser.prompts(1), ["login", "consent"]);

    // Signing in again while signed in: the marker was cleared by the stored sign-in.
    c.sign_in(&h.profile).await.unwrap();
    assert_eq!(browser.prompts(2), ["consent"]);

    // The idle lock counts as a sign-out, also across a restart of the app.
    c.lock(&h.profile).await.unwrap();
    let restarted = console_with(&h, browser.clone(), Arc::new(KeyringStore));
    restarted.sign_in(&h.profile).await.unwrap();
    assert_eq!(browser.prompts(3), ["login", "consent"]);
    restarted
        .sign_out(&h.profile, console_core::LocalCopy::Delete)
        .await
        .unwrap();
}

#[tokio::test]
async fn metadata_without_pkce_s256_or_with_a_plain_http_remote_endpoint_is_refused_before_the_browser_opens(
) {
    let emu = emulator(900).await;
    let bad = front(&emu).await;
    let rec = recorder().await;
    let cases: Vec<(Vec<(&'static str, Value)>, &str)> = vec![
        (
            vec![("code_challenge_methods_supported", Value::Null)],
            "PKCE S256",
        ),
        (
            vec![("code_challenge_methods_supported", json!(["plain"]))],
            "PKCE S256",
        ),
        (
            vec![("token_endpoint", json!("http://auth.example.org/token"))],
            "token_endpoint",
        ),
        (
            vec![("token_endpoint", json!(format!("{}/token", rec.url)))],
            "token_endpoint",
        ),
        (
            vec![(
                "authorization_endpoint",
                json!(format!("{}/authorize", rec.url)),
            )],
            "authorization_endpoint",
        ),
        (
            vec![("revocation_endpoint", json!(format!("{}/revoke", rec.url)))],
            "revocation_endpoint",
        ),
        (
            vec![(
                "introspection_endpoint",
                json!("http://auth.example.org/introspect"),
            )],
            "introspection_endpoint",
        ),
        (
            vec![("jwks_uri", json!("http://auth.example.org/jwks"))],
            "jwks_uri",
        ),
        (
            vec![(
                "userinfo_endpoint",
                json!("http://auth.example.org/userinfo"),
            )],
            "userinfo_endpoint",
        ),
    ];
    for (edits, named) in cases {
        bad.serve(edits.clone());
        let browser = Recording::new(as_person(OWNER));
        let h = console(&bad.url, browser.clone(), WAIT, SCOPES);
        let err = h.console.sign_in(&h.profile).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::AuthFailed, "{edits:?}: {err}");
        assert!(err.to_string().contains(named), "{edits:?}: {err}");
        assert_eq!(browser.opened(), 0, "{edits:?}: the browser must not open");
        assert!(KeyringStore.get(&h.account()).unwrap().is_none());
    }
    assert_eq!(emu.state.stats.code_grants.load(Ordering::SeqCst), 0);
    assert!(
        rec.bodies.lock().unwrap().is_empty(),
        "nothing reached the endpoint"
    );

    // The same server with its own metadata works, so the refusals were the edits.
    bad.serve(vec![]);
    let h = console(&bad.url, as_person(OWNER), WAIT, SCOPES);
    h.console
        .sign_in(&h.profile)
        .await
        .expect("good metadata signs in");
    h.sign_out().await;
}

#[tokio::test]
async fn sign_out_never_sends_the_refresh_token_to_a_plain_http_remote_revocation_endpoint() {
    let emu = emulator(900).await;
    let server = front(&emu).await;
    let rec = recorder().await;
    let h = console(&server.url, as_person(OWNER), WAIT, SCOPES);
    h.console.sign_in(&h.profile).await.unwrap();
    let tokens = KeyringStore.get(&h.account()).unwrap().unwrap();
    let refresh = tokens.refresh_token.unwrap().expose().to_string();

    // The server's metadata now sends revocation elsewhere over plain http; the app restarts.
    server.serve(vec![(
        "revocation_endpoint",
        json!(format!("{}/revoke", rec.url)),
    )]);
    let restarted = console_with(&h, as_person(OWNER), Arc::new(KeyringStore));
    let report = restarted
        .sign_out(&h.profile, console_core::LocalCopy::Delete)
        .await
        .unwrap();

    let seen = rec.bodies.lock().unwrap().clone();
    assert!(
        seen.is_empty(),
        "requests reached the endpoint: {}",
        seen.len()
    );
    assert!(!seen.iter().any(|b| b.contains(&refresh)));
    assert!(!report.revoked_at_server);
    let note = report.note.unwrap_or_default();
    assert!(note.contains("revocation_endpoint"), "{note}");
    // The local sign-in still ends: sign-out never leaves tokens behind.
    assert!(KeyringStore.get(&h.account()).unwrap().is_none());
}

/// A keyring whose Secret Service is missing: every call fails, as the real one does then.
struct NoSecretService;

impl TokenStore for NoSecretService {
    fn get(&self, _: &str) -> console_core::Result<Option<TokenSet>> {
        Err(console_core::Error::Keyring(
            "no Secret Service on the session bus".into(),
        ))
    }
    fn set(&self, _: &str, _: &TokenSet) -> console_core::Result<()> {
        Err(console_core::Error::Keyring(
            "no Secret Service on the session bus".into(),
        ))
    }
    fn delete(&self, _: &str) -> console_core::Result<()> {
        Err(console_core::Error::Keyring(
            "no Secret Service on the session bus".into(),
        ))
    }
}

#[tokio::test]
async fn a_keyring_that_cannot_store_is_reported_before_the_browser_opens() {
    let emu = emulator(900).await;
    let h = console(&emu.base_url(), as_person(OWNER), WAIT, SCOPES);
    let browser = Recording::new(as_person(OWNER));
    let c = console_with(&h, browser.clone(), Arc::new(NoSecretService));
    let err = c.sign_in(&h.profile).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Keyring, "{err}");
    assert!(err.to_string().contains("browser was not opened"), "{err}");
    assert!(err.to_string().contains("Secret Service"), "{err}");
    assert_eq!(browser.opened(), 0, "no one is asked for a password");
    assert_eq!(emu.state.stats.code_grants.load(Ordering::SeqCst), 0);
}

/// The real keyring for the probe, but storing the profile's tokens fails (the keyring locks
/// between the probe and the end of the sign-in). Keeps what it was asked to store, which is
/// what the server issued.
#[derive(Default)]
struct LocksAfterProbe {
    offered: Mutex<Option<TokenSet>>,
    probes: Mutex<Vec<String>>,
}

impl TokenStore for LocksAfterProbe {
    fn get(&self, profile: &str) -> console_core::Result<Option<TokenSet>> {
        KeyringStore.get(profile)
    }
    fn set(&self, profile: &str, tokens: &TokenSet) -> console_core::Result<()> {
        if profile.contains(PROBE_PREFIX) {
            self.probes.lock().unwrap().push(profile.to_string());
            return KeyringStore.set(profile, tokens);
        }
        *self.offered.lock().unwrap() = Some(tokens.clone());
        Err(console_core::Error::Keyring(
            "the collection is locked".into(),
        ))
    }
    fn delete(&self, profile: &str) -> console_core::Result<()> {
        KeyringStore.delete(profile)
    }
}

#[tokio::test]
async fn tokens_that_cannot_be_stored_are_revoked_at_the_server_at_once() {
    let emu = emulator(900).await;
    let h = console(&emu.base_url(), as_person(OWNER), WAIT, SCOPES);
    let store = Arc::new(LocksAfterProbe::default());
    let c = console_with(&h, as_person(OWNER), store.clone());
    let err = c.sign_in(&h.profile).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Keyring, "{err}");
    assert!(err.to_string().contains("revoked at the server"), "{err}");

    let issued = store
        .offered
        .lock()
        .unwrap()
        .clone()
        .expect("the exchange issued tokens");
    assert_eq!(emu.state.stats.code_grants.load(Ordering::SeqCst), 1);
    // The emulator counts only revocations of tokens it issued to this client.
    assert!(emu.state.stats.revocations.load(Ordering::SeqCst) >= 1);
    // Neither token works any more: the access token at the API, the refresh token at /token.
    assert_eq!(
        me_status(&emu.base_url(), issued.access_token.expose()).await,
        401
    );
    let refresh = reqwest::Client::new()
        .post(format!("{}/oauth/token", emu.base_url()))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", issued.refresh_token.unwrap().expose()),
            ("client_id", "access-console"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refresh.status().as_u16(), 400);
    let answer: Value = refresh.json().await.unwrap();
    assert_eq!(answer["error"], "invalid_grant", "{answer}");
    assert!(KeyringStore.get(&h.account()).unwrap().is_none());
    // The probe ran in the real keyring, and left nothing there.
    let probes = store.probes.lock().unwrap().clone();
    assert_eq!(probes.len(), 1);
    assert!(KeyringStore.get(&probes[0]).unwrap().is_none());
}

#[tokio::test]
async fn a_hand_edited_bad_profile_is_refused_by_name_and_the_others_still_sign_in() {
    let emu = emulator(900).await;
    let browser = Recording::new(as_person(OWNER));
    let h = console(&emu.base_url(), browser.clone(), WAIT, SCOPES);
    // An admin adds a profile by editing the file, with a plain-http remote issuer.
    let path = h.config_dir.path().join("profiles.json");
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut bad = file["profiles"][0].clone();
    bad["name"] = json!("Edited");
    bad["issuer"] = json!("http://auth.example.org");
    file["profiles"].as_array_mut().unwrap().push(bad);
    std::fs::write(&path, file.to_string()).unwrap();

    let err = h.console.sign_in("Edited").await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().contains("'Edited'"), "{err}");
    assert!(
        err.to_string().contains("issuer URL must use https"),
        "{err}"
    );
    assert_eq!(browser.opened(), 0);
    let listed = h.console.list_profiles().unwrap();
    assert!(listed.profiles.iter().all(|p| p.name != "Edited"));
    assert_eq!(h.console.profiles().invalid().unwrap().len(), 1);
    // The profile next to it is untouched.
    h.console.sign_in(&h.profile).await.unwrap();
    h.sign_out().await;
}
