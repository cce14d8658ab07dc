//! The calendar and the composer.

use std::io::BufWriter;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{NaiveDate, NaiveDateTime};
use majlis_core::brands::{self, BrandId};
use majlis_core::calendar::{self, CalendarFilter, CalendarItem, MonthGrid, Upcoming};
use majlis_core::categories::{self, Category, CategoryId, Target};
use majlis_core::channels::{self, Channel, ChannelId, ChannelKind, NewChannel};
use majlis_core::length::{self, Length};
use majlis_core::media::{self, MediaFile};
use majlis_core::posts::csv::{CsvFormat, DateOrder};
use majlis_core::posts::{self, NewPost, Post, PostId, Preview};
use majlis_core::slots::{self, Slot};
use majlis_core::time::{Clock, SystemClock, Timestamp, parse_date};
use majlis_core::zone::Zone;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use crate::downloads;
use crate::error::IpcError;
use crate::state::AppState;
use crate::undo::{StepId, Undo};

/// The brand's posts on the local days `from` to `to` (exclusive), both `YYYY-MM-DD`,
/// that pass `filter`.
#[tauri::command(async)]
#[specta::specta]
pub fn calendar_items(
    state: State<'_, AppState>,
    brand: BrandId,
    from: String,
    to: String,
    filter: CalendarFilter,
) -> Result<Vec<CalendarItem>, IpcError> {
    let (from, to): (NaiveDate, NaiveDate) = (parse_date(&from)?, parse_date(&to)?);
    Ok(state
        .store
        .read(|c| calendar::items(c, &brands::get(c, brand)?, from, to, filter))?)
}

/// The month grid's posts on the local days `from` to `to` (exclusive) that pass
/// `filter`: at most `per_day` a day, and how many more each fuller day has.
#[tauri::command(async)]
#[specta::specta]
pub fn calendar_month(
    state: State<'_, AppState>,
    brand: BrandId,
    from: String,
    to: String,
    filter: CalendarFilter,
    per_day: u32,
) -> Result<MonthGrid, IpcError> {
    let (from, to): (NaiveDate, NaiveDate) = (parse_date(&from)?, parse_date(&to)?);
    let per_day = usize::try_from(per_day).unwrap_or(usize::MAX);
    Ok(state
        .store
        .read(|c| calendar::month_grid(c, &brands::get(c, brand)?, from, to, filter, per_day))?)
}

/// The queue panel's page: the first `limit` posts still to go out in the next `days`
/// days (from today in the brand's zone) that pass `filter`, and how many more there are.
#[tauri::command(async)]
#[specta::specta]
pub fn queue_upcoming(
    state: State<'_, AppState>,
    brand: BrandId,
    days: u32,
    filter: CalendarFilter,
    limit: u32,
) -> Result<Upcoming, IpcError> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(state.store.read(|c| {
        let brand = brands::get(c, brand)?;
        let today = brand.time_zone.local_of(SystemClock.now()).date();
        let end = today + chrono::Days::new(u64::from(days));
        calendar::upcoming(c, &brand, today, end, filter, limit)
    })?)
}

/// What the composer offers for a brand.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ComposerOptions {
    channels: Vec<Channel>,
    categories: Vec<Category>,
    networks: Vec<Network>,
}

/// A network a channel can be added for.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Network {
    kind: ChannelKind,
    /// Majlis publishes there itself; otherwise it reminds the person to post by hand.
    publishes_itself: bool,
    /// A link in a post's text can be opened there.
    links_open: bool,
    /// A post there must carry a picture.
    needs_picture: bool,
}

#[tauri::command(async)]
#[specta::specta]
pub fn composer_options(
    state: State<'_, AppState>,
    brand: BrandId,
) -> Result<ComposerOptions, IpcError> {
    Ok(state.store.read(|c| {
        Ok(ComposerOptions {
            channels: channels::list(c, brand)?,
            categories: categories::list(c, brand)?,
            networks: ChannelKind::ALL
                .into_iter()
                .map(|kind| Network {
                    kind,
                    publishes_itself: kind.publishes_itself(),
                    links_open: kind.links_open(),
                    needs_picture: kind.needs_picture(),
                })
                .collect(),
        })
    })?)
}

/// Adds a channel (an account the brand posts from).
#[tauri::command(async)]
#[specta::specta]
pub fn channel_create(
    state: State<'_, AppState>,
    brand: BrandId,
    input: NewChannel,
) -> Result<Channel, IpcError> {
    Ok(state.write_posts(|tx| channels::create(tx, brand, &input, SystemClock.now()))?)
}

