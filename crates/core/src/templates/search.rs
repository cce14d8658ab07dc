//! Finding a template: full-text over titles, bodies and shortcuts (FTS5, BM25), with
//! the templates suited to the interaction first.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

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

/// The brand's and the shared templates matching `query` (every word, as a prefix),
/// best first, at most `limit`. An empty query lists the most used.
pub fn search(
    conn: &Connection,
    brand: Option<BrandId>,
    query: &str,
    prefer: &Prefer,
    limit: usize,
) -> Result<Vec<Hit>> {
    let normalized = normalize(query.trim_start_matches(';'));
    in_one_read(conn, || {
        let terms = tokens(&normalized)
            .map(|word| fts_term(conn, word))
            .collect::<Result<Vec<_>>>()?;
        ranked(conn, brand, &terms.join(" "), prefer, limit)
    })
}

/// Runs `f` in one read transaction (a savepoint, so inside a caller's transaction too):
/// the candidates and the templates then read whole are of one state of the library
/// while the CLI writes, and SQLite does not open and end a transaction for each
/// statement, FTS5's own included (it reads each match's length with one: about 4 % of
/// the search for a word in 2,000 templates).
fn in_one_read<T>(conn: &Connection, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.prepare_cached("SAVEPOINT template_search")?
        .execute([])?;
    let result = f();
    conn.prepare_cached("RELEASE template_search")?
        .execute([])?;
    result
}

/// How FTS5 is asked for a typed word: as a prefix ("refu" finds "refund"), or, when
/// exactly one word of the library begins with it, as that word. Both find the same
/// occurrences, so the same templates with the same BM25; the word alone spares FTS5
/// merging the prefix's words twice (to match, and to count matches for the IDF), about
/// a ninth of the search for a word in 2,000 templates.
pub(super) fn fts_term(conn: &Connection, word: &str) -> Result<String> {
    let word = word.replace('"', "");
    if kept_as_is(&word)
        && let Some(only) = only_completion(conn, &word)?
    {
        return Ok(format!("\"{only}\""));
    }
    Ok(format!("\"{word}\"*"))
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

/// The templates an FTS5 query finds (none given: the most used), ranked as [`search`]
/// says.
pub(super) fn ranked(
    conn: &Connection,
    brand: Option<BrandId>,
    fts_query: &str,
    prefer: &Prefer,
    limit: usize,
) -> Result<Vec<Hit>> {
    let brand = brand.map(|b| b.0);
    let language = prefer.language.as_deref().unwrap_or_default();
    // Enough candidates for the preferences to reorder, few enough to read quickly. Each
    // is read lightly (its rank, category, and whether it speaks the language); only the
    // ones shown are read whole. The count is written into the statement: SQLite plans a
    // LIMIT bound as a parameter by its value, and so prepares the statement again at
    // every call.
    let candidates = (limit * 5).max(20);
    let light = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(i64, String, bool, f64)> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    };
    const SPEAKS: &str = "EXISTS (SELECT 1 FROM template_variants v
                                  WHERE v.template_id = t.id AND v.language = ?2)";
    let found: Vec<(i64, String, bool, f64)> = if fts_query.is_empty() {
        conn.prepare_cached(&format!(
            "SELECT t.id, t.category, {SPEAKS}, 0.0 FROM templates t INDEXED BY templates_by_use
             WHERE t.brand_id IS NULL OR t.brand_id = ?1
             ORDER BY t.usage_count DESC, t.title LIMIT {candidates}"
        ))?
        .query_map(rusqlite::params![brand, language], light)?
        .collect::<rusqlite::Result<_>>()?
    } else {
        // BM25 is lower for better matches; the title counts most, then the shortcut.
        // Other brands' templates are left out after ranking, so ask for more.
        conn.prepare_cached(&format!(
            "WITH found AS (
                 SELECT rowid AS id, bm25(templates_fts, 4.0, 1.0, 2.0) AS rank
                 FROM templates_fts WHERE templates_fts MATCH ?3
                 ORDER BY rank LIMIT {})
             SELECT t.id, t.category, {SPEAKS}, -found.rank
             FROM templates t JOIN found ON found.id = t.id
             WHERE t.brand_id IS NULL OR t.brand_id = ?1
             ORDER BY found.rank",
            candidates * 2
        ))?
        .query_map(rusqlite::params![brand, language, fts_query], light)?
        .collect::<rusqlite::Result<_>>()?
    };
    let mut ranked: Vec<(i64, f64)> = found
        .into_iter()
        .map(|(id, category, speaks, relevance)| {
            let category = normalize(&category);
            let fits_kind = prefer
                .kind
                .is_some_and(|k| suits(k).iter().any(|w| category.contains(w)));
            let score = relevance.max(0.0) + 1.0;
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
