//! The temporary copy read while acting for someone (issue 14): a file of its own per acting
//! session, its key in memory only, deleted when the acting stops or the session ends.

use std::path::PathBuf;

use super::{folder, Copies, OpenCopy, Place};
use crate::cache::{self, Cache, CacheKey};
use crate::session::Session;
use crate::{Error, Result};

/// File names of temporary acting copies start so (`folder()` never makes a user id do).
pub(super) const ACTING_PREFIX: &str = "acting~";

impl Place {
    /// The temporary copy read while acting: its own file, named after the subject and the
    /// acting session, so it can never be taken for anyone's own copy.
    pub(super) fn acting_db_path(&self, profile: &str, subject: &str, acting_id: &str) -> PathBuf {
        self.profile_dir(profile).join(format!(
            "{ACTING_PREFIX}{}-{}.sqlite",
            folder(subject),
            folder(acting_id)
        ))
    }

    /// Every temporary acting copy of the profile (current or left by a stopped process).
    pub(super) fn acting_files(&self, profile: &str) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(self.profile_dir(profile)) else {
            return Vec::new();
        };
        entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(ACTING_PREFIX) && n.ends_with(".sqlite"))
            })
            .collect()
    }
}

impl Copies {
    /// The temporary copy of an acting session, opened (or made, empty, under a fresh key held
    /// in memory) on first use. Refused once the window is over.
    pub(super) async fn get_acting(
        &self,
        profile: &str,
        session: &Session,
        acting: &console_api::ActingSession,
    ) -> Result<Cache> {
        let ended = || Error::ActingEnded(acting.subject_name.clone());
        if session.acting_over() != Some(false) {
            return Err(ended());
        }
        let label = format!("{ACTING_PREFIX}{}", acting.id);
        if let Some(cache) = self.open_for(profile, &label) {
            return Ok(cache);
        }
        let _opening = self.opening.lock().await;
        if session.acting().map(|a| a.id).as_deref() != Some(acting.id.as_str()) {
            return Err(ended());
        }
        if let Some(cache) = self.open_for(profile, &label) {
            return Ok(cache);
        }
        self.close(profile).await;
        let path = self
            .place
            .acting_db_path(profile, &acting.subject_id, &acting.id);
        let known = self
            .acting_keys
            .lock()
            .expect("acting keys")
            .get(profile)
            .filter(|(id, _)| id == &acting.id)
            .map(|(_, key)| key.clone());
        let key = match known {
            Some(key) => key,
            None => {
                cache::remove_files(&path)?;
                let key = CacheKey::random();
                self.acting_keys
                    .lock()
                    .expect("acting keys")
                    .insert(profile.to_string(), (acting.id.clone(), key.clone()));
                key
            }
        };
        let cache = Cache::open(&path, &key).await?;
        self.open.lock().expect("copies").insert(
            profile.to_string(),
            OpenCopy {
                user: label,
                cache: cache.clone(),
            },
        );
        Ok(cache)
    }

    /// Acting is over on the profile: its temporary copy is closed and deleted, its key
    /// dropped. The own copy is left as it is (it opens again on next use).
    pub(crate) async fn end_acting(&self, profile: &str) {
        let _opening = self.opening.lock().await;
        let open_is_acting = self
            .open
            .lock()
            .expect("copies")
            .get(profile)
            .is_some_and(|c| c.user.starts_with(ACTING_PREFIX));
        if open_is_acting {
            self.close(profile).await;
        }
        self.acting_keys
            .lock()
            .expect("acting keys")
            .remove(profile);
        for file in self.place.acting_files(profile) {
            if let Err(e) = cache::remove_files(&file) {
                tracing::warn!(profile, "a temporary acting copy could not be deleted: {e}");
            }
        }
    }
}
