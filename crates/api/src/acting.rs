//! Acting on behalf (RFC 8693 delegation): an OWNER acting for a staff member for a while, and
//! a service account acting for the provider it serves.
//!
//! The person acted for is the subject (`sub`); the one who takes the action is the actor
//! (`act.sub`). A delegated credential holds only the rights both hold, and every audit event
//! made with it names both, why, and within which window.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::identity::UserKind;

/// RFC 8693 §3: the type of the token a start issues.
pub const ACCESS_TOKEN_TYPE: &str = "urn:ietf:params:oauth:token-type:access_token";

/// `POST /v1/acting`: an OWNER starts acting for a staff member. A high-risk operation (step-up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StartActing {
    pub user_id: String,
    /// Why, for the audit trail and the person's own history.
    pub reason: String,
    /// How long, in minutes: 1 up to the organization's `max_acting_minutes` setting.
    pub minutes: u32,
}

/// `GET /v1/acting/eligibility/{user_id}`: whether the caller may act for that person, decided
/// by the same checks as a start, so a console offers acting only where it would work and says
/// why not where it would not. Step-up and the reason are asked at the start itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActingEligibility {
    pub user_id: String,
    /// Acting is something one could do for this person at all (a staff member other than the
    /// caller, and a caller who may act for someone): a console shows the offer only then.
    pub applies: bool,
    pub allowed: bool,
    /// When not allowed: why, and what to do instead, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    /// The organization's longest window (`max_acting_minutes`).
    pub max_minutes: u32,
}

/// One time someone acted for someone else: who, for whom, why, and the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActingSession {
    /// `act_…`
    pub id: String,
    pub subject_id: String,
    pub subject_name: String,
    pub actor_id: String,
    pub actor_name: String,
    pub reason: String,
    /// Unix seconds.
    #[ts(type = "number")]
    pub started_at: i64,
    /// Unix seconds: the delegated token stops working then.
    #[ts(type = "number")]
    pub expires_at: i64,
    /// Unix seconds, when stopped before its time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub ended_at: Option<i64>,
}

/// The answer to `POST /v1/acting`: a delegated access token in the shape of an RFC 8693 §2.2.1
/// token-exchange response. There is never a refresh token: when the window closes, it ends.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegatedToken {
    pub access_token: String,
    /// Always [`ACCESS_TOKEN_TYPE`].
    pub issued_token_type: String,
    /// `Bearer`.
    pub token_type: String,
    /// Seconds until it expires (the end of the acting window).
    pub expires_in: i64,
    pub scope: String,
    pub acting: ActingSession,
}

impl std::fmt::Debug for DelegatedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DelegatedToken")
            .field("access_token", &"[redacted]")
            .field("expires_in", &self.expires_in)
            .field("acting", &self.acting)
            .finish()
    }
}

/// Who acts for the subject, and on what terms. In `/v1/me` of a delegated credential (the rest
/// of `Me` describes the subject) and on every audit event made with one (whose `actor_*` is
/// the actor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OnBehalf {
    /// The person acted for (RFC 8693 `sub`).
    pub subject_id: String,
    pub subject_name: String,
    /// Who takes the action (RFC 8693 `act.sub`): an OWNER, or a service account.
    pub actor_id: String,
    pub actor_name: String,
    pub actor_kind: UserKind,
    /// The acting session; absent for a service account, which acts for its provider standing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub acting_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub started_at: Option<i64>,
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "number")]
    pub expires_at: Option<i64>,
}
