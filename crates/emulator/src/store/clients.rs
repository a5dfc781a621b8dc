use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::crypto;
use crate::Result;

#[derive(Debug, Clone)]
pub struct Client {
    pub client_id: String,
    pub org_id: String,
    pub name: String,
    pub secret_hash: Option<String>,
    pub redirect_uris: Vec<String>,
    pub scopes: Vec<String>,
    pub service_account_id: Option<String>,
    /// Set when the client is a resource server: the resource (RFC 8707) it serves.
    pub resource: Option<String>,
    /// One of the platform's own clients (the console), not an app of the organization: the
    /// organization's `allowed_redirect_uris` does not govern its redirects.
    pub first_party: bool,
}

impl Client {
    pub fn is_public(&self) -> bool {
        self.secret_hash.is_none()
    }

    pub fn allows_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// A client to register. A confidential client has a secret and acts as its service account.
pub struct NewClient<'a> {
    pub client_id: &'a str,
    pub org_id: &'a str,
    pub name: &'a str,
    pub secret: Option<&'a str>,
    pub redirect_uris: &'a [&'a str],
    pub scopes: &'a [&'a str],
    pub service_account_id: Option<&'a str>,
}

pub async fn find(pool: &SqlitePool, client_id: &str) -> Result<Option<Client>> {
    let row = sqlx::query(
        "SELECT client_id, org_id, name, secret_hash, redirect_uris, scopes, service_account_id, \
         resource, first_party FROM clients WHERE client_id = ?",
    )
    .bind(client_id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let redirect_uris: String = row.try_get("redirect_uris")?;
    let scopes: String = row.try_get("scopes")?;
    Ok(Some(Client {
        client_id: row.try_get("client_id")?,
        org_id: row.try_get("org_id")?,
        name: row.try_get("name")?,
        secret_hash: row.try_get("secret_hash")?,
        redirect_uris: serde_json::from_str(&redirect_uris).unwrap_or_default(),
        scopes: scopes.split_whitespace().map(str::to_string).collect(),
        service_account_id: row.try_get("service_account_id")?,
        resource: row.try_get("resource")?,
        first_party: row.try_get("first_party")?,
    }))
}

/// Registers (or re-registers) a client. Secrets are high-entropy, so a SHA-256 hash suffices.
pub async fn upsert(pool: &SqlitePool, client: NewClient<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO clients (client_id, org_id, name, secret_hash, redirect_uris, scopes, \
         service_account_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(client_id) DO UPDATE SET \
         org_id = excluded.org_id, name = excluded.name, secret_hash = excluded.secret_hash, \
         redirect_uris = excluded.redirect_uris, scopes = excluded.scopes, \
         service_account_id = excluded.service_account_id",
    )
    .bind(client.client_id)
    .bind(client.org_id)
    .bind(client.name)
    .bind(client.secret.map(crypto::token_hash))
    .bind(serde_json::to_string(client.redirect_uris).unwrap_or_else(|_| "[]".into()))
    .bind(client.scopes.join(" "))
    .bind(client.service_account_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Marks `client_id` as one of the platform's own clients (see `Client::first_party`).
pub async fn set_first_party(pool: &SqlitePool, client_id: &str) -> Result<()> {
    sqlx::query("UPDATE clients SET first_party = 1 WHERE client_id = ?")
        .bind(client_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Registers `client_id` as the resource server of `resource` (RFC 8707): it may then
/// introspect its organization's tokens, and tokens may be minted for that resource.
pub async fn set_resource(pool: &SqlitePool, client_id: &str, resource: &str) -> Result<()> {
    sqlx::query("UPDATE clients SET resource = ? WHERE client_id = ?")
        .bind(resource)
        .bind(client_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Is `resource` served by a resource server registered in `org_id`?
pub async fn is_resource_of_org(pool: &SqlitePool, org_id: &str, resource: &str) -> Result<bool> {
    let row = sqlx::query("SELECT 1 FROM clients WHERE org_id = ? AND resource = ? LIMIT 1")
        .bind(org_id)
        .bind(resource)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_some())
}

/// The M2M client of a service account, and when its current secret was issued.
pub async fn of_account(
    conn: &mut SqliteConnection,
    account_id: &str,
) -> Result<Option<(String, Option<i64>)>> {
    let row = sqlx::query(
        "SELECT client_id, secret_issued_at FROM clients WHERE service_account_id = ? \
         ORDER BY client_id LIMIT 1",
    )
    .bind(account_id)
    .fetch_optional(conn)
    .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
}

/// Registers the M2M client of a service account (`client_credentials`, scope `console`).
pub async fn insert_for_account(
    conn: &mut SqliteConnection,
    client_id: &str,
    org_id: &str,
    name: &str,
    account_id: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO clients (client_id, org_id, name, secret_hash, redirect_uris, scopes, \
         service_account_id) VALUES (?, ?, ?, NULL, '[]', 'console', ?)",
    )
    .bind(client_id)
    .bind(org_id)
    .bind(name)
    .bind(account_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces a confidential client's secret (stored as `upsert` stores it: a SHA-256 hash, the
/// secret being high-entropy). The previous secret stops at once, and so does every token it
/// obtained: a secret is rotated because it may have leaked.
pub async fn set_secret(
    conn: &mut SqliteConnection,
    client_id: &str,
    secret: &str,
    now: i64,
) -> Result<()> {
    sqlx::query("UPDATE clients SET secret_hash = ?, secret_issued_at = ? WHERE client_id = ?")
        .bind(crypto::token_hash(secret))
        .bind(now)
        .bind(client_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE token_families SET revoked_at = ? WHERE client_id = ? AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(client_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
