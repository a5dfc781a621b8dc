//! Sign-in hygiene: what happens around the browser sign-in so that a shared workstation never
//! signs in the wrong person, and a sign-in never leaves tokens the console cannot account for.
//!
//! - After a sign-out or the idle lock, the next sign-in on that profile asks the server for
//!   `prompt=login`: the browser may still hold the previous person's single sign-on session at
//!   the identity provider, which would otherwise sign the next person in as them. The marker
//!   is a small file per profile in the data directory; it holds no secret (only its presence
//!   counts) and is cleared by the next sign-in whose tokens were stored.
//! - Before the browser opens, the keyring must store, return and delete a probe entry, so a
//!   missing or locked Secret Service is reported before the person types a password.
//! - If storing the tokens fails anyway, they are revoked at the server at once (RFC 7009):
//!   tokens that no one holds any more must not stay valid.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rand::RngCore;

use super::client::OAuthClient;
use super::id_token::VerifiedIdentity;
use super::signin::{sign_in, SignInOptions, SignedIn};
use crate::profiles::MAX_NAME_LEN;
use crate::session::Session;
use crate::token_store::{TokenSet, TokenStore};
use crate::{Error, Result};

/// How the probe's keyring entry (under the console's keyring service) is named: this prefix
/// and a random suffix, so that concurrent sign-ins (two profiles, or the app and the CLI) never
/// read each other's probe. Longer than any profile name may be, so it is never a profile's.
pub const PROBE_PREFIX: &str =
    "Access Console keyring check (a probe, not a profile; safe to delete) ";
const _: () = assert!(PROBE_PREFIX.len() > MAX_NAME_LEN);

fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn marker(dir: &Path, profile: &str) -> PathBuf {
    // Hex keeps any profile name (slashes, dots, non-ASCII) a single, safe file name.
    let name: String = profile.bytes().map(|b| format!("{b:02x}")).collect();
    dir.join("signed-out").join(name)
}

/// Records that `profile` was signed out (or locked). Sign-out goes on even when this fails
/// (its tokens must leave the keyring whatever happens), so a failure is logged, not returned.
pub fn mark_signed_out(dir: &Path, profile: &str) {
    let path = marker(dir, profile);
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, b""));
    if let Err(e) = written {
        tracing::warn!(
            profile,
            "could not record the sign-out in {} ({e}); the next sign-in may not ask the server for a fresh login",
            path.display()
        );
    }
}

/// Whether the next sign-in on `profile` must ask for `prompt=login`. When the marker cannot
/// be read for a reason other than its absence, a fresh login is the safe answer.
pub fn needs_fresh_login(dir: &Path, profile: &str) -> bool {
    match std::fs::metadata(marker(dir, profile)) {
        Ok(_) => true,
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
    }
}

/// Called once a sign-in's tokens are stored: the next person must again sign out first.
pub fn clear_signed_out(dir: &Path, profile: &str) {
    match std::fs::remove_file(marker(dir, profile)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::warn!(profile, "could not clear the sign-out marker ({e})"),
    }
}

/// Writes, reads back and deletes a probe entry. Blocking (D-Bus): run it off the runtime.
pub fn probe_keyring(store: &dyn TokenStore) -> Result<()> {
    let explain = |e: Error| {
        let why = match e {
            Error::Keyring(m) => m,
            other => other.to_string(),
        };
        Error::Keyring(format!(
            "a test entry could not be stored ({why}), so the browser was not opened and nothing was signed in"
        ))
    };
    let entry = format!("{PROBE_PREFIX}{}", random_hex());
    let probe = TokenSet::new(random_hex(), None, None);
    store.set(&entry, &probe).map_err(explain)?;
    let read = store.get(&entry);
    let deleted = store.delete(&entry);
    match read.map_err(explain)? {
        Some(back) if back == probe => {}
        _ => {
            return Err(explain(Error::Keyring(
                "it did not return what was stored".into(),
            )))
        }
    }
    deleted.map_err(explain)
}

/// The whole sign-in of a profile with the hygiene above: the keyring probe, `prompt=login`
/// after a sign-out, and revocation of tokens that could not be stored. Returns the identity
/// of a validated ID token (OpenID Providers only), for the same-person check after `/v1/me`.
pub(crate) async fn sign_in_and_store(
    session: &Session,
    store: Arc<dyn TokenStore>,
    data_dir: &Path,
    http: reqwest::Client,
    mut options: SignInOptions,
) -> Result<Option<VerifiedIdentity>> {
    tokio::task::spawn_blocking(move || probe_keyring(store.as_ref()))
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
    // Discovery checks the metadata (PKCE S256, https endpoints) before anything is sent.
    let metadata = session.metadata().await?.clone();
    let profile = session.profile();
    options.prompt_login |= needs_fresh_login(data_dir, &profile.name);
    let SignedIn { tokens, identity } = sign_in(profile, &metadata, http.clone(), options).await?;
    if let Err(e) = session.save(tokens.clone()).await {
        let revoked = match OAuthClient::new(profile, &metadata, http) {
            Ok(client) => client.revoke_all(&tokens).await,
            Err(e) => Err(e),
        };
        return Err(unstored(e, revoked));
    }
    clear_signed_out(data_dir, &profile.name);
    Ok(identity)
}

fn unstored(e: Error, revoked: Result<()>) -> Error {
    let why = match e {
        Error::Keyring(m) => m,
        other => other.to_string(),
    };
    let after = match revoked {
        Ok(()) => "the tokens just issued were revoked at the server, so none is left valid".into(),
        Err(r) => {
            tracing::warn!("could not revoke the tokens that could not be stored: {r}");
            format!("revoking the tokens just issued failed too ({r}); they stay valid until they expire")
        }
    };
    Error::Keyring(format!(
        "the sign-in succeeded but its tokens could not be stored ({why}); {after}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_is_per_profile_and_cleared_by_the_next_sign_in() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!needs_fresh_login(dir.path(), "Prod"), "first sign-in");
        mark_signed_out(dir.path(), "Prod");
        assert!(needs_fresh_login(dir.path(), "Prod"));
        assert!(!needs_fresh_login(dir.path(), "prod"), "another profile");
        // Names that are not file names still get their own marker inside the directory.
        let data = dir.path().join("data");
        mark_signed_out(&data, "../x/y");
        assert!(needs_fresh_login(&data, "../x/y"));
        let entries = |d: &Path| std::fs::read_dir(d).unwrap().count();
        assert_eq!(
            entries(dir.path()),
            2,
            "nothing written beside the data directory"
        );
        assert_eq!(entries(&data), 1, "only the signed-out folder");
        assert_eq!(entries(&data.join("signed-out")), 1, "one flat marker file");
        clear_signed_out(dir.path(), "Prod");
        assert!(!needs_fresh_login(dir.path(), "Prod"));
        clear_signed_out(dir.path(), "Prod");
    }
}
