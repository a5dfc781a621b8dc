//! `accessctl accounts`, `keys` and `review` as an owner scripts them: a new key is the only
//! thing on stdout (so it can be piped), works against the platform, and is stored nowhere.

use crate::common::*;
use console_core::UserStatus;
use platform_emulator::directory::UserPatch;
use serde_json::Value;

async fn me_with(base: &str, key: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{base}/v1/me"))
        .bearer_auth(key)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Every file under `dir` that contains `needle`.
fn files_containing(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
            {
                found.push(path);
            }
        }
    }
    found
}

#[tokio::test]
async fn accounts_keys_and_review_from_a_terminal() {
    let emu = demo_emulator().await;
    let base = emu.base_url();
    let cli = Cli::new(&base, OWNER);
    let profile = cli.signed_in("keys", &base).await;
    // A cache exists, so the search for the key below covers a database file too.
    assert_eq!(cli.on(&profile, &["sync"]).await.code, 0);

    let r = cli
        .on(
            &profile,
            &[
                "--json",
                "accounts",
                "create",
                "--name",
                "Chatbot",
                "--owner",
                "usr_mia_member",
                "--acts-for",
                "usr_priya_provider",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let account: Value = serde_json::from_str(&r.stdout).unwrap();
    let id = account["id"].as_str().unwrap().to_string();
    assert_eq!(account["acts_for_name"], "Dr. Priya Provider");

    let r = cli
        .on(
            &profile,
            &[
                "keys",
                "create",
                &id,
                "--name",
                "chatbot prod",
                "--expires-in-days",
                "30",
            ],
        )
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    // stdout is the key and nothing else, so `accessctl keys create … | vault write` works.
    let key = r.stdout.trim_end_matches('\n');
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(key.starts_with("acx_"), "{key}");
    assert!(r.stderr.contains("not shown again"), "{}", r.stderr);
    assert_eq!(me_with(&base, key).await, 200, "the printed key works");

    let r = cli.on(&profile, &["--json", "keys", "list", &id]).await;
    let keys: Value = serde_json::from_str(&r.stdout).unwrap();
    let key_id = keys[0]["id"].as_str().unwrap().to_string();
    assert!(!r.stdout.contains(key), "a listing never holds the key");

    // Rotating without --overlap-hours keeps the old key for the organization's setting.
    let r = cli.on(&profile, &["keys", "rotate", &id, &key_id]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hours = platform_emulator::settings::key_rotation_overlap_hours(
        &emu.state.pool,
        platform_emulator::DEMO_ORG_ID,
    )
    .await
    .unwrap();
    assert!(
        r.stderr.contains(&format!(
            "keeps working {hours} h (the organization's default)"
        )),
        "{}",
        r.stderr
    );
    let r = cli.on(&profile, &["--json", "keys", "list", &id]).await;
    let keys: Value = serde_json::from_str(&r.stdout).unwrap();
    let old = keys
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == key_id.as_str())
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let until = old["expires_at"].as_i64().unwrap() - now;
    assert!(
        (hours * 3600 - 300..=hours * 3600).contains(&until),
        "{until}"
    );

    // Revoking is final, so it wants --yes.
    let r = cli.on(&profile, &["keys", "revoke", &id, &key_id]).await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    assert_eq!(me_with(&base, key).await, 200, "nothing was revoked");
    let r = cli
        .on(&profile, &["keys", "revoke", &id, &key_id, "--yes"])
        .await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(me_with(&base, key).await, 401);

    // The owner of record leaves: the review lists the account as ownerless.
    platform_emulator::directory::update(
        &emu.state.pool,
        platform_emulator::DEMO_ORG_ID,
        "usr_mia_member",
        UserPatch {
            status: Some(UserStatus::Suspended),
            ..UserPatch::default()
        },
        emu.state.now(),
    )
    .await
    .unwrap();
    let r = cli.on(&profile, &["review", "--csv"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .lines()
            .any(|l| l.starts_with("orphaned_account,") && l.contains(&id)),
        "{}",
        r.stdout
    );

    // The key is nowhere in the CLI's files (profiles, cache) or in the keyring.
    assert_eq!(
        files_containing(cli.config_home.path(), key),
        Vec::<std::path::PathBuf>::new()
    );
    let keyring = std::process::Command::new("secret-tool")
        .args(["search", "--all", "--unlock", "service", "access-console"])
        .output()
        .unwrap();
    let listing = String::from_utf8_lossy(&keyring.stdout).to_string()
        + &String::from_utf8_lossy(&keyring.stderr);
    assert!(
        listing.contains("access-console"),
        "the search saw the CLI's entries"
    );
    assert!(!listing.contains(key), "the key is in the keyring");
    cli.on(&profile, &["logout"]).await;
}
