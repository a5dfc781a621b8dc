//! Role and status changes over real sockets: every guardrail reachable over HTTP, with the
//! persona that passes it and those that do not; If-Match, reasons, and two clients racing.
//! Batches are in `batch.rs`; the audit trail and the feed in `audit.rs`.

use crate::common::write::*;
use crate::common::*;
use serde_json::{json, Value};

fn roles_of(user: &Value) -> Vec<&str> {
    user["staff_roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn an_owner_changes_roles_and_gets_the_new_version() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let before = env.user(MIA, &owner).await;
    let answer = env
        .set_roles(&owner, MIA, &["SUPPORT", "MEMBER"], "covers the help desk")
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    // Stored in StaffRole order, one new version, and the ETag header names it.
    assert_eq!(roles_of(&answer.body), ["MEMBER", "SUPPORT"]);
    let version = before["version"].as_i64().unwrap() + 1;
    assert_eq!(answer.body["version"], version);
    assert_eq!(
        answer.header("etag"),
        Some(format!("\"{version}\"").as_str())
    );
    assert_eq!(env.user(MIA, &owner).await, answer.body, "what a GET sees");

    // The same set again changes nothing: no new version, no audit event, no feed entry.
    let head = env.feed_head(&owner).await;
    let again = env
        .set_roles(&owner, MIA, &["MEMBER", "SUPPORT", "MEMBER"], "again")
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["version"], version);
    assert_eq!(env.feed_head(&owner).await, head);
    let (_, total) = env.audit(&format!("target={MIA}"), &owner).await;
    assert_eq!(total, 1, "one change, one event");
}

#[tokio::test]
async fn roles_that_only_read_are_refused_before_anything_else() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let etag = env.etag(MIA, &owner).await;
    let callers = [
        (env.token_for(SUPPORT).await, "SUPPORT"),
        (env.token_for(MEMBER).await, "MEMBER"),
        (env.token_for(PROVIDER).await, "PROVIDER"),
        (env.token_for(CONFIG_OWNER).await, "configuration user"),
        (env.m2m_token().await, "service account"),
    ];
    for (token, who) in &callers {
        // Even with an unknown role, a consumer target or no If-Match, the first thing wrong
        // is the caller: nothing else should leak to someone who may not write.
        for (path, if_match, body) in [
            (
                format!("/v1/users/{MIA}/roles"),
                Some(etag.as_str()),
                json!({"roles": ["SUPPORT"], "reason": "r"}),
            ),
            (
                format!("/v1/users/{PAT}/roles"),
                None,
                json!({"roles": ["ADMIN"], "reason": "r"}),
            ),
            (
                format!("/v1/users/{MIA}/status"),
                Some(etag.as_str()),
                json!({"status": "suspended", "reason": "r"}),
            ),
        ] {
            let answer = env.put_json(&path, token, if_match, &body).await;
            assert_eq!(
                (answer.status, answer.code()),
                (403, "read_only_role"),
                "{who}"
            );
            let detail = answer.body["detail"].as_str().unwrap();
            assert!(
                detail.contains(who) && detail.contains("lets you read only"),
                "{detail}"
            );
        }
    }
    assert_eq!(env.etag(MIA, &owner).await, etag, "nothing changed");
}

#[tokio::test]
async fn an_unknown_role_is_named_with_the_valid_ones() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let answer = env
        .set_roles(&owner, MIA, &["MEMBER", "ADMIN"], "typo")
        .await;
    assert_eq!((answer.status, answer.code()), (422, "unknown_role"));
    let detail = answer.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("'ADMIN'") && detail.contains("INTAKE_STAFF"),
        "{detail}"
    );
    assert_eq!(roles_of(&env.user(MIA, &owner).await), ["MEMBER"]);
}

#[tokio::test]
async fn only_staff_hold_roles_and_service_accounts_are_not_suspended_here() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    for (id, kind) in [
        (PAT, "a patient"),
        ("usr_cora_config_owner", "a configuration user"),
        ("usr_reminder_bot", "a service account"),
    ] {
        let answer = env.set_roles(&owner, id, &["SUPPORT"], "why not").await;
        assert_eq!((answer.status, answer.code()), (422, "not_staff"), "{id}");
        let detail = answer.body["detail"].as_str().unwrap();
        assert!(detail.contains(kind), "{detail}");
        // Consumers and config users are suspended here too (issue 13, `people.rs` proves what
        // it does); a service account is disabled on its own page.
        let answer = env.set_status(&owner, id, "suspended", "why not").await;
        if kind == "a service account" {
            assert_eq!((answer.status, answer.code()), (422, "not_staff"), "{id}");
        } else {
            assert_eq!(answer.status, 200, "{id}: {}", answer.body);
        }
    }
    // A user that does not exist (or is in another organization) is simply not found.
    let body = json!({"roles": ["SUPPORT"], "reason": "r"});
    let answer = env
        .put_json("/v1/users/usr_nobody/roles", &owner, Some("\"1\""), &body)
        .await;
    assert_eq!((answer.status, answer.code()), (404, "not_found"));
}

