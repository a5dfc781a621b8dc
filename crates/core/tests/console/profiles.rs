//! "Test connection" and profile edits against real servers over real sockets: the emulator,
//! the emulator behind a socket with edited metadata, a closed port, and a recorder that must
//! see nothing.

use std::sync::atomic::Ordering;

use crate::common::*;
use crate::hygiene::servers::{front, recorder};
use console_core::profiles::{test_connection, CheckStatus, ConnectionReport};
use console_core::{oauth, Profile};
use serde_json::json;

const SCOPES: &[&str] = &["console", "offline_access"];

fn profile(api_base: &str) -> Profile {
    Profile {
        name: "Clinic".into(),
        api_base: api_base.into(),
        issuer: None,
        client_id: "access-console".into(),
        scopes: SCOPES.iter().map(|s| s.to_string()).collect(),
        builtin: false,
    }
}

async fn report(p: &Profile) -> ConnectionReport {
    test_connection(&oauth::http_client(), p).await
}

fn check<'a>(r: &'a ConnectionReport, id: &str) -> (CheckStatus, &'a str) {
    let c = r
        .checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id}: {r:#?}"));
    (c.status, c.detail.as_str())
}

#[tokio::test]
async fn a_good_server_reports_what_it_offers_and_knows_the_client() {
    let emu = emulator(900).await;
    let r = report(&profile(&emu.base_url())).await;
    assert!(r.ok, "{r:#?}");
    for c in &r.checks {
        assert_eq!(c.status, CheckStatus::Ok, "{c:?}");
    }
    let server = r.server.as_ref().unwrap();
    assert_eq!(server.issuer, emu.base_url());
    assert!(server.pkce_s256 && server.openid && server.refresh_tokens);
    assert!(server.userinfo_endpoint.is_some() && server.revocation_endpoint.is_some());
    assert!(server.missing_scopes.is_empty());
    assert!(check(&r, "refresh")
        .1
        .contains("grant_types_supported lists refresh_token"));
    assert!(check(&r, "protocol").1.contains("OpenID Connect"));
    assert!(
        check(&r, "client")
            .1
            .contains("knows the client id 'access-console'"),
        "{r:#?}"
    );
    // Asking about the client is not a sign-in: no code was ever handed out.
    assert_eq!(emu.state.stats.code_grants.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_wrong_issuer_shows_both_strings_and_where_they_differ() {
    let emu = emulator(900).await;
    let mut p = profile(&emu.base_url());
    p.issuer = Some(format!("{}/", emu.base_url()));
    let r = report(&p).await;
    assert!(!r.ok);
    let (status, text) = check(&r, "issuer");
    assert_eq!(status, CheckStatus::Fail);
    assert!(
        text.contains(&format!("calls itself '{}'", emu.base_url())),
        "{text}"
    );
    let at = emu.base_url().chars().count() + 1;
    assert!(
        text.contains(&format!(
            "differ at character {at}: the profile's goes on with a trailing '/'"
        )),
        "{text}"
    );
    assert_eq!(check(&r, "client").0, CheckStatus::NotChecked);
}

#[tokio::test]
async fn an_unknown_client_id_or_scope_is_found_by_asking_the_server() {
    let emu = emulator(900).await;
    let mut p = profile(&emu.base_url());
    p.client_id = "no-such-client".into();
    let r = report(&p).await;
    let (status, text) = check(&r, "client");
    assert_eq!(status, CheckStatus::Fail, "{r:#?}");
    assert!(
        text.contains("does not know the client id 'no-such-client'"),
        "{text}"
    );
    assert!(text.contains("Unknown application"), "{text}");
    assert!(!r.ok);

    let mut p = profile(&emu.base_url());
    p.scopes.push("payroll".into());
    let r = report(&p).await;
    let (status, text) = check(&r, "scopes");
    assert_eq!(status, CheckStatus::Warn);
    assert!(text.contains("'payroll'"), "{text}");
    let (status, text) = check(&r, "client");
    assert_eq!(status, CheckStatus::Fail, "{r:#?}");
    assert!(
        text.contains("invalid_scope") && text.contains("'payroll'"),
        "{text}"
    );
}

#[tokio::test]
async fn a_closed_port_is_unreachable_in_words() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let r = report(&profile(&format!("http://127.0.0.1:{port}"))).await;
    let (status, text) = check(&r, "reach");
    assert_eq!(status, CheckStatus::Fail);
    assert!(
        text.contains(&format!(
            "Nothing answers at 127.0.0.1:{port} (connection refused)"
        )),
        "{text}"
    );
    assert_eq!(check(&r, "issuer").0, CheckStatus::NotChecked);
    assert!(r.server.is_none());
}

#[tokio::test]
async fn plain_http_to_another_machine_is_refused_before_any_request() {
    // The recorder is reachable at http://0.0.0.0:PORT, which is not this machine's loopback.
    let rec = recorder().await;
    let r = report(&profile(&rec.url)).await;
    let (status, text) = check(&r, "profile");
    assert_eq!(status, CheckStatus::Fail);
    assert!(text.contains("must use https"), "{text}");
    assert!(check(&r, "reach").1.contains("nothing was sent"));
    assert!(rec.bodies.lock().unwrap().is_empty());
    // The same recorder as loopback does see the test's request (a GET, an empty body), so
    // "nothing seen" above means nothing was sent.
    let p = profile(&rec.url.replace("0.0.0.0", "127.0.0.1"));
    let seen = report(&p).await;
    assert!(check(&seen, "reach")
        .1
        .contains("not an OAuth2 authorization server metadata"));
    assert_eq!(rec.bodies.lock().unwrap().as_slice(), [""]);
}

#[tokio::test]
async fn a_server_without_s256_fails_that_check_and_is_not_asked_about_the_client() {
    let emu = emulator(900).await;
    let bad = front(&emu).await;
    bad.serve(vec![("code_challenge_methods_supported", json!(["plain"]))]);
    let r = report(&profile(&bad.url)).await;
    let (status, text) = check(&r, "pkce");
    assert_eq!(status, CheckStatus::Fail);
    assert!(
        text.contains("does not offer PKCE S256") && text.contains("only plain"),
        "{text}"
    );
    assert!(!r.server.as_ref().unwrap().pkce_s256);
    assert_eq!(check(&r, "client").0, CheckStatus::NotChecked);
    // Neither refresh_token nor offline_access: a warning that says which evidence is missing.
    bad.serve(vec![
        ("grant_types_supported", json!(["authorization_code"])),
        ("scopes_supported", json!(["console"])),
    ]);
    let r = report(&profile(&bad.url)).await;
    let (status, text) = check(&r, "refresh");
    assert_eq!(status, CheckStatus::Warn);
    assert!(text.contains("lists only authorization_code"), "{text}");
    assert!(check(&r, "scopes").1.contains("'offline_access'"));
}

#[tokio::test]
async fn while_signed_in_only_the_scopes_of_a_profile_can_change() {
    let emu = emulator(900).await;
    let h = console(
        &emu.base_url(),
        as_person(OWNER),
        crate::hygiene::WAIT,
        SCOPES,
    );
    let c = &h.console;
    c.sign_in(&h.profile).await.unwrap();
    let mut moved = c.profiles().get(&h.profile).unwrap();
    moved.api_base = "https://api.elsewhere.example".into();
    let err = c
        .update_profile(&h.profile, moved.clone())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Sign out of it first"), "{err}");
    let mut renamed = c.profiles().get(&h.profile).unwrap();
    renamed.name = format!("{}-new", h.profile);
    assert!(c.update_profile(&h.profile, renamed.clone()).await.is_err());
    let mut scopes = c.profiles().get(&h.profile).unwrap();
    scopes.scopes = vec!["console".into()];
    c.update_profile(&h.profile, scopes).await.unwrap();
    assert_eq!(c.profiles().get(&h.profile).unwrap().scopes, ["console"]);
    // Signed out, the rest can change too.
    h.sign_out().await;
    c.update_profile(&h.profile, renamed.clone()).await.unwrap();
    assert_eq!(
        c.profiles().get(&renamed.name).unwrap().api_base,
        emu.base_url()
    );
}

#[tokio::test]
async fn https_to_a_server_that_speaks_no_tls_is_a_tls_failure_in_words() {
    // The emulator speaks plain http: a TLS handshake with it fails, as with a bad certificate.
    let emu = emulator(900).await;
    let https = emu.base_url().replace("http://", "https://");
    let r = report(&profile(&https)).await;
    let (status, text) = check(&r, "reach");
    assert_eq!(status, CheckStatus::Fail);
    assert!(text.contains("secure (TLS) connection"), "{text}");
    assert!(
        text.contains("certificate must be valid for '127.0.0.1'"),
        "{text}"
    );
}
