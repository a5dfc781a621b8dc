//! The demo personas: one named person per console persona, with the password (and, for
//! staff, the TOTP secret) documented for them.

use console_api::{ConfigRole, StaffRole, UserKind};
use serde::Serialize;

/// A demo person and the password documented for them.
#[derive(Debug, Clone, Serialize)]
pub struct DemoPersona {
    pub id: &'static str,
    pub label: &'static str,
    pub display_name: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    /// The base32 TOTP secret of a staff persona, enrolled from the start so the demo signs in
    /// with a code from any authenticator app (`mfa_required_for_staff` is on by default).
    /// Config users are not asked for a code: `None`.
    pub totp_secret: Option<&'static str>,
    pub description: &'static str,
    pub kind: UserKind,
    pub roles: &'static [StaffRole],
    pub config_role: Option<ConfigRole>,
}

pub const PERSONAS: &[DemoPersona] = &[
    DemoPersona {
        id: "usr_olivia_owner",
        label: "Owner",
        display_name: "Olivia Owner",
        email: "olivia.owner@demo-clinic.test",
        password: "owner-demo",
        totp_secret: Some("OLIVIAOWNERDEMOTOTPSECRETAAAAAAA"),
        description: "Organization OWNER: directory, roles, service accounts, audit",
        kind: UserKind::Staff,
        roles: &[StaffRole::Owner],
        config_role: None,
    },
    DemoPersona {
        id: "usr_sam_support",
        label: "Support",
        display_name: "Sam Support",
        email: "sam.support@demo-clinic.test",
        password: "support-demo",
        totp_secret: Some("SAMSUPPORTDEMOTOTPSECRETAAAAAAAA"),
        description: "SUPPORT staff: finds any account, changes nothing",
        kind: UserKind::Staff,
        roles: &[StaffRole::Support],
        config_role: None,
    },
    DemoPersona {
        id: "usr_mia_member",
        label: "Member",
        display_name: "Mia Member",
        email: "mia.member@demo-clinic.test",
        password: "member-demo",
        totp_secret: Some("MIAMEMBERDEMOTOTPSECRETAAAAAAAAA"),
        description: "MEMBER staff: reads the staff directory only",
        kind: UserKind::Staff,
        roles: &[StaffRole::Member],
        config_role: None,
    },
    DemoPersona {
        id: "usr_priya_provider",
        label: "Provider",
        display_name: "Dr. Priya Provider",
        email: "priya.provider@demo-clinic.test",
        password: "provider-demo",
        totp_secret: Some("PRIYAPROVIDERDEMOTOTPSECRETAAAAA"),
        description: "PROVIDER: delivers care; no console access",
        kind: UserKind::Staff,
        roles: &[StaffRole::Provider, StaffRole::ProviderPhysician],
        config_role: None,
    },
    DemoPersona {
        id: "usr_cora_config_owner",
        label: "Config Owner",
        display_name: "Cora Config-Owner",
        email: "cora.config-owner@demo-clinic.test",
        password: "config-owner-demo",
        totp_secret: None,
        description: "Config user, Owner: edits every organization setting",
        kind: UserKind::Config,
        roles: &[],
        config_role: Some(ConfigRole::Owner),
    },
    DemoPersona {
        id: "usr_milo_config_member",
        label: "Config Member",
        display_name: "Milo Config-Member",
        email: "milo.config-member@demo-clinic.test",
        password: "config-member-demo",
        totp_secret: None,
        description: "Config user, Member: edits the settings members may edit",
        kind: UserKind::Config,
        roles: &[],
        config_role: Some(ConfigRole::Member),
    },
];

impl DemoPersona {
    /// How this person signs in: (email, password).
    pub const fn login(&self) -> (&'static str, &'static str) {
        (self.email, self.password)
    }
}

/// The documented TOTP secret of the persona who signs in with `email`, if any: what the test
/// sign-in helpers (which know a person by their login) answer the code step with.
pub fn totp_secret_for(email: &str) -> Option<&'static str> {
    PERSONAS
        .iter()
        .find(|p| p.email.eq_ignore_ascii_case(email.trim()))
        .and_then(|p| p.totp_secret)
}

/// The persona with this `label` ("Owner", "Config Member"). A `const fn`, so tests and tools
/// take the seed's own credentials (`persona("Owner").login()`) instead of a copy that could
/// drift; an unknown label fails at compile time when used in a constant.
pub const fn persona(label: &str) -> &'static DemoPersona {
    let mut i = 0;
    while i < PERSONAS.len() {
        if same(PERSONAS[i].label.as_bytes(), label.as_bytes()) {
            return &PERSONAS[i];
        }
        i += 1;
    }
    panic!("no demo persona has this label");
}

/// Byte-wise equality, which `const fn` cannot get from `==` on `str` yet.
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_personas_come_with_a_usable_totp_secret_and_config_users_without() {
        for p in PERSONAS {
            match (p.kind, p.totp_secret) {
                (UserKind::Staff, Some(secret)) => {
                    // Valid base32 of at least 128 bits: an authenticator app and the platform
                    // both accept it.
                    crate::oauth::totp::code_at(secret, 0).expect("a usable secret");
                    assert_eq!(totp_secret_for(&p.email.to_uppercase()), Some(secret));
                }
                (UserKind::Config, None) => assert_eq!(totp_secret_for(p.email), None),
                (kind, secret) => panic!("{}: {kind:?} with {secret:?}", p.label),
            }
        }
    }
}
