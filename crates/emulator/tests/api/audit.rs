//! The audit trail over real sockets: every change has an event with who, what, before, after,
//! why and the request id; the listing filters and pages; only owners read it; the change feed
//! carries events to owners only.

use crate::common::write::*;
use crate::common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn every_change_is_recorded_with_who_what_why_and_the_request_id() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let tag = env.etag(MIA, &owner).await;
    let at = env.emu.state.now();
    let body = json!({"roles": ["MEMBER", "SUPPORT"], "reason": "covers the help desk"});
    let answer = env
        .put_json_with(
            &format!("/v1/users/{MIA}/roles"),
            &owner,
            Some(&tag),
            &[("X-Request-Id", "console-7f3a")],
            &body,
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    // The caller's own id comes back, so its logs and the trail can be matched.
    assert_eq!(answer.header("x-request-id"), Some("console-7f3a"));

    let (events, total) = env.audit(&format!("target={MIA}"), &owner).await;
    assert_eq!(total, 1);
    let event = &events[0];
    assert!(event["id"].as_str().unwrap().starts_with("aud_"));
    let expected = json!({
        "id": event["id"],
        "at": at,
        "actor_id": OLIVIA,
        "actor_name": "Olivia Owner",
        "action": "user.roles.update",
        "target_type": "user",
        "target_id": MIA,
        "target_name": "Mia Member",
        "before": {"roles": ["MEMBER"]},
        "after": {"roles": ["MEMBER", "SUPPORT"]},
        "reason": "covers the help desk",
        "request_id": "console-7f3a",
    });
    assert_eq!(event, &expected);

    // Without an id of its own, a request gets one; the response and the event agree on it.
    let answer = env
        .set_status(&owner, SAM, "suspended", "  on leave ")
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let generated = answer
        .header("x-request-id")
        .expect("always answered")
        .to_string();
    assert!(generated.starts_with("req_"), "{generated}");
    let (events, _) = env.audit(&format!("target={SAM}"), &owner).await;
    assert_eq!(events[0]["action"], "user.status.update");
    assert_eq!(events[0]["before"], json!({"status": "active"}));
    assert_eq!(events[0]["after"], json!({"status": "suspended"}));
    assert_eq!(events[0]["reason"], "on leave", "stored trimmed");
    assert_eq!(events[0]["request_id"], generated.as_str());

    // A refused change and a no-op leave no event.
    let answer = env.set_roles(&owner, PAT, &["SUPPORT"], "no").await;
    assert_eq!(answer.status, 422);
    let answer = env
        .set_roles(&owner, MIA, &["MEMBER", "SUPPORT"], "same")
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(env.audit("", &owner).await.1, 2);

    // Every response carries a request id, errors included.
    let (status, _) = env.get_json("/v1/nowhere", &owner).await;
    assert_eq!(status, 404);
    let r = env.get("/v1/nowhere", &owner).await;
    assert!(r.headers().contains_key("x-request-id"));
}

/// Five changes at five times by two actors: Olivia changes Mia, Sam, Priya's status, grants
/// Mia OWNER; then Mia changes Sam. Returns the times.
async fn history(env: &Env, olivia: &str, mia: &str) -> Vec<i64> {
    let mut times = Vec::new();
    let steps: [(&str, &str, &str, &[&str]); 5] = [
        (olivia, MIA, "roles", &["MEMBER", "SUPPORT"]),
        (olivia, SAM, "roles", &["SUPPORT", "DISPATCH"]),
        (olivia, PRIYA, "status", &["suspended"]),
        (olivia, MIA, "roles", &["OWNER", "MEMBER", "SUPPORT"]),
        (mia, SAM, "roles", &["SUPPORT"]),
    ];
    for (token, id, what, values) in steps {
        times.push(env.emu.state.now());
        let answer = if what == "roles" {
            env.set_roles(token, id, values, "history").await
        } else {
            env.set_status(token, id, values[0], "history").await
        };
        assert_eq!(answer.status, 200, "{}", answer.body);
        env.clock.advance(100);
    }
    times
}

