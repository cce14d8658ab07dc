//! Posts: what a brand plans to say, and its delivery to each channel.

pub mod csv;
pub mod ics;
mod import;
mod record;
mod status;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDateTime;
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

pub use import::{Preview, PreviewRow, RowProblem, Why, import, preview};
pub use record::{DeliveryRecord, PostRecord};
pub use status::{DeliveryStatus, PostStatus};

use crate::brands::{Brand, BrandId};
use crate::categories::CategoryId;
use crate::channels::{ChannelId, ChannelKind};
use crate::media::{self, Media, NewMedia};
use crate::name::Name;
use crate::recurrence::Repeat;
use crate::time::Timestamp;
use crate::ugc::{UgcId, rights};
use crate::worded::Worded;
use crate::zone::Zone;
use crate::{Error, Result};

/// A post's row id.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct PostId(pub i64);

/// One message for a brand, planned for a time, going to one or more channels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Post {
    /// Row id.
    pub id: PostId,
    /// The brand it speaks for.
    pub brand_id: BrandId,
    /// The text, used on every channel without its own variant.
    pub body: String,
    /// An optional link to go with it.
    pub link: Option<String>,
    /// Its content pillar.
    pub category_id: Option<CategoryId>,
    /// Where it is in its life.
    pub status: PostStatus,
    /// When it goes out; `None` for an undated draft.
    pub at: Option<Timestamp>,
    /// The zone it was planned in (its wall-clock time is kept in this zone).
    pub zone: Zone,
    /// Internal notes, never published.
    pub notes: String,
    /// Who approved it, if it went through approval.
    pub approved_by: Option<String>,
    /// When it was approved.
    pub approved_at: Option<Timestamp>,
    /// Its repeat rule, when it is a series.
    pub repeat: Option<Repeat>,
    /// Occurrences of the series moved out as posts of their own (local times in `zone`).
    pub skipped: Vec<NaiveDateTime>,
    /// One per target channel.
    pub deliveries: Vec<Delivery>,
    /// Its pictures, in order.
    pub media: Vec<Media>,
    /// The followers' items it shares (their rights govern it).
    pub ugc: Vec<UgcId>,
}

/// A delivery's row id: the root of every idempotency key a connector derives.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct DeliveryId(pub i64);

/// One post on one channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    /// Row id.
    pub id: DeliveryId,
    /// The channel.
    pub channel_id: ChannelId,
    /// The channel's name, for display.
    pub channel: Name,
    /// The channel's network.
    pub kind: ChannelKind,
    /// Whether the channel is connected: a delivery failed on one that is not offers
    /// to connect it.
    pub connected: bool,
    /// The channel's own text, when it differs from the body.
    pub text: Option<String>,
    /// What goes out there: its own text or the body, with the post's link.
    pub caption: String,
    /// Where it is.
    pub status: DeliveryStatus,
    /// The network's id for it, once published.
    pub remote_id: Option<String>,
    /// Where people see it, once published.
    pub remote_url: Option<String>,
    /// Why the last attempt did not go out.
    pub last_error: Option<Worded>,
}

impl Post {
    /// Whether it has gone out, or begun to, anywhere: then its text, time and
    /// channels are history, and it can no longer be edited or moved.
    pub fn has_gone_out(&self) -> bool {
        self.status.is_out()
            || self.deliveries.iter().any(|d| {
                !matches!(
                    d.status,
                    DeliveryStatus::Pending | DeliveryStatus::Cancelled
                )
            })
    }
}

impl Delivery {
    /// The text that goes out on this channel.
    pub fn text_or<'a>(&'a self, body: &'a str) -> &'a str {
        self.text.as_deref().unwrap_or(body)
    }
}

/// A post as a person composes it, before validation.
#[derive(Clone, Debug, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewPost {
    /// Target channels of the brand.
    pub channels: Vec<ChannelId>,
    /// The text.
    pub body: String,
    /// An optional link.
    pub link: Option<String>,
    /// Its content pillar.
    pub category: Option<CategoryId>,
    /// Wall-clock time; required unless it is a draft.
    #[specta(type = Option<String>)]
    pub at: Option<NaiveDateTime>,
    /// The zone `at` is in; the brand's when absent.
    pub zone: Option<String>,
    /// What to do with it: keep it as a draft, send it for approval, or schedule it.
    pub intent: PostIntent,
    /// Repeat it by this RRULE (`FREQ=WEEKLY;BYDAY=FR;COUNT=8`), from its time.
    pub repeat: Option<String>,
    /// Channels that get their own text instead of the body.
    pub variants: Vec<Variant>,
    /// Internal notes for the team, never published.
    pub notes: String,
    /// Pictures, in order, each with its alt text.
    pub media: Vec<NewMedia>,
    /// Followers' content it shares (each needs its creator's permission unless it
    /// is a draft); an edit keeps the items a post already uses.
    #[serde(default)]
    pub ugc: Vec<UgcId>,
}

