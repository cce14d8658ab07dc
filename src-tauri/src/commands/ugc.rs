//! The community board: followers' content, the permission to share it, the saved
//! searches that find it, and the brand's terms.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use majlis_core::Error;
use majlis_core::brands::BrandId;
use majlis_core::channels;
use majlis_core::inbox::InteractionId;
use majlis_core::media;
use majlis_core::settings::{self, AGENT_NAME};
use majlis_core::time::{Clock, SystemClock};
use majlis_core::ugc::request;
use majlis_core::ugc::rights::{self, Event, ManualGrant, RightsState};
use majlis_core::ugc::searches::{self, SavedSearch, SearchId, SearchKind};
use majlis_core::ugc::terms::{self, Terms};
use majlis_core::ugc::{
    self, FoundPicture, Origin, Repost, UgcEdit, UgcFilter, UgcId, UgcItem, UgcPage,
};
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Sent when the engine changed the board (finds, answers, expiries): the window
/// reloads what it shows.
#[derive(Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct UgcChanged;

/// One column of the board: a rights state, its first items and how many there are.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UgcColumn {
    /// The state.
    pub state: RightsState,
    /// Its items, newest first.
    pub page: UgcPage,
}

/// The board: every state's column, each with its first `per_column` items matching
/// `filter` (its state is ignored).
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_board(
    state: State<'_, AppState>,
    brand: BrandId,
    filter: UgcFilter,
    per_column: u32,
) -> Result<Vec<UgcColumn>, IpcError> {
    Ok(state.store.read(|c| {
        RightsState::ALL
            .into_iter()
            .map(|s| {
                let filter = UgcFilter {
                    state: Some(s),
                    ..filter.clone()
                };
                Ok(UgcColumn {
                    state: s,
                    page: ugc::list(c, brand, &filter, 0, per_column)?,
                })
            })
            .collect()
    })?)
}

/// More of one column (from `offset`).
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_column(
    state: State<'_, AppState>,
    brand: BrandId,
    filter: UgcFilter,
    offset: u32,
    limit: u32,
) -> Result<UgcPage, IpcError> {
    Ok(state
        .store
        .read(|c| ugc::list(c, brand, &filter, offset, limit))?)
}

/// One item with its evidence trail.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UgcDetail {
    /// The item.
    pub item: UgcItem,
    /// Every change of its rights, oldest first.
    pub trail: Vec<Event>,
    /// Whether the channel a request goes through is connected: until it is, nothing
    /// can be asked from Majlis (the sample brand's channels are not).
    pub connected: bool,
    /// The words asking would reply with now, for the person to read first; `None`
    /// when the item cannot be asked, or the templates cannot write its words.
    pub asking: Option<String>,
    /// Why the templates cannot write the words (a blank Majlis cannot fill, too long
    /// for the network): the person writes their own.
    pub unworded: Option<IpcError>,
}

fn detail(state: &AppState, id: UgcId) -> Result<UgcDetail, IpcError> {
    Ok(state.store.read(|c| {
        let item = ugc::get(c, id)?;
        let connected = match item.channel_id {
            Some(channel) => channels::get(c, channel)?.is_connected(),
            None => false,
        };
        let agent = settings::get(c, &AGENT_NAME)?;
        let (asking, unworded) = match request::preview(c, id, &agent, SystemClock.now()) {
            Ok(words) => (Some(words), None),
            Err(e @ (Error::RequestTemplateBlank { .. } | Error::PostTooLong { .. })) => {
                (None, Some(e.into()))
            }
            Err(e @ Error::Database(_)) => return Err(e),
            // Not askable (asked already, or where Majlis cannot reply): no words.
            Err(_) => (None, None),
        };
        Ok(UgcDetail {
            asking,
            unworded,
            item,
            trail: rights::trail(c, id)?,
            connected,
        })
    })?)
}

/// One item with its evidence trail.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_detail(state: State<'_, AppState>, id: UgcId) -> Result<UgcDetail, IpcError> {
    detail(&state, id)
}

/// "Save to Community" in the inbox.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_save_interaction(
    state: State<'_, AppState>,
    interaction: InteractionId,
) -> Result<UgcId, IpcError> {
    Ok(state
        .store
        .write(|tx| ugc::save_interaction(tx, interaction, SystemClock.now()))?)
}

/// An item the person adds by hand: the post's address, its creator, what it says and
/// a copy of its picture (`picture`: base64 bytes, `name` its file name), re-encoded.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ManualItem {
    /// Where the post is.
    pub url: String,
    /// The creator's handle, when the address does not say it.
    pub creator: String,
    /// What the post says.
    pub text: String,
    /// The picture's file name.
    pub name: Option<String>,
    /// The picture, base64.
    pub picture: Option<String>,
}

