//! The voice of the community: what people keep raising in complaints, questions and
//! feedback, what is new this week, and which messages say the same thing.
//!
//! - **Terms** are words as [`words::normalize`] reads them (case, Arabic diacritics,
//!   tatweel and letter variants folded), without English and Arabic stop-words, with a
//!   light stem (English: plural and verb endings; Arabic: the article and the
//!   conjunctions before it); **phrases** are two terms in a row.
//! - **Recurring topics**: the terms and phrases in the most messages of the period (a
//!   phrase hides its words when they only ever come with it).
//! - **Emerging topics**: terms whose share of this week's messages (the period's last
//!   seven days) is significantly above their share in the eight weeks before, by
//!   Dunning's log-likelihood ratio test (G² on the 2×2 table of messages with and
//!   without the term, this week and before), at p < 0.001 (G² ≥ 10.83, one degree of
//!   freedom), seen in at least three messages this week.
//! - **Groups**: messages of one kind that read nearly the same (character-trigram
//!   Dice ≥ 0.6 on normalized text, or the very same terms), so one template or post
//!   can answer them all.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::Days;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::Period;
use crate::Result;
use crate::brands::Brand;
use crate::inbox::{InteractionId, Kind};
use crate::words::{self, dice, trigrams};

/// How many recurring topics and groups are kept.
const TOP: usize = 20;
/// Weeks of baseline an emerging term is compared with.
const BASELINE_WEEKS: u64 = 8;
/// G² at p < 0.001 with one degree of freedom.
const SIGNIFICANT: f64 = 10.83;
/// How alike two messages are to be in one group.
const ALIKE: f64 = 0.6;
/// A term in more messages than this is too common to pair messages by.
const COMMON: usize = 400;
/// How many of a topic's, rising term's or group's messages it carries, newest first:
/// the inbox opens on them, a person reads a few, and `count` says how many there are.
/// (A year's common topic can be in tens of thousands of messages.)
pub const SHOWN: usize = 1_000;

/// A term or phrase and the messages it is in.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Topic {
    /// The term or phrase, as people wrote it most often.
    pub phrase: String,
    /// How many messages have it.
    pub count: u32,
    /// Those messages, newest first, at most [`SHOWN`] (for the inbox to show).
    pub interactions: Vec<InteractionId>,
}

/// A term more frequent this week than before.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Emerging {
    /// The term.
    pub term: String,
    /// Messages with it this week, of `week_total`.
    pub this_week: u32,
    /// Messages this week.
    pub week_total: u32,
    /// Messages with it in the weeks before, of `baseline_total`.
    pub before: u32,
    /// Messages in the weeks before.
    pub baseline_total: u32,
    /// Dunning's G².
    pub g2: f64,
    /// This week's messages with it, newest first, at most [`SHOWN`].
    pub interactions: Vec<InteractionId>,
}

/// Messages that say nearly the same.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// How many.
    pub count: u32,
    /// Up to three of their texts.
    pub examples: Vec<String>,
    /// Them, newest first, at most [`SHOWN`].
    pub interactions: Vec<InteractionId>,
}

/// What a brand's community said in a period.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Topics {
    /// The period.
    pub period: Period,
    /// Complaints, questions and feedback read.
    pub messages: u32,
    /// The most recurring terms and phrases.
    pub recurring: Vec<Topic>,
    /// Terms rising this week.
    pub emerging: Vec<Emerging>,
    /// Near-identical messages, the largest groups first.
    pub groups: Vec<Group>,
}

/// A message read for topics: its terms are `terms[from..to]` of its [`Read`], as
/// numbers in the period's vocabulary.
struct Message {
    id: InteractionId,
    at: i64,
    /// Complaint, question or feedback: the same words can be either.
    kind: Kind,
    from: u32,
    to: u32,
}

/// The messages read, newest first, with their terms in one list.
struct Read<'c> {
    conn: &'c Connection,
    messages: Vec<Message>,
    terms: Vec<u32>,
}

