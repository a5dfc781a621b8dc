//! The app and `accessctl` signed in as the same person on the same profile, both refreshing:
//! each keeps its own session in the keyring, so neither presents a refresh token the other
//! already spent (which the platform treats as theft and answers by ending the whole family).

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use crate::common::*;
use console_core::{Client, Console, ConsoleConfig, KeyringStore, TokenStore};

const WAIT: Duration = Duration::from_secs(60);

/// A console for `client` over the harness's folders and the real keyring: the same profile,
/// as the app and the CLI find it in the OS config directory.
fn console_for(h: &Harness, client: Client) -> Console {
    Console::new(ConsoleConfig {
        config_dir: h.config_dir.path().to_path_buf(),
        data_dir: h.data_dir.path().to_path_buf(),
        demo_api_base: String::new(),
        store: Arc::new(KeyringStore),
        opener: as_person(OWNER),
        sign_in_timeout: WAIT,
        client,
    })
}

#[tokio::test]
async fn app_and_cli_refreshing_in_turn_both_stay_signed_in() {
    let emu = emulator(900).await;
    let h = console(
        &emu.base_url(),
        as_person(OWNER),
        WAIT,
        &["console", "offline_access"],
    );
    let profile = h.profile.clone();
    // The app runs for hours and keeps its tokens in memory; every `accessctl` command is a
    // new process that reads the keyring afresh. That is what made a shared entry fatal: the
    // CLI spent the refresh token the app still held.
    let app = console_for(&h, Client::App);
    assert_eq!(app.client(), Client::App);
    app.sign_in(&profile).await.expect("the app signs in");
    let cli = console_for(&h, Client::Cli);
    cli.sign_in(&profile).await.expect("the CLI signs in");
    drop(cli);

    let grants_before = emu.state.stats.refresh_grants.load(Ordering::SeqCst);
    for round in 0..4 {
        app.session(&profile)
            .unwrap()
            .refresh()
            .await
            .unwrap_or_else(|e| panic!("round {round}: the app's refresh failed: {e}"));
        let cli = console_for(&h, Client::Cli);
        cli.session(&profile)
            .unwrap()
            .refresh()
            .await
            .unwrap_or_else(|e| panic!("round {round}: the CLI's refresh failed: {e}"));
    }
    assert_eq!(
        emu.state.stats.refresh_grants.load(Ordering::SeqCst) - grants_before,
        8,
        "every forced refresh reached the server"
    );

    // Both sessions still answer `/v1/me`: the long-running app, a new CLI process, and the
    // app started again (it reads its own entry from the keyring).
    let me = app
        .whoami(&profile)
        .await
        .expect("the app is still signed in");
    assert_eq!(me.me.display_name, "Olivia Owner");
    let cli = console_for(&h, Client::Cli);
    cli.whoami(&profile)
        .await
        .expect("the CLI is still signed in");
    let restarted = console_for(&h, Client::App);
    restarted
        .whoami(&profile)
        .await
        .expect("the app's stored sign-in still works after a restart");
    // And with the tokens themselves, so no refresh inside `whoami` can hide a dead session.
    for client in [Client::App, Client::Cli] {
        let account = console_core::token_store::account(client, &profile);
        let tokens = KeyringStore
            .get(&account)
            .unwrap()
            .unwrap_or_else(|| panic!("{account} is in the keyring"));
        assert_eq!(
            me_status(&emu.base_url(), tokens.access_token.expose()).await,
            200,
            "{account}'s access token works"
        );
    }

    // Signing the CLI out ends the CLI's session only.
    cli.sign_out(&profile, console_core::LocalCopy::Delete)
        .await
        .unwrap();
    assert!(KeyringStore
        .get(&console_core::token_store::account(Client::Cli, &profile))
        .unwrap()
        .is_none());
    app.whoami(&profile)
        .await
        .expect("the app outlives the CLI's sign-out");
    app.sign_out(&profile, console_core::LocalCopy::Delete)
        .await
        .unwrap();
}
