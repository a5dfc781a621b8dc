//! OpenID Connect sign-in against the emulator over real sockets: the console asks for
//! `openid` with a nonce, validates the ID token, keeps it off the disk, and undoes a sign-in
//! whose ID token names someone other than the person `/v1/me` describes.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::*;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use console_core::{BrowserOpener, KeyringStore, TokenStore};
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(60);

/// Remembers the authorization URLs, then lets the scripted browser sign in.
struct Recording {
    inner: Arc<dyn BrowserOpener>,
    urls: Mutex<Vec<String>>,
}

impl BrowserOpener for Recording {
    fn open(&self, url: &str) -> console_core::Result<()> {
        self.urls.lock().unwrap().push(url.to_string());
        self.inner.open(url)
    }
}

fn query(url: &str) -> std::collections::HashMap<String, String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

#[tokio::test]
async fn sign_in_asks_for_openid_with_a_nonce_and_validates_the_id_token() {
    let emu = emulator(900).await;
    let browser = Arc::new(Recording {
        inner: as_person(OWNER),
        urls: Mutex::default(),
    });
    // The profile does not list openid: the console adds it because discovery says the
    // emulator is an OpenID Provider.
    let h = console(
        &emu.base_url(),
        browser.clone(),
        WAIT,
        &["console", "offline_access"],
    );
    let view = h.console.sign_in(&h.profile).await.expect("signs in");
    assert_eq!(view.me.display_name, "Olivia Owner");
    let first = query(&browser.urls.lock().unwrap()[0]);
    assert!(
        first["scope"].split(' ').any(|s| s == "openid"),
        "{}",
        first["scope"]
    );
    let nonce = first.get("nonce").expect("a nonce is sent");
    assert!(nonce.len() >= 16, "a random nonce, not a constant: {nonce}");

    // The core's own sign-in returns the identity only when the ID token validated; it is the
    // person /v1/me describes, authenticated just now.
    let session = h.console.session(&h.profile).unwrap();
    let metadata = session.metadata().await.unwrap().clone();
    let before = emu.state.now();
    let signed_in = console_core::oauth::sign_in(
        session.profile(),
        &metadata,
        console_core::oauth::http_client(),
        console_core::oauth::SignInOptions {
            opener: browser.clone(),
            timeout: WAIT,
            cancel: Default::default(),
            prompt_login: false,
            max_age: None,
        },
    )
    .await
    .unwrap();
    let identity = signed_in.identity.expect("validated ID token");
    assert_eq!(identity.subject, view.me.user_id);
    let auth_time = identity.auth_time.expect("the emulator sends auth_time");
    assert!(
        (before..=emu.state.now()).contains(&auth_time),
        "auth_time is this sign-in's: {auth_time}"
    );
    let urls = browser.urls.lock().unwrap().clone();
    assert_ne!(
        query(&urls[1])["nonce"],
        *nonce,
        "every sign-in has its own nonce"
    );

    // No ID token reaches the disk: a JWT's header always starts with "eyJ" ('{"' in base64).
    for dir in [h.config_dir.path(), h.data_dir.path()] {
        assert_eq!(any_file_contains(dir, "eyJ"), None);
    }
    console_core::oauth::OAuthClient::new(
        session.profile(),
        &metadata,
        console_core::oauth::http_client(),
    )
    .unwrap()
    .revoke_all(&signed_in.tokens)
    .await
    .unwrap();
}

/// The emulator behind a second socket (its own issuer) that swaps the access token of every
/// code exchange for `swap`, leaving the ID token alone: the token-substitution case the
/// same-person check exists for.
async fn substituting_front(
    emu: &platform_emulator::RunningEmulator,
    swap: Arc<Mutex<Option<String>>>,
) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let mut state = emu.state.clone();
    state.issuer = url.clone();
    let rewrite = move |req: Request, next: Next| {
        let swap = swap.lock().unwrap().clone();
        async move {
            let token_call = req.uri().path() == "/oauth/token";
            let response = next.run(req).await;
            let Some(swap) = swap.filter(|_| token_call) else {
                return response;
            };
            let body = axum::body::to_bytes(response.into_body(), 1 << 20)
                .await
                .unwrap();
            let mut doc: Value = serde_json::from_slice(&body).unwrap();
            if doc.get("id_token").is_some() {
                doc["access_token"] = swap.into();
            }
            Response::builder()
                .header("content-type", "application/json")
                .body(Body::from(doc.to_string()))
                .unwrap()
        }
    };
    let app = platform_emulator::app(state).layer(axum::middleware::from_fn(rewrite));
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    url
}

#[tokio::test]
async fn an_id_token_for_another_person_than_v1_me_undoes_the_sign_in() {
    let emu = emulator(900).await;
    let swap = Arc::new(Mutex::new(None));
    let front = substituting_front(&emu, swap.clone()).await;
    let h = console(
        &front,
        as_person(OWNER),
        WAIT,
        &["console", "offline_access"],
    );

    // Mia's access token, from her own sign-in on the front.
    let member = console(&front, as_person(MEMBER), WAIT, &["console"]);
    let mia = member.console.sign_in(&member.profile).await.unwrap();
    let mia_token = KeyringStore.get(&member.account()).unwrap().unwrap();
    *swap.lock().unwrap() = Some(mia_token.access_token.expose().to_string());

    // Olivia signs in; her ID token names her, but the access token is Mia's.
    let err = h.console.sign_in(&h.profile).await.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("names a different person"), "{text}");
    assert!(text.contains(&mia.me.user_id), "{text}");
    // Undone: nothing stays in the keyring, and the console holds no session.
    assert!(KeyringStore.get(&h.account()).unwrap().is_none());
    assert!(!h
        .console
        .session(&h.profile)
        .unwrap()
        .is_signed_in()
        .await
        .unwrap());

    // Without the swap, the same sign-in passes the check.
    *swap.lock().unwrap() = None;
    let view = h.console.sign_in(&h.profile).await.unwrap();
    assert_eq!(view.me.display_name, "Olivia Owner");
    h.sign_out().await;
    member
        .console
        .sign_out(&member.profile, console_core::LocalCopy::Delete)
        .await
        .unwrap();
}
