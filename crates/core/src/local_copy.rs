//! The local copy of the directory: one encrypted cache per profile and person, readable only
//! while that person's session is held (tokens stored in the keyring).
//!
//! The rule this module keeps: the plain cache key is in the keyring only while its person's
//! session is held. Otherwise the copy is either sealed (its key wrapped with the platform's
//! per-person key, see `cache::seal`) or deleted. A copy is closed, and its key leaves memory,
//! at sign-out, at the idle lock, when the session ends, and when anyone starts to sign in.

use std::collections::HashMap;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use console_api::{Me, SealKey};

use crate::cache::seal::Sealed;
use crate::cache::{self, Cache, CacheKey};
use crate::session::Session;
use crate::{Error, Result};

mod acting;

/// Where one console keeps its copies. `client` keeps the app's and the CLI's apart: each has
/// its own session, so each has its own copy.
#[derive(Clone)]
pub(crate) struct Place {
    data_dir: PathBuf,
    client: String,
}

/// Profile names and user ids are free text; folder names are not.
fn folder(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

impl Place {
    pub(crate) fn new(data_dir: &Path, client: &str) -> Self {
        Place {
            data_dir: data_dir.to_path_buf(),
            client: client.to_string(),
        }
    }

    fn profile_dir(&self, profile: &str) -> PathBuf {
        self.data_dir
            .join("cache")
            .join(folder(&self.client))
            .join(folder(profile))
    }

    /// Who holds the session of this profile (an id, never a token); gone when it ends.
    fn identity_file(&self, profile: &str) -> PathBuf {
        self.profile_dir(profile).join("signed-in-user")
    }

    fn db_path(&self, profile: &str, user: &str) -> PathBuf {
        self.profile_dir(profile)
            .join(format!("{}.sqlite", folder(user)))
    }

    /// The keyring account of a person's copy key (plain or sealed).
    fn account(&self, profile: &str, user: &str) -> String {
        format!("{}/{profile}:{user}", self.client)
    }

    pub(crate) fn signed_in_user(&self, profile: &str) -> Option<String> {
        let user = std::fs::read_to_string(self.identity_file(profile)).ok()?;
        Some(user.trim().to_string()).filter(|u| !u.is_empty())
    }

    /// Remembers who signed in and their `/v1/me` answer, so the signed-in screens and the
    /// copy open offline inside the held session.
    pub(crate) fn remember(&self, profile: &str, me: &Me) -> Result<()> {
        let file = self.identity_file(profile);
        std::fs::create_dir_all(file.parent().expect("has a parent"))?;
        std::fs::write(&file, &me.user_id)?;
        let json = serde_json::to_string(me).map_err(|e| Error::Internal(e.to_string()))?;
        std::fs::write(file.with_file_name("me.json"), json)?;
        Ok(())
    }

    /// Updates the remembered `/v1/me` answer, only while it is still this person's session
    /// (a sync that finishes after a sign-out must not write the identity back).
    pub(crate) fn refresh_identity(&self, profile: &str, me: &Me) -> Result<()> {
        if self.signed_in_user(profile).as_deref() == Some(me.user_id.as_str()) {
            self.remember(profile, me)?;
        }
        Ok(())
    }

    pub(crate) fn remembered_me(&self, profile: &str) -> Option<Me> {
        let text =
            std::fs::read_to_string(self.identity_file(profile).with_file_name("me.json")).ok()?;
        serde_json::from_str(&text).ok()
    }

    fn forget_identity(&self, profile: &str) {
        let file = self.identity_file(profile);
        let _ = std::fs::remove_file(file.with_file_name("me.json"));
        let _ = std::fs::remove_file(file);
    }
}

/// Runs a blocking keyring call off the async runtime.
async fn keyring<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
}

struct OpenCopy {
    user: String,
    cache: Cache,
}

/// The copies of one console (the app or the CLI).
pub(crate) struct Copies {
    pub(crate) place: Place,
    open: Mutex<HashMap<String, OpenCopy>>,
    /// Opening is serialized: two first opens at once would each create a different key.
    opening: tokio::sync::Mutex<()>,
    /// Sign-ins under way: no copy opens while the person behind the session may change.
    signing_in: AtomicUsize,
    /// The key of each profile's temporary acting copy, by acting id: in memory only, so the
    /// copy is unreadable once this process lets it go.
    acting_keys: Mutex<HashMap<String, (String, CacheKey)>>,
}

/// Held for the whole of a sign-in; no copy can be read until it ends.
pub(crate) struct SigningIn(Arc<Copies>);

impl Drop for SigningIn {
    fn drop(&mut self) {
        self.0.signing_in.fetch_sub(1, Ordering::SeqCst);
    }
}

/// How a session ending tells its console (refresh refused, 401 after refresh).
pub(crate) type OnSessionEnd =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