#[tokio::test]
async fn nobody_changes_their_own_roles_or_status() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    // Other active owners exist, so this is about who asks, not about the last owner.
    assert!(!env.other_active_owners(&owner).await.is_empty());
    let answer = env
        .set_roles(&owner, OLIVIA, &["OWNER", "SUPPORT"], "me too")
        .await;
    assert_eq!((answer.status, answer.code()), (403, "self_change"));
    let answer = env.set_status(&owner, OLIVIA, "suspended", "holiday").await;
    assert_eq!((answer.status, answer.code()), (403, "self_change"));
    // Restating her own roles changes nothing, so nothing is refused.
    let answer = env.set_roles(&owner, OLIVIA, &["OWNER"], "no-op").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
}

#[tokio::test]
async fn the_last_owner_stays_an_active_owner() {
    let env = env().await;
    let olivia = env.token_for(OWNER).await;
    let mia = env.token_for(MEMBER).await;
    env.make_olivia_sole_owner(&olivia).await;

    // Her own change, but even someone else could not make it: last_owner, not self_change.
    let answer = env
        .set_roles(&olivia, OLIVIA, &["MEMBER"], "step down")
        .await;
    assert_eq!((answer.status, answer.code()), (409, "last_owner"));
    assert!(answer.body["detail"]
        .as_str()
        .unwrap()
        .contains("Olivia Owner is the organization's last active OWNER"));
    let answer = env
        .set_status(&olivia, OLIVIA, "suspended", "leaving")
        .await;
    assert_eq!((answer.status, answer.code()), (409, "last_owner"));

    // An owner grants OWNER; the new owner may then take it from the old one...
    let answer = env
        .set_roles(&olivia, MIA, &["MEMBER", "OWNER"], "handover")
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let answer = env.set_roles(&mia, OLIVIA, &[], "handover done").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(roles_of(&answer.body), Vec::<&str>::new());
    // ...but not from herself, now the last one; and Olivia, no longer an owner, reads only.
    let answer = env.set_roles(&mia, MIA, &["MEMBER"], "oops").await;
    assert_eq!((answer.status, answer.code()), (409, "last_owner"));
    let answer = env.set_status(&mia, MIA, "suspended", "oops").await;
    assert_eq!((answer.status, answer.code()), (409, "last_owner"));
    // Her last console role gone, Olivia's sign-in ended with it; she must sign in again.
    assert_eq!(env.me(&olivia).await.0, 401);
    let olivia = env.token_for(OWNER).await;
    let tag = env.etag(MIA, &mia).await;
    let body = json!({"roles": ["MEMBER"], "reason": "take it back"});
    let path = format!("/v1/users/{MIA}/roles");
    let answer = env.put_json(&path, &olivia, Some(&tag), &body).await;
    assert_eq!((answer.status, answer.code()), (403, "read_only_role"));
    assert_eq!(roles_of(&env.user(MIA, &mia).await), ["OWNER", "MEMBER"]);
}

#[tokio::test]
async fn suspending_and_reactivating_staff() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let sam = env.token_for(SUPPORT).await;
    let answer = env.set_status(&owner, SAM, "suspended", "left").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["status"], "suspended");
    // A suspended person's token stops working at once.
    let (status, _) = env.me(&sam).await;
    assert_eq!(status, 401);
    let answer = env.set_status(&owner, SAM, "active", "back").await;
    assert_eq!(
        (answer.status, &answer.body["status"]),
        (200, &json!("active"))
    );
    // Reactivation lets Sam sign in again; the sign-in the suspension ended stays ended.
    assert_eq!(env.me(&sam).await.0, 401);
    let sam = env.token_for(SUPPORT).await;
    assert_eq!(env.me(&sam).await.0, 200);
    // Invited is where an invitation leaves someone, not a status to set by hand.
    let answer = env.set_status(&owner, SAM, "invited", "reset").await;
    assert_eq!((answer.status, answer.code()), (422, "invalid_request"));
}

