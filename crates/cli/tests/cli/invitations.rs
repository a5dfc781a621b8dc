//! `accessctl users invite` and `users invitations` as an OWNER scripts them: the link is the
//! only thing on stdout, the invited person accepts it and signs in with the CLI; re-send
//! replaces the link, withdraw removes the person; SUPPORT is refused.

use crate::common::*;
use serde_json::Value;

const QUENTIN: (&str, &str) = (
    "quentin.harbor@demo-clinic.test",
    "plum-sextant-harbor-quietly-47",
);

/// The person's browser on the platform's page: the form posted with the password twice.
async fn accept(base: &str, code: &str) -> u16 {
    let (_, password) = QUENTIN;
    let form = [
        ("code", code),
        ("password", password),
        ("confirm", password),
    ];
    reqwest::Client::new()
        .post(format!("{base}/invitations/accept"))
        .form(&form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn code_of(link: &str) -> &str {
    link.split("code=")
        .nth(1)
        .expect("the link carries the code")
}

#[tokio::test]
async fn an_owner_invites_from_a_terminal_and_the_person_signs_in() {
    let emu = demo_emulator().await;
    let base = emu.base_url();
    // Staff sign in with a password only here: the config Owner turns MFA off first.
    let cora = Cli::new(&base, CONFIG_OWNER);
    let cora_p = cora.signed_in("inv-cora", &base).await;
    let set = [
        "settings",
        "set",
        "mfa_required_for_staff=false",
        "--reason",
        "test",
    ];
    let r = cora.on(&cora_p, &set).await;
    assert_eq!(r.code, 0, "{}", r.stderr);

    let cli = Cli::new(&base, OWNER);
    let profile = cli.signed_in("invite", &base).await;
    let invite = [
        "users",
        "invite",
        "--name",
        "Quentin Harbor",
        "--email",
        QUENTIN.0,
        "--role",
        "member",
        "--reason",
        "joins the front desk",
    ];
    let r = cli.on(&profile, &invite).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let link = r.stdout.trim().to_string();
    assert!(
        link.starts_with(&format!("{base}/invitations/accept?code=")),
        "stdout is the link alone: {:?}",
        r.stdout
    );
    assert!(r.stderr.contains("not shown again"), "{}", r.stderr);

    let r = cli.on(&profile, &["--json", "users", "invitations"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pending: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(pending[0]["email"], QUENTIN.0);
    assert_eq!(pending[0]["roles"], serde_json::json!(["MEMBER"]));
    assert!(
        !r.stdout.contains(code_of(&link)),
        "a listing never shows the code"
    );

    assert_eq!(accept(&base, code_of(&link)).await, 200);
    let quentin = Cli::new(&base, QUENTIN);
    let q_profile = quentin.signed_in("invited", &base).await;
    let r = quentin.on(&q_profile, &["--json", "whoami"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let me: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(me["me"]["staff_roles"], serde_json::json!(["MEMBER"]));
    let r = cli.on(&profile, &["users", "invitations"]).await;
    assert!(r.stdout.contains("0 pending invitation(s)"), "{}", r.stdout);
}

#[tokio::test]
async fn resend_replaces_the_link_withdraw_removes_the_person_and_support_is_refused() {
    let emu = demo_emulator().await;
    let base = emu.base_url();
    let cli = Cli::new(&base, OWNER);
    let profile = cli.signed_in("resend", &base).await;
    let invite = [
        "--json",
        "users",
        "invite",
        "--name",
        "Quentin Harbor",
        "--email",
        QUENTIN.0,
        "--role",
        "MEMBER",
        "--reason",
        "joins",
    ];
    let r = cli.on(&profile, &invite).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let created: Value = serde_json::from_str(&r.stdout).unwrap();
    let id = created["invitation"]["id"].as_str().unwrap().to_string();
    let first = created["code"].as_str().unwrap().to_string();

    let resend = ["users", "invitations", "resend", &id, "--reason", "lost it"];
    let r = cli.on(&profile, &resend).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let second = code_of(r.stdout.trim()).to_string();
    assert_ne!(second, first);
    assert_eq!(accept(&base, &first).await, 410, "the old link is dead");

    let withdraw = [
        "users",
        "invitations",
        "withdraw",
        &id,
        "--reason",
        "hired elsewhere",
    ];
    let r = cli.on(&profile, &withdraw).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Withdrew"), "{}", r.stdout);
    assert_eq!(accept(&base, &second).await, 410, "withdrawn");
    let r = cli.on(&profile, &["--json", "users", "invitations"]).await;
    assert_eq!(
        serde_json::from_str::<Value>(&r.stdout).unwrap(),
        serde_json::json!([])
    );

    let unknown = [
        "users", "invite", "--name", "Q", "--email", QUENTIN.0, "--role", "ADMIN", "--reason", "r",
    ];
    let r = cli.on(&profile, &unknown).await;
    assert_ne!(r.code, 0);
    assert!(
        r.stderr.contains("'ADMIN' is not a staff role"),
        "{}",
        r.stderr
    );

    let sam = Cli::new(&base, SUPPORT);
    let sam_p = sam.signed_in("inv-sam", &base).await;
    let r = sam
        .on(
            &sam_p,
            &[
                "users", "invite", "--name", "Q", "--email", QUENTIN.0, "--reason", "r",
            ],
        )
        .await;
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("OWNER"), "says who may: {}", r.stderr);
    assert!(r.stdout.is_empty(), "no link: {}", r.stdout);
}
