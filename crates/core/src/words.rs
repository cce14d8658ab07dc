//! Words as people write them, made comparable: the triage rules match with it, and
//! insights count with it.
//!
//! Arabic is written with optional diacritics, a stretching tatweel and several forms
//! of alef, hamza and ta marbuta that people use interchangeably; English with any
//! case. [`normalize`] folds all of these, so "لم يصلْ" matches "لم يصل" and "Refund"
//! matches "refund".

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// `text` lower-cased, NFKC-composed, with Arabic diacritics and tatweel removed and
/// its letter variants unified (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي).
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Most text arrives composed already: skip the composition pass when it is.
    if unicode_normalization::is_nfkc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        return fold(text.chars());
    }
    fold(text.nfkc())
}

/// Lower case, Arabic diacritics and tatweel removed, letter variants unified.
fn fold(chars: impl Iterator<Item = char>) -> String {
    chars
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            // Harakat, tanwin, shadda, sukun, superscript alef, and the tatweel.
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ى' | 'ئ' => Some('ي'),
            'ة' => Some('ه'),
            'ؤ' => Some('و'),
            other => Some(other),
        })
        .collect()
}

/// The words of already [normalized](normalize) text: runs of letters and digits.
pub fn tokens(normalized: &str) -> impl Iterator<Item = &str> {
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The language a text is written in, by the letters of its words: `ar` when most are
/// Arabic, else `en` (the two languages Majlis speaks); `None` without a letter ("🙏").
/// Handles, hashtags, addresses and `{placeholders}` are names, not words, and do not
/// count.
pub fn language_of(text: &str) -> Option<&'static str> {
    let mut arabic = 0;
    let mut other = 0;
    for token in text.split_whitespace() {
        if token.starts_with(['@', '#']) || token.contains("://") {
            continue;
        }
        let mut braced = 0;
        for c in token.chars() {
            match c {
                '{' => braced += 1,
                '}' => braced -= 1,
                c if braced > 0 || !c.is_alphabetic() => {}
                c if is_arabic(c.encode_utf8(&mut [0; 4])) => arabic += 1,
                _ => other += 1,
            }
        }
    }
    match (arabic, other) {
        (0, 0) => None,
        (arabic, other) if arabic > other => Some("ar"),
        _ => Some("en"),
    }
}

/// Whether `word` is written in Arabic script.
pub fn is_arabic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// The Arabic prefixes a word takes without changing what it is about (and, so, with,
/// for, the), longest first: "والطلب" is still about "طلب".
const PROCLITICS: [&str; 9] = ["وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل"];

/// Whether the text word `word` is `wanted`, allowing Arabic proclitics before it.
pub fn same_word(word: &str, wanted: &str) -> bool {
    word == wanted
        || (is_arabic(word)
            && PROCLITICS
                .iter()
                .filter_map(|p| word.strip_prefix(p))
                .any(|rest| rest == wanted))
}

/// A word or phrase to look for, normalized: whole words in sequence (Arabic
/// proclitics allowed on the first), the last ending in any way when it is written
/// with `*` (`refund*`), or signs such as `?` found anywhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phrase {
    /// Signs such as `?`: found anywhere in the text.
    Signs(String),
    /// Whole words in sequence; the last may end in `*` (any ending).
    Words(Vec<String>, bool),
}

impl Phrase {
    /// The phrase `entry` as a person writes it; `None` when it is blank.
    pub fn new(entry: &str) -> Option<Self> {
        let normalized = normalize(entry.trim());
        let (body, open_ended) = match normalized.strip_suffix('*') {
            Some(body) => (body.to_owned(), true),
            None => (normalized, false),
        };
        let words: Vec<String> = tokens(&body).map(str::to_owned).collect();
        if words.is_empty() {
            return (!body.trim().is_empty()).then(|| Phrase::Signs(body.trim().to_owned()));
        }
        Some(Phrase::Words(words, open_ended))
    }

    /// Whether it is in `text` (already [normalized](normalize)), whose
    /// [`tokens`] are `text_words`.
    pub fn found(&self, text: &str, text_words: &[&str]) -> bool {
        match self {
            Phrase::Signs(signs) => text.contains(signs.as_str()),
            Phrase::Words(wanted, open_ended) => text_words.windows(wanted.len()).any(|window| {
                window
                    .iter()
                    .zip(wanted)
                    .enumerate()
                    .all(|(i, (word, want))| {
                        let last = i + 1 == wanted.len();
                        if last && *open_ended {
                            word.starts_with(want.as_str())
                                || (is_arabic(word) && same_word(word, want))
                        } else if i == 0 {
                            same_word(word, want)
                        } else {
                            word == want
                        }
                    })
            }),
        }
    }
}

/// The text's character trigrams, normalized (case, Arabic variants, spacing).
pub fn trigrams(text: &str) -> HashSet<[char; 3]> {
    let words: Vec<String> = tokens(&normalize(text)).map(str::to_owned).collect();
    let chars: Vec<char> = words.join(" ").chars().collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// The Sørensen–Dice coefficient of two trigram sets: 2·|A∩B| / (|A| + |B|). Kinder
/// than Jaccard to two texts that differ only in a name.
pub fn dice(a: &HashSet<[char; 3]>, b: &HashSet<[char; 3]>) -> f64 {
    let sizes = a.len() + b.len();
    if sizes == 0 {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f64 / sizes as f64
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("Thank you! شكرًا", Some("en"))]
    #[case("شكرًا جزيلًا على طلبك، Sara", Some("ar"))]
    #[case(
        "أهلًا {author_name:first}، طلبك {order} في الطريق! — {agent}",
        Some("ar")
    )]
    #[case(
        "شكرًا @sara.bsky.social #YesRayyanBakery https://rayyan.example",
        Some("ar")
    )]
    #[case("🙏 #YesRayyanBakery", None)]
    fn the_language_is_the_letters(#[case] text: &str, #[case] language: Option<&str>) {
        assert_eq!(language_of(text), language);
    }

    #[test]
    fn folds_arabic_variants_and_english_case() {
        assert_eq!(normalize("لم يصلْ"), "لم يصل");
        assert_eq!(normalize("إستـــرجاع"), normalize("استرجاع"));
        assert_eq!(normalize("مكتبة"), "مكتبه");
        assert_eq!(normalize("سيئة"), "سييه");
        assert_eq!(normalize("مُمْتَاز"), "ممتاز");
        assert_eq!(normalize("REFUND please"), "refund please");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let text = normalize("Where's my order #42? وين الطلب؟");
        let words: Vec<&str> = tokens(&text).collect();
        assert_eq!(words, ["where", "s", "my", "order", "42", "وين", "الطلب"]);
    }

    #[test]
    fn arabic_words_keep_their_meaning_behind_prefixes() {
        assert!(same_word("والطلب", "طلب"));
        assert!(same_word("بالطلب", "طلب"));
        assert!(same_word("طلب", "طلب"));
        assert!(!same_word("مطلب", "طلب"));
        assert!(!same_word("shows", "how"));
    }

    proptest! {
        #[test]
        fn normalizing_twice_changes_nothing(text in "\\PC{0,40}") {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once);
        }
    }
}
