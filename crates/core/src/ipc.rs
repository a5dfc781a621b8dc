//! Types that cross to the web view. None of them can hold a token.

use console_api::Me;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::profiles::Profile;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProfilesView {
    pub profiles: Vec<Profile>,
    pub selected: String,
}

/// Who is signed in on a profile. Deliberately only the identity: never a token.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionView {
    pub profile: String,
    pub me: Me,
}

/// The small closed set of error codes the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotSignedIn,
    SessionExpired,
    Cancelled,
    Timeout,
    Network,
    AuthFailed,
    Server,
    InvalidInput,
    Keyring,
    Internal,
}

/// An error as it crosses IPC: `{ code, message }`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<crate::Error> for IpcError {
    fn from(e: crate::Error) -> Self {
        IpcError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// A demo account shown on the sign-in screen when the app runs on its built-in platform.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DemoPersona {
    pub label: String,
    pub email: String,
    pub password: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DemoInfo {
    pub api_base: String,
    pub personas: Vec<DemoPersona>,
}
