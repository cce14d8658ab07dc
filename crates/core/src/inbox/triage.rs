//! Triage rules: a brand's small rule engine that reads each interaction as it arrives
//! and sets its kind, priority, tags and assignee.
//!
//! Rules are data (stored per brand as JSON, edited in Settings), tried in order: the
//! first rule that sets a kind decides the kind, and likewise for priority and
//! assignee; tags add up. The defaults recognise obvious spam, complaints, questions,
//! praise and feedback in English and Arabic.

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::{Kind, Priority};
use crate::channels::ChannelId;
use crate::settings::Language;
use crate::words::{self, Phrase, normalize};
use crate::{Error, Result};

/// One rule: when an interaction matches its text condition (any of its words, or its
/// pattern; none given: any text) and each of its other conditions, its actions apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    /// What the rule is for, as the person reads it in Settings.
    pub name: String,
    /// Any of these words or phrases (`refund*` also matches "refunded"; signs such as
    /// `?` match anywhere). Empty: any text.
    #[serde(default)]
    pub words: Vec<String>,
    /// A regular expression the text may match instead of one of the words.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Only interactions on this channel.
    #[serde(default)]
    pub channel: Option<ChannelId>,
    /// Only interactions from this author (a handle, without `@`).
    #[serde(default)]
    pub author: Option<String>,
    /// The kind to set.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// The priority to set.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Tags to add.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Who answers it.
    #[serde(default)]
    pub assignee: Option<String>,
}

/// What the rules decided for one interaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Its kind (`other` when no rule said).
    pub kind: Kind,
    /// Its priority (`normal` when no rule said).
    pub priority: Priority,
    /// Its tags, in the order the rules gave them.
    pub tags: Vec<String>,
    /// Who answers it.
    pub assignee: Option<String>,
}

/// What a rule looks at.
pub struct Subject<'a> {
    /// The text.
    pub text: &'a str,
    /// The channel it came on.
    pub channel: ChannelId,
    /// The author's handle.
    pub author: &'a str,
}

/// A brand's rules, ready to apply: words normalized, patterns compiled.
pub struct Triage {
    rules: Vec<(Rule, Vec<Phrase>, Option<Regex>)>,
}

impl Triage {
    /// Prepares `rules`, refusing a rule whose pattern is not a regular expression.
    pub fn new(rules: Vec<Rule>) -> Result<Self> {
        let rules = rules
            .into_iter()
            .map(|rule| {
                let pattern = rule
                    .pattern
                    .as_deref()
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| {
                        Regex::new(&format!("(?i){p}")).map_err(|e| Error::InvalidRule {
                            rule: rule.name.clone(),
                            reason: e.to_string(),
                        })
                    })
                    .transpose()?;
                let phrases = rule.words.iter().filter_map(|w| Phrase::new(w)).collect();
                Ok((rule, phrases, pattern))
            })
            .collect::<Result<_>>()?;
        Ok(Self { rules })
    }

    /// What the rules decide for `subject`.
    pub fn apply(&self, subject: &Subject<'_>) -> Verdict {
        let text = normalize(subject.text);
        let text_words: Vec<&str> = words::tokens(&text).collect();
        let mut verdict = Verdict {
            kind: Kind::Other,
            priority: Priority::Normal,
            tags: Vec::new(),
            assignee: None,
        };
        let (mut kind, mut priority) = (None, None);
        for (rule, phrases, pattern) in &self.rules {
            let matches = rule.channel.is_none_or(|c| c == subject.channel)
                && rule.author.as_deref().is_none_or(|a| {
                    a.trim_start_matches('@')
                        .eq_ignore_ascii_case(subject.author.trim_start_matches('@'))
                })
                && ((phrases.is_empty() && pattern.is_none())
                    || phrases.iter().any(|p| p.found(&text, &text_words))
                    || pattern.as_ref().is_some_and(|p| p.is_match(subject.text)));
            if !matches {
                continue;
            }
            kind = kind.or(rule.kind);
            priority = priority.or(rule.priority);
            verdict.assignee = verdict.assignee.or_else(|| rule.assignee.clone());
            for tag in &rule.tags {
                if !verdict.tags.contains(tag) {
                    verdict.tags.push(tag.clone());
                }
            }
        }
        verdict.kind = kind.unwrap_or(Kind::Other);
        verdict.priority = priority.unwrap_or(Priority::Normal);
        verdict
    }
}

