//! Reply templates: saved answers in the brand's voice, in several languages, that
//! still leave room for a personal touch (blanks the person must fill).
//!
//! A template belongs to a brand, or to every brand (no brand). Each has one variant per
//! language; the one used is the interaction's language, else the brand's. Search is
//! full-text (FTS5) over normalized words, ranked, with templates suited to the
//! interaction's kind and language first.

pub mod body;
mod echo;
mod from_reply;
mod search;
pub mod voice;

use std::collections::HashMap;

use rusqlite::{Connection, ErrorCode, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use self::body::{Automatic, BodyError, parse};
pub use self::echo::{Echo, echo};
pub use self::search::{Hit, Prefer, search, search_category};
use crate::brands::{self, BrandId};
use crate::inbox::{self, InteractionId};
use crate::posts::{RowProblem, Why};
use crate::publishing::language_of;
use crate::time::Timestamp;
use crate::words::normalize;
use crate::{Error, Result};

/// A template's row id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct TemplateId(pub i64);

/// A template's text in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
// TypeScript already has a `Variant` (a post's text for one channel).
#[serde(rename = "TemplateVariant")]
pub struct Variant {
    /// Its language, ISO 639 (`en`, `ar`).
    pub language: String,
    /// Its body, with placeholders.
    pub body: String,
}

/// A saved answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    /// Row id.
    pub id: TemplateId,
    /// Its brand; `None`: every brand's.
    pub brand_id: Option<BrandId>,
    /// What it is, for the person.
    pub title: String,
    /// What it is for (apology, shipping question, thanks, rights request…).
    pub category: String,
    /// Typed in the reply box to pick it, e.g. `;ship`.
    pub shortcut: Option<String>,
    /// Its text in each language.
    pub variants: Vec<Variant>,
    /// How often it was used.
    pub usage_count: u32,
    /// When it was last used.
    pub last_used_at: Option<Timestamp>,
}

/// A template as the person writes it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewTemplate {
    /// Its brand; `None`: every brand's.
    pub brand: Option<BrandId>,
    /// What it is.
    pub title: String,
    /// What it is for.
    #[serde(default)]
    pub category: String,
    /// `;word` (the `;` is added when missing).
    #[serde(default)]
    pub shortcut: Option<String>,
    /// Its text in each language; at least one.
    pub variants: Vec<Variant>,
}

/// A template filled in for one interaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Rendered {
    /// The text, each unfilled blank left as `{name}`.
    pub text: String,
    /// The variant's language.
    pub language: String,
    /// The blanks still to fill, in order: the reply cannot be sent until they are.
    pub blanks: Vec<String>,
    /// What the brand's voice says of the text (warnings).
    pub findings: Vec<voice::Finding>,
}

/// Checks `new` and adds it.
pub fn create(tx: &Transaction<'_>, new: &NewTemplate, now: Timestamp) -> Result<Template> {
    let checked = check(new)?;
    insert(tx, new.brand, &checked, &new.variants, (0, None), now)
}

/// Adds a checked template with its texts, and how often and when it was `used`.
fn insert(
    tx: &Transaction<'_>,
    brand: Option<BrandId>,
    checked: &Checked,
    variants: &[Variant],
    used: (u32, Option<Timestamp>),
    now: Timestamp,
) -> Result<Template> {
    let id = tx
        .query_row(
            "INSERT INTO templates (brand_id, title, category, shortcut, usage_count, last_used_at,
                                    created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id",
            params![
                brand.map(|b| b.0),
                checked.title,
                checked.category,
                checked.shortcut,
                used.0,
                used.1,
                now
            ],
            |r| r.get(0),
        )
        .map_err(|e| shortcut_taken(e, &checked.shortcut))?;
    let id = TemplateId(id);
    write_variants(tx, id, variants)?;
    reindex(tx, id)?;
    get(tx, id)
}

