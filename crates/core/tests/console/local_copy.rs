//! One person, one copy: the local directory copy is readable only inside its person's held
//! session, is deleted at sign-out unless kept, a kept copy is sealed by the platform's
//! per-person key (and dies with that person's access), and a copy shrinks with its person's
//! rights. Real emulator over sockets, real keyring, real SQLCipher files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common::dir::*;
use crate::common::*;
use console_core::api::{User, UserKind};
use console_core::{Call, DirectoryQuery, ErrorCode, LocalCopy, TokenStore};
use platform_emulator::RunningEmulator;

/// The demo's consumers: patients, guardians, dependents, care professionals.
fn is_consumer(kind: UserKind) -> bool {
    matches!(
        kind,
        UserKind::Patient | UserKind::Guardian | UserKind::Dependent | UserKind::Hcp
    )
}

async fn console_for(emu: &RunningEmulator, first: (&str, &str)) -> (Harness, Arc<AnyPerson>) {
    let person = AnyPerson::new(first);
    let h = console(
        &emu.base_url(),
        person.clone(),
        WAIT,
        &["console", "offline_access"],
    );
    (h, person)
}

async fn sign_in_as(h: &Harness, person: &AnyPerson, login: (&str, &str)) {
    person.set(login);
    h.console.sign_in(&h.profile).await.unwrap();
}

/// Every file of every copy this console keeps.
fn copy_files(data_dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![data_dir.join("cache")];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().contains(".sqlite") {
                out.push(path);
            }
        }
    }
    out
}

/// A search of the copy is refused as `not_signed_in`.
async fn assert_search_refused(h: &Harness) {
    let e = h
        .console
        .search_users(&h.profile, &DirectoryQuery::text("a", 50))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotSignedIn, "{e}");
}

async fn everyone_in_copy(h: &Harness) -> Vec<User> {
    h.console
        .cache(&h.profile)
        .await
        .unwrap()
        .all_users()
        .await
        .unwrap()
}

fn keyring_entry(account: &str) -> Option<String> {
    match keyring::Entry::new("access-console", account)
        .unwrap()
        .get_password()
    {
        Ok(v) => Some(v),
        Err(keyring::Error::NoEntry) => None,
        Err(e) => panic!("keyring: {e}"),
    }
}

/// An OWNER's change of Sam's status or roles, straight to the platform.
async fn owner_changes(emu: &RunningEmulator, path: &str, body: serde_json::Value) {
    let (owner, _) = console_for(emu, OWNER).await;
    owner.console.sign_in(&owner.profile).await.unwrap();
    let sam: User = owner
        .console
        .server_user(&owner.profile, "usr_sam_support")
        .await
        .unwrap();
    let session = owner.console.session(&owner.profile).unwrap();
    let _: User = session
        .call(&Call {
            method: reqwest::Method::PUT,
            path,
            body: Some(body),
            if_match: Some(sam.version),
        })
        .await
        .unwrap();
    owner
        .console
        .sign_out(&owner.profile, LocalCopy::Delete)
        .await
        .unwrap();
}

