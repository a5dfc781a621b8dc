//! The demo organization: one named person per console persona, with documented passwords, a
//! named household, a few thousand generated people around them, and the console registered as
//! a public client.

mod personas;

pub use personas::{persona, totp_secret_for, DemoPersona, PERSONAS};

use console_api::{AccountStatus, UserKind, UserStatus};

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

/// The demo's generated population: a fixed seed, so every demo shows the same people.
pub const DEMO_GENERATED_SEED: u64 = 20_261_129;
pub const DEMO_GENERATED_USERS: usize = 3_000;

/// Named people besides the personas: a household (dependents share a guardian's contact
/// details) and a patient of their own, so the demo shows both seed rules at work.
/// (id, kind, name, email, phone, guardian id, date of birth)
type Named = (
    &'static str,
    UserKind,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
);

const NAMED: &[Named] = &[
    (
        "usr_john_guardian",
        UserKind::Guardian,
        "John Guardian",
        "john.guardian@mail.test",
        "(555) 010-0142",
        None,
        "1984-06-12",
    ),
    (
        "usr_emily_dependent",
        UserKind::Dependent,
        "Emily Guardian",
        "john.guardian@mail.test",
        "(555) 010-0142",
        Some("usr_john_guardian"),
        // The guide's child: young enough that John sees everything for years to come.
        "2017-03-04",
    ),
    (
        "usr_pat_patient",
        UserKind::Patient,
        "Pat Patient",
        "pat.patient@mail.test",
        "(555) 010-0199",
        None,
        "1991-09-30",
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
        date_of_birth: None,
    };
    for p in PERSONAS {
        if users::exists(pool, p.id).await? {
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
    for (id, kind, name, email, phone, guardian, born) in NAMED {
        if users::exists(pool, id).await? {
            continue;
        }
        write::create(
            pool,
            NewUser {
                email: Some((*email).into()),
                phone: Some((*phone).into()),
                guardian_id: guardian.map(str::to_string),
                date_of_birth: Some((*born).into()),
                ..new(id, *kind, name)
            },
            now,
        )
        .await?;
    }
    if !users::exists(pool, REMINDER_BOT).await? {
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
            // The guide: service accounts act on behalf of a provider. Its calls are Priya's,
            // limited to what a service account may do (patient records).
            acts_for_id: Some("usr_priya_provider".into()),
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
