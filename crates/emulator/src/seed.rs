//! The demo organization: one named person per console persona, with documented passwords, a
//! named household, a few thousand generated people around them, and the console registered as
//! a public client.

use console_api::{AccountStatus, ConfigRole, StaffRole, UserKind, UserStatus};
use serde::Serialize;

use crate::store::accounts::{self, Fields};
use crate::store::clients::{self, NewClient};
use crate::store::keys::{self, NewKey};
use crate::store::mfa;
use crate::store::settings;
use crate::store::users::{self, write, write::NewUser};
use crate::{apikey, crypto, generate};
use crate::{AppState, Result};

pub const DEMO_ORG_ID: &str = "org_demo_clinic";
pub const DEMO_ORG_NAME: &str = "Demo Clinic";
/// The console's client id (public client, PKCE, loopback redirect).
pub const DEMO_CLIENT_ID: &str = "access-console";
/// A confidential client acting as the demo reminder service account.
pub const DEMO_M2M_CLIENT_ID: &str = "demo-reminder-bot";
/// Demo only: documented so that the client_credentials grant can be tried by hand.
pub const DEMO_M2M_CLIENT_SECRET: &str = "demo-reminder-bot-secret";
/// A confidential client registered as a resource server: the organization's records API,
/// which introspects the tokens sent to it (RFC 7662) and may be a token's audience.
pub const DEMO_RESOURCE_SERVER_CLIENT_ID: &str = "demo-records-api";
/// Demo only, documented like the bot's, so introspection can be tried by hand.
pub const DEMO_RESOURCE_SERVER_SECRET: &str = "demo-records-api-secret";
/// The resource (RFC 8707) the records API serves.
pub const DEMO_RESOURCE: &str = "https://records.demo-clinic.test";

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

/// The demo's generated population: a fixed seed, so every demo shows the same people.
pub const DEMO_GENERATED_SEED: u64 = 20_261_129;
pub const DEMO_GENERATED_USERS: usize = 3_000;