/// A channel's own text for a post (e.g. shorter for X, with hashtags for Instagram).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Variant {
    /// The channel.
    pub channel: ChannelId,
    /// Its text; blank means "use the body".
    pub text: String,
}

/// What the person wants done with a post they compose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PostIntent {
    /// Keep it as a draft: no time or channel needed, never published.
    Draft,
    /// Send it for approval: checked like a scheduled post, published only once approved.
    Review,
    /// Put it on the schedule.
    #[default]
    Schedule,
}

/// Validates `new` and adds it for `brand`: as a draft, or on the schedule when every
/// channel's text fits and its time is still ahead of `now`.
pub fn create(tx: &Transaction<'_>, brand: &Brand, new: &NewPost, now: Timestamp) -> Result<Post> {
    let channels = new
        .channels
        .iter()
        .map(|id| channel_of_brand(tx, brand.id, *id))
        .collect::<Result<Vec<_>>>()?;
    let checked = check(brand, new, &channels, now)?;
    rights::check_use(tx, &new.ugc, checked.at, new.intent)?;
    let id = insert(tx, brand.id, &checked, now)?;
    rights::attach(tx, id, &new.ugc, now)?;
    get(tx, id)
}

/// A post that passed every rule, ready to insert.
pub(crate) struct Checked {
    body: String,
    link: Option<String>,
    category: Option<CategoryId>,
    status: PostStatus,
    at: Option<Timestamp>,
    zone: Zone,
    repeat: Option<Repeat>,
    notes: String,
    media: Vec<Media>,
    /// Each target channel, with its own text when it has one.
    channels: Vec<(ChannelId, Option<String>)>,
}

/// The text as it goes out with its link: the link at the end, on a line of its own,
/// unless the text already has it. Lengths are counted on this, and connectors send it.
pub fn with_link<'a>(text: &'a str, link: Option<&str>) -> std::borrow::Cow<'a, str> {
    match link.map(str::trim).filter(|l| !l.is_empty()) {
        Some(link) if !text.contains(link) => format!("{}\n{link}", text.trim_end()).into(),
        _ => text.into(),
    }
}

/// A channel as the rules need it: its id, name (for messages) and network.
pub(crate) type TargetChannel = crate::channels::Channel;

/// Applies the rules of scheduling to `new` going to `channels` (already known to be
/// the brand's), without touching the database.
pub(crate) fn check(
    brand: &Brand,
    new: &NewPost,
    channels: &[TargetChannel],
    now: Timestamp,
) -> Result<Checked> {
    let zone = match new.zone.as_deref() {
        Some(z) => z.parse()?,
        None => brand.time_zone,
    };
    let body = new.body.trim().to_owned();
    if body.is_empty() {
        return Err(Error::PostBodyEmpty);
    }
    let at = new.at.map(|local| zone.instant_of(local)).transpose()?;
    let media = media::check(&new.media)?;
    let repeat = new
        .repeat
        .as_deref()
        .filter(|r| !r.trim().is_empty())
        .map(Repeat::parse)
        .transpose()?;
    if repeat.is_some() && at.is_none() {
        return Err(Error::PostTimeMissing);
    }
    let texts: Vec<(ChannelId, Option<String>)> = channels
        .iter()
        .map(|TargetChannel { id, .. }| {
            let own = new
                .variants
                .iter()
                .find(|v| v.channel == *id)
                .map(|v| v.text.trim())
                .filter(|text| !text.is_empty() && *text != body)
                .map(str::to_owned);
            (*id, own)
        })
        .collect();
    let status = if new.intent == PostIntent::Draft {
        PostStatus::Draft
    } else {
        let at = at.ok_or(Error::PostTimeMissing)?;
        if at <= now {
            return Err(Error::PostTimeInPast {
                local: zone.local_of(at),
            });
        }
        if channels.is_empty() {
            return Err(Error::PostChannelsMissing);
        }
        for (channel, (_, own)) in channels.iter().zip(&texts) {
            let (name, kind) = (&channel.name, channel.kind);
            if let Some(limit) = kind.max_pictures().filter(|limit| media.len() > *limit) {
                return Err(Error::TooManyMedia {
                    channel: name.to_string(),
                    count: media.len(),
                    limit,
                });
            }
            let text = with_link(own.as_deref().unwrap_or(&body), new.link.as_deref());
            let length = channel.measure(&text);
            if let (true, Some(limit)) = (length.is_over(), length.limit) {
                return Err(Error::PostTooLong {
                    channel: name.to_string(),
                    used: length.used,
                    limit,
                });
            }
        }
        if new.intent == PostIntent::Review {
            PostStatus::InReview
        } else {
            PostStatus::Scheduled
        }
    };
    Ok(Checked {
        body,
        link: new
            .link
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned),
        category: new.category,
        status,
        at,
        zone,
        repeat,
        notes: new.notes.trim().to_owned(),
        media,
        channels: texts,
    })
}

