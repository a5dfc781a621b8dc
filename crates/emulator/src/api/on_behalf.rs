//! Who stands behind a credential that acts for someone else (RFC 8693): an OWNER's delegated
//! token, or a service account acting for the provider it serves. Either way the request's
//! person is the subject, carrying an `OnBehalf` that names the actor; `permissions::of` then
//! grants only what both hold, and the audit records both.

use console_api::{OnBehalf, Problem, ProblemCode, UserKind, UserStatus};

use crate::error::ApiError;
use crate::store::tokens::Family;
use crate::store::users::{self, Person};
use crate::AppState;

/// The subject of a delegated family, acted for by the family's actor. The actor must still be
/// an active member of the subject's organization: an OWNER suspended or removed while acting
/// ends their delegated token too.
pub async fn delegated(
    state: &AppState,
    family: &Family,
    actor_id: &str,
    mut subject: Person,
) -> Result<Person, ApiError> {
    let actor = users::find(&state.pool, actor_id)
        .await?
        .filter(|a| a.status == UserStatus::Active && a.org_id == subject.org_id)
        .ok_or_else(|| {
            ApiError::invalid_token(
                "The person who acts with this delegated token is no longer an active member \
                 of the organization, so it stopped working. Sign in with your own account.",
            )
        })?;
    let acting_id = family.acting_id.clone().unwrap_or_default();
    let mut conn = state.pool.acquire().await?;
    let stored = crate::store::acting::get(&mut conn, &subject.org_id, &acting_id)
        .await?
        .ok_or_else(|| ApiError::invalid_token("This delegated token is unknown."))?;
    let terms = stored.session;
    subject.on_behalf = Some(OnBehalf {
        subject_id: subject.id.clone(),
        subject_name: subject.display_name.clone(),
        actor_id: actor.id,
        actor_name: actor.display_name,
        actor_kind: actor.kind,
        acting_id: Some(terms.id),
        reason: Some(terms.reason),
        started_at: Some(terms.started_at),
        expires_at: Some(terms.expires_at),
    });
    Ok(subject)
}

/// The provider a service account acts for, if its `acts_for_id` names one.
pub async fn provider_of(state: &AppState, account_id: &str) -> Result<Option<String>, ApiError> {
    let found: Option<Option<String>> =
        sqlx::query_scalar("SELECT acts_for_id FROM service_accounts WHERE id = ?")
            .bind(account_id)
            .fetch_optional(&state.pool)
            .await?;
    Ok(found.flatten())
}

/// A service account's credential: the account itself, or, when it acts for a provider, the
/// provider acted for by the account. A provider who is suspended or gone lends it nothing:
/// 403 in words, so the account's owner knows what to fix.
pub async fn service_account(state: &AppState, account: Person) -> Result<Person, ApiError> {
    if account.kind != UserKind::ServiceAccount {
        return Ok(account);
    }
    let Some(provider_id) = provider_of(state, &account.id).await? else {
        return Ok(account);
    };
    let provider = users::find(&state.pool, &provider_id)
        .await?
        .filter(|p| p.org_id == account.org_id);
    let Some(mut provider) = provider.filter(|p| p.status == UserStatus::Active) else {
        let name: Option<String> =
            sqlx::query_scalar("SELECT display_name FROM users WHERE id = ?")
                .bind(&provider_id)
                .fetch_optional(&state.pool)
                .await?;
        return Err(ApiError::forbidden(format!(
            "The service account {} acts for {}, whose account is suspended or no longer \
             exists, so it can do nothing on their behalf. An owner can reactivate that person \
             or make the account act for another provider.",
            account.display_name,
            name.unwrap_or(provider_id)
        )));
    };
    provider.on_behalf = Some(OnBehalf {
        subject_id: provider.id.clone(),
        subject_name: provider.display_name.clone(),
        actor_id: account.id,
        actor_name: account.display_name,
        actor_kind: UserKind::ServiceAccount,
        acting_id: None,
        reason: None,
        started_at: None,
        expires_at: None,
    });
    Ok(provider)
}

/// Refuses what only the person themself may do (`what`, e.g. "Getting the copy key") when
/// someone else acts for them: 403 `acting_not_allowed`.
pub fn only_the_person(caller: &Person, what: &str) -> Result<(), ApiError> {
    let Some(on_behalf) = &caller.on_behalf else {
        return Ok(());
    };
    Err(not_allowed(format!(
        "{what} is for {} themself: {} acts on their behalf and cannot do it. Stop acting and \
         use your own account.",
        on_behalf.subject_name, on_behalf.actor_name
    )))
}

/// 403 `acting_not_allowed` with `detail` saying why and what to do.
pub fn not_allowed(detail: impl Into<String>) -> ApiError {
    ApiError(Problem::new(
        ProblemCode::ActingNotAllowed,
        403,
        "Acting not allowed",
        detail,
    ))
}
