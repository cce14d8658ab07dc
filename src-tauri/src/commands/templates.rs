//! Reply templates: the picker in the reply box, what the brand's voice and the
//! personal-touch guard say of a reply, and the templates themselves.

use std::collections::HashMap;

use majlis_core::brands::BrandId;
use majlis_core::inbox::{self, InteractionId};
use majlis_core::settings::{self, AGENT_NAME, ECHO_THRESHOLD};
use majlis_core::templates::body::BodyError;
use majlis_core::templates::voice::{self, Finding, Voice};
use majlis_core::templates::{
    self, Echo, Hit, NewTemplate, Prefer, Rendered, ReplyTemplate, Template, TemplateId,
};
use majlis_core::time::{Clock, SystemClock};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::undo::{StepId, Undo};

/// Templates for the reply box's picker: the best for `query` and the interaction.
#[tauri::command(async)]
#[specta::specta]
pub fn template_search(
    state: State<'_, AppState>,
    interaction: InteractionId,
    query: String,
) -> Result<Vec<Hit>, IpcError> {
    Ok(state.store.read(|c| {
        let item = inbox::get(c, interaction)?;
        let prefer = Prefer {
            kind: Some(item.kind),
            language: item.language.clone(),
        };
        templates::search(c, Some(item.brand_id), &query, &prefer, 8)
    })?)
}

/// A template filled in for an interaction, with the blanks left and the voice's findings.
#[tauri::command(async)]
#[specta::specta]
pub fn template_render(
    state: State<'_, AppState>,
    id: TemplateId,
    interaction: InteractionId,
    set: HashMap<String, String>,
) -> Result<Rendered, IpcError> {
    Ok(state.store.read(|c| {
        let agent = settings::get(c, &AGENT_NAME)?;
        templates::render(c, id, interaction, &agent, &set, SystemClock.now())
    })?)
}

/// What a reply being written would meet: the brand voice's findings, and an earlier
/// reply to someone else that it echoes.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReplyCheck {
    /// The voice's findings.
    pub findings: Vec<Finding>,
    /// A reply sent lately to someone else that reads nearly the same.
    pub echo: Option<Echo>,
}

/// Checks a reply as it is written.
#[tauri::command(async)]
#[specta::specta]
pub fn reply_check(
    state: State<'_, AppState>,
    interaction: InteractionId,
    text: String,
) -> Result<ReplyCheck, IpcError> {
    Ok(state.store.read(|c| {
        let item = inbox::get(c, interaction)?;
        let threshold = settings::get(c, &ECHO_THRESHOLD)?;
        Ok(ReplyCheck {
            findings: voice::lint(&voice::get(c, item.brand_id)?, &text),
            echo: templates::echo(c, interaction, &text, SystemClock.now(), threshold)?,
        })
    })?)
}

/// What the brand's voice says of a post's text (its words, tone and emoji: the
/// sign-off and length are for replies).
#[tauri::command(async)]
#[specta::specta]
pub fn voice_check(
    state: State<'_, AppState>,
    brand: BrandId,
    text: String,
) -> Result<Vec<Finding>, IpcError> {
    Ok(state.store.read(|c| {
        let for_posts = Voice {
            sign_off: None,
            max_length: None,
            ..voice::get(c, brand)?
        };
        Ok(voice::lint(&for_posts, &text))
    })?)
}

/// Counts a use of a template whose reply went out.
#[tauri::command(async)]
#[specta::specta]
pub fn template_used(state: State<'_, AppState>, id: TemplateId) -> Result<(), IpcError> {
    Ok(state
        .store
        .write(|tx| templates::mark_used(tx, id, SystemClock.now()))?)
}

/// What the Templates view lists: the templates found, at most [`FOUND`], and whether
/// there are more.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Found {
    /// The brand's and the shared templates found, best first.
    pub templates: Vec<Template>,
    /// Whether more were found than are listed.
    pub more: bool,
}

/// How many templates the Templates view lists: searching finds the others.
const FOUND: usize = 200;

/// The brand's and the shared templates matching `query` (all, most used first, when
/// empty), of `category` if one is given: the Templates view's list.
#[tauri::command(async)]
#[specta::specta]
pub fn templates_find(
    state: State<'_, AppState>,
    brand: BrandId,
    query: String,
    category: Option<String>,
) -> Result<Found, IpcError> {
    Ok(state.store.read(|c| {
        let hits = match category.as_deref().filter(|c| !c.is_empty()) {
            Some(category) => templates::search_category(c, brand, category, &query, FOUND + 1)?,
            None => templates::search(c, Some(brand), &query, &Prefer::default(), FOUND + 1)?,
        };
        let mut templates: Vec<Template> = hits.into_iter().map(|h| h.template).collect();
        let more = templates.len() > FOUND;
        templates.truncate(FOUND);
        Ok(Found { templates, more })
    })?)
}

/// Every category of the brand's and the shared templates, for the Templates view's
/// filter: read when the library changes, not at each key typed in its search.
#[tauri::command(async)]
#[specta::specta]
pub fn templates_categories(
    state: State<'_, AppState>,
    brand: BrandId,
) -> Result<Vec<String>, IpcError> {
    Ok(state.store.read(|c| templates::categories(c, brand))?)
}

/// The editor's live preview: a body filled in for a sample follower, or where it breaks.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplatePreview {
    /// The filled text, its blanks and the voice's findings.
    pub rendered: Option<Rendered>,
    /// Where the body cannot be read.
    pub problem: Option<BodyError>,
}

