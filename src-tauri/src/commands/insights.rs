//! Insights: how well the brand answers, and what its community says, for a period.

use majlis_core::brands::{self, BrandId};
use majlis_core::insights::Period;
use majlis_core::insights::content::{self, Content};
use majlis_core::insights::response::{self, Responsiveness};
use majlis_core::insights::topics::{self, Topics};
use majlis_core::time::{Clock, SystemClock};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// How well the brand answered the messages of the days `from`–`to` (YYYY-MM-DD).
#[tauri::command(async)]
#[specta::specta]
pub fn insights_response(
    state: State<'_, AppState>,
    brand: BrandId,
    from: String,
    to: String,
) -> Result<Responsiveness, IpcError> {
    let period = Period::parse(&from, &to)?;
    Ok(state.store.read(|c| {
        response::responsiveness(c, &brands::get(c, brand)?, period, SystemClock.now())
    })?)
}

/// What the brand's community raised in the days `from`–`to`.
#[tauri::command(async)]
#[specta::specta]
pub fn insights_topics(
    state: State<'_, AppState>,
    brand: BrandId,
    from: String,
    to: String,
) -> Result<Topics, IpcError> {
    let period = Period::parse(&from, &to)?;
    Ok(state
        .store
        .read(|c| topics::topics(c, &brands::get(c, brand)?, period))?)
}

/// What the brand planned and published in the days `from`–`to`.
#[tauri::command(async)]
#[specta::specta]
pub fn insights_content(
    state: State<'_, AppState>,
    brand: BrandId,
    from: String,
    to: String,
) -> Result<Content, IpcError> {
    let period = Period::parse(&from, &to)?;
    Ok(state
        .store
        .read(|c| content::content(c, &brands::get(c, brand)?, period, SystemClock.now()))?)
}
