//! The platform emulator: a local, faithful implementation of the platform's OAuth2
//! authorization server and admin API v1, with its own SQLite store.
//!
//! It runs standalone (`platform-emulator` binary), in-process for the app's demo mode, and in
//! every test, always over real sockets.

mod accept;
mod api;
mod apikey;
mod clock;
mod crypto;
mod db;
mod error;
mod generate;
mod guardrails;
mod mutate;
mod oauth;
mod seed;
mod state;
mod store;

/// The directory's write path and rules, for embedding code and tests that set up data.
pub mod directory {
    pub use crate::error::RuleViolation;
    pub use crate::store::users::ensure_org;
    pub use crate::store::users::write::{create, delete, update, NewUser, UserPatch};
}

/// The organization's settings as the rest of the platform obeys them: a field's current value
/// (its default when never set), and typed readers for the settings that bound keys and
/// sessions.
pub mod settings {
    pub use crate::store::settings::keys;
    pub use crate::store::settings::{
        idle_sign_out_minutes, key_rotation_overlap_hours, max_api_key_lifetime_days, schema,
        value, values,
    };
}

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{Error, Result};
pub use generate::{generate, GenerateReport};
pub use mutate::{mutate_random, MutationReport};
/// TOTP (RFC 6238) as the platform checks it: test sign-in helpers compute codes with it.
pub use oauth::totp;
pub use seed::{
    persona, register_client, register_resource_server, totp_secret_for, DemoPersona,
    DEMO_CLIENT_ID, DEMO_GENERATED_SEED, DEMO_GENERATED_USERS, DEMO_M2M_CLIENT_ID,
    DEMO_M2M_CLIENT_SECRET, DEMO_ORG_ID, DEMO_RESOURCE, DEMO_RESOURCE_SERVER_CLIENT_ID,
    DEMO_RESOURCE_SERVER_SECRET, PERSONAS,
};
pub use state::{AppState, Stats};
pub use store::clients::NewClient;

/// The sign-in page's housekeeping: deletes expired pending authorization requests and lapsed
/// failure counts (it also runs on every new authorization request).
pub async fn purge_pending_sign_ins(state: &AppState) -> Result<()> {
    oauth::purge_pending(state).await
}

/// How an emulator instance is set up.
#[derive(Clone)]
pub struct EmulatorConfig {
    /// Address to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// SQLite database file; `None` uses a fresh temporary file removed on shutdown.
    pub database: Option<PathBuf>,
    /// Load the demo organization and personas (idempotent).
    pub demo_seed: bool,
    pub access_token_ttl_secs: i64,
    pub refresh_absolute_ttl_secs: i64,
    pub code_ttl_secs: i64,
    pub clock: Arc<dyn Clock>,
    /// Serve `POST /v1/test/mutations` (random edits for delta-sync tests; owners only).
    pub allow_test_mutations: bool,
    /// Step-up (RFC 9470): the oldest sign-in a high-risk operation accepts, in seconds.
    pub step_up_max_age_secs: i64,
    /// A settings schema to serve and enforce instead of the platform's own: the same fields
    /// with other rules (bounds, text rules, choices, who may change what), for proving that a
    /// console follows the rules it is served. `None`: the platform's own.
    pub settings_schema: Option<console_api::SettingsSchema>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            database: None,
            demo_seed: false,
            access_token_ttl_secs: 15 * 60,
            refresh_absolute_ttl_secs: 30 * 24 * 3600,
            code_ttl_secs: 60,
            clock: Arc::new(SystemClock),
            allow_test_mutations: false,
            step_up_max_age_secs: 300,
            settings_schema: None,
        }
    }
}

/// The axum application: one router per resource; every response carries an `X-Request-Id`.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(oauth::router())
        .merge(accept::router())
        .merge(api::router(state.config.allow_test_mutations))
        .method_not_allowed_fallback(api::method_not_allowed)
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn(api::request_id_layer))
        .with_state(state)
}

/// A running emulator. Dropping it stops the server.
pub struct RunningEmulator {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    _tempdir: Option<TempDir>,
}

impl RunningEmulator {
    /// The base URL, which is also the issuer, e.g. `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        self.state.issuer.clone()
    }

    pub async fn stop(mut self) {
        self.shutdown_now();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    fn shutdown_now(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        self.shutdown_now();
    }
}

/// A temporary directory for a throwaway database, removed when the emulator goes away.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Binds, migrates, seeds and serves. Returns once the socket is listening.
/// The stored documents hold the platform's own fields: a schema with other keys would leave
/// stored values without a field, or fields without a value.
fn same_fields(schema: &console_api::SettingsSchema) -> Result<()> {
    let keys = |s: &console_api::SettingsSchema| {
        let mut k: Vec<String> = s.fields.iter().map(|f| f.key.clone()).collect();
        k.sort();
        k
    };
    if keys(schema) != keys(&store::settings::schema()) {
        return Err(Error::Invalid(
            "settings_schema must have exactly the platform's own fields; change their rules, \
             not their keys"
                .into(),
        ));
    }
    Ok(())
}

pub async fn start(config: EmulatorConfig) -> Result<RunningEmulator> {
    if let Some(schema) = &config.settings_schema {
        same_fields(schema)?;
    }
    let listener = TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let (db_path, tempdir) = match &config.database {
        Some(path) => (path.clone(), None),
        None => {
            let dir =
                std::env::temp_dir().join(format!("platform-emulator-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&dir)?;
            (dir.join("platform.sqlite"), Some(TempDir(dir)))
        }
    };
    let pool = db::connect(&db_path).await?;
    let issuer = format!("http://{addr}");
    let state = AppState::new(pool, issuer, config.clone());
    if config.demo_seed {
        seed::demo(&state).await?;
    }
    let (tx, rx) = oneshot::channel::<()>();
    // With the peer's address on every request: an API key's use records where it came from.
    let service = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, service)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!("emulator stopped: {e}");
        }
    });
    Ok(RunningEmulator {
        addr,
        state,
        shutdown: Some(tx),
        task: Some(task),
        _tempdir: tempdir,
    })
}
