//! Role assignments: the platform's role catalog, one person's change (previewed by a dry
//! run, applied with `If-Match`), batches with a plan and an undo plan, and batch files.
//!
//! The server enforces every guardrail; the console only previews what the server would say.
//! Nothing is written to the cache here: after the server confirms a change, a delta sync
//! brings it in from the change feed.

mod file;

pub use console_api::RoleInfo;
pub use file::parse_batch_file;

use std::collections::BTreeSet;

use console_api::{RoleBatch, RoleBatchResult, RoleChangeItem, RoleChangeOutcome, StaffRole, User};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api_client::{encode, require_reason, to_body, Call};
use crate::ipc::DirectoryQuery;
use crate::{Console, Error, Result, UserKind};

/// A batch after the real run, with the batch that reverses it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BatchApplied {
    pub result: RoleBatchResult,
    /// Reverses every applied item (roles added are removed and the other way round), each
    /// expecting the version the change produced, so it refuses to undo over a later change.
    pub undo: Vec<RoleChangeItem>,
}

/// A batch worked out for many people, with the server's dry-run verdict on each.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BatchPlan {
    pub items: Vec<RoleChangeItem>,
    pub result: RoleBatchResult,
}

/// The batch that undoes the applied items of `result`.
pub fn undo_plan(result: &RoleBatchResult) -> Vec<RoleChangeItem> {
    result
        .items
        .iter()
        .filter(|o| o.applied)
        .map(|o| {
            let before: BTreeSet<_> = o.before.iter().copied().collect();
            let after: BTreeSet<_> = o.after.iter().copied().collect();
            RoleChangeItem {
                user_id: o.user_id.clone(),
                add: names(before.difference(&after)),
                remove: names(after.difference(&before)),
                expected_version: o.version,
            }
        })
        .collect()
}

fn names<'a>(roles: impl Iterator<Item = &'a StaffRole>) -> Vec<String> {
    roles.map(|r| r.as_str().to_string()).collect()
}

/// The item that turns `before` into `after` for one person.
pub fn item_for(
    user_id: &str,
    before: &[StaffRole],
    after: &[StaffRole],
    version: Option<i64>,
) -> RoleChangeItem {
    let before: BTreeSet<_> = before.iter().copied().collect();
    let after: BTreeSet<_> = after.iter().copied().collect();
    RoleChangeItem {
        user_id: user_id.to_string(),
        add: names(after.difference(&before)),
        remove: names(before.difference(&after)),
        expected_version: version,
    }
}

impl Console {
    /// The platform's role catalog (`GET /v1/roles`): every staff role with its description and
    /// what it grants. The console offers and explains roles from this answer only.
    pub async fn role_catalog(&self, profile: &str) -> Result<Vec<RoleInfo>> {
        self.session(profile)?.get("/v1/roles").await
    }

    /// A person as the server has them now (the editor starts from this, not the cache).
    pub async fn server_user(&self, profile: &str, id: &str) -> Result<User> {
        self.session(profile)?
            .get(&format!("/v1/users/{}", encode(id)))
            .await
    }

    /// Sends a batch (dry run or real). A real run requires a reason; a dry run records nothing,
    /// so it needs none (what it is given is sent as is).
    pub async fn role_batch(
        &self,
        profile: &str,
        items: Vec<RoleChangeItem>,
        reason: &str,
        dry_run: bool,
    ) -> Result<RoleBatchResult> {
        if items.is_empty() {
            return Err(Error::InvalidInput("The batch has no items.".into()));
        }
        // A dry run records nothing and needs no reason; a real run always does.
        let reason = if dry_run {
            reason.trim().to_string()
        } else {
            require_reason(reason)?
        };
        let batch = RoleBatch {
            dry_run,
            reason,
            items,
        };
        let body = to_body(&batch)?;
        let result: RoleBatchResult = self
            .session(profile)?
            .call(&Call {
                method: Method::POST,
                path: "/v1/roles/batch",
                body: Some(body),
                if_match: None,
            })
            .await?;
        if !dry_run && result.items.iter().any(|o| o.applied) {
            self.catch_up(profile).await;
        }
        Ok(result)
    }

    /// What the server would say to one person's change, without making it. It takes no reason:
    /// a dry run records nothing, and the person may not have written one yet (the window asks
    /// for it on the same step as it shows this verdict).
    pub async fn preview_roles(
        &self,
        profile: &str,
        item: RoleChangeItem,
    ) -> Result<RoleChangeOutcome> {
        let mut result = self.role_batch(profile, vec![item], "", true).await?;
        result
            .items
            .pop()
            .ok_or_else(|| Error::Server("the dry run answered no item".into()))
    }

