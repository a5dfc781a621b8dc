//! Clearing a copied secret from the system clipboard, decided in Rust.
//!
//! The window may write and clear the clipboard but never read it (its capability does not grant
//! `read-text`), so the "clear it only if it still holds what we copied" check lives here. The
//! window writes the secret itself and hands over only its SHA-256 digest: the secret never comes
//! back over IPC and is never kept here. After the delay the clipboard is read once, hashed,
//! compared and wiped; whatever the person copied since is theirs and is left alone.
//!
//! The answer is the delay only, never whether anything matched, so the window cannot use this
//! command to probe what the clipboard holds.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use console_core::{ErrorCode, IpcError};
use sha2::{Digest, Sha256};
use tauri::AppHandle;
use tauri_plugin_clipboard_manager::ClipboardExt;
use zeroize::Zeroize;

/// How long a copied secret stays on the clipboard unless the environment says otherwise.
const DEFAULT_CLEAR_AFTER_SECS: u64 = 30;
/// Tests shorten the delay with this; anything outside 1..=600 falls back to the default.
const CLEAR_AFTER_ENV: &str = "ACCESS_CONSOLE_CLIPBOARD_CLEAR_SECS";

/// Bumped on every copy: only the latest copy's timer acts, so "Copy again" restarts the full
/// delay instead of being cut short by the first copy's timer.
static LATEST_COPY: AtomicU64 = AtomicU64::new(0);

/// Schedules clearing the clipboard after the delay if it still holds text with this digest.
/// Resolves at once with the delay in seconds (what the window tells the person).
#[tauri::command]
pub fn clear_clipboard_if(app: AppHandle, sha256_hex: String) -> Result<u64, IpcError> {
    let digest = parse_digest(&sha256_hex)?;
    let secs = clear_after_secs();
    let copy = LATEST_COPY.fetch_add(1, Ordering::SeqCst) + 1;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(Duration::from_secs(secs)).await;
        if LATEST_COPY.load(Ordering::SeqCst) != copy {
            return; // a later copy owns the clipboard now, and its own timer decides
        }
        // Reading the clipboard on the main thread can deadlock GTK; a blocking thread cannot.
        let _ = tauri::async_runtime::spawn_blocking(move || clear_if_holds(&app, &digest)).await;
    });
    Ok(secs)
}

fn clear_if_holds(app: &AppHandle, digest: &[u8; 32]) {
    let board = app.clipboard();
    // An empty or non-text clipboard holds nothing of ours.
    let Ok(mut text) = board.read_text() else {
        return;
    };
    let ours = holds(&text, digest);
    // Wiped, not just freed: it may be the key, or whatever the person copied since.
    text.zeroize();
    if !ours {
        tracing::debug!("clipboard left alone: it holds something copied since");
    } else if let Err(e) = board.clear() {
        tracing::warn!(error = %e, "the copied secret could not be cleared from the clipboard");
    } else {
        tracing::info!("the copied secret was cleared from the clipboard");
    }
}

/// Whether `text` is what was copied.
fn holds(text: &str, digest: &[u8; 32]) -> bool {
    Sha256::digest(text.as_bytes()).as_slice() == digest
}

fn clear_after_secs() -> u64 {
    delay_from(std::env::var(CLEAR_AFTER_ENV).ok().as_deref())
}

fn delay_from(value: Option<&str>) -> u64 {
    match value.map(|v| v.trim().parse::<u64>()) {
        None => DEFAULT_CLEAR_AFTER_SECS,
        Some(Ok(secs)) if (1..=600).contains(&secs) => secs,
        Some(_) => {
            tracing::warn!(
                "{CLEAR_AFTER_ENV} must be a whole number of seconds from 1 to 600; using {DEFAULT_CLEAR_AFTER_SECS}"
            );
            DEFAULT_CLEAR_AFTER_SECS
        }
    }
}

fn parse_digest(hex: &str) -> Result<[u8; 32], IpcError> {
    let invalid = || IpcError {
        code: ErrorCode::InvalidInput,
        message:
            "clear_clipboard_if expects the SHA-256 digest of the copied text as 64 hex digits"
                .into(),
    };
    if hex.len() != 64 || !hex.is_ascii() {
        return Err(invalid());
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| invalid())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The digest the window computes with crypto.subtle for the same text.
    const KEY: &str = "acx_live_k7Qm2_9f8e7d6c5b4a39281706f5e4d3c2b1a0_x1y2";

    fn hex_of(text: &str) -> String {
        Sha256::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn the_digest_of_the_copied_text_matches_it_and_nothing_else() {
        // The same known answer the window's test expects (`printf '%s' KEY | sha256sum`).
        let window_sent = "86882999e22da9c2135c26aa29d1bb3b4f694cb2de9af494ccb69e62a5b4d3cd";
        let digest = parse_digest(window_sent).unwrap();
        assert!(holds(KEY, &digest));
        // One character off, a prefix, or what the person copied since: never ours to clear.
        assert!(!holds(&KEY.replace("x1y2", "x1y3"), &digest));
        assert!(!holds(&KEY[..KEY.len() - 1], &digest));
        assert!(!holds("an address I am about to paste", &digest));
    }

    #[test]
    fn upper_case_hex_is_the_same_digest() {
        assert_eq!(
            parse_digest(&hex_of(KEY).to_uppercase()).unwrap(),
            parse_digest(&hex_of(KEY)).unwrap()
        );
    }

    #[test]
    fn anything_but_64_hex_digits_is_refused_with_what_to_send() {
        // The secret itself, by mistake, must not be accepted (nor echoed back).
        for bad in [
            KEY,
            "",
            &hex_of(KEY)[..63],
            &format!("{}zz", &hex_of(KEY)[..62]),
            &"é".repeat(32),
        ] {
            let e = parse_digest(bad).unwrap_err();
            assert!(
                matches!(e.code, ErrorCode::InvalidInput),
                "{bad:?} accepted"
            );
            assert!(e.message.contains("64 hex digits"), "{}", e.message);
            assert!(!e.message.contains(KEY));
        }
    }

    #[test]
    fn the_delay_is_30_s_unless_a_sane_override_is_set() {
        assert_eq!(delay_from(None), 30);
        assert_eq!(delay_from(Some("2")), 2);
        for bad in ["0", "601", "-1", "soon", ""] {
            assert_eq!(delay_from(Some(bad)), 30, "{bad:?}");
        }
    }
}
