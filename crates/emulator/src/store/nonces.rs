//! The OIDC `nonce` columns of `auth_requests` and `auth_codes`: kept apart from those tables'
//! modules because only OpenID Connect reads them.

use sqlx::SqlitePool;

use crate::Result;

pub async fn set_for_request(pool: &SqlitePool, request_id: &str, nonce: &str) -> Result<()> {
    sqlx::query("UPDATE auth_requests SET nonce = ? WHERE id = ?")
        .bind(nonce)
        .bind(request_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Copies the request's nonce to the code it produced; call before the request is deleted.
pub async fn carry_to_code(pool: &SqlitePool, request_id: &str, code_hash: &str) -> Result<()> {
    sqlx::query(
        "UPDATE auth_codes SET nonce = (SELECT nonce FROM auth_requests WHERE id = ?) \
         WHERE code_hash = ?",
    )
    .bind(request_id)
    .bind(code_hash)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn of_code(pool: &SqlitePool, code_hash: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar::<_, Option<String>>("SELECT nonce FROM auth_codes WHERE code_hash = ?")
            .bind(code_hash)
            .fetch_optional(pool)
            .await?
            .flatten(),
    )
}
