//! Undo: taking back the last step a confirmation offered it for.

use majlis_core::Error;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::undo::StepId;

/// Takes back `step`, if it is the last one a confirmation offered Undo for (and only
/// once), where nothing changed it again since; answers how many things went back.
#[tauri::command(async)]
#[specta::specta]
pub fn undo(state: State<'_, AppState>, step: StepId) -> Result<u32, IpcError> {
    let undo = state.journal.take(step).ok_or(Error::ChangedSince)?;
    let back = undo.take_back(&state)?;
    Ok(u32::try_from(back).unwrap_or(u32::MAX))
}
