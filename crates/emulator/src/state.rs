use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use sqlx::SqlitePool;

use crate::clock::Clock;
use crate::EmulatorConfig;

/// Counters tests read to prove what the server saw (e.g. exactly one refresh).
#[derive(Default)]
pub struct Stats {
    pub refresh_grants: AtomicU64,
    pub code_grants: AtomicU64,
    pub revocations: AtomicU64,
}

#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    /// The issuer identifier, byte-for-byte what discovery and `iss` report.
    pub issuer: String,
    pub config: EmulatorConfig,
    pub stats: Arc<Stats>,
    /// Signs ID tokens (OIDC); generated per server, published at `jwks_uri`.
    pub signer: Arc<crate::oauth::Signer>,
}

impl AppState {
    pub fn new(pool: SqlitePool, issuer: String, config: EmulatorConfig) -> Self {
        AppState {
            pool,
            issuer,
            config,
            stats: Arc::new(Stats::default()),
            signer: crate::oauth::Signer::generate(),
        }
    }

    pub fn now(&self) -> i64 {
        self.clock().now()
    }

    /// The settings schema this platform serves and enforces.
    pub fn settings_schema(&self) -> console_api::SettingsSchema {
        self.config
            .settings_schema
            .clone()
            .unwrap_or_else(crate::store::settings::schema)
    }

    pub fn clock(&self) -> &dyn Clock {
        self.config.clock.as_ref()
    }
}
