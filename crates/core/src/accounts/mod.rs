//! Service accounts and their credentials: list, create, edit; API keys created, rotated,
//! disabled, enabled and revoked; M2M client secrets; and the access review.
//!
//! A new secret is held as a [`Secret`] from the server's answer until the caller shows it
//! once ([`OneTimeSecret`] is the only form that can be serialized, for that one IPC answer).
//! It is never written to the cache, the keyring or a log.

mod review;

pub use review::{
    review, to_csv as review_csv, AccessReview, ReviewItem, ReviewKind, EXPIRING_DAYS, UNUSED_DAYS,
};

use console_api::{
    ApiKey, CreatedClientSecret, CreatedKey, NewApiKey, NewServiceAccount, Page, RotateApiKey,
    ServiceAccount, ServiceAccountPatch,
};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api_client::{encode, to_body, Call};
use crate::{Console, Error, Result, Secret};

/// A credential just issued, before it is shown.
pub struct NewCredential {
    pub key: Option<ApiKey>,
    /// After a rotation: the old key with its overlap expiry.
    pub replaced: Option<ApiKey>,
    pub client_id: Option<String>,
    pub secret: Secret,
}

/// The one IPC answer that carries a secret: the dialog shows it once, then forgets it.
#[derive(Clone, Serialize, Deserialize, TS)]
pub struct OneTimeSecret {
    pub key: Option<ApiKey>,
    pub replaced: Option<ApiKey>,
    pub client_id: Option<String>,
    pub secret: String,
}

impl std::fmt::Debug for OneTimeSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OneTimeSecret")
            .field("key", &self.key)
            .field("secret", &"<redacted>")
            .finish()
    }
}

impl NewCredential {
    /// For the single answer that shows it.
    pub fn reveal(self) -> OneTimeSecret {
        OneTimeSecret {
            key: self.key,
            replaced: self.replaced,
            client_id: self.client_id,
            secret: self.secret.expose().to_string(),
        }
    }
}

impl From<CreatedKey> for NewCredential {
    fn from(c: CreatedKey) -> Self {
        NewCredential {
            key: Some(c.key),
            replaced: c.replaced,
            client_id: None,
            secret: Secret::new(c.secret),
        }
    }
}

impl From<CreatedClientSecret> for NewCredential {
    fn from(c: CreatedClientSecret) -> Self {
        NewCredential {
            key: None,
            replaced: None,
            client_id: Some(c.client_id),
            secret: Secret::new(c.client_secret),
        }
    }
}

/// What can be done to a key without a new secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyAction {
    Disable,
    Enable,
    Revoke,
}

impl KeyAction {
    fn path(self) -> &'static str {
        match self {
            KeyAction::Disable => "disable",
            KeyAction::Enable => "enable",
            KeyAction::Revoke => "revoke",
        }
    }
}

fn account_path(id: &str) -> String {
    format!("/v1/service-accounts/{}", encode(id))
}

