//! Service accounts and their credentials (admin API v1): API keys and M2M client secrets.
//! A secret appears in exactly one answer, the one that creates it ([`CreatedKey`],
//! [`CreatedClientSecret`]); every other answer describes credentials without them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    Active,
    Disabled,
}

/// A service account: acts for a provider, or as an application (a chatbot, reminders).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceAccount {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The staff member answerable for it (the owner of record).
    pub owner_id: String,
    pub owner_name: String,
    /// False when the owner of record is no longer active staff (access review).
    pub owner_active: bool,
    /// The provider it acts for, if any.
    pub acts_for_id: Option<String>,
    pub acts_for_name: Option<String>,
    pub status: AccountStatus,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub updated_at: i64,
    /// The ETag is `"<version>"`.
    #[ts(type = "number")]
    pub version: i64,
    /// Keys that work right now (active and not expired).
    pub active_keys: u32,
    /// The soonest expiry among working keys.
    #[ts(type = "number | null")]
    pub soonest_expiry: Option<i64>,
    /// The latest use of any of its keys.
    #[ts(type = "number | null")]
    pub last_used_at: Option<i64>,
    /// The M2M client id, once a client secret has been issued.
    pub client_id: Option<String>,
}

/// `POST /v1/service-accounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewServiceAccount {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub owner_id: String,
    #[serde(default)]
    pub acts_for_id: Option<String>,
}

/// `PATCH /v1/service-accounts/{id}` with `If-Match`; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ServiceAccountPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub owner_id: Option<String>,
    /// `Some(None)` (JSON `null`) clears it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "double_option"
    )]
    #[ts(optional, type = "string | null")]
    pub acts_for_id: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<AccountStatus>,
}

mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Option<String>>, s: S) -> Result<S::Ok, S::Error> {
        v.as_ref().expect("skipped when None").serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    Active,
    /// Reversibly switched off.
    Disabled,
    /// Switched off for good.
    Revoked,
    Expired,
}

/// An API key as listed: never the secret, only its recognisable prefix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApiKey {
    pub id: String,
    pub account_id: String,
    pub name: String,
    /// The first characters of the key (e.g. `acx_live_k7Qm2`), enough to recognise it.
    pub prefix: String,
    #[ts(type = "number")]
    pub created_at: i64,
    pub created_by: String,
    #[ts(type = "number")]
    pub expires_at: i64,
    #[ts(type = "number | null")]
    pub last_used_at: Option<i64>,
    pub last_used_from: Option<String>,
    pub status: KeyStatus,
    /// When a rotation replaced it, the key that did.
    pub replaced_by: Option<String>,
}

/// `POST /v1/service-accounts/{id}/keys`. The expiry is required and bounded by the
/// organization's maximum key lifetime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewApiKey {
    pub name: String,
    #[ts(type = "number")]
    pub expires_at: i64,
}

/// `POST /v1/service-accounts/{id}/keys/{key_id}/rotate`: a new key now; the old one keeps
/// working for `overlap_seconds`, then expires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RotateApiKey {
    pub name: String,
    #[ts(type = "number")]
    pub expires_at: i64,
    #[ts(type = "number")]
    pub overlap_seconds: i64,
}

/// The one answer that holds a new key's secret. `Debug` leaves the secret out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedKey {
    pub key: ApiKey,
    pub secret: String,
    /// After a rotation: the old key, with its new (overlap) expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced: Option<ApiKey>,
}

/// `POST /v1/service-accounts/{id}/client-secret`: issues (or rotates) the M2M client secret.
/// The previous secret stops working at once. `Debug` leaves the secret out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedClientSecret {
    pub client_id: String,
    pub client_secret: String,
}

impl std::fmt::Debug for CreatedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedKey")
            .field("key", &self.key)
            .field("secret", &"<redacted>")
            .field("replaced", &self.replaced)
            .finish()
    }
}

impl std::fmt::Debug for CreatedClientSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedClientSecret")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .finish()
    }
}
