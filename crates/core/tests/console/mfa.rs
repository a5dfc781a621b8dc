//! Staff MFA through the console core: an OWNER resets a staff member's authenticator, the
//! local copy shows it, and at that person's next sign-in the scripted browser completes the
//! platform's enrolment page, reports the new secret, and signs in with it afterwards.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use crate::common::*;
use console_core::BrowserOpener;
use platform_emulator::persona;

const SCOPES: &[&str] = &["console", "offline_access"];
const WAIT: Duration = Duration::from_secs(60);
const MIA: &str = persona("Member").id;

/// The scripted browser as Mia, with the authenticator secret given (none: only an enrolment
/// page can be answered), writing an enrolment's secret to `enrolled`.
struct Mia {
    secret: Option<String>,
    enrolled: PathBuf,
}

impl BrowserOpener for Mia {
    fn open(&self, url: &str) -> console_core::Result<()> {
        let (login, password) = persona("Member").login();
        let mut child = std::process::Command::new("node")
            .arg(scripted_browser())
            .arg(url)
            .env("SCRIPTED_BROWSER_LOGIN", login)
            .env("SCRIPTED_BROWSER_PASSWORD", password)
            .env(
                "SCRIPTED_BROWSER_TOTP_SECRET",
                self.secret.as_deref().unwrap_or(""),
            )
            .env("SCRIPTED_BROWSER_ENROLLED", &self.enrolled)
            .env_remove("SCRIPTED_BROWSER_CREDENTIALS")
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| console_core::Error::Internal(format!("node: {e}")))?;
        std::thread::spawn(move || child.wait());
        Ok(())
    }
}

#[tokio::test]
async fn after_an_owners_reset_the_person_enrols_through_the_browser_and_signs_in_with_it() {
    let emu = emulator(900).await;
    let owner = console(&emu.base_url(), as_person(OWNER), WAIT, SCOPES);
    owner.console.sign_in(&owner.profile).await.unwrap();
    let before = owner
        .console
        .server_user(&owner.profile, MIA)
        .await
        .unwrap();
    assert_eq!(
        before.mfa_enrolled,
        Some(true),
        "the demo's staff come enrolled"
    );
    let reset = owner
        .console
        .reset_mfa(&owner.profile, MIA, before.version, "lost phone")
        .await
        .expect("a fresh OWNER sign-in needs no step-up");
    assert_eq!(reset.mfa_enrolled, Some(false));
    let cached = owner
        .console
        .user_detail(&owner.profile, MIA)
        .await
        .unwrap();
    assert_eq!(
        cached.map(|d| d.user.mfa_enrolled),
        Some(Some(false)),
        "the local copy caught up with the reset"
    );

    // Mia's documented secret no longer counts: her sign-in shows the enrolment page, which the
    // browser completes with a code of the secret on that page.
    let dir = tempfile::tempdir().unwrap();
    let enrolled = dir.path().join("enrolled.json");
    let mia = console(
        &emu.base_url(),
        std::sync::Arc::new(Mia {
            secret: None,
            enrolled: enrolled.clone(),
        }),
        WAIT,
        SCOPES,
    );
    let view = mia
        .console
        .sign_in(&mia.profile)
        .await
        .expect("enrolled and signed in");
    assert_eq!(view.me.user_id, MIA);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&enrolled).expect("the secret is reported")).unwrap();
    let secret = report["totp_secret"].as_str().unwrap().to_string();
    assert_ne!(Some(secret.as_str()), persona("Member").totp_secret);
    let after = owner
        .console
        .server_user(&owner.profile, MIA)
        .await
        .unwrap();
    assert_eq!(after.mfa_enrolled, Some(true));
    mia.sign_out().await;

    // The next sign-in asks for a code of that new authenticator, and it is accepted.
    let again = console(
        &emu.base_url(),
        std::sync::Arc::new(Mia {
            secret: Some(secret),
            enrolled: dir.path().join("not-again.json"),
        }),
        WAIT,
        SCOPES,
    );
    again
        .console
        .sign_in(&again.profile)
        .await
        .expect("signed in with the new secret");
    assert!(
        !dir.path().join("not-again.json").exists(),
        "no second enrolment"
    );
    again.sign_out().await;
    owner.sign_out().await;
}
