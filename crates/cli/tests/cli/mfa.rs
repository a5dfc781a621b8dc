//! `accessctl users mfa-reset`: an OWNER resets a staff member's authenticator after confirming
//! it is them (step-up, ManualClock moved past max_age), the local copy then says so, and a
//! SUPPORT member is refused by the platform.

use std::sync::Arc;

use crate::common::*;
use platform_emulator::{start, EmulatorConfig, ManualClock};

#[tokio::test]
async fn an_owner_resets_mfa_after_confirming_it_is_them_and_support_may_not() {
    let clock = Arc::new(ManualClock::new());
    let emu = start(EmulatorConfig {
        demo_seed: true,
        clock: clock.clone(),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let base = emu.base_url();

    let sam = Cli::new(&base, SUPPORT);
    let profile = sam.signed_in("mfa-support", &base).await;
    let refused = sam
        .on(
            &profile,
            &[
                "users",
                "mfa-reset",
                "usr_mia_member",
                "--reason",
                "lost phone",
            ],
        )
        .await;
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(
        refused.stderr.contains("read only"),
        "the platform's refusal: {}",
        refused.stderr
    );

    let olivia = Cli::new(&base, OWNER);
    let profile = olivia.signed_in("mfa-owner", &base).await;
    assert_eq!(olivia.on(&profile, &["sync"]).await.code, 0);
    let shown = olivia
        .on(&profile, &["users", "show", "usr_mia_member"])
        .await;
    assert!(shown.stdout.contains("mfa: enrolled"), "{}", shown.stdout);

    // An old sign-in: the reset asks Olivia to confirm (the scripted browser answers with her
    // password and code), then goes through once.
    clock.advance(301);
    let reset = olivia
        .on(
            &profile,
            &[
                "users",
                "mfa-reset",
                "usr_mia_member",
                "--reason",
                "lost phone",
            ],
        )
        .await;
    assert_eq!(reset.code, 0, "{}", reset.stderr);
    assert!(reset
        .stderr
        .contains("Resetting someone's MFA needs you to confirm it is you"));
    assert!(
        reset.stdout.contains("Mia Member: MFA reset"),
        "{}",
        reset.stdout
    );
    let shown = olivia
        .on(&profile, &["users", "show", "usr_mia_member"])
        .await;
    assert!(
        shown.stdout.contains("mfa: not enrolled"),
        "the cache caught up: {}",
        shown.stdout
    );
}
