//! Households over real sockets: a dependent moved between guardians, a guardian's new contact
//! carried on by the household, and what a guardian may see by age and setting.

use crate::common::*;
use crate::people::{born, EMILY, JOHN};
use serde_json::{json, Value};

#[tokio::test]
async fn a_dependent_moves_to_another_guardian_and_takes_that_households_contact() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let g = env
        .create_person(
            &owner,
            json!({"kind": "GUARDIAN", "display_name": "Gina Guardian",
                   "email": "gina@mail.test", "reason": "aunt takes over"}),
        )
        .await;
    assert_eq!(g.status, 201, "{}", g.body);
    let gina = g.body["id"].as_str().unwrap();
    let a = env
        .edit_person(
            &owner,
            EMILY,
            json!({"guardian_id": gina, "reason": "moved in"}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["guardian_id"], gina);
    // She shared John's email and phone; she now shares Gina's email, and Gina has no phone.
    assert_eq!(a.body["email"], "gina@mail.test");
    assert_eq!(a.body["phone"], Value::Null);
    let event = env.last_event(&owner, EMILY).await;
    assert_eq!(event["action"], "user.move");
    assert_eq!(event["before"]["guardian_id"], JOHN);
    let johns = env
        .list_all(&format!("/v1/users/{JOHN}/dependents"), &owner)
        .await;
    assert!(johns.is_empty(), "{johns:?}");
    let ginas = env
        .list_all(&format!("/v1/users/{gina}/dependents"), &owner)
        .await;
    assert_eq!(ginas.len(), 1);
}

#[tokio::test]
async fn a_guardians_new_contact_is_the_one_the_household_shares() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let head = env.feed_head(&owner).await;
    let body = json!({"email": "john.g@mail.test", "phone": "", "reason": "new address"});
    let a = env.edit_person(&owner, JOHN, body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    // Emily carried John's email and phone: she now carries the new email and no phone.
    let emily = env.user(EMILY, &owner).await;
    assert_eq!(
        (&emily["email"], &emily["phone"]),
        (&json!("john.g@mail.test"), &Value::Null)
    );
    assert_eq!(
        env.feed_about(&owner, head, EMILY).await.len(),
        1,
        "her own feed entry"
    );
    // And she may still be edited: her contact is her guardian's.
    let a = env
        .edit_person(
            &owner,
            EMILY,
            json!({"display_name": "Emily G.", "reason": "r"}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
}

#[tokio::test]
async fn what_a_guardian_sees_follows_the_age_and_the_setting() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let teen = env
        .create_person(
            &owner,
            json!({"kind": "DEPENDENT", "display_name": "Tess Guardian", "guardian_id": JOHN,
                   "email": "john.guardian@mail.test", "date_of_birth": born(&env, 14, 0),
                   "reason": "second child"}),
        )
        .await;
    assert_eq!(teen.status, 201, "{}", teen.body);
    let tess = teen.body["id"].as_str().unwrap().to_string();
    let access = |users: &[Value], id: &str| {
        users.iter().find(|u| u["id"] == id).unwrap()["guardian_access"].clone()
    };
    let household = env
        .list_all(&format!("/v1/users/{JOHN}/dependents"), &owner)
        .await;
    assert_eq!(access(&household, EMILY), "full", "9: everything");
    assert_eq!(access(&household, &tess), "limited", "14: the default rule");
    assert_eq!(env.user(JOHN, &owner).await.get("guardian_access"), None);
    let cora = env.token_for(CONFIG_OWNER).await;
    env.change(
        &cora,
        json!({"guardian_access_12_17": "none"}),
        "privacy review",
    )
    .await;
    let household = env
        .list_all(&format!("/v1/users/{JOHN}/dependents"), &owner)
        .await;
    assert_eq!(access(&household, &tess), "none", "the setting acts");
    assert_eq!(
        access(&household, EMILY),
        "full",
        "under 12 it does not apply"
    );
    let lower = json!({"dependent_leaves_guardian_at_age": 16, "guardian_access_12_17": "full"});
    env.change(&cora, lower, "r").await;
    assert_eq!(env.user(&tess, &owner).await["guardian_access"], "full");
    // At the (new) age-out the guardian sees nothing more.
    let sixteen = json!({"date_of_birth": born(&env, 16, 0), "reason": "corrected"});
    let a = env.edit_person(&owner, &tess, sixteen).await;
    assert_eq!(a.body["guardian_access"], "none", "{}", a.body);
    let (_, schema) = env.get_json("/v1/users/schema", &owner).await;
    assert_eq!(schema["dependent_leaves_guardian_at_age"], 16);
    assert_eq!(schema["guardian_access_12_17"], "full");
}
