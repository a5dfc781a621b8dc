//! Invitations of staff: an OWNER invites a person (name, email, roles, reason), lists the
//! pending invitations, re-sends one (a new link; the old one stops working) or withdraws one.
//!
//! The link (and its code) lets whoever holds it set the person's password, so it is a secret
//! shown once: it is held as a [`Secret`] from the server's answer until the caller shows it
//! ([`OneTimeInvitation`] is its only serializable form, for that one IPC answer), and is never
//! written to the cache, the keyring or a log. The password rules are the platform's, on its
//! own page; the console keeps no copy of them.

use console_api::{CreatedInvitation, Invitation, InvitationAction, NewInvitation, StaffRole};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api_client::{encode, require_reason, to_body, Call};
use crate::{Console, Error, Result, Secret};

/// What the invite form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InviteStaff {
    pub display_name: String,
    pub email: String,
    pub roles: Vec<StaffRole>,
    pub reason: String,
}

/// An invitation just created or re-sent, before its link is shown.
pub struct NewInvitationLink {
    pub invitation: Invitation,
    pub code: Secret,
    pub accept_url: Secret,
}

impl From<CreatedInvitation> for NewInvitationLink {
    fn from(c: CreatedInvitation) -> Self {
        NewInvitationLink {
            invitation: c.invitation,
            code: Secret::new(c.code),
            accept_url: Secret::new(c.accept_url),
        }
    }
}

impl NewInvitationLink {
    /// For the single answer that shows it.
    pub fn reveal(self) -> OneTimeInvitation {
        OneTimeInvitation {
            invitation: self.invitation,
            code: self.code.expose().to_string(),
            accept_url: self.accept_url.expose().to_string(),
        }
    }
}

/// The one IPC answer that carries an invitation's link: the dialog shows it once, then
/// forgets it.
#[derive(Clone, Serialize, Deserialize, TS)]
pub struct OneTimeInvitation {
    pub invitation: Invitation,
    pub code: String,
    pub accept_url: String,
}

impl std::fmt::Debug for OneTimeInvitation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OneTimeInvitation")
            .field("invitation", &self.invitation)
            .field("code", &"<redacted>")
            .field("accept_url", &"<redacted>")
            .finish()
    }
}

fn invitation_path(id: &str, action: &str) -> String {
    format!("/v1/invitations/{}/{action}", encode(id))
}

fn filled(value: &str, what: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::InvalidInput(format!("Give the person's {what}.")));
    }
    Ok(value.to_string())
}

impl Console {
    /// Invites a staff member: the platform creates them as `invited` and answers the link that
    /// lets them set their password, which is in the answer and nowhere else.
    pub async fn invite_staff(
        &self,
        profile: &str,
        invite: &InviteStaff,
    ) -> Result<NewInvitationLink> {
        let body = to_body(&NewInvitation {
            display_name: filled(&invite.display_name, "name")?,
            email: filled(&invite.email, "email address")?,
            roles: invite
                .roles
                .iter()
                .map(|r| r.as_str().to_string())
                .collect(),
            reason: require_reason(&invite.reason)?,
        })?;
        let created: CreatedInvitation = self
            .session(profile)?
            .call(&Call {
                method: Method::POST,
                path: "/v1/invitations",
                body: Some(body),
                if_match: None,
            })
            .await?;
        self.catch_up(profile).await;
        Ok(created.into())
    }

    /// The organization's pending invitations (expired ones too: they can be re-sent).
    pub async fn invitations(&self, profile: &str) -> Result<Vec<Invitation>> {
        self.session(profile)?.get("/v1/invitations").await
    }

    /// A new link for the invitation at `expected_version`; the old link stops working.
    pub async fn resend_invitation(
        &self,
        profile: &str,
        id: &str,
        expected_version: i64,
        reason: &str,
    ) -> Result<NewInvitationLink> {
        let body = to_body(&InvitationAction {
            reason: require_reason(reason)?,
        })?;
        let created: CreatedInvitation = self
            .session(profile)?
            .call(&Call {
                method: Method::POST,
                path: &invitation_path(id, "resend"),
                body: Some(body),
                if_match: Some(expected_version),
            })
            .await?;
        Ok(created.into())
    }

    /// Withdraws the invitation at `expected_version`: its link stops working and the invited
    /// person, who never accepted, is removed. Answers the invitation as it was.
    pub async fn withdraw_invitation(
        &self,
        profile: &str,
        id: &str,
        expected_version: i64,
        reason: &str,
    ) -> Result<Invitation> {
        let body = to_body(&InvitationAction {
            reason: require_reason(reason)?,
        })?;
        let withdrawn: Invitation = self
            .session(profile)?
            .call(&Call {
                method: Method::POST,
                path: &invitation_path(id, "withdraw"),
                body: Some(body),
                if_match: Some(expected_version),
            })
            .await?;
        self.catch_up(profile).await;
        Ok(withdrawn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_redacted_everywhere_but_the_one_answer_that_shows_it() {
        let created = CreatedInvitation {
            invitation: Invitation {
                id: "inv_1".into(),
                user_id: "usr_1".into(),
                display_name: "Quentin".into(),
                email: "q@example.org".into(),
                roles: vec![StaffRole::Member],
                invited_by_id: "usr_o".into(),
                invited_by_name: "Olivia".into(),
                sent_at: 1,
                expires_at: 2,
                version: 1,
            },
            code: "inv_topsecret".into(),
            accept_url: "http://p/invitations/accept?code=inv_topsecret".into(),
        };
        let link = NewInvitationLink::from(created);
        let shown = link.reveal();
        assert!(!format!("{shown:?}").contains("topsecret"));
        let json = serde_json::to_string(&shown).unwrap();
        assert!(json.contains("inv_topsecret"), "the one answer carries it");
    }
}
