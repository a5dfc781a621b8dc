//! `accessctl profiles edit | test | export | import` against the emulator over real sockets:
//! the same rules and the same report words as the window, from the core.

use crate::common::*;
use serde_json::Value;

#[tokio::test]
async fn test_prints_the_report_and_fails_on_a_wrong_client_id() {
    let emu = demo_emulator().await;
    let cli = Cli::new(&emu.base_url(), SUPPORT);
    let r = cli
        .run(&["profiles", "add", "Clinic", "--api-base", &emu.base_url()])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = cli.run(&["profiles", "test", "Clinic"]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    for line in [
        "ok   PKCE S256",
        "ok   Refresh tokens",
        "OpenID Connect",
        "knows the client id 'access-console'",
    ] {
        assert!(r.stdout.contains(line), "{line}: {}", r.stdout);
    }

    // edit keeps what is not given; the wrong client id is found by asking the server.
    let r = cli
        .run(&["profiles", "edit", "Clinic", "--client-id", "typo-console"])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = cli.run(&["profiles", "test", "Clinic", "--json"]).await;
    assert_eq!(r.code, 1);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    let client = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "client")
        .unwrap();
    assert_eq!(client["status"], "fail");
    assert!(
        client["detail"]
            .as_str()
            .unwrap()
            .contains("'typo-console'"),
        "{client}"
    );
    assert!(r.stderr.contains("marked FAIL"), "{}", r.stderr);

    // The same checks as add: a bad field is refused with add's words, nothing changes.
    let r = cli
        .run(&[
            "profiles",
            "edit",
            "Clinic",
            "--api-base",
            "http://api.example.org",
        ])
        .await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("must use https"), "{}", r.stderr);
    let r = cli
        .run(&[
            "profiles",
            "edit",
            "Clinic",
            "--rename",
            "Main",
            "--client-id",
            "access-console",
        ])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list = cli.run(&["profiles", "list"]).await.stdout;
    assert!(list.contains("Main") && !list.contains("Clinic"), "{list}");
    assert!(
        cli.run(&["profiles", "edit", "Demo", "--client-id", "x"])
            .await
            .code
            != 0
    );
}

#[tokio::test]
async fn export_then_import_elsewhere_gives_the_same_profile_and_no_secret() {
    let emu = demo_emulator().await;
    let from = Cli::new(&emu.base_url(), SUPPORT);
    let r = from
        .run(&[
            "profiles",
            "add",
            "Clinic",
            "--api-base",
            &emu.base_url(),
            "--issuer",
            &emu.base_url(),
            "--scope",
            "console",
        ])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = from.config_home.path().join("clinic.acprofile");
    let r = from
        .run(&["profiles", "export", "Clinic", "-o", file.to_str().unwrap()])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\"format\": \"access-console-profile\""),
        "{text}"
    );

    let to = Cli::new(&emu.base_url(), SUPPORT);
    let r = to
        .run(&["profiles", "import", file.to_str().unwrap()])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list: Value =
        serde_json::from_str(&to.run(&["profiles", "list", "--json"]).await.stdout).unwrap();
    let imported = &list["profiles"][1];
    assert_eq!(imported["name"], "Clinic");
    assert_eq!(imported["issuer"], emu.base_url());
    assert_eq!(imported["scopes"], serde_json::json!(["console"]));
    // A second import clashes by name, with add's words.
    let r = to
        .run(&["profiles", "import", file.to_str().unwrap()])
        .await;
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    // A file with a secret in it is refused.
    let leaked = text.replace("\"scopes\"", "\"client_secret\": \"hunter2\", \"scopes\"");
    std::fs::write(&file, leaked).unwrap();
    let r = Cli::new(&emu.base_url(), SUPPORT)
        .run(&["profiles", "import", file.to_str().unwrap()])
        .await;
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("'client_secret'") && !r.stderr.contains("hunter2"),
        "{}",
        r.stderr
    );
}
