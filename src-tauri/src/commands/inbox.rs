//! The inbox: listing and triaging interactions, answering them, and the brand's
//! reply policy and rules.

use majlis_core::brands::{self, BrandId};
use majlis_core::channels::{self, ChannelId};
use majlis_core::inbox::alerts::QuietHours;
use majlis_core::inbox::policy::ReplyPolicy;
use majlis_core::inbox::triage::Rule;
use majlis_core::inbox::{
    self, Detail, InboxFilter, InboxPage, Interaction, InteractionId, Kind, Priority, Status,
};
use majlis_core::length::Length;
use majlis_core::posts::RowProblem;
use majlis_core::settings::{self, QUIET_HOURS};
use majlis_core::time::{Clock, SystemClock, Timestamp};
use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::undo::{StepId, Undo};

/// Sent when the engine changed the inbox (new arrivals, a snooze ended): the window
/// reloads what it shows.
#[derive(Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct InboxChanged;

/// Sent when the person picks "Open inbox" on an overdue notification.
#[derive(Clone, Serialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct OpenInteraction {
    /// The brand to show.
    pub brand: BrandId,
    /// The interaction to open.
    pub interaction: InteractionId,
}

/// Sent when the number of overdue answers (every brand's) changes.
#[derive(Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct OverdueChanged(pub u32);

/// A page of the brand's inbox.
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_list(
    state: State<'_, AppState>,
    brand: BrandId,
    filter: InboxFilter,
    offset: u32,
    limit: u32,
) -> Result<InboxPage, IpcError> {
    let limit = limit.min(500);
    Ok(state
        .store
        .read(|c| inbox::list(c, brand, &filter, offset, limit, SystemClock.now()))?)
}

/// One interaction, marked read.
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_open(state: State<'_, AppState>, id: InteractionId) -> Result<Detail, IpcError> {
    Ok(state.store.write(|tx| {
        inbox::open(tx, id)?;
        inbox::detail(tx, id)
    })?)
}

/// Moves interactions to a status (open, replied, closed, spam, new), a step the
/// window can take back.
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_set_status(
    state: State<'_, AppState>,
    ids: Vec<InteractionId>,
    status: Status,
) -> Result<StepId, IpcError> {
    let step = state.write_inbox(|tx| inbox::set_status(tx, &ids, status, SystemClock.now()))?;
    Ok(state.journal.record(Undo::Triaged(step)))
}

/// Sets interactions aside until a time, a step the window can take back.
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_snooze(
    state: State<'_, AppState>,
    ids: Vec<InteractionId>,
    until: Timestamp,
) -> Result<StepId, IpcError> {
    let step = state.write_inbox(|tx| inbox::snooze(tx, &ids, until, SystemClock.now()))?;
    Ok(state.journal.record(Undo::Triaged(step)))
}

/// Gives interactions to someone (or to nobody).
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_assign(
    state: State<'_, AppState>,
    ids: Vec<InteractionId>,
    assignee: Option<String>,
) -> Result<(), IpcError> {
    state.write_inbox(|tx| inbox::assign(tx, &ids, assignee.as_deref()))?;
    Ok(())
}

/// Corrects an interaction's kind and priority (and so its deadline).
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_reclassify(
    state: State<'_, AppState>,
    id: InteractionId,
    kind: Kind,
    priority: Priority,
) -> Result<Interaction, IpcError> {
    Ok(state.write_inbox(|tx| {
        let brand = brands::get(tx, inbox::get(tx, id)?.brand_id)?;
        inbox::reclassify(tx, &brand, id, kind, priority)
    })?)
}

/// How long a reply is for the interaction's network, against its limit.
#[tauri::command(async)]
#[specta::specta]
pub fn reply_length(
    state: State<'_, AppState>,
    id: InteractionId,
    text: String,
) -> Result<Length, IpcError> {
    Ok(state.store.read(|c| {
        let item = inbox::get(c, id)?;
        Ok(channels::get(c, item.channel_id)?.measure(&text))
    })?)
}

/// Sends an answer through the interaction's network, as a reply in its thread.
#[tauri::command]
#[specta::specta]
pub async fn inbox_reply(
    state: State<'_, AppState>,
    id: InteractionId,
    text: String,
) -> Result<Detail, IpcError> {
    state.engine.reply(id, &text).await?;
    Ok(state.store.read(|c| inbox::detail(c, id))?)
}

