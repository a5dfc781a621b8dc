//! Where tokens live: the OS keyring (Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows), one entry per profile. Never a file, a log line or an IPC answer.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::{Error, Result, Secret};

/// The keyring service name; each profile is one entry under it.
pub const KEYRING_SERVICE: &str = "access-console";

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

pub trait TokenStore: Send + Sync {
    fn get(&self, profile: &str) -> Result<Option<TokenSet>>;
    fn set(&self, profile: &str, tokens: &TokenSet) -> Result<()>;
    fn delete(&self, profile: &str) -> Result<()>;
}

/// The OS keyring. Calls block on D-Bus / the OS API, so callers run them off the async runtime.
#[derive(Default)]
pub struct KeyringStore;

impl KeyringStore {
    fn entry(profile: &str) -> Result<keyring::Entry> {
        Ok(keyring::Entry::new(KEYRING_SERVICE, profile)?)
    }
}

impl TokenStore for KeyringStore {
    fn get(&self, profile: &str) -> Result<Option<TokenSet>> {
        match Self::entry(profile)?.get_password() {
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

    fn set(&self, profile: &str, tokens: &TokenSet) -> Result<()> {
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
        Ok(Self::entry(profile)?.set_password(&json)?)
    }

    fn delete(&self, profile: &str) -> Result<()> {
        match Self::entry(profile)?.delete_credential() {
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
    fn get(&self, profile: &str) -> Result<Option<TokenSet>> {
        Ok(self.0.lock().unwrap().get(profile).cloned())
    }
    fn set(&self, profile: &str, tokens: &TokenSet) -> Result<()> {
        self.0
            .lock()
            .unwrap()
            .insert(profile.into(), tokens.clone());
        Ok(())
    }
    fn delete(&self, profile: &str) -> Result<()> {
        self.0.lock().unwrap().remove(profile);
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
}
