//! The second factor of a staff sign-in (`mfa_required_for_staff`): after a right password, a
//! staff member of an organization that requires it enters a TOTP code (RFC 6238) before any
//! code is redirected back. Someone not enrolled yet (new, or reset by an OWNER) is shown an
//! enrolment page first: a QR code of the `otpauth://` URI and the secret in text; entering a
//! right code confirms it.
//!
//! Config users are not asked: the setting names staff, and config users edit settings only
//! (the guide asks nothing more of them). With the setting off nobody is asked.
//!
//! Wrong codes are counted against the account and the address like wrong passwords
//! (`throttle`): a code has a million values, and without a limit they could be tried in turn.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Form;
use console_api::{actions, ChangeOp, UserKind, UserStatus};
use serde::Deserialize;
use serde_json::json;

use super::authorize::finish;
use super::mfa_pages::{code_form, CodeForm, Enrolment, Refusal};
use super::pages;
use super::throttle::{self, Source, Subjects};
use super::totp;
use crate::api::RequestId;
use crate::db::{self, Attribution};
use crate::store::auth_requests::{self, AuthRequest};
use crate::store::mfa::{self, Factor};
use crate::store::settings::{self, keys};
use crate::store::users::{self, Person};
use crate::store::{audit, changes};
use crate::{AppState, Result};

/// Does this person's sign-in need a code?
pub async fn required(state: &AppState, person: &Person) -> Result<bool> {
    if person.kind != UserKind::Staff {
        return Ok(false);
    }
    let value = settings::value(&state.pool, &person.org_id, keys::MFA_REQUIRED_FOR_STAFF).await?;
    Ok(value.as_bool().unwrap_or(true))
}

/// The password was right: remember that, and ask for the code (enrolling first if needed).
pub async fn ask(state: &AppState, request: &AuthRequest, person: &Person) -> Result<Response> {
    mfa::challenge(&state.pool, &request.id, &person.id, state.now()).await?;
    let enrol = match mfa::factor(&state.pool, &person.id).await? {
        Factor::Enrolled(_) => None,
        // Each enrolment shown starts with a fresh secret: one left pending by an earlier,
        // unfinished sign-in may have been seen by someone else.
        Factor::None | Factor::Pending(_) => {
            let secret = totp::new_secret();
            mfa::begin_enrolment(&state.pool, &person.id, &secret).await?;
            Some(secret)
        }
    };
    page(state, &request.id, person, enrol.as_deref(), None).await
}

async fn page(
    state: &AppState,
    request_id: &str,
    person: &Person,
    enrol: Option<&str>,
    error: Option<Refusal<'_>>,
) -> Result<Response> {
    let email = person.email.as_deref().unwrap_or_default();
    let enrolment = match enrol {
        Some(secret) => {
            // The authenticator app names the account by the organization as it presents itself.
            let (org_name, _) =
                crate::store::settings::presentation(&state.pool, &person.org_id).await?;
            let uri = totp::uri(secret, &org_name, email)?;
            Some((totp::qr_svg(&uri)?, secret, uri))
        }
        None => None,
    };
    let response = code_form(CodeForm {
        request_id,
        email,
        error,
        enrol: enrolment.as_ref().map(|(qr, secret, uri)| Enrolment {
            qr_svg: qr,
            secret,
            uri,
        }),
    });
    Ok(dated(state, response))
}

/// The page's `Date` is the platform's clock, the time its codes are checked against (RFC 9110
/// §6.6.1 lets an origin server say what its clock reads). Authenticator apps correct their
/// drift from a server's time this way; the test browsers do too.
fn dated(state: &AppState, mut response: Response) -> Response {
    let at = time::OffsetDateTime::from_unix_timestamp(state.now())
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    // IMF-fixdate, the form RFC 9110 requires: "Tue, 01 Dec 2026 15:10:02 GMT".
    let date = format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        &at.weekday().to_string()[..3],
        at.day(),
        &at.month().to_string()[..3],
        at.year(),
        at.hour(),
        at.minute(),
        at.second()
    );
    if let Ok(value) = HeaderValue::from_str(&date) {
        response.headers_mut().insert(header::DATE, value);
    }
    response
}

#[derive(Deserialize)]
pub struct CodeSubmit {
    request_id: String,
    code: String,
}

/// `POST /oauth/authorize/code`.
pub async fn submit_code(
    State(state): State<AppState>,
    source: Source,
    request_id: RequestId,
    Form(form): Form<CodeSubmit>,
) -> Response {
    match submit(&state, &source, &request_id, form).await {
        Ok(r) => r,
        Err(e) => pages::internal_error(&e),
    }
}

