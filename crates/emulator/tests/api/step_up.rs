//! Step-up (RFC 9470) over real sockets with the ManualClock: high-risk operations asked with a
//! sign-in older than max_age (300 s by default) are refused with the challenge and change
//! nothing; a fresh sign-in passes; a refresh does not make an old sign-in recent.

use crate::common::accounts::*;
use crate::common::write::{Answer, OLIVIA, SAM};
use crate::common::*;
use serde_json::json;

const MAX_AGE: i64 = 300;

/// The challenge RFC 9470 §3 prescribes, and a problem the console can branch on.
fn assert_step_up(answer: &Answer, operation: &str) {
    assert_eq!(answer.status, 401, "{}", answer.body);
    let challenge = answer.header("www-authenticate").expect("a challenge");
    assert!(
        challenge.starts_with("Bearer error=\"insufficient_user_authentication\""),
        "{challenge}"
    );
    assert!(
        challenge.ends_with(&format!("max_age={MAX_AGE}")),
        "{challenge}"
    );
    assert_eq!(answer.code(), "insufficient_user_authentication");
    assert_eq!(answer.body["max_age"], MAX_AGE);
    let detail = answer.body["detail"].as_str().unwrap();
    assert!(
        detail.starts_with(&format!("{operation} needs you to confirm it is you")),
        "the detail names the operation: {detail}"
    );
}

#[tokio::test]
async fn creating_an_api_key_needs_a_recent_sign_in_and_a_refresh_is_not_one() {
    let env = env().await;
    let tokens = env.signed_in(OWNER).await;
    let owner = tokens["access_token"].as_str().unwrap().to_string();
    let account = env.new_account(&owner, "Reminders", OLIVIA).await;
    let account = account["id"].as_str().unwrap();
    env.clock.advance(MAX_AGE + 1);

    // The access token is still valid (15 minutes), but the password was typed too long ago.
    let refused = env.create_key(&owner, account, "late", 30).await;
    assert_step_up(&refused, "Creating an API key");
    let (_, keys) = env.get_json(&keys_path(account), &owner).await;
    assert_eq!(keys["total"], 0, "a refused creation stores no key: {keys}");

    // A refresh issues new tokens but is no new authentication: still refused.
    let (status, refreshed) = env.refresh(tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{refreshed}");
    let refreshed = refreshed["access_token"].as_str().unwrap();
    assert_step_up(
        &env.create_key(refreshed, account, "late", 30).await,
        "Creating an API key",
    );

    // Typing the password again (a new sign-in) is what step-up asks for.
    let fresh = env.token_for(OWNER).await;
    let created = env.create_key(&fresh, account, "fresh", 30).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let (_, keys) = env.get_json(&keys_path(account), &owner).await;
    assert_eq!(
        keys["total"], 1,
        "exactly the key created after the step-up"
    );
}

#[tokio::test]
async fn the_limit_is_max_age_itself() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    env.clock.advance(MAX_AGE);
    let answer = env.create_key(&owner, &account, "just in time", 30).await;
    assert_eq!(
        answer.status, 201,
        "a sign-in exactly max_age old is recent enough"
    );
}

#[tokio::test]
async fn granting_owner_needs_a_recent_sign_in_other_role_changes_do_not() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let before = env.user(SAM, &owner).await;
    env.clock.advance(MAX_AGE + 60);

    let refused = env
        .set_roles(&owner, SAM, &["SUPPORT", "OWNER"], "covering for Olivia")
        .await;
    assert_step_up(&refused, "Granting OWNER");
    let after = env.user(SAM, &owner).await;
    assert_eq!(
        after, before,
        "a refused grant leaves Sam exactly as he was"
    );
    let (events, _) = env.audit(&format!("target={SAM}"), &owner).await;
    assert!(events.is_empty(), "and records nothing: {events:?}");

    // Not every change is high-risk: adding PROVIDER is done with the same old sign-in.
    let other = env
        .set_roles(&owner, SAM, &["SUPPORT", "PROVIDER"], "also sees patients")
        .await;
    assert_eq!(other.status, 200, "{}", other.body);

    let fresh = env.token_for(OWNER).await;
    let granted = env
        .set_roles(&fresh, SAM, &["SUPPORT", "PROVIDER", "OWNER"], "covering")
        .await;
    assert_eq!(granted.status, 200, "{}", granted.body);
    assert!(granted.body["staff_roles"]
        .as_array()
        .unwrap()
        .contains(&json!("OWNER")));
}

