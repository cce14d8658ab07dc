//! Finding a template: full-text over titles, bodies and shortcuts (FTS5, BM25), with
//! the templates suited to the interaction first.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{COLUMNS, Template, from_row};
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
    let found: Vec<(Template, f64)> = if terms.is_empty() {
        conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM templates t WHERE t.brand_id IS NULL OR t.brand_id = ?1
             ORDER BY t.usage_count DESC, t.title LIMIT 200"
        ))?
        .query_map([brand], |r| Ok((from_row(r)?, 1.0)))?
        .collect::<rusqlite::Result<_>>()?
    } else {
        // BM25 is lower for better matches; the title counts most, then the shortcut.
        conn.prepare_cached(&format!(
            "WITH found AS (
                 SELECT rowid AS id, bm25(templates_fts, 4.0, 1.0, 2.0) AS rank
                 FROM templates_fts WHERE templates_fts MATCH ?2
                 ORDER BY rank LIMIT 200)
             SELECT {COLUMNS}, found.rank FROM templates t JOIN found ON found.id = t.id
             WHERE t.brand_id IS NULL OR t.brand_id = ?1
             ORDER BY found.rank",
        ))?
        .query_map(rusqlite::params![brand, terms.join(" ")], |r| {
            Ok((from_row(r)?, -r.get::<_, f64>(8)?))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    let mut hits: Vec<Hit> = found
        .into_iter()
        .map(|(template, relevance)| {
            let category = normalize(&template.category);
            let fits_kind = prefer
                .kind
                .is_some_and(|k| suits(k).iter().any(|w| category.contains(w)));
            let speaks = prefer
                .language
                .as_deref()
                .is_some_and(|l| template.variants.iter().any(|v| v.language == l));
            let score = relevance.max(0.0) + 1.0;
            let score = score * if fits_kind { 2.0 } else { 1.0 } * if speaks { 1.5 } else { 1.0 };
            Hit { template, score }
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits.truncate(limit);
    Ok(hits)
}
