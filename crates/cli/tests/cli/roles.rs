//! `accessctl roles` and `accessctl audit` as an owner would use them in a runbook.

use crate::common::*;
use serde_json::Value;

#[tokio::test]
async fn roles_show_set_apply_and_audit_list() {
    let emu = demo_emulator().await;
    let cli = Cli::new(&emu.base_url(), OWNER);
    let profile = cli.signed_in("roles", &emu.base_url()).await;

    let r = cli.on(&profile, &["roles", "show", "usr_mia_member"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Each role is explained in the seed guide's words.
    assert!(
        r.stdout.contains("MEMBER") && r.stdout.contains("general member"),
        "{}",
        r.stdout
    );

    // A dry run shows the plan and changes nothing.
    let args = [
        "roles",
        "set",
        "usr_mia_member",
        "--add",
        "support",
        "--reason",
        "help desk",
        "--dry-run",
    ];
    let r = cli.on(&profile, &args).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("Dry run: nothing was changed"),
        "{}",
        r.stdout
    );
    let r = cli
        .on(&profile, &["--json", "roles", "show", "usr_mia_member"])
        .await;
    let mia: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(mia["staff_roles"], serde_json::json!(["MEMBER"]));

    let r = cli.on(&profile, &args[..args.len() - 1]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("MEMBER -> MEMBER, SUPPORT"),
        "{}",
        r.stdout
    );

    // A guardrail is explained and the command fails.
    let r = cli
        .on(
            &profile,
            &[
                "roles",
                "set",
                "usr_olivia_owner",
                "--remove",
                "OWNER",
                "--reason",
                "leaving",
            ],
        )
        .await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("OWNER"), "{}", r.stderr);
    // An unknown role is refused before anything is sent.
    let r = cli
        .on(
            &profile,
            &[
                "roles",
                "set",
                "usr_mia_member",
                "--add",
                "ADMIN",
                "--reason",
                "x",
            ],
        )
        .await;
    // Checked against the platform's role catalog, which names the roles there are.
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("ADMIN is not a staff role of this platform; the roles are OWNER, MEMBER"),
        "{}",
        r.stderr
    );

    // A batch file: dry run by default, then applied, with an undo file that restores.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("batch.csv");
    std::fs::write(
        &file,
        "user_id,add,remove\nusr_mia_member,DISPATCH,SUPPORT\nusr_pat_patient,THERAPIST,\n",
    )
    .unwrap();
    let file_arg = file.display().to_string();
    let r = cli
        .on(&profile, &["roles", "apply", &file_arg, "--reason", "rota"])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("0 applied, 1 refused"), "{}", r.stdout);
    let r = cli
        .on(
            &profile,
            &["roles", "apply", &file_arg, "--reason", "rota", "--apply"],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("1 applied, 1 refused"), "{}", r.stdout);
    let undo = dir.path().join("batch.undo.json");
    assert!(undo.exists(), "the undo plan is written next to the batch");
    let r = cli
        .on(
            &profile,
            &[
                "roles",
                "apply",
                &undo.display().to_string(),
                "--reason",
                "undo rota",
                "--apply",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = cli
        .on(&profile, &["--json", "roles", "show", "usr_mia_member"])
        .await;
    let mia: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(mia["staff_roles"], serde_json::json!(["MEMBER", "SUPPORT"]));

    // The audit trail has all three changes to Mia, newest first, with their reasons.
    let r = cli
        .on(
            &profile,
            &["--json", "audit", "list", "--target", "usr_mia_member"],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page: Value = serde_json::from_str(&r.stdout).unwrap();
    let reasons: Vec<&str> = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["undo rota", "rota", "help desk"]);
    let r = cli
        .on(
            &profile,
            &["audit", "list", "--target", "usr_mia_member", "--csv"],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().count(),
        4,
        "a header and three rows: {}",
        r.stdout
    );
    assert!(r.stdout.starts_with("time_utc,actor_id"));
    cli.on(&profile, &["logout"]).await;
}
