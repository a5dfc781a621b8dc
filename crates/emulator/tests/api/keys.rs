//! API keys over real sockets: a key is a credential of the admin API for its service account;
//! rotation leaves both keys working until the overlap ends (on the injectable clock); revoke
//! is immediate and final, disable reversible, expiry exact, each failing with its own code; an
//! account holds at most two working keys; expiries are bounded. What happens to the secret
//! itself (stored form, checksum, audit trail) is in `key_secrets.rs`.

use crate::common::accounts::*;
use crate::common::write::*;
use crate::common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn a_key_is_a_credential_of_its_service_account_and_each_use_is_recorded() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let created = env.create_key(&owner, &account, "prod", 30).await;
    let key = secret_of(&created);
    // Shown once: nothing between the platform and the owner may keep a copy.
    assert_eq!(created.header("cache-control"), Some("no-store"));
    assert!(
        created.body.get("replaced").is_none(),
        "nothing was replaced"
    );
    // The documented format: brand, environment, id, a 32-character base62 secret (about 190
    // random bits, well over 128) and a checksum; the listed prefix is the key's start.
    let parts: Vec<&str> = key.split('_').collect();
    assert_eq!(parts.len(), 5, "{key}");
    assert_eq!((parts[0], parts[1]), ("acx", "test"));
    assert_eq!((parts[2].len(), parts[3].len(), parts[4].len()), (8, 32, 6));
    let prefix = created.body["key"]["prefix"].as_str().unwrap();
    assert_eq!(prefix, format!("acx_test_{}", parts[2]));
    assert!(key.starts_with(prefix));

    // The admin API answers as the service account, by Bearer or X-API-Key.
    let (status, me) = env.me(&key).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["user_id"], account.as_str());
    assert_eq!(me["kind"], "SERVICE_ACCOUNT");
    assert_eq!(
        me["permissions"],
        json!([]),
        "an account administers nothing"
    );
    let r = env
        .http
        .get(env.url("/v1/me"))
        .header("X-API-Key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // It has its account's rights and no more.
    let (status, problem) = env.get_json("/v1/users", &key).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("forbidden")));

    // Each use records the platform's time and the caller's address.
    env.clock.advance(90);
    let used_at = env.emu.state.now();
    assert_eq!(env.key_outcome(&key).await, (200, account.clone()));
    let keys = env.keys(&owner, &account).await;
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["last_used_at"], used_at);
    assert_eq!(keys[0]["last_used_from"], "127.0.0.1");
    assert_eq!(keys[0]["status"], "active");
    assert_eq!(keys[0]["created_by"], OLIVIA);
    let summary = env.account(&account, &owner).await;
    assert_eq!(summary["active_keys"], 1);
    assert_eq!(summary["last_used_at"], used_at);
    assert_eq!(summary["soonest_expiry"], created.body["key"]["expires_at"]);
}