impl Read<'_> {
    fn terms(&self, m: &Message) -> &[u32] {
        self.terms
            .get(m.from as usize..m.to as usize)
            .unwrap_or_default()
    }

    /// A message's text, read when a group compares or shows it.
    fn text(&self, id: InteractionId) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT text FROM interactions WHERE id = ?1")?
            .query_row([id.0], |r| r.get(0))?)
    }
}

/// A fast hash for the small numbers and words counted here (the Fx hash of rustc):
/// they come from the brand's own messages, so nothing is gained by resisting chosen
/// collisions.
#[derive(Clone, Copy, Default)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut rest = [0; 8];
        rest[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(rest));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
type FxSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

/// The terms seen, each with its number: messages are compared and counted by number,
/// and only what is shown is written out again.
#[derive(Default)]
struct Vocabulary {
    numbers: FxMap<String, u32>,
    words: Vec<String>,
}

impl Vocabulary {
    fn number_of(&mut self, term: &str) -> u32 {
        if let Some(n) = self.numbers.get(term) {
            return *n;
        }
        let n = self.words.len() as u32;
        self.words.push(term.to_owned());
        self.numbers.insert(term.to_owned(), n);
        n
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    fn word(&self, n: u32) -> &str {
        self.words.get(n as usize).map_or("", String::as_str)
    }

    /// A term (`b` is `None`) or a phrase as people read it.
    fn phrase(&self, (a, b): (u32, Option<u32>)) -> String {
        match b {
            Some(b) => format!("{} {}", self.word(a), self.word(b)),
            None => self.word(a).to_owned(),
        }
    }
}

/// What `brand`'s complaints, questions and feedback in `period` are about.
#[tracing::instrument(skip_all, fields(brand = brand.id.0), err)]
pub fn topics(conn: &Connection, brand: &Brand, period: Period) -> Result<Topics> {
    let zone = brand.time_zone;
    let (start, end) = period.instants(zone);
    let week_start = Period {
        from: period.to - Days::new(6),
        to: period.to,
    }
    .instants(zone)
    .0;
    let baseline_start = Period {
        from: period.to - Days::new(6 + 7 * BASELINE_WEEKS),
        to: period.to,
    }
    .instants(zone)
    .0;
    let read_from = start.min(baseline_start);
    // Texts are read only for messages without terms; groups read the few they compare.
    let mut stmt = conn.prepare_cached(
        "SELECT id, received_at, terms, CASE WHEN terms IS NULL THEN text END, kind
         FROM interactions
         WHERE brand_id = ?1 AND received_at >= ?2 AND received_at < ?3
           AND kind IN ('complaint', 'question', 'feedback') AND status <> 'spam'
         ORDER BY received_at DESC, id DESC",
    )?;
    let mut vocabulary = Vocabulary::default();
    let mut read = Read {
        conn,
        messages: Vec::new(),
        terms: Vec::new(),
    };
    let mut rows = stmt.query(params![brand.id.0, read_from, end])?;
    while let Some(r) = rows.next()? {
        let from = read.terms.len() as u32;
        // Terms were written when the message arrived; older messages are read now.
        match r
            .get_ref(2)?
            .as_str_or_null()
            .map_err(rusqlite::Error::from)?
        {
            Some(stored) => read.terms.extend(
                stored
                    .split(' ')
                    .filter(|t| !t.is_empty())
                    .map(|t| vocabulary.number_of(t)),
            ),
            None => {
                let text = r
                    .get_ref(3)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)?;
                read.terms.extend(
                    terms(text.unwrap_or_default())
                        .iter()
                        .map(|t| vocabulary.number_of(t)),
                );
            }
        }
        read.messages.push(Message {
            id: InteractionId(r.get(0)?),
            at: r.get(1)?,
            kind: r.get(4)?,
            from,
            to: read.terms.len() as u32,
        });
    }
    // Newest first: each part is a run of the messages.
    let run = |from: i64, to: i64| {
        let first = read.messages.partition_point(|m| m.at >= to);
        let last = read.messages.partition_point(|m| m.at >= from);
        read.messages.get(first..last).unwrap_or_default()
    };
    let in_period = run(start.unix(), end.unix());
    let this_week = run(week_start.unix(), i64::MAX);
    let before = run(baseline_start.unix(), week_start.unix());
    let mut recurring = recurring(&read, in_period, &vocabulary);
    let mut emerging = emerging(&read, this_week, before, &vocabulary);
    spell(&read, &mut recurring, &mut emerging)?;
    Ok(Topics {
        period,
        messages: in_period.len() as u32,
        recurring,
        emerging,
        groups: groups(&read, in_period, vocabulary.len())?,
    })
}