#[tokio::test]
async fn signed_out_nothing_reads_the_copy_and_the_next_person_sees_only_their_own() {
    let emu = platform().await;
    let (h, person) = console_for(&emu, OWNER).await;
    sign_in_as(&h, &person, OWNER).await;
    sync(&h).await;
    assert!(
        everyone_in_copy(&h)
            .await
            .iter()
            .any(|u| is_consumer(u.kind)),
        "the OWNER's copy holds patients (else the rest proves nothing)"
    );
    let files_while_signed_in = copy_files(h.data_dir.path());
    assert!(!files_while_signed_in.is_empty());

    let report = h
        .console
        .sign_out(&h.profile, LocalCopy::Delete)
        .await
        .unwrap();
    assert!(!report.copy_kept);
    // Signed out, the copy is not readable: not by search, not by detail, not by status.
    assert_search_refused(&h).await;
    let e = h
        .console
        .user_detail(&h.profile, "usr_olivia_owner")
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotSignedIn);
    assert_eq!(
        h.console.sync_status(&h.profile).await.unwrap().user_count,
        0
    );
    // By default nothing of it is left: no database, -wal, -shm or -journal file, no key.
    assert_eq!(copy_files(h.data_dir.path()), Vec::<PathBuf>::new());
    let account = format!("app/{}:usr_olivia_owner", h.profile);
    assert_eq!(keyring_entry(&format!("cache-key:{account}")), None);
    assert_eq!(keyring_entry(&format!("sealed-cache-key:{account}")), None);

    // A MEMBER on the same console sees staff only, in the window's reads and in the copy.
    sign_in_as(&h, &person, MEMBER).await;
    sync(&h).await;
    let seen = everyone_in_copy(&h).await;
    assert!(!seen.is_empty());
    assert!(
        seen.iter().all(|u| !is_consumer(u.kind)),
        "a MEMBER's copy holds no consumer"
    );
    let page = h
        .console
        .search_users(&h.profile, &DirectoryQuery::text("", 500))
        .await
        .unwrap();
    assert!(page.rows.iter().all(|u| !is_consumer(u.kind)));
    h.console
        .sign_out(&h.profile, LocalCopy::Delete)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_kept_copy_is_sealed_opens_only_for_its_person_and_needs_no_full_sync() {
    let emu = platform().await;
    let (h, person) = console_for(&emu, OWNER).await;
    sign_in_as(&h, &person, OWNER).await;
    assert!(
        h.console
            .current_session(&h.profile)
            .await
            .unwrap()
            .unwrap()
            .can_keep_copy,
        "the emulator hands out seal keys"
    );
    sync(&h).await;
    let owners_rows = everyone_in_copy(&h).await.len();
    let report = h
        .console
        .sign_out(&h.profile, LocalCopy::Keep)
        .await
        .unwrap();
    assert!(report.copy_kept, "{:?}", report.copy_note);
    let account = format!("app/{}:usr_olivia_owner", h.profile);
    // Only the sealed form is in the keyring: the plain key is gone.
    assert_eq!(keyring_entry(&format!("cache-key:{account}")), None);
    assert!(keyring_entry(&format!("sealed-cache-key:{account}")).is_some());
    assert_search_refused(&h).await;

    // The MEMBER next: still staff only (the OWNER's kept copy is not theirs).
    sign_in_as(&h, &person, MEMBER).await;
    sync(&h).await;
    assert!(everyone_in_copy(&h)
        .await
        .iter()
        .all(|u| !is_consumer(u.kind)));
    h.console
        .sign_out(&h.profile, LocalCopy::Delete)
        .await
        .unwrap();

    // The OWNER again: the kept copy opens as it was, and only the changes are fetched.
    sign_in_as(&h, &person, OWNER).await;
    assert_eq!(everyone_in_copy(&h).await.len(), owners_rows);
    let report = sync(&h).await;
    assert!(!report.full, "a kept copy continues with the change feed");
    assert!(keyring_entry(&format!("sealed-cache-key:{account}")).is_none());
    h.console
        .sign_out(&h.profile, LocalCopy::Delete)
        .await
        .unwrap();
}

