//! `accessctl settings` as config users would use it: a Member changes what a Member may and is
//! refused the rest by name; an Owner compares versions and restores one.

use crate::common::*;
use serde_json::Value;

/// A CLI signed in as `login` on its own profile.
async fn signed_in(
    demo_url: &str,
    login: (&'static str, &'static str),
    name: &str,
) -> (Cli, String) {
    let cli = Cli::new(demo_url, login);
    let profile = cli.signed_in(&format!("settings-{name}"), demo_url).await;
    (cli, profile)
}

#[tokio::test]
async fn settings_show_set_history_diff_and_restore() {
    let emu = demo_emulator().await;
    let (cora, cora_p) = signed_in(&emu.base_url(), CONFIG_OWNER, "owner").await;
    let (milo, milo_p) = signed_in(&emu.base_url(), CONFIG_MEMBER, "member").await;

    let r = milo.on(&milo_p, &["settings", "show"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Grouped, labelled, and the Owner-only fields marked as such.
    for text in [
        "Settings version 1",
        "Security",
        "Maximum API key lifetime (max_api_key_lifetime_days)",
        "365 days  [Owner only]",
        "Demo Clinic",
    ] {
        assert!(r.stdout.contains(text), "{text} in:\n{}", r.stdout);
    }

    // Values are read by their field's type: text, booleans, comma-separated lists.
    let r = milo
        .on(
            &milo_p,
            &[
                "settings",
                "set",
                "time_zone=Europe/Paris",
                "guardian_access_12_17=none",
                "allowed_redirect_uris=https://app.demo-clinic.test/cb, http://127.0.0.1/cb",
                "--reason",
                "we moved",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("(time_zone): UTC -> Europe/Paris"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Saved as version 2."), "{}", r.stdout);
    let r = milo.on(&milo_p, &["--json", "settings", "show"]).await;
    let doc: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["values"]["guardian_access_12_17"], "none");
    assert_eq!(
        doc["values"]["allowed_redirect_uris"],
        serde_json::json!(["https://app.demo-clinic.test/cb", "http://127.0.0.1/cb"])
    );

    // Refusals: by the console before sending (type, bounds), by the server for Owner-only.
    let refused = [
        ("max_api_key_lifetime_days=soon", "not a whole number"),
        ("time_zone=Mars/Base", "is not one of the"),
        ("key_rotation_overlap_hours=500", "from 0 to 168"),
        ("no_such_setting=1", "is not a setting"),
        ("idle_sign_out_minutes=5", "idle_sign_out_minutes"),
    ];
    for (pair, why) in refused {
        let r = milo
            .on(&milo_p, &["settings", "set", pair, "--reason", "try"])
            .await;
        assert_eq!(r.code, 1, "{pair} refused");
        assert!(r.stderr.contains(why), "{pair}: {}", r.stderr);
    }
    let r = milo
        .on(&milo_p, &["settings", "restore", "1", "--reason", "undo"])
        .await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("config Owner"), "{}", r.stderr);

    let r = cora.on(&cora_p, &["settings", "history"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[0].trim_start().starts_with("2 ") && lines[0].contains("we moved"),
        "{}",
        r.stdout
    );
    assert!(lines[1].trim_start().starts_with("1 "), "{}", r.stdout);
    let r = cora.on(&cora_p, &["settings", "diff", "1", "2"]).await;
    assert!(
        r.stdout
            .contains("Time zone (time_zone): UTC -> Europe/Paris"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("(allowed_redirect_uris): (none) -> https://app.demo-clinic.test/cb"),
        "{}",
        r.stdout
    );

    let r = cora
        .on(
            &cora_p,
            &["settings", "restore", "1", "--reason", "undo the move"],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Restored version 1 as version 3."),
        "{}",
        r.stdout
    );
    let r = cora
        .on(&cora_p, &["--json", "settings", "show", "--version", "3"])
        .await;
    let v3: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v3["restored_from"], 1);
    assert_eq!(v3["values"]["time_zone"], "UTC");
    assert_eq!(v3["reason"], "undo the move");
}
