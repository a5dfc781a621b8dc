//! Sign-in, refresh and sign-out against the emulator over real sockets, with the real OS
//! keyring and the scripted browser.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use crate::common::*;
use console_core::{ErrorCode, KeyringStore, TokenStore};

const SCOPES: &[&str] = &["console", "offline_access"];
// Long enough for a slow CI machine, short enough that a broken browser fails fast.
const WAIT: Duration = Duration::from_secs(60);

#[tokio::test]
async fn sign_in_whoami_and_sign_out_with_the_keyring() {
    let emu = emulator(900).await;
    let h = console(&emu.base_url(), as_person(OWNER), WAIT, SCOPES);

    let view = h
        .console
        .sign_in(&h.profile)
        .await
        .expect("sign-in succeeds");
    assert_eq!(view.me.display_name, "Olivia Owner");
    assert_eq!(emu.state.stats.code_grants.load(Ordering::SeqCst), 1);

    // The tokens are in the OS keyring, and nowhere in the console's files.
    let stored = KeyringStore
        .get(&h.account())
        .unwrap()
        .expect("tokens in the keyring");
    let access = stored.access_token.expose().to_string();
    let refresh = stored
        .refresh_token
        .as_ref()
        .expect("offline_access gives a refresh token")
        .expose()
        .to_string();
    assert!(any_file_contains(h.config_dir.path(), &access).is_none());
    assert!(any_file_contains(h.config_dir.path(), &refresh).is_none());
    // Nor in what goes to the UI.
    let json = serde_json::to_string(&view).unwrap();
    assert!(!json.contains(&access) && !json.contains(&refresh));

    // A second console (a restart) finds the sign-in in the keyring.
    let again = h
        .console
        .current_session(&h.profile)
        .await
        .unwrap()
        .expect("still signed in");
    assert_eq!(again.me.user_id, view.me.user_id);

    let report = h
        .console
        .sign_out(&h.profile, console_core::LocalCopy::Delete)
        .await
        .unwrap();
    assert!(report.revoked_at_server, "{:?}", report.note);
    assert!(
        KeyringStore.get(&h.account()).unwrap().is_none(),
        "keyring entry deleted"
    );
    // Revoked at the server: the old access token no longer works anywhere.
    assert_eq!(me_status(&emu.base_url(), &access).await, 401);
    assert!(h
        .console
        .current_session(&h.profile)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn concurrent_calls_with_an_expiring_token_refresh_exactly_once() {
    // 6-second access tokens: the console refreshes them after 3 seconds.
    let emu = emulator(6).await;
    let h = Arc::new(console(&emu.base_url(), as_person(OWNER), WAIT, SCOPES));
    h.console.sign_in(&h.profile).await.unwrap();
    let before = KeyringStore.get(&h.account()).unwrap().unwrap();
    tokio::time::sleep(Duration::from_millis(4100)).await;

    let calls: Vec<_> = (0..16)
        .map(|_| {
            let h = h.clone();
            tokio::spawn(async move { h.console.whoami(&h.profile).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().expect("every concurrent call succeeds");
    }
    assert_eq!(
        emu.state.stats.refresh_grants.load(Ordering::SeqCst),
        1,
        "single-flight refresh"
    );
    let after = KeyringStore.get(&h.account()).unwrap().unwrap();
    assert_ne!(
        before.access_token, after.access_token,
        "the refreshed tokens were stored"
    );
    assert_ne!(
        before.refresh_token, after.refresh_token,
        "the rotated refresh token was stored"
    );
    h.sign_out().await;
}

#[tokio::test]
async fn a_revoked_session_is_reported_as_ended_and_forgotten() {
    let emu = emulator(2).await;
    let h = console(&emu.base_url(), as_person(OWNER), WAIT, SCOPES);
    h.console.sign_in(&h.profile).await.unwrap();
    let stored = KeyringStore.get(&h.account()).unwrap().unwrap();
    // Someone revokes the sign-in at the server (e.g. an admin, or theft detection).
    reqwest::Client::new()
        .post(format!("{}/oauth/revoke", emu.base_url()))
        .form(&[
            ("token", stored.refresh_token.unwrap().expose()),
            ("client_id", "access-console"),
        ])
        .send()
        .await
        .unwrap();
    let err = h.console.whoami(&h.profile).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::SessionExpired, "{err}");
    assert!(
        KeyringStore.get(&h.account()).unwrap().is_none(),
        "dead tokens are not kept"
    );
}

#[tokio::test]
async fn sign_out_works_offline_and_still_deletes_the_tokens() {
    let emu = emulator(900).await;
    let h = console(&emu.base_url(), as_person(OWNER), WAIT, SCOPES);
    h.console.sign_in(&h.profile).await.unwrap();
    emu.stop().await;
    let report = h
        .console
        .sign_out(&h.profile, console_core::LocalCopy::Delete)
        .await
        .expect("sign-out never fails for lack of network");
    assert!(!report.revoked_at_server);
    assert!(KeyringStore.get(&h.account()).unwrap().is_none());
}

#[tokio::test]
async fn cancel_and_timeout_end_a_waiting_sign_in() {
    let emu = emulator(900).await;
    let h = Arc::new(console(
        &emu.base_url(),
        Arc::new(IdleBrowser),
        WAIT,
        SCOPES,
    ));
    let waiting = {
        let h = h.clone();
        tokio::spawn(async move { h.console.sign_in(&h.profile).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    h.console.cancel_sign_in();
    let err = waiting.await.unwrap().unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled);

    let h = console(
        &emu.base_url(),
        Arc::new(IdleBrowser),
        Duration::from_millis(500),
        SCOPES,
    );
    let err = h.console.sign_in(&h.profile).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Timeout);
    assert!(KeyringStore.get(&h.account()).unwrap().is_none());
}

/// A browser that answers the loopback listener itself with a forged `state`.
struct ForgedCallback;

impl console_core::BrowserOpener for ForgedCallback {
    fn open(&self, url: &str) -> console_core::Result<()> {
        let url = url::Url::parse(url).unwrap();
        let redirect = url
            .query_pairs()
            .find(|(k, _)| k == "redirect_uri")
            .unwrap()
            .1
            .into_owned();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Runtime::new().unwrap();
            rt.block_on(async {
                let _ = reqwest::get(format!("{redirect}?code=stolen&state=forged")).await;
            });
        });
        Ok(())
    }
}

#[tokio::test]
async fn a_forged_callback_never_reaches_the_token_endpoint() {
    let emu = emulator(900).await;
    let h = console(&emu.base_url(), Arc::new(ForgedCallback), WAIT, SCOPES);
    let err = h.console.sign_in(&h.profile).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AuthFailed);
    assert!(err.to_string().contains("state"), "{err}");
    assert_eq!(emu.state.stats.code_grants.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn an_issuer_that_is_not_byte_equal_is_refused() {
    let emu = emulator(900).await;
    let h = console(&emu.base_url(), as_person(OWNER), WAIT, SCOPES);
    let mut profile = h.console.profiles().get(&h.profile).unwrap();
    profile.name = format!("{}-slash", h.profile);
    profile.issuer = Some(format!("{}/", emu.base_url()));
    h.console.add_profile(profile.clone()).unwrap();
    let err = h.console.sign_in(&profile.name).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::AuthFailed);
    assert!(err.to_string().contains("issuer"), "{err}");
}

#[tokio::test]
async fn a_role_without_console_access_signs_in_and_is_told_so() {
    let emu = emulator(900).await;
    let h = console(&emu.base_url(), as_person(PROVIDER), WAIT, SCOPES);
    let view = h.console.sign_in(&h.profile).await.unwrap();
    // A provider may change patient records through the API (patient_records_write), which
    // is no console screen: she is still told her role gives no console access.
    assert_eq!(
        view.me.permissions,
        vec![console_core::Permission::PatientRecordsWrite],
        "PROVIDER holds only patient-record rights"
    );
    assert!(!console_core::has_console_access(&view.me));
    h.sign_out().await;
}

#[tokio::test]
async fn without_a_refresh_token_the_session_ends_when_the_access_token_expires() {
    // No offline_access: standard servers then grant no refresh token.
    // 4-second tokens: the usual refresh point is at 2 s; times are whole seconds, so keep a
    // second of margin on each side.
    let emu = emulator(4).await;
    let h = console(&emu.base_url(), as_person(OWNER), WAIT, &["console"]);
    h.console.sign_in(&h.profile).await.unwrap();
    assert!(KeyringStore
        .get(&h.account())
        .unwrap()
        .unwrap()
        .refresh_token
        .is_none());
    // Still usable while the server accepts it, though past the usual refresh point.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    h.console
        .whoami(&h.profile)
        .await
        .expect("the access token is used until it expires");
    tokio::time::sleep(Duration::from_millis(3100)).await;
    let err = h.console.whoami(&h.profile).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::SessionExpired, "{err}");
    assert_eq!(emu.state.stats.refresh_grants.load(Ordering::SeqCst), 0);
    assert!(KeyringStore.get(&h.account()).unwrap().is_none());
}