/// A text's length on one channel.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ChannelLength {
    channel_id: ChannelId,
    length: Length,
}

/// A text as it goes out, and its length on each channel.
#[derive(Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Measured {
    /// The text with its link, as connectors send it (and the composer previews it).
    text: String,
    /// It holds a web address: the link, or one written in the text.
    links: bool,
    channels: Vec<ChannelLength>,
}

/// The composer's live counters and preview: `text`, with `link` as it goes out,
/// measured for each of the brand's channels.
#[tauri::command(async)]
#[specta::specta]
pub fn text_lengths(
    state: State<'_, AppState>,
    brand: BrandId,
    text: String,
    link: Option<String>,
) -> Result<Measured, IpcError> {
    let channels = state.store.read(|c| channels::list(c, brand))?;
    // Trimmed as the post is when saved: a repost's text starts with blank lines.
    let text = posts::with_link(text.trim(), link.as_deref()).into_owned();
    Ok(Measured {
        channels: channels
            .into_iter()
            .map(|c| ChannelLength {
                channel_id: c.id,
                length: c.measure(&text),
            })
            .collect(),
        links: link.as_deref().is_some_and(|l| !l.trim().is_empty()) || length::has_link(&text),
        text,
    })
}

/// Saves a draft, or schedules the post at its time.
#[tauri::command(async)]
#[specta::specta]
pub fn post_create(
    state: State<'_, AppState>,
    brand: BrandId,
    input: NewPost,
) -> Result<Post, IpcError> {
    Ok(state
        .write_posts(|tx| posts::create(tx, &brands::get(tx, brand)?, &input, SystemClock.now()))?)
}

/// "Add to queue": schedules the post at the brand's next free slot.
#[tauri::command(async)]
#[specta::specta]
pub fn post_queue(
    state: State<'_, AppState>,
    brand: BrandId,
    input: NewPost,
) -> Result<Post, IpcError> {
    Ok(state.write_posts(|tx| {
        slots::queue_post(tx, &brands::get(tx, brand)?, &input, SystemClock.now())
    })?)
}

/// Moves a post to `at`, wall-clock time in its brand's zone (the calendar's drag and drop).
#[tauri::command(async)]
#[specta::specta]
pub fn post_reschedule(
    state: State<'_, AppState>,
    id: PostId,
    at: NaiveDateTime,
) -> Result<StepId, IpcError> {
    let moved = state.write_posts(|tx| {
        let zone = brands::get(tx, posts::get(tx, id)?.brand_id)?.time_zone;
        posts::reschedule(tx, id, zone, at, SystemClock.now())
    })?;
    Ok(state.journal.record(Undo::Moved(moved)))
}

/// A CSV file to import, as the import dialog sends it.
#[derive(Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportFile {
    /// The file's text.
    csv: String,
    format: CsvFormat,
    date_order: DateOrder,
    /// Where rows that name no channel go.
    channels: Vec<ChannelId>,
}

/// What importing the file would do, without doing it.
#[tauri::command(async)]
#[specta::specta]
pub fn posts_import_preview(
    state: State<'_, AppState>,
    brand: BrandId,
    file: ImportFile,
) -> Result<Preview, IpcError> {
    Ok(state.store.read(|c| {
        let brand = brands::get(c, brand)?;
        posts::preview(
            c,
            &brand,
            file.csv.as_bytes(),
            file.format,
            file.date_order,
            &file.channels,
            SystemClock.now(),
        )
    })?)
}

