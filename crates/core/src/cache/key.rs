//! The cache's encryption key: 256 random bits, kept in the OS keyring next to the tokens while
//! its person's session is held (sealed otherwise, see `seal`).

use rand::RngCore;

use crate::token_store::KEYRING_SERVICE;
use crate::{Error, Result};

#[derive(Clone)]
pub struct CacheKey([u8; 32]);

impl std::fmt::Debug for CacheKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CacheKey(<redacted>)")
    }
}

impl CacheKey {
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        CacheKey(bytes)
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Self> {
        <[u8; 32]>::try_from(bytes).ok().map(CacheKey)
    }

    pub(crate) fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn from_hex(s: &str) -> Option<Self> {
        if s.len() != 64 {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(CacheKey(bytes))
    }

    fn entry(account: &str) -> Result<keyring::Entry> {
        Ok(keyring::Entry::new(
            KEYRING_SERVICE,
            &format!("cache-key:{account}"),
        )?)
    }

    /// The key for `account` (profile + user) from the OS keyring, created on first use.
    /// Blocking (D-Bus); call it off the async runtime.
    pub fn load_or_create(account: &str) -> Result<(CacheKey, bool)> {
        let entry = Self::entry(account)?;
        match entry.get_password() {
            Ok(hex) => CacheKey::from_hex(&hex).map(|k| (k, false)).ok_or_else(|| {
                Error::Keyring("the stored cache key is malformed; wipe the cache".into())
            }),
            Err(keyring::Error::NoEntry) => {
                let key = CacheKey::random();
                entry.set_password(&key.hex())?;
                Ok((key, true))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The key of a held session's copy, if there is one. Blocking (D-Bus).
    pub fn load(account: &str) -> Result<Option<CacheKey>> {
        match Self::entry(account)?.get_password() {
            Ok(hex) => Ok(CacheKey::from_hex(&hex)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Stores the key of a copy whose person's session is held. Blocking (D-Bus).
    pub fn store(&self, account: &str) -> Result<()> {
        Ok(Self::entry(account)?.set_password(&self.hex())?)
    }

    pub fn delete(account: &str) -> Result<()> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}
