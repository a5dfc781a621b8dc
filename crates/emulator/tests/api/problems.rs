//! A body axum cannot read is answered as every other bad parameter is:
//! problem+json 400 `invalid_request` naming what to fix, never axum's plain-text rejection;
//! and a caller who may not write learns that first, whatever the body holds.

use serde_json::Value;

use crate::common::write::MIA;
use crate::common::*;

async fn put_raw(env: &Env, token: &str, content_type: &str, body: &str) -> (u16, Value, String) {
    let r = env
        .http
        .put(env.url(&format!("/v1/users/{MIA}/roles")))
        .bearer_auth(token)
        .header("If-Match", "\"1\"")
        .header("content-type", content_type)
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let kind = r.headers()["content-type"].to_str().unwrap().to_string();
    (status, r.json().await.unwrap_or(Value::Null), kind)
}

#[tokio::test]
async fn an_unreadable_body_is_a_problem_naming_the_body_after_the_role_check() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    for (content_type, body) in [("application/json", "{not json"), ("text/plain", "{}")] {
        let (status, problem, kind) = put_raw(&env, &owner, content_type, body).await;
        assert_eq!((status, kind.as_str()), (400, "application/problem+json"));
        assert_eq!(problem["code"], "invalid_request", "{problem}");
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.starts_with("body: "), "{detail}");
    }
    // SUPPORT may not change roles: 403 comes before the body is looked at.
    let support = env.token_for(SUPPORT).await;
    let (status, problem, _) = put_raw(&env, &support, "application/json", "{not json").await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (403, Some("read_only_role"))
    );
}
