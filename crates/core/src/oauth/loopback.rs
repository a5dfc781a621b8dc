//! The RFC 8252 loopback redirect listener: 127.0.0.1 on a random port, serving only the
//! callback path, only once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot};

use crate::Result;

pub const CALLBACK_PATH: &str = "/callback";

/// What the browser brought back, and a way to answer the browser tab once the outcome is known.
pub struct Callback {
    pub params: HashMap<String, String>,
    pub reply: oneshot::Sender<Outcome>,
}

pub enum Outcome {
    Success,
    Failure(String),
}

type Slot = Arc<Mutex<Option<mpsc::Sender<Callback>>>>;

pub struct Listener {
    pub redirect_uri: String,
    pub callbacks: mpsc::Receiver<Callback>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub async fn start() -> Result<Listener> {
    let socket = TcpListener::bind(("127.0.0.1", 0)).await?;
    let port = socket.local_addr()?.port();
    let (tx, rx) = mpsc::channel(1);
    let slot: Slot = Arc::new(Mutex::new(Some(tx)));
    let app = Router::new()
        .route(CALLBACK_PATH, get(callback))
        .with_state(slot);
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = axum::serve(socket, app)
            .with_graceful_shutdown(async {
                let _ = stop_rx.await;
            })
            .await;
    });
    Ok(Listener {
        redirect_uri: format!("http://127.0.0.1:{port}{CALLBACK_PATH}"),
        callbacks: rx,
        shutdown: Some(stop_tx),
    })
}

async fn callback(
    State(slot): State<Slot>,
    Query(params): Query<HashMap<String, String>>,
) -> Html<String> {
    // Only the first request is taken: a second one (a reload, another tab) gets a plain page.
    let Some(tx) = slot.lock().ok().and_then(|mut s| s.take()) else {
        return page(
            "Already handled",
            "This sign-in was already completed or cancelled. You can close this tab.",
        );
    };
    let (reply_tx, reply_rx) = oneshot::channel();
    if tx
        .send(Callback {
            params,
            reply: reply_tx,
        })
        .await
        .is_err()
    {
        return page(
            "Sign-in no longer waiting",
            "Access Console is no longer waiting for this sign-in. Start again from the app.",
        );
    }
    match reply_rx.await {
        Ok(Outcome::Success) => page(
            "Signed in",
            "You are signed in to Access Console. You can close this tab and return to the app.",
        ),
        Ok(Outcome::Failure(why)) => page(
            "Sign-in failed",
            &format!("{why} Return to Access Console and try again."),
        ),
        Err(_) => page(
            "Sign-in interrupted",
            "Access Console stopped waiting. Return to the app and try again.",
        ),
    }
}

fn page(title: &str, text: &str) -> Html<String> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    Html(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;max-width:480px;margin:15vh auto\">\
         <h1>{t}</h1><p>{x}</p></body></html>",
        t = esc(title),
        x = esc(text)
    ))
}
