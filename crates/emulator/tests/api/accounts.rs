//! Service accounts over real sockets: an owner creates, reads, edits and deletes them (with
//! ETags, the change feed and the audit trail); only an OWNER writes, SUPPORT may look them
//! up; the owner of record is active staff and the acts-for person a provider; the listing
//! pages. Credentials at the account level (disabling, M2M secrets) are in
//! `account_credentials.rs`.

use crate::common::accounts::*;
use crate::common::write::*;
use crate::common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn an_owner_creates_reads_edits_and_deletes_an_account() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let head = env.feed_head(&owner).await;
    let body = json!({"name": "  Triage chatbot ", "description": "Routes patient questions",
                      "owner_id": MIA, "acts_for_id": PRIYA});
    let created = env
        .post_json_with(
            "/v1/service-accounts",
            &owner,
            &[("X-Request-Id", "sa-1")],
            &body,
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let account = created.body.clone();
    let id = account["id"].as_str().unwrap().to_string();
    assert_eq!(created.header("location"), Some(path(&id).as_str()));
    assert_eq!(created.header("etag"), Some(tag(&account).as_str()));
    // Stored trimmed, with the names and figures computed on read.
    let expected = json!({
        "id": id, "name": "Triage chatbot", "description": "Routes patient questions",
        "owner_id": MIA, "owner_name": "Mia Member", "owner_active": true,
        "acts_for_id": PRIYA, "acts_for_name": "Dr. Priya Provider", "status": "active",
        "created_at": env.emu.state.now(), "updated_at": env.emu.state.now(), "version": 1,
        "active_keys": 0, "soonest_expiry": null, "last_used_at": null, "client_id": null,
    });
    assert_eq!(account, expected);
    assert_eq!(env.account(&id, &owner).await, account, "what a GET sees");
    // The account is a user of the directory too, so a synced console finds it.
    let user = env.user(&id, &owner).await;
    assert_eq!(
        (&user["kind"], &user["display_name"]),
        (&json!("SERVICE_ACCOUNT"), &json!("Triage chatbot"))
    );
    let listed = env.list_all("/v1/service-accounts", &owner).await;
    assert!(listed.contains(&account));

    // An edit needs the current ETag and answers the new version; an edit to the same values
    // changes nothing.
    let patch = json!({"name": "Triage bot", "acts_for_id": null, "reason": "renamed"});
    let edited = env
        .patch_json(&path(&id), &owner, Some(&tag(&account)), &patch)
        .await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(
        (&edited.body["name"], &edited.body["version"]),
        (&json!("Triage bot"), &json!(2))
    );
    assert!(edited.body["acts_for_id"].is_null() && edited.body["acts_for_name"].is_null());
    assert_eq!(edited.header("etag"), Some("\"2\""));
    let same = env
        .patch_json(
            &path(&id),
            &owner,
            Some("\"2\""),
            &json!({"name": "Triage bot"}),
        )
        .await;
    assert_eq!((same.status, &same.body["version"]), (200, &json!(2)));

    // A syncing console learns of the account's user through the feed: created, changed.
    let (changes, _) = env.changes_after(head, &owner).await;
    let users: Vec<&Value> = changes.iter().filter(|c| c["resource"] == "user").collect();
    assert_eq!(users.len(), 2, "{users:?}");
    assert!(users
        .iter()
        .all(|c| c["id"] == id.as_str() && c["op"] == "upsert"));
    assert_eq!(users[1]["user"], env.user(&id, &owner).await);

    let (events, _) = env.audit(&format!("target={id}"), &owner).await;
    assert_eq!(events.len(), 2, "create and one real edit");
    assert_eq!(events[0]["action"], "service_account.update");
    assert_eq!(
        events[0]["before"],
        json!({"name": "Triage chatbot", "acts_for_id": PRIYA})
    );
    assert_eq!(
        events[0]["after"],
        json!({"name": "Triage bot", "acts_for_id": null})
    );
    assert_eq!(events[0]["reason"], "renamed");
    assert_eq!(events[1]["action"], "service_account.create");
    assert_eq!(events[1]["request_id"], "sa-1");
    assert_eq!(events[1]["after"]["owner_id"], MIA);

    // Deleting takes its credentials along: its key and its M2M client stop at once.
    let key = secret_of(&env.create_key(&owner, &id, "prod", 30).await);
    let m2m = env
        .post_empty(&format!("{}/client-secret", path(&id)), &owner)
        .await;
    let client_id = m2m.body["client_id"].as_str().unwrap().to_string();
    let client_secret = m2m.body["client_secret"].as_str().unwrap().to_string();
    let (status, tokens) = env.client_grant(&client_id, &client_secret).await;
    assert_eq!(status, 200, "{tokens}");
    let m2m_token = tokens["access_token"].as_str().unwrap().to_string();
    let stale = env.delete(&path(&id), &owner, Some("\"1\"")).await;
    assert_eq!((stale.status, stale.code()), (412, "precondition_failed"));
    let deleted = env.delete(&path(&id), &owner, Some("\"2\"")).await;
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    let (status, _) = env.get_json(&path(&id), &owner).await;
    assert_eq!(status, 404);
    let (status, _) = env.get_json(&format!("/v1/users/{id}"), &owner).await;
    assert_eq!(status, 404, "gone from the directory");
    assert_eq!(env.key_outcome(&key).await, (401, "key_invalid".into()));
    assert_eq!(env.client_grant(&client_id, &client_secret).await.0, 401);
    assert_eq!(env.me(&m2m_token).await.0, 401);
    let (events, _) = env.audit(&format!("target={id}"), &owner).await;
    assert_eq!(events[0]["action"], "service_account.delete");
    assert_eq!(events[0]["before"]["api_keys"], 1);
    assert_eq!(events[0]["before"]["client_id"], client_id.as_str());

    // And its tombstone follows in the feed.
    let (changes, _) = env.changes_after(head, &owner).await;
    let last = changes
        .iter()
        .rev()
        .find(|c| c["resource"] == "user")
        .unwrap();
    assert_eq!((&last["id"], &last["op"]), (&json!(id), &json!("delete")));
}

