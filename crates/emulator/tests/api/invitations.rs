//! Invitations over real sockets: an OWNER invites, the person accepts at the platform's page
//! and signs in; expiry, re-send and withdrawal; who may invite; the code is shown once.

use crate::common::invitations::*;
use crate::common::write::{OLIVIA, SAM};
use crate::common::*;
use serde_json::{json, Value};

const QUENTIN: &str = "quentin.harbor@demo-clinic.test";

#[tokio::test]
async fn an_invited_person_accepts_with_a_strong_password_and_then_signs_in() {
    let env = env().await;
    env.without_mfa().await;
    let olivia = env.token_for(OWNER).await;
    let created = env.invite(&olivia, "Quentin Harbor", QUENTIN).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.header("cache-control"), Some("no-store"));
    assert_eq!(created.header("etag"), Some("\"1\""));
    let (code, link) = code_and_link(&created);
    assert_eq!(
        link,
        env.url(&format!("/invitations/accept?code={code}")),
        "the link is the platform's accept page with the code"
    );
    let invitation = &created.body["invitation"];
    let user_id = invitation["user_id"].as_str().unwrap();
    assert_eq!(invitation["roles"], json!(["MEMBER"]));
    assert_eq!(invitation["invited_by_id"], OLIVIA);
    let person = env.user(user_id, &olivia).await;
    assert_eq!(person["status"], "invited", "invited until they accept");
    assert!(!env.can_sign_in(QUENTIN, STRONG).await, "no password yet");

    // The page says who invited them to which organization, and the length rule.
    let page = env.open_link(&link).await;
    assert_eq!(page.status, 200, "{}", page.html);
    for expected in [
        "Olivia Owner",
        "Demo Clinic",
        "Quentin Harbor",
        "MEMBER",
        "at least 12",
    ] {
        assert!(page.html.contains(expected), "{expected} in {}", page.html);
    }
    assert_eq!(
        env.set_password(&code, STRONG, "not the same").await.status,
        422
    );
    let done = env.set_password(&code, STRONG, STRONG).await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(done.html.contains("Your password is set"), "{}", done.html);

    assert_eq!(env.user(user_id, &olivia).await["status"], "active");
    let token = env.token_for((QUENTIN, STRONG)).await;
    let (status, me) = env.me(&token).await;
    assert_eq!((status, &me["user_id"]), (200, &json!(user_id)), "{me}");
    assert_eq!(me["staff_roles"], json!(["MEMBER"]));
    assert!(
        env.invitations(&olivia).await.is_empty(),
        "no longer pending"
    );

    // The used code says so, and sets nothing.
    let again = env
        .set_password(&code, ANOTHER_STRONG, ANOTHER_STRONG)
        .await;
    assert_eq!(again.status, 410);
    assert!(again.html.contains("already used"), "{}", again.html);
    assert!(!env.can_sign_in(QUENTIN, ANOTHER_STRONG).await);

    // Who did what is in the audit trail: the OWNER invited, the person accepted.
    let (events, _) = env.audit(&format!("target={user_id}"), &olivia).await;
    let actions: Vec<(&str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["actor_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("invitation.accept", user_id),
            ("invitation.create", OLIVIA)
        ]
    );
    assert_eq!(events[1]["reason"], "joins the front desk");
}

#[tokio::test]
async fn the_code_is_shown_once_never_listed_nor_audited() {
    let env = env().await;
    let olivia = env.token_for(OWNER).await;
    let head = env.feed_head(&olivia).await;
    let created = env.invite(&olivia, "Quentin Harbor", QUENTIN).await;
    let (code, _) = code_and_link(&created);
    let id = created.body["invitation"]["id"].as_str().unwrap();
    let resent = env
        .invitation_action(&olivia, id, "resend", Some("\"1\""))
        .await;
    assert_eq!(resent.status, 200, "{}", resent.body);
    let (new_code, _) = code_and_link(&resent);

    let (status, listing) = env.get_json("/v1/invitations", &olivia).await;
    assert_eq!(status, 200);
    let listed = listing.to_string();
    assert_eq!(listing[0]["email"], QUENTIN);
    assert_eq!(listing[0]["version"], 2, "a re-send is a new version");
    let (events, _) = env.audit("", &olivia).await;
    let (changes, _) = env.changes_after(head, &olivia).await;
    assert!(changes.len() >= 3, "the person and two events: {changes:?}");
    for (what, text) in [
        ("the listing", listed),
        ("the audit", Value::from(events).to_string()),
        ("the feed", Value::from(changes).to_string()),
    ] {
        for secret in [&code, &new_code] {
            assert!(!text.contains(secret.as_str()), "a code in {what}: {text}");
        }
    }
}

