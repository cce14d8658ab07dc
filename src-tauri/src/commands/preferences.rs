//! The person's display preferences.

use majlis_core::settings::{self, Language, PREFERENCES, Preferences};
use serde::Serialize;
use tauri::{AppHandle, State};

use crate::error::IpcError;
use crate::state::AppState;
use crate::{tray, window};

/// The stored preferences and the language they mean on this machine right now.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreferencesView {
    preferences: Preferences,
    language: Language,
}

#[tauri::command(async)]
#[specta::specta]
pub fn preferences_get(state: State<'_, AppState>) -> Result<PreferencesView, IpcError> {
    Ok(state.store.read(|c| {
        Ok(PreferencesView {
            preferences: settings::get(c, &PREFERENCES)?,
            language: settings::current_language(c)?,
        })
    })?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn preferences_set(
    app: AppHandle,
    state: State<'_, AppState>,
    preferences: Preferences,
) -> Result<PreferencesView, IpcError> {
    state
        .store
        .write(|tx| settings::set(tx, &PREFERENCES, &preferences))?;
    tray::refresh(&app);
    window::speak(&app);
    preferences_get(state)
}
