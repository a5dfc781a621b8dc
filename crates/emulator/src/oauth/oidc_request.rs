//! The OpenID Connect parameters of an authorization request (OIDC Core §3.1.2.1): `prompt`,
//! `max_age` and `nonce`.
//!
//! The emulator keeps no single sign-on session: every authorization request shows the
//! password form, and `auth_time` is the moment that form was submitted. So `prompt=login` and
//! any `max_age` are always satisfied by the fresh sign-in, and are accepted (a certified
//! relying party sends them and must not be refused); `prompt=consent` is satisfied by the
//! form too (the console is a first-party client); `prompt=none` cannot be, since no session
//! exists to answer silently, and is refused with `login_required` as §3.1.2.6 says.

use std::collections::HashMap;

/// Longest nonce accepted: enough for any random value, short enough to store freely.
const MAX_NONCE_LEN: usize = 512;

/// An OAuth2 error (code and description) for the client's redirect URI.
pub type Refusal = (&'static str, String);

/// Checks `prompt`, `max_age` and `nonce`; returns the nonce to put in the ID token.
pub fn check(query: &HashMap<String, String>) -> Result<Option<String>, Refusal> {
    if let Some(prompt) = query.get("prompt") {
        let values: Vec<&str> = prompt.split_whitespace().collect();
        if let Some(bad) = values
            .iter()
            .find(|v| !["none", "login", "consent", "select_account"].contains(v))
        {
            return Err((
                "invalid_request",
                format!("The prompt value '{bad}' is not defined by OpenID Connect."),
            ));
        }
        if values.contains(&"none") {
            if values.len() > 1 {
                return Err((
                    "invalid_request",
                    "prompt=none cannot be combined with other prompt values.".into(),
                ));
            }
            return Err((
                "login_required",
                "This server keeps no sign-in session, so it cannot sign anyone in without \
                 showing its sign-in page; retry without prompt=none."
                    .into(),
            ));
        }
    }
    if let Some(max_age) = query.get("max_age") {
        if max_age.parse::<u64>().is_err() {
            return Err((
                "invalid_request",
                format!("max_age must be a number of seconds, not '{max_age}'."),
            ));
        }
    }
    match query.get("nonce") {
        Some(n) if n.is_empty() || n.len() > MAX_NONCE_LEN => Err((
            "invalid_request",
            format!("nonce must be 1 to {MAX_NONCE_LEN} characters long."),
        )),
        Some(n) => Ok(Some(n.clone())),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn prompt_login_and_max_age_are_accepted_and_prompt_none_is_refused() {
        assert_eq!(
            check(&q(&[
                ("prompt", "login consent"),
                ("max_age", "0"),
                ("nonce", "n")
            ])),
            Ok(Some("n".into()))
        );
        assert_eq!(
            check(&q(&[("prompt", "none")])).unwrap_err().0,
            "login_required"
        );
        assert_eq!(
            check(&q(&[("prompt", "sometimes")])).unwrap_err().0,
            "invalid_request"
        );
        assert_eq!(
            check(&q(&[("max_age", "-5")])).unwrap_err().0,
            "invalid_request"
        );
        assert_eq!(
            check(&q(&[("nonce", "")])).unwrap_err().0,
            "invalid_request"
        );
    }
}
