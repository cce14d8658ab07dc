//! The engine: its state, the publishing pause, the test notification.

use majlis_engine::EngineState;
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// Sent whenever the engine's state changes, from the tray or the window.
#[derive(Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct EngineStateChanged(pub EngineState);

#[tauri::command(async)]
#[specta::specta]
pub fn engine_state(state: State<'_, AppState>) -> Result<EngineState, IpcError> {
    Ok(state.engine.state())
}

#[tauri::command(async)]
#[specta::specta]
pub fn publishing_set_paused(
    state: State<'_, AppState>,
    paused: bool,
) -> Result<EngineState, IpcError> {
    Ok(state.engine.set_publishing_paused(paused)?)
}

#[tauri::command]
#[specta::specta]
pub async fn notification_test(state: State<'_, AppState>) -> Result<(), IpcError> {
    Ok(state.engine.send_test_notification().await?)
}