/// A screen still reading while its person signs out with "keep": the read that comes after
/// the seal must not open the copy (there is no plain key any more: it would start a fresh copy
/// over the sealed one, which sign-out then deletes).
#[tokio::test]
async fn reads_in_flight_at_sign_out_do_not_destroy_the_kept_copy() {
    let emu = platform().await;
    let (h, person) = console_for(&emu, OWNER).await;
    sign_in_as(&h, &person, OWNER).await;
    sync(&h).await;
    let owners_rows = everyone_in_copy(&h).await.len();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (console, profile, stop) = (h.console.clone(), h.profile.clone(), stop.clone());
        tokio::spawn(async move {
            let mut reads = 0u32;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let _ = console
                    .search_users(&profile, &DirectoryQuery::text("a", 5))
                    .await;
                reads += 1;
                tokio::task::yield_now().await;
            }
            reads
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let report = h
        .console
        .sign_out(&h.profile, LocalCopy::Keep)
        .await
        .unwrap();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    assert!(
        reader.await.unwrap() > 0,
        "the reader ran during the sign-out"
    );
    assert!(report.copy_kept, "{:?}", report.copy_note);
    assert!(
        !copy_files(h.data_dir.path()).is_empty(),
        "the kept copy is on disk"
    );
    sign_in_as(&h, &person, OWNER).await;
    assert_eq!(everyone_in_copy(&h).await.len(), owners_rows);
    assert!(
        !sync(&h).await.full,
        "the kept copy continues with the feed"
    );
    h.console
        .sign_out(&h.profile, LocalCopy::Delete)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_kept_copy_can_never_be_opened_once_the_platform_suspends_its_person() {
    let emu = platform().await;
    let (h, person) = console_for(&emu, SUPPORT).await;
    sign_in_as(&h, &person, SUPPORT).await;
    sync(&h).await;
    h.console
        .sign_out(&h.profile, LocalCopy::Keep)
        .await
        .unwrap();
    let account = format!("app/{}:usr_sam_support", h.profile);
    let sealed = keyring_entry(&format!("sealed-cache-key:{account}")).unwrap();
    let db = copy_files(h.data_dir.path())
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "sqlite"))
        .unwrap();

    // Whatever the keyring holds does not open the file: there is no plain key, and the
    // sealed entry is no key to it.
    assert_eq!(keyring_entry(&format!("cache-key:{account}")), None);
    for candidate in [sealed.clone(), hex(sealed.as_bytes())] {
        assert!(
            open_with_raw_key(&db, &candidate).await.is_err(),
            "the sealed entry alone opens the copy"
        );
    }

    owner_changes(
        &emu,
        "/v1/users/usr_sam_support/status",
        serde_json::json!({"status": "suspended", "reason": "left the clinic"}),
    )
    .await;
    // Suspended, Sam cannot sign in at all; even reactivated, the key the copy was sealed with
    // is gone for good.
    owner_changes(
        &emu,
        "/v1/users/usr_sam_support/status",
        serde_json::json!({"status": "active", "reason": "came back"}),
    )
    .await;
    sign_in_as(&h, &person, SUPPORT).await;
    assert!(
        keyring_entry(&format!("sealed-cache-key:{account}")).is_none(),
        "the dead copy's sealed key is deleted"
    );
    let report = sync(&h).await;
    assert!(
        report.full,
        "the old copy was deleted, so a full sync starts afresh"
    );
    h.console
        .sign_out(&h.profile, LocalCopy::Delete)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_role_removed_on_the_server_removes_consumers_from_the_copy_at_the_next_sync() {
    let emu = platform().await;
    let (h, person) = console_for(&emu, SUPPORT).await;
    sign_in_as(&h, &person, SUPPORT).await;
    sync(&h).await;
    assert!(everyone_in_copy(&h)
        .await
        .iter()
        .any(|u| is_consumer(u.kind)));

    owner_changes(
        &emu,
        "/v1/users/usr_sam_support/roles",
        serde_json::json!({"roles": ["MEMBER"], "reason": "moved off the help desk"}),
    )
    .await;
    let report = sync(&h).await;
    assert!(report.full, "a copy made under other rights is rebuilt");
    let seen = everyone_in_copy(&h).await;
    assert!(!seen.is_empty());
    assert!(
        seen.iter().all(|u| !is_consumer(u.kind)),
        "no consumer left in the copy of someone who may now see staff only"
    );
    h.console
        .sign_out(&h.profile, LocalCopy::Delete)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_session_the_server_ends_closes_and_deletes_its_copy() {
    let emu = platform().await;
    let (h, person) = console_for(&emu, OWNER).await;
    sign_in_as(&h, &person, OWNER).await;
    sync(&h).await;
    // The platform ends the session: its refresh token is revoked (RFC 7009), and the
    // access token with it.
    let tokens = console_core::KeyringStore
        .get(&h.account())
        .unwrap()
        .unwrap();
    let revoked = reqwest::Client::new()
        .post(format!("{}/oauth/revoke", emu.base_url()))
        .form(&[
            ("token", tokens.refresh_token.as_ref().unwrap().expose()),
            ("client_id", "access-console"),
        ])
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success());
    let e = h.console.whoami(&h.profile).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::SessionExpired, "{e}");
    assert_eq!(copy_files(h.data_dir.path()), Vec::<PathBuf>::new());
    assert_search_refused(&h).await;
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Opens a SQLCipher file with a raw key (as the console does) and reads from it.
async fn open_with_raw_key(db: &Path, key: &str) -> Result<i64, sqlx::Error> {
    use sqlx::ConnectOptions;
    use std::str::FromStr;
    let mut conn =
        sqlx::sqlite::SqliteConnectOptions::from_str(&format!("sqlite://{}", db.display()))?
            .pragma("key", format!("\"x'{key}'\""))
            .connect()
            .await?;
    sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&mut conn)
        .await
}

#[tokio::test]
async fn without_stored_tokens_a_restarted_console_opens_no_copy() {
    // The tokens left the keyring behind the console's back (another program, a crash during
    // sign-out): the identity file and the copy's key may still be there, but no session is
    // held, so nothing opens the copy, and what was left of it goes.
    let emu = platform().await;
    let (h, person) = console_for(&emu, OWNER).await;
    sign_in_as(&h, &person, OWNER).await;
    sync(&h).await;
    console_core::KeyringStore.delete(&h.account()).unwrap();
    let restarted = console_core::Console::new(console_core::ConsoleConfig {
        client: console_core::Client::App,
        config_dir: h.config_dir.path().to_path_buf(),
        data_dir: h.data_dir.path().to_path_buf(),
        demo_api_base: emu.base_url(),
        store: Arc::new(console_core::KeyringStore),
        opener: person.clone(),
        sign_in_timeout: WAIT,
    });
    let e = restarted
        .search_users(&h.profile, &DirectoryQuery::text("Olivia", 10))
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotSignedIn, "{e}");
    assert_eq!(
        restarted
            .current_session(&h.profile)
            .await
            .unwrap()
            .map(|s| s.me.user_id),
        None
    );
    assert_eq!(
        copy_files(h.data_dir.path()),
        Vec::<PathBuf>::new(),
        "the unsealed leftovers are deleted"
    );
    let account = format!("app/{}:usr_olivia_owner", h.profile);
    assert_eq!(keyring_entry(&format!("cache-key:{account}")), None);
}
