//! What a typed directory search means, and what a match is: one definition for the console's
//! local copy (which runs it through its FTS5 word index, the fast path) and the platform's
//! `GET /v1/users?q=` (which runs it as written here), so both answer with the same people.
//!
//! The rules, in order:
//! - Text with nothing searchable in it ("@@", "%") matches nobody.
//! - The start of an id ("usr_…") or of an email ("aaron.bradley@ma"): the people whose id
//!   (as typed) or email (lower-cased) starts with it. When nobody does, the text's words below.
//! - Phone-like text with 3+ digits ("010-0142", "(555) 010"): one digit run, found in any part
//!   of a phone number's digits (or at the start of any other word).
//! - A word of 3+ digits among other words ("Ann 0142") is found the same way: anywhere in the
//!   phone's digits, or at the start of a word of another field. A shorter run of digits only
//!   starts words (a phone's digits are never cut into words: see [`phone_digits`]).
//! - An email fragment with no prefix match: its words one after the other in the email, the
//!   last one a prefix.
//! - Anything else: words, each the start of some word of the name, email or staff roles (or,
//!   3+ digits, anywhere in the phone); all required, in any order. An id is found by its
//!   start only: its words ("usr", the organization's part, the number) are in every id, so
//!   as words they would match everybody and cost the most to index.

use unicode_normalization::UnicodeNormalization;

use crate::User;

/// A typed search, classified. `starts_with` is tried first; `words` answers when it finds
/// nobody (among the people the other filters leave).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub starts_with: Option<StartsWith>,
    pub words: Words,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartsWith {
    /// The id starts with this, exactly as typed (ids are case-sensitive).
    Id(String),
    /// The email, lower-cased, starts with this (lower-cased).
    Email(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Words {
    /// Phone-like input: this digit run occurs anywhere in the phone's digits, or starts a word
    /// of another field.
    Digits(String),
    /// These words follow each other in the email, the last one a prefix.
    EmailPhrase(Vec<String>),
    /// Each is the start of some word of any field; all required, in any order.
    Terms(Vec<String>),
}

/// The kind of a search, for benches and tests that cover each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    Name,
    Email,
    Phone,
    Id,
}

impl SearchQuery {
    /// `None`: nothing searchable (and so no match at all).
    pub fn parse(text: &str) -> Option<SearchQuery> {
        let text = text.trim();
        let words = words_of(text)?;
        let starts_with = match (id_prefix(text), email_prefix(text)) {
            (Some(p), _) => Some(StartsWith::Id(p.to_string())),
            (None, Some(p)) => Some(StartsWith::Email(p)),
            _ => None,
        };
        Some(SearchQuery { starts_with, words })
    }

    pub fn kind(&self) -> SearchKind {
        match (&self.starts_with, &self.words) {
            (Some(StartsWith::Id(_)), _) => SearchKind::Id,
            (_, Words::Digits(_)) => SearchKind::Phone,
            (Some(StartsWith::Email(_)), _) | (_, Words::EmailPhrase(_)) => SearchKind::Email,
            _ => SearchKind::Name,
        }
    }

    /// Whether `user` starts with `starts_with` (false without one).
    pub fn starts(&self, user: &User) -> bool {
        match &self.starts_with {
            Some(StartsWith::Id(p)) => user.id.starts_with(p.as_str()),
            Some(StartsWith::Email(p)) => user
                .email
                .as_deref()
                .is_some_and(|e| e.to_lowercase().starts_with(p.as_str())),
            None => false,
        }
    }

    /// Whether `user` matches `words` (the answer when `starts_with` finds nobody).
    pub fn matches_words(&self, user: &User) -> bool {
        let fields = Fields::of(user);
        match &self.words {
            Words::Digits(d) => fields.any_starts(d),
            Words::Terms(terms) => terms.iter().all(|t| fields.any_starts(t)),
            Words::EmailPhrase(words) => phrase_in(&fields.email, words),
        }
    }

    /// Whether `user` matches, given whether anybody (under the same filters) matched
    /// `starts_with`: that decides which of the two rules answers.
    pub fn matches(&self, user: &User, anybody_starts: bool) -> bool {
        if self.starts_with.is_some() && anybody_starts {
            self.starts(user)
        } else {
            self.matches_words(user)
        }
    }

    /// The people among `users` who match, the whole set considered (the reference the
    /// platform and the local copy are both tested against).
    pub fn select<'a>(&self, users: &'a [User]) -> Vec<&'a User> {
        let anybody = users.iter().any(|u| self.starts(u));
        users.iter().filter(|u| self.matches(u, anybody)).collect()
    }
}

