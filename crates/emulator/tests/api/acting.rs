//! Acting on behalf (RFC 8693) over real sockets: an OWNER acts for a staff member with a
//! reason, for a while, and holds only what both may do; the audit names both. Service
//! accounts acting for their provider are in `acting_service`.

use crate::common::invitations::{code_and_link, STRONG};
use crate::common::write::{Answer, OLIVIA, PAT, PRIYA, SAM};
use crate::common::*;
use platform_emulator::{DEMO_RESOURCE_SERVER_CLIENT_ID, DEMO_RESOURCE_SERVER_SECRET};
use serde_json::{json, Value};

pub const RECORDS_API: (&str, &str) = (DEMO_RESOURCE_SERVER_CLIENT_ID, DEMO_RESOURCE_SERVER_SECRET);

impl Env {
    /// `POST /v1/acting` for `user_id`, with `token` (the owner's own, normally).
    pub async fn start_acting(&self, token: &str, user_id: &str, minutes: i64) -> Answer {
        let body =
            json!({"user_id": user_id, "reason": "covering the front desk", "minutes": minutes});
        self.post_json("/v1/acting", token, &body).await
    }

    /// Starts acting and returns the delegated token and the acting session; asserts 201.
    pub async fn acting_for(&self, owner: &str, user_id: &str, minutes: i64) -> (String, Value) {
        let answer = self.start_acting(owner, user_id, minutes).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        let token = answer.body["access_token"].as_str().unwrap().to_string();
        (token, answer.body["acting"].clone())
    }
}

#[tokio::test]
async fn the_delegated_token_carries_act_has_no_refresh_token_and_expires_with_its_window() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let answer = env.start_acting(&owner, SAM, 10).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let body = &answer.body;
    assert!(
        body.get("refresh_token").is_none(),
        "never a refresh token: {body}"
    );
    assert_eq!(
        body["issued_token_type"],
        "urn:ietf:params:oauth:token-type:access_token"
    );
    assert_eq!(
        (body["token_type"].as_str(), body["expires_in"].as_i64()),
        (Some("Bearer"), Some(600))
    );
    let acting = &body["acting"];
    assert_eq!(
        (acting["subject_id"].as_str(), acting["actor_id"].as_str()),
        (Some(SAM), Some(OLIVIA))
    );
    assert_eq!(acting["reason"], "covering the front desk");
    let token = body["access_token"].as_str().unwrap();

    // RFC 8693 §4.1: the subject is Sam, the actor Olivia; it ends with the window.
    let (status, seen) = env.introspect_as(token, RECORDS_API).await;
    assert_eq!(status, 200);
    assert_eq!(
        (seen["active"].as_bool(), seen["sub"].as_str()),
        (Some(true), Some(SAM)),
        "{seen}"
    );
    assert_eq!(seen["act"], json!({"sub": OLIVIA}), "{seen}");
    assert_eq!(seen["exp"], acting["expires_at"]);
    // The owner's own token has no actor.
    let (_, own) = env.introspect_as(&owner, RECORDS_API).await;
    assert!(own.get("act").is_none(), "{own}");

    // /v1/me describes Sam, with what both may do (Sam's rights: Olivia holds them too).
    let (status, me) = env.me(token).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["user_id"], SAM);
    assert_eq!(me["permissions"], json!(["directory_read", "staff_read"]));
    assert_eq!(me["acting"]["actor_id"], OLIVIA);
    assert_eq!(me["acting"]["actor_name"], "Olivia Owner");
    assert_eq!(me["acting"]["acting_id"], acting["id"]);
    assert_eq!(me["acting"]["expires_at"], acting["expires_at"]);
    assert!(
        me.get("max_acting_minutes").is_none(),
        "Sam cannot act for anyone: {me}"
    );
    let (_, own_me) = env.me(&owner).await;
    assert_eq!(
        own_me["max_acting_minutes"], 30,
        "the default, for an OWNER"
    );
    assert!(own_me.get("acting").is_none(), "{own_me}");

    // The copy key is Sam's own: nobody acting for Sam gets it.
    let (status, refused) = env.get_json("/v1/me/seal-key", token).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (403, Some("acting_not_allowed")),
        "{refused}"
    );

    env.clock.advance(599);
    assert_eq!(env.me(token).await.0, 200, "still inside the window");
    env.clock.advance(1);
    let (status, ended) = env.me(token).await;
    assert_eq!(
        (status, ended["code"].as_str()),
        (401, Some("invalid_token")),
        "the window closed"
    );
    assert!(
        ended["detail"]
            .as_str()
            .unwrap()
            .contains("acting for someone has ended"),
        "{ended}"
    );
    assert_eq!(
        env.introspect_as(token, RECORDS_API).await.1,
        json!({"active": false})
    );
}

