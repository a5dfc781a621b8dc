//! `GET /v1/audit?actor=&target=&person=&action=&from=&to=&cursor=&limit=`: the audit trail,
//! newest first, for those who may read it (OWNER). `person` is someone's own timeline: what
//! was done to them and what was done on their behalf; each person reads their own.

use axum::extract::State;
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::{actions, AuditEvent, Page, Permission};

use super::auth::Caller;
use super::extract::Query;
use super::params::{self, Params};
use super::permissions;
use crate::error::ApiError;
use crate::store::audit::{self, Filter};
use crate::store::changes;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/audit", routing::get(list))
}

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 1000;

/// Every action the platform records; any other `action` filter is a mistake worth telling.
const ACTIONS: [&str; 28] = [
    actions::USER_CREATE,
    actions::USER_UPDATE,
    actions::USER_MOVE,
    actions::USER_CONVERT,
    actions::USER_REMOVE,
    actions::INVITATION_CREATE,
    actions::INVITATION_RESEND,
    actions::INVITATION_WITHDRAW,
    actions::INVITATION_ACCEPT,
    actions::PASSWORD_RESET,
    actions::PASSWORD_SET,
    actions::ROLES_UPDATE,
    actions::STATUS_UPDATE,
    actions::MFA_ENROL,
    actions::MFA_RESET,
    actions::ACCOUNT_CREATE,
    actions::ACCOUNT_UPDATE,
    actions::ACCOUNT_DELETE,
    actions::KEY_CREATE,
    actions::KEY_ROTATE,
    actions::KEY_DISABLE,
    actions::KEY_ENABLE,
    actions::KEY_REVOKE,
    actions::CLIENT_SECRET_ROTATE,
    actions::SETTINGS_UPDATE,
    actions::SETTINGS_RESTORE,
    actions::ACTING_START,
    actions::ACTING_STOP,
];

pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Query(params): Query<Params>,
) -> Result<Json<Page<AuditEvent>>, ApiError> {
    let granted = permissions::of(&mut *state.pool.acquire().await?, &caller).await?;
    // Who acted for me, when and why is mine to read, but not someone's acting for me.
    let own_timeline =
        caller.on_behalf.is_none() && text(&params, "person").as_deref() == Some(&caller.id);
    if !granted.contains(&Permission::AuditRead) && !own_timeline {
        return Err(ApiError::forbidden(
            "Only an organization OWNER reads the audit trail; your role does not allow it.",
        ));
    }
    let limit = params::limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let filter = Filter {
        actor_id: text(&params, "actor"),
        target_id: text(&params, "target"),
        person_id: text(&params, "person"),
        action: params::choice(
            &params,
            "action",
            |a| {
                ACTIONS
                    .into_iter()
                    .find(|known| *known == a)
                    .map(String::from)
            },
            &ACTIONS.join(", "),
        )?,
        from: time(&params, "from")?,
        to: time(&params, "to")?,
    };
    let before_seq = params::numeric_cursor(&params)?;
    // The page, its total and as_of_seq from one snapshot: every event with a sequence number
    // up to as_of_seq that matches is on this page or a later one.
    let mut tx = state.pool.begin().await?;
    let as_of_seq = changes::state(&mut tx, &caller.org_id).await?.last_seq;
    let mut rows = audit::list(&mut tx, &caller.org_id, &filter, before_seq, limit + 1).await?;
    let total = match before_seq {
        None => Some(audit::count(&mut tx, &caller.org_id, &filter).await?),
        Some(_) => None,
    };
    tx.commit().await?;
    let next_cursor = params::next_cursor(&mut rows, limit, |(seq, _)| seq.to_string());
    Ok(Json(Page {
        items: rows.into_iter().map(|(_, event)| event).collect(),
        next_cursor,
        total,
        as_of_seq,
    }))
}

fn text(params: &Params, name: &str) -> Option<String> {
    params
        .get(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `from` / `to`: Unix seconds.
fn time(params: &Params, name: &str) -> Result<Option<i64>, ApiError> {
    match params.get(name).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(raw) => raw.parse::<i64>().map(Some).map_err(|_| {
            ApiError::invalid_param(name, format!("must be a time in Unix seconds, not '{raw}'"))
        }),
    }
}
