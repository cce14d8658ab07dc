//! Finding a template: full-text over titles, bodies and shortcuts (FTS5), ranked by
//! where each word is and how rare it is, with the templates suited to the interaction
//! first.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;

use super::Template;
use crate::Result;
use crate::brands::BrandId;
use crate::inbox::Kind;
use crate::words::{normalize, tokens};

/// What the person is answering, to put fitting templates first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Prefer {
    /// The interaction's kind: templates whose category fits it rank higher.
    pub kind: Option<Kind>,
    /// Its language: templates with a variant in it rank higher.
    pub language: Option<String>,
}

/// A template found, with its rank (higher is better).
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// The template.
    pub template: Template,
    /// How well it matches.
    pub score: f64,
}

/// Words in a category that suit a kind of interaction, in English and Arabic.
fn suits(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Complaint => &[
            "apology",
            "sorry",
            "complaint",
            "refund",
            "اعتذار",
            "شكوى",
            "اسف",
        ],
        Kind::Question => &[
            "question",
            "faq",
            "info",
            "shipping",
            "hours",
            "سوال",
            "استفسار",
            "شحن",
        ],
        Kind::Praise => &["thanks", "thank", "praise", "شكر"],
        Kind::Feedback => &["feedback", "suggestion", "ملاحظه", "اقتراح"],
        Kind::Ugc => &["rights", "permission", "ugc", "حقوق", "اذن"],
        Kind::Spam | Kind::Other => &[],
    }
}

/// The brand's and the shared templates matching `query` (every word, as a prefix; one
/// or two letters typed alone, in their names only), best first, at most `limit`. An
/// empty query lists the most used.
pub fn search(
    conn: &Connection,
    brand: Option<BrandId>,
    query: &str,
    prefer: &Prefer,
    limit: usize,
) -> Result<Vec<Hit>> {
    search_within(conn, brand, None, query, prefer, limit)
}

/// [`search`] among the templates of `category` only (the Templates view's filter): the
/// limit counts the category's, however many others match better.
pub fn search_category(
    conn: &Connection,
    brand: BrandId,
    category: &str,
    query: &str,
    limit: usize,
) -> Result<Vec<Hit>> {
    search_within(
        conn,
        Some(brand),
        Some(category),
        query,
        &Prefer::default(),
        limit,
    )
}

fn search_within(
    conn: &Connection,
    brand: Option<BrandId>,
    category: Option<&str>,
    query: &str,
    prefer: &Prefer,
    limit: usize,
) -> Result<Vec<Hit>> {
    let normalized = normalize(query.trim_start_matches(';'));
    // A word of combining marks alone is no word to FTS5's tokenizer, which would ask for
    // nothing and so find nothing.
    let typed: Vec<&str> = tokens(&normalized)
        .filter(|word| !word.chars().all(is_combining_mark))
        .collect();
    let alone = typed.len() == 1;
    in_one_read(conn, || {
        let words = typed
            .iter()
            .map(|word| asked(conn, word, alone))
            .collect::<Result<Vec<_>>>()?;
        ranked(conn, brand, category, &words, prefer, limit)
    })
}

/// Runs `f` in one read transaction (a savepoint, so inside a caller's transaction too):
/// the occurrences, the candidates and the templates then read whole are of one state
/// of the library while the CLI writes, and SQLite does not open and end a transaction
/// for each statement.
fn in_one_read<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.prepare_cached("SAVEPOINT template_search")?
        .execute([])?;
    let result = f();
    conn.prepare_cached("RELEASE template_search")?
        .execute([])?;
    result
}

/// A typed word (letters and digits only: see [`tokens`]) as FTS5 is asked for it, and
/// where it is looked for.
#[derive(Debug)]
pub(super) struct Asked {
    /// The FTS5 phrase: the word, or every word beginning with it.
    pub(super) phrase: String,
    /// One or two letters typed alone are looked for in names only (titles and
    /// shortcuts): the picker searches at every key typed after ";", and two letters in,
    /// a person is after a template's name, not every body with a word beginning "th".
    /// Beside other words, a short word ("is", "7", "في") is looked for everywhere.
    pub(super) names_only: bool,
}

/// How FTS5 is asked for a typed word: as a prefix ("refu" finds "refund"), or, when
/// exactly one word of the library begins with it, as that word. Both find the same
/// occurrences, so the same templates with the same score; the word alone spares FTS5
/// gathering the prefix's words into a list of its own for each column read, about a
/// quarter of the search for a word in 2,000 templates.
pub(super) fn asked(conn: &Connection, word: &str, alone: bool) -> Result<Asked> {
    let names_only = alone && word.chars().count() < 3;
    let only = if kept_as_is(word) {
        only_completion(conn, word)?
    } else {
        None
    };
    let phrase = match only {
        Some(only) => format!("\"{only}\""),
        None => format!("\"{word}\"*"),
    };
    Ok(Asked { phrase, names_only })
}