/// How many of a topic's messages are read to find how people wrote its words.
const SPELLINGS_READ: usize = 40;

/// Writes the shown terms as people wrote them: each stem ("arriv", "ساعه") becomes
/// the commonest spelling of it ("arrived", "ساعة") in the messages it came from.
/// Counting reads stems and folded letters; people read words.
fn spell(read: &Read<'_>, recurring: &mut [Topic], emerging: &mut [Emerging]) -> Result<()> {
    let wanted: HashSet<&str> = recurring
        .iter()
        .flat_map(|t| t.phrase.split(' '))
        .chain(emerging.iter().map(|e| e.term.as_str()))
        .collect();
    let mut seen: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let mut read_ids: HashSet<InteractionId> = HashSet::new();
    let ids = recurring
        .iter()
        .map(|t| &t.interactions)
        .chain(emerging.iter().map(|e| &e.interactions))
        .flat_map(|ids| ids.iter().take(SPELLINGS_READ));
    for id in ids {
        if !read_ids.insert(*id) {
            continue;
        }
        let text = read.text(*id)?;
        for written in spelled_words(&text) {
            if let [term] = terms(written).as_slice()
                && wanted.contains(term.as_str())
            {
                let spelling = written.replace('\u{0640}', "").to_lowercase();
                *seen
                    .entry(term.clone())
                    .or_default()
                    .entry(spelling)
                    .or_default() += 1;
            }
        }
    }
    // The commonest; an Arabic word with a particle joined before its article ("والساعة",
    // "بالطلب") only when there is nothing else; between as common, the shortest, then
    // the first in order.
    let joined = |s: &str| {
        ["وال", "بال", "فال", "كال", "لل"]
            .iter()
            .any(|p| s.starts_with(p))
    };
    let spelling = |term: &str| -> String {
        seen.get(term)
            .and_then(|spellings| {
                spellings
                    .iter()
                    .max_by(|a, b| {
                        joined(b.0)
                            .cmp(&joined(a.0))
                            .then_with(|| a.1.cmp(b.1))
                            .then_with(|| b.0.len().cmp(&a.0.len()))
                            .then_with(|| b.0.cmp(a.0))
                    })
                    .map(|(s, _)| s.clone())
            })
            .unwrap_or_else(|| term.to_owned())
    };
    for topic in recurring {
        topic.phrase = topic
            .phrase
            .split(' ')
            .map(spelling)
            .collect::<Vec<_>>()
            .join(" ");
    }
    for rising in emerging {
        rising.term = spelling(&rising.term);
    }
    Ok(())
}

/// A text's words as written, with their marks (an Arabic word keeps its shadda), but
/// without the tatweel that only stretches it.
fn spelled_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        !(c.is_alphanumeric() || c == '-' || unicode_normalization::char::is_combining_mark(c))
    })
    .map(|w| w.trim_matches('-'))
    .filter(|w| !w.is_empty())
}

