use console_api::{ConfigRole, Permission, StaffRole};

/// What the console may offer, derived from staff roles and config role. The server owns this
/// rule; the console only displays what `/v1/me` says.
pub fn for_roles(staff_roles: &[StaffRole], config_role: Option<ConfigRole>) -> Vec<Permission> {
    use Permission::*;
    let mut out = Vec::new();
    for role in staff_roles {
        match role {
            // The guide: the OWNER "can manage the organization's settings and users", so a
            // staff OWNER holds a config Owner's rights over the settings too.
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
            ]),
            StaffRole::Support => out.extend([DirectoryRead, StaffRead]),
            StaffRole::Member => out.push(StaffRead),
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
                SettingsWrite
            ]
        );
        // Support finds accounts but changes nothing.
        assert_eq!(
            for_roles(&[StaffRole::Support], None),
            vec![DirectoryRead, StaffRead]
        );
        // Members see staff only, never consumer data.
        assert_eq!(for_roles(&[StaffRole::Member], None), vec![StaffRead]);
        // Care roles have no console access at all.
        assert!(for_roles(&[StaffRole::Provider, StaffRole::Therapist], None).is_empty());
        assert_eq!(
            for_roles(&[], Some(ConfigRole::Owner)),
            vec![SettingsRead, SettingsWrite]
        );
        assert_eq!(
            for_roles(&[], Some(ConfigRole::Member)),
            vec![SettingsRead, SettingsWriteMember]
        );
    }
}