impl Copies {
    pub(crate) fn new(place: Place) -> Arc<Self> {
        Arc::new(Copies {
            place,
            open: Mutex::new(HashMap::new()),
            opening: tokio::sync::Mutex::new(()),
            signing_in: AtomicUsize::new(0),
            acting_keys: Mutex::new(HashMap::new()),
        })
    }

    /// Starts a sign-in: every open copy is closed and its key dropped from memory.
    pub(crate) async fn begin_sign_in(self: &Arc<Self>) -> SigningIn {
        self.signing_in.fetch_add(1, Ordering::SeqCst);
        let all: Vec<OpenCopy> = self
            .open
            .lock()
            .expect("copies")
            .drain()
            .map(|(_, c)| c)
            .collect();
        for copy in all {
            copy.cache.close().await;
        }
        SigningIn(self.clone())
    }

    /// The open copy of whoever holds `session`, opening it if needed. Refused with
    /// `not_signed_in` unless that person's session is held.
    pub(crate) async fn get(&self, profile: &str, session: &Session) -> Result<Cache> {
        let not_signed_in = || Error::NotSignedIn(profile.to_string());
        if self.signing_in.load(Ordering::SeqCst) > 0 {
            return Err(not_signed_in());
        }
        if !session.is_signed_in().await? {
            self.close(profile).await;
            return Err(not_signed_in());
        }
        if let Some(acting) = session.acting() {
            return self.get_acting(profile, session, &acting).await;
        }
        let user = self
            .place
            .signed_in_user(profile)
            .ok_or_else(not_signed_in)?;
        if let Some(cache) = self.open_for(profile, &user) {
            return Ok(cache);
        }
        let _opening = self.opening.lock().await;
        // Again under the lock: a session that ended meanwhile (its copy deleted) must not get a
        // fresh copy made for it.
        if self.signing_in.load(Ordering::SeqCst) > 0
            || self.place.signed_in_user(profile).as_deref() != Some(user.as_str())
            || !session.is_signed_in().await?
        {
            return Err(not_signed_in());
        }
        if let Some(cache) = self.open_for(profile, &user) {
            return Ok(cache);
        }
        self.close(profile).await;
        let path = self.place.db_path(profile, &user);
        let account = self.place.account(profile, &user);
        let key = keyring(move || CacheKey::load(&account)).await?;
        let key = match key {
            Some(key) => key,
            None => {
                // A new key cannot open an old file: it is only a copy of the server's data, so
                // start it afresh.
                cache::remove_files(&path)?;
                let key = CacheKey::random();
                let (k, account) = (key.clone(), self.place.account(profile, &user));
                keyring(move || k.store(&account)).await?;
                key
            }
        };
        let cache = Cache::open(&path, &key).await?;
        self.open.lock().expect("copies").insert(
            profile.to_string(),
            OpenCopy {
                user,
                cache: cache.clone(),
            },
        );
        Ok(cache)
    }

    fn open_for(&self, profile: &str, user: &str) -> Option<Cache> {
        let open = self.open.lock().expect("copies");
        open.get(profile)
            .filter(|c| c.user == user)
            .map(|c| c.cache.clone())
    }

    /// Closes the profile's open copy; its key leaves memory with the pool.
    pub(crate) async fn close(&self, profile: &str) {
        let copy = self.open.lock().expect("copies").remove(profile);
        if let Some(copy) = copy {
            copy.cache.close().await;
        }
    }

    /// Deletes a person's copy: the database files and its key, plain or sealed.
    pub(crate) async fn delete(&self, profile: &str, user: &str) -> Result<()> {
        if self.open_for(profile, user).is_some() {
            self.close(profile).await;
        }
        cache::remove_files(&self.place.db_path(profile, user))?;
        let account = self.place.account(profile, user);
        keyring(move || {
            CacheKey::delete(&account)?;
            Sealed::delete(&account)
        })
        .await
    }

    /// Empties the profile's copy under a fresh key (the person's rights changed).
    pub(crate) async fn rebuild(&self, profile: &str, session: &Session) -> Result<Cache> {
        if session.acting().is_some() {
            // The temporary copy, never the owner's own, which this session does not read now.
            self.end_acting(profile).await;
            return self.get(profile, session).await;
        }
        let user = self
            .place
            .signed_in_user(profile)
            .ok_or_else(|| Error::NotSignedIn(profile.to_string()))?;
        tracing::info!(
            profile,
            "rights changed: the local copy is rebuilt from a full sync"
        );
        {
            let _opening = self.opening.lock().await;
            self.delete(profile, &user).await?;
        }
        self.get(profile, session).await
    }

