//! `POST /v1/service-accounts/{id}/client-secret` (OWNER): the account's M2M credentials for
//! the `client_credentials` grant. The first call registers the account's OAuth2 client (its
//! client id never changes afterwards); every call issues a new secret, and the previous one
//! stops at once, with every token it obtained. The secret is in this answer only: the client
//! keeps a hash.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing;
use axum::Router;
use console_api::{actions, CreatedClientSecret};
use serde_json::json;

use super::account_access::{self as access, Write};
use super::auth::Caller;
use super::request_id::RequestId;
use super::step_up::{Authentication, Operation};
use crate::error::ApiError;
use crate::store::clients;
use crate::{crypto, AppState};

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/v1/service-accounts/{id}/client-secret",
        routing::post(rotate),
    )
}

pub async fn rotate(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: Authentication,
    request_id: RequestId,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    access::may_write(&state, &caller).await?;
    auth.require(&state, Operation::RotateClientSecret)?;
    let (access::ReasonOnly {}, mut write, account) =
        Write::on_account(&state, &caller, &request_id, &body, &id).await?;
    let existing = clients::of_account(&mut write.tx, &id).await?;
    // A client registered by other means (the demo seed's) has a secret but no issue time.
    let (client_id, before) = match existing {
        Some((client_id, issued)) => {
            let before = json!({ "client_id": client_id, "secret_issued_at": issued });
            (client_id, before)
        }
        None => {
            let client_id = format!("m2m_{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
            let org = write.writer.org_id.clone();
            clients::insert_for_account(&mut write.tx, &client_id, &org, &account.name, &id)
                .await?;
            let before = json!({ "client_id": null, "secret_issued_at": null });
            (client_id, before)
        }
    };
    // 256 bits from the OS CSPRNG; `acs_` tells it apart from an API key (`acx_`) at a glance.
    let secret = crypto::random_token("acs_test_");
    clients::set_secret(&mut write.tx, &client_id, &secret, write.now).await?;
    let after = json!({ "client_id": client_id, "secret_issued_at": write.now });
    let action = actions::CLIENT_SECRET_ROTATE;
    write.record(&account, action, before, after).await?;
    write.tx.commit().await?;
    Ok(access::created_secret(&CreatedClientSecret {
        client_id,
        client_secret: secret,
    }))
}