/// Imports every row of the file, or none; returns how many posts were added.
#[tauri::command(async)]
#[specta::specta]
pub fn posts_import(
    state: State<'_, AppState>,
    brand: BrandId,
    file: ImportFile,
) -> Result<u32, IpcError> {
    let count = state.write_posts(|tx| {
        let brand = brands::get(tx, brand)?;
        posts::import(
            tx,
            &brand,
            file.csv.as_bytes(),
            file.format,
            file.date_order,
            &file.channels,
            SystemClock.now(),
        )
    })?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

#[tauri::command(async)]
#[specta::specta]
pub fn post_get(state: State<'_, AppState>, id: PostId) -> Result<Post, IpcError> {
    Ok(state.store.read(|c| posts::get(c, id))?)
}

/// Approves a post in review in the name of the person signed in to the computer.
#[tauri::command(async)]
#[specta::specta]
pub fn post_approve(state: State<'_, AppState>, id: PostId) -> Result<Post, IpcError> {
    let by = posts::reviewer();
    Ok(state.write_posts(|tx| posts::approve(tx, id, &by, SystemClock.now()))?)
}

/// Approves every post of `brand` waiting for approval whose time is ahead, if they are
/// still the `shown` many the reviewer saw; answers how many.
#[tauri::command(async)]
#[specta::specta]
pub fn posts_approve_all(
    state: State<'_, AppState>,
    brand: BrandId,
    shown: u32,
) -> Result<u32, IpcError> {
    let by = posts::reviewer();
    let approved = state
        .write_posts(|tx| posts::approve_all(tx, brand, Some(shown), &by, SystemClock.now()))?;
    Ok(u32::try_from(approved).unwrap_or(u32::MAX))
}

/// The first of `brand`'s posts waiting for approval, soonest first, and how many wait.
#[tauri::command(async)]
#[specta::specta]
pub fn posts_in_review(
    state: State<'_, AppState>,
    brand: BrandId,
    limit: u32,
) -> Result<posts::InReview, IpcError> {
    Ok(state
        .store
        .read(|c| posts::in_review(c, brand, limit, SystemClock.now()))?)
}

/// Sends a post in review back as a draft, with what should change (it may be blank).
#[tauri::command(async)]
#[specta::specta]
pub fn post_return_to_draft(
    state: State<'_, AppState>,
    id: PostId,
    change: String,
) -> Result<Post, IpcError> {
    let by = posts::reviewer();
    Ok(state.write_posts(|tx| posts::return_to_draft(tx, id, &change, &by, SystemClock.now()))?)
}

/// The brand's posting times, Monday first.
#[tauri::command(async)]
#[specta::specta]
pub fn slots_list(state: State<'_, AppState>, brand: BrandId) -> Result<Vec<Slot>, IpcError> {
    Ok(state.store.read(|c| slots::list(c, brand))?)
}

/// Saves the brand's whole posting schedule (the posting-times editor).
#[tauri::command(async)]
#[specta::specta]
pub fn slots_set(
    state: State<'_, AppState>,
    brand: BrandId,
    slots: Vec<Slot>,
) -> Result<Vec<Slot>, IpcError> {
    Ok(state.write_posts(|tx| slots::set(tx, brand, &slots))?)
}

/// The brand's next free queue slot, if it has slots and one is free (the queue panel
/// says where "Add to queue" would put a post).
#[tauri::command(async)]
#[specta::specta]
pub fn queue_next_slot(
    state: State<'_, AppState>,
    brand: BrandId,
) -> Result<Option<Timestamp>, IpcError> {
    let next = state
        .store
        .read(|c| slots::next_free(c, &brands::get(c, brand)?, SystemClock.now()));
    match next {
        Ok(at) => Ok(Some(at)),
        Err(majlis_core::Error::NoSlots | majlis_core::Error::QueueFull) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Replaces a post's text, channels, time and repeat rule (the composer, editing). With
/// an `occurrence`, that one occurrence of the series moves out and only it changes.
#[tauri::command(async)]
#[specta::specta]
pub fn post_update(
    state: State<'_, AppState>,
    id: PostId,
    occurrence: Option<NaiveDateTime>,
    input: NewPost,
) -> Result<Post, IpcError> {
    Ok(state.write_posts(|tx| {
        let now = SystemClock.now();
        let id = posts::one_or_occurrence(tx, id, occurrence, now)?;
        posts::update(tx, id, &input, now)
    })?)
}

/// Calls a post off (it stays in the history). With an `occurrence`, only that
/// occurrence of the series is called off, as a post of its own; the series goes on.
/// Taken back, that date is the series' again.
#[tauri::command(async)]
#[specta::specta]
pub fn post_cancel(
    state: State<'_, AppState>,
    id: PostId,
    occurrence: Option<NaiveDateTime>,
) -> Result<StepId, IpcError> {
    let undo = state.write_posts(|tx| {
        let now = SystemClock.now();
        let Some(occurrence) = occurrence else {
            return posts::cancel(tx, id, now).map(Undo::CalledOff);
        };
        let detached = posts::detach(tx, id, occurrence, now)?;
        posts::cancel(tx, detached.single, now)?;
        Ok(Undo::Detached(detached))
    })?;
    Ok(state.journal.record(undo))
}

/// The wall-clock time `at` in zone `from` read in zone `to` (the composer shows the
/// person's own time beside the brand's).
#[tauri::command(async)]
#[specta::specta]
pub fn time_in_zone(
    at: NaiveDateTime,
    from: String,
    to: String,
) -> Result<NaiveDateTime, IpcError> {
    let (from, to): (Zone, Zone) = (from.parse()?, to.parse()?);
    Ok(to.local_of(from.instant_of(at)?))
}

/// Moves one occurrence of a repeating post to `at` (wall-clock time in the brand's
/// zone) as a post of its own; the series keeps its other occurrences.
#[tauri::command(async)]
#[specta::specta]
pub fn post_move_occurrence(
    state: State<'_, AppState>,
    series: PostId,
    occurrence: NaiveDateTime,
    at: NaiveDateTime,
) -> Result<StepId, IpcError> {
    let detached = state.write_posts(|tx| {
        let now = SystemClock.now();
        let detached = posts::detach(tx, series, occurrence, now)?;
        let zone = brands::get(tx, posts::get(tx, series)?.brand_id)?.time_zone;
        posts::reschedule(tx, detached.single, zone, at, now)?;
        Ok(detached)
    })?;
    // Taken back, the date is the series' again.
    Ok(state.journal.record(Undo::Detached(detached)))
}

/// Sets the share of the brand's posts each category should have, all or none.
#[tauri::command(async)]
#[specta::specta]
pub fn category_set_targets(
    state: State<'_, AppState>,
    brand: BrandId,
    targets: Vec<(CategoryId, Target)>,
) -> Result<(), IpcError> {
    Ok(state.store.write(|tx| {
        targets.iter().try_for_each(|(category, target)| {
            categories::set_target(tx, brand, *category, *target)
        })
    })?)
}

/// What a brand's posts can be exported as.
#[derive(Clone, Copy, Debug, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Majlis CSV, which imports back.
    Csv,
    /// iCalendar, for any calendar app.
    Ics,
}

/// Exports every post of the brand into the person's Downloads folder, never over an
/// earlier file, and says where it went.
#[tauri::command(async)]
#[specta::specta]
pub fn posts_export(
    app: AppHandle,
    state: State<'_, AppState>,
    brand: BrandId,
    format: ExportFormat,
) -> Result<String, IpcError> {
    let failed = |e: std::io::Error| majlis_core::Error::Export(e.to_string());
    let folder = downloads::folder(&app).map_err(failed)?;
    let now = SystemClock.now();
    Ok(state.store.read(|c| {
        let brand = brands::get(c, brand)?;
        let stem = format!(
            "{} posts {}",
            brand.name,
            brand.time_zone.local_of(now).date()
        );
        let extension = match format {
            ExportFormat::Csv => "csv",
            ExportFormat::Ics => "ics",
        };
        let (path, file) = downloads::new_file(&folder, &stem, extension).map_err(failed)?;
        let output = BufWriter::new(file);
        match format {
            ExportFormat::Csv => posts::export_csv(c, &brand, output)?,
            ExportFormat::Ics => posts::export_ics(c, &brand, now, output)?,
        }
        Ok(path.display().to_string())
    })?)
}

/// Copies a picture the person chose into the data directory (`data` is its bytes in
/// base64; `name` its file name, for messages), ready to attach to a post.
#[tauri::command(async)]
#[specta::specta]
pub fn media_add(
    state: State<'_, AppState>,
    name: String,
    data: String,
) -> Result<MediaFile, IpcError> {
    let bytes = BASE64
        .decode(data.as_bytes())
        .map_err(|_| majlis_core::Error::UnsupportedMedia(name.clone()))?;
    Ok(media::store(state.data_dir.path(), &name, &bytes)?)
}

/// The largest picture shown whole as its own preview, when the window made none (a
/// picture added from the CLI, or the sample's).
const PREVIEW_BYTES: usize = 2 * 1024 * 1024;

/// A stored picture as a `data:` URL for the window to show, if it is small enough.
#[tauri::command(async)]
#[specta::specta]
pub fn media_preview(state: State<'_, AppState>, file: String) -> Result<Option<String>, IpcError> {
    let file = media::parse(&file)?;
    let bytes = media::bytes(state.data_dir.path(), &file)?;
    Ok((bytes.len() <= PREVIEW_BYTES)
        .then(|| format!("data:{};base64,{}", file.mime.mime(), BASE64.encode(&bytes))))
}