/// The rules a new brand starts with, named in `language` and recognising English and
/// Arabic words alike: spam first (so it is not taken for a question), then complaints
/// (high priority), questions, praise, feedback.
pub fn default_rules(language: Language) -> Vec<Rule> {
    let rule = |[en, ar]: [&str; 2], kind: Kind, words: &[&str]| Rule {
        name: match language {
            Language::En => en,
            Language::Ar => ar,
        }
        .to_owned(),
        words: words.iter().map(|w| (*w).to_owned()).collect(),
        pattern: None,
        channel: None,
        author: None,
        kind: Some(kind),
        priority: None,
        tags: Vec::new(),
        assignee: None,
    };
    vec![
        rule(
            ["Spam", "رسائل مزعجة"],
            Kind::Spam,
            &[
                "free followers",
                "followers for free",
                "crypto*",
                "bitcoin",
                "forex",
                "check my profile",
                "check out my page",
                "dm me for",
                "earn money",
                "click the link in my bio",
                "promote your page",
                "متابعين مجانا",
                "زيادة متابعين",
                "بيتكوين",
                "عملات رقمية",
                "اربح المال",
                "ربح سريع",
            ],
        ),
        Rule {
            priority: Some(Priority::High),
            ..rule(
                ["Complaints", "شكاوى"],
                Kind::Complaint,
                &[
                    "refund*",
                    "broken",
                    "worst",
                    "terrible",
                    "awful",
                    "horrible",
                    "disappointed",
                    "disappointing",
                    "never arrived",
                    "hasn't arrived",
                    "has not arrived",
                    "didn't arrive",
                    "not arrived",
                    "still waiting",
                    "where is my order",
                    "wrong order",
                    "damaged",
                    "missing",
                    "cold",
                    "stale",
                    "rude",
                    "unacceptable",
                    "complain*",
                    "scam",
                    "sick",
                    "too late",
                    "is late",
                    "was late",
                    "arrived late",
                    "running late",
                    "still not here",
                    "cancel my order",
                    "لم يصل",
                    "ما وصل",
                    "ماوصل",
                    "لم تصل",
                    "ما وصلت",
                    "سيء",
                    "سيئ",
                    "سيئة",
                    "سيئه",
                    "أسوأ",
                    "متأخر",
                    "تأخير",
                    "تأخر",
                    "خربان",
                    "مكسور",
                    "استرجاع",
                    "استرداد",
                    "شكوى",
                    "زعلان",
                    "مستاء",
                    "بارد",
                    "باردة",
                    "غلط",
                    "ناقص",
                    "ناقصة",
                    "خايس",
                    "ما رد",
                    "لا يرد",
                    "محد يرد",
                    "للأسف",
                    "مو زين",
                    "فاسد",
                ],
            )
        },
        rule(
            ["Questions", "أسئلة"],
            Kind::Question,
            &[
                "?",
                "؟",
                "how",
                "when",
                "where",
                "what",
                "why",
                "which",
                "who",
                "can i",
                "can you",
                "do you",
                "does",
                "is there",
                "are you",
                "price",
                "how much",
                "open today",
                "do you deliver",
                "كيف",
                "متى",
                "وين",
                "أين",
                "هل",
                "كم",
                "ليش",
                "لماذا",
                "ماذا",
                "ايش",
                "إيش",
                "شو",
                "بكم",
                "السعر",
                "ممكن",
                "تفتحون",
                "توصيل",
                "عندكم",
            ],
        ),
        rule(
            ["Praise", "إشادة"],
            Kind::Praise,
            &[
                "love*",
                "amazing",
                "delicious",
                "great",
                "best",
                "thank*",
                "awesome",
                "perfect",
                "wonderful",
                "fantastic",
                "beautiful",
                "yummy",
                "❤",
                "😍",
                "شكرا",
                "رائع",
                "رائعة",
                "لذيذ",
                "لذيذة",
                "ممتاز",
                "ممتازة",
                "أحب",
                "احب",
                "تسلم",
                "تسلمون",
                "يعطيكم العافية",
                "جميل",
                "حلو",
                "ما شاء الله",
                "ماشاء الله",
                "مبدعين",
                "مبدع",
                "الله يوفقكم",
                "أفضل",
            ],
        ),
        rule(
            ["Feedback", "ملاحظات"],
            Kind::Feedback,
            &[
                "suggest*",
                "would be nice",
                "i wish",
                "idea",
                "please add",
                "could you add",
                "feedback",
                "recommend adding",
                "it would help",
                "اقتراح",
                "أقترح",
                "ياليت",
                "يا ليت",
                "أتمنى",
                "اتمنى",
                "فكرة",
                "لو تضيفون",
                "ملاحظة",
            ],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn the_default_rules_are_named_in_one_language_and_read_both() {
        let (en, ar) = (default_rules(Language::En), default_rules(Language::Ar));
        let names = |rules: &[Rule]| rules.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&en),
            ["Spam", "Complaints", "Questions", "Praise", "Feedback"]
        );
        assert_eq!(
            names(&ar),
            ["رسائل مزعجة", "شكاوى", "أسئلة", "إشادة", "ملاحظات"]
        );
        let unnamed = |rules: Vec<Rule>| {
            rules
                .into_iter()
                .map(|r| Rule {
                    name: String::new(),
                    ..r
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(unnamed(en), unnamed(ar), "only the names differ");
    }

    fn verdict(text: &str) -> Verdict {
        Triage::new(default_rules(Language::En))
            .expect("valid")
            .apply(&Subject {
                text,
                channel: ChannelId(1),
                author: "someone",
            })
    }

    /// Messages as followers write them, labelled by hand; the defaults must read each
    /// one right.
    #[test]
    fn the_defaults_read_a_labelled_sample_in_both_languages() {
        let sample = [
            ("My order never arrived and nobody answers", Kind::Complaint),
            ("I want a refund, the cake was damaged", Kind::Complaint),
            ("Worst service ever. Disappointed.", Kind::Complaint),
            ("The bread was stale this morning", Kind::Complaint),
            ("Still waiting for my delivery since 2pm!!", Kind::Complaint),
            ("Are you open on Friday?", Kind::Question),
            ("How much is the breakfast box", Kind::Question),
            ("do you deliver to Al Olaya", Kind::Question),
            ("Which flour do you use for the sourdough?", Kind::Question),
            ("Loved the cinnamon rolls 😍", Kind::Praise),
            ("Thank you for the quick delivery!", Kind::Praise),
            ("Best croissants in town", Kind::Praise),
            ("I suggest adding a gluten free option", Kind::Feedback),
            ("It would be nice to have smaller boxes", Kind::Feedback),
            ("Get 10k free followers now, check my profile", Kind::Spam),
            ("Earn money fast with crypto, DM me for details", Kind::Spam),
            ("Just picked up my order", Kind::Other),
            ("الطلب لم يصل حتى الآن", Kind::Complaint),
            ("للأسف الخبز كان بارد وناقص", Kind::Complaint),
            ("خدمة سيئة جداً وتأخير في التوصيل", Kind::Complaint),
            ("أبغى استرجاع المبلغ", Kind::Complaint),
            ("متى تفتحون يوم الجمعة؟", Kind::Question),
            ("بكم صندوق الفطور", Kind::Question),
            ("هل عندكم خبز بدون جلوتين", Kind::Question),
            ("وين موقعكم", Kind::Question),
            ("شكراً على الكعك، لذيذ جداً", Kind::Praise),
            ("ما شاء الله مبدعين", Kind::Praise),
            ("يعطيكم العافية على السرعة", Kind::Praise),
            ("اقتراح: لو تضيفون خبز الشعير", Kind::Feedback),
            ("ياليت توفرون أحجام صغيرة", Kind::Feedback),
            ("زيادة متابعين مجانا راسلني", Kind::Spam),
            ("وصلني الطلب اليوم", Kind::Other),
        ];
        let wrong: Vec<_> = sample
            .iter()
            .filter(|(text, kind)| verdict(text).kind != *kind)
            .map(|(text, kind)| {
                format!("{text:?}: expected {kind:?}, got {:?}", verdict(text).kind)
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        assert_eq!(verdict("This is the worst").priority, Priority::High);
        assert_eq!(verdict("Are you open?").priority, Priority::Normal);
    }

    #[test]
    fn words_match_whole_and_arabic_words_behind_prefixes() {
        assert_eq!(
            verdict("Our show was great").kind,
            Kind::Praise,
            "show is not how"
        );
        assert_eq!(
            verdict("refunded yet?").kind,
            Kind::Complaint,
            "refund* takes endings"
        );
        assert_eq!(verdict("والسعر؟").kind, Kind::Question);
        assert_eq!(
            verdict("شكرًا").kind,
            Kind::Praise,
            "the tanwin is folded away"
        );
    }

    #[test]
    fn rules_can_look_at_the_channel_and_author_and_add_tags_and_an_assignee() {
        let rules = vec![
            Rule {
                name: "VIP".into(),
                author: Some("@Sara.bsky.social".into()),
                priority: Some(Priority::Urgent),
                tags: vec!["vip".into()],
                assignee: Some("Huda".into()),
                ..default_rules(Language::En).remove(0)
            }
            .without_kind_or_words(),
            Rule {
                name: "Orders".into(),
                pattern: Some(r"order\s*#\d+".into()),
                channel: Some(ChannelId(2)),
                tags: vec!["orders".into(), "vip".into()],
                ..default_rules(Language::En).remove(0)
            }
            .without_kind_or_words(),
        ];
        let triage = Triage::new([rules, default_rules(Language::En)].concat()).expect("valid");
        let verdict = triage.apply(&Subject {
            text: "Where is Order #42?",
            channel: ChannelId(2),
            author: "sara.bsky.social",
        });
        assert_eq!(verdict.kind, Kind::Question);
        assert_eq!(
            verdict.priority,
            Priority::Urgent,
            "the first rule to say wins"
        );
        assert_eq!(verdict.tags, ["vip", "orders"]);
        assert_eq!(verdict.assignee.as_deref(), Some("Huda"));
        let elsewhere = triage.apply(&Subject {
            text: "Where is Order #42?",
            channel: ChannelId(3),
            author: "omar",
        });
        assert!(elsewhere.tags.is_empty());
        let either = Triage::new(vec![Rule {
            name: "Orders".into(),
            words: vec!["طلبي".into()],
            pattern: Some(r"order\s*#\d+".into()),
            tags: vec!["orders".into()],
            kind: None,
            ..default_rules(Language::En).remove(0)
        }])
        .expect("valid");
        for text in ["وين طلبي؟", "order #7?"] {
            let verdict = either.apply(&Subject {
                text,
                channel: ChannelId(1),
                author: "omar",
            });
            assert_eq!(verdict.tags, ["orders"], "{text}: a word or the pattern");
        }
        assert_eq!(elsewhere.priority, Priority::Normal);
    }

    #[test]
    fn a_pattern_that_is_not_a_regular_expression_is_refused_by_name() {
        let rule = Rule {
            name: "Broken".into(),
            pattern: Some("order (".into()),
            ..default_rules(Language::En).remove(0)
        };
        let err = Triage::new(vec![rule]).err().expect("refused");
        assert_eq!(err.code(), "invalid_rule");
        assert!(err.to_string().contains("Broken"), "{err}");
    }

    impl Rule {
        fn without_kind_or_words(self) -> Self {
            Rule {
                kind: None,
                words: Vec::new(),
                ..self
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_gets_a_verdict(text in "\\PC{0,80}") {
            let _ = verdict(&text);
        }
    }
}
