//! `GET /v1/me/seal-key` over real sockets: a key for the signed-in person only, stable while
//! their access is, and gone for good (replaced) once their roles or status change, so a copy
//! sealed with it can never be opened again.

use crate::common::accounts::*;
use crate::common::*;
use serde_json::Value;

async fn seal_key(env: &Env, token: &str) -> (u16, Value, Option<String>) {
    let r = env.get("/v1/me/seal-key", token).await;
    let status = r.status().as_u16();
    let cache = r
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_string());
    (status, r.json().await.unwrap(), cache)
}

fn key_bytes(answer: &Value) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(answer["key"].as_str().unwrap())
        .unwrap()
}

#[tokio::test]
async fn each_person_gets_their_own_key_which_dies_with_a_change_of_access() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let sam = env.token_for(SUPPORT).await;

    let (status, first, cache) = seal_key(&env, &sam).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(key_bytes(&first).len(), 32, "256 random bits");
    assert_eq!(
        cache.as_deref(),
        Some("no-store"),
        "no cache on the way may keep it"
    );
    let (_, again, _) = seal_key(&env, &sam).await;
    assert_eq!(again, first, "stable while Sam's access is unchanged");
    let (_, olivias, _) = seal_key(&env, &owner).await;
    assert_ne!(olivias["key"], first["key"], "each person has their own");
    assert_ne!(olivias["key_id"], first["key_id"]);

    // A change of roles ends every copy sealed under the old rights.
    assert_eq!(
        env.set_roles(&owner, "usr_sam_support", &["MEMBER"], "rota")
            .await
            .status,
        200
    );
    let (_, after_roles, _) = seal_key(&env, &sam).await;
    assert_ne!(after_roles["key_id"], first["key_id"]);
    assert_ne!(after_roles["key"], first["key"]);

    // Suspended: no token of Sam's works, so no key at all; reactivated, a new one.
    assert_eq!(
        env.set_status(&owner, "usr_sam_support", "suspended", "left")
            .await
            .status,
        200
    );
    let (status, _, _) = seal_key(&env, &sam).await;
    assert_eq!(status, 401);
    assert_eq!(
        env.set_status(&owner, "usr_sam_support", "active", "back")
            .await
            .status,
        200
    );
    let sam = env.token_for(SUPPORT).await;
    let (status, after_return, _) = seal_key(&env, &sam).await;
    assert_eq!(status, 200);
    assert_ne!(
        after_return["key_id"], after_roles["key_id"],
        "a suspension shreds the key for good, even after reactivation"
    );
}

#[tokio::test]
async fn no_key_without_directory_access_or_for_a_service_account() {
    let env = env().await;
    // A care role gives no console directory, so there is no copy to seal.
    let (status, body, _) = seal_key(&env, &env.token_for(PROVIDER).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("forbidden")),
        "{body}"
    );
    let (status, _, _) = seal_key(&env, &env.token_for(MEMBER).await).await;
    assert_eq!(status, 200, "a MEMBER keeps a staff-only copy");
    // A service account's API key authenticates, but never gets a person's seal key.
    let owner = env.token_for(OWNER).await;
    let key = secret_of(&env.create_key(&owner, BOT, "seal probe", 30).await);
    let (status, body, _) = seal_key(&env, &key).await;
    assert_eq!(status, 403, "{body}");
}