/// Replaces template `id` with `new`.
pub fn update(
    tx: &Transaction<'_>,
    id: TemplateId,
    new: &NewTemplate,
    now: Timestamp,
) -> Result<Template> {
    let checked = check(new)?;
    let changed = tx
        .execute(
            "UPDATE templates SET brand_id = ?2, title = ?3, category = ?4, shortcut = ?5,
                                  updated_at = ?6
             WHERE id = ?1",
            params![
                id.0,
                new.brand.map(|b| b.0),
                checked.title,
                checked.category,
                checked.shortcut,
                now
            ],
        )
        .map_err(|e| shortcut_taken(e, &checked.shortcut))?;
    if changed == 0 {
        return Err(Error::TemplateNotFound(id.0));
    }
    tx.execute(
        "DELETE FROM template_variants WHERE template_id = ?1",
        [id.0],
    )?;
    write_variants(tx, id, &new.variants)?;
    reindex(tx, id)?;
    get(tx, id)
}

/// Removes template `id`, answering it as it was, for [`restore`].
pub fn delete(tx: &Transaction<'_>, id: TemplateId) -> Result<Template> {
    let gone = get(tx, id)?;
    tx.execute("DELETE FROM templates WHERE id = ?1", [id.0])?;
    tx.execute("DELETE FROM templates_fts WHERE rowid = ?1", [id.0])?;
    Ok(gone)
}

/// Puts back a template [`delete`] removed (Undo): its texts, shortcut and use, under a
/// new id (nothing refers to the old one). Refused if another took its shortcut since.
pub fn restore(tx: &Transaction<'_>, gone: &Template, now: Timestamp) -> Result<Template> {
    let checked = Checked {
        title: gone.title.clone(),
        category: gone.category.clone(),
        shortcut: gone.shortcut.clone(),
    };
    let used = (gone.usage_count, gone.last_used_at);
    insert(tx, gone.brand_id, &checked, &gone.variants, used, now)
}

struct Checked {
    title: String,
    category: String,
    shortcut: Option<String>,
}

fn check(new: &NewTemplate) -> Result<Checked> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(Error::TemplateTitleEmpty);
    }
    if new.variants.is_empty() {
        return Err(Error::TemplateWithoutText);
    }
    let mut seen = Vec::new();
    for variant in &new.variants {
        let language = variant.language.trim().to_ascii_lowercase();
        if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(Error::InvalidLocale(variant.language.clone()));
        }
        if seen.contains(&language) {
            return Err(Error::TemplateLanguageTwice(language));
        }
        if variant.body.trim().is_empty() {
            return Err(Error::TemplateWithoutText);
        }
        parse(&variant.body).map_err(|e| e.in_variant(&language))?;
        seen.push(language);
    }
    let shortcut = new
        .shortcut
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let word = s.trim_start_matches(';');
            if word.is_empty()
                || !word
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                Err(Error::InvalidShortcut(s.to_owned()))
            } else {
                Ok(format!(";{}", word.to_lowercase()))
            }
        })
        .transpose()?;
    Ok(Checked {
        title: title.to_owned(),
        category: new.category.trim().to_owned(),
        shortcut,
    })
}

fn shortcut_taken(e: rusqlite::Error, shortcut: &Option<String>) -> Error {
    match (e.sqlite_error_code(), shortcut) {
        (Some(ErrorCode::ConstraintViolation), Some(s)) => Error::ShortcutTaken(s.clone()),
        _ => e.into(),
    }
}

fn write_variants(tx: &Transaction<'_>, id: TemplateId, variants: &[Variant]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO template_variants (template_id, language, body) VALUES (?1, ?2, ?3)",
    )?;
    for v in variants {
        insert.execute(params![
            id.0,
            v.language.trim().to_ascii_lowercase(),
            v.body
        ])?;
    }
    Ok(())
}

