//! Turning what a person typed into searches: FTS5 prefix terms, phone digit runs, the start
//! of an id, an email or a name.

/// Every suffix of 3+ digits of a phone number, so any tail of it is an FTS prefix match:
/// "(555) 010-0142" → "5550100142 550100142 … 142".
pub fn phone_tokens(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    (0..digits.len().saturating_sub(2))
        .map(|i| &digits[i..])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Turns what a person typed into an FTS5 query: each word a quoted prefix term, all required.
/// Phone-like input ("010-0142", "(555) 010") becomes one digit run. `None`: nothing searchable.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let text = text.trim();
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " ()-.+".contains(c));
    if phone_like && digits.len() >= 3 {
        return Some(format!("\"{digits}\"*"));
    }
    // An email fragment ("john.smith@ma"): its words must follow each other in the email.
    if !text.contains(char::is_whitespace) && (text.contains('@') || text.contains('.')) {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase)
            .collect();
        if !words.is_empty() {
            return Some(format!("email : \"{}\"*", words.join(" ")));
        }
    }
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| format!("\"{}\"*", t.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// An id as the platform writes them (`usr_…`): looked up by primary-key prefix, which is
/// exact and instant, instead of through the word index.
pub(super) fn id_prefix(text: &str) -> Option<&str> {
    let t = text.trim();
    (t.len() >= 4
        && t.contains('_')
        && !t.contains(char::is_whitespace)
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    .then_some(t)
}

/// The start of an email address ("aaron.bradley", "aaron.bradley@ma"), lower-cased.
pub(super) fn email_prefix(text: &str) -> Option<String> {
    let t = text.trim();
    (t.len() >= 3 && !t.contains(char::is_whitespace) && (t.contains('@') || t.contains('.')))
        .then(|| t.to_lowercase())
}

/// The start of a name as typed ("aaro", "Smith", "Min-", "o'br", "ann le"), lower-cased the
/// way `name_sort` is: letters and the marks names are written with, starting with a letter.
pub(super) fn name_word(text: &str) -> Option<String> {
    let t = text.trim_start();
    (t.chars().next().is_some_and(char::is_alphabetic)
        && t.chars().all(|c| c.is_alphabetic() || " -'.".contains(c)))
    .then(|| t.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_suffixes_make_any_tail_a_prefix() {
        assert_eq!(
            phone_tokens("(555) 010-0142"),
            "5550100142 550100142 50100142 0100142 100142 00142 0142 142"
        );
        assert_eq!(phone_tokens(""), "");
    }

    #[test]
    fn the_start_of_a_name_is_letters_and_name_marks() {
        assert_eq!(name_word("Aaro").as_deref(), Some("aaro"));
        assert_eq!(name_word("Min-").as_deref(), Some("min-"));
        assert_eq!(name_word("O'Br").as_deref(), Some("o'br"));
        assert_eq!(name_word("ann le").as_deref(), Some("ann le"));
        // Digits, ids and email addresses are other searches.
        assert_eq!(name_word("010-0142"), None);
        assert_eq!(name_word("usr_1"), None);
        assert_eq!(name_word("a@b"), None);
        assert_eq!(name_word("-x"), None);
    }

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
