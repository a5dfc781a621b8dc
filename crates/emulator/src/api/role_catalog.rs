//! `GET /v1/roles`: the platform's role catalog. The guide's description of every staff role and
//! what it grants in the console, served as data so that a console keeps no list of its own.

use axum::routing::get;
use axum::{Json, Router};
use console_api::{Permission, RoleInfo, StaffRole};

use super::auth::Caller;
use super::permissions;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/roles", get(list))
}

/// The guide's words ("Service Providers").
fn description(role: StaffRole) -> &'static str {
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

/// The roles that make a staff member a provider a service account can act for.
pub const PROVIDER_ROLES: [StaffRole; 4] = [
    StaffRole::Provider,
    StaffRole::ProviderPhysician,
    StaffRole::ProviderNursePractitioner,
    StaffRole::ProviderPhysicianAssistant,
];

/// Every staff role in the guide's order, with what `permissions::for_roles` grants it.
pub fn catalog() -> Vec<RoleInfo> {
    StaffRole::ALL
        .into_iter()
        .map(|role| {
            let grants = permissions::for_roles(&[role], None);
            // Consumers' data or changing who has access: what an owner should pause over.
            let sensitive = grants.iter().any(|p| {
                matches!(
                    p,
                    Permission::DirectoryRead
                        | Permission::RolesWrite
                        | Permission::StaffInvite
                        | Permission::ServiceAccountsWrite
                )
            });
            RoleInfo {
                role,
                description: description(role).to_string(),
                grants,
                sensitive,
                provider: PROVIDER_ROLES.contains(&role),
            }
        })
        .collect()
}

/// Anyone signed in may read it: roles are the organization's vocabulary, not its data.
pub async fn list(Caller(_): Caller) -> Json<Vec<RoleInfo>> {
    Json(catalog())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_described_and_only_access_granting_roles_are_sensitive() {
        let catalog = catalog();
        assert_eq!(catalog.len(), StaffRole::ALL.len());
        let sensitive: Vec<StaffRole> = catalog
            .iter()
            .filter(|r| r.sensitive)
            .map(|r| r.role)
            .collect();
        assert_eq!(sensitive, vec![StaffRole::Owner, StaffRole::Support]);
        assert!(catalog.iter().all(|r| !r.description.is_empty()));
        let member = catalog
            .iter()
            .find(|r| r.role == StaffRole::Member)
            .unwrap();
        assert_eq!(member.grants, vec![Permission::StaffRead]);
        let providers = catalog.iter().filter(|r| r.provider).count();
        assert_eq!(providers, PROVIDER_ROLES.len());
    }
}
