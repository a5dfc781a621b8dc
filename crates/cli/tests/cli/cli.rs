//! `accessctl` against the emulator over real sockets: profiles, login through `$BROWSER`
//! (the scripted browser), whoami, logout; the real OS keyring holds the tokens.

use crate::common::*;
use serde_json::Value;

#[tokio::test]
async fn login_whoami_logout_with_a_scripted_browser() {
    let emu = demo_emulator().await;
    let cli = Cli::new(&emu.base_url(), SUPPORT);
    let profile = format!("cli-test-{}", std::process::id());

    let r = cli
        .run(&["profiles", "add", &profile, "--api-base", &emu.base_url()])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = cli.run(&["profiles", "list", "--json"]).await;
    let list: Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = list["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Demo", profile.as_str()],
        "the built-in Demo profile and ours"
    );

    // login opens $BROWSER, which signs in as Sam Support.
    let r = cli.run(&["--profile", &profile, "login"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Sam Support"), "{}", r.stdout);

    let r = cli.run(&["--profile", &profile, "whoami", "--json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let me: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(me["me"]["staff_roles"], serde_json::json!(["SUPPORT"]));
    assert_eq!(
        me["me"]["permissions"],
        serde_json::json!(["directory_read", "staff_read"])
    );
    let text = cli.run(&["--profile", &profile, "whoami"]).await.stdout;
    assert!(
        text.contains("organization:  Demo Clinic"),
        "people get readable text: {text}"
    );

    // The directory: sync into the local cache, then search and show from it.
    let r = cli.run(&["--profile", &profile, "sync", "--json"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let synced: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(synced["full"], true);
    assert!(synced["users"].as_u64().unwrap() > 1000, "{synced}");
    let r = cli
        .run(&[
            "--profile",
            &profile,
            "users",
            "search",
            "010-0142",
            "--json",
        ])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let found: Value = serde_json::from_str(&r.stdout).unwrap();
    let ids: Vec<&str> = found["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"usr_emily_dependent") && ids.contains(&"usr_john_guardian"),
        "{ids:?}"
    );
    let r = cli
        .run(&[
            "--profile",
            &profile,
            "users",
            "show",
            "usr_emily_dependent",
            "--json",
        ])
        .await;
    let detail: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(detail["household"]["guardian"]["id"], "usr_john_guardian");
    assert_eq!(
        detail["household"]["shared_phone"], true,
        "Emily shares her guardian's phone"
    );
    let text = cli
        .run(&[
            "--profile",
            &profile,
            "users",
            "show",
            "usr_emily_dependent",
        ])
        .await
        .stdout;
    assert!(text.contains("guardian: usr_john_guardian"), "{text}");

    // A kept copy is sealed: unreadable signed out, back without a sync after signing in.
    let r = cli
        .run(&["--profile", &profile, "logout", "--keep-copy", "--json"])
        .await;
    let out: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(out["copy_kept"], true, "{out}");
    let search = ["--profile", &profile, "users", "search", "Olivia", "--json"];
    let r = cli.run(&search).await;
    assert_eq!(
        r.code, 1,
        "signed out, the kept copy is not readable: {}",
        r.stdout
    );
    let err: Value = serde_json::from_str(r.stderr.trim().lines().last().unwrap()).unwrap();
    assert_eq!(err["code"], "not_signed_in");
    assert_eq!(cli.run(&["--profile", &profile, "login"]).await.code, 0);
    let r = cli.run(&search).await;
    assert_eq!(
        r.code, 0,
        "the kept copy opens for its person: {}",
        r.stderr
    );

    let r = cli.run(&["--profile", &profile, "logout", "--json"]).await;
    let out: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(out["revoked_at_server"], true);
    assert_eq!(out["copy_kept"], false);
    let r = cli.run(&search).await;
    assert_eq!(r.code, 1, "the deleted copy is gone: {}", r.stdout);

    let r = cli.run(&["--profile", &profile, "whoami", "--json"]).await;
    assert_eq!(r.code, 1, "whoami after logout fails");
    let err: Value = serde_json::from_str(r.stderr.trim().lines().last().unwrap()).unwrap();
    assert_eq!(err["code"], "not_signed_in");

    assert_eq!(cli.run(&["profiles", "remove", &profile]).await.code, 0);
    let r = cli.run(&["profiles", "remove", "Demo"]).await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("cannot be removed"), "{}", r.stderr);
}

#[tokio::test]
async fn bad_profile_input_is_refused_with_a_clear_message() {
    let cli = Cli::new("http://127.0.0.1:9", SUPPORT);
    let r = cli
        .run(&[
            "profiles",
            "add",
            "Prod",
            "--api-base",
            "http://api.example.org",
        ])
        .await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("must use https"), "{}", r.stderr);
    let r = cli.run(&["--profile", "Nope", "whoami"]).await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("no profile named 'Nope'"), "{}", r.stderr);
}

#[tokio::test]
async fn an_unreachable_platform_is_named_in_the_error() {
    // Port 9 (discard) on loopback: nothing listens there.
    let cli = Cli::new("http://127.0.0.1:9", SUPPORT);
    let r = cli.run(&["--profile", "Demo", "login"]).await;
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("Can't reach http://127.0.0.1:9"),
        "{}",
        r.stderr
    );
}
