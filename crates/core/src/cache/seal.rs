//! Sealing a kept copy: the cache key, wrapped (ChaCha20-Poly1305) with the key the platform
//! hands out only to that signed-in person (`GET /v1/me/seal-key`). Only the wrapped form is
//! stored (in the OS keyring); the platform's key is held in memory for the moment of sealing or
//! unsealing and never stored. Once the platform replaces that person's key (their access
//! changed or ended) the copy can never be opened again, wherever its file went.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use console_api::SealKey;
use serde::{Deserialize, Serialize};

use super::CacheKey;
use crate::token_store::KEYRING_SERVICE;
use crate::{Error, Result};

/// A cache key sealed for one person's copy. Holds no usable secret on its own.
#[derive(Serialize, Deserialize)]
pub struct Sealed {
    /// Which platform key sealed it (a replaced key is recognised without trying it).
    key_id: String,
    nonce: String,
    sealed_key: String,
}

fn cipher(seal: &SealKey) -> Result<ChaCha20Poly1305> {
    let bytes = URL_SAFE_NO_PAD
        .decode(&seal.key)
        .ok()
        .filter(|b| b.len() == 32)
        .ok_or_else(|| {
            Error::Server("the platform's seal key is not 32 bytes of base64url".into())
        })?;
    Ok(ChaCha20Poly1305::new(Key::from_slice(&bytes)))
}

/// Why a kept copy could not be opened; the copy is deleted in each case.
#[derive(Debug, thiserror::Error)]
pub enum Unseal {
    #[error("the platform no longer hands out the key it was sealed with (your access changed or ended since)")]
    KeyReplaced,
    #[error("its sealed key does not open with the platform's key")]
    Corrupt,
}

impl Sealed {
    /// Seals `key` for `account` (bound to it, so a sealed key moved to another entry fails).
    pub fn seal(key: &CacheKey, seal: &SealKey, account: &str) -> Result<Sealed> {
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = cipher(seal)?
            .encrypt(
                &nonce,
                Payload {
                    msg: key.bytes(),
                    aad: account.as_bytes(),
                },
            )
            .map_err(|_| Error::Internal("sealing the local copy's key failed".into()))?;
        Ok(Sealed {
            key_id: seal.key_id.clone(),
            nonce: URL_SAFE_NO_PAD.encode(nonce),
            sealed_key: URL_SAFE_NO_PAD.encode(sealed),
        })
    }

    pub fn open(&self, seal: &SealKey, account: &str) -> std::result::Result<CacheKey, Unseal> {
        if self.key_id != seal.key_id {
            return Err(Unseal::KeyReplaced);
        }
        let nonce = URL_SAFE_NO_PAD
            .decode(&self.nonce)
            .ok()
            .filter(|n| n.len() == 12)
            .ok_or(Unseal::Corrupt)?;
        let sealed = URL_SAFE_NO_PAD
            .decode(&self.sealed_key)
            .map_err(|_| Unseal::Corrupt)?;
        let plain = cipher(seal)
            .map_err(|_| Unseal::Corrupt)?
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &sealed,
                    aad: account.as_bytes(),
                },
            )
            .map_err(|_| Unseal::Corrupt)?;
        CacheKey::from_bytes(&plain).ok_or(Unseal::Corrupt)
    }

    fn entry(account: &str) -> Result<keyring::Entry> {
        Ok(keyring::Entry::new(
            KEYRING_SERVICE,
            &format!("sealed-cache-key:{account}"),
        )?)
    }

    /// Blocking (D-Bus); call it off the async runtime.
    pub fn store(&self, account: &str) -> Result<()> {
        let json = serde_json::to_string(self).map_err(|e| Error::Internal(e.to_string()))?;
        Ok(Self::entry(account)?.set_password(&json)?)
    }

    pub fn load(account: &str) -> Result<Option<Sealed>> {
        match Self::entry(account)?.get_password() {
            // An unreadable entry is treated as a copy that cannot be opened.
            Ok(json) => Ok(serde_json::from_str(&json).ok()),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub fn delete(account: &str) -> Result<()> {
        match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platform_key(id: &str) -> SealKey {
        let mut bytes = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        SealKey {
            key_id: id.into(),
            key: URL_SAFE_NO_PAD.encode(bytes),
        }
    }

    #[test]
    fn only_the_same_platform_key_and_account_open_a_sealed_key() {
        let key = CacheKey::random();
        let seal = platform_key("sk_1");
        let sealed = Sealed::seal(&key, &seal, "Demo:usr_a").unwrap();
        assert_eq!(sealed.open(&seal, "Demo:usr_a").unwrap().hex(), key.hex());
        // The stored form is not the key in any encoding.
        let stored = serde_json::to_string(&sealed).unwrap();
        assert!(!stored.contains(&key.hex()));
        assert!(!stored.contains(&URL_SAFE_NO_PAD.encode(key.bytes())));
        // Another person's entry, a replaced platform key, or a key with the same id but other
        // bytes (a forged answer) all fail.
        assert!(matches!(
            sealed.open(&seal, "Demo:usr_b"),
            Err(Unseal::Corrupt)
        ));
        assert!(matches!(
            sealed.open(&platform_key("sk_2"), "Demo:usr_a"),
            Err(Unseal::KeyReplaced)
        ));
        assert!(matches!(
            sealed.open(&platform_key("sk_1"), "Demo:usr_a"),
            Err(Unseal::Corrupt)
        ));
    }
}
