//! Words as people write them, made comparable: the triage rules match with it, and
//! insights count with it.
//!
//! Arabic is written with optional diacritics, a stretching tatweel and several forms
//! of alef, hamza and ta marbuta that people use interchangeably; English with any
//! case. [`normalize`] folds all of these, so "لم يصلْ" matches "لم يصل" and "Refund"
//! matches "refund".

use unicode_normalization::UnicodeNormalization;

/// `text` lower-cased, NFKC-composed, with Arabic diacritics and tatweel removed and
/// its letter variants unified (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي).
pub fn normalize(text: &str) -> String {
    text.nfkc()
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

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
