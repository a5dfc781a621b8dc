use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable problem codes of the admin API. Clients branch on `code`, never on the text (the
/// window too: the codes are in its generated bindings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    InvalidToken,
    /// 403: the access token lacks the scope the admin API needs (RFC 6750 §3.1); the
    /// `WWW-Authenticate` header names it.
    InsufficientScope,
    Forbidden,
    NotFound,
    InvalidRequest,
    ResyncRequired,
    /// 428: a mutation came without `If-Match`.
    PreconditionRequired,
    /// 412: `If-Match` names a version that is no longer current; `current` holds the fresh state.
    PreconditionFailed,
    /// 422: a mutation came without a reason.
    ReasonRequired,
    /// 422: a role name that is not one of the staff roles of the catalog (`GET /v1/roles`).
    UnknownRole,
    /// 409: the change would leave the organization without an active OWNER.
    LastOwner,
    /// 403: only an OWNER grants or removes OWNER.
    OwnerRequired,
    /// 403: nobody changes their own roles or status.
    SelfChange,
    /// 422: consumers, config users and service accounts hold no staff roles.
    NotStaff,
    /// 403: the caller's roles (e.g. SUPPORT, MEMBER) allow reading only.
    ReadOnlyRole,
    /// 401: not an API key of this platform (wrong format or checksum), or unknown.
    KeyInvalid,
    /// 401: the key was revoked (final). 409 when asked to enable or rotate a revoked key.
    KeyRevoked,
    /// 401: the key (or its service account) is disabled; an owner can enable it again. 409
    /// when asked to rotate a disabled key.
    KeyDisabled,
    /// 401: the key is past its expiry. 409 when asked to rotate an expired key.
    KeyExpired,
    /// 409: an account holds at most two working keys.
    TooManyKeys,
    /// 422: the expiry is in the past or beyond the organization's maximum key lifetime.
    ExpiryOutOfBounds,
    /// 422: one or more settings values break the schema; `errors` lists every one.
    InvalidSettings,
    /// 403: a config Member asked to change fields only a config Owner may change; `errors`
    /// names each.
    OwnerOnlyField,
    /// 403: only a config Owner may do this (restore an earlier settings version).
    ConfigOwnerRequired,
    /// 401 (RFC 9470): a high-risk operation needs a more recent sign-in than the access token
    /// carries; `max_age` says how recent, `detail` which operation and why. Not the end of the
    /// session: sign in again (`max_age`, `prompt=login`) as the same person and retry.
    InsufficientUserAuthentication,
    /// 422: a person's fields break the person schema (`GET /v1/users/schema`); `errors` lists
    /// every one.
    InvalidPerson,
    /// 422: a patient, HCP or guardian (or a staff member) without the contact they need.
    ContactRequired,
    /// 409: the email or phone is already a primary consumer's (patients, HCPs and guardians
    /// are each reachable by a contact of their own).
    ContactTaken,
    /// 422: a dependent may carry only its own guardian's email and phone.
    NotGuardiansContact,
    /// 409: the email is already another staff member's.
    StaffEmailTaken,
    /// 422: the guardian named is missing, not a guardian, or would make a cycle; or a guardian
    /// was given to someone who is not a dependent.
    InvalidGuardian,
    /// 409: a guardian with dependents, removed or changed without saying where they go.
    HasDependents,
    /// 409: a dependent made a primary consumer before the organization's age-out.
    NotOfAge,
    /// 422: a change of kind the platform does not make (only a dependent becomes a patient).
    KindChangeNotAllowed,
    /// 403: acting for this person is not allowed (another OWNER, not staff, not active, oneself,
    /// or from a credential that already acts for someone).
    ActingNotAllowed,
    Internal,
    #[serde(other)]
    Unknown,
}