/// Adds an item by hand.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_add(
    state: State<'_, AppState>,
    brand: BrandId,
    item: ManualItem,
) -> Result<UgcId, IpcError> {
    let mut found = ugc::manual(&item.url, Some(item.creator.as_str()))?;
    found.text = item.text.trim().to_owned();
    if let Some(data) = &item.picture {
        let name = item.name.clone().unwrap_or_default();
        let bytes = BASE64
            .decode(data.as_bytes())
            .map_err(|_| majlis_core::Error::UnsupportedMedia(name.clone()))?;
        let cleaned = media::store_untrusted(state.data_dir.path(), &name, &bytes)?;
        found.pictures.push(FoundPicture {
            file: cleaned.file,
            thumbnail: Some(cleaned.thumbnail),
            alt: String::new(),
            original_url: None,
        });
    }
    let added = state.store.write(|tx| {
        ugc::add(
            tx,
            brand,
            Origin::Manual,
            &found,
            None,
            None,
            SystemClock.now(),
        )
    })?;
    Ok(added.ok_or(majlis_core::Error::UgcAlreadyOnBoard)?)
}

/// Sends the rights request as a reply to the creator's post: `text` when the person
/// edited its words, else the templates' ([`UgcDetail::asking`]).
#[tauri::command(async)]
#[specta::specta]
pub async fn ugc_ask(
    state: State<'_, AppState>,
    id: UgcId,
    text: Option<String>,
) -> Result<UgcDetail, IpcError> {
    let agent = state.store.read(|c| settings::get(c, &AGENT_NAME))?;
    let wording = match &text {
        Some(own) => request::Words::Own(own),
        None => request::Words::Templates { agent: &agent },
    };
    state.engine.ask_rights(id, wording).await?;
    detail(&state, id)
}

/// Records a permission given off the network.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_grant(
    state: State<'_, AppState>,
    id: UgcId,
    grant: ManualGrant,
) -> Result<UgcDetail, IpcError> {
    state
        .store
        .write(|tx| rights::grant_manually(tx, id, &grant, SystemClock.now()))?;
    detail(&state, id)
}

/// Records that the creator said no (`declined`) or took their permission back
/// (`revoked`: the posts using it are held).
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_refuse(
    state: State<'_, AppState>,
    id: UgcId,
    to: RightsState,
    note: String,
) -> Result<UgcDetail, IpcError> {
    state.write_posts(|tx| rights::refuse(tx, id, to, &note, SystemClock.now()))?;
    detail(&state, id)
}

/// Sets an item's tags, rating and notes.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_edit(
    state: State<'_, AppState>,
    id: UgcId,
    edit: UgcEdit,
) -> Result<UgcDetail, IpcError> {
    state.store.write(|tx| ugc::edit(tx, id, &edit))?;
    detail(&state, id)
}

/// What a post sharing an item starts with: its pictures and credit line.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_repost(state: State<'_, AppState>, id: UgcId) -> Result<Repost, IpcError> {
    Ok(state.store.read(|c| ugc::repost(c, id))?)
}

/// The brand's saved searches.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_searches(
    state: State<'_, AppState>,
    brand: BrandId,
) -> Result<Vec<SavedSearch>, IpcError> {
    Ok(state.store.read(|c| searches::list(c, brand))?)
}

/// Saves a search; the engine runs it at once, then every 15 minutes.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_search_add(
    state: State<'_, AppState>,
    brand: BrandId,
    kind: SearchKind,
    query: String,
) -> Result<SavedSearch, IpcError> {
    let saved = state
        .store
        .write(|tx| searches::add(tx, brand, kind, &query, SystemClock.now()))?;
    state.engine.searches_changed();
    Ok(saved)
}

/// Stops a saved search (what it found stays).
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_search_remove(state: State<'_, AppState>, id: SearchId) -> Result<(), IpcError> {
    Ok(state.store.write(|tx| searches::remove(tx, id))?)
}

/// The brand's terms for asking, granting and crediting.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_terms(state: State<'_, AppState>, brand: BrandId) -> Result<Terms, IpcError> {
    Ok(state.store.read(|c| terms::get(c, brand))?)
}

/// Changes the brand's terms.
#[tauri::command(async)]
#[specta::specta]
pub fn ugc_terms_set(
    state: State<'_, AppState>,
    brand: BrandId,
    terms: Terms,
) -> Result<(), IpcError> {
    Ok(state.store.write(|tx| terms::set(tx, brand, &terms))?)
}
