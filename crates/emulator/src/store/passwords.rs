//! "Use strong, unique passwords" (the guide's first best practice), wherever a password is
//! set at the platform: at least the organization's minimum length, strong by the zxcvbn
//! estimate (its own warning and suggestions are what the person reads when it is not), and
//! none of the person's previous passwords (`password_history`, hashed as `users.password_hash`).

use sqlx::SqliteConnection;

use crate::{crypto, Result};

/// zxcvbn's scale: below 3 ("safely unguessable: moderate protection from offline slow-hash
/// scenario") is what its authors call too weak.
const MIN_SCORE: zxcvbn::Score = zxcvbn::Score::Three;

/// Above this, a "password" is a paste gone wrong; argon2 would still hash it, slowly.
pub const MAX_CHARS: usize = 1024;

/// How many earlier passwords a new one is compared with (each comparison is an argon2 hash).
const HISTORY: i64 = 5;

/// Why a password was refused, in the words the set-password page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    /// zxcvbn's warning, when it has one (e.g. "This is a top-100 common password.").
    pub warning: Option<String>,
    /// zxcvbn's suggestions (e.g. "Add another word or two. Uncommon words are better.").
    pub suggestions: Vec<String>,
}

impl Refusal {
    fn plain(message: String) -> Self {
        Refusal {
            message,
            warning: None,
            suggestions: Vec::new(),
        }
    }
}

/// The rules that need no history: length, then strength. `user_inputs` are what the person
/// is known by (name, email, the organization), which an attacker would try first.
pub fn judge(password: &str, min_len: usize, user_inputs: &[&str]) -> Option<Refusal> {
    let length = password.chars().count();
    if length < min_len {
        return Some(Refusal::plain(format!(
            "Use at least {min_len} characters: this password has {length}. Your organization \
             asks for {min_len} or more."
        )));
    }
    if length > MAX_CHARS {
        return Some(Refusal::plain(format!(
            "Use at most {MAX_CHARS} characters."
        )));
    }
    let estimate = zxcvbn::zxcvbn(password, user_inputs);
    if estimate.score() >= MIN_SCORE {
        return None;
    }
    let feedback = estimate.feedback();
    Some(Refusal {
        message: "This password is too easy to guess. Choose a stronger one.".into(),
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestions: feedback
            .map(|f| f.suggestions().iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
    })
}

/// What zxcvbn should treat as guessable for this person: their name and each word of it,
/// their email and its local part, the organization's name.
pub fn user_inputs(display_name: &str, email: &str, org_name: &str) -> Vec<String> {
    let mut inputs = vec![display_name.to_string(), email.to_string(), org_name.into()];
    inputs.extend(display_name.split_whitespace().map(str::to_string));
    // "adalovelace" is as guessable as "Ada Lovelace".
    inputs.push(display_name.split_whitespace().collect());
    if let Some((local, _)) = email.split_once('@') {
        inputs.push(local.to_string());
    }
    inputs.retain(|i| !i.trim().is_empty());
    inputs
}

/// Whether `password` is the person's current password or one of their recent ones.
pub async fn reused(conn: &mut SqliteConnection, user_id: &str, password: &str) -> Result<bool> {
    let current: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?
            .flatten();
    let earlier: Vec<String> = sqlx::query_scalar(
        "SELECT password_hash FROM password_history WHERE user_id = ? \
         ORDER BY set_at DESC, rowid DESC LIMIT ?",
    )
    .bind(user_id)
    .bind(HISTORY)
    .fetch_all(&mut *conn)
    .await?;
    Ok(current
        .iter()
        .chain(&earlier)
        .any(|hash| crypto::verify_password(password, hash)))
}

/// Makes `hash` the person's password and remembers it for the reuse rule.
pub async fn set(conn: &mut SqliteConnection, user_id: &str, hash: &str, now: i64) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO password_history (user_id, password_hash, set_at) VALUES (?, ?, ?)")
        .bind(user_id)
        .bind(hash)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_comes_first_then_strength_with_zxcvbns_own_advice() {
        let short = judge("Tr0ub4dor&3", 12, &[]).expect("11 characters are refused at 12");
        assert!(short.message.contains("at least 12"), "{short:?}");
        assert_eq!(judge("Tr0ub4dor&3", 8, &[]), None, "and accepted at 8");

        let weak = judge("password1234", 12, &[]).expect("a common password is refused");
        assert!(
            weak.warning.is_some() || !weak.suggestions.is_empty(),
            "{weak:?}"
        );

        assert_eq!(judge("plum-sextant-harbor-quietly-47", 12, &[]), None);
    }

    #[test]
    fn the_persons_own_name_makes_a_password_guessable() {
        // Strong for a stranger, but built of who the person is.
        let password = "adalovelace1815";
        assert_eq!(judge(password, 12, &[]), None);
        let inputs = user_inputs("Ada Lovelace", "ada.lovelace@example.org", "Demo Clinic");
        let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        assert!(judge(password, 12, &inputs).is_some());
    }
}