    /// After a sign-in as `me`: an unsealed copy of a previous person is deleted (their session
    /// on this profile was replaced), and a copy this person kept is unsealed if the platform
    /// still hands out its key, or deleted. Returns whether copies can be kept on this platform.
    pub(crate) async fn adopt(&self, profile: &str, me: &Me, session: &Session) -> Result<bool> {
        if let Some(previous) = self.place.signed_in_user(profile) {
            if previous != me.user_id {
                self.delete_unsealed(profile, &previous).await?;
            }
        }
        self.place.remember(profile, me)?;
        let seal = seal_key(session).await;
        let account = self.place.account(profile, &me.user_id);
        let sealed = {
            let account = account.clone();
            keyring(move || Sealed::load(&account)).await?
        };
        let Some(sealed) = sealed else {
            return Ok(seal.is_ok());
        };
        let opened = match &seal {
            Ok(seal_key) => sealed.open(seal_key, &account).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match opened {
            Ok(key) => {
                keyring(move || {
                    key.store(&account)?;
                    Sealed::delete(&account)
                })
                .await?;
                tracing::info!(profile, "the kept local copy was unsealed");
            }
            Err(why) => {
                tracing::info!(
                    profile,
                    "the kept local copy cannot be opened ({why}); it is deleted"
                );
                self.delete(profile, &me.user_id).await?;
            }
        }
        Ok(seal.is_ok())
    }

    async fn delete_unsealed(&self, profile: &str, user: &str) -> Result<()> {
        let account = self.place.account(profile, user);
        if keyring(move || CacheKey::load(&account)).await?.is_some() {
            self.delete(profile, user).await?;
        }
        Ok(())
    }

    /// Seals the signed-in person's copy for a later sign-in. Needs the platform (its key).
    /// `Ok(false)`: there was no copy to keep.
    pub(crate) async fn seal(&self, profile: &str, session: &Session) -> Result<bool> {
        let Some(user) = self.place.signed_in_user(profile) else {
            return Ok(false);
        };
        // The platform's key first: a session that ends while asking must not find the gate
        // held (its end deletes the copy, under the gate).
        let seal = seal_key(session).await?;
        let _opening = self.opening.lock().await;
        self.close(profile).await;
        let account = self.place.account(profile, &user);
        let exists = self.place.db_path(profile, &user).exists();
        let sealed = keyring(move || {
            let Some(key) = CacheKey::load(&account)? else {
                return Ok(false);
            };
            if !exists {
                CacheKey::delete(&account)?;
                return Ok(false);
            }
            // Sealed first, then the plain key removed: a failure in between leaves a copy
            // that still opens for its own session, never one that is lost or left plain.
            Sealed::seal(&key, &seal, &account)?.store(&account)?;
            CacheKey::delete(&account)?;
            Ok(true)
        })
        .await?;
        if sealed {
            // Still under the gate: once sealed, the session is over for the copy. A read still
            // in flight (a sync, a screen's query) would otherwise find no plain key, start a
            // fresh copy over the sealed one, and the sign-out would then delete that.
            self.place.forget_identity(profile);
        }
        Ok(sealed)
    }

    /// The session is over (signed out, locked or ended): nothing of it may stay readable.
    /// An unsealed copy is deleted; the identity is forgotten.
    pub(crate) async fn end_session(&self, profile: &str) -> Result<()> {
        // Under the gate, and the identity first: nothing can open (or re-create) the copy
        // while it is being deleted, e.g. a background sync still running at sign-out.
        let _opening = self.opening.lock().await;
        let user = self.place.signed_in_user(profile);
        self.place.forget_identity(profile);
        self.close(profile).await;
        if let Some(user) = user {
            self.delete_unsealed(profile, &user).await?;
        }
        drop(_opening);
        // Nothing read as someone else outlives the session either.
        self.end_acting(profile).await;
        Ok(())
    }

    /// The hook a session calls when the server ends it.
    pub(crate) fn on_session_end(self: &Arc<Self>, profile: &str) -> OnSessionEnd {
        let copies = self.clone();
        let profile = profile.to_string();
        Arc::new(move || {
            let copies = copies.clone();
            let profile = profile.clone();
            Box::pin(async move {
                if let Err(e) = copies.end_session(&profile).await {
                    tracing::warn!(profile = %profile, "the ended session's local copy could not be deleted: {e}");
                }
            })
        })
    }
}

/// Whether this platform can seal a kept copy for the signed-in person (the key is dropped).
pub(crate) async fn platform_can_seal(session: &Session) -> bool {
    seal_key(session).await.is_ok()
}

/// The platform's seal key for the signed-in person, held only for the caller's moment.
async fn seal_key(session: &Session) -> Result<SealKey> {
    // The signed-in person's own key, also while they act for someone: it seals their copy.
    session
        .own_call::<SealKey>(&crate::api_client::Call::get("/v1/me/seal-key"))
        .await
        .map_err(|e| match e {
            Error::Http { status: 404, .. } => Error::InvalidInput(
                "this platform cannot seal a kept copy (it offers no per-person seal key), so \
                 copies cannot be kept"
                    .into(),
            ),
            other => other,
        })
}
