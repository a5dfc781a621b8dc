use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The roles a service-provider staff member can hold (seed guide, "Service Providers"): the
/// wire format's names. What each is for and grants is the platform's role catalog
/// (`GET /v1/roles`, `RoleInfo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StaffRole {
    Owner,
    Member,
    Support,
    Provider,
    IntakeStaff,
    FieldStaff,
    ProviderNursePractitioner,
    ProviderPhysicianAssistant,
    ProviderPhysician,
    ClientManager,
    HealthCoach,
    Therapist,
    Nutritionist,
    Dispatch,
}

impl StaffRole {
    pub const ALL: [StaffRole; 14] = [
        StaffRole::Owner,
        StaffRole::Member,
        StaffRole::Support,
        StaffRole::Provider,
        StaffRole::IntakeStaff,
        StaffRole::FieldStaff,
        StaffRole::ProviderNursePractitioner,
        StaffRole::ProviderPhysicianAssistant,
        StaffRole::ProviderPhysician,
        StaffRole::ClientManager,
        StaffRole::HealthCoach,
        StaffRole::Therapist,
        StaffRole::Nutritionist,
        StaffRole::Dispatch,
    ];

    /// The name used on the wire and in the seed guide, e.g. `INTAKE_STAFF`.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Owner => "OWNER",
            StaffRole::Member => "MEMBER",
            StaffRole::Support => "SUPPORT",
            StaffRole::Provider => "PROVIDER",
            StaffRole::IntakeStaff => "INTAKE_STAFF",
            StaffRole::FieldStaff => "FIELD_STAFF",
            StaffRole::ProviderNursePractitioner => "PROVIDER_NURSE_PRACTITIONER",
            StaffRole::ProviderPhysicianAssistant => "PROVIDER_PHYSICIAN_ASSISTANT",
            StaffRole::ProviderPhysician => "PROVIDER_PHYSICIAN",
            StaffRole::ClientManager => "CLIENT_MANAGER",
            StaffRole::HealthCoach => "HEALTH_COACH",
            StaffRole::Therapist => "THERAPIST",
            StaffRole::Nutritionist => "NUTRITIONIST",
            StaffRole::Dispatch => "DISPATCH",
        }
    }

    pub fn parse(s: &str) -> Option<StaffRole> {
        StaffRole::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A config user's role (seed guide, "Config User Authentication").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ConfigRole {
    Owner,
    Member,
}

impl ConfigRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ConfigRole::Owner => "OWNER",
            ConfigRole::Member => "MEMBER",
        }
    }

    pub fn parse(s: &str) -> Option<ConfigRole> {
        match s {
            "OWNER" => Some(ConfigRole::Owner),
            "MEMBER" => Some(ConfigRole::Member),
            _ => None,
        }
    }
}

/// What kind of account a user is (seed guide, "User Types").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserKind {
    Patient,
    Hcp,
    Guardian,
    Dependent,
    Staff,
    Config,
    ServiceAccount,
}

impl UserKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UserKind::Patient => "PATIENT",
            UserKind::Hcp => "HCP",
            UserKind::Guardian => "GUARDIAN",
            UserKind::Dependent => "DEPENDENT",
            UserKind::Staff => "STAFF",
            UserKind::Config => "CONFIG",
            UserKind::ServiceAccount => "SERVICE_ACCOUNT",
        }
    }

    pub fn parse(s: &str) -> Option<UserKind> {
        [
            UserKind::Patient,
            UserKind::Hcp,
            UserKind::Guardian,
            UserKind::Dependent,
            UserKind::Staff,
            UserKind::Config,
            UserKind::ServiceAccount,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// What the console may offer the signed-in identity. The server derives these from roles; the
/// console only shows what it is told, so a rule change on the server needs no console release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    DirectoryRead,
    StaffRead,
    RolesWrite,
    /// Create, edit, suspend, reactivate and remove people (an organization OWNER).
    UsersWrite,
    /// Invite staff, re-send and withdraw invitations (OWNER).
    StaffInvite,
    ServiceAccountsWrite,
    AuditRead,
    SettingsRead,
    SettingsWrite,
    SettingsWriteMember,
    /// Update a consumer's record (names, contact, date of birth): what care staff and the
    /// service accounts acting for them do. Not a console screen of its own.
    PatientRecordsWrite,
    /// Act on behalf of a staff member for a while (an organization OWNER; RFC 8693).
    ActOnBehalf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Organization {
    pub id: String,
    /// The organization's display name (its `display_name` setting).
    pub name: String,
    /// Where its people write for help (its `support_email` setting); absent when none is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub support_email: Option<String>,
}

/// `GET /v1/me`: who is signed in, and what the console may offer them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Me {
    pub user_id: String,
    pub display_name: String,
    pub email: Option<String>,
    pub kind: UserKind,
    pub organization: Organization,
    pub staff_roles: Vec<StaffRole>,
    pub config_role: Option<ConfigRole>,
    pub permissions: Vec<Permission>,
    /// The organization's console idle sign-out setting: after this many minutes without input
    /// the console locks and drops the access token from memory. Absent from older servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub idle_sign_out_minutes: Option<u32>,
    /// The organization's default key rotation overlap in hours: how long an old API key keeps
    /// working after a rotation unless the person chooses otherwise. Absent from older servers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key_rotation_overlap_hours: Option<u32>,
    /// The organization's `max_acting_minutes`: the longest an OWNER may act for someone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max_acting_minutes: Option<u32>,
    /// Present when someone acts for this person (RFC 8693 `act`): the rest of this answer
    /// describes the person acted for, whose rights (intersected with the actor's) apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub acting: Option<crate::OnBehalf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip_as_in_the_seed_guide() {
        // The wire names must be exactly the guide's names, or the two sides disagree.
        for role in StaffRole::ALL {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(StaffRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(StaffRole::parse("ADMIN"), None);
    }
}
