//! The platform's page where a person sets their password with a one-time code: accepting an
//! invitation (they become `active`) or a password reset an OWNER issued. The link carries the
//! code (`/invitations/accept?code=…`); without one the page asks for it.
//!
//! The password rules are the platform's and are stated here, on the page: the organization's
//! minimum length, zxcvbn's strength estimate (its warning and suggestions shown as they are),
//! and no earlier password of the person's. A code that no longer works says why and what to
//! do: ask an OWNER to re-send.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use console_api::{actions, ChangeOp, UserKind};
use serde::Deserialize;
use serde_json::json;

use crate::api::request_id::RequestId;
use crate::db::{self, Attribution};
use crate::oauth::pages::{self, escape};
use crate::store::invitations::{self as store, Ended, Purpose, Stored};
use crate::store::{audit, changes, passwords, settings, tokens, users};
use crate::{clock, crypto, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/invitations/accept", get(show).post(submit))
}

#[derive(Deserialize)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
pub struct SetPassword {
    code: String,
    password: String,
    confirm: String,
}

/// Whether a code can still set a password, and if not, the page that says why.
enum Usable {
    Yes(Box<Stored>),
    No(Response),
}

async fn usable(state: &AppState, code: &str) -> crate::Result<Usable> {
    let mut conn = state.pool.acquire().await?;
    let found = store::by_code(&mut conn, code).await?;
    Ok(judge_code(state, found))
}

fn judge_code(state: &AppState, found: Option<(Stored, bool)>) -> Usable {
    let gone =
        |title: &str, detail: String| Usable::No(pages::error(StatusCode::GONE, title, &detail));
    let Some((stored, superseded)) = found else {
        return Usable::No(pages::error(
            StatusCode::NOT_FOUND,
            "This code is not valid",
            "Check that you copied the whole link or code. If it still does not work, ask an \
             OWNER of your organization to re-send your invitation.",
        ));
    };
    let by = &stored.invited_by_name;
    match stored.ended {
        Some((Ended::Accepted, _)) => {
            return gone(
                "This code was already used",
                format!(
                    "Your password is set: sign in with {} and that password. If you did not \
                     set it, tell {by} or another OWNER of your organization at once.",
                    stored.email
                ),
            )
        }
        Some((Ended::Withdrawn, _)) => {
            return gone(
                "This invitation was withdrawn",
                "It can no longer be accepted. If you should have access, ask an OWNER of your \
                 organization to invite you again."
                    .into(),
            )
        }
        None => {}
    }
    if superseded {
        return gone(
            "This code was replaced",
            format!(
                "{by} sent you a newer one: use the latest link you received. If you cannot \
                 find it, ask an OWNER of your organization to re-send your invitation."
            ),
        );
    }
    if stored.expires_at <= state.now() {
        return gone(
            "This code has expired",
            format!(
                "It could be used until {}. Ask {by} or another OWNER of your organization to \
                 re-send your invitation; the new link works for a while again.",
                clock::rfc3339(stored.expires_at)
            ),
        );
    }
    Usable::Yes(Box::new(stored))
}

pub async fn show(State(state): State<AppState>, Query(q): Query<CodeQuery>) -> Response {
    let code = q.code.trim();
    if code.is_empty() {
        return ask_for_code();
    }
    let shown = async {
        Ok::<_, crate::Error>(match usable(&state, code).await? {
            Usable::No(page) => page,
            Usable::Yes(stored) => form(&state, &stored, code, None, StatusCode::OK).await?,
        })
    };
    shown.await.unwrap_or_else(|e| pages::internal_error(&e))
}

fn ask_for_code() -> Response {
    pages::page(
        StatusCode::OK,
        "Accept an invitation",
        "<h1>Accept an invitation</h1><p>Enter the code from your invitation.</p>\
         <form method=\"get\" action=\"/invitations/accept\">\
         <label for=\"code\">Invitation code</label>\
         <input id=\"code\" name=\"code\" autocomplete=\"off\" required autofocus>\
         <button type=\"submit\">Continue</button></form>",
    )
}

