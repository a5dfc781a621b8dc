//! The API key format: `acx_<env>_<key id>_<secret>_<checksum>`, for example
//! `acx_test_k7Qm2Xa1_<32 characters>_<6 characters>`.
//!
//! - `acx_` makes a key recognisable (secret scanners, a person reading a log); `<env>` says
//!   which platform it belongs to (this emulator is a test environment: `test`).
//! - The key id (8 base62 characters) is how the platform finds the stored hash; it is not
//!   secret and is part of the listed prefix.
//! - The secret is 32 base62 characters from the OS CSPRNG: log2(62^32) ≈ 190 random bits.
//! - The checksum is the CRC-32 of everything before it, as 6 base62 characters: a scanner (or
//!   this server) tells a real key from a typo or random noise without a database, and a key
//!   that fails it is refused before any lookup.

use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::OsRng;

/// The environment marker of keys this platform issues and accepts.
pub const ENVIRONMENT: &str = "test";
const BRAND: &str = "acx";
const ID_LEN: usize = 8;
const SECRET_LEN: usize = 32;
const CHECKSUM_LEN: usize = 6;
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A freshly generated key. `key` is the whole credential, shown once and never stored.
pub struct Generated {
    pub key_id: String,
    /// `acx_test_<key id>`: what listings show so a person can recognise the key.
    pub prefix: String,
    pub key: String,
}

/// Whether a credential claims to be an API key (as opposed to an OAuth2 access token).
pub fn looks_like_key(credential: &str) -> bool {
    credential.starts_with("acx_")
}

/// A new key with a random id and secret. The id may collide with an existing key's (1 in
/// 62^8 per pair); the store checks and the caller draws again.
pub fn generate() -> Generated {
    // `Alphanumeric` draws uniformly from the 62 characters (by rejection), from the OS CSPRNG.
    let key_id = Alphanumeric.sample_string(&mut OsRng, ID_LEN);
    let secret = Alphanumeric.sample_string(&mut OsRng, SECRET_LEN);
    let prefix = format!("{BRAND}_{ENVIRONMENT}_{key_id}");
    let body = format!("{prefix}_{secret}");
    let key = format!("{body}_{}", checksum(&body));
    Generated {
        key_id,
        prefix,
        key,
    }
}

/// The key id of a well-formed key of this environment whose checksum holds; `None` for
/// anything else (another environment, wrong shape, a changed character).
pub fn parse(key: &str) -> Option<&str> {
    let parts: Vec<&str> = key.split('_').collect();
    let [brand, env, id, secret, sum] = parts.as_slice() else {
        return None;
    };
    let shaped = *brand == BRAND
        && *env == ENVIRONMENT
        && is_base62(id, ID_LEN)
        && is_base62(secret, SECRET_LEN)
        && is_base62(sum, CHECKSUM_LEN);
    if !shaped {
        return None;
    }
    // Shaped means ASCII, so this slice is on a character boundary.
    let body = &key[..key.len() - CHECKSUM_LEN - 1];
    (checksum(body) == *sum).then_some(*id)
}

fn is_base62(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// CRC-32 of `body` in base62, left-padded to 6 characters (62^6 > 2^32).
fn checksum(body: &str) -> String {
    let mut n = crc32fast::hash(body.as_bytes()) as u64;
    let mut out = [b'0'; CHECKSUM_LEN];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    String::from_utf8(out.to_vec()).expect("base62 is ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_has_the_documented_shape_and_parses_to_its_id() {
        let g = generate();
        assert_eq!(
            g.key.len(),
            4 + 5 + ID_LEN + 1 + SECRET_LEN + 1 + CHECKSUM_LEN
        );
        assert!(g.key.starts_with(&g.prefix) && g.prefix.starts_with("acx_test_"));
        assert_eq!(parse(&g.key), Some(g.key_id.as_str()));
        // Two keys never share a secret (190 random bits each).
        assert_ne!(generate().key, g.key);
    }

    #[test]
    fn every_single_character_change_fails_the_checksum_or_the_shape() {
        // CRC-32 detects every single-symbol error; a scanner relies on it to ignore noise.
        let g = generate();
        for (i, c) in g.key.char_indices() {
            for replacement in ['0', 'Z', 'z', '_'] {
                if replacement == c {
                    continue;
                }
                let mut changed = g.key.clone();
                changed.replace_range(i..i + 1, &replacement.to_string());
                assert_eq!(parse(&changed), None, "{changed}");
            }
        }
    }

    #[test]
    fn keys_of_other_environments_and_other_shapes_are_refused() {
        let g = generate();
        let live = g.key.replacen("acx_test_", "acx_live_", 1);
        assert_eq!(
            parse(&live),
            None,
            "a live key is not a key of this platform"
        );
        for junk in ["", "acx_", "acx_test_", "at_abc", &g.key[..g.key.len() - 1]] {
            assert_eq!(parse(junk), None, "{junk}");
        }
        assert_eq!(checksum("").len(), CHECKSUM_LEN);
    }
}
