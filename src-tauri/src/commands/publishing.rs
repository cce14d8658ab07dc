//! Publishing: connecting channels, what the publisher did, and the person's part in
//! it (posting by hand where Majlis reminds, deciding about posts that missed their time).

use majlis_core::brands::{self, BrandId, Workspace};
use majlis_core::channels::ChannelId;
use majlis_core::posts::{DeliveryId, Post, PostId};
use majlis_core::publishing;
use majlis_core::time::{Clock, SystemClock};
use majlis_engine::Secret;
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Sent when the person clicks a notification about a post: the window opens it.
#[derive(Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct OpenPost(pub PostId);

/// Sent whenever the publisher changed posts (published, failed, held back).
#[derive(Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct PostsChanged;

/// Logs in to the channel's account once and, if that works, keeps the app password
/// in the desktop keyring. Returns the account's name, as the network knows it.
#[tauri::command]
#[specta::specta]
pub async fn channel_connect(
    state: State<'_, AppState>,
    channel: ChannelId,
    service: String,
    handle: Option<String>,
    secret: String,
) -> Result<String, IpcError> {
    let name = majlis_engine::connect(
        &state.store,
        channel,
        &service,
        handle.as_deref(),
        Secret::Keep(secret),
    )
    .await?;
    state.engine.channels_changed();
    Ok(name)
}

/// Connects a Mastodon channel by signing in to its instance in the person's browser.
/// Returns the account's name.
#[tauri::command]
#[specta::specta]
pub async fn channel_sign_in(
    state: State<'_, AppState>,
    channel: ChannelId,
    service: String,
) -> Result<String, IpcError> {
    let name = majlis_engine::sign_in(&state.store, channel, &service, |page| {
        open::that_detached(page).map_err(|e| e.to_string())
    })
    .await?;
    state.engine.channels_changed();
    Ok(name)
}

/// Disconnects a channel: its secret leaves the keyring, and Majlis stops publishing there.
#[tauri::command(async)]
#[specta::specta]
pub fn channel_disconnect(state: State<'_, AppState>, channel: ChannelId) -> Result<(), IpcError> {
    majlis_engine::disconnect(&state.store, channel)?;
    state.engine.channels_changed();
    Ok(())
}

/// The person posted a reminded delivery by hand (with its address, if they have it).
#[tauri::command(async)]
#[specta::specta]
pub fn delivery_mark_posted(
    state: State<'_, AppState>,
    delivery: DeliveryId,
    post: PostId,
    url: Option<String>,
) -> Result<Post, IpcError> {
    let url = url.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
    Ok(state.write_posts(|tx| {
        publishing::mark_posted(tx, delivery, url.as_deref(), SystemClock.now())?;
        majlis_core::posts::get(tx, post)
    })?)
}

/// The brand's posts that missed their time while Majlis was closed, for the banner.
#[tauri::command(async)]
#[specta::specta]
pub fn posts_held(state: State<'_, AppState>, brand: BrandId) -> Result<Vec<Post>, IpcError> {
    Ok(state.store.read(|c| publishing::held(c, brand))?)
}

/// Publishes a held post now.
#[tauri::command(async)]
#[specta::specta]
pub fn post_publish_now(state: State<'_, AppState>, id: PostId) -> Result<Post, IpcError> {
    Ok(state.write_posts(|tx| publishing::publish_now(tx, id, SystemClock.now()))?)
}

/// Opens a published post's address in the person's browser. Only web addresses: the
/// window never asks the system to open anything else.
#[tauri::command(async)]
#[specta::specta]
pub fn link_open(url: String) -> Result<(), IpcError> {
    let invalid = || IpcError::new("invalid_link", format!("\"{url}\" is not a web address"));
    let parsed = url::Url::parse(&url).map_err(|_| invalid())?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid());
    }
    open::that_detached(parsed.as_str())
        .map_err(|e| IpcError::new("open_failed", format!("the browser did not open: {e}")))
}

/// Sets how late a missed post may still go out by itself (`None`: however late).
#[tauri::command(async)]
#[specta::specta]
pub fn brand_set_hold_late_after(
    state: State<'_, AppState>,
    brand: BrandId,
    minutes: Option<u32>,
) -> Result<Workspace, IpcError> {
    Ok(state.write_posts(|tx| {
        brands::set_hold_late_after(tx, brand, minutes, SystemClock.now())?;
        brands::workspace(tx)
    })?)
}