async fn org_name(state: &AppState, org_id: &str) -> crate::Result<String> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM organizations WHERE id = ?")
        .bind(org_id)
        .fetch_optional(&state.pool)
        .await?;
    Ok(name.unwrap_or_else(|| org_id.to_string()))
}

/// The set-password form: who asked, for which organization, the rules, and (after a refused
/// try) why it was refused.
async fn form(
    state: &AppState,
    stored: &Stored,
    code: &str,
    refusal: Option<&passwords::Refusal>,
    status: StatusCode,
) -> crate::Result<Response> {
    let org = org_name(state, &stored.org_id).await?;
    let min = settings::password_min_length(&state.pool, &stored.org_id).await?;
    let roles = users::staff_roles(&state.pool, &stored.user_id).await?;
    let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    let (title, intro) = match stored.purpose {
        Purpose::Invite => (
            "Accept your invitation",
            format!(
                "<strong>{}</strong> invited you, {}, to join <strong>{}</strong> as staff ({}). \
                 Set your password to finish.",
                escape(&stored.invited_by_name),
                escape(&stored.display_name),
                escape(&org),
                escape(&roles.join(", ")),
            ),
        ),
        Purpose::Reset => (
            "Set a new password",
            format!(
                "<strong>{}</strong> asked you, {}, to set a new password for \
                 <strong>{}</strong>. Signing in with it ends your other sessions.",
                escape(&stored.invited_by_name),
                escape(&stored.display_name),
                escape(&org),
            ),
        ),
    };
    let error = refusal.map(refused).unwrap_or_default();
    let body = format!(
        "<h1>{title}</h1><p>{intro}</p>{error}\
         <p>Use a strong password you have not used before, at least {min} characters long \
         (a few uncommon words make one that is easy to remember).</p>\
         <form method=\"post\" action=\"/invitations/accept\">\
         <input type=\"hidden\" name=\"code\" value=\"{code}\">\
         <input type=\"hidden\" name=\"username\" autocomplete=\"username\" value=\"{email}\">\
         <label for=\"password\">New password</label>\
         <input id=\"password\" type=\"password\" name=\"password\" minlength=\"{min}\" \
         autocomplete=\"new-password\" required autofocus>\
         <label for=\"confirm\">The same password again</label>\
         <input id=\"confirm\" type=\"password\" name=\"confirm\" autocomplete=\"new-password\" \
         required>\
         <button type=\"submit\">Set password</button></form>",
        code = escape(code),
        email = escape(&stored.email),
    );
    Ok(pages::page(status, title, &body))
}

fn refused(r: &passwords::Refusal) -> String {
    let mut html = format!(
        "<div class=\"err\" role=\"alert\"><p>{}</p>",
        escape(&r.message)
    );
    if let Some(warning) = &r.warning {
        html.push_str(&format!("<p class=\"warning\">{}</p>", escape(warning)));
    }
    if !r.suggestions.is_empty() {
        html.push_str("<ul class=\"suggestions\">");
        for s in &r.suggestions {
            html.push_str(&format!("<li>{}</li>", escape(s)));
        }
        html.push_str("</ul>");
    }
    html.push_str("</div>");
    html
}