/// Words that say little about a topic, normalized like the text.
fn is_stop_word(word: &str) -> bool {
    const ENGLISH: &[&str] = &[
        "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
        "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "get", "got",
        "had", "has", "have", "he", "her", "here", "hi", "him", "his", "how", "i", "if", "in",
        "is", "it", "its", "just", "me", "my", "no", "not", "of", "on", "or", "our", "please",
        "she", "so", "still", "that", "the", "their", "them", "there", "they", "this", "to", "too",
        "today", "very", "was", "we", "were", "what", "when", "where", "which", "who", "why",
        "will", "with", "would", "yes", "you", "your", "s", "t", "don", "im", "it's", "thanks",
        "thank", "also", "really", "much", "some", "than", "then", "should", "without",
    ];
    // Arabic after normalization (أ إ آ → ا, ى → ي, ة → ه).
    const ARABIC: &[&str] = &[
        "في",
        "من",
        "علي",
        "الي",
        "عن",
        "مع",
        "هذا",
        "هذه",
        "ذلك",
        "التي",
        "الذي",
        "ان",
        "او",
        "و",
        "ما",
        "لا",
        "لم",
        "لن",
        "هل",
        "كان",
        "كانت",
        "يا",
        "انا",
        "انت",
        "انتم",
        "نحن",
        "هو",
        "هي",
        "هم",
        "كل",
        "بعد",
        "قبل",
        "عند",
        "ثم",
        "قد",
        "اي",
        "ايش",
        "وش",
        "شو",
        "لو",
        "بس",
        "حتي",
        "الان",
        "اليوم",
        "عندكم",
        "لكم",
        "لي",
        "كم",
        "متي",
        "كيف",
        "ليش",
        "لماذا",
        "شكرا",
        "مرحبا",
        "السلام",
        "عليكم",
        // "Without", "very", "can I", "is there", "because", "if", "here", "also", "I have",
        // "we have", "do you offer": around a topic, never one ("خبز بدون", "توفرون خبز").
        "بدون",
        "جدا",
        "ممكن",
        "فيه",
        "يوجد",
        "عشان",
        "لان",
        "اذا",
        "هنا",
        "كمان",
        "ايضا",
        "عندي",
        "عندنا",
        "توفرون",
    ];
    static ALL: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| ENGLISH.iter().chain(ARABIC).copied().collect())
        .contains(word)
}

/// A word's light stem: English plural and verb endings; the Arabic article and the
/// conjunctions and prepositions joined before it.
fn stem(word: &str) -> String {
    if words::is_arabic(word) {
        for prefix in ["وال", "بال", "فال", "كال", "لل", "ال"] {
            if let Some(rest) = word.strip_prefix(prefix)
                && rest.chars().count() >= 2
            {
                return rest.to_owned();
            }
        }
        return word.to_owned();
    }
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if n > suffix.len() + 3 && word.ends_with(suffix) && !word.ends_with("ss") {
            return word[..n - suffix.len()].to_owned();
        }
    }
    word.to_owned()
}

/// A text's words as [`words::tokens`] reads them, but a hyphenated compound stays one
/// word: the "free" of "gluten-free bread" alone would read as its opposite.
fn compounds(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        // Digits joined by hyphens (24-7, a phone number) are not a word.
        .flat_map(|w| {
            let numbers = !w.chars().any(char::is_alphabetic);
            w.split(move |c| numbers && c == '-')
        })
        .filter(|w| !w.is_empty())
}

/// A text's terms, in order: normalized words without stop-words, stemmed.
pub fn terms(text: &str) -> Vec<String> {
    let normalized = words::normalize(text);
    compounds(&normalized)
        .filter(|w| w.chars().count() > 1 && !w.chars().all(char::is_numeric))
        .filter(|w| !is_stop_word(w))
        .map(stem)
        .filter(|w| !is_stop_word(w))
        .collect()
}

/// The messages each term is in: for every term of `messages`, how many have it,
/// each message counted once however often it uses the term.
fn term_counts(read: &Read, messages: &[Message], terms: usize) -> Vec<u32> {
    let mut counts = vec![0u32; terms];
    // The last message counted for each term, plus one.
    let mut last = vec![0u32; terms];
    for (i, m) in messages.iter().enumerate() {
        for &t in read.terms(m) {
            if last[t as usize] != i as u32 + 1 {
                last[t as usize] = i as u32 + 1;
                counts[t as usize] += 1;
            }
        }
    }
    counts
}

/// A message's phrases (two terms in a row), each once and in either order: "burnt
/// croissants" and "croissants burnt" are one topic (see [`Spoken`] for which is shown).
fn pairs(terms: &[u32], into: &mut Vec<(u32, u32)>) {
    into.clear();
    into.extend(
        terms
            .windows(2)
            .filter(|pair| pair[0] != pair[1])
            .map(|pair| (pair[0].min(pair[1]), pair[0].max(pair[1]))),
    );
    into.sort_unstable();
    into.dedup();
}

