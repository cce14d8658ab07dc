//! Insights: how well the brand answers, and what its community says, for a period.

use majlis_core::Connection;
use majlis_core::brands::{self, Brand, BrandId};
use majlis_core::insights::Period;
use majlis_core::insights::content::{self, Content};
use majlis_core::insights::report::{BOM, Report, TableName};
use majlis_core::insights::response::{self, Responsiveness};
use majlis_core::insights::topics::{self, Topics};
use majlis_core::insights::volume::{self, Series};
use majlis_core::settings::Language;
use majlis_core::time::{Clock, SystemClock, Timestamp};
use tauri::{AppHandle, State};

use crate::downloads;
use crate::error::IpcError;
use crate::print::{Destination, print};
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
    asked(&state, brand, (&from, &to), response::responsiveness)
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
    asked(&state, brand, (&from, &to), |c, brand, period, _| {
        topics::topics(c, brand, period)
    })
}

/// How many tagged messages came in, by tag, week by week in `from`–`to` (the kinds
/// come with the responsiveness).
#[tauri::command(async)]
#[specta::specta]
pub fn insights_tags(
    state: State<'_, AppState>,
    brand: BrandId,
    from: String,
    to: String,
) -> Result<Vec<Series>, IpcError> {
    asked(&state, brand, (&from, &to), |c, brand, period, _| {
        volume::tags(c, brand, period)
    })
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
    asked(&state, brand, (&from, &to), content::content)
}

/// The client report on the days `from`–`to` in `language`: one self-contained HTML
/// page, which the window shows and prints.
#[tauri::command(async)]
#[specta::specta]
pub fn insights_report(
    state: State<'_, AppState>,
    brand: BrandId,
    from: String,
    to: String,
    language: Language,
) -> Result<String, IpcError> {
    Ok(gather(&state, brand, (&from, &to), language)?.html())
}

/// What the window can save into the Downloads folder: the report, or one table.
#[derive(Clone, Copy, Debug, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", tag = "what", content = "table")]
pub enum Saved {
    /// The client report, as HTML.
    Report,
    /// The client report, as PDF.
    Pdf,
    /// One table, as CSV.
    Table(TableName),
}

/// Saves the report or a table of the days `from`–`to` into the person's Downloads
/// folder, never over an earlier file, and says where it went.
#[tauri::command(async)]
#[specta::specta]
pub fn insights_save(
    app: AppHandle,
    state: State<'_, AppState>,
    brand: BrandId,
    from: String,
    to: String,
    language: Language,
    saved: Saved,
) -> Result<String, IpcError> {
    let report = gather(&state, brand, (&from, &to), language)?;
    let (what, extension) = match saved {
        Saved::Report => ("report", "html"),
        Saved::Pdf => ("report", "pdf"),
        Saved::Table(table) => (table.as_str(), "csv"),
    };
    let failed = |e: &dyn std::fmt::Display| majlis_core::Error::Export(e.to_string());
    let folder = downloads::folder(&app).map_err(|e| failed(&e))?;
    let stem = format!("{} {what} {from} {to}", report.brand);
    let (path, mut file) =
        downloads::new_file(&folder, &stem, extension).map_err(|e| failed(&e))?;
    let text = match saved {
        Saved::Report => report.html(),
        Saved::Table(table) => format!("{BOM}{}", report.csv(table)?),
        Saved::Pdf => {
            drop(file);
            if let Err(e) = print(&app, report.html(), Destination::Pdf(&path)) {
                // No empty or half-written PDF is left behind in Downloads.
                let _ = std::fs::remove_file(&path);
                return Err(failed(&e).into());
            }
            return Ok(path.display().to_string());
        }
    };
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| failed(&e))?;
    Ok(path.display().to_string())
}

/// Opens the system's print dialog on the client report of the days `from`–`to`, and
/// returns when the person has printed or cancelled.
#[tauri::command(async)]
#[specta::specta]
pub fn insights_print(
    app: AppHandle,
    state: State<'_, AppState>,
    brand: BrandId,
    from: String,
    to: String,
    language: Language,
) -> Result<(), IpcError> {
    let report = gather(&state, brand, (&from, &to), language)?;
    print(&app, report.html(), Destination::Dialog)
        .map_err(|e| majlis_core::Error::Export(e.to_string()))?;
    Ok(())
}

fn gather(
    state: &AppState,
    brand: BrandId,
    days: (&str, &str),
    language: Language,
) -> Result<Report, IpcError> {
    asked(state, brand, days, |c, brand, period, now| {
        Report::gather(c, brand, period, language, now)
    })
}

/// Runs `insight` on `brand` and the days `from`–`to` (`YYYY-MM-DD`), as of now.
fn asked<T>(
    state: &AppState,
    brand: BrandId,
    (from, to): (&str, &str),
    insight: impl FnOnce(&Connection, &Brand, Period, Timestamp) -> majlis_core::Result<T>,
) -> Result<T, IpcError> {
    let period = Period::parse(from, to)?;
    Ok(state
        .store
        .read(|c| insight(c, &brands::get(c, brand)?, period, SystemClock.now()))?)
}
