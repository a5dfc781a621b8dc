//! Interoperability: the core's sign-in, refresh and sign-out against an independent,
//! OpenID-certified server (npm `oidc-provider`, tests/interop/oidc-server.mjs) on loopback.

use std::process::Stdio;
use std::time::Duration;

use crate::common::*;
use console_core::{KeyringStore, Profile, TokenStore};
use tokio::io::{AsyncBufReadExt, BufReader};

struct OidcServer {
    _child: tokio::process::Child,
    // Kept open: the server may write to stdout again, and a closed pipe would kill it.
    _stdout: tokio::io::Lines<BufReader<tokio::process::ChildStdout>>,
    info: serde_json::Value,
}

async fn oidc_server() -> OidcServer {
    scripted_browser(); // checks tests/node_modules exists, with a clear message
    let mut child = tokio::process::Command::new("node")
        .arg(repo_root().join("tests/interop/oidc-server.mjs"))
        .stdin(Stdio::piped()) // the server exits when this closes, i.e. when the test ends
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("node runs");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("oidc-provider starts within 20 s")
        .unwrap()
        .expect("it prints its issuer");
    OidcServer {
        _child: child,
        _stdout: lines,
        info: serde_json::from_str(&line).unwrap(),
    }
}

#[tokio::test]
async fn sign_in_refresh_and_sign_out_against_oidc_provider() {
    let server = oidc_server().await;
    let issuer = server.info["issuer"].as_str().unwrap().to_string();
    // Any login works on oidc-provider's development interactions.
    let h = console(
        &issuer,
        as_person(("interop.user@example.test", "any-password")),
        Duration::from_secs(60),
        &["console"],
    );
    let profile = format!("{}-oidc", h.profile);
    h.console
        .add_profile(Profile {
            name: profile.clone(),
            api_base: issuer.clone(),
            issuer: Some(issuer.clone()),
            client_id: "access-console".into(),
            // offline_access on an OIDC server needs prompt=consent, which the core adds.
            scopes: vec!["openid".into(), "offline_access".into()],
            builtin: false,
        })
        .unwrap();
    let session = h.console.session(&profile).unwrap();
    // oidc-provider has no admin API, so sign in at the OAuth2 level only.
    let metadata = session
        .metadata()
        .await
        .expect("OIDC discovery works")
        .clone();
    assert_eq!(
        metadata.issuer, issuer,
        "issuer byte-equality holds for a standard server"
    );
    let signed_in = console_core::oauth::sign_in(
        session.profile(),
        &metadata,
        console_core::oauth::http_client(),
        console_core::oauth::SignInOptions {
            opener: as_person(("interop.user@example.test", "any-password")),
            timeout: Duration::from_secs(60),
            cancel: Default::default(),
            prompt_login: false,
            max_age: None,
        },
    )
    .await
    .expect("authorization code + PKCE against oidc-provider, ID token validated");
    // oidc-provider is an OpenID Provider, so the core asked for openid with a nonce and
    // validated the ID token it returned (signature with its jwks_uri key, iss, aud, exp,
    // nonce): the identity exists only when that validation passed.
    let identity = signed_in
        .identity
        .expect("an OpenID Provider's sign-in yields a validated ID token");
    assert_eq!(
        identity.subject, "interop.user@example.test",
        "the login is oidc-provider's subject"
    );
    let tokens = signed_in.tokens;
    let first_refresh = tokens
        .refresh_token
        .clone()
        .expect("offline_access granted with prompt=consent");
    KeyringStore
        .set(&account_of(&h.console, &profile), &tokens)
        .unwrap();

    // Refresh: oidc-provider rotates the refresh token, and the core stores the new pair.
    session.refresh().await.expect("refresh works");
    let refreshed = KeyringStore
        .get(&account_of(&h.console, &profile))
        .unwrap()
        .unwrap();
    assert_ne!(refreshed.access_token, tokens.access_token);
    assert_ne!(
        refreshed.refresh_token.as_ref(),
        Some(&first_refresh),
        "rotated"
    );

    // Sign-out revokes at the server: introspection then calls the refresh token inactive.
    let report = h
        .console
        .sign_out(&profile, console_core::LocalCopy::Delete)
        .await
        .unwrap();
    assert!(report.revoked_at_server, "{:?}", report.note);
    assert!(KeyringStore
        .get(&account_of(&h.console, &profile))
        .unwrap()
        .is_none());
    let discovery: serde_json::Value =
        reqwest::get(format!("{issuer}/.well-known/openid-configuration"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let introspection: serde_json::Value = reqwest::Client::new()
        .post(discovery["introspection_endpoint"].as_str().unwrap())
        .basic_auth(
            server.info["introspection_client_id"].as_str().unwrap(),
            server.info["introspection_client_secret"].as_str(),
        )
        .form(&[("token", refreshed.refresh_token.unwrap().expose())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(introspection["active"], false, "{introspection}");
}

/// Remembers the authorization URL, then lets the scripted browser sign in.
struct RecordingBrowser {
    inner: std::sync::Arc<dyn console_core::BrowserOpener>,
    url: std::sync::Mutex<Option<String>>,
}

impl console_core::BrowserOpener for RecordingBrowser {
    fn open(&self, url: &str) -> console_core::Result<()> {
        *self.url.lock().unwrap() = Some(url.to_string());
        self.inner.open(url)
    }
}

#[tokio::test]
async fn prompt_login_and_consent_together_are_accepted_by_oidc_provider() {
    // After a sign-out the console sends `prompt=login consent` to OpenID providers when it
    // asks for offline_access: a certified server must accept both, and still grant the
    // refresh token that consent gives.
    let server = oidc_server().await;
    let issuer = server.info["issuer"].as_str().unwrap().to_string();
    let http = console_core::oauth::http_client();
    let metadata = console_core::oauth::discover(&http, &issuer).await.unwrap();
    let profile = Profile {
        name: "interop-prompt".into(),
        api_base: issuer.clone(),
        issuer: Some(issuer.clone()),
        client_id: "access-console".into(),
        scopes: vec!["openid".into(), "offline_access".into()],
        builtin: false,
    };
    let browser = std::sync::Arc::new(RecordingBrowser {
        inner: as_person(("interop.user@example.test", "any-password")),
        url: Default::default(),
    });
    let signed_in = console_core::oauth::sign_in(
        &profile,
        &metadata,
        http,
        console_core::oauth::SignInOptions {
            opener: browser.clone(),
            timeout: Duration::from_secs(60),
            cancel: Default::default(),
            prompt_login: true,
            max_age: None,
        },
    )
    .await
    .expect("oidc-provider accepts prompt=login consent");
    assert!(signed_in.identity.is_some(), "the ID token was validated");
    let tokens = signed_in.tokens;
    assert!(tokens.refresh_token.is_some(), "consent still granted");
    let url = url::Url::parse(&browser.url.lock().unwrap().clone().unwrap()).unwrap();
    let prompt: Vec<_> = url.query_pairs().filter(|(k, _)| k == "prompt").collect();
    assert_eq!(prompt.len(), 1);
    assert_eq!(prompt[0].1, "login consent");
    // Leave no live grant behind (and let the browser read its "signed in" page meanwhile).
    let client = console_core::oauth::OAuthClient::new(
        &profile,
        &metadata,
        console_core::oauth::http_client(),
    )
    .unwrap();
    client.revoke_all(&tokens).await.expect("revoked");
}

#[tokio::test]
async fn a_certified_relying_party_accepts_the_emulator_as_an_openid_provider() {
    // The other direction: the npm package openid-client (OpenID-certified relying party,
    // tests/interop/oidc-rp.mjs) discovers the emulator, signs in with PKCE, nonce,
    // prompt=login and max_age, and validates the ID token itself. It fails on any missing
    // discovery field, a bad signature, a wrong iss/aud/nonce, or an auth_time older than
    // max_age; the script exits non-zero then.
    scripted_browser(); // checks tests/node_modules exists, with a clear message
    let emu = emulator(900).await;
    let before = emu.state.now();
    let output = tokio::process::Command::new("node")
        .arg(repo_root().join("tests/interop/oidc-rp.mjs"))
        .args([&emu.base_url(), OWNER.0, OWNER.1])
        // Olivia is staff: the emulator asks for her authenticator's code after the password.
        .arg(platform_emulator::totp_secret_for(OWNER.0).unwrap_or_default())
        .output()
        .await
        .expect("node runs");
    assert!(
        output.status.success(),
        "openid-client refused the emulator: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let claims = &result["claims"];
    assert_eq!(claims["iss"], emu.base_url());
    assert_eq!(claims["aud"], "access-console");
    assert_eq!(claims["nonce"], result["nonce"]);
    let auth_time = claims["auth_time"].as_i64().unwrap();
    assert!(
        (before..=emu.state.now()).contains(&auth_time),
        "{auth_time}"
    );
    assert_eq!(result["userinfo"]["sub"], claims["sub"]);
    assert_eq!(result["userinfo"]["email"], OWNER.0);
}