#[tokio::test]
async fn if_match_is_required_and_must_be_current() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let path = format!("/v1/users/{MIA}/roles");
    let body = json!({"roles": ["MEMBER", "SUPPORT"], "reason": "r"});
    let answer = env.put_json(&path, &owner, None, &body).await;
    assert_eq!(
        (answer.status, answer.code()),
        (428, "precondition_required")
    );

    let user = env.user(MIA, &owner).await;
    let version = user["version"].as_i64().unwrap();
    // An old version, and a weak tag of the current one (If-Match compares strongly).
    for stale in [format!("\"{}\"", version - 1), format!("W/\"{version}\"")] {
        let answer = env.put_json(&path, &owner, Some(&stale), &body).await;
        assert_eq!((answer.status, answer.code()), (412, "precondition_failed"));
        assert_eq!(
            answer.body["current"], user,
            "the fresh state, to show the user"
        );
    }
    // Several tags: any one current one is enough (RFC 9110), and so is `*`.
    let list = format!("\"{}\", \"{version}\"", version + 7);
    let answer = env.put_json(&path, &owner, Some(&list), &body).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let body = json!({"roles": ["MEMBER"], "reason": "r"});
    let answer = env.put_json(&path, &owner, Some("*"), &body).await;
    assert_eq!(
        (answer.status, answer.body["version"].as_i64()),
        (200, Some(version + 2))
    );
}

#[tokio::test]
async fn a_reason_is_required() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let tag = env.etag(MIA, &owner).await;
    for body in [
        json!({"roles": ["SUPPORT"]}),
        json!({"roles": ["SUPPORT"], "reason": null}),
        json!({"roles": ["SUPPORT"], "reason": ""}),
        json!({"roles": ["SUPPORT"], "reason": "  \n "}),
    ] {
        let path = format!("/v1/users/{MIA}/roles");
        let answer = env.put_json(&path, &owner, Some(&tag), &body).await;
        assert_eq!(
            (answer.status, answer.code()),
            (422, "reason_required"),
            "{body}"
        );
        let path = format!("/v1/users/{MIA}/status");
        let answer = env.put_json(&path, &owner, Some(&tag), &body).await;
        assert_eq!(
            (answer.status, answer.code()),
            (422, "reason_required"),
            "{body}"
        );
    }
    // A body of the wrong shape is a plain bad request, told apart from a missing reason.
    let path = format!("/v1/users/{MIA}/roles");
    let answer = env
        .put_json(
            &path,
            &owner,
            Some(&tag),
            &json!({"roles": "SUPPORT", "reason": "r"}),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (400, "invalid_request"));
    assert_eq!(env.etag(MIA, &owner).await, tag, "nothing changed");
}

#[tokio::test]
async fn two_clients_racing_one_wins_and_the_other_sees_the_winner() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let tag = env.etag(SAM, &owner).await;
    let path = format!("/v1/users/{SAM}/roles");
    let a = json!({"roles": ["SUPPORT", "DISPATCH"], "reason": "client A"});
    let b = json!({"roles": ["SUPPORT", "HEALTH_COACH"], "reason": "client B"});
    let (first, second) = tokio::join!(
        env.put_json(&path, &owner, Some(&tag), &a),
        env.put_json(&path, &owner, Some(&tag), &b),
    );
    let mut statuses = [first.status, second.status];
    statuses.sort();
    // The write lock serializes them: the second sees the first's new version.
    assert_eq!(statuses, [200, 412], "{} / {}", first.body, second.body);
    let (winner, loser, loser_body) = if first.status == 200 {
        (first, second, b)
    } else {
        (second, first, a)
    };
    assert_eq!(loser.code(), "precondition_failed");
    assert_eq!(
        loser.body["current"], winner.body,
        "the loser is shown the winner's state"
    );

    // The loser reviews and re-applies with the fresh ETag; now it goes through.
    let fresh = format!("\"{}\"", loser.body["current"]["version"]);
    let retry = env.put_json(&path, &owner, Some(&fresh), &loser_body).await;
    assert_eq!(retry.status, 200, "{}", retry.body);
    assert_eq!(
        retry.body["version"].as_i64(),
        winner.body["version"].as_i64().map(|v| v + 1)
    );
    let (events, total) = env.audit(&format!("target={SAM}"), &owner).await;
    assert_eq!(total, 2, "the refused attempt left no trace");
    assert_eq!(
        events[0]["before"],
        json!({"roles": roles_of(&winner.body)})
    );
}
