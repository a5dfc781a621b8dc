//! OAuth2 against any standards-compliant authorization server: discovery (RFC 8414 / OIDC),
//! authorization code + PKCE through the system browser with a loopback redirect (RFC 8252),
//! refresh and revocation (RFC 7009); on OpenID Providers, ID token validation (OIDC Core).

mod client;
pub(crate) mod discovery;
pub mod hygiene;
pub mod id_token;
mod loopback;
pub(crate) mod signin;

pub use client::{http_client, OAuthClient};
pub use discovery::{discover, Metadata};
pub use id_token::VerifiedIdentity;
pub use signin::{sign_in, SignInOptions, SignedIn};