/// Adds an interaction by hand (a comment from a network Majlis cannot read).
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_add(
    state: State<'_, AppState>,
    channel: ChannelId,
    author: String,
    text: String,
) -> Result<InteractionId, IpcError> {
    let now = SystemClock.now();
    let added = state.write_inbox(|tx| {
        let brand = brands::get(tx, channels::get(tx, channel)?.brand_id)?;
        inbox::receive(
            tx,
            &brand,
            &[inbox::manual(channel, &author, &text, now)?],
            now,
        )
    })?;
    added
        .first()
        .copied()
        .ok_or_else(|| IpcError::new("interaction_not_added", "nothing was added".into()))
}

/// What importing a file of interactions did: how many came in, or, when any row is
/// bad, nothing and every bad row.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InboxImport {
    /// Interactions that came in (rows already in the inbox are not counted).
    pub imported: u32,
    /// The rows that stopped the import, in line order.
    pub problems: Vec<RowProblem>,
}

/// Imports interactions from a CSV file's text into the brand's inbox on `channel`:
/// every row, or none.
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_import(
    state: State<'_, AppState>,
    channel: ChannelId,
    csv: String,
) -> Result<InboxImport, IpcError> {
    let imported = state.write_inbox(|tx| {
        let brand = brands::get(tx, channels::get(tx, channel)?.brand_id)?;
        inbox::import(tx, &brand, channel, csv.as_bytes(), SystemClock.now())
    });
    match imported {
        Ok(n) => Ok(InboxImport {
            imported: u32::try_from(n).unwrap_or(u32::MAX),
            problems: Vec::new(),
        }),
        Err(majlis_core::Error::ImportRejected(problems)) => Ok(InboxImport {
            imported: 0,
            problems,
        }),
        Err(e) => Err(e.into()),
    }
}

/// The brand's reply policy and triage rules, for Settings.
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_settings(
    state: State<'_, AppState>,
    brand: BrandId,
) -> Result<(ReplyPolicy, Vec<Rule>), IpcError> {
    Ok(state
        .store
        .read(|c| Ok((inbox::policy(c, brand)?, inbox::rules(c, brand)?)))?)
}

/// Replaces the brand's reply policy.
#[tauri::command(async)]
#[specta::specta]
pub fn reply_policy_set(
    state: State<'_, AppState>,
    brand: BrandId,
    policy: ReplyPolicy,
) -> Result<(), IpcError> {
    state.write_inbox(|tx| inbox::set_policy(tx, brand, &policy))?;
    Ok(())
}

/// Replaces the brand's triage rules.
#[tauri::command(async)]
#[specta::specta]
pub fn triage_rules_set(
    state: State<'_, AppState>,
    brand: BrandId,
    rules: Vec<Rule>,
) -> Result<(), IpcError> {
    state.write_inbox(|tx| inbox::set_rules(tx, brand, &rules))?;
    Ok(())
}

/// The hours in which the person wants no overdue notifications.
#[tauri::command(async)]
#[specta::specta]
pub fn quiet_hours_get(state: State<'_, AppState>) -> Result<Option<QuietHours>, IpcError> {
    Ok(state.store.read(|c| settings::get(c, &QUIET_HOURS))?)
}

/// Sets (or, with `None`, clears) the person's quiet hours.
#[tauri::command(async)]
#[specta::specta]
pub fn quiet_hours_set(
    state: State<'_, AppState>,
    quiet: Option<QuietHours>,
) -> Result<(), IpcError> {
    if let Some(q) = &quiet {
        q.validate()?;
    }
    state.write_inbox(|tx| settings::set(tx, &QUIET_HOURS, &quiet))?;
    Ok(())
}

/// How many answers are overdue: the brand's, for the sidebar's badge.
#[tauri::command(async)]
#[specta::specta]
pub fn inbox_overdue(state: State<'_, AppState>, brand: BrandId) -> Result<u32, IpcError> {
    Ok(state
        .store
        .read(|c| inbox::overdue_count(c, Some(brand), SystemClock.now()))?)
}