fn targets(events: &[Value]) -> Vec<&str> {
    events
        .iter()
        .map(|e| e["target_id"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_trail_filters_and_pages_newest_first() {
    let env = env().await;
    let olivia = env.token_for(OWNER).await;
    let mia = env.token_for(MEMBER).await;
    let t = history(&env, &olivia, &mia).await;

    let (all, total) = env.audit("", &olivia).await;
    assert_eq!(total, 5);
    assert_eq!(targets(&all), [SAM, MIA, PRIYA, SAM, MIA], "newest first");
    let (events, total) = env.audit(&format!("actor={MIA}"), &olivia).await;
    assert_eq!((targets(&events), total), (vec![SAM], 1));
    let (events, total) = env.audit(&format!("target={SAM}"), &olivia).await;
    assert_eq!(total, 2);
    assert_eq!(
        events
            .iter()
            .map(|e| e["actor_id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        [MIA, OLIVIA]
    );
    let (events, _) = env.audit("action=user.status.update", &olivia).await;
    assert_eq!(targets(&events), [PRIYA]);
    // from is inclusive and to exclusive: [t1, t3) holds the second and third change.
    let (events, total) = env
        .audit(&format!("from={}&to={}", t[1], t[3]), &olivia)
        .await;
    assert_eq!((targets(&events), total), (vec![PRIYA, SAM], 2));
    let (events, _) = env
        .audit(
            &format!("actor={OLIVIA}&target={MIA}&from={}", t[1]),
            &olivia,
        )
        .await;
    assert_eq!(events.len(), 1, "filters combine");

    // Pages of two follow the cursor to the same five events; the total comes first only.
    let head = env.feed_head(&olivia).await;
    let mut paged = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/audit?limit=2&cursor={c}"),
            None => "/v1/audit?limit=2".to_string(),
        };
        let (status, page) = env.get_json(&path, &olivia).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["as_of_seq"], head, "consistent with the feed");
        assert_eq!(page["total"].is_null(), cursor.is_some());
        paged.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(paged, all);

    for bad in [
        "action=user.delete",
        "from=yesterday",
        "to=1.5",
        "cursor=%21",
        "limit=0",
    ] {
        let (status, problem) = env.get_json(&format!("/v1/audit?{bad}"), &olivia).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (400, Some("invalid_request")),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn only_owners_read_the_audit_trail() {
    let env = env().await;
    for login in [SUPPORT, MEMBER, PROVIDER, CONFIG_OWNER] {
        let token = env.token_for(login).await;
        let (status, problem) = env.get_json("/v1/audit", &token).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (403, Some("forbidden")),
            "{}",
            login.0
        );
    }
    let (status, _) = env.get_json("/v1/audit", &env.m2m_token().await).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_feed_carries_the_change_and_its_event_to_owners_only() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let member = env.token_for(MEMBER).await;
    let support = env.token_for(SUPPORT).await;
    let head = env.feed_head(&owner).await;
    let answer = env
        .set_roles(&owner, MIA, &["MEMBER", "SUPPORT"], "feed")
        .await;
    assert_eq!(answer.status, 200);

    let (changes, latest) = env.changes_after(head, &owner).await;
    assert_eq!(latest, head + 2, "the user's entry and the event's");
    assert_eq!(changes.len(), 2);
    assert_eq!(
        (
            &changes[0]["resource"],
            &changes[0]["id"],
            &changes[0]["op"]
        ),
        (&json!("user"), &json!(MIA), &json!("upsert"))
    );
    assert_eq!(changes[0]["user"], answer.body);
    let (events, _) = env.audit("", &owner).await;
    assert_eq!(
        (&changes[1]["resource"], &changes[1]["op"]),
        (&json!("audit"), &json!("upsert"))
    );
    assert_eq!(changes[1]["id"], events[0]["id"]);
    assert_eq!(changes[1]["audit"], events[0], "the event itself");
    assert!(changes[1]["user"].is_null());

    // Members and support staff see the user's change but not the trail, not even its
    // sequence number's resource.
    for token in [&member, &support] {
        let (changes, latest) = env.changes_after(head, token).await;
        assert_eq!(latest, head + 2, "positions are shared");
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0]["resource"], "user");
        assert!(changes[0].get("audit").is_none());
    }
}
