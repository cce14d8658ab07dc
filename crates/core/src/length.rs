//! How long a text is, the way each network counts it.
//!
//! - Bluesky: grapheme clusters (what a reader sees as one character), limit 300.
//! - Mastodon: grapheme clusters, with every http(s) URL counting 23 and a remote
//!   mention `@user@instance` counting as `@user` (its StatusLengthValidator), limit 500.
//! - X: twitter-text v3 weighting on NFC text — code points in Latin, Arabic and other
//!   scripts below U+1100 (and a few punctuation ranges) weigh 1, all others (CJK…) 2;
//!   every URL, with or without a scheme, 23; an emoji sequence (ZWJ, skin tone, flags,
//!   keycaps) 2 in all; limit 280.
//! - Telegram: UTF-16 code units (its entity offsets are UTF-16), limit 4,096.
//! - Threads 500, Instagram 2,200, LinkedIn 3,000, Facebook 63,206, TikTok 2,200: these
//!   networks do not publish how they count, so Majlis counts UTF-16 code units, the
//!   largest of the usual measures: a text Majlis accepts, the network accepts.
//! - Webhook: no limit.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::channels::ChannelKind;

/// What twitter-text and Mastodon count a URL as, whatever its real length.
const URL_WEIGHT: usize = 23;

/// A text's length on one network, and that network's limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Length {
    /// The length as the network counts it.
    pub used: u32,
    /// The most it accepts; `None` when it sets no limit.
    pub limit: Option<u32>,
    /// Where a text over the limit stops fitting, in UTF-16 code units from its start (as
    /// the window's strings count): the end of the longest start of it, cut between two
    /// graphemes, that the network takes. `None` when the text fits.
    pub over_from: Option<u32>,
}

impl Length {
    /// Whether the network would refuse the text.
    pub fn is_over(self) -> bool {
        self.limit.is_some_and(|limit| self.used > limit)
    }
}

/// [`measure`] against a channel's own limit where its server sets one (a Mastodon
/// instance's `max_characters`), else its network's.
pub fn measure_within(kind: ChannelKind, text: &str, own_limit: Option<u32>) -> Length {
    let limit = own_limit.or(network_limit(kind));
    let used = count(kind, text);
    let over_from = limit
        .filter(|&limit| used > limit as usize)
        .map(|limit| fitting(kind, text, limit));
    Length {
        used: u32::try_from(used).unwrap_or(u32::MAX),
        limit,
        over_from,
    }
}

/// Measures `text` for a channel of `kind`.
pub fn measure(kind: ChannelKind, text: &str) -> Length {
    measure_within(kind, text, None)
}

fn network_limit(kind: ChannelKind) -> Option<u32> {
    match kind {
        ChannelKind::Bluesky => Some(300),
        ChannelKind::Mastodon | ChannelKind::Threads => Some(500),
        ChannelKind::X => Some(280),
        ChannelKind::Telegram => Some(4_096),
        ChannelKind::Instagram | ChannelKind::Tiktok => Some(2_200),
        ChannelKind::Linkedin => Some(3_000),
        ChannelKind::Facebook => Some(63_206),
        ChannelKind::Webhook => None,
    }
}

fn count(kind: ChannelKind, text: &str) -> usize {
    match kind {
        ChannelKind::Bluesky | ChannelKind::Webhook => graphemes(text),
        ChannelKind::Mastodon => mastodon(text),
        ChannelKind::X => x_weighted(text),
        ChannelKind::Telegram
        | ChannelKind::Threads
        | ChannelKind::Instagram
        | ChannelKind::Linkedin
        | ChannelKind::Facebook
        | ChannelKind::Tiktok => utf16(text),
    }
}

/// Where `text`, which counts over `limit` on `kind`'s network, stops fitting, as the
/// UTF-16 length of a start of it that counts within the limit while the next one does
/// not. Starts end between two graphemes, and never inside a URL the network counts
/// whole (X, Mastodon): a URL goes whole or not at all. Found by a binary search,
/// counting each start as the network does; counts mostly grow with the text, but not
/// strictly (a URL recognised counts 23 however long), so this is a point where the text
/// stops fitting, not always the last start that would.
fn fitting(kind: ChannelKind, text: &str, limit: u32) -> u32 {
    let whole = counted_whole(kind, text);
    let ends: Vec<usize> = std::iter::once(0)
        .chain(text.grapheme_indices(true).map(|(at, g)| at + g.len()))
        .filter(|&at| !whole.iter().any(|url| url.start < at && at < url.end))
        .collect();
    // `ends[fits]` counts within the limit (the empty start does), `ends[over]` does not.
    let (mut fits, mut over) = (0, ends.len() - 1);
    while over - fits > 1 {
        let middle = fits + (over - fits) / 2;
        if count(kind, &text[..ends[middle]]) <= limit as usize {
            fits = middle;
        } else {
            over = middle;
        }
    }
    u32::try_from(utf16(&text[..ends[fits]])).unwrap_or(u32::MAX)
}