#[tokio::test]
async fn an_expired_code_is_refused_and_a_resend_makes_the_old_one_dead_and_the_new_one_work() {
    let env = env().await;
    env.without_mfa().await;
    let olivia = env.token_for(OWNER).await;
    let created = env.invite(&olivia, "Quentin Harbor", QUENTIN).await;
    let (old_code, old_link) = code_and_link(&created);
    let invitation = &created.body["invitation"];
    let week = 7 * 24 * 3600;
    let sent = invitation["sent_at"].as_i64().unwrap();
    assert_eq!(invitation["expires_at"].as_i64().unwrap(), sent + week);

    env.clock.advance(week + 1);
    let expired = env.open_link(&old_link).await;
    assert_eq!(expired.status, 410);
    assert!(expired.html.contains("expired"), "{}", expired.html);
    assert!(
        expired.html.contains("re-send"),
        "says what to do: {}",
        expired.html
    );
    assert_eq!(
        env.set_password(&old_code, STRONG, STRONG).await.status,
        410
    );

    // Re-send: a fresh token (the old one expired too) and If-Match, as every mutation.
    let olivia = env.token_for(OWNER).await;
    let id = invitation["id"].as_str().unwrap();
    let no_tag = env.invitation_action(&olivia, id, "resend", None).await;
    assert_eq!(no_tag.status, 428);
    let stale = env
        .invitation_action(&olivia, id, "resend", Some("\"7\""))
        .await;
    assert_eq!((stale.status, stale.code()), (412, "precondition_failed"));
    let resent = env
        .invitation_action(&olivia, id, "resend", Some("\"1\""))
        .await;
    assert_eq!(resent.status, 200, "{}", resent.body);
    let (new_code, new_link) = code_and_link(&resent);
    assert_ne!(new_code, old_code);

    let old = env.open_link(&old_link).await;
    assert_eq!(old.status, 410);
    assert!(old.html.contains("replaced"), "{}", old.html);
    assert_eq!(env.open_link(&new_link).await.status, 200);
    assert_eq!(
        env.set_password(&new_code, STRONG, STRONG).await.status,
        200
    );
    assert!(env.can_sign_in(QUENTIN, STRONG).await);
}

#[tokio::test]
async fn invitation_expiry_days_sets_how_long_a_code_accepts() {
    let env = env().await;
    env.configure(json!({"invitation_expiry_days": 2})).await;
    let olivia = env.token_for(OWNER).await;
    let created = env.invite(&olivia, "Quentin Harbor", QUENTIN).await;
    let invitation = &created.body["invitation"];
    let sent = invitation["sent_at"].as_i64().unwrap();
    assert_eq!(
        invitation["expires_at"].as_i64().unwrap(),
        sent + 2 * 24 * 3600
    );
    let (_, link) = code_and_link(&created);
    env.clock.advance(2 * 24 * 3600 - 60);
    assert_eq!(
        env.open_link(&link).await.status,
        200,
        "still within 2 days"
    );
    env.clock.advance(61);
    assert_eq!(env.open_link(&link).await.status, 410, "past 2 days, not 7");
}

#[tokio::test]
async fn withdrawing_ends_the_code_and_removes_the_person_who_never_accepted() {
    let env = env().await;
    let olivia = env.token_for(OWNER).await;
    let created = env.invite(&olivia, "Quentin Harbor", QUENTIN).await;
    let (code, link) = code_and_link(&created);
    let id = created.body["invitation"]["id"].as_str().unwrap();
    let user_id = created.body["invitation"]["user_id"].as_str().unwrap();
    let head = env.feed_head(&olivia).await;

    let withdrawn = env
        .invitation_action(&olivia, id, "withdraw", Some("\"1\""))
        .await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);
    let (status, _) = env.get_json(&format!("/v1/users/{user_id}"), &olivia).await;
    assert_eq!(status, 404, "the invited person is gone");
    assert!(env.invitations(&olivia).await.is_empty());
    let (changes, _) = env.changes_after(head, &olivia).await;
    assert!(
        changes
            .iter()
            .any(|c| c["id"] == user_id && c["op"] == "delete"),
        "a tombstone in the feed: {changes:?}"
    );
    let page = env.open_link(&link).await;
    assert_eq!(page.status, 410);
    assert!(page.html.contains("withdrawn"), "{}", page.html);
    assert_eq!(env.set_password(&code, STRONG, STRONG).await.status, 410);
    let twice = env
        .invitation_action(&olivia, id, "withdraw", Some("\"2\""))
        .await;
    assert_eq!(twice.status, 404, "nothing pending to withdraw");
    // The email is free again: the same person can be invited anew.
    assert_eq!(
        env.invite(&olivia, "Quentin Harbor", QUENTIN).await.status,
        201
    );
    let (events, _) = env.audit("action=invitation.withdraw", &olivia).await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["reason"], "withdraw it");
}

