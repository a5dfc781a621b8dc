//! Refresh rotation and reuse detection, client credentials, revocation and introspection.

use crate::common::*;
use platform_emulator::{
    DEMO_M2M_CLIENT_ID, DEMO_M2M_CLIENT_SECRET, DEMO_RESOURCE_SERVER_CLIENT_ID,
    DEMO_RESOURCE_SERVER_SECRET,
};
use serde_json::json;

#[tokio::test]
async fn refresh_rotates_and_a_reused_refresh_token_revokes_the_family() {
    let env = env().await;
    let first = env.signed_in(OWNER).await;
    let rt1 = first["refresh_token"].as_str().unwrap();
    let (status, second) = env.refresh(rt1).await;
    assert_eq!(status, 200);
    let rt2 = second["refresh_token"].as_str().unwrap();
    assert_ne!(rt1, rt2, "rotated on every use");
    let access2 = second["access_token"].as_str().unwrap();
    assert_eq!(env.me(access2).await.0, 200);

    // Reusing rt1 signals theft: the whole family, including rt2 and access2, dies.
    let (status, body) = env.refresh(rt1).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    assert_eq!(env.me(access2).await.0, 401);
    assert_eq!(env.refresh(rt2).await.0, 400);
}

#[tokio::test]
async fn refresh_chain_has_an_absolute_lifetime() {
    let env = env().await;
    let tokens = env.signed_in(OWNER).await;
    env.clock.advance(30 * 24 * 3600 + 1);
    let (status, body) = env.refresh(tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn access_tokens_expire() {
    let env = env().await;
    let tokens = env.signed_in(OWNER).await;
    env.clock.advance(15 * 60 + 1);
    let (status, problem) = env.me(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 401);
    assert_eq!(
        problem["code"], "invalid_token",
        "problem+json with a stable code"
    );
}

#[tokio::test]
async fn client_credentials_for_confidential_clients_only() {
    let env = env().await;
    let (status, tokens) = env
        .token(&[
            ("grant_type", "client_credentials"),
            ("client_id", DEMO_M2M_CLIENT_ID),
            ("client_secret", DEMO_M2M_CLIENT_SECRET),
        ])
        .await;
    assert_eq!(status, 200, "{tokens}");
    assert!(
        tokens.get("refresh_token").is_none(),
        "no refresh token for M2M"
    );
    let (status, me) = env.me(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    // The demo's bot acts for Dr. Priya Provider: its calls are hers, made by the account.
    assert_eq!(me["user_id"], "usr_priya_provider");
    assert_eq!(me["acting"]["actor_kind"], "SERVICE_ACCOUNT");

    // HTTP Basic works as well as the body.
    let r = env
        .http
        .post(env.url("/oauth/token"))
        .basic_auth(DEMO_M2M_CLIENT_ID, Some(DEMO_M2M_CLIENT_SECRET))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let (status, body) = env
        .token(&[
            ("grant_type", "client_credentials"),
            ("client_id", DEMO_M2M_CLIENT_ID),
            ("client_secret", "wrong"),
        ])
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    let (status, body) = env
        .token(&[
            ("grant_type", "client_credentials"),
            ("client_id", "access-console"),
        ])
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unauthorized_client"))
    );
}

async fn introspect(
    env: &Env,
    token: &str,
    auth: Option<(&str, &str)>,
) -> (u16, serde_json::Value) {
    let mut req = env
        .http
        .post(env.url("/oauth/introspect"))
        .form(&[("token", token)]);
    if let Some((id, secret)) = auth {
        req = req.basic_auth(id, Some(secret));
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or_default())
}

#[tokio::test]
async fn introspection_needs_an_authenticated_caller_and_hides_inactive_tokens() {
    let env = env().await;
    let tokens = env.signed_in(OWNER).await;
    let access = tokens["access_token"].as_str().unwrap();
    // The demo organization's resource server: the only kind of client that may introspect.
    let records_api = Some((DEMO_RESOURCE_SERVER_CLIENT_ID, DEMO_RESOURCE_SERVER_SECRET));

    assert_eq!(
        introspect(&env, access, None).await.0,
        401,
        "anonymous callers learn nothing"
    );
    let (status, body) = introspect(&env, access, records_api).await;
    assert_eq!(status, 200);
    assert_eq!(body["active"], true);
    assert_eq!(body["client_id"], "access-console");

    let (status, body) = introspect(&env, "at_not-a-real-token", records_api).await;
    assert_eq!(
        (status, body),
        (200, json!({"active": false})),
        "exactly {{\"active\":false}}"
    );
}

#[tokio::test]
async fn revoking_the_refresh_token_ends_the_whole_sign_in() {
    let env = env().await;
    let tokens = env.signed_in(OWNER).await;
    let access = tokens["access_token"].as_str().unwrap();
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let r = env
        .http
        .post(env.url("/oauth/revoke"))
        .form(&[("token", refresh), ("client_id", "access-console")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(env.me(access).await.0, 401);
    assert_eq!(env.refresh(refresh).await.0, 400);
    // Unknown tokens still answer 200 (RFC 7009 §2.2).
    let r = env
        .http
        .post(env.url("/oauth/revoke"))
        .form(&[("token", "junk"), ("client_id", "access-console")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

#[tokio::test]
async fn admin_api_errors_are_problem_json() {
    let env = env().await;
    let not_found = env
        .http
        .get(env.url("/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    let wrong_method = env.http.post(env.url("/v1/me")).send().await.unwrap();
    let no_token = env.http.get(env.url("/v1/me")).send().await.unwrap();
    for (response, status, code) in [
        (not_found, 404, "not_found"),
        (wrong_method, 405, "invalid_request"),
        (no_token, 401, "invalid_token"),
    ] {
        assert_eq!(response.status(), status);
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let problem: serde_json::Value = response.json().await.unwrap();
        assert_eq!(problem["code"], code, "a stable code clients branch on");
        assert_eq!(problem["status"], status);
        assert!(problem["type"].as_str().unwrap().ends_with(code));
    }
}
