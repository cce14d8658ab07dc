//! A brand's voice, and the linter that reads replies and post texts against it.
//!
//! Findings warn; they never block (only a template's unfilled blanks do). Each names
//! what it found, where (character positions), and what to do instead.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::brands::BrandId;
use crate::words::{normalize, same_word};
use crate::{Error, Result};

/// How the brand sounds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Warm and plain, as to a neighbour.
    #[default]
    Friendly,
    /// Polite and careful, as a bank writes.
    Formal,
}

/// How many emoji a reply may have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Emoji {
    /// None at all.
    None,
    /// One or two.
    #[default]
    Some,
    /// As many as the writer likes.
    Any,
}

/// A word the brand does not use, and what it says instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Avoid {
    /// The word or phrase.
    pub word: String,
    /// What to write instead.
    pub instead: Option<String>,
}

/// A brand's voice.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Voice {
    /// Friendly or formal.
    pub tone: Tone,
    /// Words it does not use.
    pub avoid: Vec<Avoid>,
    /// What every reply ends with, e.g. "— Huda, Rayyan Bakery".
    pub sign_off: Option<String>,
    /// Emoji: none, some, any.
    pub emoji: Emoji,
    /// The longest a reply should be, in characters (graphemes).
    pub max_length: Option<u32>,
}

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum VoiceRule {
    /// A word the brand avoids.
    Avoid,
    /// Words that do not fit the tone.
    Tone,
    /// Emoji the policy does not allow.
    Emoji,
    /// The sign-off is missing.
    SignOff,
    /// Longer than the brand's maximum.
    Length,
}

/// One thing the linter found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Which rule.
    pub rule: VoiceRule,
    /// Where it starts, in characters.
    pub start: u32,
    /// Where it ends, in characters.
    pub end: u32,
    /// Why: named with what it names, for the window to word in its language; its
    /// `Display` is the English sentence the CLI prints.
    pub why: Off,
    /// What to write instead, when there is one answer.
    pub suggestion: Option<String>,
}

impl Finding {
    fn new(
        rule: VoiceRule,
        (start, end): (u32, u32),
        why: Off,
        suggestion: Option<String>,
    ) -> Self {
        Self {
            rule,
            start,
            end,
            why,
            suggestion,
        }
    }
}

/// How a text is off the brand's voice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Off {
    /// A word the brand avoids, and the one it uses.
    #[error("the brand says \"{instead}\", not \"{word}\"")]
    SaysInstead {
        /// The word in the text.
        word: String,
        /// The brand's word.
        instead: String,
    },
    /// A word the brand does not use.
    #[error("the brand does not say \"{word}\"")]
    NeverSays {
        /// The word in the text.
        word: String,
    },
    /// Too casual for a formal voice.
    #[error("\"{phrase}\" is too casual for the brand's formal voice")]
    TooCasual {
        /// The phrase in the text.
        phrase: String,
    },
    /// Too stiff for a friendly voice.
    #[error("\"{phrase}\" is too stiff for the brand's friendly voice")]
    TooStiff {
        /// The phrase in the text.
        phrase: String,
    },
    /// Emoji where the brand uses none.
    #[error("the brand does not use emoji")]
    NoEmoji,
    /// More emoji than the brand uses.
    #[error("{count} emoji: the brand uses {allowed} at most")]
    TooManyEmoji {
        /// How many the text has.
        count: u32,
        /// How many the brand uses at most.
        allowed: u32,
    },
    /// Longer than the brand keeps its replies.
    #[error("{length} characters: the brand keeps replies to {max}")]
    TooLong {
        /// The text's length, in characters as people count them.
        length: u32,
        /// The brand's limit.
        max: u32,
    },
    /// The brand's sign-off is missing at the end.
    #[error("the reply does not end with the brand's sign-off \"{sign_off}\"")]
    NoSignOff {
        /// The sign-off.
        sign_off: String,
    },
}

/// Casual words a formal voice leaves out, and stiff ones a friendly voice does.
const CASUAL: [&str; 12] = [
    "hey", "gonna", "wanna", "lol", "yeah", "yep", "nope", "btw", "omg", "dude", "guys", "ya",
];
const STIFF: [&str; 7] = [
    "dear sir",
    "dear madam",
    "we regret to inform",
    "kindly",
    "herewith",
    "hereby",
    "your esteemed",
];

/// The brand's voice (the defaults until set).
pub fn get(conn: &Connection, brand: BrandId) -> Result<Voice> {
    let json: Option<String> = conn
        .query_row(
            "SELECT voice FROM voices WHERE brand_id = ?1",
            [brand.0],
            |r| r.get(0),
        )
        .optional()?;
    json.map(|j| {
        serde_json::from_str(&j).map_err(|source| Error::Setting {
            key: "voice",
            source,
        })
    })
    .transpose()
    .map(Option::unwrap_or_default)
}