/// Whether FTS5's tokenizer (unicode61, diacritics removed) indexes `word` unchanged, so
/// the index's words can be compared with it byte for byte: ASCII lower case and digits,
/// Arabic letters and digits. Anything else is asked as a prefix, as it always was.
fn kept_as_is(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| {
            c.is_ascii_lowercase()
                || c.is_ascii_digit()
                || matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}')
        })
}

/// The one word in the search index that begins with `prefix`, if exactly one does.
fn only_completion(conn: &Connection, prefix: &str) -> Result<Option<String>> {
    // The words beginning with `prefix` sort from it up to it followed by the last code
    // point (a noncharacter, never in a word). The vocabulary is read an occurrence at a
    // time, so asking for the first word of a range costs a seek, however common it is.
    let end = format!("{prefix}\u{10FFFF}");
    let mut first_from = conn.prepare_cached(
        "SELECT term FROM template_terms WHERE term >= ?1 AND term <= ?2 LIMIT 1",
    )?;
    let Some(first) = first_from
        .query_row([prefix, &end], |r| r.get::<_, String>(0))
        .optional()?
    else {
        return Ok(None);
    };
    // The next word after `first` (no word has a control character in it).
    let second = first_from
        .query_row([&format!("{first}\u{1}"), &end], |r| r.get::<_, String>(0))
        .optional()?;
    Ok(second.is_none().then_some(first))
}

/// Where a word is, and what that weighs: in the title or the shortcut (both names the
/// person gave the template), or in a body.
const COLUMNS: [(&str, f64); 2] = [("title shortcut", 4.0), ("body", 1.0)];

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;

/// How well each template holding every typed word matches them, in the templates'
/// order. Each word adds BM25's two factors: how rare it is in the library (IDF), times
/// where it is in the template — title or shortcut 4, body 1, both 5 — saturated as
/// BM25 saturates a frequency.
///
/// Why not FTS5's own `bm25()`: for every match it reads the template's length with a
/// statement of its own, and walks every occurrence; a word in a fifth of a 10,000-template
/// library cost 1.1–1.7 ms, over half of it those reads. Here FTS5 only lists, in order,
/// the templates holding a word in some columns: two reads of the index per word and no
/// statement per template (0.4–0.8 ms). What that leaves out, length and repeats, tells
/// little between short replies; where the word is and how rare it is, this keeps.
fn relevance(conn: &Connection, words: &[Asked]) -> Result<Vec<(i64, f64)>> {
    let library: i64 = conn
        .prepare_cached("SELECT count(*) FROM templates")?
        .query_row([], |r| r.get(0))?;
    let mut matching = conn.prepare_cached(
        "SELECT rowid FROM templates_fts WHERE templates_fts MATCH ?1 ORDER BY rowid",
    )?;
    // Templates holding every word so far, in order, with their score so far.
    let mut found: Vec<(i64, f64)> = Vec::new();
    for (i, Asked { phrase, names_only }) in words.iter().enumerate() {
        // The word's frequency in each template holding it: the weights of its columns.
        let mut frequency = Vec::new();
        let looked_in = if *names_only {
            &COLUMNS[..1]
        } else {
            &COLUMNS[..]
        };
        for &(columns, weight) in looked_in {
            let mut holding = Vec::new();
            let mut rows = matching.query([format!("{{{columns}}} : {phrase}")])?;
            while let Some(row) = rows.next()? {
                holding.push((row.get::<_, i64>(0)?, weight));
            }
            frequency = either(frequency, holding);
        }
        let idf = idf(library, frequency.len());
        let score = |f: f64| idf * f * (K1 + 1.0) / (f + K1);
        found = if i == 0 {
            frequency.into_iter().map(|(t, f)| (t, score(f))).collect()
        } else {
            both(&found, &frequency, |so_far, f| so_far + score(f))
        };
        if found.is_empty() {
            break;
        }
    }
    Ok(found)
}

/// The templates in both lists (each in order), their values combined.
fn both(
    left: &[(i64, f64)],
    right: &[(i64, f64)],
    combine: impl Fn(f64, f64) -> f64,
) -> Vec<(i64, f64)> {
    let mut right = right.iter().peekable();
    left.iter()
        .filter_map(|&(template, value)| {
            while right.next_if(|&&(other, _)| other < template).is_some() {}
            right
                .next_if(|&&(other, _)| other == template)
                .map(|&(_, other)| (template, combine(value, other)))
        })
        .collect()
}

/// The templates in either list (each in order), in order, the values of those in both
/// summed.
fn either(left: Vec<(i64, f64)>, right: Vec<(i64, f64)>) -> Vec<(i64, f64)> {
    let mut all = Vec::with_capacity(left.len() + right.len());
    let mut right = right.into_iter().peekable();
    for (template, value) in left {
        while let Some(before) = right.next_if(|&(other, _)| other < template) {
            all.push(before);
        }
        let also = right
            .next_if(|&(other, _)| other == template)
            .map_or(0.0, |(_, v)| v);
        all.push((template, value + also));
    }
    all.extend(right);
    all
}

