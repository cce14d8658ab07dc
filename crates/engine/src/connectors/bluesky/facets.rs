//! Rich text: the links, mentions and hashtags in a post's text, as Bluesky wants them
//! — ranges in UTF-8 bytes of the text, not characters or graphemes.

use linkify::{LinkFinder, LinkKind};

/// One marked-up range of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facet {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What the range is.
    pub feature: Feature,
}

/// What a range of text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Feature {
    /// A web address.
    Link(String),
    /// `@handle`, lower-cased, without the `@`; it becomes a mention once resolved to
    /// an account.
    Mention(String),
    /// `#tag`, without the `#`.
    Tag(String),
}

/// Finds every link, mention and hashtag in `text`, in order.
pub fn detect(text: &str) -> Vec<Facet> {
    let mut facets: Vec<Facet> = LinkFinder::new()
        .kinds(&[LinkKind::Url])
        .links(text)
        .map(|link| Facet {
            start: link.start(),
            end: link.end(),
            feature: Feature::Link(link.as_str().to_owned()),
        })
        .collect();
    // A tag or mention never overlaps a link ("#a://a" is a link after its sign).
    let on_link = |start: usize, end: usize, links: &[Facet]| {
        links.iter().any(|f| f.start < end && start < f.end)
    };
    let mut found = Vec::new();
    for (at, c) in text.char_indices() {
        if !matches!(c, '@' | '#' | '＃') || on_link(at, at + 1, &facets) {
            continue;
        }
        let before = text[..at].chars().next_back();
        if before.is_some_and(|b| !(b.is_whitespace() || b == '(')) {
            continue;
        }
        let rest = &text[at + c.len_utf8()..];
        let word_len = rest
            .find(|w: char| w.is_whitespace() || is_invisible(w))
            .unwrap_or(rest.len());
        let word = rest[..word_len].trim_end_matches(is_punctuation);
        let start = at;
        let end = at + c.len_utf8() + word.len();
        let feature = if c == '@' {
            let handle = word.trim_end_matches(|w: char| !w.is_ascii_alphanumeric());
            if !is_handle(handle) || on_link(start, at + 1 + handle.len(), &facets) {
                continue;
            }
            found.push(Facet {
                start,
                end: at + 1 + handle.len(),
                feature: Feature::Mention(handle.to_ascii_lowercase()),
            });
            continue;
        } else {
            if word.is_empty()
                || word.chars().count() > 64
                || word.chars().all(|w| w.is_numeric() || is_punctuation(w))
                || on_link(start, end, &facets)
            {
                continue;
            }
            Feature::Tag(word.to_owned())
        };
        found.push(Facet {
            start,
            end,
            feature,
        });
    }
    facets.extend(found);
    facets.sort_by_key(|f| f.start);
    facets
}

/// A domain-shaped handle: dot-separated labels of letters, digits and hyphens.
fn is_handle(handle: &str) -> bool {
    let labels: Vec<&str> = handle.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
}

/// Punctuation that ends a hashtag or handle rather than belonging to it (Latin and
/// Arabic marks, and the general punctuation block); `_` belongs to tags.
fn is_punctuation(c: char) -> bool {
    (c.is_ascii_punctuation() && c != '_')
        || matches!(c, '،' | '؛' | '؟' | '۔' | '«' | '»' | '…')
        || ('\u{2010}'..='\u{205E}').contains(&c)
}

/// Zero-width and formatting characters that end a tag (a ZWJ inside an emoji does
/// not occur in a tag worth linking).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{2060}' | '\u{200A}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{20E2}'
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn slices(text: &str) -> Vec<(&str, Feature)> {
        detect(text)
            .into_iter()
            .map(|f| (&text[f.start..f.end], f.feature))
            .collect()
    }

    #[test]
    fn a_sign_before_a_link_is_not_a_tag_over_it() {
        let found = detect("#a://a");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(matches!(found[0].feature, Feature::Link(_)));
    }

    #[test]
    fn links_mentions_and_tags_after_arabic_and_emoji_are_byte_ranges() {
        let text = "خبز طازج 🍞👨‍👩‍👧 كل صباح! https://rayyan.example/menu?x=1 مع @rayyan.bsky.social #مخبز_الريّان #Eid2026.";
        assert_eq!(
            slices(text),
            vec![
                (
                    "https://rayyan.example/menu?x=1",
                    Feature::Link("https://rayyan.example/menu?x=1".into())
                ),
                (
                    "@rayyan.bsky.social",
                    Feature::Mention("rayyan.bsky.social".into())
                ),
                ("#مخبز_الريّان", Feature::Tag("مخبز_الريّان".into())),
                ("#Eid2026", Feature::Tag("Eid2026".into())),
            ]
        );
    }

    #[test]
    fn what_only_looks_like_a_tag_or_mention_is_left_alone() {
        assert!(slices("price #1 today, mail me@rayyan.example, #، and @nobody").is_empty());
        assert_eq!(
            slices("(@Bakery.Example).")[0],
            ("@Bakery.Example", Feature::Mention("bakery.example".into()))
        );
    }

    proptest! {
        #[test]
        fn every_range_is_on_char_boundaries_in_order_and_starts_with_its_sign(
            text in "[ a-z#@.\\u{0627}-\\u{064A}\\u{0651}\\u{1F35E}\\u{200D}:/]{0,80}"
        ) {
            let facets = detect(&text);
            let mut last_end = 0;
            for f in &facets {
                prop_assert!(f.start >= last_end && f.start < f.end && f.end <= text.len());
                prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                let slice = &text[f.start..f.end];
                match &f.feature {
                    Feature::Link(uri) => prop_assert_eq!(slice, uri.as_str()),
                    Feature::Mention(handle) => prop_assert_eq!(slice.to_ascii_lowercase(), format!("@{handle}")),
                    Feature::Tag(tag) => prop_assert_eq!(&slice[slice.len() - tag.len()..], tag.as_str()),
                }
                last_end = f.end;
            }
        }
    }
}