/// What a body is found by: its words and its blanks' fallbacks, not the names between
/// braces (`{author_name}`, `{اسم_المتابع}` are in most templates and say nothing).
fn searched(body: &str) -> String {
    match parse(body) {
        Ok(pieces) => pieces
            .iter()
            .filter_map(|piece| match piece {
                body::Piece::Text(text) => Some(text.as_str()),
                body::Piece::Field(field) => field.fallback.as_deref(),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Err(_) => body.to_owned(),
    }
}

/// Brings every template's search row up to date (a migration's hook, when what a
/// template is found by changes).
pub(crate) fn reindex_all(tx: &Transaction<'_>) -> Result<()> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM templates")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        reindex(tx, TemplateId(id))?;
    }
    Ok(())
}

/// Brings template `id`'s search row up to date.
fn reindex(tx: &Transaction<'_>, id: TemplateId) -> Result<()> {
    let t = get(tx, id)?;
    let bodies: Vec<String> = t
        .variants
        .iter()
        .map(|v| normalize(&searched(&v.body)))
        .collect();
    tx.execute("DELETE FROM templates_fts WHERE rowid = ?1", [id.0])?;
    tx.execute(
        "INSERT INTO templates_fts (rowid, title, body, shortcut) VALUES (?1, ?2, ?3, ?4)",
        params![
            id.0,
            normalize(&t.title),
            bodies.join("\n"),
            t.shortcut
                .as_deref()
                .map(|s| s.trim_start_matches(';'))
                .unwrap_or_default()
        ],
    )?;
    Ok(())
}

/// A template's columns, as [`from_row`] reads them (from `templates t`).
const COLUMNS: &str = "t.id, t.brand_id, t.title, t.category, t.shortcut, t.usage_count,
    t.last_used_at, (SELECT json_group_array(json_object('language', v.language, 'body', v.body))
                     FROM template_variants v WHERE v.template_id = t.id)";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Template> {
    let variants: String = r.get(7)?;
    Ok(Template {
        id: TemplateId(r.get(0)?),
        brand_id: r.get::<_, Option<i64>>(1)?.map(BrandId),
        title: r.get(2)?,
        category: r.get(3)?,
        shortcut: r.get(4)?,
        usage_count: r.get(5)?,
        last_used_at: r.get(6)?,
        variants: serde_json::from_str(&variants).unwrap_or_default(),
    })
}

/// One template.
pub fn get(conn: &Connection, id: TemplateId) -> Result<Template> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM templates t WHERE t.id = ?1"
    ))?
    .query_row([id.0], from_row)
    .optional()?
    .ok_or(Error::TemplateNotFound(id.0))
}

/// The brand's templates and the shared ones (only the shared ones without a brand),
/// most used first.
pub fn list(conn: &Connection, brand: Option<BrandId>) -> Result<Vec<Template>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM templates t WHERE t.brand_id IS NULL OR t.brand_id = ?1
             ORDER BY t.usage_count DESC, t.title"
        ))?
        .query_map([brand.map(|b| b.0)], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The brand's templates and the shared ones filed under `category` as people write it
/// (case and marks aside), in no particular order: only those are read, not the library.
pub fn in_category(conn: &Connection, brand: BrandId, category: &str) -> Result<Vec<Template>> {
    let wanted = normalize(category.trim());
    let mut found = Vec::new();
    for written in categories(conn, brand)? {
        if normalize(written.trim()) != wanted {
            continue;
        }
        found.extend(
            conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM templates t
                 WHERE (t.brand_id IS NULL OR t.brand_id = ?1) AND t.category = ?2"
            ))?
            .query_map(params![brand.0, written], from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        );
    }
    Ok(found)
}

