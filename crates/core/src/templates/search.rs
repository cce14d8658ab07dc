//! Finding a template: full-text over titles, bodies and shortcuts (FTS5, BM25), with
//! the templates suited to the interaction first.

use rusqlite::Connection;
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
    let terms: Vec<String> = tokens(&normalized)
        .map(|t| format!("\"{}\"*", t.replace('"', "")))
        .collect();
    let brand = brand.map(|b| b.0);
    let language = prefer.language.as_deref().unwrap_or_default();
    // Enough candidates for the preferences to reorder, few enough to read quickly. Each
    // is read lightly (its rank, category, and whether it speaks the language); only the
    // ones shown are read whole.
    let candidates = i64::try_from((limit * 5).max(20)).unwrap_or(i64::MAX);
    let light = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(i64, String, bool, f64)> {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    };
    const SPEAKS: &str = "EXISTS (SELECT 1 FROM template_variants v
                                  WHERE v.template_id = t.id AND v.language = ?2)";
    let found: Vec<(i64, String, bool, f64)> = if terms.is_empty() {
        conn.prepare_cached(&format!(
            "SELECT t.id, t.category, {SPEAKS}, 0.0 FROM templates t INDEXED BY templates_by_use
             WHERE t.brand_id IS NULL OR t.brand_id = ?1
             ORDER BY t.usage_count DESC, t.title LIMIT ?3"
        ))?
        .query_map(rusqlite::params![brand, language, candidates], light)?
        .collect::<rusqlite::Result<_>>()?
    } else {
        // BM25 is lower for better matches; the title counts most, then the shortcut.
        // Other brands' templates are left out after ranking, so ask for more.
        conn.prepare_cached(&format!(
            "WITH found AS (
                 SELECT rowid AS id, bm25(templates_fts, 4.0, 1.0, 2.0) AS rank
                 FROM templates_fts WHERE templates_fts MATCH ?4 ORDER BY rank LIMIT ?3)
             SELECT t.id, t.category, {SPEAKS}, -found.rank
             FROM templates t JOIN found ON found.id = t.id
             WHERE t.brand_id IS NULL OR t.brand_id = ?1
             ORDER BY found.rank",
        ))?
        .query_map(
            rusqlite::params![brand, language, candidates * 2, terms.join(" ")],
            light,
        )?
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
