//! What the hygiene tests run against besides the emulator: a browser that records the URLs
//! it is asked to open, the emulator behind a second socket with edited metadata, and a server
//! that records whatever reaches it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use console_core::{BrowserOpener, Console, ConsoleConfig, TokenStore};
use platform_emulator::RunningEmulator;
use serde_json::Value;

use super::WAIT;
use crate::common::Harness;

/// Records every URL the console asks the browser to open, then lets `inner` handle it.
pub struct Recording {
    inner: Arc<dyn BrowserOpener>,
    urls: Mutex<Vec<String>>,
}

impl Recording {
    pub fn new(inner: Arc<dyn BrowserOpener>) -> Arc<Self> {
        Arc::new(Recording {
            inner,
            urls: Mutex::new(Vec::new()),
        })
    }
    pub fn opened(&self) -> usize {
        self.urls.lock().unwrap().len()
    }
    /// The `prompt` values of the n-th authorization request.
    pub fn prompts(&self, n: usize) -> Vec<String> {
        let url = url::Url::parse(&self.urls.lock().unwrap()[n]).unwrap();
        url.query_pairs()
            .filter(|(k, _)| k == "prompt")
            .flat_map(|(_, v)| v.split(' ').map(str::to_string).collect::<Vec<_>>())
            .collect()
    }
}

impl BrowserOpener for Recording {
    fn open(&self, url: &str) -> console_core::Result<()> {
        self.urls.lock().unwrap().push(url.to_string());
        self.inner.open(url)
    }
}

/// A console over given directories, opener and token store (a restart reuses the dirs).
pub fn console_with(
    h: &Harness,
    opener: Arc<dyn BrowserOpener>,
    store: Arc<dyn TokenStore>,
) -> Console {
    Console::new(ConsoleConfig {
        client: console_core::Client::App,
        config_dir: h.config_dir.path().to_path_buf(),
        data_dir: h.data_dir.path().to_path_buf(),
        demo_api_base: "http://127.0.0.1:9".into(),
        store,
        opener,
        sign_in_timeout: WAIT,
    })
}

/// The emulator served on a second socket, under its own issuer, whose discovery documents
/// are the emulator's own with `edits` applied: a real server with bad metadata.
pub struct Front {
    pub url: String,
    edits: Arc<Mutex<Vec<(&'static str, Value)>>>,
}

impl Front {
    pub fn serve(&self, edits: Vec<(&'static str, Value)>) {
        *self.edits.lock().unwrap() = edits;
    }
}

pub async fn front(emu: &RunningEmulator) -> Front {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let mut state = emu.state.clone();
    state.issuer = url.clone();
    let edits: Arc<Mutex<Vec<(&'static str, Value)>>> = Arc::default();
    let shared = edits.clone();
    let rewrite = move |req: Request, next: Next| {
        let edits = shared.lock().unwrap().clone();
        async move {
            let discovery = req.uri().path().starts_with("/.well-known/");
            let response = next.run(req).await;
            if !discovery {
                return response;
            }
            let body = axum::body::to_bytes(response.into_body(), 1 << 20)
                .await
                .unwrap();
            let mut doc: Value = serde_json::from_slice(&body).unwrap();
            for (field, value) in edits {
                match value {
                    Value::Null => doc.as_object_mut().unwrap().remove(field),
                    v => doc.as_object_mut().unwrap().insert(field.into(), v),
                };
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
    Front { url, edits }
}

/// A server that records every request it gets. It listens on loopback, but is named in
/// metadata as `http://0.0.0.0:PORT`: a host that is not loopback (0.0.0.0 is every
/// interface), yet reaches this listener, so a leak would be seen here.
pub struct Recorder {
    pub url: String,
    pub bodies: Arc<Mutex<Vec<String>>>,
}

pub async fn recorder() -> Recorder {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let bodies: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = bodies.clone();
    let app = axum::Router::new().fallback(move |body: String| {
        seen.lock().unwrap().push(body);
        async { "ok" }
    });
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let r = Recorder {
        url: format!("http://0.0.0.0:{port}"),
        bodies,
    };
    // Shows the recorder can see a request sent to that URL, so "nothing seen" means nothing.
    reqwest::Client::new()
        .post(format!("{}/reachable", r.url))
        .body("check")
        .send()
        .await
        .expect("0.0.0.0 reaches the loopback listener");
    assert_eq!(r.bodies.lock().unwrap().as_slice(), ["check"]);
    r.bodies.lock().unwrap().clear();
    r
}