#[tokio::test]
async fn rotation_keeps_both_keys_working_until_the_overlap_ends() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let first = env.create_key(&owner, &account, "v1", 30).await;
    let (old_key, old_id) = (secret_of(&first), key_id_of(&first));
    let now = env.emu.state.now();
    let body = json!({"name": "v2", "expires_at": now + 60 * DAY, "overlap_seconds": 2 * HOUR});
    let path = format!("{}/{old_id}/rotate", keys_path(&account));
    let rotated = env.post_json(&path, &owner, &body).await;
    let new_key = secret_of(&rotated);
    assert_eq!(rotated.header("cache-control"), Some("no-store"));
    let new_id = key_id_of(&rotated);
    let replaced = &rotated.body["replaced"];
    assert_eq!(replaced["id"], old_id.as_str());
    assert_eq!(
        replaced["expires_at"],
        now + 2 * HOUR,
        "the overlap is the old key's end"
    );
    assert_eq!(replaced["replaced_by"], new_id.as_str());
    assert_eq!(rotated.body["key"]["expires_at"], now + 60 * DAY);

    // Both work for the whole overlap: clients move to the new key without downtime.
    assert_eq!(env.key_outcome(&old_key).await.0, 200);
    assert_eq!(env.key_outcome(&new_key).await.0, 200);
    env.clock.advance(2 * HOUR - 1);
    assert_eq!(env.key_outcome(&old_key).await.0, 200, "last second");
    env.clock.advance(1);
    assert_eq!(env.key_outcome(&old_key).await, (401, "key_expired".into()));
    assert_eq!(env.key_outcome(&new_key).await.0, 200);
    // The owner's own sign-in has expired meanwhile (access tokens live 15 minutes).
    let owner = env.token_for(OWNER).await;
    let keys = env.keys(&owner, &account).await;
    let listed: Vec<(&str, &str)> = keys
        .iter()
        .map(|k| (k["id"].as_str().unwrap(), k["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        listed,
        [(new_id.as_str(), "active"), (old_id.as_str(), "expired")],
        "newest first"
    );

    // An overlap never lengthens a key's life: one that ends sooner keeps its own expiry.
    let now = env.emu.state.now();
    let body = json!({"name": "short", "expires_at": now + HOUR});
    let short = env.post_json(&keys_path(&account), &owner, &body).await;
    let short_id = key_id_of(&short);
    let body = json!({"name": "short v2", "expires_at": now + DAY, "overlap_seconds": 10 * DAY});
    let path = format!("{}/{short_id}/rotate", keys_path(&account));
    let rotated = env.post_json(&path, &owner, &body).await;
    assert_eq!(rotated.status, 201, "{}", rotated.body);
    assert_eq!(rotated.body["replaced"]["expires_at"], now + HOUR);
}

#[tokio::test]
async fn disable_is_reversible_and_revoke_is_immediate_and_final() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let created = env.create_key(&owner, &account, "prod", 30).await;
    let (key, id) = (secret_of(&created), key_id_of(&created));

    let answer = env.key_action(&owner, &account, &id, "disable").await;
    assert_eq!(
        (answer.status, &answer.body["status"]),
        (200, &json!("disabled"))
    );
    let r = env.get("/v1/me", &key).await;
    assert_eq!(r.status(), 401);
    // A refused credential says how to authenticate (RFC 6750), whatever the reason.
    let challenge = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(challenge.starts_with("Bearer"), "{challenge}");
    let problem: Value = r.json().await.unwrap();
    assert_eq!(problem["code"], "key_disabled");
    let answer = env.key_action(&owner, &account, &id, "enable").await;
    assert_eq!(
        (answer.status, &answer.body["status"]),
        (200, &json!("active"))
    );
    assert_eq!(env.key_outcome(&key).await.0, 200, "enabled again");

    // Revoked: the very next request fails, and nothing brings the key back.
    let answer = env.key_action(&owner, &account, &id, "revoke").await;
    assert_eq!(
        (answer.status, &answer.body["status"]),
        (200, &json!("revoked"))
    );
    assert_eq!(env.key_outcome(&key).await, (401, "key_revoked".into()));
    let answer = env.key_action(&owner, &account, &id, "enable").await;
    assert_eq!((answer.status, answer.code()), (409, "key_revoked"));
    let body =
        json!({"name": "again", "expires_at": env.emu.state.now() + DAY, "overlap_seconds": 0});
    let path = format!("{}/{id}/rotate", keys_path(&account));
    let answer = env.post_json(&path, &owner, &body).await;
    assert_eq!((answer.status, answer.code()), (409, "key_revoked"));
    // Disabling or revoking it again changes nothing and is not an error.
    for action in ["disable", "revoke"] {
        let answer = env.key_action(&owner, &account, &id, action).await;
        assert_eq!(
            (answer.status, &answer.body["status"]),
            (200, &json!("revoked"))
        );
    }
    assert_eq!(env.key_outcome(&key).await, (401, "key_revoked".into()));
    let (_, total) = env.audit("action=api_key.revoke", &owner).await;
    assert_eq!(total, 1, "one revocation, one event");
    let (_, total) = env.audit("action=api_key.disable", &owner).await;
    assert_eq!(total, 1, "the no-op disable recorded nothing");

    // Another account's key id is not found under this account.
    let other = env.new_account(&owner, "Other", OLIVIA).await;
    let other = other["id"].as_str().unwrap();
    let answer = env.key_action(&owner, other, &id, "revoke").await;
    assert_eq!((answer.status, answer.code()), (404, "not_found"));
}

#[tokio::test]
async fn an_expired_key_fails_from_its_expiry_on() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let now = env.emu.state.now();
    let body = json!({"name": "one minute", "expires_at": now + 60});
    let created = env.post_json(&keys_path(&account), &owner, &body).await;
    let (key, id) = (secret_of(&created), key_id_of(&created));
    env.clock.advance(59);
    assert_eq!(env.key_outcome(&key).await.0, 200);
    env.clock.advance(1);
    // expires_at is the first second it no longer works.
    let (status, problem) = env.me(&key).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (401, Some("key_expired"))
    );
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains(&rfc3339(now + 60)));
    assert_eq!(env.keys(&owner, &account).await[0]["status"], "expired");
    let summary = env.account(&account, &owner).await;
    assert_eq!(
        (&summary["active_keys"], &summary["soonest_expiry"]),
        (&json!(0), &Value::Null)
    );
    // Nothing to rotate: a new key is what an expired one needs.
    let body = json!({"name": "v2", "expires_at": now + DAY, "overlap_seconds": 60});
    let path = format!("{}/{id}/rotate", keys_path(&account));
    let answer = env.post_json(&path, &owner, &body).await;
    assert_eq!((answer.status, answer.code()), (409, "key_expired"));
}

