//! The directory as the app and the CLI use it: sync of the signed-in person's copy (see
//! `local_copy`), with a status to poll. Search is in `directory_search`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::cache::Cache;
use crate::ipc::{IpcError, SyncPhase, SyncStatus, UserDetail};
use crate::sync::{self, SyncOptions, SyncReport};
use crate::{Console, Error, Result};

#[derive(Default)]
pub(crate) struct DirectoryState {
    status: Mutex<HashMap<String, SyncStatus>>,
    /// One sync at a time: the background sync and the catch-up after a change would otherwise
    /// race to apply the same feed batch.
    syncing: tokio::sync::Mutex<()>,
}

fn idle() -> SyncStatus {
    SyncStatus {
        phase: SyncPhase::Idle,
        last_synced_at: None,
        last_full_sync_at: None,
        done: 0,
        total: None,
        rate_per_sec: None,
        offline: false,
        error: None,
        user_count: 0,
    }
}

impl Console {
    /// The copy of the person whose session this profile holds; `not_signed_in` otherwise.
    pub async fn cache(&self, profile: &str) -> Result<Cache> {
        let session = match self.known_session(profile) {
            Some(session) => session,
            None => self.session(profile)?,
        };
        self.copies().get(profile, &session).await
    }

    /// After a write the server confirmed: the cache follows through the change feed. A failure
    /// here undoes nothing (the change is stored on the server); the next sync catches up.
    pub(crate) async fn catch_up(&self, profile: &str) {
        if let Err(e) = self.sync(profile, &SyncOptions::default(), &|_| {}).await {
            tracing::warn!(profile = %profile, "the change is saved, but the cache did not catch up yet: {e}");
        }
    }

    /// Runs a sync now and waits for it (the CLI); the app uses [`Console::start_sync`].
    pub async fn sync(
        &self,
        profile: &str,
        options: &SyncOptions,
        on_progress: &(dyn Fn(sync::Progress) + Send + Sync),
    ) -> Result<SyncReport> {
        let session = self.session(profile)?;
        let started = std::time::Instant::now();
        // The rights the copy is made under, as the platform says now.
        let me = session.me().await?;
        tracing::info!(took = ?started.elapsed(), "sync: rights read");
        let scope = scope_of(&me);
        let mut cache = self.cache(profile).await?;
        let _one_at_a_time = self.directory().syncing.lock().await;
        self.copies().place.refresh_identity(profile, &me)?;
        if cache
            .scope()
            .await?
            .is_some_and(|made_under| made_under != scope)
        {
            // Rights changed (a role removed, say): rows the person may no longer see must go,
            // and the change feed would never delete them. Start over under the new rights.
            cache = self.copies().rebuild(profile, &session).await?;
        }
        cache.set_scope(&scope).await?;
        tracing::info!(took = ?started.elapsed(), "sync: copy opened");
        match sync::sync(&session, &cache, options, on_progress).await {
            Err(Error::Http { status: 403, .. }) => {
                // The feed or the listing refused: the copy was made under rights the person
                // no longer has. Rebuild it under what they may see now (maybe nothing).
                let cache = self.copies().rebuild(profile, &session).await?;
                cache.set_scope(&scope).await?;
                sync::sync(&session, &cache, options, on_progress).await
            }
            other => other,
        }
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

    /// Forgets every profile's sync status (a new person is signing in).
    pub(crate) fn reset_sync_status(&self) {
        self.directory().status.lock().expect("status").clear();
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
            let state = cache.sync_state().await?;
            status.last_synced_at = state.last_synced_at;
            status.last_full_sync_at = state.last_full_at;
            status.user_count = cache.user_count().await?;
        }
        Ok(status)
    }

    pub async fn user_detail(&self, profile: &str, id: &str) -> Result<Option<UserDetail>> {
        self.cache(profile).await?.user_detail(id).await
    }
}

/// The rights a copy is made under: the platform's permissions for the person, in order.
fn scope_of(me: &console_api::Me) -> String {
    let mut names: Vec<String> = me
        .permissions
        .iter()
        .map(|p| serde_json::to_string(p).unwrap_or_default())
        .collect();
    names.sort();
    names.join(" ")
}
