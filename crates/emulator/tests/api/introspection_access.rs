//! Introspection (RFC 7662) only for clients registered as resource servers, only for tokens
//! of their own organization, and with the minimum fields.

use crate::common::*;
use platform_emulator::directory::ensure_org;
use platform_emulator::{
    register_resource_server, NewClient, DEMO_M2M_CLIENT_ID, DEMO_M2M_CLIENT_SECRET,
    DEMO_RESOURCE_SERVER_CLIENT_ID, DEMO_RESOURCE_SERVER_SECRET,
};
use serde_json::json;

const OTHER_ORG: &str = "org_other_hospital";
const OTHER_RS: (&str, &str) = ("other-hospital-records", "other-hospital-records-secret");

async fn with_a_second_organization() -> Env {
    let env = env().await;
    let state = &env.emu.state;
    ensure_org(&state.pool, OTHER_ORG, "Other Hospital")
        .await
        .unwrap();
    register_resource_server(
        state,
        NewClient {
            client_id: OTHER_RS.0,
            org_id: OTHER_ORG,
            name: "Other Hospital records",
            secret: Some(OTHER_RS.1),
            redirect_uris: &[],
            scopes: &[],
            service_account_id: None,
        },
        "https://records.other-hospital.test",
    )
    .await
    .unwrap();
    env
}

#[tokio::test]
async fn a_second_organizations_resource_server_learns_nothing() {
    let env = with_a_second_organization().await;
    let access = env.token_for(OWNER).await;

    // The demo organization's own resource server sees the token...
    let (status, seen) = env
        .introspect_as(
            &access,
            (DEMO_RESOURCE_SERVER_CLIENT_ID, DEMO_RESOURCE_SERVER_SECRET),
        )
        .await;
    assert_eq!((status, &seen["active"]), (200, &json!(true)), "{seen}");
    // ...the other organization's, authenticated just as well, gets exactly the inactive answer.
    assert_eq!(
        env.introspect_as(&access, OTHER_RS).await,
        (200, json!({"active": false}))
    );
}

#[tokio::test]
async fn a_client_that_is_not_a_resource_server_cannot_introspect() {
    let env = env().await;
    let access = env.token_for(OWNER).await;
    // The reminder bot is a confidential client of the same organization, but no resource
    // server: before, it could read any token's holder and email.
    let (status, body) = env
        .introspect_as(&access, (DEMO_M2M_CLIENT_ID, DEMO_M2M_CLIENT_SECRET))
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (403, Some("unauthorized_client")),
        "{body}"
    );
    assert!(
        body.get("active").is_none() && body.get("sub").is_none(),
        "{body}"
    );
}

#[tokio::test]
async fn introspection_answers_with_the_minimum_fields() {
    let env = env().await;
    let access = env.token_for(OWNER).await;
    let (_, seen) = env
        .introspect_as(
            &access,
            (DEMO_RESOURCE_SERVER_CLIENT_ID, DEMO_RESOURCE_SERVER_SECRET),
        )
        .await;
    let mut fields: Vec<&str> = seen
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "active",
            "aud",
            "client_id",
            "exp",
            "iat",
            "scope",
            "sub",
            "token_type"
        ],
        "no email, no name: {seen}"
    );
    assert_eq!(seen["sub"], "usr_olivia_owner");
    assert_eq!(seen["aud"], env.emu.base_url().as_str());
    assert!(
        !seen.to_string().contains("demo-clinic.test"),
        "no email anywhere: {seen}"
    );
}