/// Inserts a checked post and its deliveries.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    brand: BrandId,
    post: &Checked,
    now: Timestamp,
) -> Result<PostId> {
    let id: i64 = tx
        .prepare_cached(
            "INSERT INTO posts (brand_id, body, link, category_id, status, at, zone, repeat, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id",
        )?
        .query_row(
            params![
                brand.0,
                post.body,
                post.link,
                post.category.map(|c| c.0),
                post.status,
                post.at,
                post.zone,
                post.repeat,
                post.notes,
                now
            ],
            |r| r.get(0),
        )?;
    insert_deliveries(tx, PostId(id), &post.channels)?;
    media::replace(tx, PostId(id), &post.media)?;
    Ok(PostId(id))
}

fn insert_deliveries(
    tx: &Transaction<'_>,
    post: PostId,
    channels: &[(ChannelId, Option<String>)],
) -> Result<()> {
    let mut delivery = tx.prepare_cached(
        "INSERT INTO deliveries (post_id, channel_id, text, status) VALUES (?1, ?2, ?3, 'pending')",
    )?;
    for (channel, text) in channels {
        delivery.execute(params![post.0, channel.0, text])?;
    }
    Ok(())
}

/// Replaces what a post says, where and when it goes, and how it repeats, with `new`
/// (the composer's edit), checked as strictly as a new post. Only a post that has not
/// gone out can change; a series changes as a whole. A change of content asks again
/// for any approval it had.
pub fn update(tx: &Transaction<'_>, id: PostId, new: &NewPost, now: Timestamp) -> Result<Post> {
    let post = get(tx, id)?;
    if post.has_gone_out() {
        return Err(Error::PostAlreadyOut(id.0));
    }
    let brand = crate::brands::get(tx, post.brand_id)?;
    let channels = new
        .channels
        .iter()
        .map(|channel| channel_of_brand(tx, brand.id, *channel))
        .collect::<Result<Vec<_>>>()?;
    let checked = check(&brand, new, &channels, now)?;
    let mut items = rights::of_post(tx, id)?;
    let added: Vec<UgcId> = new
        .ugc
        .iter()
        .copied()
        .filter(|u| !items.contains(u))
        .collect();
    items.extend(added);
    rights::check_use(tx, &items, checked.at, new.intent)?;
    tx.execute(
        "UPDATE posts SET body = ?2, link = ?3, category_id = ?4, status = ?5, at = ?6, zone = ?7,
                repeat = ?8, notes = ?9, approved_by = NULL, approved_at = NULL, updated_at = ?10,
                held = 0
         WHERE id = ?1",
        params![
            id.0,
            checked.body,
            checked.link,
            checked.category.map(|c| c.0),
            checked.status,
            checked.at,
            checked.zone,
            checked.repeat,
            checked.notes,
            now
        ],
    )?;
    tx.execute("DELETE FROM deliveries WHERE post_id = ?1", params![id.0])?;
    insert_deliveries(tx, id, &checked.channels)?;
    media::replace(tx, id, &checked.media)?;
    rights::attach(tx, id, &items, now)?;
    get(tx, id)
}