fn plain(message: String) -> passwords::Refusal {
    passwords::Refusal {
        message,
        warning: None,
        suggestions: Vec::new(),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    request_id: RequestId,
    Form(f): Form<SetPassword>,
) -> Response {
    match set_password(&state, &request_id, f).await {
        Ok(page) => page,
        Err(e) => pages::internal_error(&e),
    }
}

async fn set_password(
    state: &AppState,
    request_id: &RequestId,
    f: SetPassword,
) -> crate::Result<Response> {
    let code = f.code.trim();
    let stored = match usable(state, code).await? {
        Usable::No(page) => return Ok(page),
        Usable::Yes(stored) => stored,
    };
    let again = |refusal: passwords::Refusal| {
        let stored = stored.clone();
        async move {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            form(state, &stored, code, Some(&refusal), status).await
        }
    };
    if f.password != f.confirm {
        return again(plain(
            "The two passwords differ: type the same one twice.".into(),
        ))
        .await;
    }
    let org = org_name(state, &stored.org_id).await?;
    let min = settings::password_min_length(&state.pool, &stored.org_id).await?;
    let inputs = passwords::user_inputs(&stored.display_name, &stored.email, &org);
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    if let Some(refusal) = passwords::judge(&f.password, min, &inputs) {
        return again(refusal).await;
    }
    let mut tx = db::begin_write(&state.pool).await?;
    // Again inside the transaction: the code may have been used, re-sent or withdrawn since.
    let found = store::by_code(&mut tx, code).await?;
    let stored = match judge_code(state, found) {
        Usable::No(page) => return Ok(page),
        Usable::Yes(stored) => stored,
    };
    // An invitation activates only someone still invited (an OWNER may have suspended them
    // meanwhile); a reset serves only someone active.
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM users WHERE id = ?")
        .bind(&stored.user_id)
        .fetch_optional(&mut *tx)
        .await?;
    let expected = match stored.purpose {
        Purpose::Invite => "invited",
        Purpose::Reset => "active",
    };
    if status.as_deref() != Some(expected) {
        return Ok(pages::error(
            StatusCode::GONE,
            "This code can no longer be used",
            "Your account was changed since the code was sent. Ask an OWNER of your \
             organization what to do.",
        ));
    }
    if passwords::reused(&mut tx, &stored.user_id, &f.password).await? {
        drop(tx);
        return again(plain(
            "You used this password before. Choose one you have not used for this account.".into(),
        ))
        .await;
    }
    let now = state.now();
    let hash = crypto::hash_password(&f.password)?;
    passwords::set(&mut tx, &stored.user_id, &hash, now).await?;
    let (action, activate) = match stored.purpose {
        Purpose::Invite => (actions::INVITATION_ACCEPT, "status = 'active', "),
        Purpose::Reset => (actions::PASSWORD_SET, ""),
    };
    sqlx::query(&format!(
        "UPDATE users SET {activate}updated_at = ?, version = version + 1 WHERE id = ?"
    ))
    .bind(now)
    .bind(&stored.user_id)
    .execute(&mut *tx)
    .await?;
    if stored.purpose == Purpose::Reset {
        // A new password ends every sign-in made with the old one.
        tokens::revoke_all_for_user(&mut tx, &stored.user_id, now).await?;
    }
    store::end(&mut tx, &stored.id, Ended::Accepted, now).await?;
    let org_id = stored.org_id.as_str();
    changes::append(
        &mut tx,
        org_id,
        &stored.user_id,
        UserKind::Staff,
        ChangeOp::Upsert,
        now,
    )
    .await?;
    let (before, after) = match stored.purpose {
        Purpose::Invite => (
            json!({ "status": "invited" }),
            json!({ "status": "active" }),
        ),
        Purpose::Reset => (json!({}), json!({ "password": "set" })),
    };
    let reason = match stored.purpose {
        Purpose::Invite => "Accepted the invitation and set a password",
        Purpose::Reset => "Set a new password with a reset code",
    };
    let by = Attribution {
        org_id,
        actor_id: &stored.user_id,
        actor_name: &stored.display_name,
        reason,
        request_id: &request_id.0,
        at: now,
        on_behalf: None, // the person themself, at the sign-in page
    };
    audit::record(
        &mut tx,
        audit::NewEvent {
            by: &by,
            action,
            target_type: "user",
            target_id: &stored.user_id,
            target_name: &stored.display_name,
            before,
            after,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(pages::page(
        StatusCode::OK,
        "Password set",
        &format!(
            "<h1>Your password is set</h1><p>You can now sign in to <strong>{}</strong> with \
             <strong>{}</strong> and your new password.</p>",
            escape(&org),
            escape(&stored.email)
        ),
    ))
}
