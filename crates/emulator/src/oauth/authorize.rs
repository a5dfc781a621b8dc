//! `/oauth/authorize`: validates the request, shows the sign-in form, and on success redirects
//! back with `code`, `state` and `iss` (RFC 9207).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use console_api::UserStatus;
use serde::Deserialize;
use url::Url;

use super::pages::{self, SignInForm};
use super::throttle::{self, Source, Subjects};
use super::{mfa, oidc_request, redirect, resource, SUPPORTED_SCOPES};
use crate::crypto;
use crate::seed;
use crate::store::auth_requests::{self, AuthRequest};
use crate::store::{clients, nonces, tokens, users};
use crate::AppState;

/// How long a sign-in page stays usable; expired requests are purged (`purge_pending`).
pub const REQUEST_TTL_SECS: i64 = 10 * 60;

/// Redirects an error to the (already validated) redirect URI, RFC 6749 §4.1.2.1.
fn redirect_error(
    state: &AppState,
    redirect_uri: &str,
    client_state: Option<&str>,
    error: &str,
    description: &str,
) -> Response {
    let mut params = vec![("error", error), ("error_description", description)];
    if let Some(s) = client_state {
        params.push(("state", s));
    }
    params.push(("iss", &state.issuer));
    redirect_with(redirect_uri, &params)
}

fn redirect_with(redirect_uri: &str, params: &[(&str, &str)]) -> Response {
    match Url::parse(redirect_uri) {
        Ok(mut url) => {
            url.query_pairs_mut().extend_pairs(params);
            Redirect::to(url.as_str()).into_response()
        }
        Err(_) => pages::error(
            StatusCode::BAD_REQUEST,
            "Invalid redirect",
            "The redirect URI is not a URL.",
        ),
    }
}

pub async fn show_form(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| q.get(k).map(String::as_str);
    // Client and redirect URI first: until both are known good, nothing may be redirected.
    let Some(client_id) = get("client_id") else {
        return pages::error(
            StatusCode::BAD_REQUEST,
            "Sign-in request is incomplete",
            "The application did not say who it is (client_id is missing).",
        );
    };
    let client = match clients::find(&state.pool, client_id).await {
        Ok(Some(c)) => c,
        Ok(None) => return pages::error(StatusCode::BAD_REQUEST, "Unknown application", "This application is not registered with the platform. Check the client id in its connection settings."),
        Err(e) => return pages::internal_error(&e),
    };
    let Some(redirect_uri) = get("redirect_uri") else {
        return pages::error(
            StatusCode::BAD_REQUEST,
            "Sign-in request is incomplete",
            "The application did not say where to return (redirect_uri is missing).",
        );
    };
    if !client
        .redirect_uris
        .iter()
        .any(|r| redirect::matches(r, redirect_uri))
    {
        return pages::error(StatusCode::BAD_REQUEST, "Redirect address not allowed", "The application asked to return to an address that is not registered for it. Nothing was sent there.");
    }
    if let Err(refused) = redirect::allowed_by_org(&state, &client, redirect_uri).await {
        return refused;
    }
    let client_state = get("state");
    let fail = |error: &str, description: &str| {
        redirect_error(&state, redirect_uri, client_state, error, description)
    };

    if get("response_type") != Some("code") {
        return fail(
            "unsupported_response_type",
            "Only response_type=code is supported.",
        );
    }
    let challenge = get("code_challenge").unwrap_or_default();
    let method = get("code_challenge_method");
    if challenge.is_empty() {
        if client.is_public() {
            return fail(
                "invalid_request",
                "PKCE is required: send code_challenge with code_challenge_method=S256.",
            );
        }
    } else if method != Some("S256") {
        return fail(
            "invalid_request",
            "Only the S256 code_challenge_method is accepted.",
        );
    } else if challenge.len() != 43 {
        return fail(
            "invalid_request",
            "code_challenge must be a base64url SHA-256 digest (43 characters).",
        );
    }
    let scope = get("scope").unwrap_or("console").to_string();
    for s in scope.split_whitespace() {
        if !SUPPORTED_SCOPES.contains(&s) || !client.allows_scope(s) {
            return fail(
                "invalid_scope",
                &format!("The scope '{s}' is not available to this application."),
            );
        }
    }
    // OpenID Connect: prompt / max_age are satisfied by the form below; the nonce is kept.
    let nonce = match oidc_request::check(&q) {
        Ok(nonce) => nonce,
        Err((error, description)) => return fail(error, &description),
    };
    let resource = match resource::audience_for(&state, &client, get("resource")).await {
        Ok(resource) => resource,
        Err(e) => return fail(e.error, &e.error_description),
    };
    if let Err(e) = purge_pending(&state).await {
        return pages::internal_error(&e);
    }
    let request = AuthRequest {
        id: uuid::Uuid::new_v4().to_string(),
        client_id: client.client_id.clone(),
        redirect_uri: redirect_uri.to_string(),
        state: client_state.map(str::to_string),
        code_challenge: challenge.to_string(),
        scope,
        expires_at: state.now() + REQUEST_TTL_SECS,
        resource,
    };
    let stored = match auth_requests::insert(&state.pool, &request).await {
        Ok(()) => match &nonce {
            Some(n) => nonces::set_for_request(&state.pool, &request.id, n).await,
            None => Ok(()),
        },
        Err(e) => Err(e),
    };
    if let Err(e) = stored {
        return pages::internal_error(&e);
    }
    pages::sign_in(SignInForm {
        request_id: &request.id,
        client_name: &client.name,
        email: get("login_hint").unwrap_or_default(),
        error: None,
        personas: personas(&state),
    })
}

