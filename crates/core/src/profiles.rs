//! Connection profiles: which platform to talk to and as which OAuth2 client.
//! Stored as JSON in the OS config directory; the built-in "Demo" profile is not stored.

mod connection;
mod file;
mod manage;
mod store;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::{Host, Url};

use crate::{Error, Result};

pub use connection::{test_connection, Check, CheckStatus, ConnectionReport, ServerOffer};
pub use file::{
    export_profile, parse_profile_file, ProfileFile, PROFILE_FILE_EXTENSION, PROFILE_FILE_FORMAT,
};
pub use store::{InvalidProfile, ProfileStore};

pub const DEMO_PROFILE: &str = "Demo";
pub const DEFAULT_CLIENT_ID: &str = "access-console";
pub const DEFAULT_SCOPES: &[&str] = &["console", "offline_access"];
pub const MAX_NAME_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    pub name: String,
    /// Base URL of the admin API, e.g. `https://api.example.org`.
    pub api_base: String,
    /// The OAuth2 issuer; `None` means the API base is also the issuer.
    pub issuer: Option<String>,
    pub client_id: String,
    pub scopes: Vec<String>,
    /// Built in (the demo platform): cannot be edited or removed.
    #[serde(default)]
    pub builtin: bool,
}

impl Profile {
    pub fn demo(api_base: &str) -> Profile {
        Profile {
            name: DEMO_PROFILE.into(),
            api_base: api_base.trim_end_matches('/').into(),
            issuer: None,
            client_id: DEFAULT_CLIENT_ID.into(),
            scopes: DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect(),
            builtin: true,
        }
    }

    pub fn issuer(&self) -> &str {
        self.issuer.as_deref().unwrap_or(&self.api_base)
    }

    /// Checks what a person typed (and, on every read, what the profiles file says), with a
    /// message that names the field and says what to fix: the first of [`Profile::problems`].
    pub fn validate(&self) -> Result<()> {
        match self.problems().into_iter().next() {
            Some(problem) => Err(Error::InvalidInput(problem.message)),
            None => Ok(()),
        }
    }

    /// Every field that is wrong, each with what to fix, in the order of the form. The editor
    /// shows these under each field as the person types; `validate` (used by `profiles add`,
    /// the file check and import) refuses with the first one, so both say the same words.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut problem = |field: &'static str, message: String| {
            problems.push(FieldProblem {
                field: field.into(),
                message,
            })
        };
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_LEN {
            problem(
                "name",
                format!("A profile needs a name of 1 to {MAX_NAME_LEN} characters."),
            );
        } else if name.chars().any(char::is_control) {
            problem(
                "name",
                "A profile name cannot contain control characters (tabs, line breaks).".into(),
            );
        }
        if let Err(message) = check_url("API base URL", &self.api_base) {
            problem("api_base", message);
        }
        if let Some(issuer) = &self.issuer {
            if let Err(message) = check_url("issuer URL", issuer) {
                problem("issuer", message);
            }
        }
        // RFC 6749 Appendix A: a client id is printable ASCII.
        let client_id = self.client_id.trim();
        if client_id.is_empty() || !client_id.chars().all(|c| (' '..='~').contains(&c)) {
            problem(
                "client_id",
                "A profile needs the OAuth2 client id registered for the console (printable ASCII)."
                    .into(),
            );
        }
        // RFC 6749 §3.3: each scope is one token without spaces, quotes or backslashes; a
        // space inside one entry would silently request two scopes.
        if let Some(bad) = self.scopes.iter().find(|s| {
            s.is_empty()
                || !s
                    .chars()
                    .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\')
        }) {
            problem("scopes", format!(
                "The scope '{bad}' is not a single OAuth2 scope (no spaces, quotes or backslashes; one scope per entry)."
            ));
        }
        problems
    }

    /// What `add`, `update` and import store: surrounding spaces and the API base's trailing
    /// slash dropped, an empty issuer meaning "the API base". The issuer keeps any trailing
    /// slash: it is compared byte for byte with what the server calls itself.
    pub fn normalized(mut self) -> Profile {
        self.name = self.name.trim().to_string();
        self.api_base = self.api_base.trim().trim_end_matches('/').to_string();
        self.issuer = self
            .issuer
            .map(|i| i.trim().to_string())
            .filter(|i| !i.is_empty());
        self.client_id = self.client_id.trim().to_string();
        self.builtin = false;
        self
    }
}

/// One thing wrong with one field of a profile: `field` is the [`Profile`] field's name
/// (`name`, `api_base`, `issuer`, `client_id`, `scopes`), `message` says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// This machine, as a URL host: 127.0.0.0/8, ::1 or `localhost`. Not 0.0.0.0 (which
/// reaches every interface) and not names that merely start with "127.".
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// https everywhere, except plain http to this machine (local emulators, RFC 8252 loopback).
fn check_url(what: &str, value: &str) -> std::result::Result<(), String> {
    let url =
        Url::parse(value).map_err(|e| format!("The {what} '{value}' is not a valid URL ({e})."))?;
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&url) => Ok(()),
        "http" => Err(format!(
            "The {what} must use https (plain http is allowed only for this machine): '{value}'."
        )),
        other => Err(format!("The {what} must be an https URL, not '{other}:'.")),
    }
}