impl Console {
    /// Every service account of the organization.
    pub async fn service_accounts(&self, profile: &str) -> Result<Vec<ServiceAccount>> {
        let session = self.session(profile)?;
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let path = match &cursor {
                Some(c) => format!("/v1/service-accounts?limit=500&cursor={}", encode(c)),
                None => "/v1/service-accounts?limit=500".into(),
            };
            let page: Page<ServiceAccount> = session.get(&path).await?;
            out.extend(page.items);
            cursor = page.next_cursor;
            if cursor.is_none() {
                return Ok(out);
            }
        }
    }

    pub async fn service_account(&self, profile: &str, id: &str) -> Result<ServiceAccount> {
        self.session(profile)?.get(&account_path(id)).await
    }

    pub async fn create_service_account(
        &self,
        profile: &str,
        new: &NewServiceAccount,
    ) -> Result<ServiceAccount> {
        if new.name.trim().is_empty() {
            return Err(Error::InvalidInput(
                "Give the service account a name.".into(),
            ));
        }
        if new.owner_id.trim().is_empty() {
            return Err(Error::InvalidInput(
                "Choose the staff member who owns this account (the owner of record).".into(),
            ));
        }
        self.session(profile)?
            .call(&Call {
                method: Method::POST,
                path: "/v1/service-accounts",
                body: Some(to_body(new)?),
                if_match: None,
            })
            .await
    }

    pub async fn update_service_account(
        &self,
        profile: &str,
        id: &str,
        patch: &ServiceAccountPatch,
        expected_version: i64,
    ) -> Result<ServiceAccount> {
        self.session(profile)?
            .call(&Call {
                method: Method::PATCH,
                path: &account_path(id),
                body: Some(to_body(patch)?),
                if_match: Some(expected_version),
            })
            .await
    }

    pub async fn api_keys(&self, profile: &str, account_id: &str) -> Result<Vec<ApiKey>> {
        let page: Page<ApiKey> = self
            .session(profile)?
            .get(&format!("{}/keys?limit=100", account_path(account_id)))
            .await?;
        Ok(page.items)
    }

    /// Issues a key; the secret is in the answer and nowhere else.
    pub async fn create_api_key(
        &self,
        profile: &str,
        account_id: &str,
        new: &NewApiKey,
    ) -> Result<NewCredential> {
        if new.name.trim().is_empty() {
            return Err(Error::InvalidInput(
                "Name the key after where it will be used (e.g. \"reminder service, prod\")."
                    .into(),
            ));
        }
        let created: CreatedKey = self
            .session(profile)?
            .call(&Call {
                method: Method::POST,
                path: &format!("{}/keys", account_path(account_id)),
                body: Some(to_body(new)?),
                if_match: None,
            })
            .await?;
        Ok(created.into())
    }

    /// A new key now; the old one keeps working for the overlap, then expires.
    pub async fn rotate_api_key(
        &self,
        profile: &str,
        account_id: &str,
        key_id: &str,
        rotate: &RotateApiKey,
    ) -> Result<NewCredential> {
        if rotate.overlap_seconds < 0 {
            return Err(Error::InvalidInput(
                "The overlap cannot be negative.".into(),
            ));
        }
        let created: CreatedKey = self
            .session(profile)?
            .call(&Call {
                method: Method::POST,
                path: &format!(
                    "{}/keys/{}/rotate",
                    account_path(account_id),
                    encode(key_id)
                ),
                body: Some(to_body(rotate)?),
                if_match: None,
            })
            .await?;
        Ok(created.into())
    }

    pub async fn key_action(
        &self,
        profile: &str,
        account_id: &str,
        key_id: &str,
        action: KeyAction,
    ) -> Result<ApiKey> {
        self.session(profile)?
            .call(&Call {
                method: Method::POST,
                path: &format!(
                    "{}/keys/{}/{}",
                    account_path(account_id),
                    encode(key_id),
                    action.path()
                ),
                body: None,
                if_match: None,
            })
            .await
    }

    /// Issues (or replaces) the account's M2M client secret; the old one stops at once.
    pub async fn rotate_client_secret(
        &self,
        profile: &str,
        account_id: &str,
    ) -> Result<NewCredential> {
        let created: CreatedClientSecret = self
            .session(profile)?
            .call(&Call {
                method: Method::POST,
                path: &format!("{}/client-secret", account_path(account_id)),
                body: None,
                if_match: None,
            })
            .await?;
        Ok(created.into())
    }

    /// The access review over every account and key, as of now.
    pub async fn access_review(&self, profile: &str) -> Result<AccessReview> {
        let accounts = self.service_accounts(profile).await?;
        let mut keys = Vec::new();
        for a in &accounts {
            keys.extend(self.api_keys(profile, &a.id).await?);
        }
        Ok(review(&accounts, &keys, crate::token_store::now()))
    }

    /// Writes the access review as CSV into the Downloads folder.
    pub async fn export_access_review(&self, profile: &str) -> Result<crate::audit::ExportResult> {
        let review = self.access_review(profile).await?;
        let csv = review::to_csv(&review)?;
        self.write_export("access-review", &csv, review.items.len() as u64)
    }
}
