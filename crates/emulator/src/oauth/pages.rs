//! The HTML the authorization server shows a person: the sign-in form and error pages.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::seed::DemoPersona;

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f1f3f5;margin:0}\
main{max-width:420px;margin:8vh auto;background:#fff;padding:32px;border-radius:8px;\
box-shadow:0 1px 3px #0002}h1{font-size:20px;margin:0 0 4px}p{color:#495057}\
label{display:block;margin:16px 0 4px;font-weight:600}input{width:100%;box-sizing:border-box;\
padding:8px;font-size:15px;border:1px solid #ced4da;border-radius:4px}\
button{margin-top:20px;width:100%;padding:10px;font-size:15px;background:#1c7ed6;color:#fff;\
border:0;border-radius:4px;cursor:pointer}.err{background:#fff5f5;color:#c92a2a;padding:8px;\
border-radius:4px}table{width:100%;font-size:13px;border-collapse:collapse;margin-top:8px}\
td{padding:3px 4px;border-top:1px solid #e9ecef}";

pub(crate) fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        escape(title)
    );
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    // A framed sign-in page can be overlaid and clicked through (clickjacking): no site may
    // frame it. CSP for current browsers, X-Frame-Options for older ones.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // The page carries a pending request's id; keep it out of caches and referrers.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// An error that must not be sent back to the client's redirect URI (unknown client, bad
/// redirect): shown here, to the person, instead.
pub fn error(status: StatusCode, title: &str, detail: &str) -> Response {
    page(
        status,
        title,
        &format!("<h1>{}</h1><p>{}</p>", escape(title), escape(detail)),
    )
}

/// The page for a failure inside the platform. What failed is logged for the operator; the
/// person reads what happened and what to do, never internal error text.
pub fn internal_error(e: &crate::Error) -> Response {
    tracing::error!("sign-in page failed: {e}");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "The platform could not complete this step of signing in. Nothing was changed. Go back \
         to the application and start signing in again; if it keeps happening, tell your \
         platform operator.",
    )
}

pub struct SignInForm<'a> {
    pub request_id: &'a str,
    pub client_name: &'a str,
    pub email: &'a str,
    pub error: Option<&'a str>,
    pub personas: &'a [DemoPersona],
}

pub fn sign_in(form: SignInForm<'_>) -> Response {
    let error = form
        .error
        .map(|e| format!("<p class=\"err\" role=\"alert\">{}</p>", escape(e)))
        .unwrap_or_default();
    let demo = if form.personas.is_empty() {
        String::new()
    } else {
        let rows: String = form
            .personas
            .iter()
            .map(|p| {
                let totp = p
                    .totp_secret
                    .map(|s| format!("<code>{}</code>", escape(s)))
                    .unwrap_or_else(|| "no code asked".into());
                format!(
                    "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{totp}</td></tr>",
                    escape(p.label),
                    escape(p.email),
                    escape(p.password)
                )
            })
            .collect();
        format!(
            "<h2 style=\"font-size:15px;margin-top:28px\">Demo accounts</h2>\
             <p style=\"font-size:13px\">Staff also enter a code: add the TOTP secret to an \
             authenticator app.</p><table><tr><th>Who</th><th>Email</th><th>Password</th>\
             <th>TOTP secret</th></tr>{rows}</table>"
        )
    };
    let status = if form.error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    page(
        status,
        "Sign in",
        &format!(
            "<h1>Sign in</h1><p>to continue to <strong>{client}</strong></p>{error}\
             <form method=\"post\" action=\"/oauth/authorize\">\
             <input type=\"hidden\" name=\"request_id\" value=\"{id}\">\
             <label for=\"email\">Email</label>\
             <input id=\"email\" type=\"email\" name=\"email\" value=\"{email}\" autocomplete=\"username\" required autofocus>\
             <label for=\"password\">Password</label>\
             <input id=\"password\" type=\"password\" name=\"password\" autocomplete=\"current-password\" required>\
             <button type=\"submit\">Sign in</button></form>{demo}",
            client = escape(form.client_name),
            id = escape(form.request_id),
            email = escape(form.email),
        ),
    )
}
