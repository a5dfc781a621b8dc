//! Turning a typed search into index queries. What the text means (a phone digit run, the start
//! of an id or an email, name words) and what a match is are decided once, in the wire crate
//! (`console_api::search`), which the platform's `GET /v1/users?q=` follows too; this module
//! only writes that parsed query in the indexes' syntax: the word index (`users_fts`, FTS5
//! prefix terms) and the phone digits' trigram index (`users_phone`).

pub use console_api::search::name_word;
use console_api::search::{is_phone_run, Words};

/// How a parsed query's words are looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Plan {
    /// The word index alone answers: each word a quoted prefix term, all required; an email
    /// fragment one phrase in the email column.
    Words(String),
    /// Runs of 3+ digits, each found anywhere in a phone's digits or at the start of a word of
    /// another field; with `words`, the other words through the word index too.
    Runs {
        words: Option<String>,
        runs: Vec<String>,
    },
}

/// The words hold only letters and digits, so nothing typed can break the FTS syntax.
fn term(t: &str) -> String {
    format!("\"{t}\"*")
}

pub(crate) fn plan_of(words: &Words) -> Plan {
    match words {
        Words::Digits(digits) => Plan::Runs {
            words: None,
            runs: vec![digits.clone()],
        },
        Words::EmailPhrase(words) => Plan::Words(format!("email : \"{}\"*", words.join(" "))),
        Words::Terms(terms) => {
            let (runs, others): (Vec<&String>, Vec<&String>) =
                terms.iter().partition(|t| is_phone_run(t));
            let words = (!others.is_empty())
                .then(|| others.iter().map(|t| term(t)).collect::<Vec<_>>().join(" "));
            match (words, runs.is_empty()) {
                (Some(words), true) => Plan::Words(words),
                (words, _) => Plan::Runs {
                    words,
                    runs: runs.into_iter().cloned().collect(),
                },
            }
        }
    }
}

/// A run as a word-index query: the start of some word of the name, email or roles.
pub(crate) fn run_as_word(run: &str) -> String {
    term(run)
}

/// A run as a trigram-index query: anywhere in the phone's digits.
pub(crate) fn run_in_phone(run: &str) -> String {
    format!("\"{run}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str) -> Option<Plan> {
        console_api::SearchQuery::parse(text).map(|q| plan_of(&q.words))
    }

    fn words(q: &str) -> Option<Plan> {
        Some(Plan::Words(q.into()))
    }

    #[test]
    fn typed_text_becomes_prefix_terms_and_digit_runs() {
        let runs = |w: Option<&str>, r: &[&str]| {
            Some(Plan::Runs {
                words: w.map(Into::into),
                runs: r.iter().map(|s| s.to_string()).collect(),
            })
        };
        assert_eq!(plan("010-0142"), runs(None, &["0100142"]));
        assert_eq!(plan("(555) 010"), runs(None, &["555010"]));
        assert_eq!(
            plan("john.smith@mail"),
            words("email : \"john smith mail\"*"),
            "an email fragment is one phrase in the email column"
        );
        assert_eq!(plan("Ann Lee"), words("\"ann\"* \"lee\"*"));
        assert_eq!(plan("Ann 0142"), runs(Some("\"ann\"*"), &["0142"]));
        assert_eq!(plan("Ann 42"), words("\"ann\"* \"42\"*"), "too short a run");
        // Quotes and operators typed by a person can never break the FTS syntax.
        assert_eq!(plan("a\" OR b"), words("\"a\"* \"or\"* \"b\"*"));
        assert_eq!(plan("@@"), None);
        assert_eq!(run_in_phone("0142"), "\"0142\"");
    }
}
