//! Scope and audience on every `/v1` route: a token must carry the console's scope (RFC 6750
//! §3.1) and be minted for the admin API (RFC 8707). Role checks come on top.

use crate::common::*;
use platform_emulator::{
    DEMO_M2M_CLIENT_ID, DEMO_M2M_CLIENT_SECRET, DEMO_RESOURCE, DEMO_RESOURCE_SERVER_CLIENT_ID,
    DEMO_RESOURCE_SERVER_SECRET,
};

const RECORDS_API: (&str, &str) = (DEMO_RESOURCE_SERVER_CLIENT_ID, DEMO_RESOURCE_SERVER_SECRET);

#[tokio::test]
async fn a_token_with_only_email_gets_403_insufficient_scope_with_the_header() {
    let env = env().await;
    let (status, tokens) = env.signed_in_with(OWNER, &[("scope", "email")]).await;
    assert_eq!(status, 200, "{tokens}");
    let email_only = tokens["access_token"].as_str().unwrap();

    let r = env.get("/v1/users", email_only).await;
    assert_eq!(
        r.status(),
        403,
        "an OWNER's token without `console` reads nothing"
    );
    assert_eq!(
        r.headers()["www-authenticate"],
        "Bearer error=\"insufficient_scope\", scope=\"console\"",
        "RFC 6750 §3.1 names the scope that would do"
    );
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let problem: serde_json::Value = r.json().await.unwrap();
    assert_eq!(problem["code"], "insufficient_scope", "{problem}");
    // Every /v1 route, not only the listing.
    for path in ["/v1/me", "/v1/changes?after=0", "/v1/settings", "/v1/audit"] {
        assert_eq!(env.get(path, email_only).await.status(), 403, "{path}");
    }

    // The same person with the console's scope is let in: the scope decided, not the person.
    let with_console = env.token_for(OWNER).await;
    assert_eq!(env.get("/v1/users", &with_console).await.status(), 200);
}

#[tokio::test]
async fn a_refresh_that_narrows_the_scope_gives_a_token_with_only_that_scope() {
    let env = env().await;
    let (_, tokens) = env
        .signed_in_with(OWNER, &[("scope", "console offline_access email")])
        .await;
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let (status, narrowed) = env
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh),
            ("client_id", "access-console"),
            ("scope", "email offline_access"),
        ])
        .await;
    assert_eq!(status, 200, "{narrowed}");
    let access = narrowed["access_token"].as_str().unwrap();
    // Checked against what this token holds, not what the sign-in once granted.
    assert_eq!(env.me(access).await.0, 403);
    let (_, seen) = env.introspect_as(access, RECORDS_API).await;
    assert_eq!(seen["scope"], "email offline_access");
}

#[tokio::test]
async fn a_token_for_another_audience_is_refused_by_the_admin_api() {
    let env = env().await;
    let (status, tokens) = env
        .signed_in_with(OWNER, &[("resource", DEMO_RESOURCE)])
        .await;
    assert_eq!(status, 200, "{tokens}");
    let for_records = tokens["access_token"].as_str().unwrap();
    let r = env.get("/v1/me", for_records).await;
    assert_eq!(
        r.status(),
        401,
        "minted for the records API, not for this one"
    );
    assert_eq!(
        r.headers()["www-authenticate"],
        "Bearer error=\"invalid_token\""
    );
    let (_, seen) = env.introspect_as(for_records, RECORDS_API).await;
    assert_eq!(seen["aud"], DEMO_RESOURCE);

    // Asking for the admin API by name, or for nothing, gives a token the admin API accepts.
    let base = env.emu.base_url();
    let (_, tokens) = env.signed_in_with(OWNER, &[("resource", &base)]).await;
    let for_admin = tokens["access_token"].as_str().unwrap();
    assert_eq!(env.me(for_admin).await.0, 200);
    let (_, seen) = env.introspect_as(for_admin, RECORDS_API).await;
    assert_eq!(seen["aud"], base.as_str(), "the admin API is named too");

    // A refresh cannot move the audience elsewhere.
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let (status, body) = env
        .token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh),
            ("client_id", "access-console"),
            ("resource", DEMO_RESOURCE),
        ])
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_target"))
    );

    // Nor can a service account's client credentials reach the admin API with such a token.
    let (status, m2m) = env
        .token(&[
            ("grant_type", "client_credentials"),
            ("client_id", DEMO_M2M_CLIENT_ID),
            ("client_secret", DEMO_M2M_CLIENT_SECRET),
            ("resource", DEMO_RESOURCE),
        ])
        .await;
    assert_eq!(status, 200, "{m2m}");
    assert_eq!(env.me(m2m["access_token"].as_str().unwrap()).await.0, 401);
}

#[tokio::test]
async fn a_resource_nobody_serves_is_refused_at_the_authorization_request() {
    let env = env().await;
    let params = Env::standard_params(&challenge(VERIFIER));
    let mut p: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    p.push(("resource", "https://elsewhere.example/api"));
    let r = env.authorize(&p).await;
    // The client and redirect are good, so the error goes back to the application (RFC 8707).
    assert_eq!(r.status(), 303);
    let location = url::Url::parse(r.headers()["location"].to_str().unwrap()).unwrap();
    let error = location
        .query_pairs()
        .find(|(k, _)| k == "error")
        .unwrap()
        .1;
    assert_eq!(error, "invalid_target");
}
