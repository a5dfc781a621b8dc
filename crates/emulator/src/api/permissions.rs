use console_api::{ConfigRole, Permission, StaffRole, UserKind};
use sqlx::SqliteConnection;

use crate::store::users::{self, Person};

/// What the console may offer, derived from staff roles and config role. The server owns this
/// rule; the console only displays what `/v1/me` says. It describes one person's own rights:
/// what a request may do is [`of`], which also takes who acts for whom into account.
pub fn for_roles(staff_roles: &[StaffRole], config_role: Option<ConfigRole>) -> Vec<Permission> {
    use Permission::*;
    let mut out = Vec::new();
    for role in staff_roles {
        match role {
            // The guide: the OWNER "can manage the organization's settings and users", so a
            // staff OWNER holds a config Owner's rights over the settings too; and the OWNER
            // has "the ability to take actions on behalf of others".
            StaffRole::Owner => out.extend([
                DirectoryRead,
                StaffRead,
                RolesWrite,
                UsersWrite,
                StaffInvite,
                ServiceAccountsWrite,
                AuditRead,
                SettingsRead,
                SettingsWrite,
                PatientRecordsWrite,
                ActOnBehalf,
            ]),
            StaffRole::Support => out.extend([DirectoryRead, StaffRead]),
            StaffRole::Member => out.push(StaffRead),
            // Care staff update their patients' records (names, contact, date of birth), which
            // is what the service accounts acting for them do. It is no console screen.
            StaffRole::Provider
            | StaffRole::ProviderNursePractitioner
            | StaffRole::ProviderPhysicianAssistant
            | StaffRole::ProviderPhysician
            | StaffRole::HealthCoach
            | StaffRole::Therapist
            | StaffRole::Nutritionist => out.push(PatientRecordsWrite),
            _ => {}
        }
    }
    match config_role {
        Some(ConfigRole::Owner) => out.extend([SettingsRead, SettingsWrite]),
        Some(ConfigRole::Member) => out.extend([SettingsRead, SettingsWriteMember]),
        None => {}
    }
    out.sort();
    out.dedup();
    out
}

/// The most a service account may do when it acts for a provider, whatever the provider holds:
/// the guide has service accounts update patient records on behalf of providers, nothing more.
pub const SERVICE_ACCOUNT_CEILING: &[Permission] = &[Permission::PatientRecordsWrite];

/// What this request's caller may do, as `conn` has the roles now. The one place every check
/// derives a caller's rights from: when someone acts for the caller (`Person::on_behalf`), it
/// is what both the person and the actor may do (a service-account actor brings
/// [`SERVICE_ACCOUNT_CEILING`]), read afresh so that a right either loses is lost at once.
pub async fn of(conn: &mut SqliteConnection, caller: &Person) -> crate::Result<Vec<Permission>> {
    let roles = users::staff_roles(&mut *conn, &caller.id).await?;
    let own = for_roles(&roles, caller.config_role);
    let Some(on_behalf) = &caller.on_behalf else {
        return Ok(own);
    };
    let actor = if on_behalf.actor_kind == UserKind::ServiceAccount {
        SERVICE_ACCOUNT_CEILING.to_vec()
    } else {
        let roles = users::staff_roles(&mut *conn, &on_behalf.actor_id).await?;
        let config_role = users::config_role(&mut *conn, &on_behalf.actor_id).await?;
        for_roles(&roles, config_role)
    };
    Ok(intersect(&own, &actor))
}

/// What both hold, implications expanded first (settings_write includes what
/// settings_write_member allows), then folded back so a full right is named once.
pub fn intersect(a: &[Permission], b: &[Permission]) -> Vec<Permission> {
    let (a, b) = (implied(a), implied(b));
    let mut out: Vec<Permission> = a.into_iter().filter(|p| b.contains(p)).collect();
    if out.contains(&Permission::SettingsWrite) {
        out.retain(|p| *p != Permission::SettingsWriteMember);
    }
    out
}

fn implied(granted: &[Permission]) -> Vec<Permission> {
    let mut out = granted.to_vec();
    if out.contains(&Permission::SettingsWrite) {
        out.push(Permission::SettingsWriteMember);
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    #[test]
    fn each_persona_gets_exactly_its_console_access() {
        assert_eq!(
            for_roles(&[StaffRole::Owner], None),
            vec![
                DirectoryRead,
                StaffRead,
                RolesWrite,
                UsersWrite,
                StaffInvite,
                ServiceAccountsWrite,
                AuditRead,
                SettingsRead,
                SettingsWrite,
                PatientRecordsWrite,
                ActOnBehalf,
            ]
        );
        // Support finds accounts but changes nothing.
        assert_eq!(
            for_roles(&[StaffRole::Support], None),
            vec![DirectoryRead, StaffRead]
        );
        // Members see staff only, never consumer data.
        assert_eq!(for_roles(&[StaffRole::Member], None), vec![StaffRead]);
        // Care roles have no console screen, only their patients' records.
        for role in [
            StaffRole::Provider,
            StaffRole::ProviderNursePractitioner,
            StaffRole::ProviderPhysicianAssistant,
            StaffRole::ProviderPhysician,
            StaffRole::HealthCoach,
            StaffRole::Therapist,
            StaffRole::Nutritionist,
        ] {
            assert_eq!(
                for_roles(&[role], None),
                vec![PatientRecordsWrite],
                "{role:?}"
            );
        }
        // Roles that neither read the console nor keep records hold nothing.
        assert!(for_roles(&[StaffRole::FieldStaff, StaffRole::Dispatch], None).is_empty());
        assert_eq!(
            for_roles(&[], Some(ConfigRole::Owner)),
            vec![SettingsRead, SettingsWrite]
        );
        assert_eq!(
            for_roles(&[], Some(ConfigRole::Member)),
            vec![SettingsRead, SettingsWriteMember]
        );
    }

    #[test]
    fn acting_grants_only_what_both_hold() {
        let owner = for_roles(&[StaffRole::Owner], None);
        let support = for_roles(&[StaffRole::Support], None);
        assert_eq!(intersect(&owner, &support), support);
        assert_eq!(intersect(&support, &owner), support);
        // A config Member's partial write survives against an OWNER's full one, but a full
        // write needs both.
        let member = for_roles(&[], Some(ConfigRole::Member));
        assert_eq!(
            intersect(&member, &owner),
            vec![SettingsRead, SettingsWriteMember]
        );
        let config_owner = for_roles(&[StaffRole::Support], Some(ConfigRole::Owner));
        assert!(intersect(&config_owner, &owner).contains(&SettingsWrite));
        assert!(!intersect(&config_owner, &support).contains(&SettingsWrite));
        // A service account acting for a provider may update records, nothing more.
        let provider = for_roles(&[StaffRole::Provider], None);
        assert_eq!(
            intersect(&provider, SERVICE_ACCOUNT_CEILING),
            vec![PatientRecordsWrite]
        );
        assert!(intersect(&[], SERVICE_ACCOUNT_CEILING).is_empty());
    }
}