/// How often a phrase was written in each order, to show it the way most people put it.
#[derive(Clone, Copy, Default)]
struct Spoken {
    /// Its lower-numbered term first.
    as_numbered: u32,
    /// The other way round.
    reversed: u32,
}

impl Spoken {
    /// Counts the orders `(lo, hi)` is written in within one message's `terms`, each
    /// order once: a message repeating a phrase is one person saying it.
    fn hear(&mut self, terms: &[u32], (lo, hi): (u32, u32)) {
        let written = |order: (u32, u32)| terms.windows(2).any(|w| (w[0], w[1]) == order);
        self.as_numbered += u32::from(written((lo, hi)));
        self.reversed += u32::from(written((hi, lo)));
    }

    /// The phrase `(lo, hi)` in the order written most (the first-met term first on a tie).
    fn order(self, (lo, hi): (u32, u32)) -> (u32, u32) {
        if self.reversed > self.as_numbered {
            (hi, lo)
        } else {
            (lo, hi)
        }
    }
}

fn recurring(read: &Read, messages: &[Message], vocabulary: &Vocabulary) -> Vec<Topic> {
    // First how many messages have each term and phrase; the messages themselves are
    // gathered only for the topics shown.
    let counts = term_counts(read, messages, vocabulary.len());
    let mut phrases: FxMap<(u32, u32), u32> = FxMap::default();
    let mut found = Vec::new();
    for m in messages {
        pairs(read.terms(m), &mut found);
        for pair in &found {
            *phrases.entry(*pair).or_default() += 1;
        }
    }
    let count = |term: u32| counts[term as usize];
    // A word that only ever comes in one recurring phrase is that phrase.
    let mut hidden = vec![false; vocabulary.len()];
    for (&(a, b), &n) in &phrases {
        if n >= 2 {
            for w in [a, b] {
                if count(w) == n {
                    hidden[w as usize] = true;
                }
            }
        }
    }
    let mut candidates: Vec<((u32, Option<u32>), u32)> = (0..vocabulary.len() as u32)
        .filter(|&t| count(t) >= 2 && !hidden[t as usize])
        .map(|t| ((t, None), count(t)))
        .chain(
            phrases
                .iter()
                .filter(|(_, n)| **n >= 2)
                .map(|(&(a, b), &n)| ((a, Some(b)), n)),
        )
        .collect();
    // The most messages first, phrases before words; only those tied with the last one
    // shown are told apart by their words.
    let rank = |c: &((u32, Option<u32>), u32)| std::cmp::Reverse((c.1, c.0.1.is_some()));
    if candidates.len() > TOP {
        candidates.select_nth_unstable_by_key(TOP - 1, rank);
        let last = rank(&candidates[TOP - 1]);
        candidates.retain(|c| rank(c) <= last);
    }
    let mut topics: Vec<((u32, Option<u32>), Topic)> = candidates
        .into_iter()
        .map(|(phrase, n)| {
            let topic = Topic {
                phrase: vocabulary.phrase(phrase),
                count: n,
                interactions: Vec::new(),
            };
            (phrase, topic)
        })
        .collect();
    topics.sort_by(|(_, a), (_, b)| {
        b.count
            .cmp(&a.count)
            .then_with(|| b.phrase.contains(' ').cmp(&a.phrase.contains(' ')))
            .then_with(|| a.phrase.cmp(&b.phrase))
    });
    topics.truncate(TOP);
    // The messages of the topics shown, newest first.
    let mut shown_terms: FxMap<u32, usize> = FxMap::default();
    let mut shown_pairs: FxMap<(u32, u32), usize> = FxMap::default();
    for (k, ((a, b), _)) in topics.iter().enumerate() {
        match b {
            Some(b) => shown_pairs.insert((*a, *b), k),
            None => shown_terms.insert(*a, k),
        };
    }
    let mut spoken = vec![Spoken::default(); topics.len()];
    let mut distinct = Vec::new();
    for m in messages {
        let terms = read.terms(m);
        distinct.clear();
        distinct.extend(terms.iter().filter_map(|t| shown_terms.get(t)).copied());
        if !shown_pairs.is_empty() {
            pairs(terms, &mut found);
            for pair in &found {
                if let Some(&k) = shown_pairs.get(pair) {
                    distinct.push(k);
                    spoken[k].hear(terms, *pair);
                }
            }
        }
        distinct.sort_unstable();
        distinct.dedup();
        for &k in &distinct {
            let shown = &mut topics[k].1.interactions;
            if shown.len() < SHOWN {
                shown.push(m.id);
            }
        }
    }
    topics
        .into_iter()
        .zip(spoken)
        .map(|(((a, b), mut topic), spoken)| {
            if let Some(b) = b {
                let (first, second) = spoken.order((a, b));
                topic.phrase = vocabulary.phrase((first, Some(second)));
            }
            topic
        })
        .collect()
}