/// BM25's inverse document frequency of a word in `matches` of `library` templates, in
/// the form that stays above zero (Lucene's): a word in most of a small library still
/// weighs, so where it is still tells templates apart.
fn idf(library: i64, matches: usize) -> f64 {
    let (n, m) = (library as f64, matches as f64);
    (1.0 + (n - m + 0.5) / (m + 0.5)).ln()
}

/// A template read lightly: its id, category, whether it speaks the interaction's
/// language, and how well it matches the words typed.
type Candidate = (i64, String, bool, f64);

/// Whether template `t` has a variant in the language bound as `?2`.
const SPEAKS: &str =
    "EXISTS (SELECT 1 FROM template_variants v WHERE v.template_id = t.id AND v.language = ?2)";

/// The templates matching the typed `words` (none: the most used), ranked as [`search`]
/// says.
pub(super) fn ranked(
    conn: &Connection,
    brand: Option<BrandId>,
    category: Option<&str>,
    words: &[Asked],
    prefer: &Prefer,
    limit: usize,
) -> Result<Vec<Hit>> {
    let brand = brand.map(|b| b.0);
    let language = prefer.language.as_deref().unwrap_or_default();
    // Enough candidates for the preferences to reorder, few enough to read quickly. Each
    // is read lightly (its category, and whether it speaks the language); only the ones
    // shown are read whole. The most used are counted in the statement's LIMIT, written
    // into it: SQLite plans a LIMIT bound as a parameter by its value, and so would
    // prepare the statement again at every call.
    let candidates = (limit * 5).max(20);
    let found: Vec<Candidate> = if words.is_empty() {
        conn.prepare_cached(&format!(
            "SELECT t.id, t.category, {SPEAKS}, 0.0 FROM templates t INDEXED BY templates_by_use
             WHERE (t.brand_id IS NULL OR t.brand_id = ?1) AND (?3 IS NULL OR t.category = ?3)
             ORDER BY t.usage_count DESC, t.title LIMIT {candidates}"
        ))?
        .query_map(rusqlite::params![brand, language, category], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?
    } else {
        // The best first, a page at a time, until enough are the brand's or shared: in an
        // agency's library, other brands' templates may fill the first pages.
        let mut rest = relevance(conn, words)?;
        let mut found = Vec::new();
        while found.len() < candidates && !rest.is_empty() {
            let page = take_best(&mut rest, candidates * 2);
            let read = read_lightly(conn, brand, language, page)?;
            found.extend(
                read.into_iter()
                    .filter(|(_, of, _, _)| category.is_none_or(|c| c == of)),
            );
        }
        found
    };
    let mut ranked: Vec<(i64, f64)> = found
        .into_iter()
        .map(|(id, category, speaks, relevance)| {
            let category = normalize(&category);
            let fits_kind = prefer
                .kind
                .is_some_and(|k| suits(k).iter().any(|w| category.contains(w)));
            let score = relevance + 1.0;
            let score = score * if fits_kind { 2.0 } else { 1.0 } * if speaks { 1.5 } else { 1.0 };
            (id, score)
        })
        .collect();
    // Stable: equal scores keep the order the query gave (rank, or most used).
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked.truncate(limit);
    let hits = ranked
        .into_iter()
        .map(|(id, score)| {
            Ok(Hit {
                template: super::get(conn, super::TemplateId(id))?,
                score,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(hits)
}

/// Takes the best `n` of `scored` out of it, best first (equal ones in the order they
/// were written).
fn take_best(scored: &mut Vec<(i64, f64)>, n: usize) -> Vec<(i64, f64)> {
    let order = |a: &(i64, f64), b: &(i64, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    let mut best = if scored.len() > n {
        scored.select_nth_unstable_by(n, order);
        let rest = scored.split_off(n);
        std::mem::replace(scored, rest)
    } else {
        std::mem::take(scored)
    };
    best.sort_unstable_by(order);
    best
}

/// The `scored` templates that are `brand`'s or shared, read lightly, in the same order.
fn read_lightly(
    conn: &Connection,
    brand: Option<i64>,
    language: &str,
    scored: Vec<(i64, f64)>,
) -> Result<Vec<Candidate>> {
    let (ids, scores): (Vec<i64>, Vec<f64>) = scored.into_iter().unzip();
    let ids = serde_json::Value::from(ids).to_string();
    // In the order given (CROSS JOIN: not every template against the list).
    let read = conn
        .prepare_cached(&format!(
            "SELECT t.id, t.category, {SPEAKS}, j.key FROM json_each(?3) j
             CROSS JOIN templates t ON t.id = j.value
             WHERE t.brand_id IS NULL OR t.brand_id = ?1
             ORDER BY j.key"
        ))?
        .query_map(rusqlite::params![brand, language, ids], |r| {
            let at: i64 = r.get(3)?;
            let score = usize::try_from(at)
                .ok()
                .and_then(|at| scores.get(at))
                .ok_or(rusqlite::Error::IntegralValueOutOfRange(3, at))?;
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, *score))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(read)
}