#[tokio::test]
async fn only_an_owner_writes_and_support_may_look() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let account = env.new_account(&owner, "Reminders", OLIVIA).await;
    let id = account["id"].as_str().unwrap();
    let key = secret_of(&env.create_key(&owner, id, "prod", 30).await);
    let key_id = env.keys(&owner, id).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let callers = [
        (env.token_for(SUPPORT).await, "SUPPORT"),
        (env.token_for(MEMBER).await, "MEMBER"),
        (env.token_for(PROVIDER).await, "PROVIDER"),
        (env.token_for(CONFIG_OWNER).await, "configuration user"),
        (env.m2m_token().await, "service account"),
        (key.clone(), "service account"),
    ];
    let new = json!({"name": "x", "owner_id": OLIVIA});
    let new_key = json!({"name": "x", "expires_at": env.emu.state.now() + DAY});
    for (token, who) in &callers {
        // Refused first, whatever else is wrong with the request (here: no If-Match).
        let answers = [
            env.post_json("/v1/service-accounts", token, &new).await,
            env.patch_json(&path(id), token, None, &json!({"name": "y"}))
                .await,
            env.delete(&path(id), token, None).await,
            env.post_json(&format!("{}/keys", path(id)), token, &new_key)
                .await,
            env.key_action(token, id, &key_id, "revoke").await,
            env.post_empty(&format!("{}/client-secret", path(id)), token)
                .await,
        ];
        for answer in answers {
            assert_eq!(
                (answer.status, answer.code()),
                (403, "read_only_role"),
                "{who}"
            );
            let detail = answer.body["detail"].as_str().unwrap();
            assert!(detail.contains(who) && detail.contains("OWNER"), "{detail}");
        }
    }
    let after = env.account(id, &owner).await;
    let unchanged = |a: &Value| {
        (
            a["version"].clone(),
            a["name"].clone(),
            a["client_id"].clone(),
        )
    };
    assert_eq!(unchanged(&after), unchanged(&account), "nothing changed");
    assert_eq!(
        env.list_all("/v1/service-accounts", &owner).await.len(),
        2,
        "none created"
    );
    assert_eq!(
        env.key_outcome(&key).await.0,
        200,
        "the key was not revoked"
    );

    // SUPPORT finds accounts and their keys (never a secret); the others may not look.
    let support = &callers[0].0;
    assert_eq!(env.account(id, support).await["id"], id);
    assert_eq!(env.keys(support, id).await.len(), 1);
    for (token, who) in callers.iter().skip(1) {
        let (status, problem) = env.get_json("/v1/service-accounts", token).await;
        assert_eq!(
            (status, problem["code"].as_str()),
            (403, Some("forbidden")),
            "{who}"
        );
        let (status, _) = env.get_json(&format!("{}/keys", path(id)), token).await;
        assert_eq!(status, 403, "{who}");
    }
}