#[tokio::test]
async fn only_an_owner_invites_and_the_permission_is_served() {
    let env = env().await;
    for login in [SUPPORT, MEMBER, CONFIG_OWNER] {
        let token = env.token_for(login).await;
        let refused = env.invite(&token, "Quentin Harbor", QUENTIN).await;
        assert_eq!(
            (refused.status, refused.code()),
            (403, "read_only_role"),
            "{}",
            login.0
        );
        let (status, _) = env.get_json("/v1/invitations", &token).await;
        assert_eq!(status, 403, "{} lists no invitations", login.0);
        let (_, me) = env.me(&token).await;
        assert!(!me["permissions"].to_string().contains("staff_invite"));
    }
    let olivia = env.token_for(OWNER).await;
    let (_, me) = env.me(&olivia).await;
    assert!(me["permissions"]
        .as_array()
        .unwrap()
        .contains(&json!("staff_invite")));
    let (_, catalog) = env.get_json("/v1/roles", &olivia).await;
    let owner = catalog
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["role"] == "OWNER")
        .unwrap();
    assert!(owner["grants"]
        .as_array()
        .unwrap()
        .contains(&json!("staff_invite")));

    // The rules of a role change and of the directory apply to an invitation.
    let unknown = env.invite_as(&olivia, "Q", QUENTIN, &["ADMIN"]).await;
    assert_eq!((unknown.status, unknown.code()), (422, "unknown_role"));
    let sams_email = platform_emulator::persona("Support").email;
    let taken = env.invite(&olivia, "Sam Again", sams_email).await;
    assert_eq!(
        (taken.status, taken.code()),
        (409, "staff_email_taken"),
        "staff emails are unique: {}",
        taken.body
    );
    let no_reason = env
        .post_json(
            "/v1/invitations",
            &olivia,
            &json!({"display_name": "Q", "email": QUENTIN, "roles": []}),
        )
        .await;
    assert_eq!(
        (no_reason.status, no_reason.code()),
        (422, "reason_required")
    );
    assert!(
        env.invitations(&olivia).await.is_empty(),
        "nothing refused was kept"
    );
    let (_, sam) = env.get_json(&format!("/v1/users/{SAM}"), &olivia).await;
    assert_eq!(sam["status"], "active");
}

#[tokio::test]
async fn inviting_an_owner_needs_a_recent_sign_in_as_granting_owner_does() {
    let env = env().await;
    let olivia = env.token_for(OWNER).await;
    env.clock.advance(301);
    let late = env
        .invite_as(&olivia, "Quentin Harbor", QUENTIN, &["OWNER"])
        .await;
    assert_eq!(
        (late.status, late.code()),
        (401, "insufficient_user_authentication")
    );
    assert!(env.invitations(&olivia).await.is_empty());
    let member = env.invite(&olivia, "Quentin Harbor", QUENTIN).await;
    assert_eq!(member.status, 201, "a MEMBER needs no step-up");
}

#[tokio::test]
async fn a_person_suspended_before_accepting_cannot_activate_themselves() {
    let env = env().await;
    let olivia = env.token_for(OWNER).await;
    let created = env.invite(&olivia, "Quentin Harbor", QUENTIN).await;
    let (code, _) = code_and_link(&created);
    let id = created.body["invitation"]["id"].as_str().unwrap();
    let user_id = created.body["invitation"]["user_id"].as_str().unwrap();
    let suspended = env
        .set_status(&olivia, user_id, "suspended", "not yet")
        .await;
    assert_eq!(suspended.status, 200, "{}", suspended.body);

    let page = env.set_password(&code, STRONG, STRONG).await;
    assert_eq!(page.status, 410, "{}", page.html);
    assert_eq!(env.user(user_id, &olivia).await["status"], "suspended");
    assert!(!env.can_sign_in(QUENTIN, STRONG).await);
    // They never accepted, so withdrawing still removes them.
    let withdrawn = env
        .invitation_action(&olivia, id, "withdraw", Some("\"1\""))
        .await;
    assert_eq!(withdrawn.status, 200, "{}", withdrawn.body);
    let (status, _) = env.get_json(&format!("/v1/users/{user_id}"), &olivia).await;
    assert_eq!(status, 404);
}