pub(super) fn personas(state: &AppState) -> &'static [seed::DemoPersona] {
    if state.config.demo_seed {
        seed::PERSONAS
    } else {
        &[]
    }
}

#[derive(Deserialize)]
pub struct SignInSubmit {
    request_id: String,
    email: String,
    password: String,
}

/// Deletes expired pending requests and lapsed failure counts: run on every new request, so
/// neither table grows with requests nobody finishes.
pub async fn purge_pending(state: &AppState) -> crate::Result<()> {
    auth_requests::purge_expired(&state.pool, state.now()).await?;
    throttle::purge(state).await?;
    Ok(())
}

pub async fn submit_form(
    State(state): State<AppState>,
    source: Source,
    Form(form): Form<SignInSubmit>,
) -> Response {
    match submit(&state, &source, form).await {
        Ok(r) => r,
        Err(e) => pages::internal_error(&e),
    }
}

async fn submit(state: &AppState, source: &Source, form: SignInSubmit) -> crate::Result<Response> {
    let now = state.now();
    let request = match auth_requests::find(&state.pool, &form.request_id).await? {
        Some(r) if r.expires_at > now => r,
        _ => {
            return Ok(pages::error(
                StatusCode::BAD_REQUEST,
                "This sign-in page has expired",
                "Go back to the application and start signing in again.",
            ));
        }
    };
    let subjects = Subjects::new(&form.email, source);
    if let Some(wait) = throttle::wait(state, &subjects).await? {
        return Ok(retry_later(state, &request.id, &form.email, wait));
    }
    let client = clients::find(&state.pool, &request.client_id).await?;
    let user = users::find_login(&state.pool, &form.email).await?;
    let verified = match (&client, &user) {
        (Some(c), Some(u)) => {
            u.org_id == c.org_id
                && u.status == UserStatus::Active
                && u.password_hash
                    .as_deref()
                    .is_some_and(|h| crypto::verify_password(&form.password, h))
        }
        _ => false,
    };
    let (Some(client), Some(user), true) = (client, user, verified) else {
        let wait = throttle::failed(state, &subjects).await?;
        return Ok(wrong_password(state, &request.id, &form.email, wait));
    };
    if mfa::required(state, &user).await? {
        return mfa::ask(state, &request, &user).await;
    }
    throttle::succeeded(state, &subjects).await?;
    // The password was verified just now: this is the auth_time.
    finish(state, &request, &client.client_id, &user.id, now).await
}

/// Ends a sign-in that authenticated `user_id`: a code for the token family it starts
/// (`auth_time`: when the person proved who they are), redirected back with `state` and `iss`.
pub(super) async fn finish(
    state: &AppState,
    request: &AuthRequest,
    client_id: &str,
    user_id: &str,
    auth_time: i64,
) -> crate::Result<Response> {
    let now = state.now();
    let family = tokens::new_family(
        &state.pool,
        client_id,
        user_id,
        &request.scope,
        now,
        now + state.config.refresh_absolute_ttl_secs,
        Some(auth_time),
    )
    .await?;
    if let Some(audience) = &request.resource {
        tokens::set_audience(&state.pool, &family, audience).await?;
    }
    let code = crypto::random_token("ac_");
    tokens::insert_code(
        &state.pool,
        &crypto::token_hash(&code),
        &family,
        &request.redirect_uri,
        &request.code_challenge,
        now + state.config.code_ttl_secs,
        now,
    )
    .await?;
    nonces::carry_to_code(&state.pool, &request.id, &crypto::token_hash(&code)).await?;
    auth_requests::delete(&state.pool, &request.id).await?;
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = request.state.as_deref() {
        params.push(("state", s));
    }
    params.push(("iss", &state.issuer));
    let mut response = redirect_with(&request.redirect_uri, &params);
    *response.status_mut() = StatusCode::SEE_OTHER;
    Ok(response)
}

/// The form again, saying how long to wait, as 429 with `Retry-After`.
fn retry_later(state: &AppState, request_id: &str, email: &str, wait: i64) -> Response {
    let message = throttle::message(wait);
    let page = pages::sign_in(SignInForm {
        request_id,
        client_name: "the application",
        email,
        error: Some(&message),
        personas: personas(state),
    });
    throttle::throttled(page, wait)
}

/// The form again after a wrong password (401). When this failure starts a wait, the page says
/// how long, and `Retry-After` carries it.
fn wrong_password(state: &AppState, request_id: &str, email: &str, wait: Option<i64>) -> Response {
    let mismatch = "That email and password do not match an active account.";
    let message = match wait {
        Some(secs) => format!("{mismatch} {}", throttle::message(secs)),
        None => format!("{mismatch} Check both and try again."),
    };
    let page = pages::sign_in(SignInForm {
        request_id,
        client_name: "the application",
        email,
        error: Some(&message),
        personas: personas(state),
    });
    match wait {
        Some(secs) => throttle::with_retry_after(page, secs),
        None => page,
    }
}
