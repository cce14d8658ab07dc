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
//! - **Groups**: messages that read nearly the same (character-trigram Dice ≥ 0.6 on
//!   normalized text), so one template or post can answer them all.

use std::collections::{HashMap, HashSet};

use chrono::Days;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::Period;
use crate::Result;
use crate::brands::Brand;
use crate::inbox::InteractionId;
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

/// A term or phrase and the messages it is in.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Topic {
    /// The term or phrase, normalized.
    pub phrase: String,
    /// How many messages have it.
    pub count: u32,
    /// Those messages, newest first (for the inbox to show).
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
    /// This week's messages with it.
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
    /// All of them.
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

/// A message read for topics, its terms as numbers in the period's vocabulary.
struct Message {
    id: InteractionId,
    text: String,
    at: i64,
    terms: Vec<u32>,
}

/// The terms seen, each with its number: messages are compared and counted by number,
/// and only what is shown is written out again.
#[derive(Default)]
struct Vocabulary {
    numbers: HashMap<String, u32>,
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
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, received_at, terms FROM interactions
         WHERE brand_id = ?1 AND received_at >= ?2 AND received_at < ?3
           AND kind IN ('complaint', 'question', 'feedback')
         ORDER BY received_at DESC, id DESC",
    )?;
    let mut vocabulary = Vocabulary::default();
    let mut all: Vec<Message> = Vec::new();
    let mut rows = stmt.query(params![brand.id.0, read_from, end])?;
    while let Some(r) = rows.next()? {
        let text: String = r.get(1)?;
        // Terms were written when the message arrived; older messages are read now.
        let stored: Option<String> = r.get(3)?;
        let numbers = match stored.as_deref() {
            Some(stored) => stored
                .split(' ')
                .filter(|t| !t.is_empty())
                .map(|t| vocabulary.number_of(t))
                .collect(),
            None => terms(&text)
                .iter()
                .map(|t| vocabulary.number_of(t))
                .collect(),
        };
        all.push(Message {
            id: InteractionId(r.get(0)?),
            terms: numbers,
            text,
            at: r.get(2)?,
        });
    }
    let in_period: Vec<&Message> = all
        .iter()
        .filter(|m| m.at >= start.unix() && m.at < end.unix())
        .collect();
    let this_week: Vec<&Message> = all.iter().filter(|m| m.at >= week_start.unix()).collect();
    let before: Vec<&Message> = all
        .iter()
        .filter(|m| m.at >= baseline_start.unix() && m.at < week_start.unix())
        .collect();
    Ok(Topics {
        period,
        messages: in_period.len() as u32,
        recurring: recurring(&in_period, &vocabulary),
        emerging: emerging(&this_week, &before, &vocabulary),
        groups: groups(&in_period),
    })
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
        "thank",
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

/// A text's terms, in order: normalized words without stop-words, stemmed.
pub fn terms(text: &str) -> Vec<String> {
    let normalized = words::normalize(text);
    words::tokens(&normalized)
        .filter(|w| w.chars().count() > 1 && !w.chars().all(char::is_numeric))
        .filter(|w| !is_stop_word(w))
        .map(stem)
        .filter(|w| !is_stop_word(w))
        .collect()
}

/// A message's distinct terms and phrases (two terms in a row), by number.
fn phrases(message: &Message) -> Vec<(u32, Option<u32>)> {
    let mut found: Vec<(u32, Option<u32>)> = message.terms.iter().map(|t| (*t, None)).collect();
    found.extend(
        message
            .terms
            .windows(2)
            .filter(|pair| pair[0] != pair[1])
            .map(|pair| (pair[0], Some(pair[1]))),
    );
    found.sort_unstable();
    found.dedup();
    found
}