/// Dunning's G² for a term in `a` of `n1` messages now and `b` of `n2` before.
pub fn g2(a: f64, n1: f64, b: f64, n2: f64) -> f64 {
    let total = n1 + n2;
    let with = a + b;
    let cells = [
        (a, n1 * with / total),
        (n1 - a, n1 * (total - with) / total),
        (b, n2 * with / total),
        (n2 - b, n2 * (total - with) / total),
    ];
    2.0 * cells
        .iter()
        .filter(|(observed, expected)| *observed > 0.0 && *expected > 0.0)
        .map(|(observed, expected)| observed * (observed / expected).ln())
        .sum::<f64>()
}

fn emerging(
    read: &Read,
    this_week: &[Message],
    before: &[Message],
    vocabulary: &Vocabulary,
) -> Vec<Emerging> {
    let now = term_counts(read, this_week, vocabulary.len());
    let earlier = term_counts(read, before, vocabulary.len());
    let (n1, n2) = (this_week.len() as f64, before.len() as f64);
    if n1 == 0.0 {
        return Vec::new();
    }
    let mut rising: Vec<(u32, Emerging)> = (0..vocabulary.len() as u32)
        .filter(|&term| now[term as usize] >= 3)
        .filter_map(|term| {
            let a = f64::from(now[term as usize]);
            let b = f64::from(earlier[term as usize]);
            let higher = n2 == 0.0 || a / n1 > b / n2;
            let g2 = g2(a, n1, b, n2);
            (higher && g2 >= SIGNIFICANT).then(|| {
                let emerging = Emerging {
                    term: vocabulary.word(term).to_owned(),
                    this_week: a as u32,
                    week_total: n1 as u32,
                    before: b as u32,
                    baseline_total: n2 as u32,
                    g2,
                    interactions: Vec::new(),
                };
                (term, emerging)
            })
        })
        .collect();
    rising.sort_by(|(_, a), (_, b)| b.g2.total_cmp(&a.g2).then_with(|| a.term.cmp(&b.term)));
    rising.truncate(TOP);
    // This week's messages with each term shown, newest first.
    let mut shown: Vec<Option<usize>> = vec![None; vocabulary.len()];
    for (k, (term, _)) in rising.iter().enumerate() {
        shown[*term as usize] = Some(k);
    }
    let mut distinct = Vec::new();
    for m in this_week {
        distinct.clear();
        distinct.extend(read.terms(m).iter().filter_map(|t| shown[*t as usize]));
        distinct.sort_unstable();
        distinct.dedup();
        for &k in &distinct {
            let shown = &mut rising[k].1.interactions;
            if shown.len() < SHOWN {
                shown.push(m.id);
            }
        }
    }
    rising.into_iter().map(|(_, e)| e).collect()
}