#[tokio::test]
async fn stop_ends_the_token_at_once_and_a_second_stop_answers_the_ended_session() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let (token, acting) = env.acting_for(&owner, SAM, 20).await;
    let path = format!("/v1/acting/{}", acting["id"].as_str().unwrap());
    let (status, seen) = env.get_json(&path, &token).await;
    assert_eq!((status, &seen["id"]), (200, &acting["id"]), "{seen}");
    let (status, _) = env.get_json(&path, &env.token_for(SUPPORT).await).await;
    assert_eq!(status, 404, "Sam's own sign-in is not the session's actor");

    env.clock.advance(60);
    let stopped = env.delete(&path, &token, None).await;
    assert_eq!(stopped.status, 200, "{}", stopped.body);
    let ended_at = stopped.body["ended_at"].as_i64().expect("ended_at");
    assert_eq!(ended_at, env.emu.state.now());
    assert_eq!(
        env.me(&token).await.0,
        401,
        "stopped: the token no longer works"
    );
    assert_eq!(
        env.me(&owner).await.0,
        200,
        "the owner's own sign-in goes on"
    );

    env.clock.advance(5);
    for again in [&token, &owner] {
        let answer = env.delete(&path, again, None).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.body["ended_at"], ended_at, "the first stop stands");
    }
    let (events, total) = env.audit("action=acting.stop", &owner).await;
    assert_eq!(total, 1, "one stop, one event: {events:?}");
    assert_eq!(events[0]["target_id"], SAM);
    assert_eq!(events[0]["actor_id"], OLIVIA);
}

#[tokio::test]
async fn a_delegated_token_holds_neither_more_than_the_person_nor_more_than_the_owner() {
    let env = env().await;
    env.configure(json!({"mfa_required_for_staff": false}))
        .await;
    let owner = env.token_for(OWNER).await;
    let (token, _) = env.acting_for(&owner, SAM, 30).await;
    // Sam reads the directory, and so may whoever acts for him.
    assert_eq!(env.get_json("/v1/users?limit=5", &token).await.0, 200);
    // Sam changes nothing: nor does Olivia, acting for him.
    let tag = env.etag(crate::common::write::MIA, &owner).await;
    let body = json!({"roles": ["SUPPORT"], "reason": "try"});
    let path = format!("/v1/users/{}/roles", crate::common::write::MIA);
    let refused = env.put_json(&path, &token, Some(&tag), &body).await;
    assert_eq!(
        (refused.status, refused.code()),
        (403, "read_only_role"),
        "{}",
        refused.body
    );
    let tag = env.etag(PAT, &owner).await;
    let patch = json!({"phone": "(555) 999-0142", "reason": "try"});
    let refused = env
        .patch_json(&format!("/v1/users/{PAT}"), &token, Some(&tag), &patch)
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);

    // Sam is also a config Owner: acting for him, Olivia (an OWNER) may change settings.
    sqlx::query("UPDATE users SET config_role = 'OWNER' WHERE id = ?")
        .bind(SAM)
        .execute(&env.emu.state.pool)
        .await
        .unwrap();
    let (_, me) = env.me(&token).await;
    assert!(
        me["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("settings_write")),
        "{me}"
    );
    env.change(&token, json!({"password_min_length": 14}), "for Sam")
        .await;
    let (events, _) = env.audit("action=settings.update", &owner).await;
    assert_eq!(
        (
            events[0]["actor_id"].as_str(),
            events[0]["on_behalf"]["subject_id"].as_str()
        ),
        (Some(OLIVIA), Some(SAM))
    );
    // A high-risk operation is for one's own sign-in, never one made for someone else.
    let tag = env
        .settings(&token)
        .await
        .header("etag")
        .unwrap()
        .to_string();
    let why = json!({"reason": "back to the start"});
    let path = "/v1/settings/versions/1/restore";
    let refused = env
        .send(reqwest::Method::POST, path, &token, Some(&tag), Some(why))
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (403, "acting_not_allowed"),
        "{}",
        refused.body
    );
    // Another OWNER demotes Olivia to SUPPORT while she acts: the token loses settings_write,
    // which Sam holds but Olivia no longer does.
    let other = second_owner(&env, &owner).await;
    let demoted = env
        .set_roles(&other, OLIVIA, &["SUPPORT"], "steps back")
        .await;
    assert_eq!(demoted.status, 200, "{}", demoted.body);
    let (status, me) = env.me(&token).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["permissions"], json!(["directory_read", "staff_read"]));
    let refused = env.settings(&token).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    // Sam himself keeps what he holds.
    let sam = env.token_for(SUPPORT).await;
    let (_, own) = env.me(&sam).await;
    assert!(
        own["permissions"]
            .as_array()
            .unwrap()
            .contains(&json!("settings_write")),
        "{own}"
    );

    // Olivia suspended: her delegated token stops working at once.
    let suspended = env.set_status(&other, OLIVIA, "suspended", "left").await;
    assert_eq!(suspended.status, 200, "{}", suspended.body);
    let (status, refused) = env.me(&token).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (401, Some("invalid_token")),
        "{refused}"
    );
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains("no longer an active member"),
        "{refused}"
    );
}