    /// Replaces one person's roles, if they are still at `expected_version`. A 412 comes back
    /// as [`Error::Conflict`] with the server's current state.
    pub async fn set_roles(
        &self,
        profile: &str,
        id: &str,
        roles: &[StaffRole],
        expected_version: i64,
        reason: &str,
    ) -> Result<User> {
        let body = to_body(&console_api::RolesUpdate {
            roles: roles.iter().map(|r| r.as_str().to_string()).collect(),
            reason: require_reason(reason)?,
        })?;
        let path = format!("/v1/users/{}/roles", encode(id));
        let user: User = self
            .session(profile)?
            .call(&Call {
                method: Method::PUT,
                path: &path,
                body: Some(body),
                if_match: Some(expected_version),
            })
            .await?;
        self.catch_up(profile).await;
        Ok(user)
    }

    /// Every staff member in the cache that `query` matches (all pages, not just the visible
    /// one), with the role change for each, dry-run by the server.
    pub async fn plan_bulk_roles(
        &self,
        profile: &str,
        query: &DirectoryQuery,
        add: &[StaffRole],
        remove: &[StaffRole],
        reason: &str,
    ) -> Result<BatchPlan> {
        if add.is_empty() && remove.is_empty() {
            return Err(Error::InvalidInput(
                "Choose at least one role to add or remove.".into(),
            ));
        }
        if let Some(both) = add.iter().find(|r| remove.contains(r)) {
            return Err(Error::InvalidInput(format!(
                "{} is both added and removed; choose one.",
                both.as_str()
            )));
        }
        if query.kind.is_some_and(|k| k != UserKind::Staff) {
            return Err(Error::InvalidInput(format!(
                "Roles belong to staff; the directory is filtered to {}. Filter to staff first.",
                query.kind.map(|k| k.as_str()).unwrap_or_default()
            )));
        }
        let people = self.matching_staff(profile, query).await?;
        if people.is_empty() {
            return Err(Error::InvalidInput(
                "No staff match this search and filter; roles belong to staff only.".into(),
            ));
        }
        let items: Vec<RoleChangeItem> = people
            .iter()
            .map(|u| RoleChangeItem {
                user_id: u.id.clone(),
                add: names(add.iter()),
                remove: names(remove.iter()),
                expected_version: Some(u.version),
            })
            .collect();
        let result = self
            .role_batch(profile, items.clone(), reason, true)
            .await?;
        Ok(BatchPlan { items, result })
    }

    /// Applies a batch for real and returns the batch that undoes it.
    pub async fn apply_role_batch(
        &self,
        profile: &str,
        items: Vec<RoleChangeItem>,
        reason: &str,
    ) -> Result<BatchApplied> {
        let result = self.role_batch(profile, items, reason, false).await?;
        let undo = undo_plan(&result);
        Ok(BatchApplied { result, undo })
    }

    /// The staff the query matches in the cache, every page of them.
    async fn matching_staff(&self, profile: &str, query: &DirectoryQuery) -> Result<Vec<User>> {
        const PAGE: u32 = 5000;
        let cache = self.cache(profile).await?;
        let mut query = query.clone();
        query.kind = Some(UserKind::Staff);
        query.offset = 0;
        query.limit = PAGE;
        let mut out = Vec::new();
        loop {
            let page = cache.search(&query).await?;
            let got = page.rows.len() as u32;
            out.extend(page.rows);
            if got < PAGE || out.len() >= page.total as usize {
                return Ok(out);
            }
            query.offset += PAGE;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use console_api::Problem;

    fn outcome(
        id: &str,
        before: &[StaffRole],
        after: &[StaffRole],
        applied: bool,
    ) -> RoleChangeOutcome {
        RoleChangeOutcome {
            user_id: id.into(),
            display_name: String::new(),
            before: before.to_vec(),
            after: after.to_vec(),
            problem: None::<Problem>,
            applied,
            version: Some(7),
        }
    }

    #[test]
    fn the_undo_plan_reverses_only_applied_items() {
        use StaffRole::*;
        let result = RoleBatchResult {
            dry_run: false,
            items: vec![
                outcome("a", &[Member], &[Member, Support], true),
                outcome("b", &[Owner, Member], &[Member], true),
                // Refused by a guardrail: there is nothing to undo.
                outcome("c", &[Member], &[Member, Owner], false),
            ],
        };
        let undo = undo_plan(&result);
        assert_eq!(undo.len(), 2);
        assert_eq!(undo[0].remove, vec!["SUPPORT"]);
        assert!(undo[0].add.is_empty());
        assert_eq!(undo[1].add, vec!["OWNER"]);
        // The undo must not overwrite a change made after the batch.
        assert!(undo.iter().all(|i| i.expected_version == Some(7)));
    }

    #[test]
    fn an_item_holds_only_the_difference() {
        use StaffRole::*;
        let item = item_for("x", &[Member, Dispatch], &[Member, Therapist], Some(3));
        assert_eq!(item.add, vec!["THERAPIST"]);
        assert_eq!(item.remove, vec!["DISPATCH"]);
    }
}