#[tokio::test]
async fn a_batch_granting_owner_with_an_old_sign_in_changes_nothing_but_may_be_previewed() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let mia = crate::common::write::MIA;
    let (sam_before, mia_before) = (env.user(SAM, &owner).await, env.user(mia, &owner).await);
    env.clock.advance(MAX_AGE + 1);
    let items = json!([
        {"user_id": mia, "add": ["SUPPORT"], "remove": []},
        {"user_id": SAM, "add": ["OWNER"], "remove": []},
    ]);

    let preview = env
        .post_json(
            "/v1/roles/batch",
            &owner,
            &json!({"items": items, "dry_run": true}),
        )
        .await;
    assert_eq!(
        preview.status, 200,
        "a dry run changes nothing: {}",
        preview.body
    );

    let body = json!({"items": items, "dry_run": false, "reason": "reorganization"});
    let refused = env.post_json("/v1/roles/batch", &owner, &body).await;
    assert_step_up(&refused, "Granting OWNER");
    // Mia's item came first and passed its checks, yet the whole batch is rolled back.
    assert_eq!(env.user(mia, &owner).await, mia_before);
    assert_eq!(env.user(SAM, &owner).await, sam_before);

    let fresh = env.token_for(OWNER).await;
    let applied = env.post_json("/v1/roles/batch", &fresh, &body).await;
    assert_eq!(applied.status, 200, "{}", applied.body);
    assert!(applied.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["applied"] == true));
}

#[tokio::test]
async fn rotating_a_client_secret_needs_a_recent_sign_in() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    env.clock.advance(MAX_AGE + 1);
    let path = format!("{}/client-secret", path(&account));
    let body = json!({"reason": "new deployment"});
    assert_step_up(
        &env.post_json(&path, &owner, &body).await,
        "Rotating a client secret",
    );
    let fresh = env.token_for(OWNER).await;
    assert_eq!(env.post_json(&path, &fresh, &body).await.status, 201);
}

#[tokio::test]
async fn rotating_an_api_key_needs_a_recent_sign_in() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let key = key_id_of(&env.create_key(&owner, &account, "first", 30).await);
    env.clock.advance(MAX_AGE + 1);
    let path = format!("{}/{key}/rotate", keys_path(&account));
    let body = json!({
        "name": "second",
        "expires_at": env.emu.state.now() + 30 * DAY,
        "overlap_seconds": HOUR,
        "reason": "yearly rotation",
    });
    assert_step_up(
        &env.post_json(&path, &owner, &body).await,
        "Rotating an API key",
    );
    let (_, keys) = env.get_json(&keys_path(&account), &owner).await;
    assert_eq!(keys["total"], 1, "no replacement key was issued: {keys}");
    let fresh = env.token_for(OWNER).await;
    assert_eq!(env.post_json(&path, &fresh, &body).await.status, 201);
}

#[tokio::test]
async fn restoring_a_settings_version_needs_a_recent_sign_in_and_leaves_the_settings_alone() {
    let env = env().await;
    let cora = env.token_for(CONFIG_OWNER).await;
    env.change(&cora, json!({"idle_sign_out_minutes": 5}), "short sessions")
        .await;
    env.clock.advance(MAX_AGE + 1);
    let before = env.settings(&cora).await;
    let tag = before.header("etag").unwrap().to_string();
    let why = json!({"reason": "back to the start"});
    let path = "/v1/settings/versions/1/restore";
    let refused = env
        .send(
            reqwest::Method::POST,
            path,
            &cora,
            Some(&tag),
            Some(why.clone()),
        )
        .await;
    assert_step_up(&refused, "Restoring a settings version");
    assert_eq!(
        env.settings(&cora).await.body,
        before.body,
        "nothing restored"
    );
    let fresh = env.token_for(CONFIG_OWNER).await;
    let restored = env
        .send(reqwest::Method::POST, path, &fresh, Some(&tag), Some(why))
        .await;
    assert_eq!(restored.status, 200, "{}", restored.body);
}
