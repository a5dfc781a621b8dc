//! Who may read which part of the directory. The rule lives here once, for users and the
//! change feed alike.

use console_api::{Permission, UserKind};

use super::permissions;
use crate::error::ApiError;
use crate::store::users::{self, Person};
use crate::AppState;

/// The part of its organization's directory a caller may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everyone: consumers, dependents, staff (`directory_read`: OWNER, SUPPORT).
    All,
    /// Staff only, never consumer data (`staff_read` alone: MEMBER).
    StaffOnly,
}

impl Scope {
    pub fn sees(self, kind: UserKind) -> bool {
        self == Scope::All || kind == UserKind::Staff
    }

    /// The scope these permissions give, if any.
    pub fn of(granted: &[Permission]) -> Option<Scope> {
        if granted.contains(&Permission::DirectoryRead) {
            Some(Scope::All)
        } else if granted.contains(&Permission::StaffRead) {
            Some(Scope::StaffOnly)
        } else {
            None
        }
    }
}

pub async fn for_caller(state: &AppState, caller: &Person) -> Result<Scope, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let granted = permissions::of(&mut conn, caller).await?;
    if let Some(scope) = Scope::of(&granted) {
        return Ok(scope);
    }
    let roles = users::staff_roles(&mut *conn, &caller.id).await?;
    if let Some(by) = &caller.on_behalf {
        return Err(ApiError::forbidden(format!(
            "You are signed in as {} acting for {}, which gives no access to the directory: \
             a request made for someone holds only what both may do.",
            crate::guardrails::acting_as(by),
            by.subject_name
        )));
    }
    let who = if roles.is_empty() {
        match caller.kind {
            UserKind::ServiceAccount => "a service account".to_string(),
            UserKind::Config => "a configuration user".to_string(),
            _ => "an account without a staff role".to_string(),
        }
    } else {
        let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        format!("the role {}", names.join(" and "))
    };
    Err(ApiError::forbidden(format!(
        "You are signed in as {who}, which gives no access to the directory. \
         An organization owner can grant the SUPPORT role if you need it."
    )))
}

/// The kind filter a caller asked for, checked against what they may see.
pub fn check_kind(scope: Scope, asked: Option<UserKind>) -> Result<Option<UserKind>, ApiError> {
    match (scope, asked) {
        (Scope::All, kind) => Ok(kind),
        (Scope::StaffOnly, None | Some(UserKind::Staff)) => Ok(Some(UserKind::Staff)),
        (Scope::StaffOnly, Some(kind)) => Err(ApiError::forbidden(format!(
            "Your role lets you read the staff directory only, not {} accounts.",
            kind.as_str()
        ))),
    }
}