/// Majlis's placeholders as the editor names them and as they are written in a text in
/// `language`: its buttons insert the Arabic names into Arabic text.
#[tauri::command]
#[specta::specta]
pub fn template_placeholders(language: String) -> Vec<(String, String)> {
    templates::body::names(&language)
}

/// A reply being written to `interaction`, made a new template (not saved yet): the
/// follower's name and handle in it become placeholders.
#[tauri::command(async)]
#[specta::specta]
pub fn template_from_reply(
    state: State<'_, AppState>,
    interaction: InteractionId,
    text: String,
) -> Result<ReplyTemplate, IpcError> {
    Ok(state
        .store
        .read(|c| templates::from_reply(c, interaction, &text))?)
}

/// Previews a body being written.
#[tauri::command(async)]
#[specta::specta]
pub fn template_preview(
    state: State<'_, AppState>,
    brand: BrandId,
    body: String,
    language: String,
) -> Result<TemplatePreview, IpcError> {
    Ok(state.store.read(|c| {
        let agent = settings::get(c, &AGENT_NAME)?;
        Ok(
            match templates::preview(c, brand, &body, &language, &agent, SystemClock.now())? {
                Ok(rendered) => TemplatePreview {
                    rendered: Some(rendered),
                    problem: None,
                },
                Err(problem) => TemplatePreview {
                    rendered: None,
                    problem: Some(problem),
                },
            },
        )
    })?)
}

/// Saves a template: a new one, or `id`'s new text.
#[tauri::command(async)]
#[specta::specta]
pub fn template_save(
    state: State<'_, AppState>,
    id: Option<TemplateId>,
    template: NewTemplate,
) -> Result<Template, IpcError> {
    Ok(state.store.write(|tx| match id {
        Some(id) => templates::update(tx, id, &template, SystemClock.now()),
        None => templates::create(tx, &template, SystemClock.now()),
    })?)
}

/// Removes a template, a step the window can take back.
#[tauri::command(async)]
#[specta::specta]
pub fn template_delete(state: State<'_, AppState>, id: TemplateId) -> Result<StepId, IpcError> {
    let gone = state.store.write(|tx| templates::delete(tx, id))?;
    Ok(state.journal.record(Undo::Deleted(gone)))
}

/// The brand's voice, the person's name for `{agent}`, and the echo threshold.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct VoiceSettings {
    /// The brand's voice.
    pub voice: Voice,
    /// The person's name, as replies sign it.
    pub agent: String,
    /// How alike a reply may be to one sent to someone else before the warning.
    pub echo_threshold: f64,
}

/// Writes the brand's templates as JSON into the Downloads folder; returns the file's path.
#[tauri::command(async)]
#[specta::specta]
pub fn templates_export(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    brand: BrandId,
) -> Result<String, IpcError> {
    let (name, json) = state.store.read(|c| {
        Ok((
            majlis_core::brands::get(c, brand)?.name.to_string(),
            templates::export_json(c, brand)?,
        ))
    })?;
    let failed = |e: std::io::Error| IpcError::new("export_failed", e.to_string());
    let folder = crate::downloads::folder(&app).map_err(failed)?;
    let (path, mut file) =
        crate::downloads::new_file(&folder, &format!("{name} templates"), "json")
            .map_err(failed)?;
    std::io::Write::write_all(&mut file, json.as_bytes()).map_err(failed)?;
    Ok(path.display().to_string())
}

/// What importing a file of templates did.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TemplatesImport {
    /// Templates added.
    pub imported: u32,
    /// The entries that stopped the import (numbered from 1), when any did.
    pub problems: Vec<majlis_core::posts::RowProblem>,
}

/// Adds the templates of a file's JSON to the brand: all, or none.
#[tauri::command(async)]
#[specta::specta]
pub fn templates_import(
    state: State<'_, AppState>,
    brand: BrandId,
    json: String,
) -> Result<TemplatesImport, IpcError> {
    match state
        .store
        .write(|tx| templates::import_json(tx, brand, &json, SystemClock.now()))
    {
        Ok(n) => Ok(TemplatesImport {
            imported: u32::try_from(n).unwrap_or(u32::MAX),
            problems: Vec::new(),
        }),
        Err(majlis_core::Error::ImportRejected(problems)) => Ok(TemplatesImport {
            imported: 0,
            problems,
        }),
        Err(e) => Err(e.into()),
    }
}

/// The voice settings, for Settings.
#[tauri::command(async)]
#[specta::specta]
pub fn voice_get(state: State<'_, AppState>, brand: BrandId) -> Result<VoiceSettings, IpcError> {
    Ok(state.store.read(|c| {
        Ok(VoiceSettings {
            voice: voice::get(c, brand)?,
            agent: settings::get(c, &AGENT_NAME)?,
            echo_threshold: settings::get(c, &ECHO_THRESHOLD)?,
        })
    })?)
}

/// Saves the voice settings.
#[tauri::command(async)]
#[specta::specta]
pub fn voice_set(
    state: State<'_, AppState>,
    brand: BrandId,
    voice: Voice,
    agent: String,
    echo_threshold: f64,
) -> Result<(), IpcError> {
    if !(0.5..=1.0).contains(&echo_threshold) {
        return Err(IpcError::new(
            "invalid_echo_threshold",
            "the similarity for the warning must be between 0.5 and 1".into(),
        ));
    }
    Ok(state.store.write(|tx| {
        voice::set(tx, brand, &voice)?;
        settings::set(tx, &AGENT_NAME, &agent.trim().to_owned())?;
        settings::set(tx, &ECHO_THRESHOLD, &echo_threshold)
    })?)
}