/// Named people besides the personas: a household (dependents share a guardian's contact
/// details) and a patient of their own, so the demo shows both seed rules at work.
/// (id, kind, name, email, phone, guardian id)
type Named = (
    &'static str,
    UserKind,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const NAMED: &[Named] = &[
    (
        "usr_john_guardian",
        UserKind::Guardian,
        "John Guardian",
        "john.guardian@mail.test",
        "(555) 010-0142",
        None,
    ),
    (
        "usr_emily_dependent",
        UserKind::Dependent,
        "Emily Guardian",
        "john.guardian@mail.test",
        "(555) 010-0142",
        Some("usr_john_guardian"),
    ),
    (
        "usr_pat_patient",
        UserKind::Patient,
        "Pat Patient",
        "pat.patient@mail.test",
        "(555) 010-0199",
        None,
    ),
];

/// Loads the demo organization. Idempotent: existing rows are kept.
pub async fn demo(state: &AppState) -> Result<()> {
    let pool = &state.pool;
    let now = state.now();
    users::ensure_org(pool, DEMO_ORG_ID, DEMO_ORG_NAME).await?;
    // Version 1 of the settings: the schema's defaults (kept if the organization has settings).
    settings::ensure(&mut *pool.acquire().await?, DEMO_ORG_ID, now).await?;
    let new = |id: &str, kind: UserKind, name: &str| NewUser {
        id: id.into(),
        org_id: DEMO_ORG_ID.into(),
        kind,
        display_name: name.into(),
        email: None,
        phone: None,
        status: UserStatus::Active,
        password_hash: None,
        config_role: None,
        guardian_id: None,
        staff_roles: Vec::new(),
    };
    for p in PERSONAS {
        if users::find(pool, p.id).await?.is_some() {
            continue;
        }
        write::create(
            pool,
            NewUser {
                email: Some(p.email.into()),
                password_hash: Some(crypto::hash_password(p.password)?),
                config_role: p.config_role,
                staff_roles: p.roles.to_vec(),
                ..new(p.id, p.kind, p.display_name)
            },
            now,
        )
        .await?;
    }
    for p in PERSONAS {
        if let Some(secret) = p.totp_secret {
            // Kept as it is when the persona has any MFA row (an OWNER may have reset them).
            mfa::seed(pool, p.id, secret, now).await?;
        }
    }
    for (id, kind, name, email, phone, guardian) in NAMED {
        if users::find(pool, id).await?.is_some() {
            continue;
        }
        write::create(
            pool,
            NewUser {
                email: Some((*email).into()),
                phone: Some((*phone).into()),
                guardian_id: guardian.map(str::to_string),
                ..new(id, *kind, name)
            },
            now,
        )
        .await?;
    }
    if users::find(pool, REMINDER_BOT).await?.is_none() {
        let bot = new(
            REMINDER_BOT,
            UserKind::ServiceAccount,
            "Appointment reminder bot",
        );
        write::create(pool, bot, now).await?;
    }
    reminder_bot_credentials(state).await?;
    clients::upsert(
        pool,
        NewClient {
            client_id: DEMO_CLIENT_ID,
            org_id: DEMO_ORG_ID,
            name: "Access Console",
            secret: None,
            redirect_uris: &["http://127.0.0.1/callback", "http://[::1]/callback"],
            scopes: &["openid", "console", "offline_access", "profile", "email"],
            service_account_id: None,
        },
    )
    .await?;
    // The console is the platform's own native app: its loopback redirect is not one of the
    // organization's allowed_redirect_uris, and must work with that list empty.
    clients::set_first_party(pool, DEMO_CLIENT_ID).await?;
    register_resource_server(
        state,
        NewClient {
            client_id: DEMO_RESOURCE_SERVER_CLIENT_ID,
            org_id: DEMO_ORG_ID,
            name: "Patient records API",
            secret: Some(DEMO_RESOURCE_SERVER_SECRET),
            redirect_uris: &[],
            scopes: &[],
            service_account_id: None,
        },
        DEMO_RESOURCE,
    )
    .await?;
    // Registered once: an owner may have rotated its secret since, and a restart must not
    // bring the documented one back.
    if clients::find(pool, DEMO_M2M_CLIENT_ID).await?.is_some() {
        return generated(state).await;
    }
    clients::upsert(
        pool,
        NewClient {
            client_id: DEMO_M2M_CLIENT_ID,
            org_id: DEMO_ORG_ID,
            name: "Appointment reminder bot",
            secret: Some(DEMO_M2M_CLIENT_SECRET),
            redirect_uris: &[],
            scopes: &["console"],
            service_account_id: Some(REMINDER_BOT),
        },
    )
    .await?;
    generated(state).await
}

async fn generated(state: &AppState) -> Result<()> {
    generate::generate(
        state,
        DEMO_ORG_ID,
        DEMO_GENERATED_SEED,
        DEMO_GENERATED_USERS,
    )
    .await?;
    Ok(())
}

/// The demo's service account (it also has the M2M client `DEMO_M2M_CLIENT_ID`).
const REMINDER_BOT: &str = "usr_reminder_bot";
/// The demo key's lifetime, well inside the default maximum.
const DEMO_KEY_DAYS: i64 = 180;

/// Makes the reminder bot a service account with Olivia as its owner of record, and gives it one
/// API key in use. The key's secret is generated and dropped here: it is printed nowhere and
/// stored only as a hash, so the demo shows a working credential without publishing one.
/// Idempotent: an existing account row or any existing key is kept.
async fn reminder_bot_credentials(state: &AppState) -> Result<()> {
    let now = state.now();
    let mut tx = crate::db::begin_write(&state.pool).await?;
    let exists = sqlx::query("SELECT 1 FROM service_accounts WHERE id = ?")
        .bind(REMINDER_BOT)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        let fields = Fields {
            name: "Appointment reminder bot".into(),
            description: "Texts and emails patients the day before their appointment.".into(),
            owner_id: "usr_olivia_owner".into(),
            acts_for_id: None,
            status: AccountStatus::Active,
        };
        accounts::insert_row(&mut tx, REMINDER_BOT, &fields).await?;
    }
    if keys::count(&mut tx, REMINDER_BOT).await? == 0 {
        let generated = apikey::generate();
        let id = keys::id_of(&generated.key_id);
        let key_hash = crypto::token_hash(&generated.key);
        let key = NewKey {
            id: &id,
            account_id: REMINDER_BOT,
            name: "reminder service (demo)",
            prefix: &generated.prefix,
            key_hash: &key_hash,
            created_by: "usr_olivia_owner",
            expires_at: now + DEMO_KEY_DAYS * 86_400,
        };
        keys::insert(&mut tx, &key, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Registers an extra client (tests: a second public client, or a confidential introspector).
pub async fn register_client(state: &AppState, client: NewClient<'_>) -> Result<()> {
    clients::upsert(&state.pool, client).await
}

/// Registers a confidential client as the resource server of `resource` (RFC 8707): it may
/// introspect its organization's tokens, and tokens may be minted for it.
pub async fn register_resource_server(
    state: &AppState,
    client: NewClient<'_>,
    resource: &str,
) -> Result<()> {
    let client_id = client.client_id;
    clients::upsert(&state.pool, client).await?;
    clients::set_resource(&state.pool, client_id, resource).await
}
