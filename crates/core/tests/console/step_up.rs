//! Step-up through the console core, against the emulator over real sockets (ManualClock), the
//! real keyring and the scripted browser: a high-risk operation with an old sign-in is refused
//! as `StepUpRequired` (the session goes on), `step_up` by the same person lets the retry pass,
//! and a different person answering is refused while the original session keeps working.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use crate::common::*;
use console_core::api::StaffRole;
use console_core::Error;
use platform_emulator::{start, EmulatorConfig, ManualClock};

const SAM: &str = "usr_sam_support";
const MAX_AGE: i64 = 300;

#[tokio::test]
async fn the_same_person_steps_up_and_the_operation_then_passes() {
    let clock = Arc::new(ManualClock::new());
    let emu = start(EmulatorConfig {
        demo_seed: true,
        clock: clock.clone(),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let browser = AnyPerson::new(OWNER);
    let h = console(
        &emu.base_url(),
        browser.clone(),
        Duration::from_secs(60),
        &["console", "offline_access"],
    );
    let (c, p) = (&h.console, h.profile.as_str());
    c.sign_in(p).await.unwrap();
    let sam = c.server_user(p, SAM).await.unwrap();
    let roles = [StaffRole::Support, StaffRole::Owner];
    clock.advance(MAX_AGE + 1);

    let refused = c.set_roles(p, SAM, &roles, sam.version, "covering").await;
    match refused {
        Err(Error::StepUpRequired { max_age, reason }) => {
            assert_eq!(max_age, Some(MAX_AGE as u64), "the challenge's max_age");
            assert!(
                reason.starts_with("Granting OWNER needs you to confirm it is you"),
                "{reason}"
            );
        }
        other => panic!("expected StepUpRequired, got {other:?}"),
    }
    // Not a session end: a refresh would not help, and nothing was signed out.
    assert_eq!(emu.state.stats.refresh_grants.load(Ordering::SeqCst), 0);
    assert!(c.current_session(p).await.unwrap().is_some());

    // Someone else at the keyboard answers the browser: refused, their tokens revoked.
    browser.set(SUPPORT);
    let revocations = emu.state.stats.revocations.load(Ordering::SeqCst);
    let wrong = c.step_up(p, Some(MAX_AGE as u64)).await;
    match &wrong {
        Err(Error::AuthFailed(why)) => assert!(why.contains("session is Olivia"), "{why}"),
        other => panic!("a different person must be refused, got {other:?}"),
    }
    assert!(
        emu.state.stats.revocations.load(Ordering::SeqCst) > revocations,
        "the other person's new tokens are revoked at once"
    );
    let still = c.whoami(p).await.unwrap();
    assert_eq!(
        still.me.user_id, "usr_olivia_owner",
        "the original session goes on"
    );
    assert!(
        matches!(
            c.set_roles(p, SAM, &roles, sam.version, "covering").await,
            Err(Error::StepUpRequired { .. })
        ),
        "and still needs its own step-up"
    );

    // Olivia herself confirms: the retry passes, with the reason she typed.
    browser.set(OWNER);
    let confirmed = c.step_up(p, Some(MAX_AGE as u64)).await.unwrap();
    assert_eq!(confirmed.me.user_id, "usr_olivia_owner");
    // The window takes this answer as its session: keeping the copy must stay on offer.
    assert!(confirmed.can_keep_copy);
    let granted = c
        .set_roles(p, SAM, &roles, sam.version, "covering")
        .await
        .unwrap();
    assert!(granted.staff_roles.contains(&StaffRole::Owner));
    let server = c.server_user(p, SAM).await.unwrap();
    assert!(
        server.staff_roles.contains(&StaffRole::Owner),
        "applied at the server"
    );
}
