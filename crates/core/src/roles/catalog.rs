//! The 14 staff roles with the seed guide's one-line descriptions, for editors and `--help`.

use console_api::StaffRole;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RoleInfo {
    pub role: StaffRole,
    pub description: String,
    /// Grants administrative access: worth a second look before handing it out.
    pub sensitive: bool,
}

/// The seed guide's words ("Service Providers").
pub fn description(role: StaffRole) -> &'static str {
    use StaffRole::*;
    match role {
        Owner => "Has administrative access and can manage the organization's settings and users",
        Member => "A general member of the organization with limited access",
        Support => "Provides technical support and assistance to users",
        Provider => "A healthcare professional delivering care to patients",
        IntakeStaff => "Manages patient intake and registration",
        FieldStaff => "Provides in-home or on-site care services",
        ProviderNursePractitioner => "A nurse practitioner delivering care",
        ProviderPhysicianAssistant => "A physician assistant delivering care",
        ProviderPhysician => "A physician delivering care",
        ClientManager => "Manages client relationships and accounts",
        HealthCoach => "Provides health coaching and guidance to patients",
        Therapist => "Delivers therapy services to patients",
        Nutritionist => "Provides nutritional advice and support",
        Dispatch => "Manages the dispatching of field staff and resources",
    }
}

pub fn catalog() -> Vec<RoleInfo> {
    StaffRole::ALL
        .into_iter()
        .map(|role| RoleInfo {
            role,
            description: description(role).to_string(),
            sensitive: matches!(role, StaffRole::Owner | StaffRole::Support),
        })
        .collect()
}