/// The words of what was typed, as the word index sees them.
fn words_of(text: &str) -> Option<Words> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " ()-.+".contains(c));
    if phone_like && digits.len() >= 3 {
        return Some(Words::Digits(digits));
    }
    let words = tokens(text);
    if words.is_empty() {
        return None;
    }
    // An email fragment ("john.smith@ma"): its words must follow each other in the email.
    if !text.contains(char::is_whitespace) && (text.contains('@') || text.contains('.')) {
        return Some(Words::EmailPhrase(words));
    }
    Some(Words::Terms(words))
}

/// An id as the platform writes them (`usr_…`): looked up by its start, exact and instant.
pub fn id_prefix(text: &str) -> Option<&str> {
    let t = text.trim();
    (t.len() >= 4
        && t.contains('_')
        && !t.contains(char::is_whitespace)
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then_some(t)
}

/// The start of an email address ("aaron.bradley", "aaron.bradley@ma"), lower-cased.
pub fn email_prefix(text: &str) -> Option<String> {
    let t = text.trim();
    (t.len() >= 3 && !t.contains(char::is_whitespace) && (t.contains('@') || t.contains('.')))
        .then(|| t.to_lowercase())
}

/// The start of a name as typed ("aaro", "Smith", "Min-", "o'br", "ann le"), lower-cased: only
/// an ordering hint (names that start with it first), never a different set of matches.
pub fn name_word(text: &str) -> Option<String> {
    let t = text.trim_start();
    (t.chars().next().is_some_and(char::is_alphabetic)
        && t.chars().all(|c| c.is_alphabetic() || " -'.".contains(c)))
    .then(|| t.to_lowercase())
}

/// A phone number's digits, "(555) 010-0142" → "5550100142": what a digit run is looked for in
/// (the local copy keeps them in a trigram index, the platform in a column).
pub fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// The shortest digit run looked for inside phone numbers (a trigram index finds 3+ characters).
pub const PHONE_RUN_MIN: usize = 3;

/// Whether `term` is looked for anywhere in phone numbers: 3+ digits and nothing else.
pub fn is_phone_run(term: &str) -> bool {
    term.len() >= PHONE_RUN_MIN && term.bytes().all(|b| b.is_ascii_digit())
}

/// Words the way the local word index (SQLite's unicode61 with `remove_diacritics 2`) cuts
/// them: runs of letters and digits, lower-cased, accents removed ("Émile" → "emile").
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(fold)
        .collect()
}

fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A user's words, field by field, as the local word index holds them, and the phone's digits.
struct Fields {
    email: Vec<String>,
    other: Vec<String>,
    phone: String,
}

impl Fields {
    fn of(user: &User) -> Fields {
        let mut other = tokens(&user.display_name);
        for role in &user.staff_roles {
            other.extend(tokens(role.as_str()));
        }
        Fields {
            email: user.email.as_deref().map(tokens).unwrap_or_default(),
            other,
            phone: user.phone.as_deref().map(phone_digits).unwrap_or_default(),
        }
    }

    /// `term` starts a word of some field, or (a run of 3+ digits) occurs in the phone.
    fn any_starts(&self, term: &str) -> bool {
        (is_phone_run(term) && self.phone.contains(term))
            || self
                .email
                .iter()
                .chain(&self.other)
                .any(|w| w.starts_with(term))
    }
}

/// `words` one after the other in `field`, the last one a prefix (an FTS5 phrase with `*`).
fn phrase_in(field: &[String], words: &[String]) -> bool {
    let Some((last, whole)) = words.split_last() else {
        return false;
    };
    field
        .windows(words.len())
        .any(|w| w[..whole.len()] == *whole && w[whole.len()].starts_with(last.as_str()))
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