/// A second OWNER who can sign in: invited as OWNER by Olivia, password set.
async fn second_owner(env: &Env, olivia: &str) -> String {
    let created = env
        .invite_as(olivia, "Otto Owner", "otto@demo-clinic.test", &["OWNER"])
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let (code, _) = code_and_link(&created);
    assert_eq!(env.set_password(&code, STRONG, STRONG).await.status, 200);
    env.token_for(("otto@demo-clinic.test", STRONG)).await
}

#[tokio::test]
async fn both_actors_are_in_the_audit_and_in_the_persons_timeline() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let (token, acting) = env.acting_for(&owner, PRIYA, 15).await;
    // Priya updates patient records (patient_records_write), so Olivia may, acting for her.
    let tag = env.etag(PAT, &owner).await;
    let patch = json!({"phone": "(555) 999-0142", "reason": "patient called with a new number"});
    let done = env
        .patch_json(&format!("/v1/users/{PAT}"), &token, Some(&tag), &patch)
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let stopped = env
        .delete(
            &format!("/v1/acting/{}", acting["id"].as_str().unwrap()),
            &token,
            None,
        )
        .await;
    assert_eq!(stopped.status, 200, "{}", stopped.body);

    let (events, _) = env
        .audit(&format!("target={PAT}&action=user.update"), &owner)
        .await;
    let event = &events[0];
    assert_eq!(
        (event["actor_id"].as_str(), event["actor_name"].as_str()),
        (Some(OLIVIA), Some("Olivia Owner"))
    );
    let by = &event["on_behalf"];
    assert_eq!(by["subject_id"], PRIYA);
    assert_eq!(by["subject_name"], "Dr. Priya Provider");
    assert_eq!(by["actor_kind"], "STAFF");
    assert_eq!(by["acting_id"], acting["id"]);
    assert_eq!(by["reason"], "covering the front desk");
    assert_eq!(
        (&by["started_at"], &by["expires_at"]),
        (&acting["started_at"], &acting["expires_at"])
    );
    assert_eq!(event["reason"], "patient called with a new number");

    // Priya's timeline: the start, the change made for her, the stop; newest first.
    let (timeline, total) = env.audit(&format!("person={PRIYA}"), &owner).await;
    let actions: Vec<&str> = timeline
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["acting.stop", "user.update", "acting.start"],
        "{timeline:?}"
    );
    assert_eq!(total, 3);
    // Priya reads her own timeline with her own sign-in; not anyone else's.
    let priya = env.token_for(PROVIDER).await;
    let (status, own) = env
        .get_json(&format!("/v1/audit?person={PRIYA}"), &priya)
        .await;
    assert_eq!((status, own["total"].as_i64()), (200, Some(3)), "{own}");
    assert_eq!(
        env.get_json(&format!("/v1/audit?person={SAM}"), &priya)
            .await
            .0,
        403
    );
}