/// Approves a post in review, recording who and when. It goes on the schedule, or, if
/// its time passed while it waited, stays approved until it is given a new time.
pub fn approve(tx: &Transaction<'_>, id: PostId, by: &str, now: Timestamp) -> Result<Post> {
    let post = get(tx, id)?;
    if post.status != PostStatus::InReview {
        return Err(Error::PostNotInReview(id.0));
    }
    let status = if post.at.is_some_and(|at| at > now) {
        PostStatus::Scheduled
    } else {
        PostStatus::Approved
    };
    tx.execute(
        "UPDATE posts SET status = ?2, approved_by = ?3, approved_at = ?4, updated_at = ?4 WHERE id = ?1",
        params![id.0, status, by.trim(), now],
    )?;
    get(tx, id)
}

/// Approves every post of `brand` in review whose time is ahead (see [`approve`]);
/// answers how many. With `expected`, the number the reviewer was shown, nothing is
/// approved unless it is still that many: a post sent for approval since would go out
/// unseen. Posts whose time passed while they waited stay in review: each needs a new
/// time, and is opened alone.
pub fn approve_all(
    tx: &Transaction<'_>,
    brand: BrandId,
    expected: Option<u32>,
    by: &str,
    now: Timestamp,
) -> Result<usize> {
    let ids: Vec<PostId> = tx
        .prepare_cached(
            "SELECT id FROM posts WHERE brand_id = ?1 AND status = 'in_review' AND at > ?2",
        )?
        .query_map(params![brand.0, now], |r| r.get(0).map(PostId))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some(shown) = expected.filter(|shown| usize::try_from(*shown) != Ok(ids.len())) {
        return Err(Error::ApprovalsChanged {
            shown,
            found: ids.len(),
        });
    }
    for id in &ids {
        approve(tx, *id, by, now)?;
    }
    Ok(ids.len())
}

/// Who reviews from this computer (approves, asks for changes): the name the person
/// signed in with.
pub fn reviewer() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "—".into())
}

/// A brand's posts waiting for approval: the first few, soonest first, how many wait
/// in all, and how many of them missed their time while they waited. (A post in review
/// always has its time: it is checked like a schedule.)
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct InReview {
    /// The first posts.
    pub posts: Vec<Post>,
    /// How many wait.
    pub total: u32,
    /// How many of them have a time already past: approving one does not schedule it.
    pub late: u32,
}

/// The first `limit` posts of `brand` waiting for approval, and how many wait, at `now`.
pub fn in_review(
    conn: &Connection,
    brand: BrandId,
    limit: u32,
    now: Timestamp,
) -> Result<InReview> {
    let ids: Vec<PostId> = conn
        .prepare_cached(
            "SELECT id FROM posts WHERE brand_id = ?1 AND status = 'in_review'
             ORDER BY at, id LIMIT ?2",
        )?
        .query_map(params![brand.0, limit], |r| r.get(0).map(PostId))?
        .collect::<rusqlite::Result<_>>()?;
    let (total, late) = conn
        .prepare_cached(
            "SELECT count(*), count(*) FILTER (WHERE at <= ?2)
             FROM posts WHERE brand_id = ?1 AND status = 'in_review'",
        )?
        .query_row(params![brand.0, now], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(InReview {
        posts: ids
            .into_iter()
            .map(|id| get(conn, id))
            .collect::<Result<_>>()?,
        total,
        late,
    })
}

/// Sends a post in review back to its author as a draft (changes requested), with what
/// should change when the reviewer says: a line "{by}: {change}" added to its notes,
/// where the author reads them as they edit it.
pub fn return_to_draft(
    tx: &Transaction<'_>,
    id: PostId,
    change: &str,
    by: &str,
    now: Timestamp,
) -> Result<Post> {
    let post = get(tx, id)?;
    if post.status != PostStatus::InReview {
        return Err(Error::PostNotInReview(id.0));
    }
    let change = change.trim();
    let line = (!change.is_empty()).then(|| format!("{}: {change}", by.trim()));
    // A line added to the notes as a post held for its permission gets one
    // (`rights::hold_posts`).
    tx.execute(
        "UPDATE posts SET status = 'draft', updated_at = ?2,
             notes = CASE WHEN ?3 IS NULL THEN notes
                          WHEN notes = '' THEN ?3
                          ELSE notes || char(10) || ?3 END
         WHERE id = ?1",
        params![id.0, now, line],
    )?;
    get(tx, id)
}

/// A post [`cancel`] called off, and where it and its deliveries stood: what
/// [`uncancel`] puts back when the person takes the step back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalledOff {
    /// The post.
    pub post: PostId,
    /// Its status then.
    pub status: PostStatus,
    /// Each delivery's status then.
    pub deliveries: Vec<(DeliveryId, DeliveryStatus)>,
    /// When it was called off: any change since makes the step too old to take back.
    pub changed_at: Timestamp,
}

