//! Email addresses and phone numbers that are unique by construction, so a million users need no
//! lookups: emails carry a per-name counter, phones walk a permutation of the number space.

use std::collections::{HashMap, HashSet};

use rand::Rng;

/// The fictional range used by every generated number: "(555) 0XX-XXXX", a million numbers.
pub const PHONE_SPACE: u64 = 1_000_000;

pub fn format_phone(n: u64) -> (String, String) {
    let (exchange, line) = (n / 10_000, n % 10_000);
    (
        format!("(555) 0{exchange:02}-{line:04}"),
        format!("5550{exchange:02}{line:04}"),
    )
}

/// A random number in the range (may be taken; callers that need uniqueness let the store
/// check it and try again).
pub fn random_phone(rng: &mut impl Rng) -> String {
    format_phone(rng.gen_range(0..PHONE_SPACE)).0
}

/// Lower-case letters and digits only: "O'Brien" → "obrien", "Min-jun" → "minjun".
pub fn email_part(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Hands out phone numbers without repeats: `n ↦ (n·M + offset) mod 10^6` is a bijection when
/// M is coprime to 10^6, so numbers look scattered yet never collide. Numbers already used in
/// the organization are skipped.
pub struct Phones {
    next: u64,
    offset: u64,
    taken: HashSet<String>,
}

const PHONE_MULTIPLIER: u64 = 738_197; // odd and not a multiple of 5: coprime to 10^6

impl Phones {
    pub fn new(offset: u64, taken: HashSet<String>) -> Self {
        Phones {
            next: 0,
            offset: offset % PHONE_SPACE,
            taken,
        }
    }

    /// `(as displayed, digits)`, or `None` once the space is used up (then people go without a
    /// phone, which the rules allow when they have an email).
    pub fn take(&mut self) -> Option<(String, String)> {
        while self.next < PHONE_SPACE {
            let n = (self.next * PHONE_MULTIPLIER + self.offset) % PHONE_SPACE;
            self.next += 1;
            let (shown, digits) = format_phone(n);
            if !self.taken.contains(&digits) {
                return Some((shown, digits));
            }
        }
        None
    }
}

/// Hands out `first.last@domain`, then `first.last+2@domain`, … per name and domain, skipping
/// addresses the organization already uses.
pub struct Emails {
    counts: HashMap<(u16, u16, u8), u32>,
    taken: HashSet<String>,
}

impl Emails {
    pub fn new(taken: HashSet<String>) -> Self {
        Emails {
            counts: HashMap::new(),
            taken,
        }
    }

    /// `first`/`last` index the name lists; `domain` indexes `domains`. The key is the indices,
    /// not the strings, which is sound because the lists' email parts are unique (tested).
    pub fn take(&mut self, first: usize, last: usize, domain: (u8, &str), plus: bool) -> String {
        let key = (first as u16, last as u16, domain.0);
        let local = format!(
            "{}.{}",
            email_part(super::names::FIRST[first]),
            email_part(super::names::LAST[last])
        );
        loop {
            let count = self.counts.entry(key).or_insert(0);
            *count += 1;
            let email = match (*count, plus) {
                (1, _) => format!("{local}@{}", domain.1),
                (n, true) => format!("{local}+{n}@{}", domain.1),
                (n, false) => format!("{local}{n}@{}", domain.1),
            };
            // Only addresses that existed before this generation can collide.
            if self.taken.is_empty() || !self.taken.contains(&email) {
                return email;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::names::{FIRST, LAST};
    use super::*;

    #[test]
    fn name_lists_have_distinct_email_parts() {
        // Emails keys its counters by list index; two names with one email part would then
        // hand out the same address twice.
        for list in [FIRST, LAST] {
            let parts: HashSet<String> = list.iter().map(|n| email_part(n)).collect();
            assert_eq!(parts.len(), list.len());
            assert!(parts.iter().all(|p| !p.is_empty()));
        }
        assert!(
            FIRST.len() >= 200 && LAST.len() >= 200,
            "a few hundred names"
        );
    }

    #[test]
    fn phones_never_repeat_and_skip_taken_numbers() {
        // The permutation must be a bijection, or two generated consumers share a phone.
        let taken: HashSet<String> = [format_phone(12_345).1].into();
        let mut phones = Phones::new(42, taken);
        let mut seen = HashSet::new();
        while let Some((shown, digits)) = phones.take() {
            assert_eq!(digits.len(), 10);
            assert!(shown.starts_with("(555) 0"));
            assert!(seen.insert(digits));
        }
        assert_eq!(seen.len() as u64, PHONE_SPACE - 1, "all but the taken one");
    }

    #[test]
    fn emails_are_unique_per_name() {
        let mut emails = Emails::new(["ann.smith@mail.test".to_string()].into());
        let ann = FIRST.iter().position(|n| *n == "Ann").unwrap();
        let smith = LAST.iter().position(|n| *n == "Smith").unwrap();
        let a = emails.take(ann, smith, (0, "mail.test"), true);
        let b = emails.take(ann, smith, (0, "mail.test"), true);
        assert_eq!(a, "ann.smith+2@mail.test", "the taken address is skipped");
        assert_eq!(b, "ann.smith+3@mail.test");
    }
}
