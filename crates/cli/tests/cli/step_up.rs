//! `accessctl` and step-up: granting OWNER with a sign-in older than the platform's max_age
//! explains why, runs the browser sign-in, and retries once; someone else answering the browser
//! is refused and the original session goes on. ManualClock: the emulator runs in this process.

use std::sync::Arc;

use crate::common::*;
use platform_emulator::{start, EmulatorConfig, ManualClock};

#[tokio::test]
async fn granting_owner_from_a_terminal_asks_to_confirm_then_retries_once() {
    let clock = Arc::new(ManualClock::new());
    let emu = start(EmulatorConfig {
        demo_seed: true,
        clock: clock.clone(),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    let base = emu.base_url();
    let cli = Cli::new(&base, OWNER);
    let profile = cli.signed_in("stepup", &base).await;
    let p = ["--profile", profile.as_str()];
    clock.advance(301);
    let grant = [
        p[0],
        p[1],
        "roles",
        "set",
        "usr_sam_support",
        "--add",
        "OWNER",
        "--reason",
        "covering for Olivia",
    ];

    // Sam answers the browser: refused, nothing granted, Olivia still signed in.
    let sam = [
        ("SCRIPTED_BROWSER_LOGIN", SUPPORT.0),
        ("SCRIPTED_BROWSER_PASSWORD", SUPPORT.1),
        (
            "SCRIPTED_BROWSER_TOTP_SECRET",
            platform_emulator::totp_secret_for(SUPPORT.0).unwrap_or_default(),
        ),
    ];
    let refused = cli.run_with_env(&grant, &sam).await;
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    assert!(
        refused
            .stderr
            .contains("Granting OWNER needs you to confirm it is you"),
        "the reason is the platform's: {}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("session is Olivia"),
        "{}",
        refused.stderr
    );
    let who = cli.run(&[p[0], p[1], "whoami"]).await;
    assert_eq!(who.code, 0, "{}", who.stderr);
    assert!(who.stdout.contains("Olivia"), "{}", who.stdout);

    // Olivia confirms: the same command succeeds after one retry.
    let granted = cli.run(&grant).await;
    assert_eq!(granted.code, 0, "{}", granted.stderr);
    assert!(
        granted.stderr.contains("Confirmed: Olivia"),
        "{}",
        granted.stderr
    );
    assert!(
        granted.stdout.contains("-> OWNER, SUPPORT"),
        "the server's answer shows the grant: {}",
        granted.stdout
    );
}