fn start_again() -> Response {
    pages::error(
        StatusCode::BAD_REQUEST,
        "This sign-in page has expired",
        "Go back to the application and start signing in again.",
    )
}

async fn submit(
    state: &AppState,
    source: &Source,
    request_id: &RequestId,
    form: CodeSubmit,
) -> Result<Response> {
    let now = state.now();
    let request = match auth_requests::find(&state.pool, &form.request_id).await? {
        Some(r) if r.expires_at > now => r,
        _ => return Ok(start_again()),
    };
    // No password checked for this request (or an OWNER reset the factor since): nothing to
    // answer a code for.
    let Some(user_id) = mfa::challenged(&state.pool, &request.id).await? else {
        return Ok(start_again());
    };
    let person = match users::find(&state.pool, &user_id).await? {
        Some(p) if p.status == UserStatus::Active => p,
        _ => return Ok(start_again()),
    };
    let (secret, enrolling) = match mfa::factor(&state.pool, &person.id).await? {
        Factor::Enrolled(s) => (s, false),
        Factor::Pending(s) => (s, true),
        Factor::None => return Ok(start_again()),
    };
    let shown = enrolling.then_some(secret.as_str());
    let subjects = Subjects::new(person.email.as_deref().unwrap_or(&person.id), source);
    if let Some(wait) = throttle::wait(state, &subjects).await? {
        let message = throttle::message(wait).replace("no password is", "no code is");
        let refusal = Refusal {
            reason: "throttled",
            message: &message,
        };
        let page = page(state, &request.id, &person, shown, Some(refusal)).await?;
        return Ok(throttle::throttled(page, wait));
    }
    let Some(step) = totp::check(&secret, &form.code, now)? else {
        let wait = throttle::failed(state, &subjects).await?;
        let wrong = "That code is not right. Check that the app shows this account, and enter \
                     the code it shows now (each code changes every 30 seconds).";
        let message = match wait {
            Some(secs) => format!("{wrong} {}", throttle::message(secs)),
            None => wrong.to_string(),
        };
        let refusal = Refusal {
            reason: "code_wrong",
            message: &message,
        };
        let page = page(state, &request.id, &person, shown, Some(refusal)).await?;
        return Ok(match wait {
            Some(secs) => throttle::with_retry_after(page, secs),
            None => page,
        });
    };
    // RFC 6238 §5.2: a code that signed the person in is not taken again, by anyone. It was
    // right, so it is no guess and not counted against the throttle; the person waits for the
    // next code.
    if !mfa::use_step(&state.pool, &person.id, &secret, step).await? {
        let refusal = Refusal {
            reason: "code_used",
            message: "That code was already used to sign in. Wait for the next code: a new one \
                      appears every 30 seconds.",
        };
        return page(state, &request.id, &person, shown, Some(refusal)).await;
    }
    if enrolling {
        enrolled(state, &person, request_id).await?;
    }
    throttle::succeeded(state, &subjects).await?;
    finish(state, &request, &request.client_id, &person.id, now).await
}

/// The enrolment is confirmed: a new version of the person (their MFA state is part of what
/// the directory serves), a feed entry and an audit event, in one transaction.
async fn enrolled(state: &AppState, person: &Person, request_id: &RequestId) -> Result<()> {
    let now = state.now();
    let mut tx = db::begin_write(&state.pool).await?;
    mfa::confirm(&mut tx, &person.id, now).await?;
    sqlx::query("UPDATE users SET updated_at = ?, version = version + 1 WHERE id = ?")
        .bind(now)
        .bind(&person.id)
        .execute(&mut *tx)
        .await?;
    changes::append(
        &mut tx,
        &person.org_id,
        &person.id,
        person.kind,
        ChangeOp::Upsert,
        now,
    )
    .await?;
    let by = Attribution {
        org_id: &person.org_id,
        actor_id: &person.id,
        actor_name: &person.display_name,
        reason: "Set up an authenticator at sign-in",
        request_id: &request_id.0,
        at: now,
        on_behalf: None, // the person themself, at the sign-in page
    };
    audit::record(
        &mut tx,
        audit::NewEvent {
            by: &by,
            action: actions::MFA_ENROL,
            target_type: "user",
            target_id: &person.id,
            target_name: &person.display_name,
            before: json!({ "mfa_enrolled": false }),
            after: json!({ "mfa_enrolled": true }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
