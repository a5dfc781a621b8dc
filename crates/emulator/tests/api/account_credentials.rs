//! A service account's credentials as a whole: `owner_active` follows the owner of record's
//! status, a disabled account stops its keys and its M2M client, the demo reminder bot is a
//! proper account with a key nobody was shown, and M2M client secrets obtain tokens with
//! `client_credentials` until they are rotated out.

use crate::common::accounts::*;
use crate::common::write::*;
use crate::common::*;
use platform_emulator::DEMO_M2M_CLIENT_ID;
use serde_json::json;

#[tokio::test]
async fn owner_active_follows_the_owner_and_a_disabled_account_stops_its_credentials() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let account = env.new_account(&owner, "Reminders", MIA).await;
    let id = account["id"].as_str().unwrap();
    assert_eq!(account["owner_active"], true);
    let answer = env.set_status(&owner, MIA, "suspended", "left").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let account = env.account(id, &owner).await;
    assert_eq!(account["owner_active"], false, "the access review flags it");
    assert_eq!(account["owner_name"], "Mia Member");

    // An account whose owner left can still be edited (the owner is not re-checked unless
    // changed): disabled, as the access review's one-click fix does.
    let key = secret_of(&env.create_key(&owner, id, "prod", 30).await);
    let m2m = env
        .post_empty(&format!("{}/client-secret", path(id)), &owner)
        .await;
    let (client_id, secret) = (
        m2m.body["client_id"].as_str().unwrap().to_string(),
        m2m.body["client_secret"].as_str().unwrap().to_string(),
    );
    let token = env.client_grant(&client_id, &secret).await.1["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let disabled = env
        .patch_json(
            &path(id),
            &owner,
            Some(&tag(&account)),
            &json!({"status": "disabled"}),
        )
        .await;
    assert_eq!(
        (disabled.status, &disabled.body["status"]),
        (200, &json!("disabled"))
    );
    let (status, problem) = env.me(&key).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (401, Some("key_disabled"))
    );
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains("service account Reminders is disabled"),
        "{detail}"
    );
    assert_eq!(
        env.keys(&owner, id).await[0]["status"],
        "active",
        "the key itself is fine"
    );
    assert_eq!(env.me(&token).await.0, 401, "its tokens stop too");
    let (status, body) = env.client_grant(&client_id, &secret).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unauthorized_client"))
    );
    assert_eq!(
        env.user(id, &owner).await["status"],
        "suspended",
        "as the directory shows it"
    );

    // Enabled again (with a new, active owner), everything works again.
    let patch = json!({"status": "active", "owner_id": OLIVIA});
    let enabled = env
        .patch_json(&path(id), &owner, Some(&tag(&disabled.body)), &patch)
        .await;
    assert_eq!(enabled.status, 200, "{}", enabled.body);
    assert_eq!(enabled.body["owner_active"], true);
    assert_eq!(env.key_outcome(&key).await.0, 200);
    assert_eq!(env.client_grant(&client_id, &secret).await.0, 200);
}

#[tokio::test]
async fn the_demo_reminder_bot_is_an_account_with_a_key_nobody_was_shown() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let bot = env.account(BOT, &owner).await;
    assert_eq!(bot["owner_id"], OLIVIA);
    assert_eq!(
        (&bot["owner_active"], &bot["status"]),
        (&json!(true), &json!("active"))
    );
    assert_eq!(bot["client_id"], DEMO_M2M_CLIENT_ID);
    assert_eq!(bot["active_keys"], 1);
    let keys = env.keys(&owner, BOT).await;
    assert_eq!(keys.len(), 1);
    assert!(keys[0]["prefix"].as_str().unwrap().starts_with("acx_test_"));
    // Its documented M2M secret works until an owner rotates it; the client id stays.
    let (status, _) = env
        .client_grant(
            DEMO_M2M_CLIENT_ID,
            platform_emulator::DEMO_M2M_CLIENT_SECRET,
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_client_secret_gets_a_token_and_a_rotated_out_one_stops() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let account = env.new_account(&owner, "Chatbot", OLIVIA).await;
    let id = account["id"].as_str().unwrap();
    let secret_path = format!("{}/client-secret", path(id));
    let first = env.post_empty(&secret_path, &owner).await;
    assert_eq!(first.status, 201, "{}", first.body);
    assert_eq!(first.header("cache-control"), Some("no-store"));
    let client_id = first.body["client_id"].as_str().unwrap().to_string();
    let first_secret = first.body["client_secret"].as_str().unwrap().to_string();
    assert!(first_secret.len() >= 40, "256 random bits and a prefix");
    assert_eq!(
        env.account(id, &owner).await["client_id"],
        client_id.as_str()
    );

    let (status, tokens) = env.client_grant(&client_id, &first_secret).await;
    assert_eq!(status, 200, "{tokens}");
    let token = tokens["access_token"].as_str().unwrap().to_string();
    let (status, me) = env.me(&token).await;
    assert_eq!(
        (status, &me["user_id"]),
        (200, &json!(id)),
        "the token acts as the account"
    );
    // Stored as a hash, never as the secret.
    let stored: Option<String> =
        sqlx::query_scalar("SELECT secret_hash FROM clients WHERE client_id = ?")
            .bind(&client_id)
            .fetch_one(&env.emu.state.pool)
            .await
            .unwrap();
    assert!(!stored.unwrap().contains(&first_secret));

    let second = env.post_empty(&secret_path, &owner).await;
    assert_eq!(second.status, 201, "{}", second.body);
    assert_eq!(
        second.body["client_id"],
        client_id.as_str(),
        "the client id is stable"
    );
    let second_secret = second.body["client_secret"].as_str().unwrap();
    assert_ne!(second_secret, first_secret);
    // The previous secret stops at once, and so does the token it obtained.
    let (status, body) = env.client_grant(&client_id, &first_secret).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    assert_eq!(env.me(&token).await.0, 401);
    assert_eq!(env.client_grant(&client_id, second_secret).await.0, 200);
}
