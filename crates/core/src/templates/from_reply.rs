//! A reply the person wrote, kept as a template: what named that follower becomes the
//! placeholder that names the next one.

use super::body::{Automatic, Filter, parse};
use super::{Addressee, Variant};
use crate::words;

/// `text`, written to `to`, as a template's text: their handle (`@handle`, in any case),
/// full name and first name (as written in their name) become `{handle}`,
/// `{full_name}` and `{first_name}` (by their Arabic names in Arabic text)
/// where they stand as whole words. Braces
/// stay what they were: a draft from a template keeps its unfilled `{blank}`s, and
/// braces that are no placeholder are doubled so they stay braces. Its language is its
/// words' ([`language_of`]). Also says whether the follower was named in it.
pub fn variant(text: &str, to: &Addressee<'_>) -> (Variant, bool) {
    let text = text.trim();
    let language = words::language_of(text).unwrap_or("en");
    // In the text's language: `{first_name}`, or `{اسم_المتابع_الأول}` in Arabic.
    let placeholder = |filter| format!("{{{}}}", Automatic::AuthorName.written(filter, language));
    let name = to.called();
    let first = name.split_whitespace().next().unwrap_or_default();
    // Longest first, so "Sara Al-Harbi" is the full name, not "Sara" and the rest.
    let mut names: Vec<(Vec<char>, String)> = Vec::new();
    if first != name {
        names.push((name.chars().collect(), placeholder(None)));
    }
    names.push((first.chars().collect(), placeholder(Some(Filter::First))));
    // A name without a letter ("✨") or of one letter would take ordinary text.
    names.retain(|(name, _)| name.iter().filter(|c| c.is_alphabetic()).count() >= 2);
    let handle: Vec<char> = format!("@{}", to.handle).chars().collect();
    let placeholders = parse(text).is_ok();

    let chars: Vec<char> = text.chars().collect();
    let joins = |at: Option<&char>| at.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    let whole = |at: usize, word: &[char], same: &dyn Fn(char, char) -> bool| {
        chars.len() >= at + word.len()
            && chars[at..at + word.len()]
                .iter()
                .zip(word)
                .all(|(&a, &b)| same(a, b))
            && !joins(at.checked_sub(1).and_then(|p| chars.get(p)))
            && !joins(chars.get(at + word.len()))
    };
    let mut body = String::with_capacity(text.len() + 16);
    let mut named = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if placeholders && c == '{' {
            // A placeholder or a blank (or `{{`): as it is.
            let close = chars[i..]
                .iter()
                .position(|&c| c == '}')
                .map_or(chars.len(), |p| i + p + 1);
            body.extend(&chars[i..close]);
            i = close;
        } else if whole(i, &handle, &|a, b| a.eq_ignore_ascii_case(&b)) {
            body.push('{');
            body.push_str(&Automatic::AuthorHandle.written(None, language));
            body.push('}');
            named = true;
            i += handle.len();
        } else if let Some((name, with)) = names
            .iter()
            .find(|(name, _)| whole(i, name, &|a, b| a == b))
        {
            body.push_str(with);
            named = true;
            i += name.len();
        } else {
            if !placeholders && (c == '{' || c == '}') {
                body.push(c);
            }
            body.push(c);
            i += 1;
        }
    }
    let variant = Variant {
        language: language.to_owned(),
        body,
    };
    (variant, named)
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
        "Hi {first_name}! Yes, we're open until 10pm, {full_name}.",
        "en"
    )]
    #[case(
        "@Sara.Test thanks, Sara! (sara means princess)",
        Some("Sara"),
        "{handle} thanks, {first_name}! (sara means princess)",
        "en"
    )]
    #[case(
        "أهلًا يا سارة! نعم، نفتح حتى العاشرة.",
        Some("سارة"),
        "أهلًا يا {اسم_المتابع_الأول}! نعم، نفتح حتى العاشرة.",
        "ar"
    )]
    #[case(
        "Hello Saran, Sara_x and Sara: the {price} is 12 SAR",
        Some("Sara"),
        "Hello Saran, Sara_x and {first_name}: the {price} is 12 SAR",
        "en"
    )]
    #[case(
        "Use } or { alone, Sara",
        Some("Sara"),
        "Use }} or {{ alone, {first_name}",
        "en"
    )]
    #[case("Thanks Omar 🙏", None, "Thanks {first_name} 🙏", "en")]
    #[case("Thank you, Name", Some("Name"), "Thank you, {first_name}", "en")]
    #[case("Thanks! ✨", Some("✨"), "Thanks! ✨", "en")]
    #[case("Thanks A lot", Some("A"), "Thanks A lot", "en")]
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
        let (made, named) = variant(text, &to(handle, name));
        assert_eq!(made.body, body);
        let placeholder = [
            "{first_name}",
            "{full_name}",
            "{handle}",
            "{اسم_المتابع",
            "{معرّف_المتابع",
        ];
        assert_eq!(
            named,
            placeholder.iter().any(|p| made.body.contains(p)),
            "told whether a name was found"
        );
        assert_eq!(made.language, language);
        parse(&made.body).expect("a body a template takes");
    }

    #[test]
    fn a_name_guessed_from_a_handle_takes_only_itself() {
        // love.bsky.social is called "Love": "we love" stays words.
        let (made, _) = variant("We love you, Love!", &to("love.bsky.social", None));
        assert_eq!(made.body, "We love you, {first_name}!");
    }

    #[test]
    fn a_template_made_from_a_reply_greets_the_next_follower() {
        let (made, _) = variant(
            "Hi Sara, glad you liked it!",
            &to("sara.test", Some("Sara")),
        );
        let pieces = super::super::parse(&made.body).expect("a valid body");
        let filled = super::super::body::fill(&pieces, |name| match Automatic::named(name) {
            Some(Automatic::AuthorName) => Some("Huda Salem".to_owned()),
            _ => None,
        });
        assert_eq!(filled.text, "Hi Huda, glad you liked it!");
        assert!(filled.blanks.is_empty());
    }
}