#[tokio::test]
async fn an_edit_needs_the_current_etag() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let account = env.new_account(&owner, "Reminders", OLIVIA).await;
    let id = account["id"].as_str().unwrap();
    let body = json!({"description": "new"});
    let answer = env.patch_json(&path(id), &owner, None, &body).await;
    assert_eq!(
        (answer.status, answer.code()),
        (428, "precondition_required")
    );
    let answer = env.delete(&path(id), &owner, None).await;
    assert_eq!(
        (answer.status, answer.code()),
        (428, "precondition_required")
    );
    let edited = env
        .patch_json(&path(id), &owner, Some("\"1\""), &body)
        .await;
    assert_eq!(edited.status, 200);
    // A second client still holding version 1 is told, with the account as it is now.
    let answer = env
        .patch_json(
            &path(id),
            &owner,
            Some("\"1\""),
            &json!({"description": "mine"}),
        )
        .await;
    assert_eq!((answer.status, answer.code()), (412, "precondition_failed"));
    assert_eq!(answer.body["current"], edited.body);
    // A GET is always answered in full, even with the current ETag in If-None-Match: the key
    // figures in it change without a new version, so a 304 would leave a client stale.
    let r = env
        .http
        .get(env.url(&path(id)))
        .bearer_auth(&owner)
        .header("If-None-Match", "\"2\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["etag"], "\"2\"");
    let answer = env
        .patch_json("/v1/service-accounts/usr_nobody", &owner, Some("*"), &body)
        .await;
    assert_eq!((answer.status, answer.code()), (404, "not_found"));
    // A person is not a service account, though both are users.
    let (status, _) = env.get_json(&path(MIA), &owner).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_owner_of_record_is_active_staff_and_acts_for_is_a_provider() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    env.set_status(&owner, SAM, "suspended", "on leave").await;
    let create = |owner_id: &str, acts_for: Option<&str>| json!({"name": "Bot", "owner_id": owner_id, "acts_for_id": acts_for});
    for (body, field, why) in [
        (
            create("usr_nobody", None),
            "owner_id",
            "there is no usr_nobody",
        ),
        (create(PAT, None), "owner_id", "Pat Patient is not staff"),
        (create(BOT, None), "owner_id", "not staff"),
        (create(SAM, None), "owner_id", "Sam Support is not active"),
        (
            create(OLIVIA, Some(MIA)),
            "acts_for_id",
            "Mia Member (usr_mia_member) is not a provider",
        ),
        (
            create(OLIVIA, Some(PAT)),
            "acts_for_id",
            "is not a provider",
        ),
        (
            create(OLIVIA, Some("usr_nobody")),
            "acts_for_id",
            "there is no usr_nobody",
        ),
    ] {
        let answer = env.post_json("/v1/service-accounts", &owner, &body).await;
        assert_eq!(
            (answer.status, answer.code()),
            (422, "invalid_request"),
            "{body}"
        );
        let detail = answer.body["detail"].as_str().unwrap();
        assert!(
            detail.starts_with(field) && detail.contains(why),
            "{detail}"
        );
    }
    let answer = env
        .post_json(
            "/v1/service-accounts",
            &owner,
            &json!({"name": " ", "owner_id": OLIVIA}),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (422, "invalid_request"),
        "a name is required"
    );
    let (_, total) = env.audit("action=service_account.create", &owner).await;
    assert_eq!(total, 0, "nothing refused was created");

    let account = env.new_account(&owner, "Bot", OLIVIA).await;
    let id = account["id"].as_str().unwrap();
    for (patch, code) in [
        (json!({"owner_id": SAM}), "invalid_request"),
        (json!({"acts_for_id": MIA}), "invalid_request"),
        (json!({"name": ""}), "invalid_request"),
    ] {
        let answer = env
            .patch_json(&path(id), &owner, Some("\"1\""), &patch)
            .await;
        assert_eq!((answer.status, answer.code()), (422, code), "{patch}");
    }
    let answer = env
        .patch_json(
            &path(id),
            &owner,
            Some("\"1\""),
            &json!({"acts_for_id": PRIYA}),
        )
        .await;
    assert_eq!(answer.body["acts_for_name"], "Dr. Priya Provider");
}

#[tokio::test]
async fn the_listing_pages_by_cursor_with_the_total_first() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    for name in ["A", "B", "C"] {
        env.new_account(&owner, name, OLIVIA).await;
    }
    let all = env.list_all("/v1/service-accounts", &owner).await;
    assert_eq!(all.len(), 4, "three new ones and the demo's reminder bot");
    let (status, page) = env.get_json("/v1/service-accounts?limit=3", &owner).await;
    assert_eq!(status, 200);
    assert_eq!(page["total"], 4);
    assert_eq!(page["as_of_seq"], env.feed_head(&owner).await);
    let cursor = page["next_cursor"].as_str().unwrap();
    let (_, rest) = env
        .get_json(
            &format!("/v1/service-accounts?limit=3&cursor={cursor}"),
            &owner,
        )
        .await;
    assert!(rest["total"].is_null() && rest["next_cursor"].is_null());
    let mut paged = page["items"].as_array().unwrap().clone();
    paged.extend(rest["items"].as_array().unwrap().iter().cloned());
    assert_eq!(paged, all, "the same accounts, in id order");
    let (status, problem) = env.get_json("/v1/service-accounts?limit=0", &owner).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("invalid_request"))
    );
}
