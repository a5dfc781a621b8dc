//! What becomes of an API key's secret: the platform stores a hash of the key and never the
//! key (not in its row, not anywhere in its database files); the checksum refuses a changed
//! character before any lookup; and the audit trail records every credential operation, API
//! keys and M2M client secrets alike, without ever holding a secret.

use crate::common::accounts::*;
use crate::common::write::*;
use crate::common::*;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The key format's checksum, written from its specification (CRC-32 of the rest, 6 base62
/// characters), so a test can forge a key that passes it.
fn checksum(body: &str) -> String {
    const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut n = crc32fast::hash(body.as_bytes()) as u64;
    let mut out = vec![b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn the_platform_stores_a_hash_of_the_key_and_never_the_key() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let created = env.create_key(&owner, &account, "prod", 30).await;
    let (key, id) = (secret_of(&created), key_id_of(&created));
    let secret_part = key.split('_').nth(3).unwrap().to_string();
    assert_eq!(
        env.key_outcome(&key).await.0,
        200,
        "used once, so the row was written again"
    );

    let pool = &env.emu.state.pool;
    let row: (String, String, String, String, String, String) = sqlx::query_as(
        "SELECT id, account_id, name, prefix, key_hash, coalesce(last_used_from, '') \
         FROM api_keys WHERE id = ?",
    )
    .bind(&id)
    .fetch_one(pool)
    .await
    .unwrap();
    let texts = [&row.0, &row.1, &row.2, &row.3, &row.4, &row.5];
    for text in texts {
        assert!(!text.contains(&secret_part), "the secret is stored: {text}");
    }
    // What is stored is a one-way hash (SHA-256, hex) of the whole key.
    let hash: String = Sha256::digest(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(row.4, hash);
    assert_ne!(row.4, key);

    // Nor is it anywhere else in the platform's database files (main file and write-ahead log).
    let file: String =
        sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .fetch_one(pool)
            .await
            .unwrap();
    let mut searched = 0;
    for path in [file.clone(), format!("{file}-wal")] {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        searched += bytes.len();
        let found = bytes
            .windows(secret_part.len())
            .any(|w| w == secret_part.as_bytes());
        assert!(!found, "the secret is in {path}");
    }
    assert!(searched > 0, "the database files were read");
    drop(owner);
}

#[tokio::test]
async fn the_checksum_refuses_a_changed_character_before_any_lookup() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let created = env.create_key(&owner, &account, "prod", 30).await;
    let (key, id) = (secret_of(&created), key_id_of(&created));

    // One character of the secret changed: the checksum no longer matches.
    let mut chars: Vec<char> = key.chars().collect();
    let at = chars.len() - 8;
    chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
    let tampered: String = chars.into_iter().collect();
    let (status, problem) = env.me(&tampered).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (401, Some("key_invalid"))
    );
    assert!(
        problem["detail"].as_str().unwrap().contains("checksum"),
        "{problem}"
    );

    // The same key with its checksum recomputed passes the format check, so it is looked up,
    // and is unknown: a different refusal, which shows the first came from the checksum.
    let body = &tampered[..tampered.len() - 7];
    let forged = format!("{body}_{}", checksum(body));
    let (status, problem) = env.me(&forged).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (401, Some("key_invalid"))
    );
    assert!(
        problem["detail"].as_str().unwrap().contains("not known"),
        "{problem}"
    );

    // After revocation, the tampered key still gets key_invalid, not key_revoked: it never
    // reached the lookup that would find the revoked key by its id part.
    env.key_action(&owner, &account, &id, "revoke").await;
    assert_eq!(env.key_outcome(&key).await.1, "key_revoked");
    assert_eq!(env.key_outcome(&tampered).await.1, "key_invalid");

    // Noise and keys of another environment are refused the same way.
    let live = key.replacen("acx_test_", "acx_live_", 1);
    let live_body = &live[..live.len() - 7];
    let live = format!("{live_body}_{}", checksum(live_body));
    for other in [
        live.as_str(),
        "acx_",
        "acx_test_x_y_z",
        &key[..key.len() - 1],
    ] {
        assert_eq!(
            env.key_outcome(other).await,
            (401, "key_invalid".into()),
            "{other}"
        );
    }
}