fn recurring(messages: &[&Message], vocabulary: &Vocabulary) -> Vec<Topic> {
    let mut seen: HashMap<(u32, Option<u32>), Vec<InteractionId>> = HashMap::new();
    for message in messages {
        for phrase in phrases(message) {
            seen.entry(phrase).or_default().push(message.id);
        }
    }
    let count = |term: u32| seen.get(&(term, None)).map_or(0, Vec::len);
    // A word that only ever comes in one recurring phrase is that phrase.
    let hidden: HashSet<u32> = seen
        .iter()
        .filter_map(|((a, b), ids)| Some((*a, (*b)?, ids.len())))
        .filter(|(_, _, n)| *n >= 2)
        .flat_map(|(a, b, n)| [a, b].into_iter().filter(move |w| count(*w) == n))
        .collect();
    let mut topics: Vec<Topic> = seen
        .iter()
        .filter(|((a, b), ids)| ids.len() >= 2 && (b.is_some() || !hidden.contains(a)))
        .map(|(phrase, ids)| Topic {
            phrase: vocabulary.phrase(*phrase),
            count: ids.len() as u32,
            interactions: ids.clone(),
        })
        .collect();
    topics.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| b.phrase.contains(' ').cmp(&a.phrase.contains(' ')))
            .then_with(|| a.phrase.cmp(&b.phrase))
    });
    topics.truncate(TOP);
    topics
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

/// For each term, the messages that have it.
fn messages_by_term(messages: &[&Message]) -> HashMap<u32, Vec<InteractionId>> {
    let mut counts: HashMap<u32, Vec<InteractionId>> = HashMap::new();
    for m in messages {
        let mut distinct = m.terms.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for term in distinct {
            counts.entry(term).or_default().push(m.id);
        }
    }
    counts
}

fn emerging(this_week: &[&Message], before: &[&Message], vocabulary: &Vocabulary) -> Vec<Emerging> {
    let (now, earlier) = (messages_by_term(this_week), messages_by_term(before));
    let (n1, n2) = (this_week.len() as f64, before.len() as f64);
    if n1 == 0.0 {
        return Vec::new();
    }
    let mut rising: Vec<Emerging> = now
        .into_iter()
        .filter(|(_, ids)| ids.len() >= 3)
        .filter_map(|(term, ids)| {
            let a = ids.len() as f64;
            let b = earlier.get(&term).map_or(0, Vec::len) as f64;
            let higher = n2 == 0.0 || a / n1 > b / n2;
            let g2 = g2(a, n1, b, n2);
            (higher && g2 >= SIGNIFICANT).then(|| Emerging {
                term: vocabulary.word(term).to_owned(),
                this_week: a as u32,
                week_total: n1 as u32,
                before: b as u32,
                baseline_total: n2 as u32,
                g2,
                interactions: ids,
            })
        })
        .collect();
    rising.sort_by(|a, b| b.g2.total_cmp(&a.g2).then_with(|| a.term.cmp(&b.term)));
    rising.truncate(TOP);
    rising
}

fn groups(messages: &[&Message]) -> Vec<Group> {
    // Each message's trigrams, made the first time it is compared.
    let mut shapes: Vec<Option<HashSet<[char; 3]>>> = vec![None; messages.len()];
    // Candidates share a term that is not too common: each message is compared only with
    // the messages that share its terms.
    let mut by_term: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, m) in messages.iter().enumerate() {
        let mut distinct = m.terms.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for term in distinct {
            by_term.entry(term).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..messages.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut compared: HashSet<(usize, usize)> = HashSet::new();
    for members in by_term
        .values()
        .filter(|m| m.len() >= 2 && m.len() <= COMMON)
    {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if !compared.insert((i, j)) || root(&mut parent, i) == root(&mut parent, j) {
                    continue;
                }
                for k in [i, j] {
                    if shapes[k].is_none() {
                        shapes[k] = Some(trigrams(&messages[k].text));
                    }
                }
                let alike = match (&shapes[i], &shapes[j]) {
                    (Some(a), Some(b)) => dice(a, b),
                    _ => 0.0,
                };
                if alike >= ALIKE {
                    let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                    parent[ri] = rj;
                }
            }
        }
    }
    let mut clusters: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..messages.len() {
        let r = root(&mut parent, i);
        clusters.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Group> = clusters
        .into_values()
        .filter(|members| members.len() >= 2)
        .map(|members| Group {
            count: members.len() as u32,
            examples: members
                .iter()
                .take(3)
                .map(|&i| messages[i].text.clone())
                .collect(),
            interactions: members.iter().map(|&i| messages[i].id).collect(),
        })
        .collect();
    groups.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.examples.cmp(&b.examples))
    });
    groups.truncate(TOP);
    groups
}
