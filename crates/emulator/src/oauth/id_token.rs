//! OpenID Connect ID tokens (OIDC Core §2): signed with ES256 by a P-256 key generated when the
//! emulator starts, published at `jwks_uri` with a `kid`. The private key never leaves memory:
//! a restart gives a new key, and tokens signed before it no longer verify, as after a key
//! rotation at a real provider.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jsonwebtoken::jwk::{Jwk, JwkSet, KeyAlgorithm, PublicKeyUse, ThumbprintHash};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::elliptic_curve::Generate;
use p256::pkcs8::EncodePrivateKey;
use serde::Serialize;

use crate::store::tokens::Family;
use crate::{AppState, Error, Result};

/// The only signing algorithm offered (discovery's `id_token_signing_alg_values_supported`).
pub const ALG: &str = "ES256";

/// The signing key and its public half as a JWK.
pub struct Signer {
    key: EncodingKey,
    jwk: Jwk,
}

impl Signer {
    /// A fresh P-256 key from the operating system's random source.
    pub fn generate() -> Arc<Signer> {
        let secret = p256::ecdsa::SigningKey::try_generate().expect("the OS random source works");
        let der = secret
            .to_pkcs8_der()
            .expect("a P-256 key always encodes as PKCS#8");
        let key = EncodingKey::from_ec_der(der.as_bytes());
        let mut jwk = Jwk::from_encoding_key(&key, Algorithm::ES256)
            .expect("the public half of a P-256 key is always derivable");
        // RFC 7638 thumbprint as the kid: stable for the key, different for every other key.
        let kid = jwk
            .thumbprint(ThumbprintHash::SHA256)
            .expect("an EC JWK has a thumbprint");
        jwk.common.key_id = Some(kid);
        jwk.common.public_key_use = Some(PublicKeyUse::Signature);
        jwk.common.key_algorithm = Some(KeyAlgorithm::ES256);
        Arc::new(Signer { key, jwk })
    }

    pub fn kid(&self) -> &str {
        self.jwk.common.key_id.as_deref().unwrap_or_default()
    }

    fn sign(&self, claims: &Claims<'_>) -> Result<String> {
        let mut header = Header::new(Algorithm::ES256);
        header.kid = Some(self.kid().to_string());
        jsonwebtoken::encode(&header, claims, &self.key)
            .map_err(|e| Error::Invalid(format!("signing the ID token failed: {e}")))
    }
}

/// The claims OIDC Core §2 requires of an ID token from the code flow, plus the `nonce` the
/// client sent (§3.1.2.1) and `auth_time`, which the client needs for `max_age` (§3.1.2.1).
#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    sub: &'a str,
    aud: &'a str,
    exp: i64,
    iat: i64,
    auth_time: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    nonce: Option<&'a str>,
}

/// An ID token for the code exchange of `family`, when its scope has `openid`; the `nonce` is
/// the one of the authorization request that produced the code, `auth_time` the moment the
/// password was typed for it (the emulator keeps no single sign-on session, so that is always
/// the sign-in this code came from).
pub fn for_code(
    state: &AppState,
    family: &Family,
    auth_time: i64,
    nonce: Option<&str>,
) -> Result<Option<String>> {
    if !family.scope.split_whitespace().any(|s| s == "openid") {
        return Ok(None);
    }
    let now = state.now();
    let claims = Claims {
        iss: &state.issuer,
        sub: &family.user_id,
        aud: &family.client_id,
        exp: now + state.config.access_token_ttl_secs,
        iat: now,
        auth_time,
        nonce,
    };
    state.signer.sign(&claims).map(Some)
}

/// `jwks_uri`: the public signing key (RFC 7517). Cacheable, since it changes only on restart.
pub async fn jwks(State(state): State<AppState>) -> Response {
    let set = JwkSet {
        keys: vec![state.signer.jwk.clone()],
    };
    let mut response = Json(set).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    response
}
