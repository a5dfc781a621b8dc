//! The authorization code + PKCE flow over real sockets, and every rejection the issue lists.

use crate::common::*;

#[tokio::test]
async fn full_pkce_flow_signs_in_and_me_answers() {
    let env = env().await;
    let response = env
        .sign_in_form(&Env::standard_params(&challenge(VERIFIER)), OWNER)
        .await;
    assert_eq!(response.status(), 303);
    let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
    // The redirect goes to the requested loopback port even though the registration has none.
    assert_eq!(location.port(), Some(50123));
    let q: std::collections::HashMap<_, _> = location.query_pairs().into_owned().collect();
    assert_eq!(q["state"], "state-123", "state is echoed unchanged");
    assert_eq!(
        q["iss"],
        env.emu.base_url(),
        "RFC 9207 iss equals the issuer byte for byte"
    );

    let (status, tokens) = env.exchange(&q["code"], VERIFIER).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    assert!(
        tokens["refresh_token"].is_string(),
        "offline_access yields a refresh token"
    );

    let (status, me) = env.me(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(me["display_name"], "Olivia Owner");
    assert_eq!(me["organization"]["name"], "Demo Clinic");
    assert_eq!(me["staff_roles"], serde_json::json!(["OWNER"]));
    assert!(me["permissions"]
        .as_array()
        .unwrap()
        .contains(&"roles_write".into()));
}

#[tokio::test]
async fn discovery_documents_name_this_issuer() {
    let env = env().await;
    for path in [
        "/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration",
    ] {
        let doc: serde_json::Value = env
            .http
            .get(env.url(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(doc["issuer"], env.emu.base_url());
        assert_eq!(
            doc["code_challenge_methods_supported"],
            serde_json::json!(["S256"])
        );
        assert_eq!(doc["authorization_response_iss_parameter_supported"], true);
    }
}

fn redirect_error(response: &reqwest::Response) -> String {
    let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
    location
        .query_pairs()
        .find(|(k, _)| k == "error")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn pkce_is_required_s256_only_and_checked() {
    let env = env().await;
    let base = Env::standard_params(&challenge(VERIFIER));
    let without = |skip: &[&str]| -> Vec<(&str, String)> {
        base.iter()
            .filter(|(k, _)| !skip.contains(k))
            .cloned()
            .collect()
    };
    let as_ref = |v: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { v.clone() };

    // Missing challenge: a public client must use PKCE.
    let p = without(&["code_challenge", "code_challenge_method"]);
    let r = env
        .authorize(&p.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(redirect_error(&r), "invalid_request");

    // plain is refused: it protects nothing if the request is observed.
    let mut p = as_ref(&base);
    p.retain(|(k, _)| *k != "code_challenge_method");
    p.push(("code_challenge_method", "plain".into()));
    let r = env
        .authorize(&p.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
        .await;
    assert_eq!(redirect_error(&r), "invalid_request");

    // Method omitted means plain (RFC 7636 §4.3): refused too.
    let p = without(&["code_challenge_method"]);
    let r = env
        .authorize(&p.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
        .await;
    assert_eq!(redirect_error(&r), "invalid_request");

    // A wrong verifier fails at the token endpoint.
    let code = env.code_for(OWNER, VERIFIER).await;
    let (status, body) = env
        .exchange(
            &code,
            "another-verifier-that-is-long-enough-to-be-valid-000000",
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_grant");
    // A missing verifier fails too.
    let code = env.code_for(OWNER, VERIFIER).await;
    let (status, body) = env
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("client_id", "access-console"),
        ])
        .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_request");
}

#[tokio::test]
async fn bad_client_or_redirect_gets_an_error_page_never_a_redirect() {
    let env = env().await;
    let c = challenge(VERIFIER);
    let cases: [(&str, &str); 5] = [
        ("unknown-client", REDIRECT),
        ("access-console", "http://127.0.0.1:50123/elsewhere"),
        ("access-console", "http://localhost:50123/callback"),
        ("access-console", "https://attacker.example/callback"),
        ("access-console", "http://127.0.0.1:50123/callback#frag"),
    ];
    for (client, redirect) in cases {
        let r = env
            .authorize(&[
                ("client_id", client),
                ("redirect_uri", redirect),
                ("response_type", "code"),
                ("code_challenge", &c),
                ("code_challenge_method", "S256"),
            ])
            .await;
        assert_eq!(r.status(), 400, "{client} {redirect}");
        assert!(
            r.headers().get("location").is_none(),
            "no redirect for {client} {redirect}"
        );
        let html = r.text().await.unwrap();
        assert!(html.contains("<h1>"), "a readable error page");
    }
}

#[tokio::test]
async fn wrong_password_shows_the_form_again_without_a_code() {
    let env = env().await;
    let r = env
        .sign_in_form(
            &Env::standard_params(&challenge(VERIFIER)),
            (OWNER.0, "not-the-password"),
        )
        .await;
    assert_eq!(r.status(), 401);
    assert!(r.headers().get("location").is_none());
    assert!(r.text().await.unwrap().contains("do not match"));
}

#[tokio::test]
async fn code_is_single_use_and_a_replay_revokes_what_it_issued() {
    let env = env().await;
    let code = env.code_for(OWNER, VERIFIER).await;
    let (status, tokens) = env.exchange(&code, VERIFIER).await;
    assert_eq!(status, 200);
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(env.me(access).await.0, 200);

    let (status, body) = env.exchange(&code, VERIFIER).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    // The tokens from the first exchange are revoked: the code may have been stolen.
    assert_eq!(env.me(access).await.0, 401);
    let (status, _) = env.refresh(tokens["refresh_token"].as_str().unwrap()).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn code_is_bound_to_redirect_and_expires() {
    let env = env().await;
    let code = env.code_for(OWNER, VERIFIER).await;
    let (status, body) = env
        .token(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://127.0.0.1:1/callback"),
            ("code_verifier", VERIFIER),
            ("client_id", "access-console"),
        ])
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    let code = env.code_for(OWNER, VERIFIER).await;
    env.clock.advance(61);
    let (status, body) = env.exchange(&code, VERIFIER).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "codes live 60 s"
    );
}
