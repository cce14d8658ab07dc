//! Brands: the workspace, creating, switching, and the sample brand.
//!
//! Every command returns the whole [`Workspace`], so the window replaces its state in
//! one step and can never show a brand list that disagrees with the current brand.

use majlis_core::brands::{self, BrandId, NewBrand, Workspace};
use majlis_core::sample;
use majlis_core::settings;
use majlis_core::time::{Clock, SystemClock};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command(async)]
#[specta::specta]
pub fn brand_workspace(state: State<'_, AppState>) -> Result<Workspace, IpcError> {
    Ok(state.store.read(brands::workspace)?)
}

/// Adds a brand and switches to it.
#[tauri::command(async)]
#[specta::specta]
pub fn brand_create(state: State<'_, AppState>, input: NewBrand) -> Result<Workspace, IpcError> {
    Ok(state.store.write(|tx| {
        let brand = brands::create(tx, &input, SystemClock.now())?;
        brands::select(tx, brand.id)?;
        brands::workspace(tx)
    })?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn brand_select(state: State<'_, AppState>, id: BrandId) -> Result<Workspace, IpcError> {
    Ok(state.store.write(|tx| {
        brands::select(tx, id)?;
        brands::workspace(tx)
    })?)
}

/// "Try with a sample brand", in the interface's language.
#[tauri::command(async)]
#[specta::specta]
pub fn sample_create(state: State<'_, AppState>) -> Result<Workspace, IpcError> {
    Ok(state.write_posts(|tx| {
        let language = settings::current_language(tx)?;
        sample::create(tx, state.data_dir.path(), language, SystemClock.now())?;
        brands::workspace(tx)
    })?)
}
