//! Profile files (`.acprofile`): how an organization hands its support staff a ready profile.
//!
//! The content is JSON, `{"format": "access-console-profile", "version": 1, "profile": {name,
//! api_base, issuer?, client_id, scopes}}`, and never a secret or a token: a file travels by
//! mail and chat, so one that holds anything looking like a secret is refused outright rather
//! than imported with the secret dropped (the sender must learn that it leaked).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{Profile, DEFAULT_CLIENT_ID, DEFAULT_SCOPES};
use crate::{Error, Result};

pub const PROFILE_FILE_FORMAT: &str = "access-console-profile";
pub const PROFILE_FILE_VERSION: u64 = 1;
pub const PROFILE_FILE_EXTENSION: &str = "acprofile";
/// A profile is a few hundred bytes; anything much larger is not one.
const MAX_FILE_BYTES: usize = 64 * 1024;

/// Field names that name a secret in OAuth2, OIDC and common config files. Matched as parts of
/// a key, so `client_secret`, `refresh_token`, `apiKey` and `private_key_jwt` are all caught.
const SECRET_WORDS: &[&str] = &[
    "secret",
    "token",
    "password",
    "passwd",
    "private",
    "credential",
    "apikey",
    "api_key",
    "assertion",
];

/// A profile file read for the import confirmation: where it came from and what it holds
/// (checked, not yet added).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProfileFile {
    pub path: String,
    pub profile: Profile,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileProfile {
    name: String,
    api_base: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    issuer: Option<String>,
    #[serde(default = "default_client_id")]
    client_id: String,
    #[serde(default = "default_scopes")]
    scopes: Vec<String>,
}

fn default_client_id() -> String {
    DEFAULT_CLIENT_ID.into()
}

fn default_scopes() -> Vec<String> {
    DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect()
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u64,
    profile: FileProfile,
}

/// The file's text for `profile`. The Demo profile is on every installation and points at a
/// platform on this machine only, so there is nothing to hand anyone.
pub fn export_profile(profile: &Profile) -> Result<String> {
    if profile.builtin {
        return Err(Error::InvalidInput(
            "The built-in Demo profile comes with every Access Console; there is nothing to export."
                .into(),
        ));
    }
    profile.validate()?;
    let out = FileOut {
        format: PROFILE_FILE_FORMAT,
        version: PROFILE_FILE_VERSION,
        profile: FileProfile {
            name: profile.name.clone(),
            api_base: profile.api_base.clone(),
            issuer: profile.issuer.clone(),
            client_id: profile.client_id.clone(),
            scopes: profile.scopes.clone(),
        },
    };
    let mut text =
        serde_json::to_string_pretty(&out).map_err(|e| Error::Internal(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

fn refuse(why: String) -> Error {
    Error::InvalidInput(format!("{why} Nothing was imported."))
}

/// Reads a profile file, with the checks of `profiles add` (a name clash is the store's to
/// find, at import). Refuses, in words: not JSON, another format or version, a field that looks
/// like a secret (anywhere in the file), a field this version does not know, a bad profile.
pub fn parse_profile_file(text: &str) -> Result<Profile> {
    if text.len() > MAX_FILE_BYTES {
        return Err(refuse(format!(
            "This file is {} KB, too large to be an Access Console profile file (they are under 1 KB).",
            text.len() / 1024
        )));
    }
    let document: Value = serde_json::from_str(text).map_err(|e| {
        refuse(format!(
            "This is not an Access Console profile file: it is not JSON ({e})."
        ))
    })?;
    let Some(top) = document.as_object() else {
        return Err(refuse(
            "This is not an Access Console profile file: it is not a JSON object.".into(),
        ));
    };
    if let Some(secret) = secret_field(&document) {
        return Err(refuse(format!(
            "This file contains '{secret}', which looks like a secret or a token; a profile file never holds one. Ask whoever sent it for a file without it (and treat that value as exposed)."
        )));
    }
    match top.get("format").and_then(Value::as_str) {
        Some(PROFILE_FILE_FORMAT) => {}
        Some(other) => {
            return Err(refuse(format!(
                "This is not an Access Console profile file: its format is '{other}', not '{PROFILE_FILE_FORMAT}'."
            )))
        }
        None => {
            return Err(refuse(format!(
                "This is not an Access Console profile file: it has no \"format\": \"{PROFILE_FILE_FORMAT}\"."
            )))
        }
    }
    match top.get("version").and_then(Value::as_u64) {
        Some(PROFILE_FILE_VERSION) => {}
        Some(v) => {
            return Err(refuse(format!(
                "This profile file is version {v}; this Access Console reads version {PROFILE_FILE_VERSION}. Update Access Console, or ask for a version {PROFILE_FILE_VERSION} file."
            )))
        }
        None => {
            return Err(refuse(
                "This profile file does not say its version (a number); ask for a new export."
                    .into(),
            ))
        }
    }
    if let Some(extra) = top
        .keys()
        .find(|k| !["format", "version", "profile"].contains(&k.as_str()))
    {
        return Err(refuse(format!(
            "This profile file has a field '{extra}' that version {PROFILE_FILE_VERSION} does not have."
        )));
    }
    let Some(entry) = top.get("profile") else {
        return Err(refuse("This profile file holds no \"profile\".".into()));
    };
    let read: FileProfile = serde_json::from_value(entry.clone())
        .map_err(|e| refuse(format!("The profile in this file is malformed ({e}).")))?;
    let profile = Profile {
        name: read.name,
        api_base: read.api_base,
        issuer: read.issuer,
        client_id: read.client_id,
        scopes: read.scopes,
        builtin: false,
    }
    .normalized();
    profile
        .validate()
        .map_err(|e| refuse(format!("The profile in this file cannot be used: {e}")))?;
    Ok(profile)
}

/// The first key, at any depth, that names a secret.
fn secret_field(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let key = k.to_ascii_lowercase().replace('-', "_");
            if SECRET_WORDS.iter().any(|w| key.contains(w)) {
                Some(k.clone())
            } else {
                secret_field(v)
            }
        }),
        Value::Array(items) => items.iter().find_map(secret_field),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
