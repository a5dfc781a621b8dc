//! `allowed_redirect_uris` over real sockets: an app of the organization returns sign-in
//! results only to a redirect it registered AND the organization lists; anything else gets an
//! error page and nothing is sent to the address. The console (the platform's own native
//! client) keeps its RFC 8252 loopback rule with the default, empty, list.

use platform_emulator::{register_client, NewClient, DEMO_ORG_ID};
use serde_json::json;

use crate::common::*;

const PORTAL: &str = "clinic-portal";
const PORTAL_CALLBACK: &str = "https://portal.demo-clinic.test/callback";

async fn with_the_portal() -> Env {
    let env = env().await;
    register_client(
        &env.emu.state,
        NewClient {
            client_id: PORTAL,
            org_id: DEMO_ORG_ID,
            name: "Clinic portal",
            secret: None,
            redirect_uris: &[PORTAL_CALLBACK],
            scopes: &["openid", "console"],
            service_account_id: None,
        },
    )
    .await
    .unwrap();
    env
}

fn portal_params(redirect: &str) -> Vec<(&'static str, String)> {
    let mut params = Env::standard_params(&challenge(VERIFIER));
    for (k, v) in params.iter_mut() {
        match *k {
            "client_id" => *v = PORTAL.into(),
            "redirect_uri" => *v = redirect.into(),
            "scope" => *v = "console".into(),
            _ => {}
        }
    }
    params
}

async fn authorize_as_portal(env: &Env, redirect: &str) -> reqwest::Response {
    let params = portal_params(redirect);
    let p: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.authorize(&p).await
}

async fn allow(env: &Env, uris: &[&str]) {
    let config_owner = env.token_for(CONFIG_OWNER).await;
    env.change(
        &config_owner,
        json!({ "allowed_redirect_uris": uris }),
        "portal go-live",
    )
    .await;
}

#[tokio::test]
async fn an_apps_registered_redirect_is_refused_until_the_organization_allows_it() {
    let env = with_the_portal().await;
    let r = authorize_as_portal(&env, PORTAL_CALLBACK).await;
    assert_eq!(r.status(), 400);
    assert!(
        r.headers().get("location").is_none(),
        "nothing is sent to the address"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("Redirect address not allowed"), "{html}");
    assert!(
        html.contains("allowed redirect URIs"),
        "says which rule: {html}"
    );

    allow(&env, &[PORTAL_CALLBACK]).await;
    let r = env
        .sign_in_form(&portal_params(PORTAL_CALLBACK), OWNER)
        .await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with(&format!("{PORTAL_CALLBACK}?code=")),
        "the sign-in result goes to the allowed address: {location}"
    );

    // Taken off the list again, it is refused again.
    allow(&env, &[]).await;
    assert_eq!(
        authorize_as_portal(&env, PORTAL_CALLBACK).await.status(),
        400
    );
}

#[tokio::test]
async fn the_list_allows_only_what_the_app_also_registered() {
    let env = with_the_portal().await;
    let elsewhere = "https://elsewhere.example/callback";
    allow(&env, &[PORTAL_CALLBACK, elsewhere]).await;
    let r = authorize_as_portal(&env, elsewhere).await;
    assert_eq!(
        r.status(),
        400,
        "the organization's list does not register anything"
    );
    assert!(r.headers().get("location").is_none());
    assert!(r.text().await.unwrap().contains("not registered for it"));
}

#[tokio::test]
async fn the_console_signs_in_on_any_loopback_port_with_the_default_empty_list() {
    let env = env().await;
    let config_owner = env.token_for(CONFIG_OWNER).await;
    let settings = env.settings(&config_owner).await;
    assert_eq!(settings.body["values"]["allowed_redirect_uris"], json!([]));
    // The console is the platform's own native app: RFC 8252 loopback, any port.
    let mut params = Env::standard_params(&challenge(VERIFIER));
    params[1].1 = "http://127.0.0.1:61999/callback".into();
    let r = env.sign_in_form(&params, OWNER).await;
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("http://127.0.0.1:61999/callback?code="));
}
