//! Helpers of the acting tests (issue 14): a browser that counts sign-ins, a recording proxy
//! that learns the delegated token's bytes, and file and keyring searches.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use console_core::api::UserKind;
use console_core::{BrowserOpener, DirectoryQuery, Profile};

use super::dir::WAIT;
use super::{console, Harness};

/// Counts browser sign-ins: stopping must need none.
pub struct Counting {
    pub inner: Arc<dyn BrowserOpener>,
    pub opened: AtomicUsize,
}

impl BrowserOpener for Counting {
    fn open(&self, url: &str) -> console_core::Result<()> {
        self.opened.fetch_add(1, Ordering::SeqCst);
        self.inner.open(url)
    }
}

/// Forwards every admin API call to the emulator and keeps the answers to `POST /v1/acting`,
/// so the test knows the delegated token's bytes (the console never shows them).
pub struct Recorder {
    pub url: String,
    pub delegated: Arc<Mutex<Vec<String>>>,
}

pub async fn recorder(upstream: String) -> Recorder {
    use axum::body::{to_bytes, Body};
    use axum::http::{HeaderName, Request, Response};
    let delegated = Arc::new(Mutex::new(Vec::new()));
    let seen = delegated.clone();
    let http = reqwest::Client::new();
    let app = axum::Router::new().fallback(move |req: Request<Body>| {
        let (http, upstream, seen) = (http.clone(), upstream.clone(), seen.clone());
        async move {
            let (parts, body) = req.into_parts();
            let body = to_bytes(body, usize::MAX).await.unwrap();
            let path = parts.uri.path_and_query().unwrap().as_str().to_string();
            let mut out = http.request(parts.method.clone(), format!("{upstream}{path}"));
            for name in ["authorization", "if-match", "content-type", "accept"] {
                if let Some(v) = parts.headers.get(name) {
                    out = out.header(name, v.as_bytes());
                }
            }
            let answer = out.body(body).send().await.unwrap();
            let mut response = Response::builder().status(answer.status().as_u16());
            for (name, v) in answer.headers() {
                let name = HeaderName::from_bytes(name.as_str().as_bytes()).unwrap();
                response = response.header(name, v.as_bytes());
            }
            let bytes = answer.bytes().await.unwrap();
            if parts.method == axum::http::Method::POST && path == "/v1/acting" {
                if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                    if let Some(t) = v["access_token"].as_str() {
                        seen.lock().unwrap().push(t.to_string());
                    }
                }
            }
            response.body(Body::from(bytes)).unwrap()
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Recorder { url, delegated }
}

/// A console whose API calls go through `api_base` and whose sign-ins go to `issuer`.
pub fn console_at(api_base: &str, issuer: &str, opener: Arc<dyn BrowserOpener>) -> Harness {
    let h = console(issuer, opener, WAIT, &["console", "offline_access"]);
    let profile = format!("{}-acting", h.profile);
    h.console
        .add_profile(Profile {
            name: profile.clone(),
            api_base: api_base.to_string(),
            issuer: Some(issuer.to_string()),
            client_id: "access-console".into(),
            scopes: vec!["console".into(), "offline_access".into()],
            builtin: false,
        })
        .unwrap();
    Harness { profile, ..h }
}

pub fn files_named(dir: &Path, pred: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().and_then(|n| n.to_str()).is_some_and(&pred) {
                found.push(path);
            }
        }
    }
    found
}

pub fn consumers() -> DirectoryQuery {
    DirectoryQuery {
        kind: Some(UserKind::Patient),
        ..DirectoryQuery::text("", 20)
    }
}

/// Every secret this keyring holds for the console, as `secret-tool` prints them.
pub fn keyring_dump() -> String {
    let out = std::process::Command::new("secret-tool")
        .args(["search", "--all", "--unlock", "service", "access-console"])
        .output()
        .expect("secret-tool runs");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