#[tokio::test]
async fn an_account_holds_at_most_two_working_keys_and_a_rotation_replaces_one() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let a = env.create_key(&owner, &account, "a", 30).await;
    let b = env.create_key(&owner, &account, "b", 30).await;
    let (a_id, b_id) = (key_id_of(&a), key_id_of(&b));
    let third = env.create_key(&owner, &account, "c", 30).await;
    assert_eq!((third.status, third.code()), (409, "too_many_keys"));
    let detail = third.body["detail"].as_str().unwrap();
    for k in [&a, &b] {
        let prefix = k.body["key"]["prefix"].as_str().unwrap();
        assert!(
            detail.contains(prefix),
            "the detail names the working keys: {detail}"
        );
    }

    // A disabled key does not work, so it does not count; enabling it would make three.
    env.key_action(&owner, &account, &b_id, "disable").await;
    let c = env.create_key(&owner, &account, "c", 30).await;
    assert_eq!(c.status, 201, "{}", c.body);
    let answer = env.key_action(&owner, &account, &b_id, "enable").await;
    assert_eq!((answer.status, answer.code()), (409, "too_many_keys"));
    assert_eq!(env.keys(&owner, &account).await[1]["status"], "disabled");

    // Rotating replaces a key: allowed at the limit, and during the overlap all three work.
    let now = env.emu.state.now();
    let body = json!({"name": "a2", "expires_at": now + 30 * DAY, "overlap_seconds": HOUR});
    let path = format!("{}/{a_id}/rotate", keys_path(&account));
    let rotated = env.post_json(&path, &owner, &body).await;
    assert_eq!(rotated.status, 201, "{}", rotated.body);
    assert_eq!(env.account(&account, &owner).await["active_keys"], 3);
    // The key on its way out no longer counts, but the two others do.
    let d = env.create_key(&owner, &account, "d", 30).await;
    assert_eq!((d.status, d.code()), (409, "too_many_keys"));
    let again = env.post_json(&path, &owner, &body).await;
    assert_eq!(
        (again.status, again.code()),
        (409, "invalid_request"),
        "already rotated"
    );
    // Revoking one makes room again.
    env.key_action(&owner, &account, &key_id_of(&c), "revoke")
        .await;
    let d = env.create_key(&owner, &account, "d", 30).await;
    assert_eq!(d.status, 201, "{}", d.body);
}

#[tokio::test]
async fn an_expiry_is_required_after_now_and_within_the_maximum_lifetime() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let now = env.emu.state.now();
    let latest = now + 365 * DAY;
    for expires_at in [now - 1, now, latest + 1] {
        let body = json!({"name": "k", "expires_at": expires_at});
        let answer = env.post_json(&keys_path(&account), &owner, &body).await;
        assert_eq!(
            (answer.status, answer.code()),
            (422, "expiry_out_of_bounds")
        );
        // The problem names the latest expiry allowed, so the owner can correct it.
        let detail = answer.body["detail"].as_str().unwrap();
        assert!(detail.contains(&rfc3339(latest)), "{detail}");
    }
    let created = env
        .post_json(
            &keys_path(&account),
            &owner,
            &json!({"name": "k", "expires_at": latest}),
        )
        .await;
    assert_eq!(
        created.status, 201,
        "the maximum itself is allowed: {}",
        created.body
    );
    let answer = env
        .post_json(&keys_path(&account), &owner, &json!({"name": "no expiry"}))
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (400, "invalid_request"),
        "expiry required"
    );
    let answer = env
        .post_json(
            &keys_path(&account),
            &owner,
            &json!({"name": " ", "expires_at": now + DAY}),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (422, "invalid_request"),
        "a name required"
    );

    // A rotation's new expiry has the same bounds, and a refused rotation changes nothing.
    let id = key_id_of(&created);
    let path = format!("{}/{id}/rotate", keys_path(&account));
    let body = json!({"name": "k2", "expires_at": latest + 1, "overlap_seconds": 60});
    let answer = env.post_json(&path, &owner, &body).await;
    assert_eq!(
        (answer.status, answer.code()),
        (422, "expiry_out_of_bounds")
    );
    let body = json!({"name": "k2", "expires_at": now + DAY, "overlap_seconds": -1});
    let answer = env.post_json(&path, &owner, &body).await;
    assert_eq!((answer.status, answer.code()), (422, "invalid_request"));
    let keys = env.keys(&owner, &account).await;
    assert_eq!(keys.len(), 1);
    assert_eq!(
        (&keys[0]["expires_at"], &keys[0]["replaced_by"]),
        (&json!(latest), &Value::Null)
    );
}
