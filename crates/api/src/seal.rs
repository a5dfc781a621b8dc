use serde::{Deserialize, Serialize};

/// `GET /v1/me/seal-key`: a key the platform hands out only to the signed-in person, with which
/// the console seals (wraps) the key of a local copy it keeps after sign-out. The platform never
/// hands out the same key again once that person's access changes (suspension, deletion, any
/// change of roles): a copy sealed with it can then never be opened, wherever its file went.
///
/// The console keeps this key in memory only for the moment it seals or unseals; it never
/// stores it. A platform without this endpoint (404) cannot have copies kept.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealKey {
    /// Names this key; a sealed copy records it, so a replaced key is recognised at once.
    pub key_id: String,
    /// 32 random bytes, base64url without padding.
    pub key: String,
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealKey")
            .field("key_id", &self.key_id)
            .field("key", &"<redacted>")
            .finish()
    }
}
