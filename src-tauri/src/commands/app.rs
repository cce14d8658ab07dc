//! Facts about the app, and what its forms offer.

use majlis_core::brands;
use majlis_core::color::Color;
use majlis_core::zone::Zone;
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// What Settings shows about this installation.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The app's version.
    version: String,
    /// Where the database, logs and media live.
    data_dir: String,
}

#[tauri::command(async)]
#[specta::specta]
pub fn app_info(app: tauri::AppHandle, state: State<'_, AppState>) -> Result<AppInfo, IpcError> {
    Ok(AppInfo {
        version: app.package_info().version.to_string(),
        data_dir: state.data_dir.path().display().to_string(),
    })
}

/// Hides the window to the tray (Ctrl+W): Majlis keeps running there.
#[tauri::command]
#[specta::specta]
pub fn window_hide(app: tauri::AppHandle) {
    crate::window::hide(&app);
}

/// The choices the new-brand form offers, from the same rules that validate it.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BrandFormOptions {
    /// IANA zone names for the picker.
    time_zones: Vec<String>,
    /// The colour swatches.
    palette: Vec<Color>,
    /// The colour a new brand gets unless the person picks another.
    suggested_color: Color,
}

#[tauri::command(async)]
#[specta::specta]
pub fn brand_form_options(state: State<'_, AppState>) -> Result<BrandFormOptions, IpcError> {
    Ok(BrandFormOptions {
        time_zones: Zone::all_names().into_iter().map(str::to_owned).collect(),
        palette: Color::PALETTE.to_vec(),
        suggested_color: state.store.read(brands::next_color)?,
    })
}