fn groups(read: &Read, messages: &[Message], terms: usize) -> Result<Vec<Group>> {
    // Candidates share a term that is not too common: each message is compared only with
    // the messages that share its terms. The members of each such term, in one list.
    let counts = term_counts(read, messages, terms);
    let pairing = |t: u32| (2..=COMMON as u32).contains(&counts[t as usize]);
    let mut starts = vec![0u32; terms + 1];
    for t in 0..terms {
        starts[t + 1] = starts[t] + if pairing(t as u32) { counts[t] } else { 0 };
    }
    let mut members = vec![0u32; starts[terms] as usize];
    let mut filled = starts.clone();
    let mut last = vec![0u32; terms];
    for (i, m) in messages.iter().enumerate() {
        for &t in read.terms(m) {
            if pairing(t) && last[t as usize] != i as u32 + 1 {
                last[t as usize] = i as u32 + 1;
                members[filled[t as usize] as usize] = i as u32;
                filled[t as usize] += 1;
            }
        }
    }
    // Each compared message's text and trigrams, read the first time it is compared.
    let mut texts: FxMap<u32, (String, HashSet<[char; 3]>)> = FxMap::default();
    let mut parent: Vec<u32> = (0..messages.len() as u32).collect();
    fn root(parent: &mut [u32], mut i: u32) -> u32 {
        while parent[i as usize] != i {
            parent[i as usize] = parent[parent[i as usize] as usize];
            i = parent[i as usize];
        }
        i
    }
    // Sets that took in another message: their members are a group.
    let mut joined = vec![false; messages.len()];
    // Messages of one kind with the very same terms (two or more) say the same,
    // however many they are: their terms are too common to pair them by when hundreds
    // write alike. ("not" is a stop-word: the kind keeps "is my order ready?" from "my
    // order is not ready".)
    let mut first_with: FxMap<(Kind, &[u32]), u32> = FxMap::default();
    for (i, m) in messages.iter().enumerate() {
        let terms = read.terms(m);
        if terms.len() < 2 {
            continue;
        }
        match first_with.entry((m.kind, terms)) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i as u32);
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                let (ri, rj) = (root(&mut parent, i as u32), root(&mut parent, *e.get()));
                parent[ri as usize] = rj;
                joined[rj as usize] = true;
            }
        }
    }
    let mut compared: FxSet<(u32, u32)> = FxSet::default();
    for t in 0..terms {
        let members = &members[starts[t] as usize..starts[t + 1] as usize];
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                // A group is of one kind: "is my order ready?" and "my order is not
                // ready" read alike but want different answers.
                if messages[i as usize].kind != messages[j as usize].kind
                    || !compared.insert((i, j))
                    || root(&mut parent, i) == root(&mut parent, j)
                {
                    continue;
                }
                for k in [i, j] {
                    if let std::collections::hash_map::Entry::Vacant(e) = texts.entry(k) {
                        let text = read.text(messages[k as usize].id)?;
                        let shape = trigrams(&text);
                        e.insert((text, shape));
                    }
                }
                let alike = match (texts.get(&i), texts.get(&j)) {
                    (Some((_, a)), Some((_, b))) => dice(a, b),
                    _ => 0.0,
                };
                if alike >= ALIKE {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    parent[ri as usize] = rj;
                    joined[rj as usize] = true;
                }
            }
        }
    }
    // Only messages found alike left their own set: their sets are the groups, their
    // members in the messages' order.
    let mut clusters: FxMap<u32, Vec<u32>> = FxMap::default();
    for i in 0..messages.len() as u32 {
        if parent[i as usize] != i || joined[i as usize] {
            let r = root(&mut parent, i);
            clusters.entry(r).or_default().push(i);
        }
    }
    let mut groups: Vec<(u32, Group)> = Vec::new();
    for members in clusters.into_values().filter(|members| members.len() >= 2) {
        let mut examples = Vec::new();
        for i in members.iter().take(3) {
            examples.push(match texts.get(i) {
                Some((text, _)) => text.clone(),
                None => read.text(messages[*i as usize].id)?,
            });
        }
        let group = Group {
            count: members.len() as u32,
            examples,
            interactions: members
                .iter()
                .take(SHOWN)
                .map(|&i| messages[i as usize].id)
                .collect(),
        };
        groups.push((members[0], group));
    }
    groups.sort_by(|(i, a), (j, b)| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.examples.cmp(&b.examples))
            .then_with(|| i.cmp(j))
    });
    groups.truncate(TOP);
    Ok(groups.into_iter().map(|(_, g)| g).collect())
}
