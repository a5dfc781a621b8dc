//! `accessctl users create|edit|suspend|reactivate|remove|move|convert|coming-of-age` as an
//! owner would use them: each verb once, with `--json`, and a refusal's message.

use crate::common::*;
use serde_json::Value;

const JOHN: &str = "usr_john_guardian";
const EMILY: &str = "usr_emily_dependent";

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[tokio::test]
async fn every_people_verb_once_with_json_and_a_refusal() {
    let emu = demo_emulator().await;
    let cli = Cli::new(&emu.base_url(), OWNER);
    let profile = cli.signed_in("users", &emu.base_url()).await;

    let r = cli
        .on(
            &profile,
            &[
                "--json",
                "users",
                "create",
                "--kind",
                "guardian",
                "--name",
                "Gina Guardian",
                "--phone",
                "(555) 777-8888",
                "--reason",
                "new household",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let gina = json(&r.stdout);
    let gina_id = gina["id"].as_str().unwrap().to_string();
    assert_eq!(gina["kind"], "GUARDIAN");

    // A dependent may carry only its guardian's contact: refused, with the rule's words.
    let r = cli
        .on(
            &profile,
            &[
                "users",
                "create",
                "--kind",
                "DEPENDENT",
                "--name",
                "Kid",
                "--guardian",
                gina_id.as_str(),
                "--email",
                "kid@mail.test",
                "--reason",
                "r",
            ],
        )
        .await;
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("a dependent may carry only its own guardian's email and phone"),
        "{}",
        r.stderr
    );

    let r = cli
        .on(
            &profile,
            &[
                "users",
                "edit",
                EMILY,
                "--born",
                "2016-03-04",
                "--reason",
                "records",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("Edited Emily Guardian"),
        "{}",
        r.stdout
    );

    let r = cli
        .on(
            &profile,
            &[
                "--json",
                "users",
                "move",
                EMILY,
                "--to",
                gina_id.as_str(),
                "--reason",
                "moved",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let emily = json(&r.stdout);
    assert_eq!(
        (&emily["guardian_id"], &emily["phone"]),
        (
            &Value::from(gina_id.clone()),
            &Value::from("(555) 777-8888")
        )
    );

    // Emily is ten: converting her is refused before the age-out.
    let r = cli
        .on(
            &profile,
            &[
                "users",
                "convert",
                EMILY,
                "--email",
                "emily@mail.test",
                "--reason",
                "r",
            ],
        )
        .await;
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("becomes a primary consumer at 18"),
        "{}",
        r.stderr
    );

    let r = cli
        .on(
            &profile,
            &[
                "--json",
                "users",
                "suspend",
                "usr_pat_patient",
                "--reason",
                "audit",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(json(&r.stdout)["status"], "suspended");
    let r = cli
        .on(
            &profile,
            &[
                "users",
                "reactivate",
                "usr_pat_patient",
                "--reason",
                "cleared",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("Reactivated Pat Patient"),
        "{}",
        r.stdout
    );

    // John has no dependents left; removing him needs no plan. Gina needs one.
    let r = cli
        .on(
            &profile,
            &["users", "remove", gina_id.as_str(), "--reason", "left"],
        )
        .await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("still has dependents"), "{}", r.stderr);
    let r = cli
        .on(
            &profile,
            &[
                "--json",
                "users",
                "remove",
                gina_id.as_str(),
                "--move-dependents-to",
                JOHN,
                "--reason",
                "left",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let removal = json(&r.stdout);
    assert_eq!(removal["moved"], serde_json::json!([EMILY]));

    let r = cli.on(&profile, &["sync"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = cli
        .on(
            &profile,
            &["--json", "users", "coming-of-age", "--days", "90"],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list = json(&r.stdout);
    assert!(!list["items"].as_array().unwrap().is_empty(), "{list}");
    let r = cli.on(&profile, &["users", "coming-of-age", "--csv"]).await;
    assert!(
        r.stdout.starts_with("id,name,date_of_birth,turns_on"),
        "{}",
        r.stdout
    );
}
