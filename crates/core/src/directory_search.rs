//! Where a directory search goes: the local copy once it is complete, the platform's
//! `GET /v1/users?q=` while the first full sync is still filling it (a support agent mid-call
//! cannot wait it out). Both follow one set of rules (`console_api::search`), so the people
//! found are the same; the page says which one answered.

use std::time::Instant;

use console_api::{Page, User};

use crate::api_client::encode;
use crate::cache::Cache;
use crate::ipc::{DirectoryPage, DirectoryQuery, SearchSource};
use crate::{Console, Result};

/// How many matches the platform search offers while the copy fills: its first ones, in id
/// order (it pages by cursor; sorting and scrolling deeper need the local copy).
pub const PLATFORM_FIRST: u32 = 200;

impl Console {
    /// The directory search of the window and the CLI.
    pub async fn search_users(
        &self,
        profile: &str,
        query: &DirectoryQuery,
    ) -> Result<DirectoryPage> {
        let cache = self.cache(profile).await?;
        if query.text.trim().is_empty() {
            // Browsing with filters only: the local copy, however far it has come.
            return cache.search(query).await;
        }
        let Some(percent) = filling(&cache).await? else {
            return cache.search(query).await;
        };
        let started = Instant::now();
        match self.platform_search(profile, query).await {
            Ok(found) => Ok(DirectoryPage {
                took_ms: started.elapsed().as_secs_f64() * 1000.0,
                filling_percent: Some(percent),
                ..found
            }),
            Err(e) => {
                // The screen keeps working on what the copy holds so far, and says why.
                tracing::warn!(profile = %profile, "platform search failed: {e}");
                let local = cache.search(query).await?;
                Ok(DirectoryPage {
                    platform_error: Some(format!(
                        "The platform search failed ({e}). These matches are from your local \
                         copy, which is still filling."
                    )),
                    filling_percent: Some(percent),
                    ..local
                })
            }
        }
    }

    /// The platform's first [`PLATFORM_FIRST`] matches of `query` (its text and filters),
    /// the `offset..offset + limit` slice of them.
    async fn platform_search(
        &self,
        profile: &str,
        query: &DirectoryQuery,
    ) -> Result<DirectoryPage> {
        let session = self.session(profile)?;
        let page: Page<User> = session.get(&platform_path(query)).await?;
        let total = page.items.len() as u32;
        let rows = page
            .items
            .into_iter()
            .skip(query.offset as usize)
            .take(query.limit as usize)
            .collect();
        Ok(DirectoryPage {
            rows,
            total,
            took_ms: 0.0,
            source: SearchSource::Platform,
            more: page.next_cursor.is_some(),
            platform_error: None,
            filling_percent: None,
        })
    }
}

/// `Some(percent filled)` while the copy is incomplete: a full sync has started and not
/// finished, or none ever finished.
async fn filling(cache: &Cache) -> Result<Option<u32>> {
    let state = cache.sync_state().await?;
    if !state.full_in_progress() && state.as_of_seq.is_some() {
        return Ok(None);
    }
    let percent = match state.full_total {
        Some(total) if total > 0 => (state.full_done * 100 / total).clamp(0, 99) as u32,
        _ => 0,
    };
    Ok(Some(percent))
}

/// `GET /v1/users?q=…` with the query's filters, for its first [`PLATFORM_FIRST`] matches.
fn platform_path(query: &DirectoryQuery) -> String {
    let mut path = format!(
        "/v1/users?q={}&limit={PLATFORM_FIRST}",
        encode(query.text.trim())
    );
    if let Some(kind) = query.kind {
        path.push_str(&format!("&kind={}", kind.as_str()));
    }
    if let Some(status) = query.status {
        path.push_str(&format!("&status={}", status.as_str()));
    }
    if let Some(role) = query.role {
        path.push_str(&format!("&role={}", role.as_str()));
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use console_api::{StaffRole, UserStatus};

    #[test]
    fn the_platform_is_asked_for_the_text_and_every_filter() {
        let query = DirectoryQuery {
            role: Some(StaffRole::Support),
            status: Some(UserStatus::Active),
            ..DirectoryQuery::text(" Ann Lee&x ", 50)
        };
        assert_eq!(
            platform_path(&query),
            "/v1/users?q=Ann+Lee%26x&limit=200&status=active&role=SUPPORT"
        );
    }
}
