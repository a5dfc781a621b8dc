//! ID token validation over crafted tokens: each is signed (ES256) with a test key generated
//! here, independently of the emulator, and exactly one thing about it is wrong.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use openidconnect::core::CoreJsonWebKeySet;
use openidconnect::Nonce;
use p256::elliptic_curve::Generate;
use p256::pkcs8::EncodePrivateKey;
use serde_json::{json, Value};

use super::*;

const ISSUER: &str = "http://127.0.0.1:4000";
const CLIENT: &str = "access-console";
const NOW: i64 = 1_800_000_000;

struct TestKey {
    key: EncodingKey,
    jwk: Jwk,
}

fn test_key(kid: &str) -> TestKey {
    let secret = p256::ecdsa::SigningKey::try_generate().unwrap();
    let key = EncodingKey::from_ec_der(secret.to_pkcs8_der().unwrap().as_bytes());
    let mut jwk = Jwk::from_encoding_key(&key, Algorithm::ES256).unwrap();
    jwk.common.key_id = Some(kid.into());
    TestKey { key, jwk }
}

fn jwks(keys: &[&TestKey]) -> CoreJsonWebKeySet {
    let set = JwkSet {
        keys: keys.iter().map(|k| k.jwk.clone()).collect(),
    };
    serde_json::from_value(serde_json::to_value(set).unwrap()).unwrap()
}

fn good_claims() -> Value {
    json!({
        "iss": ISSUER, "sub": "user-1", "aud": CLIENT, "iat": NOW - 5,
        "exp": NOW + 300, "auth_time": NOW - 10, "nonce": "the-nonce",
    })
}

fn sign(key: &TestKey, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::ES256);
    header.kid = key.jwk.common.key_id.clone();
    jsonwebtoken::encode(&header, claims, &key.key).unwrap()
}

fn check(raw: &str, keys: CoreJsonWebKeySet) -> Result<VerifiedIdentity> {
    let nonce = Nonce::new("the-nonce".into());
    let expected = Expected {
        issuer: ISSUER,
        client_id: CLIENT,
        nonce: &nonce,
    };
    validate(raw, keys, &expected, || {
        chrono::DateTime::from_timestamp(NOW, 0).unwrap()
    })
}

fn with(change: &[(&str, Value)]) -> Value {
    let mut claims = good_claims();
    for (k, v) in change {
        claims[*k] = v.clone();
    }
    claims
}

#[test]
fn a_correct_id_token_is_accepted_and_names_its_subject() {
    // The baseline every refusal below differs from in one respect only.
    let key = test_key("k1");
    let identity = check(&sign(&key, &good_claims()), jwks(&[&key])).unwrap();
    assert_eq!(identity.subject, "user-1");
    assert_eq!(identity.auth_time, Some(NOW - 10));
}

#[test]
fn a_wrong_nonce_is_refused() {
    // A token minted for another sign-in (a replay or an injected token) carries its nonce.
    let key = test_key("k1");
    let raw = sign(&key, &with(&[("nonce", json!("another-sign-in"))]));
    let err = check(&raw, jwks(&[&key])).unwrap_err().to_string();
    assert!(err.contains("ID token was refused"), "{err}");
    assert!(err.to_lowercase().contains("nonce"), "{err}");
    // And one with no nonce at all, when this sign-in sent one.
    let mut claims = good_claims();
    claims.as_object_mut().unwrap().remove("nonce");
    assert!(check(&sign(&key, &claims), jwks(&[&key])).is_err());
}

#[test]
fn a_wrong_audience_is_refused() {
    // A token the provider issued to another application must not sign anyone in here.
    let key = test_key("k1");
    let raw = sign(&key, &with(&[("aud", json!("some-other-app"))]));
    let err = check(&raw, jwks(&[&key])).unwrap_err().to_string();
    assert!(err.to_lowercase().contains("aud"), "{err}");
}

#[test]
fn an_expired_token_is_refused() {
    let key = test_key("k1");
    let raw = sign(
        &key,
        &with(&[("exp", json!(NOW - 1)), ("iat", json!(NOW - 600))]),
    );
    let err = check(&raw, jwks(&[&key])).unwrap_err().to_string();
    assert!(err.to_lowercase().contains("expir"), "{err}");
}

#[test]
fn alg_none_is_refused() {
    // An unsigned token anyone could write: header alg "none" and an empty signature.
    let key = test_key("k1");
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(good_claims().to_string());
    let raw = format!("{header}.{payload}.");
    let err = check(&raw, jwks(&[&key])).unwrap_err().to_string();
    assert!(err.contains("No signature found"), "{err}");
    // The same with some bytes where the signature goes: still no acceptable signature.
    let err = check(&format!("{raw}c2lnbmF0dXJl"), jwks(&[&key]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("Signature verification failed"), "{err}");
}

#[test]
fn a_wrong_issuer_or_a_key_not_published_is_refused() {
    let key = test_key("k1");
    let raw = sign(&key, &with(&[("iss", json!("http://127.0.0.1:4001"))]));
    assert!(check(&raw, jwks(&[&key])).is_err());
    // Signed by a key the provider does not publish (same kid, different key material).
    let impostor = test_key("k1");
    assert!(check(&sign(&impostor, &good_claims()), jwks(&[&key])).is_err());
    // A tampered payload no longer matches the signature.
    let mut parts: Vec<String> = sign(&key, &good_claims())
        .split('.')
        .map(str::to_string)
        .collect();
    parts[1] = URL_SAFE_NO_PAD.encode(with(&[("sub", json!("user-2"))]).to_string());
    assert!(check(&parts.join("."), jwks(&[&key])).is_err());
}

#[test]
fn the_allow_list_has_no_none_and_no_shared_secret_algorithms() {
    use openidconnect::core::CoreJwsSigningAlgorithm as A;
    for alg in [A::None, A::HmacSha256, A::HmacSha384, A::HmacSha512] {
        assert!(!ALLOWED_ALGS.contains(&alg), "{alg:?}");
    }
}