/// Sets the brand's voice.
pub fn set(tx: &Transaction<'_>, brand: BrandId, voice: &Voice) -> Result<()> {
    if voice.max_length == Some(0) {
        return Err(Error::InvalidVoice(
            "a maximum length must be at least 1".into(),
        ));
    }
    if voice.avoid.iter().any(|a| a.word.trim().is_empty()) {
        return Err(Error::InvalidVoice("a word to avoid is empty".into()));
    }
    let json = serde_json::to_string(voice).map_err(|source| Error::Setting {
        key: "voice",
        source,
    })?;
    tx.execute(
        "INSERT INTO voices (brand_id, voice) VALUES (?1, ?2)
         ON CONFLICT (brand_id) DO UPDATE SET voice = excluded.voice",
        params![brand.0, json],
    )?;
    Ok(())
}

/// What `text` does against `voice`, in the order found.
pub fn lint(voice: &Voice, text: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let words = word_spans(text);
    let phrase_at = |phrase: &str| -> Vec<(u32, u32)> {
        let wanted: Vec<String> = crate::words::tokens(&normalize(phrase))
            .map(str::to_owned)
            .collect();
        if wanted.is_empty() {
            return Vec::new();
        }
        words
            .windows(wanted.len())
            .filter(|w| {
                w.iter()
                    .zip(&wanted)
                    .enumerate()
                    .all(|(i, ((word, _, _), want))| {
                        if i == 0 {
                            same_word(word, want)
                        } else {
                            word == want
                        }
                    })
            })
            .map(|w| (w[0].1, w[w.len() - 1].2))
            .collect()
    };
    for avoid in &voice.avoid {
        for at in phrase_at(&avoid.word) {
            let word = avoid.word.clone();
            let why = match &avoid.instead {
                Some(instead) => Off::SaysInstead {
                    word,
                    instead: instead.clone(),
                },
                None => Off::NeverSays { word },
            };
            findings.push(Finding::new(
                VoiceRule::Avoid,
                at,
                why,
                avoid.instead.clone(),
            ));
        }
    }
    let (off_tone, off): (&[&str], fn(String) -> Off) = match voice.tone {
        Tone::Formal => (&CASUAL, |phrase| Off::TooCasual { phrase }),
        Tone::Friendly => (&STIFF, |phrase| Off::TooStiff { phrase }),
    };
    for phrase in off_tone {
        for at in phrase_at(phrase) {
            let why = off((*phrase).to_owned());
            findings.push(Finding::new(VoiceRule::Tone, at, why, None));
        }
    }
    let emoji: Vec<(u32, u32)> = graphemes(text)
        .filter(|(g, _, _)| is_emoji(g))
        .map(|(_, s, e)| (s, e))
        .collect();
    let allowed = match voice.emoji {
        Emoji::None => 0,
        Emoji::Some => 2,
        Emoji::Any => usize::MAX,
    };
    if emoji.len() > allowed {
        let at = (
            emoji[allowed.min(emoji.len() - 1)].0,
            emoji[emoji.len() - 1].1,
        );
        let why = if allowed == 0 {
            Off::NoEmoji
        } else {
            Off::TooManyEmoji {
                count: u32::try_from(emoji.len()).unwrap_or(u32::MAX),
                allowed: u32::try_from(allowed).unwrap_or(u32::MAX),
            }
        };
        findings.push(Finding::new(VoiceRule::Emoji, at, why, None));
    }
    let length = u32::try_from(graphemes(text).count()).unwrap_or(u32::MAX);
    let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    if let Some(max) = voice.max_length.filter(|&m| length > m) {
        // From the first character past the limit to the end.
        let start = graphemes(text)
            .nth(max as usize)
            .map_or(chars, |(_, s, _)| s);
        let why = Off::TooLong { length, max };
        findings.push(Finding::new(VoiceRule::Length, (start, chars), why, None));
    }
    if let Some(sign_off) = voice
        .sign_off
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        && !normalize(text.trim_end()).ends_with(&normalize(sign_off))
    {
        let why = Off::NoSignOff {
            sign_off: sign_off.to_owned(),
        };
        findings.push(Finding::new(
            VoiceRule::SignOff,
            (chars, chars),
            why,
            Some(sign_off.to_owned()),
        ));
    }
    findings
}

/// Grapheme clusters with their character positions.
fn graphemes(text: &str) -> impl Iterator<Item = (&str, u32, u32)> {
    let mut at = 0u32;
    text.graphemes(true).map(move |g| {
        let len = u32::try_from(g.chars().count()).unwrap_or(u32::MAX);
        let span = (g, at, at + len);
        at += len;
        span
    })
}

