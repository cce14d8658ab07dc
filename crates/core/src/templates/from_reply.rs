//! A reply the person wrote, kept as a template: what named that follower becomes the
//! placeholder that names the next one.

use super::{Addressee, Variant};
use crate::words;

/// `text`, written to `to`, as a template's text: their handle (`@handle`), full name
/// and first name become `{author_handle}`, `{author_name}` and `{author_name:first}`
/// where they stand as whole words; braces already in it are doubled, so they stay
/// braces. Its language is its script's ([`language_of_text`]).
pub fn variant(text: &str, to: &Addressee<'_>) -> Variant {
    let mut body = text.trim().replace('{', "{{").replace('}', "}}");
    body = replace_word(&body, &format!("@{}", to.handle), "{author_handle}");
    let name = to.called();
    let first = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    if first != name {
        body = replace_word(&body, &name, "{author_name}");
    }
    body = replace_word(&body, &first, "{author_name:first}");
    Variant {
        language: language_of_text(text).to_owned(),
        body,
    }
}

/// The language a text is written in, by its letters: `ar` when most are Arabic, else
/// `en` (the two languages Majlis speaks).
pub fn language_of_text(text: &str) -> &'static str {
    let (arabic, other) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(a, o), c| {
            if words::is_arabic(c.encode_utf8(&mut [0; 4])) {
                (a + 1, o)
            } else {
                (a, o + 1)
            }
        });
    if arabic > other { "ar" } else { "en" }
}

/// `text` with each whole-word `word` (case aside) replaced by `with`: a letter or digit
/// just before or after it makes it part of another word ("Sara" is not in "Saran").
fn replace_word(text: &str, word: &str, with: &str) -> String {
    if word.is_empty() {
        return text.to_owned();
    }
    let wanted: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = text.chars().collect();
    let joins = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let here = chars[i..].iter().take(wanted.len());
        let matches = here.len() == wanted.len()
            && here
                .flat_map(|c| c.to_lowercase())
                .eq(wanted.iter().copied());
        if matches
            && !joins(i.checked_sub(1).and_then(|p| chars.get(p)))
            && !joins(chars.get(i + wanted.len()))
        {
            out.push_str(with);
            i += wanted.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;
    use crate::brands::BrandId;

    fn to<'a>(handle: &'a str, name: Option<&'a str>) -> Addressee<'a> {
        Addressee {
            brand: BrandId(1),
            handle,
            name,
            language: None,
        }
    }

    #[rstest]
    #[case(
        "Hi Sara! Yes, we're open until 10pm, Sara Al-Harbi.",
        Some("Sara Al-Harbi"),
        "Hi {author_name:first}! Yes, we're open until 10pm, {author_name}.",
        "en"
    )]
    #[case(
        "@sara.test thanks, sara!",
        Some("Sara"),
        "{author_handle} thanks, {author_name:first}!",
        "en"
    )]
    #[case(
        "أهلًا يا سارة! نعم، نفتح حتى العاشرة.",
        Some("سارة"),
        "أهلًا يا {author_name:first}! نعم، نفتح حتى العاشرة.",
        "ar"
    )]
    #[case(
        "Hello Saran, the {price} is 12 SAR",
        Some("Sara"),
        "Hello Saran, the {{price}} is 12 SAR",
        "en"
    )]
    #[case("Thanks Omar 🙏", None, "Thanks {author_name:first} 🙏", "en")]
    fn names_become_placeholders(
        #[case] text: &str,
        #[case] name: Option<&str>,
        #[case] body: &str,
        #[case] language: &str,
    ) {
        let handle = if name.is_some() {
            "sara.test"
        } else {
            "omar.bsky.social"
        };
        let made = variant(text, &to(handle, name));
        assert_eq!(made.body, body);
        assert_eq!(made.language, language);
    }

    #[test]
    fn a_template_made_from_a_reply_greets_the_next_follower() {
        let made = variant(
            "Hi Sara, glad you liked it!",
            &to("sara.test", Some("Sara")),
        );
        let pieces = super::super::parse(&made.body).expect("a valid body");
        let filled = super::super::body::fill(&pieces, |name| match name {
            "author_name" => Some("Huda Salem".to_owned()),
            _ => None,
        });
        assert_eq!(filled.text, "Hi Huda, glad you liked it!");
        assert!(filled.blanks.is_empty());
    }

    #[rstest]
    #[case("Thank you! شكرًا", "en")]
    #[case("شكرًا جزيلًا على طلبك، Sara", "ar")]
    #[case("🙏", "en")]
    fn the_language_is_the_letters(#[case] text: &str, #[case] language: &str) {
        assert_eq!(language_of_text(text), language);
    }
}
