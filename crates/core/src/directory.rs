//! The directory as the app and the CLI use it: the cache of the signed-in person, background
//! sync with a status to poll, and search.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::cache::{Cache, CacheKey};
use crate::ipc::{DirectoryPage, DirectoryQuery, IpcError, SyncPhase, SyncStatus, UserDetail};
use crate::sync::{self, SyncOptions, SyncReport};
use crate::{Console, Error, Result};

/// Which signed-in person's cache a profile uses; written at sign-in so the cache opens offline.
fn identity_file(data_dir: &Path, profile: &str) -> PathBuf {
    data_dir
        .join("cache")
        .join(folder(profile))
        .join("signed-in-user")
}

/// Profile names are free text; folder names are not.
fn folder(profile: &str) -> String {
    profile
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Remembers who signed in (their id and `/v1/me` answer, never a token), so the cache and the
/// signed-in screens open offline.
pub(crate) fn remember_user(data_dir: &Path, profile: &str, me: &console_api::Me) -> Result<()> {
    let file = identity_file(data_dir, profile);
    std::fs::create_dir_all(file.parent().expect("has a parent"))?;
    std::fs::write(&file, &me.user_id)?;
    let json = serde_json::to_string(me).map_err(|e| Error::Internal(e.to_string()))?;
    std::fs::write(file.with_file_name("me.json"), json)?;
    Ok(())
}

/// The last `/v1/me` answer for the profile, for working offline.
pub(crate) fn remembered_me(data_dir: &Path, profile: &str) -> Option<console_api::Me> {
    let text =
        std::fs::read_to_string(identity_file(data_dir, profile).with_file_name("me.json")).ok()?;
    serde_json::from_str(&text).ok()
}

#[derive(Default)]
pub(crate) struct DirectoryState {
    caches: Mutex<HashMap<String, Cache>>,
    /// Opening is serialized: two first opens at once would each create a different key.
    opening: tokio::sync::Mutex<()>,
    status: Mutex<HashMap<String, SyncStatus>>,
    /// One sync at a time: the background sync and the catch-up after a change would otherwise
    /// race to apply the same feed batch.
    syncing: tokio::sync::Mutex<()>,
}

fn idle() -> SyncStatus {
    SyncStatus {
        phase: SyncPhase::Idle,
        last_synced_at: None,
        done: 0,
        total: None,
        rate_per_sec: None,
        offline: false,
        error: None,
        user_count: 0,
    }
}

impl Console {
    fn cache_location(&self, profile: &str) -> Result<(PathBuf, String)> {
        let user = std::fs::read_to_string(identity_file(self.data_dir(), profile))
            .map_err(|_| Error::NotSignedIn(profile.to_string()))?;
        let user = user.trim();
        let path = self
            .data_dir()
            .join("cache")
            .join(folder(profile))
            .join(format!("{}.sqlite", folder(user)));
        Ok((path, format!("{profile}:{user}")))
    }

    /// The encrypted cache of whoever last signed in on this profile (works offline).
    pub async fn cache(&self, profile: &str) -> Result<Cache> {
        if let Some(c) = self.directory().caches.lock().expect("caches").get(profile) {
            return Ok(c.clone());
        }
        let _opening = self.directory().opening.lock().await;
        if let Some(c) = self.directory().caches.lock().expect("caches").get(profile) {
            return Ok(c.clone());
        }
        let (path, account) = self.cache_location(profile)?;
        let (key, created) =
            tokio::task::spawn_blocking(move || CacheKey::load_or_create(&account))
                .await
                .map_err(|e| Error::Internal(e.to_string()))??;
        if created {
            // A new key cannot open an old file (e.g. the keyring was reset): it is only a copy
            // of the server's data, so start it afresh.
            crate::cache::remove_files(&path)?;
        }
        let cache = Cache::open(&path, &key).await?;
        self.directory()
            .caches
            .lock()
            .expect("caches")
            .insert(profile.to_string(), cache.clone());
        Ok(cache)
    }

    /// Runs a sync now and waits for it (the CLI); the app uses [`Console::start_sync`].
    pub async fn sync(
        &self,
        profile: &str,
        options: &SyncOptions,
        on_progress: &(dyn Fn(sync::Progress) + Send + Sync),
    ) -> Result<SyncReport> {
        let session = self.session(profile)?;
        let cache = self.cache(profile).await?;
        let _one_at_a_time = self.directory().syncing.lock().await;
        sync::sync(&session, &cache, options, on_progress).await
    }

    /// Starts a background sync unless one is running; progress goes to [`Console::sync_status`].
    pub fn start_sync(self: &Arc<Self>, profile: &str) {
        {
            let mut all = self.directory().status.lock().expect("status");
            let status = all.entry(profile.to_string()).or_insert_with(idle);
            if matches!(status.phase, SyncPhase::Full | SyncPhase::Delta) {
                return;
            }
            status.phase = SyncPhase::Delta;
            status.error = None;
            status.done = 0;
            status.total = None;
        }
        let console = self.clone();
        let profile = profile.to_string();
        tokio::spawn(async move {
            let on_progress = {
                let console = console.clone();
                let profile = profile.clone();
                move |p: sync::Progress| {
                    console.update_status(&profile, |s| {
                        s.phase = p.phase;
                        s.done = p.done;
                        s.total = p.total;
                        s.rate_per_sec = Some(p.rate_per_sec);
                    })
                }
            };
            let result = console
                .sync(&profile, &SyncOptions::default(), &on_progress)
                .await;
            console.update_status(&profile, |s| {
                s.phase = if result.is_ok() {
                    SyncPhase::Idle
                } else {
                    SyncPhase::Failed
                };
                s.offline = matches!(result, Err(Error::Network { .. }));
                s.error = result.as_ref().err().map(|e| IpcError {
                    code: e.code(),
                    message: e.to_string(),
                });
            });
            if let Err(e) = result {
                tracing::warn!(profile = %profile, "sync failed: {e}");
            }
        });
    }

    fn update_status(&self, profile: &str, f: impl FnOnce(&mut SyncStatus)) {
        let mut all = self.directory().status.lock().expect("status");
        f(all.entry(profile.to_string()).or_insert_with(idle));
    }

    pub async fn sync_status(&self, profile: &str) -> Result<SyncStatus> {
        let mut status = self
            .directory()
            .status
            .lock()
            .expect("status")
            .get(profile)
            .cloned()
            .unwrap_or_else(idle);
        if let Ok(cache) = self.cache(profile).await {
            status.last_synced_at = cache.sync_state().await?.last_synced_at;
            status.user_count = cache.user_count().await?;
        }
        Ok(status)
    }

    pub async fn search_users(
        &self,
        profile: &str,
        query: &DirectoryQuery,
    ) -> Result<DirectoryPage> {
        self.cache(profile).await?.search(query).await
    }

    pub async fn user_detail(&self, profile: &str, id: &str) -> Result<Option<UserDetail>> {
        self.cache(profile).await?.user_detail(id).await
    }

    /// Deletes the profile's cache files (database, -wal, -shm) and its key.
    pub async fn wipe_cache(&self, profile: &str) -> Result<()> {
        let open = self
            .directory()
            .caches
            .lock()
            .expect("caches")
            .remove(profile);
        if let Some(cache) = open {
            cache.close().await;
        }
        let Ok((path, account)) = self.cache_location(profile) else {
            return Ok(());
        };
        crate::cache::remove_files(&path)?;
        let identity = identity_file(self.data_dir(), profile);
        let _ = std::fs::remove_file(identity.with_file_name("me.json"));
        let _ = std::fs::remove_file(identity);
        tokio::task::spawn_blocking(move || CacheKey::delete(&account))
            .await
            .map_err(|e| Error::Internal(e.to_string()))??;
        self.directory()
            .status
            .lock()
            .expect("status")
            .remove(profile);
        Ok(())
    }
}