/// Normalized words with their character positions in the original text.
fn word_spans(text: &str) -> Vec<(String, u32, u32)> {
    let mut spans = Vec::new();
    let mut current = String::new();
    let mut start = 0u32;
    for (i, c) in text.chars().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        if c.is_alphanumeric() || ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0640}' {
            if current.is_empty() {
                start = i;
            }
            current.push(c);
        } else if !current.is_empty() {
            spans.push((normalize(&current), start, i));
            current.clear();
        }
    }
    if !current.is_empty() {
        spans.push((
            normalize(&current),
            start,
            u32::try_from(text.chars().count()).unwrap_or(u32::MAX),
        ));
    }
    spans
}

/// Whether a grapheme is an emoji (pictographs, flags, keycaps).
fn is_emoji(grapheme: &str) -> bool {
    grapheme.chars().any(|c| {
        matches!(u32::from(c),
            0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x1F1E6..=0x1F1FF | 0x2B50 | 0x2B55 | 0x20E3)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn rules(voice: &Voice, text: &str) -> Vec<VoiceRule> {
        lint(voice, text).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn avoided_words_are_found_with_their_place_and_replacement_in_both_languages() {
        let voice = Voice {
            avoid: vec![
                Avoid {
                    word: "cheap".into(),
                    instead: Some("affordable".into()),
                },
                Avoid {
                    word: "رخيص".into(),
                    instead: Some("بسعر مناسب".into()),
                },
            ],
            emoji: Emoji::Any,
            ..Voice::default()
        };
        let found = lint(&voice, "Our bread is CHEAP and fresh");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (13, 18));
        assert_eq!(found[0].suggestion.as_deref(), Some("affordable"));
        let found = lint(&voice, "خبزنا والرخيص لذيذ");
        assert_eq!(found.len(), 1, "behind و and ال");
        assert_eq!((found[0].start, found[0].end), (6, 13));
    }

    #[test]
    fn tone_emoji_length_and_sign_off() {
        let formal = Voice {
            tone: Tone::Formal,
            emoji: Emoji::None,
            max_length: Some(40),
            sign_off: Some("— Rayyan Bakery".into()),
            ..Voice::default()
        };
        assert_eq!(
            rules(&formal, "Hey! Your order is on its way 🚚 — Rayyan Bakery"),
            [VoiceRule::Tone, VoiceRule::Emoji, VoiceRule::Length]
        );
        assert_eq!(
            rules(&formal, "Your order is on its way. — Rayyan Bakery"),
            [VoiceRule::Length]
        );
        assert_eq!(
            rules(&formal, "Your order is on its way."),
            [VoiceRule::SignOff]
        );
        let friendly = Voice::default();
        assert_eq!(
            rules(&friendly, "Kindly note the delay 🙏"),
            [VoiceRule::Tone]
        );
        assert_eq!(
            rules(&friendly, "Yay 🎉🎉🎉"),
            [VoiceRule::Emoji],
            "some means two at most"
        );
        assert!(rules(&friendly, "شكرًا لكِ يا سارة ❤️").is_empty());
        let family = "👨‍👩‍👧";
        assert_eq!(
            rules(
                &Voice {
                    emoji: Emoji::Some,
                    ..Voice::default()
                },
                &format!("{family}{family}")
            ),
            Vec::<VoiceRule>::new(),
            "a ZWJ family is one emoji"
        );
    }

    #[test]
    fn each_finding_is_named_with_what_it_names_and_worded_in_english() {
        let formal = Voice {
            tone: Tone::Formal,
            avoid: vec![Avoid {
                word: "cheap".into(),
                instead: Some("affordable".into()),
            }],
            emoji: Emoji::None,
            max_length: Some(30),
            sign_off: Some("— Huda".into()),
        };
        let found = lint(&formal, "Hey, cheap bread today 🍞, come early!");
        let whys: Vec<&Off> = found.iter().map(|f| &f.why).collect();
        assert_eq!(
            whys,
            [
                &Off::SaysInstead {
                    word: "cheap".into(),
                    instead: "affordable".into()
                },
                &Off::TooCasual {
                    phrase: "hey".into()
                },
                &Off::NoEmoji,
                &Off::TooLong {
                    length: 37,
                    max: 30
                },
                &Off::NoSignOff {
                    sign_off: "— Huda".into()
                },
            ]
        );
        assert_eq!(
            found[0].why.to_string(),
            "the brand says \"affordable\", not \"cheap\""
        );
        assert_eq!(
            found[3].why.to_string(),
            "37 characters: the brand keeps replies to 30"
        );
    }

    proptest! {
        #[test]
        fn findings_lie_inside_the_text(text in "\\PC{0,60}") {
            let voice = Voice {
                tone: Tone::Formal,
                avoid: vec![Avoid { word: "a".into(), instead: None }],
                emoji: Emoji::None,
                max_length: Some(10),
                sign_off: Some("x".into()),
            };
            let length = text.chars().count() as u32;
            for f in lint(&voice, &text) {
                prop_assert!(f.start <= f.end && f.end <= length, "{f:?}");
            }
        }
    }
}