/// Whether post `id` was last changed at `at` (by the step being taken back).
fn unchanged_since(tx: &Transaction<'_>, id: PostId, at: Timestamp) -> Result<bool> {
    let updated: Timestamp =
        tx.query_row("SELECT updated_at FROM posts WHERE id = ?1", [id.0], |r| {
            r.get(0)
        })?;
    Ok(updated == at)
}

/// Calls a post off: it stays in the history as `cancelled`, with every delivery, and
/// is never published. A post that has gone out, or is going out this moment, cannot be
/// called back. Answers where the post stood, for [`uncancel`].
pub fn cancel(tx: &Transaction<'_>, id: PostId, now: Timestamp) -> Result<CalledOff> {
    let post = get(tx, id)?;
    if post.status.is_out() {
        return Err(Error::PostAlreadyOut(id.0));
    }
    if post
        .deliveries
        .iter()
        .any(|d| d.status == DeliveryStatus::Publishing)
    {
        return Err(Error::PostBeingSent(id.0));
    }
    tx.execute(
        "UPDATE posts SET status = 'cancelled', updated_at = ?2 WHERE id = ?1",
        params![id.0, now],
    )?;
    tx.execute(
        "UPDATE deliveries SET status = 'cancelled' WHERE post_id = ?1",
        params![id.0],
    )?;
    Ok(CalledOff {
        post: id,
        status: post.status,
        deliveries: post.deliveries.iter().map(|d| (d.id, d.status)).collect(),
        changed_at: now,
    })
}

/// Takes back [`cancel`]: the post and its deliveries as they were, if nothing changed
/// it since (a second cancelling found it cancelled: nothing to take back). Its
/// followers' items are checked again, as their permission may have ended since. Its
/// time may have passed meanwhile: then it is late, and goes out or waits as any late
/// post does.
pub fn uncancel(tx: &Transaction<'_>, called_off: &CalledOff, now: Timestamp) -> Result<Post> {
    let post = get(tx, called_off.post)?;
    let untouched = post.status == PostStatus::Cancelled
        && called_off.status != PostStatus::Cancelled
        && post
            .deliveries
            .iter()
            .all(|d| d.status == DeliveryStatus::Cancelled)
        && unchanged_since(tx, post.id, called_off.changed_at)?;
    if !untouched {
        return Err(Error::ChangedSince);
    }
    check_items_at(tx, &post, post.at, called_off.status)?;
    tx.execute(
        "UPDATE posts SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![post.id.0, called_off.status, now],
    )?;
    let mut delivery =
        tx.prepare_cached("UPDATE deliveries SET status = ?3 WHERE id = ?1 AND post_id = ?2")?;
    for (id, status) in &called_off.deliveries {
        delivery.execute(params![id.0, post.id.0, status])?;
    }
    get(tx, post.id)
}

/// Checks that `post`'s followers' items may go out at `at` as a post in `status`: a
/// draft may hold any; any other only those cleared past that time (see
/// [`rights::check_use`]). A post that moves or comes back is checked again, as a grant
/// ends at its own time. Moving a post back needs no check: a grant in force is never
/// given again (`can_become`), and whatever ends it holds its posts, which changes them,
/// and a changed post is not moved back.
fn check_items_at(
    tx: &Transaction<'_>,
    post: &Post,
    at: Option<Timestamp>,
    status: PostStatus,
) -> Result<()> {
    let intent = match status {
        PostStatus::Draft => PostIntent::Draft,
        _ => PostIntent::Schedule,
    };
    rights::check_use(tx, &post.ugc, at, intent)
}

