//! The idle lock: the session's tokens leave memory, the keyring and the server; the copy is
//! sealed and unreadable; signing in again resumes with the same copy.

use crate::common::dir::*;
use crate::common::me_status;
use console_core::{DirectoryQuery, ErrorCode, TokenStore};

#[tokio::test]
async fn a_locked_session_needs_a_new_sign_in_and_seals_the_copy() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let store = console_core::KeyringStore;
    let before = store
        .get(&h.account())
        .unwrap()
        .expect("tokens in the keyring");
    assert_eq!(
        me_status(&emu.base_url(), before.access_token.expose()).await,
        200
    );

    let report = h.console.lock(&h.profile).await.unwrap();
    assert!(report.revoked_at_server, "the server ends the session too");
    assert!(
        store.get(&h.account()).unwrap().is_none(),
        "no token left in the keyring"
    );
    assert_eq!(
        me_status(&emu.base_url(), before.access_token.expose()).await,
        401,
        "the dropped access token no longer works anywhere"
    );
    let e = h.console.whoami(&h.profile).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotSignedIn);
    assert!(
        report.copy_kept,
        "the lock seals the copy: {:?}",
        report.copy_note
    );
    // Locked, nothing reads the copy: no session of its person is held.
    let e = h
        .console
        .search_users(&h.profile, &DirectoryQuery::text("Olivia", 10))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotSignedIn);

    h.console.sign_in(&h.profile).await.unwrap();
    let page = h
        .console
        .search_users(&h.profile, &DirectoryQuery::text("Olivia Owner", 10))
        .await
        .unwrap();
    assert!(page.rows.iter().any(|u| u.id == "usr_olivia_owner"));
    let report = sync(&h).await;
    assert!(
        !report.full,
        "after signing in again the same cache continues with deltas"
    );
    h.sign_out().await;
}