impl ProblemCode {
    /// A rule that refuses one particular change (as opposed to the caller's lack of rights).
    pub fn is_guardrail(self) -> bool {
        matches!(
            self,
            ProblemCode::LastOwner
                | ProblemCode::OwnerRequired
                | ProblemCode::SelfChange
                | ProblemCode::NotStaff
                | ProblemCode::UnknownRole
                | ProblemCode::TooManyKeys
                | ProblemCode::ExpiryOutOfBounds
                | ProblemCode::ContactTaken
                | ProblemCode::NotGuardiansContact
                | ProblemCode::StaffEmailTaken
                | ProblemCode::HasDependents
                | ProblemCode::NotOfAge
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::InvalidToken => "invalid_token",
            ProblemCode::InsufficientScope => "insufficient_scope",
            ProblemCode::Forbidden => "forbidden",
            ProblemCode::NotFound => "not_found",
            ProblemCode::InvalidRequest => "invalid_request",
            ProblemCode::ResyncRequired => "resync_required",
            ProblemCode::PreconditionRequired => "precondition_required",
            ProblemCode::PreconditionFailed => "precondition_failed",
            ProblemCode::ReasonRequired => "reason_required",
            ProblemCode::UnknownRole => "unknown_role",
            ProblemCode::LastOwner => "last_owner",
            ProblemCode::OwnerRequired => "owner_required",
            ProblemCode::SelfChange => "self_change",
            ProblemCode::NotStaff => "not_staff",
            ProblemCode::ReadOnlyRole => "read_only_role",
            ProblemCode::KeyInvalid => "key_invalid",
            ProblemCode::KeyRevoked => "key_revoked",
            ProblemCode::KeyDisabled => "key_disabled",
            ProblemCode::KeyExpired => "key_expired",
            ProblemCode::TooManyKeys => "too_many_keys",
            ProblemCode::ExpiryOutOfBounds => "expiry_out_of_bounds",
            ProblemCode::InvalidSettings => "invalid_settings",
            ProblemCode::OwnerOnlyField => "owner_only_field",
            ProblemCode::ConfigOwnerRequired => "config_owner_required",
            ProblemCode::InsufficientUserAuthentication => "insufficient_user_authentication",
            ProblemCode::InvalidPerson => "invalid_person",
            ProblemCode::ContactRequired => "contact_required",
            ProblemCode::ContactTaken => "contact_taken",
            ProblemCode::NotGuardiansContact => "not_guardians_contact",
            ProblemCode::StaffEmailTaken => "staff_email_taken",
            ProblemCode::InvalidGuardian => "invalid_guardian",
            ProblemCode::HasDependents => "has_dependents",
            ProblemCode::NotOfAge => "not_of_age",
            ProblemCode::KindChangeNotAllowed => "kind_change_not_allowed",
            ProblemCode::ActingNotAllowed => "acting_not_allowed",
            ProblemCode::Internal => "internal",
            ProblemCode::Unknown => "unknown",
        }
    }
}

/// An RFC 9457 problem details document (`application/problem+json`), with the stable `code`
/// extension member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ProblemCode,
    /// With `precondition_failed`: the resource as it is on the server now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<serde_json::Value>,
    /// With `invalid_settings` and `owner_only_field`: every refused field, with why. (Boxed:
    /// `Problem` travels in every `Result<_, ApiError>` of the emulator, which must stay small.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Box<Vec<crate::FieldError>>>,
    /// With `insufficient_user_authentication`: the oldest sign-in accepted, in seconds (as in
    /// the `WWW-Authenticate` challenge). A u16 (up to 18 hours, far beyond any step-up window) fits in the padding of `status` and `code`:
    /// `Problem` travels in every emulator `Result`, which must stay small (result_large_err).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u16>,
}

impl Problem {
    pub const CONTENT_TYPE: &'static str = "application/problem+json";

    pub fn new(code: ProblemCode, status: u16, title: &str, detail: impl Into<String>) -> Self {
        Problem {
            type_uri: format!("urn:access-console:problem:{}", code.as_str()),
            title: title.to_string(),
            status,
            detail: Some(detail.into()),
            code,
            current: None,
            errors: None,
            max_age: None,
        }
    }
}