/// Moves one occurrence of a series out as a post of its own (to edit or move it
/// alone): the series skips it from now on, and the new post is returned.
pub fn detach_occurrence(
    tx: &Transaction<'_>,
    series: PostId,
    occurrence: NaiveDateTime,
    now: Timestamp,
) -> Result<Post> {
    let post = get(tx, series)?;
    let repeat = post
        .repeat
        .as_ref()
        .ok_or(Error::PostNotASeries(series.0))?;
    let first = post
        .at
        .map(|at| post.zone.local_of(at))
        .ok_or(Error::PostNotASeries(series.0))?;
    let window_end = occurrence + chrono::Duration::seconds(1);
    if !repeat
        .occurrences(post.zone, first, &post.skipped, occurrence, window_end)
        .contains(&occurrence)
    {
        return Err(Error::NoSuchOccurrence(
            occurrence.format(crate::time::LOCAL_FORMAT).to_string(),
        ));
    }
    let mut skipped = post.skipped.clone();
    skipped.push(occurrence);
    tx.execute(
        "UPDATE posts SET skipped = ?2, updated_at = ?3 WHERE id = ?1",
        params![series.0, skipped_json(&skipped), now],
    )?;
    let single = Checked {
        body: post.body.clone(),
        link: post.link.clone(),
        category: post.category_id,
        status: post.status,
        at: Some(post.zone.instant_of_or_later(occurrence)),
        zone: post.zone,
        repeat: None,
        notes: post.notes.clone(),
        media: post.media.clone(),
        channels: post
            .deliveries
            .iter()
            .map(|d| (d.channel_id, d.text.clone()))
            .collect(),
    };
    let id = insert(tx, post.brand_id, &single, now)?;
    // The occurrence shares what the series shares, under the same permission.
    rights::attach(tx, id, &post.ugc, now)?;
    get(tx, id)
}

/// The post a change is about: `id` itself, or, when an `occurrence` of the series is
/// named, that occurrence moved out as a post of its own (so the change is its alone).
pub fn one_or_occurrence(
    tx: &Transaction<'_>,
    id: PostId,
    occurrence: Option<NaiveDateTime>,
    now: Timestamp,
) -> Result<PostId> {
    match occurrence {
        Some(occurrence) => Ok(detach_occurrence(tx, id, occurrence, now)?.id),
        None => Ok(id),
    }
}

/// A date of a series that a step moved out as a post of its own (dragged alone, or
/// called off alone): what [`rejoin`] puts back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detached {
    /// The series.
    pub series: PostId,
    /// The date, as the series planned it.
    pub occurrence: NaiveDateTime,
    /// The post of its own that date became.
    pub single: PostId,
    /// When the step was taken: any change since to either makes it too old to take back.
    pub changed_at: Timestamp,
}

/// [`detach_occurrence`] as a step the person may take back ([`rejoin`]).
pub fn detach(
    tx: &Transaction<'_>,
    series: PostId,
    occurrence: NaiveDateTime,
    now: Timestamp,
) -> Result<Detached> {
    let single = detach_occurrence(tx, series, occurrence, now)?;
    Ok(Detached {
        series,
        occurrence,
        single: single.id,
        changed_at: now,
    })
}

/// Takes back a step that moved a date out of its series: the post of its own it became
/// goes (it never was more than that date, and lived only until this Undo: its id may be
/// given again), and the series plans that date again, so a later change to the whole
/// series reaches it. Only if nothing changed either since (the publisher sending out
/// another of its dates counts), and the date has not gone out.
pub fn rejoin(tx: &Transaction<'_>, detached: &Detached, now: Timestamp) -> Result<Post> {
    let single = get(tx, detached.single)?;
    let series = get(tx, detached.series)?;
    let untouched = !single.has_gone_out()
        && series.skipped.contains(&detached.occurrence)
        && unchanged_since(tx, single.id, detached.changed_at)?
        && unchanged_since(tx, series.id, detached.changed_at)?;
    if !untouched {
        return Err(Error::ChangedSince);
    }
    rights::unattach(tx, single.id, &single.ugc, detached.changed_at)?;
    tx.execute("DELETE FROM posts WHERE id = ?1", [single.id.0])?;
    let skipped: Vec<NaiveDateTime> = series
        .skipped
        .iter()
        .copied()
        .filter(|date| *date != detached.occurrence)
        .collect();
    tx.execute(
        "UPDATE posts SET skipped = ?2, updated_at = ?3 WHERE id = ?1",
        params![series.id.0, skipped_json(&skipped), now],
    )?;
    get(tx, series.id)
}

fn skipped_from(json: &str) -> Vec<NaiveDateTime> {
    serde_json::from_str(json).unwrap_or_default()
}

fn skipped_json(skipped: &[NaiveDateTime]) -> String {
    serde_json::to_string(skipped).unwrap_or_else(|_| "[]".into())
}

/// A post [`reschedule`] moved, and where it was: what [`move_back`] puts back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    /// The post.
    pub post: PostId,
    /// Its time before.
    pub from: Option<Timestamp>,
    /// Its time after.
    pub to: Timestamp,
    /// Whether it was held for having missed its time.
    pub held: bool,
    /// When it was moved: any change since makes the step too old to take back.
    pub changed_at: Timestamp,
}

