//! Invitations of staff (admin API v1, invitations): an OWNER invites a person by name, email
//! and roles; the person is `invited` until they accept at the platform, where they set their
//! own password. The code that accepts is shown once, to the OWNER who invited (or re-sent).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::StaffRole;

/// `POST /v1/invitations`. Roles travel as strings, so an unknown one is refused by name
/// (`unknown_role`), as in a role change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewInvitation {
    pub display_name: String,
    pub email: String,
    pub roles: Vec<String>,
    /// Why; required, recorded in the audit event.
    pub reason: String,
}

/// A pending invitation as listed (`GET /v1/invitations`): who, which roles, who invited them
/// and until when it can be accepted. Never the code: the platform keeps only its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Invitation {
    pub id: String,
    /// The invited person (status `invited` until they accept).
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<StaffRole>,
    pub invited_by_id: String,
    pub invited_by_name: String,
    /// When the current code was issued (the invitation, or its last re-send), Unix seconds.
    #[ts(type = "number")]
    pub sent_at: i64,
    /// After this the code no longer accepts; an OWNER can re-send. Unix seconds.
    #[ts(type = "number")]
    pub expires_at: i64,
    /// Grows with every re-send; re-send and withdraw need it in `If-Match`.
    #[ts(type = "number")]
    pub version: i64,
}

/// The one answer that holds an invitation's code (creation and re-send). `Debug` leaves the
/// code and the link out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedInvitation {
    pub invitation: Invitation,
    /// What the person types on the platform's accept page.
    pub code: String,
    /// The platform's accept page with the code in it, to send to the person.
    pub accept_url: String,
}

impl std::fmt::Debug for CreatedInvitation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedInvitation")
            .field("invitation", &self.invitation)
            .field("code", &"<redacted>")
            .field("accept_url", &"<redacted>")
            .finish()
    }
}

/// The body of a re-send or a withdrawal: only why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationAction {
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_code() {
        let created = CreatedInvitation {
            invitation: Invitation {
                id: "inv_1".into(),
                user_id: "usr_1".into(),
                display_name: "Ada".into(),
                email: "ada@example.org".into(),
                roles: vec![StaffRole::Member],
                invited_by_id: "usr_o".into(),
                invited_by_name: "Olivia".into(),
                sent_at: 1,
                expires_at: 2,
                version: 1,
            },
            code: "inv-secret-code".into(),
            accept_url: "https://p/invitations/accept?code=inv-secret-code".into(),
        };
        let shown = format!("{created:?}");
        assert!(!shown.contains("inv-secret-code"), "{shown}");
        assert!(shown.contains("Ada"));
    }
}
