//! The second step of a staff sign-in: the page asking for the authenticator's code, and the
//! enrolment page (QR code and secret) shown the first time.

use axum::http::StatusCode;
use axum::response::Response;

use super::pages::{escape, page};

/// What the code step shows. `enrol` carries the QR code (SVG), the secret and its URI when
/// the person has no authenticator set up yet.
pub struct CodeForm<'a> {
    pub request_id: &'a str,
    pub email: &'a str,
    pub error: Option<Refusal<'a>>,
    pub enrol: Option<Enrolment<'a>>,
}

/// Why a code was not taken: `reason` is a marker for programs reading the page (the test
/// browsers tell a used code, which waiting cures, from a wrong one), `message` the words for
/// the person.
pub struct Refusal<'a> {
    pub reason: &'a str,
    pub message: &'a str,
}

pub struct Enrolment<'a> {
    pub qr_svg: &'a str,
    pub secret: &'a str,
    pub uri: &'a str,
}

/// Groups of four, as people copy a secret by hand; apps ignore the spaces.
fn grouped(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn code_form(form: CodeForm<'_>) -> Response {
    let error = form
        .error
        .as_ref()
        .map(|e| {
            format!(
                "<p class=\"err\" role=\"alert\" data-reason=\"{}\">{}</p>",
                escape(e.reason),
                escape(e.message)
            )
        })
        .unwrap_or_default();
    let status = if form.error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    let (title, intro) = match &form.enrol {
        None => (
            "Enter your code",
            "<p>Open your authenticator app and enter the 6-digit code it shows for this \
             account.</p>"
                .to_string(),
        ),
        Some(e) => (
            "Set up two-step sign-in",
            format!(
                "<p>Your organization requires staff to sign in with a code from an \
                 authenticator app. Scan this QR code with the app, or enter the secret by \
                 hand, then enter the 6-digit code it shows.</p>\
                 <div aria-label=\"QR code of the authenticator setup\" role=\"img\" \
                 style=\"width:200px;margin:8px auto\">{qr}</div>\
                 <p>Secret: <code id=\"totp-secret\" data-secret=\"{secret}\">{shown}</code></p>\
                 <p style=\"font-size:12px;word-break:break-all\">Setup link: \
                 <code id=\"otpauth-uri\">{uri}</code></p>",
                // The SVG is the QR encoder's own output, drawn from the URI; nothing of the
                // request goes into it.
                qr = e.qr_svg,
                secret = escape(e.secret),
                shown = escape(&grouped(e.secret)),
                uri = escape(e.uri),
            ),
        ),
    };
    page(
        status,
        title,
        &format!(
            "<h1>{title}</h1><p>Signing in as <strong>{email}</strong></p>{intro}{error}\
             <form method=\"post\" action=\"/oauth/authorize/code\">\
             <input type=\"hidden\" name=\"request_id\" value=\"{id}\">\
             <label for=\"code\">Code</label>\
             <input id=\"code\" type=\"text\" name=\"code\" inputmode=\"numeric\" \
             autocomplete=\"one-time-code\" pattern=\"[0-9 ]{{6,8}}\" required autofocus>\
             <button type=\"submit\">{button}</button></form>",
            email = escape(form.email),
            id = escape(form.request_id),
            button = if form.enrol.is_some() {
                "Confirm and sign in"
            } else {
                "Sign in"
            },
        ),
    )
}
