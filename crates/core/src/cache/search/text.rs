//! Turning a typed search into FTS5 queries. What the text means (a phone digit run, the start
//! of an id or an email, name words) and what a match is are decided once, in the wire crate
//! (`console_api::search`), which the platform's `GET /v1/users?q=` follows too; this module
//! only writes that parsed query in the word index's syntax.

use console_api::search::Words;
pub use console_api::search::{name_word, phone_tokens};

/// A parsed query's words as an FTS5 query: each word a quoted prefix term, all required; a
/// digit run one term; an email fragment one phrase in the email column. The words hold only
/// letters and digits, so nothing typed can break the FTS syntax.
pub(crate) fn fts_of(words: &Words) -> String {
    match words {
        Words::Digits(digits) => format!("\"{digits}\"*"),
        Words::EmailPhrase(words) => format!("email : \"{}\"*", words.join(" ")),
        Words::Terms(terms) => terms
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// What a person typed as an FTS5 query. `None`: nothing searchable. (The search itself parses
/// once and uses `fts_of`; this is how the tests below read.)
#[cfg(test)]
fn fts_query(text: &str) -> Option<String> {
    console_api::SearchQuery::parse(text).map(|q| fts_of(&q.words))
}

#[cfg(test)]
mod tests {
    use super::*;

    // phone_tokens and name_word are console_api::search's, tested there (search_tests.rs).

    #[test]
    fn typed_text_becomes_prefix_terms() {
        assert_eq!(fts_query("010-0142").unwrap(), "\"0100142\"*");
        assert_eq!(fts_query("(555) 010").unwrap(), "\"555010\"*");
        assert_eq!(
            fts_query("john.smith@mail").unwrap(),
            "email : \"john smith mail\"*",
            "an email fragment is one phrase in the email column"
        );
        assert_eq!(fts_query("Ann Lee").unwrap(), "\"ann\"* \"lee\"*");
        // Quotes and operators typed by a person can never break the FTS syntax.
        assert_eq!(fts_query("a\" OR b").unwrap(), "\"a\"* \"or\"* \"b\"*");
        assert_eq!(fts_query("@@"), None);
    }
}
