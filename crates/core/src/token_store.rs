//! Where tokens live: the OS keyring (Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows), one entry per client and profile. Never a file, a log line or an IPC
//! answer.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::{Error, Result, Secret};

/// The keyring service name; each client's sign-in on a profile is one entry under it.
pub const KEYRING_SERVICE: &str = "access-console";

/// Which program holds a session. The app and `accessctl` each sign in on their own: refresh
/// tokens rotate on every use and a reused one ends its whole family, so two programs sharing
/// one would end each other's session at the second refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Client {
    App,
    Cli,
}

impl Client {
    pub fn as_str(self) -> &'static str {
        match self {
            Client::App => "app",
            Client::Cli => "cli",
        }
    }
}

impl std::fmt::Display for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The keyring account of `client`'s sign-in on `profile`, e.g. `app:Demo` or `cli:Demo`.
/// Client names hold no colon, so two clients never meet on one account, and none of them is
/// `cache-key`, the prefix of the cache keys' accounts.
pub fn account(client: Client, profile: &str) -> String {
    format!("{}:{profile}", client.as_str())
}

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSet {
    pub access_token: Secret,
    pub refresh_token: Option<Secret>,
    /// When the access token expires (Unix seconds), if the server said.
    pub expires_at: Option<i64>,
    /// When to refresh ahead of expiry: 30 s early, or half the lifetime for short tokens.
    pub refresh_at: Option<i64>,
}

impl TokenSet {
    pub fn new(access: String, refresh: Option<String>, expires_in: Option<i64>) -> Self {
        let issued = now();
        TokenSet {
            access_token: Secret::new(access),
            refresh_token: refresh.map(Secret::new),
            expires_at: expires_in.map(|e| issued + e),
            refresh_at: expires_in.map(|e| issued + e - (e / 2).min(30)),
        }
    }

    pub fn needs_refresh(&self, now: i64) -> bool {
        self.refresh_at.is_some_and(|at| now >= at)
    }
}

/// The serialized form, built only at the moment of writing to the keyring.
#[derive(Serialize, Deserialize)]
struct Stored {
    access_token: String,
    refresh_token: Option<String>,
    expires_at: Option<i64>,
    refresh_at: Option<i64>,
}

/// Tokens by keyring account. A [`Console`](crate::Console) sees its store through
/// [`ClientStore`], so the key it passes is a profile name and the account is the client's.
pub trait TokenStore: Send + Sync {
    fn get(&self, account: &str) -> Result<Option<TokenSet>>;
    fn set(&self, account: &str, tokens: &TokenSet) -> Result<()>;
    fn delete(&self, account: &str) -> Result<()>;
}

/// One client's part of a store: profile `Demo` is account `app:Demo` for the app.
pub struct ClientStore {
    client: Client,
    inner: Arc<dyn TokenStore>,
}

impl ClientStore {
    pub fn new(client: Client, inner: Arc<dyn TokenStore>) -> Self {
        ClientStore { client, inner }
    }
}

impl TokenStore for ClientStore {
    fn get(&self, profile: &str) -> Result<Option<TokenSet>> {
        self.inner.get(&account(self.client, profile))
    }
    fn set(&self, profile: &str, tokens: &TokenSet) -> Result<()> {
        self.inner.set(&account(self.client, profile), tokens)
    }
    fn delete(&self, profile: &str) -> Result<()> {
        self.inner.delete(&account(self.client, profile))
    }
}

/// The OS keyring, one entry per account. Calls block on D-Bus / the OS API, so callers run
/// them off the async runtime.
#[derive(Default)]
pub struct KeyringStore;

impl KeyringStore {
    fn entry(account: &str) -> Result<keyring::Entry> {
        Ok(keyring::Entry::new(KEYRING_SERVICE, account)?)
    }
}

impl TokenStore for KeyringStore {
    fn get(&self, account: &str) -> Result<Option<TokenSet>> {
        match Self::entry(account)?.get_password() {
            Ok(json) => {
                let s: Stored = serde_json::from_str(&json).map_err(|_| {
                    Error::Keyring("the stored sign-in is unreadable; sign in again".into())
                })?;
                Ok(Some(TokenSet {
                    access_token: Secret::new(s.access_token),
                    refresh_token: s.refresh_token.map(Secret::new),
                    expires_at: s.expires_at,
                    refresh_at: s.refresh_at,
                }))
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn set(&self, account: &str, tokens: &TokenSet) -> Result<()> {
        let stored = Stored {
            access_token: tokens.access_token.expose().to_string(),
            refresh_token: tokens
                .refresh_token
                .as_ref()
                .map(|s| s.expose().to_string()),
            expires_at: tokens.expires_at,
            refresh_at: tokens.refresh_at,
        };
        let json = serde_json::to_string(&stored).map_err(|e| Error::Internal(e.to_string()))?;
        Ok(Self::entry(account)?.set_password(&json)?)
    }

    fn delete(&self, account: &str) -> Result<()> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// An in-memory store for unit tests of a single module only; the product never uses it.
#[cfg(test)]
#[derive(Default)]
pub struct MemoryStore(std::sync::Mutex<std::collections::HashMap<String, TokenSet>>);

#[cfg(test)]
impl TokenStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<TokenSet>> {
        Ok(self.0.lock().unwrap().get(account).cloned())
    }
    fn set(&self, account: &str, tokens: &TokenSet) -> Result<()> {
        self.0
            .lock()
            .unwrap()
            .insert(account.into(), tokens.clone());
        Ok(())
    }
    fn delete(&self, account: &str) -> Result<()> {
        self.0.lock().unwrap().remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tokens_refresh_at_half_life_long_ones_30s_early() {
        let t = TokenSet::new("a".into(), None, Some(10));
        assert_eq!(t.refresh_at.unwrap() - (t.expires_at.unwrap() - 10), 5);
        let t = TokenSet::new("a".into(), None, Some(900));
        assert_eq!(t.expires_at.unwrap() - t.refresh_at.unwrap(), 30);
        assert!(!TokenSet::new("a".into(), None, None).needs_refresh(i64::MAX));
    }

    #[test]
    fn each_client_keeps_its_own_entry_for_a_profile() {
        let shared: Arc<dyn TokenStore> = Arc::new(MemoryStore::default());
        let app = ClientStore::new(Client::App, shared.clone());
        let cli = ClientStore::new(Client::Cli, shared.clone());
        app.set("Demo", &TokenSet::new("app-token".into(), None, None))
            .unwrap();
        assert!(
            cli.get("Demo").unwrap().is_none(),
            "the CLI sees no app sign-in"
        );
        cli.set("Demo", &TokenSet::new("cli-token".into(), None, None))
            .unwrap();
        cli.delete("Demo").unwrap();
        // Signing the CLI out leaves the app's sign-in where it was, under its own account.
        let kept = shared.get("app:Demo").unwrap().expect("the app's entry");
        assert_eq!(kept.access_token.expose(), "app-token");
        assert!(shared.get("cli:Demo").unwrap().is_none());
    }
}