/// Moves a dated post to `local` wall-clock time in `zone` (the calendar's drag and
/// drop), keeping the zone it was planned in. Only posts not yet out can move, only to
/// a time ahead of `now`, and a repost only within its permission.
pub fn reschedule(
    tx: &Transaction<'_>,
    id: PostId,
    zone: Zone,
    local: NaiveDateTime,
    now: Timestamp,
) -> Result<Moved> {
    let post = get(tx, id)?;
    if post.has_gone_out() {
        return Err(Error::PostAlreadyOut(id.0));
    }
    let at = zone.instant_of(local)?;
    if at <= now && post.status != PostStatus::Draft {
        return Err(Error::PostTimeInPast { local });
    }
    check_items_at(tx, &post, Some(at), post.status)?;
    let held = tx.query_row("SELECT held FROM posts WHERE id = ?1", [id.0], |r| r.get(0))?;
    tx.execute(
        // A post held for having missed its time is the person's to move: moved, it
        // goes out at its new time.
        "UPDATE posts SET at = ?2, updated_at = ?3, held = 0 WHERE id = ?1",
        params![id.0, at, now],
    )?;
    Ok(Moved {
        post: id,
        from: post.at,
        to: at,
        held,
        changed_at: now,
    })
}

/// Takes back [`reschedule`]: the post at its time before, held again if it was, if
/// nothing changed it since. Its old time may have passed meanwhile: a post held, or
/// not to be published, waits as before; one on the schedule goes out as any late
/// post does.
pub fn move_back(tx: &Transaction<'_>, moved: &Moved, now: Timestamp) -> Result<Post> {
    let id = moved.post;
    let post = get(tx, id)?;
    if post.has_gone_out()
        || post.at != Some(moved.to)
        || !unchanged_since(tx, id, moved.changed_at)?
    {
        return Err(Error::ChangedSince);
    }
    tx.execute(
        "UPDATE posts SET at = ?2, updated_at = ?3, held = ?4 WHERE id = ?1",
        params![id.0, moved.from, now, moved.held],
    )?;
    get(tx, id)
}

/// Writes every post of `brand` as Majlis CSV (see [`csv`]).
pub fn export_csv(conn: &Connection, brand: &Brand, output: impl std::io::Write) -> Result<()> {
    let categories = crate::categories::list(conn, brand.id)?;
    let language = crate::settings::current_language(conn)?;
    let records: Vec<PostRecord> = list(conn, brand.id, PostFilter::default())?
        .iter()
        .map(|p| PostRecord::of(p, &categories, language))
        .collect();
    csv::write(output, &records)
}

/// Writes every post of `brand` as an iCalendar file (see [`ics`]).
pub fn export_ics(
    conn: &Connection,
    brand: &Brand,
    now: Timestamp,
    mut output: impl std::io::Write,
) -> Result<()> {
    let all = list(conn, brand.id, PostFilter::default())?;
    output
        .write_all(ics::calendar(brand.name.as_str(), &all, now).as_bytes())
        .and_then(|()| output.flush())
        .map_err(|e| Error::Export(e.to_string()))
}

/// Which posts to list: a window of time, or every post when both ends are open.
#[derive(Clone, Copy, Debug, Default)]
pub struct PostFilter {
    /// Only posts at or after this instant (undated drafts are left out).
    pub from: Option<Timestamp>,
    /// Only posts before this instant (undated drafts are left out).
    pub to: Option<Timestamp>,
}

/// A brand's posts matching `filter`, in time order, undated drafts last.
pub fn list(conn: &Connection, brand: BrandId, filter: PostFilter) -> Result<Vec<Post>> {
    if filter.from.is_none() && filter.to.is_none() {
        return query(
            conn,
            "p.brand_id = ?1",
            "p.at IS NULL, p.at, p.id",
            params![brand.0],
        );
    }
    // A plain range on (brand_id, at), in index order: SQLite walks the month's posts
    // and sorts nothing.
    let from = filter.from.map_or(i64::MIN, Timestamp::unix);
    let to = filter.to.map_or(i64::MAX, Timestamp::unix);
    query(
        conn,
        "p.brand_id = ?1 AND p.at >= ?2 AND p.at < ?3",
        "p.at, p.id",
        params![brand.0, from, to],
    )
}

/// One post, with its deliveries.
pub fn get(conn: &Connection, id: PostId) -> Result<Post> {
    query(conn, "p.id = ?1", "p.id", params![id.0])?
        .pop()
        .ok_or(Error::PostNotFound(id.0))
}

