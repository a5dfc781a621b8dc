//! The emulator as an OpenID Provider, over real sockets: discovery (OIDC Discovery §3), the
//! signing key at `jwks_uri`, ID tokens from the code exchange (signature, iss, aud, nonce,
//! auth_time), userinfo, and `prompt` / `max_age` at the authorization endpoint.

use std::collections::HashMap;

use crate::common::*;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

async fn get_json(env: &Env, path: &str) -> Value {
    let r = env.http.get(env.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.json().await.unwrap()
}

/// Params of an OpenID authorization request with `extra` added or replacing defaults.
fn oidc_params(extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut params = Env::standard_params(&challenge(VERIFIER));
    params.retain(|(k, _)| k != &"scope");
    params.push((
        "scope",
        "openid console offline_access profile email".into(),
    ));
    for (k, v) in extra {
        params.retain(|(key, _)| key != k);
        params.push((k, v.to_string()));
    }
    params
}

fn query_of(response: &reqwest::Response) -> HashMap<String, String> {
    let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
    location.query_pairs().into_owned().collect()
}

/// Signs in with `params` and exchanges the code; returns the token response.
async fn tokens_for(env: &Env, params: &[(&'static str, String)]) -> Value {
    let response = env.sign_in_form(params, OWNER).await;
    assert_eq!(response.status(), 303);
    let q = query_of(&response);
    let (status, tokens) = env.exchange(&q["code"], VERIFIER).await;
    assert_eq!(status, 200, "{tokens}");
    tokens
}

/// Verifies `id_token` with the key the server publishes (found by the token's `kid`).
async fn verify(env: &Env, id_token: &str) -> Value {
    let discovery = get_json(env, "/.well-known/openid-configuration").await;
    let jwks_path = discovery["jwks_uri"]
        .as_str()
        .unwrap()
        .strip_prefix(&env.emu.base_url())
        .expect("jwks_uri is on this server")
        .to_string();
    let jwks: JwkSet = serde_json::from_value(get_json(env, &jwks_path).await).unwrap();
    let header = jsonwebtoken::decode_header(id_token).unwrap();
    assert_eq!(
        header.alg,
        Algorithm::ES256,
        "asymmetric, as discovery says"
    );
    let jwk = jwks
        .find(header.kid.as_deref().expect("the ID token names its key"))
        .expect("the kid is published at jwks_uri");
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_audience(&["access-console"]);
    validation.set_issuer(&[env.emu.base_url()]);
    // The emulator's clock is a manual one, not the wall clock jsonwebtoken checks exp against.
    validation.validate_exp = false;
    jsonwebtoken::decode::<Value>(id_token, &DecodingKey::from_jwk(jwk).unwrap(), &validation)
        .expect("the ID token verifies with the published key")
        .claims
}

#[tokio::test]
async fn discovery_has_every_required_openid_provider_field() {
    let env = env().await;
    let doc = get_json(&env, "/.well-known/openid-configuration").await;
    let base = env.emu.base_url();
    // OIDC Discovery §3 REQUIRED fields (token_endpoint: required unless implicit-only).
    for field in [
        "issuer",
        "authorization_endpoint",
        "token_endpoint",
        "jwks_uri",
        "response_types_supported",
        "subject_types_supported",
        "id_token_signing_alg_values_supported",
        "userinfo_endpoint",
        "scopes_supported",
        "claims_supported",
    ] {
        assert!(
            doc[field].is_string() || doc[field].as_array().is_some_and(|a| !a.is_empty()),
            "{field} missing or empty in {doc}"
        );
    }
    assert_eq!(doc["issuer"], base);
    assert_eq!(doc["jwks_uri"], format!("{base}/oauth/jwks"));
    assert_eq!(doc["userinfo_endpoint"], format!("{base}/oauth/userinfo"));
    assert_eq!(
        doc["id_token_signing_alg_values_supported"],
        serde_json::json!(["ES256"])
    );
    assert_eq!(
        doc["code_challenge_methods_supported"],
        serde_json::json!(["S256"])
    );
    let listed = |f: &str, v: &str| doc[f].as_array().unwrap().iter().any(|x| x == v);
    assert!(listed("scopes_supported", "openid"));
    assert!(listed("response_types_supported", "code"));
    for claim in [
        "sub",
        "iss",
        "aud",
        "exp",
        "iat",
        "auth_time",
        "nonce",
        "name",
        "email",
    ] {
        assert!(listed("claims_supported", claim), "{claim}");
    }
    // "none" is never an ID token signing algorithm of ours.
    assert!(!listed("id_token_signing_alg_values_supported", "none"));
}

#[tokio::test]
async fn jwks_serves_one_p256_signing_key_with_a_kid() {
    let env = env().await;
    let jwks = get_json(&env, "/oauth/jwks").await;
    let keys = jwks["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1, "{jwks}");
    let key = &keys[0];
    assert_eq!(key["kty"], "EC");
    assert_eq!(key["crv"], "P-256");
    assert_eq!(key["use"], "sig");
    assert_eq!(key["alg"], "ES256");
    assert!(key["kid"].as_str().is_some_and(|k| !k.is_empty()));
    // Only the public half is published.
    assert!(key.get("d").is_none(), "private key material in {key}");
    // A second server has its own key, so its tokens cannot pass for ours.
    let other = env_with(Default::default()).await;
    let other_jwks = get_json(&other, "/oauth/jwks").await;
    assert_ne!(other_jwks["keys"][0]["kid"], key["kid"]);
}

#[tokio::test]
async fn the_code_exchange_returns_an_id_token_with_nonce_and_auth_time() {
    let env = env().await;
    let signed_in_at = env.emu.state.now();
    let tokens = tokens_for(&env, &oidc_params(&[("nonce", "n-0S6_WzA2Mj")])).await;
    let id_token = tokens["id_token"]
        .as_str()
        .expect("openid gives an ID token");
    let claims = verify(&env, id_token).await;
    let (_, me) = env.me(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!(
        claims["sub"], me["user_id"],
        "the same person /v1/me describes"
    );
    assert_eq!(
        claims["nonce"], "n-0S6_WzA2Mj",
        "the request's nonce, unchanged"
    );
    assert_eq!(
        claims["auth_time"], signed_in_at,
        "when the password was typed"
    );
    assert_eq!(claims["iat"], signed_in_at);
    assert!(claims["exp"].as_i64().unwrap() > signed_in_at);

    // Without openid there is no ID token (plain OAuth2 clients are unaffected).
    let plain = env.signed_in(OWNER).await;
    assert!(plain.get("id_token").is_none(), "{plain}");
}

#[tokio::test]
async fn a_tampered_id_token_does_not_verify() {
    let env = env().await;
    let tokens = tokens_for(&env, &oidc_params(&[("nonce", "n")])).await;
    let id_token = tokens["id_token"].as_str().unwrap();
    // Swap the payload for one naming someone else: the signature no longer matches.
    let mut parts: Vec<String> = id_token.split('.').map(str::to_string).collect();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut payload: Value = serde_json::from_slice(&b64.decode(&parts[1]).unwrap()).unwrap();
    payload["sub"] = "someone-else".into();
    parts[1] = b64.encode(payload.to_string());
    let forged = parts.join(".");
    let jwks: JwkSet = serde_json::from_value(get_json(&env, "/oauth/jwks").await).unwrap();
    let mut validation = Validation::new(Algorithm::ES256);
    validation.set_audience(&["access-console"]);
    validation.validate_exp = false;
    let key = DecodingKey::from_jwk(&jwks.keys[0]).unwrap();
    assert!(jsonwebtoken::decode::<Value>(id_token, &key, &validation).is_ok());
    assert!(jsonwebtoken::decode::<Value>(&forged, &key, &validation).is_err());
}

#[tokio::test]
async fn prompt_login_and_max_age_are_accepted_and_auth_time_is_the_fresh_sign_in() {
    let env = env().await;
    // A first sign-in, then time passes: the second, with prompt=login and max_age=0, must
    // show the form again (no session is reused) and report the new authentication time.
    tokens_for(&env, &oidc_params(&[("nonce", "first")])).await;
    env.clock.advance(600);
    let fresh_at = env.emu.state.now();
    let page = env
        .authorize(
            &oidc_params(&[("prompt", "login"), ("max_age", "0"), ("nonce", "second")])
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(
        page.status(),
        200,
        "the sign-in form, not a silent redirect"
    );
    assert!(page.text().await.unwrap().contains("name=\"password\""));
    let tokens = tokens_for(
        &env,
        &oidc_params(&[
            ("prompt", "login consent"),
            ("max_age", "60"),
            ("nonce", "second"),
        ]),
    )
    .await;
    let claims = verify(&env, tokens["id_token"].as_str().unwrap()).await;
    assert_eq!(claims["auth_time"], fresh_at);
    assert_eq!(claims["nonce"], "second");

    // prompt=none cannot be honoured without a session; a bad max_age is refused.
    for (extra, error) in [
        (("prompt", "none"), "login_required"),
        (("prompt", "whenever"), "invalid_request"),
        (("max_age", "soon"), "invalid_request"),
    ] {
        let params = oidc_params(&[extra]);
        let p: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = env.authorize(&p).await;
        assert_eq!(response.status(), 303, "{extra:?}");
        assert_eq!(query_of(&response)["error"], error, "{extra:?}");
    }
}

#[tokio::test]
async fn userinfo_answers_for_an_openid_token_only() {
    let env = env().await;
    let tokens = tokens_for(&env, &oidc_params(&[("nonce", "n")])).await;
    let access = tokens["access_token"].as_str().unwrap();
    let userinfo = |token: String| {
        let request = env.http.get(env.url("/oauth/userinfo")).bearer_auth(token);
        async move { request.send().await.unwrap() }
    };
    let r = userinfo(access.to_string()).await;
    assert_eq!(r.status(), 200);
    let info: Value = r.json().await.unwrap();
    let (_, me) = env.me(access).await;
    assert_eq!(info["sub"], me["user_id"]);
    assert_eq!(info["name"], "Olivia Owner");
    assert_eq!(info["email"], OWNER.0);

    // A token without openid: 403 insufficient_scope (RFC 6750 §3.1).
    let plain = env.signed_in(OWNER).await;
    let r = userinfo(plain["access_token"].as_str().unwrap().to_string()).await;
    assert_eq!(r.status(), 403);
    assert!(r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("insufficient_scope"));
    // An unknown token: 401 invalid_token.
    let r = userinfo("at_not-a-real-token".into()).await;
    assert_eq!(r.status(), 401);
    assert!(r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("invalid_token"));
}
