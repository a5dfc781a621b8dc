//! Each rule of the guide refused over HTTP with its own problem code, and nothing stored.

use crate::common::write::*;
use crate::common::*;
use crate::people::{born, EMILY, JOHN};
use serde_json::json;

#[tokio::test]
async fn each_rule_is_refused_with_its_own_problem_code_and_nothing_is_stored() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let head = env.feed_head(&owner).await;
    let cases = [
        // Primary consumers each have a contact of their own.
        (
            json!({"kind": "HCP", "display_name": "Dr. Copy", "email": "PAT.patient@mail.test"}),
            (409, "contact_taken"),
        ),
        (
            json!({"kind": "GUARDIAN", "display_name": "Copy", "phone": "555.010.0142"}),
            (409, "contact_taken"),
        ),
        (
            json!({"kind": "PATIENT", "display_name": "Nobody"}),
            (422, "contact_required"),
        ),
        // A dependent carries only its guardian's contact, not any other.
        (
            json!({"kind": "DEPENDENT", "display_name": "Kid", "guardian_id": JOHN,
                   "email": "kid@mail.test"}),
            (422, "not_guardians_contact"),
        ),
        (
            json!({"kind": "DEPENDENT", "display_name": "Kid", "guardian_id": JOHN,
                   "phone": "(555) 010-0199"}),
            (422, "not_guardians_contact"),
        ),
        (
            json!({"kind": "DEPENDENT", "display_name": "Kid"}),
            (422, "invalid_guardian"),
        ),
        (
            json!({"kind": "DEPENDENT", "display_name": "Kid", "guardian_id": PAT}),
            (422, "invalid_guardian"),
        ),
        // The served schema's field rules, every refused field listed.
        (
            json!({"kind": "PATIENT", "display_name": " ", "email": "nope",
                   "date_of_birth": born(&env, -1, 0)}),
            (422, "invalid_person"),
        ),
    ];
    for (mut body, expected) in cases {
        body["reason"] = json!("test");
        let a = env.create_person(&owner, body.clone()).await;
        assert_eq!((a.status, a.code()), expected, "{body}: {}", a.body);
        assert!(a.body["type"].as_str().unwrap().ends_with(expected.1));
    }
    let a = env
        .create_person(
            &owner,
            json!({"kind": "PATIENT", "display_name": " ", "email": "nope",
                   "date_of_birth": "2023-02-29", "reason": "r"}),
        )
        .await;
    let keys: Vec<&str> = a.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["display_name", "email", "date_of_birth"]);
    // Staff emails are unique; a dependent's contact stays its guardian's on edit too.
    let a = env
        .edit_person(
            &owner,
            MIA,
            json!({"email": "olivia.owner@demo-clinic.test", "reason": "r"}),
        )
        .await;
    assert_eq!(
        (a.status, a.code()),
        (409, "staff_email_taken"),
        "{}",
        a.body
    );
    let a = env
        .edit_person(
            &owner,
            EMILY,
            json!({"email": "emily@mail.test", "reason": "r"}),
        )
        .await;
    assert_eq!((a.status, a.code()), (422, "not_guardians_contact"));
    let a = env
        .edit_person(
            &owner,
            PAT,
            json!({"phone": "(555) 010-0142", "reason": "r"}),
        )
        .await;
    assert_eq!((a.status, a.code()), (409, "contact_taken"));
    let (changes, _) = env.changes_after(head, &owner).await;
    assert!(
        changes.is_empty(),
        "refused writes leave no trace: {changes:?}"
    );
}

#[tokio::test]
async fn the_person_schema_is_served_to_readers_as_data() {
    let env = env().await;
    let sam = env.token_for(SUPPORT).await;
    let (status, schema) = env.get_json("/v1/users/schema", &sam).await;
    assert_eq!(status, 200, "{schema}");
    let keys: Vec<&str> = schema["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["display_name", "email", "phone", "date_of_birth"]);
    assert_eq!(
        schema["creatable_kinds"],
        json!(["PATIENT", "HCP", "GUARDIAN", "DEPENDENT"])
    );
    let dob = &schema["fields"][3]["type"];
    assert_eq!(dob["kind"], "date");
    assert_eq!(dob["max"], born(&env, 0, 0), "no one is born after today");
    assert_eq!(schema["dependent_leaves_guardian_at_age"], 18);
}