/// The URLs of `text` that `kind`'s network counts as a whole (23, however long).
fn counted_whole(kind: ChannelKind, text: &str) -> Vec<std::ops::Range<usize>> {
    match kind {
        ChannelKind::X => urls(text, false),
        ChannelKind::Mastodon => urls(text, true),
        _ => Vec::new(),
    }
}

fn graphemes(text: &str) -> usize {
    text.graphemes(true).count()
}

fn utf16(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Whether `text` holds a web address (with its scheme), as a network would link it.
pub fn has_link(text: &str) -> bool {
    !urls(text, true).is_empty()
}

/// URLs in `text` as byte ranges, found by linkify.
fn urls(text: &str, scheme_required: bool) -> Vec<std::ops::Range<usize>> {
    let mut finder = linkify::LinkFinder::new();
    finder
        .kinds(&[linkify::LinkKind::Url])
        .url_must_have_scheme(scheme_required);
    finder
        .links(text)
        .filter(|link| {
            !scheme_required
                || link.as_str().starts_with("http://")
                || link.as_str().starts_with("https://")
        })
        .map(|link| link.start()..link.end())
        .collect()
}

/// Sums `count` over the text between URLs, plus 23 per URL.
fn with_urls_as_23(text: &str, scheme_required: bool, count: impl Fn(&str) -> usize) -> usize {
    let mut total = 0;
    let mut at = 0;
    for url in urls(text, scheme_required) {
        total += count(&text[at..url.start]) + URL_WEIGHT;
        at = url.end;
    }
    total + count(&text[at..])
}

fn mastodon(text: &str) -> usize {
    with_urls_as_23(text, true, |part| graphemes(&without_mention_domains(part)))
}

/// `@user@instance.social` → `@user`: Mastodon counts only the local part of a mention.
fn without_mention_domains(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let (before, from_at) = rest.split_at(at);
        out.push_str(before);
        let user_len = from_at[1..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '-'))
            .map_or(from_at.len() - 1, |n| n);
        let user = &from_at[..=user_len];
        out.push_str(user);
        rest = &from_at[user_len + 1..];
        let mention_start =
            before.is_empty() || before.ends_with(|c: char| c.is_whitespace() || c == '(');
        if mention_start
            && user_len > 0
            && let Some(domain) = rest.strip_prefix('@')
        {
            let domain_len = domain
                .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
                .unwrap_or(domain.len());
            if domain[..domain_len].contains('.') {
                rest = &domain[domain_len..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn x_weighted(text: &str) -> usize {
    let normalized: String = text.nfc().collect();
    with_urls_as_23(&normalized, false, |part| {
        part.graphemes(true).map(x_grapheme_weight).sum()
    })
}

/// twitter-text v3: an emoji sequence weighs 2; other text weighs per code point.
fn x_grapheme_weight(grapheme: &str) -> usize {
    if is_emoji_sequence(grapheme) {
        return 2;
    }
    grapheme.chars().map(x_code_point_weight).sum()
}

fn x_code_point_weight(c: char) -> usize {
    match u32::from(c) {
        0..=4_351 | 8_192..=8_205 | 8_208..=8_223 | 8_242..=8_247 => 1,
        _ => 2,
    }
}

/// Whether a grapheme cluster is an emoji (possibly a sequence of several code points).
fn is_emoji_sequence(grapheme: &str) -> bool {
    grapheme.chars().any(|c| {
        matches!(u32::from(c),
            0x200D                  // zero-width joiner
            | 0xFE0F                // emoji presentation selector
            | 0x20E3                // combining keycap
            | 0x1F1E6..=0x1F1FF     // regional indicators (flags)
            | 0x1F3FB..=0x1F3FF     // skin tones
            | 0x1F000..=0x1FAFF     // pictographs, emoticons, symbols
            | 0x2600..=0x27BF) // miscellaneous symbols and dingbats
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rstest::rstest;

    use super::*;

    const FAMILY: &str = "👨\u{200D}👩\u{200D}👧\u{200D}👦"; // 7 code points, 1 grapheme
    const WAVE_DARK: &str = "👋🏿"; // hand + skin tone
    const SHADDA: &str = "شدّة"; // shīn, dāl, shadda, tāʾ marbūṭa: 3 graphemes, 4 code points
    const FLAG: &str = "🇸🇦";

    #[rstest]
    #[case::ascii("hello", 5)]
    #[case::arabic_with_shadda(SHADDA, 3)]
    #[case::family(FAMILY, 1)]
    #[case::skin_tone(WAVE_DARK, 1)]
    #[case::flag(FLAG, 1)]
    #[case::mixed_direction("مرحبا Riyadh!", 13)]
    fn bluesky_counts_graphemes(#[case] text: &str, #[case] expected: u32) {
        assert_eq!(measure(ChannelKind::Bluesky, text).used, expected);
    }

    #[rstest]
    #[case::url("see https://example.com/a/very/long/path/that/goes/on?and=on", 4 + 23)]
    #[case::two_urls("https://a.io https://b.io/x", 23 + 1 + 23)]
    #[case::schemeless_is_text("example.com", 11)]
    #[case::remote_mention("hi @sara@mastodon.social", 3 + 5)]
    #[case::local_mention("hi @sara", 8)]
    #[case::email_is_text("mail sara@example.com", 21)]
    #[case::arabic(SHADDA, 3)]
    fn mastodon_counts_urls_as_23_and_remote_mentions_by_their_user(
        #[case] text: &str,
        #[case] expected: u32,
    ) {
        assert_eq!(measure(ChannelKind::Mastodon, text).used, expected);
    }

    #[rstest]
    #[case::ascii("hello", 5)]
    #[case::arabic_counts_code_points(SHADDA, 4)]
    #[case::cjk_weighs_two("日本", 4)]
    #[case::family_is_two(FAMILY, 2)]
    #[case::skin_tone_is_two(WAVE_DARK, 2)]
    #[case::flag_is_two(FLAG, 2)]
    #[case::url("read https://example.com/very/long/path/indeed", 5 + 23)]
    #[case::schemeless_url("visit example.com", 6 + 23)]
    #[case::curly_quotes_weigh_one("\u{201C}hi\u{201D}", 4)]
    fn x_weighs_like_twitter_text(#[case] text: &str, #[case] expected: u32) {
        assert_eq!(measure(ChannelKind::X, text).used, expected);
    }

    #[test]
    fn x_normalises_before_counting() {
        // "é" as e + combining acute is one NFC code point.
        assert_eq!(measure(ChannelKind::X, "e\u{301}").used, 1);
    }

    #[test]
    fn telegram_and_meta_count_utf16_units() {
        assert_eq!(measure(ChannelKind::Telegram, FAMILY).used, 11);
        assert_eq!(measure(ChannelKind::Instagram, SHADDA).used, 4);
    }

    #[rstest]
    #[case(ChannelKind::Bluesky, 300)]
    #[case(ChannelKind::Mastodon, 500)]
    #[case(ChannelKind::X, 280)]
    #[case(ChannelKind::Threads, 500)]
    #[case(ChannelKind::Instagram, 2_200)]
    #[case(ChannelKind::Linkedin, 3_000)]
    #[case(ChannelKind::Facebook, 63_206)]
    #[case(ChannelKind::Tiktok, 2_200)]
    #[case(ChannelKind::Telegram, 4_096)]
    fn limits_are_exact(#[case] kind: ChannelKind, #[case] limit: u32) {
        let at_limit = "a".repeat(limit as usize);
        assert!(!measure(kind, &at_limit).is_over());
        assert!(measure(kind, &format!("{at_limit}a")).is_over());
    }

    #[test]
    fn a_servers_own_limit_replaces_the_networks() {
        let text = "a".repeat(600);
        assert!(measure(ChannelKind::Mastodon, &text).is_over());
        let roomy = measure_within(ChannelKind::Mastodon, &text, Some(5_000));
        assert_eq!(
            (roomy.used, roomy.limit, roomy.is_over()),
            (600, Some(5_000), false)
        );
        assert_eq!(
            measure_within(ChannelKind::Mastodon, &text, None).limit,
            Some(500)
        );
    }

    #[rstest]
    #[case::in_text("Order at https://rayyan.example/box today", true)]
    #[case::arabic_around("اطلبوا من https://rayyan.example/box اليوم", true)]
    #[case::without_scheme("rayyan.example/box", false)]
    #[case::none("Fresh bread at 4 a.m.", false)]
    fn a_link_is_a_web_address_with_its_scheme(#[case] text: &str, #[case] linked: bool) {
        assert_eq!(has_link(text), linked);
    }

    #[test]
    fn webhooks_have_no_limit() {
        assert!(!measure(ChannelKind::Webhook, &"a".repeat(100_000)).is_over());
    }

    #[rstest]
    #[case::fits(ChannelKind::X, "a".repeat(280), None)]
    #[case::one_over(ChannelKind::X, "a".repeat(281), Some(280))]
    // An emoji sequence weighs 2 on X and is never cut in two: the family (11 UTF-16
    // units) fits after 278, the letter after it does not.
    #[case::emoji_goes_whole(ChannelKind::X, format!("{}{FAMILY}b", "a".repeat(278)), Some(289))]
    // A URL counts 23 on X: one that no longer fits goes whole, cut before it.
    #[case::url_goes_whole(ChannelKind::X, format!("{} https://rayyan.example/box", "a".repeat(260)), Some(261))]
    // Telegram counts UTF-16 units, and the family's 11 do not fit after 4,090.
    #[case::utf16(ChannelKind::Telegram, format!("{}{FAMILY}", "a".repeat(4_090)), Some(4_090))]
    // Arabic with a shadda is cut after the letter and its mark, never between them:
    // 298 + shīn + dāl with shadda are 300 graphemes, 301 UTF-16 units.
    #[case::marks_stay(ChannelKind::Bluesky, format!("{}{SHADDA}", "a".repeat(298)), Some(301))]
    fn a_text_over_the_limit_says_where_it_stops_fitting(
        #[case] kind: ChannelKind,
        #[case] text: String,
        #[case] over_from: Option<u32>,
    ) {
        assert_eq!(measure(kind, &text).over_from, over_from);
    }

    /// The byte offset of a UTF-16 offset that falls between two characters.
    fn byte_at_utf16(text: &str, units: u32) -> Option<usize> {
        let mut counted = 0;
        for (at, c) in text.char_indices() {
            if counted == units as usize {
                return Some(at);
            }
            counted += c.len_utf16();
        }
        (counted == units as usize).then_some(text.len())
    }

    /// Text built from the pieces people actually write: Arabic with marks, Latin,
    /// emoji sequences, digits, spaces and punctuation.
    fn realistic_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("مرحبا".to_owned()),
            Just(SHADDA.to_owned()),
            Just("ـ".to_owned()),
            Just("Hello".to_owned()),
            Just(FAMILY.to_owned()),
            Just(WAVE_DARK.to_owned()),
            Just(FLAG.to_owned()),
            Just("١٢٣".to_owned()),
            Just(" ".to_owned()),
            Just("،".to_owned()),
            Just("!".to_owned()),
            // Arabic letters, each with an optional harakah or shadda.
            "([\\u{0621}-\\u{064A}][\\u{064B}-\\u{0652}]?){1,4}",
            "[a-z]{1,6}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn a_text_over_its_limit_is_cut_where_the_network_stops_taking_it(
            before in realistic_text(),
            host in "[a-z]{1,8}",
            after in realistic_text(),
            kind in prop::sample::select(ChannelKind::ALL.to_vec()),
            limit in 0_u32..60,
        ) {
            let text = format!("{before} https://{host}.com/{host} {after}");
            let length = measure_within(kind, &text, Some(limit));
            prop_assert_eq!(length.over_from.is_some(), length.is_over());
            if let Some(units) = length.over_from {
                let cut = byte_at_utf16(&text, units);
                prop_assert!(cut.is_some(), "{} is inside a character", units);
                let cut = cut.unwrap_or_default();
                // The next place a cut may fall: the next grapheme's end, or a URL's end.
                let whole = counted_whole(kind, &text);
                let next = text[cut..]
                    .grapheme_indices(true)
                    .map(|(at, g)| cut + at + g.len())
                    .find(|&at| !whole.iter().any(|url| url.start < at && at < url.end))
                    .unwrap_or(text.len());
                prop_assert!(measure_within(kind, &text[..cut], Some(limit)).used <= limit);
                prop_assert!(measure_within(kind, &text[..next], Some(limit)).used > limit);
            }
        }

        #[test]
        fn lengths_add_up_over_a_space(a in realistic_text(), b in realistic_text()) {
            // A space never joins graphemes, so counts are additive across it.
            for kind in [ChannelKind::Bluesky, ChannelKind::Telegram, ChannelKind::Instagram] {
                let whole = measure(kind, &format!("{a} {b}")).used;
                prop_assert_eq!(whole, measure(kind, &a).used + 1 + measure(kind, &b).used);
            }
        }

        #[test]
        fn graphemes_never_exceed_code_points_or_utf16(text in realistic_text()) {
            let g = measure(ChannelKind::Bluesky, &text).used as usize;
            prop_assert!(g <= text.chars().count());
            prop_assert!(text.chars().count() <= measure(ChannelKind::Telegram, &text).used as usize);
        }

        #[test]
        fn x_weighs_each_grapheme_one_or_more(text in realistic_text()) {
            let graphemes = measure(ChannelKind::Bluesky, &text).used;
            prop_assert!(measure(ChannelKind::X, &text).used >= graphemes);
        }

        #[test]
        fn a_url_always_counts_23_on_mastodon(text in realistic_text(), path in "[a-z0-9/]{0,80}") {
            let with_url = format!("{text} https://example.com/{path}");
            let without = measure(ChannelKind::Mastodon, &text).used;
            prop_assert_eq!(measure(ChannelKind::Mastodon, &with_url).used, without + 1 + 23);
        }
    }
}
