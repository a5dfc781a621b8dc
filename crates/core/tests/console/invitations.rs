//! Invitations through the console core against the emulator over real sockets: an OWNER
//! invites, the person accepts at the platform's page and signs in to a console of their own;
//! the link is shown once and kept nowhere on the console's side; re-send and withdraw.

use crate::common::dir::*;
use crate::common::*;
use console_core::invitations::InviteStaff;
use console_core::token_store::KEYRING_SERVICE;
use console_core::{DirectoryQuery, ErrorCode, StaffRole, UserStatus};

const QUENTIN: &str = "quentin.harbor@demo-clinic.test";
const PASSWORD: &str = "plum-sextant-harbor-quietly-47";

fn quentin() -> InviteStaff {
    InviteStaff {
        display_name: "Quentin Harbor".into(),
        email: QUENTIN.into(),
        roles: vec![StaffRole::Member],
        reason: "joins the front desk".into(),
    }
}

/// Staff sign in with a password only in these tests: a config Owner turns the organization's
/// MFA requirement off, whatever second factor the platform asks for.
async fn without_mfa(emu: &platform_emulator::RunningEmulator) {
    let cora = console(&emu.base_url(), as_person(CONFIG_OWNER), WAIT, &["console"]);
    cora.console.sign_in(&cora.profile).await.unwrap();
    let view = cora.console.settings_view(&cora.profile).await.unwrap();
    let changes = serde_json::json!({"mfa_required_for_staff": false});
    let changes = serde_json::from_value(changes).unwrap();
    let p = &cora.profile;
    cora.console
        .save_settings(p, view.settings.version, &changes, "password-only test")
        .await
        .unwrap();
    cora.sign_out().await;
}

/// What the person's browser does with the link: opens it, types the password twice.
async fn accept(link: &str, code: &str, base: &str) -> u16 {
    let http = reqwest::Client::new();
    assert_eq!(http.get(link).send().await.unwrap().status(), 200);
    let form = [
        ("code", code),
        ("password", PASSWORD),
        ("confirm", PASSWORD),
    ];
    let r = http
        .post(format!("{base}/invitations/accept"))
        .form(&form)
        .send()
        .await
        .unwrap();
    r.status().as_u16()
}

#[tokio::test]
async fn an_owner_invites_the_person_accepts_and_signs_in_and_the_link_is_kept_nowhere() {
    let emu = platform().await;
    without_mfa(&emu).await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let link = h
        .console
        .invite_staff(&h.profile, &quentin())
        .await
        .unwrap();
    let shown = link.reveal();
    assert!(shown.accept_url.contains(&shown.code));
    let user_id = shown.invitation.user_id.clone();

    let pending = h.console.invitations(&h.profile).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].invited_by_name, "Olivia Owner");
    assert!(!serde_json::to_string(&pending)
        .unwrap()
        .contains(&shown.code));
    // The directory followed the server through the feed: the person is there, invited.
    let found = h
        .console
        .search_users(&h.profile, &DirectoryQuery::text("Quentin Harbor", 10))
        .await
        .unwrap();
    assert_eq!(found.rows.len(), 1, "{:?}", found.rows);
    assert_eq!(found.rows[0].status, UserStatus::Invited);

    assert_eq!(
        accept(&shown.accept_url, &shown.code, &emu.base_url()).await,
        200
    );
    let q = console(
        &emu.base_url(),
        as_person((QUENTIN, PASSWORD)),
        WAIT,
        &["console"],
    );
    let session = q.console.sign_in(&q.profile).await.unwrap();
    assert_eq!(session.me.user_id, user_id);
    assert_eq!(session.me.staff_roles, vec![StaffRole::Member]);
    q.sign_out().await;

    // Activity after the link was shown: a sync writes to the cache.
    sync(&h).await;
    for secret in [&shown.code, &shown.accept_url] {
        for dir in [h.data_dir.path(), h.config_dir.path()] {
            assert_eq!(any_file_contains(dir, secret), None, "the link on disk");
        }
        let keyring = std::process::Command::new("secret-tool")
            .args(["search", "--all", "--unlock", "service", KEYRING_SERVICE])
            .output()
            .expect("secret-tool runs");
        let listing = String::from_utf8_lossy(&keyring.stdout);
        assert!(
            !listing.contains(secret.as_str()),
            "the link in the keyring"
        );
    }
    h.sign_out().await;
}

#[tokio::test]
async fn a_resend_replaces_the_link_and_a_withdrawal_removes_the_person() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let first = h
        .console
        .invite_staff(&h.profile, &quentin())
        .await
        .unwrap()
        .reveal();
    let id = first.invitation.id.clone();
    let stale = h
        .console
        .resend_invitation(&h.profile, &id, 7, "lost the email")
        .await
        .err()
        .expect("a stale version is refused");
    assert_eq!(stale.code(), ErrorCode::Conflict, "{stale}");
    let second = h
        .console
        .resend_invitation(&h.profile, &id, 1, "lost the email")
        .await
        .unwrap()
        .reveal();
    assert_ne!(second.code, first.code);
    assert_eq!(second.invitation.version, 2);
    let old = reqwest::get(&first.accept_url).await.unwrap().status();
    assert_eq!(old, 410, "the old link is dead");

    let blank = h
        .console
        .withdraw_invitation(&h.profile, &id, 2, "  ")
        .await
        .expect_err("a reason is required");
    assert_eq!(blank.code(), ErrorCode::InvalidInput);
    let withdrawn = h
        .console
        .withdraw_invitation(&h.profile, &id, 2, "hired elsewhere")
        .await
        .unwrap();
    assert_eq!(withdrawn.user_id, first.invitation.user_id);
    assert!(h.console.invitations(&h.profile).await.unwrap().is_empty());
    let found = h
        .console
        .search_users(&h.profile, &DirectoryQuery::text("Quentin Harbor", 10))
        .await
        .unwrap();
    assert!(found.rows.is_empty(), "the tombstone reached the cache");
    let page = reqwest::get(&second.accept_url).await.unwrap().status();
    assert_eq!(page, 410);
    h.sign_out().await;
}

#[tokio::test]
async fn support_may_not_invite_and_the_console_says_so() {
    let emu = platform().await;
    let s = console(&emu.base_url(), as_person(SUPPORT), WAIT, &["console"]);
    s.console.sign_in(&s.profile).await.unwrap();
    let refused = s
        .console
        .invite_staff(&s.profile, &quentin())
        .await
        .err()
        .expect("SUPPORT cannot invite");
    assert_eq!(refused.code(), ErrorCode::Forbidden, "{refused}");
    let listing = s.console.invitations(&s.profile).await.unwrap_err();
    assert_eq!(listing.code(), ErrorCode::Forbidden);
    s.sign_out().await;
}