/// The categories of the brand's templates and the shared ones, sorted: a library's
/// filter names them all, whichever templates a list shows.
pub fn categories(conn: &Connection, brand: BrandId) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT t.category FROM templates t
             WHERE (t.brand_id IS NULL OR t.brand_id = ?1) AND t.category <> ''
             ORDER BY t.category",
        )?
        .query_map([brand.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Template `id` filled in for interaction `interaction`: its author, the brand, the
/// person answering (`agent`) and today's date fill themselves; `set` gives the blanks'
/// values. The variant is the interaction's language if the template has it, else the
/// brand's, else its first. The brand's voice reads the result.
pub fn render(
    conn: &Connection,
    id: TemplateId,
    interaction: InteractionId,
    agent: &str,
    set: &HashMap<String, String>,
    now: Timestamp,
) -> Result<Rendered> {
    let item = inbox::get(conn, interaction)?;
    render_for(conn, id, &Addressee::of(&item), agent, set, now)
}

/// A reply made a template, not saved yet.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct ReplyTemplate {
    /// The template: the brand's, in the text's language, its title the person's to give.
    pub template: NewTemplate,
    /// Whether the follower was named in the reply (and is now a placeholder).
    pub named: bool,
}

/// A new template from `text`, a reply written to interaction `interaction`, naming the
/// next follower where it named this one (`{first_name}` where it said "Sara").
pub fn from_reply(
    conn: &Connection,
    interaction: InteractionId,
    text: &str,
) -> Result<ReplyTemplate> {
    if text.trim().is_empty() {
        return Err(Error::ReplyEmpty);
    }
    let item = inbox::get(conn, interaction)?;
    let (variant, named) = from_reply::variant(text, &Addressee::of(&item));
    Ok(ReplyTemplate {
        template: NewTemplate {
            brand: Some(item.brand_id),
            variants: vec![variant],
            ..NewTemplate::default()
        },
        named,
    })
}

/// Whom a template is filled in for.
#[derive(Clone, Copy, Debug)]
pub struct Addressee<'a> {
    /// The brand that answers.
    pub brand: BrandId,
    /// Their handle, without `@`.
    pub handle: &'a str,
    /// Their display name.
    pub name: Option<&'a str>,
    /// Their language, when known.
    pub language: Option<&'a str>,
}

impl<'a> Addressee<'a> {
    /// The author of an interaction.
    pub fn of(item: &'a inbox::Interaction) -> Self {
        Addressee {
            brand: item.brand_id,
            handle: &item.author.handle,
            name: item.author.name.as_deref(),
            language: item.language.as_deref(),
        }
    }

    /// What they are called: their display name, else their handle's first part as a
    /// name, "Omar" for omar.bsky.social (a reply reading "Hi omar" looks careless).
    pub fn called(&self) -> String {
        if let Some(name) = self.name.filter(|n| !n.trim().is_empty()) {
            return name.trim().to_owned();
        }
        let part = self
            .handle
            .split(['.', '@'])
            .find(|part| !part.is_empty())
            .unwrap_or(self.handle);
        let mut letters = part.chars();
        letters
            .next()
            .map(|first| first.to_uppercase().chain(letters).collect())
            .unwrap_or_default()
    }
}

/// Template `id` filled in for `to`, as [`render`] does for an interaction's author.
pub fn render_for(
    conn: &Connection,
    id: TemplateId,
    to: &Addressee<'_>,
    agent: &str,
    set: &HashMap<String, String>,
    now: Timestamp,
) -> Result<Rendered> {
    let template = get(conn, id)?;
    let brand = brands::get(conn, to.brand)?;
    let brand_language = language_of(&brand.locale.to_string());
    let variant = [to.language, Some(brand_language.as_str())]
        .into_iter()
        .flatten()
        .find_map(|lang| template.variants.iter().find(|v| v.language == lang))
        .or_else(|| template.variants.first())
        .ok_or(Error::TemplateWithoutText)?;
    let pieces = parse(&variant.body).map_err(|e| e.in_variant(&variant.language))?;
    let context = Context {
        author_name: to.called(),
        author_handle: format!("@{}", to.handle),
        brand: &brand,
        agent,
        language: &variant.language,
        now,
    };
    fill_in(conn, &pieces, &context, set)
}

/// What fills the automatic placeholders.
struct Context<'a> {
    author_name: String,
    author_handle: String,
    brand: &'a brands::Brand,
    agent: &'a str,
    language: &'a str,
    now: Timestamp,
}