/// Posts matching `condition`, each with its deliveries, from one query: a month of
/// posts costs one round trip, not one per post. `order` must keep a post's rows
/// together (it ends with `p.id`).
fn query(
    conn: &Connection,
    condition: &str,
    order: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Post>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.brand_id, p.body, p.link, p.category_id, p.status, p.at, p.zone, p.notes,
                d.channel_id, c.name, c.kind, d.text, d.status, p.approved_by, p.approved_at,
                p.repeat, p.skipped, d.id, d.remote_id, d.remote_url, d.last_error
         FROM posts p
         LEFT JOIN deliveries d ON d.post_id = p.id
         LEFT JOIN channels c ON c.id = d.channel_id
         WHERE {condition}
         ORDER BY {order}"
    ))?;
    let mut rows = stmt.query(params)?;
    let mut posts: Vec<Post> = Vec::new();
    // A brand has a handful of channels and almost always one zone: decode each once.
    let mut channels: HashMap<i64, (Name, ChannelKind, bool)> = HashMap::new();
    let mut zone: Option<(String, Zone)> = None;
    while let Some(r) = rows.next()? {
        let id = PostId(r.get(0)?);
        if posts.last().is_none_or(|p| p.id != id) {
            let zone_name = match r.get_ref(7)? {
                rusqlite::types::ValueRef::Text(name) => name,
                _ => b"",
            };
            let post_zone = match &zone {
                Some((name, z)) if name.as_bytes() == zone_name => *z,
                _ => {
                    let z: Zone = r.get(7)?;
                    zone = Some((z.to_string(), z));
                    z
                }
            };
            posts.push(Post {
                id,
                brand_id: BrandId(r.get(1)?),
                body: r.get(2)?,
                link: r.get(3)?,
                category_id: r.get::<_, Option<i64>>(4)?.map(CategoryId),
                status: r.get(5)?,
                at: r.get(6)?,
                zone: post_zone,
                notes: r.get(8)?,
                approved_by: r.get(14)?,
                approved_at: r.get(15)?,
                repeat: r.get(16)?,
                skipped: skipped_from(&r.get::<_, String>(17)?),
                deliveries: Vec::new(),
                media: Vec::new(),
                ugc: Vec::new(),
            });
        }
        let Some(channel) = r.get::<_, Option<i64>>(9)? else {
            continue;
        };
        let (name, kind, connected) = match channels.entry(channel) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(new) => new.insert((
                r.get(10)?,
                r.get(11)?,
                crate::channels::get(conn, ChannelId(channel))?.is_connected(),
            )),
        };
        let delivery = Delivery {
            id: DeliveryId(r.get(18)?),
            channel_id: ChannelId(channel),
            channel: name.clone(),
            kind: *kind,
            connected: *connected,
            text: r.get(12)?,
            caption: String::new(),
            status: r.get(13)?,
            remote_id: r.get(19)?,
            remote_url: r.get(20)?,
            last_error: r.get(21)?,
        };
        if let Some(post) = posts.last_mut() {
            post.deliveries.push(delivery);
        }
    }
    // Deliveries in channel-name order, without asking SQLite to sort every row.
    for post in &mut posts {
        for d in &mut post.deliveries {
            d.caption = with_link(d.text_or(&post.body), post.link.as_deref()).into_owned();
        }
        post.deliveries.sort_by(|a, b| {
            channels[&a.channel_id.0]
                .2
                .cmp(&channels[&b.channel_id.0].2)
        });
    }
    // Pictures from a second query on the same condition: most posts have none.
    let index: HashMap<PostId, usize> = posts.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    for (post, picture) in media::of_posts(conn, condition, params)? {
        if let Some(&i) = index.get(&post) {
            posts[i].media.push(picture);
        }
    }
    // And the followers' items they share, likewise.
    for (post, item) in rights::of_posts(conn, condition, params)? {
        if let Some(&i) = index.get(&post) {
            posts[i].ugc.push(item);
        }
    }
    Ok(posts)
}

fn channel_of_brand(conn: &Connection, brand: BrandId, id: ChannelId) -> Result<TargetChannel> {
    crate::channels::get(conn, id)
        .ok()
        .filter(|c| c.brand_id == brand)
        .ok_or(Error::ChannelNotFound(id.0))
}

#[cfg(test)]
pub(crate) mod tests;
