//! Whom an OWNER may act for and on what terms, over real sockets: refusals in words, the
//! step-up challenge, and the organization's `max_acting_minutes`.

use crate::common::accounts::*;
use crate::common::write::{Answer, OLIVIA, PAT, PRIYA, SAM};
use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn an_owner_acts_only_for_an_active_staff_member_who_is_not_an_owner() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let refused = |answer: &Answer, status: u16, code: &str, says: &str| {
        assert_eq!(
            (answer.status, answer.code()),
            (status, code),
            "{}",
            answer.body
        );
        let detail = answer.body["detail"].as_str().unwrap_or_default();
        assert!(detail.contains(says), "{says}: {detail}");
    };
    let other_owner = env.other_active_owners(&owner).await.remove(0);
    refused(
        &env.start_acting(&owner, &other_owner, 5).await,
        403,
        "acting_not_allowed",
        "cannot act for another OWNER",
    );
    refused(
        &env.start_acting(&owner, PAT, 5).await,
        403,
        "acting_not_allowed",
        "not a staff member",
    );
    refused(
        &env.start_acting(&owner, OLIVIA, 5).await,
        403,
        "acting_not_allowed",
        "yourself",
    );
    refused(
        &env.start_acting(&owner, "usr_nobody", 5).await,
        404,
        "not_found",
        "usr_nobody",
    );
    let body = json!({"user_id": SAM, "reason": " ", "minutes": 5});
    let answer = env.post_json("/v1/acting", &owner, &body).await;
    assert_eq!(
        (answer.status, answer.code()),
        (422, "reason_required"),
        "{}",
        answer.body
    );
    refused(
        &env.start_acting(&owner, SAM, 0).await,
        422,
        "invalid_request",
        "from 1 to 30",
    );
    refused(
        &env.start_acting(&owner, SAM, 31).await,
        422,
        "invalid_request",
        "from 1 to 30",
    );
    // Sam holds no act_on_behalf.
    let sam = env.token_for(SUPPORT).await;
    refused(
        &env.start_acting(&sam, PRIYA, 5).await,
        403,
        "read_only_role",
        "OWNER",
    );
    // Not from a delegated token: acting starts from one's own sign-in only.
    let (token, _) = env.acting_for(&owner, PRIYA, 5).await;
    refused(
        &env.start_acting(&token, SAM, 5).await,
        403,
        "acting_not_allowed",
        "own sign-in",
    );
    // Nor from a service account's key.
    let key = secret_of(&env.create_key(&owner, BOT, "acting", 30).await);
    refused(
        &env.start_acting(&key, SAM, 5).await,
        403,
        "acting_not_allowed",
        "",
    );
    let (_, events) = env.audit("action=acting.start", &owner).await;
    assert_eq!(events, 1, "only the one start that was allowed");
}

#[tokio::test]
async fn starting_to_act_needs_a_recent_sign_in() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    env.clock.advance(301);
    let answer = env.start_acting(&owner, SAM, 5).await;
    assert_eq!(
        (answer.status, answer.code()),
        (401, "insufficient_user_authentication"),
        "{}",
        answer.body
    );
    assert_eq!(answer.body["max_age"], 300);
    assert!(answer
        .header("www-authenticate")
        .unwrap()
        .ends_with("max_age=300"));
    let detail = answer.body["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("Acting for someone needs you to confirm it is you"),
        "{detail}"
    );
    let (_, total) = env.audit("action=acting.start", &owner).await;
    assert_eq!(total, 0, "refused: nothing started");
    let fresh = env.token_for(OWNER).await;
    assert_eq!(env.start_acting(&fresh, SAM, 5).await.status, 201);
}

#[tokio::test]
async fn max_acting_minutes_bounds_how_long_an_owner_acts() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    assert_eq!(
        env.start_acting(&owner, SAM, 30).await.status,
        201,
        "the default allows 30"
    );
    let cora = env.token_for(CONFIG_OWNER).await;
    env.change(&cora, json!({"max_acting_minutes": 10}), "shorter")
        .await;
    let (_, me) = env.me(&owner).await;
    assert_eq!(me["max_acting_minutes"], 10);
    let refused = env.start_acting(&owner, SAM, 11).await;
    assert_eq!(
        (refused.status, refused.code()),
        (422, "invalid_request"),
        "{}",
        refused.body
    );
    let detail = refused.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("from 1 to 10") && detail.contains("max_acting_minutes"),
        "{detail}"
    );
    let (_, acting) = env.acting_for(&owner, SAM, 10).await;
    assert_eq!(
        acting["expires_at"].as_i64().unwrap() - acting["started_at"].as_i64().unwrap(),
        600
    );
}

/// The eligibility a console reads to offer acting answers what a start would: allowed where a
/// start succeeds, and otherwise the start's own refusal, word for word.
#[tokio::test]
async fn eligibility_answers_what_a_start_would() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let other_owner = env.other_active_owners(&owner).await.remove(0);
    let sam = env.token_for(SUPPORT).await;
    let (delegated, _) = env.acting_for(&owner, PRIYA, 5).await;
    let key = secret_of(&env.create_key(&owner, BOT, "eligibility", 30).await);
    let cases = [
        (&owner, other_owner.as_str(), true),
        (&owner, PAT, false),
        (&owner, OLIVIA, false),
        (&sam, PRIYA, false),
        (&delegated, SAM, false),
        (&key, SAM, false),
        // Last: the one start that succeeds.
        (&owner, SAM, true),
    ];
    for (token, user, applies) in cases {
        let (status, said) = env
            .get_json(&format!("/v1/acting/eligibility/{user}"), token)
            .await;
        assert_eq!(status, 200, "{said}");
        assert_eq!(said["max_minutes"], 30);
        assert_eq!(said["applies"], applies, "{user}: {said}");
        let start = env.start_acting(token, user, 5).await;
        if start.status == 201 {
            assert_eq!(said["allowed"], true, "{user}: {said}");
            assert!(said.get("reason").is_none());
        } else {
            assert_eq!(said["allowed"], false, "{user}: {said}");
            assert_eq!(said["reason"], start.body["detail"], "{user}");
        }
    }
    let (status, _) = env
        .get_json("/v1/acting/eligibility/usr_nobody", &owner)
        .await;
    assert_eq!(status, 404);
}