fn fill_in(
    conn: &Connection,
    pieces: &[body::Piece],
    context: &Context<'_>,
    set: &HashMap<String, String>,
) -> Result<Rendered> {
    let day = context.brand.time_zone.local_of(context.now).date();
    let today = crate::written::date(day, context.language);
    // A rights request's words: the brand's agreement hashtag and word, its terms link.
    let terms = crate::ugc::terms::get(conn, context.brand.id)?;
    let filled = body::fill(pieces, |name| match Automatic::named(name) {
        Some(Automatic::AuthorName) => Some(context.author_name.clone()),
        Some(Automatic::AuthorHandle) => Some(context.author_handle.clone()),
        Some(Automatic::Brand) => Some(context.brand.name.to_string()),
        // Without a name set, who answers is a blank like any other.
        Some(Automatic::Agent) => Some(context.agent.to_owned()).filter(|a| !a.trim().is_empty()),
        Some(Automatic::Today) => Some(today.clone()),
        Some(Automatic::Hashtag) => Some(terms.hashtag.clone()),
        Some(Automatic::Word) => Some(terms.arabic.clone()),
        Some(Automatic::Terms) => terms.link.clone(),
        None => set.get(name).cloned(),
    });
    Ok(Rendered {
        findings: voice::lint(&voice::get(conn, context.brand.id)?, &filled.text),
        text: filled.text,
        language: context.language.to_owned(),
        blanks: filled.blanks,
    })
}

/// A body being written, filled in as if it answered a sample follower (Sara), for the
/// editor's live preview; or where the body cannot be read.
pub fn preview(
    conn: &Connection,
    brand: BrandId,
    text: &str,
    language: &str,
    agent: &str,
    now: Timestamp,
) -> Result<std::result::Result<Rendered, BodyError>> {
    let pieces = match parse(text) {
        Ok(pieces) => pieces,
        Err(e) => return Ok(Err(e)),
    };
    let brand = brands::get(conn, brand)?;
    let author_name = match language {
        "ar" => "سارة الحربي",
        _ => "Sara Al-Harbi",
    };
    let context = Context {
        author_name: author_name.to_owned(),
        author_handle: "@sara".to_owned(),
        brand: &brand,
        agent,
        language,
        now,
    };
    fill_in(conn, &pieces, &context, &HashMap::new()).map(Ok)
}

/// A template as a file carries it, to move it between brands or installations.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Carried {
    title: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    shortcut: Option<String>,
    variants: Vec<Variant>,
}

/// The brand's own templates as JSON (an array), to import elsewhere.
pub fn export_json(conn: &Connection, brand: BrandId) -> Result<String> {
    let carried: Vec<Carried> = list(conn, Some(brand))?
        .into_iter()
        .filter(|t| t.brand_id == Some(brand))
        .map(|t| Carried {
            title: t.title,
            category: t.category,
            shortcut: t.shortcut,
            variants: t.variants,
        })
        .collect();
    serde_json::to_string_pretty(&carried).map_err(|e| Error::Export(e.to_string()))
}

/// Adds the templates in `json` (as [`export_json`] writes them) to `brand`: every one,
/// or none, with each entry that cannot be added named by its number.
pub fn import_json(
    tx: &Transaction<'_>,
    brand: BrandId,
    json: &str,
    now: Timestamp,
) -> Result<usize> {
    let carried: Vec<Carried> =
        serde_json::from_str(json).map_err(|e| Error::TemplatesFile(e.to_string()))?;
    let mut problems = Vec::new();
    for (n, c) in carried.iter().enumerate() {
        let new = NewTemplate {
            brand: Some(brand),
            title: c.title.clone(),
            category: c.category.clone(),
            shortcut: c.shortcut.clone(),
            variants: c.variants.clone(),
        };
        if let Err(e) = create(tx, &new, now) {
            let title = c.title.clone();
            let why = match e {
                Error::InvalidTemplate {
                    language,
                    position,
                    problem,
                } => Why::TemplateText {
                    title,
                    language,
                    position,
                    problem,
                },
                e => Why::Template {
                    title,
                    code: e.code().to_owned(),
                    reason: e.to_string(),
                },
            };
            problems.push(RowProblem {
                line: n as u64 + 1,
                why,
            });
        }
    }
    if problems.is_empty() {
        Ok(carried.len())
    } else {
        Err(Error::ImportRejected(problems))
    }
}

/// Counts one use of template `id` (it was sent).
pub fn mark_used(tx: &Transaction<'_>, id: TemplateId, now: Timestamp) -> Result<()> {
    if tx.execute(
        "UPDATE templates SET usage_count = usage_count + 1, last_used_at = ?2 WHERE id = ?1",
        params![id.0, now],
    )? == 0
    {
        return Err(Error::TemplateNotFound(id.0));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