#[tokio::test]
async fn every_credential_operation_is_audited_and_no_event_holds_a_secret() {
    let env = env().await;
    let (owner, account) = owner_and_account(&env).await;
    let head = env.feed_head(&owner).await;
    let headers = [("X-Request-Id", "console-key-1")];
    let body = json!({"name": "prod", "expires_at": env.emu.state.now() + 30 * DAY});
    let created = env
        .post_json_with(&keys_path(&account), &owner, &headers, &body)
        .await;
    let first = secret_of(&created);
    let first_id = key_id_of(&created);
    let now = env.emu.state.now();
    let body = json!({"name": "prod 2", "expires_at": now + 40 * DAY, "overlap_seconds": HOUR,
                      "reason": "scheduled rotation"});
    let path = format!("{}/{first_id}/rotate", keys_path(&account));
    let rotated = env.post_json(&path, &owner, &body).await;
    let second = secret_of(&rotated);
    let second_id = key_id_of(&rotated);
    for action in ["disable", "enable", "revoke"] {
        let answer = env.key_action(&owner, &account, &second_id, action).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    let secret_path = format!("/v1/service-accounts/{account}/client-secret");
    let mut secrets = vec![first.clone(), second.clone()];
    for _ in 0..2 {
        let answer = env.post_empty(&secret_path, &owner).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        secrets.push(answer.body["client_secret"].as_str().unwrap().to_string());
    }

    let (events, total) = env.audit(&format!("target={account}"), &owner).await;
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "client_secret.rotate",
            "client_secret.rotate",
            "api_key.revoke",
            "api_key.enable",
            "api_key.disable",
            "api_key.rotate",
            "api_key.create",
            "service_account.create",
        ]
    );
    assert_eq!(total, 8);
    for event in &events {
        // Each names who did it to which account, and when.
        assert_eq!(event["actor_id"], OLIVIA);
        assert_eq!(event["target_type"], "service_account");
        assert_eq!(event["target_name"], "Reminders");
        assert!(event["request_id"].as_str().is_some_and(|r| !r.is_empty()));
    }
    let create = &events[6];
    assert_eq!(create["request_id"], "console-key-1");
    assert_eq!(create["after"]["key_id"], first_id.as_str());
    assert_eq!(create["after"]["prefix"], created.body["key"]["prefix"]);
    let rotate = &events[5];
    assert_eq!(rotate["reason"], "scheduled rotation");
    assert_eq!(rotate["before"]["expires_at"], now + 30 * DAY);
    assert_eq!(rotate["after"]["expires_at"], now + HOUR);
    assert_eq!(rotate["after"]["replaced_by"], second_id.as_str());
    let statuses: Vec<(&Value, &Value)> = events[2..5]
        .iter()
        .map(|e| (&e["before"]["status"], &e["after"]["status"]))
        .collect();
    assert_eq!(
        statuses,
        [
            (&json!("active"), &json!("revoked")),
            (&json!("disabled"), &json!("active")),
            (&json!("active"), &json!("disabled")),
        ]
    );
    let client_id = &events[1]["after"]["client_id"];
    assert!(
        events[1]["before"]["client_id"].is_null(),
        "the first issues the client"
    );
    assert_eq!(
        &events[0]["before"]["client_id"], client_id,
        "the second keeps it"
    );

    // No event holds a secret, whether read from the store, the listing or the change feed.
    let pool = &env.emu.state.pool;
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT id || actor_id || action || target_id || target_name || before || after \
         || reason || request_id FROM audit_events",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let (feed, _) = env.changes_after(head, &owner).await;
    assert_eq!(
        feed.len(),
        7,
        "one entry per event after the account's creation"
    );
    let everything = format!("{stored:?}{}{}", Value::Array(events), Value::Array(feed));
    for secret in &secrets {
        assert!(!everything.contains(secret.as_str()));
        // Nor its random part alone (an API key's secret part; a client secret's last 32).
        let piece = match secret.strip_prefix("acx_") {
            Some(_) => secret.split('_').nth(3).unwrap(),
            None => &secret[secret.len() - 32..],
        };
        assert!(!everything.contains(piece), "a piece of a secret: {piece}");
    }
}
