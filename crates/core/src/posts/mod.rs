//! Posts: what a brand plans to say, and its delivery to each channel.

mod record;
mod status;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

pub use record::{DeliveryRecord, PostRecord};
pub use status::{DeliveryStatus, PostStatus};

use crate::brands::{Brand, BrandId};
use crate::categories::CategoryId;
use crate::channels::{ChannelId, ChannelKind};
use crate::length;
use crate::name::Name;
use crate::time::Timestamp;
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
    /// One per target channel.
    pub deliveries: Vec<Delivery>,
}

/// One post on one channel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    /// The channel.
    pub channel_id: ChannelId,
    /// The channel's name, for display.
    pub channel: Name,
    /// The channel's network.
    pub kind: ChannelKind,
    /// The channel's own text, when it differs from the body.
    pub text: Option<String>,
    /// Where it is.
    pub status: DeliveryStatus,
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
    /// Keep it as a draft instead of scheduling it.
    pub draft: bool,
}

/// Validates `new` and adds it for `brand`: as a draft, or on the schedule when every
/// channel's text fits and its time is still ahead of `now`.
pub fn create(tx: &Transaction<'_>, brand: &Brand, new: &NewPost, now: Timestamp) -> Result<Post> {
    let zone = match new.zone.as_deref() {
        Some(z) => z.parse()?,
        None => brand.time_zone,
    };
    let body = new.body.trim().to_owned();
    if body.is_empty() {
        return Err(Error::PostBodyEmpty);
    }
    let at = new.at.map(|local| zone.instant_of(local)).transpose()?;
    let channels = new
        .channels
        .iter()
        .map(|id| channel_of_brand(tx, brand.id, *id))
        .collect::<Result<Vec<_>>>()?;
    let status = if new.draft {
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
        for (_, name, kind) in &channels {
            let length = length::measure(*kind, &body);
            if let (true, Some(limit)) = (length.is_over(), length.limit) {
                return Err(Error::PostTooLong {
                    channel: name.to_string(),
                    used: length.used,
                    limit,
                });
            }
        }
        PostStatus::Scheduled
    };
    let link = new.link.as_deref().map(str::trim).filter(|l| !l.is_empty());
    let id: i64 = tx.query_row(
        "INSERT INTO posts (brand_id, body, link, category_id, status, at, zone, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id",
        params![brand.id.0, body, link, new.category.map(|c| c.0), status, at, zone, now],
        |r| r.get(0),
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO deliveries (post_id, channel_id, status) VALUES (?1, ?2, 'pending')",
    )?;
    for (channel, _, _) in &channels {
        insert.execute(params![id, channel.0])?;
    }
    get(tx, PostId(id))
}

/// Moves a dated post to `local` wall-clock time in `zone` (the calendar's drag and
/// drop), keeping the zone it was planned in. Only posts not yet out can move, and only
/// to a time ahead of `now`.
pub fn reschedule(
    tx: &Transaction<'_>,
    id: PostId,
    zone: Zone,
    local: NaiveDateTime,
    now: Timestamp,
) -> Result<Post> {
    let post = get(tx, id)?;
    if matches!(
        post.status,
        PostStatus::Published | PostStatus::PartlyPublished | PostStatus::Failed
    ) {
        return Err(Error::PostAlreadyOut(id.0));
    }
    let at = zone.instant_of(local)?;
    if at <= now && post.status != PostStatus::Draft {
        return Err(Error::PostTimeInPast { local });
    }
    tx.execute(
        "UPDATE posts SET at = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.0, at, now],
    )?;
    get(tx, id)
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
    let dated_only = filter.from.is_some() || filter.to.is_some();
    let from = filter.from.map_or(i64::MIN, Timestamp::unix);
    let to = filter.to.map_or(i64::MAX, Timestamp::unix);
    query(
        conn,
        "p.brand_id = ?1 AND ((p.at >= ?2 AND p.at < ?3) OR (p.at IS NULL AND NOT ?4))",
        params![brand.0, from, to, dated_only],
    )
}

/// One post, with its deliveries.
pub fn get(conn: &Connection, id: PostId) -> Result<Post> {
    query(conn, "p.id = ?1", params![id.0])?
        .pop()
        .ok_or(Error::PostNotFound(id.0))
}

/// Posts matching `condition`, each with its deliveries, from one query: a month of
/// posts costs one round trip, not one per post.
fn query(conn: &Connection, condition: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<Post>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.brand_id, p.body, p.link, p.category_id, p.status, p.at, p.zone, p.notes,
                d.channel_id, c.name, c.kind, d.text, d.status
         FROM posts p
         LEFT JOIN deliveries d ON d.post_id = p.id
         LEFT JOIN channels c ON c.id = d.channel_id
         WHERE {condition}
         ORDER BY p.at IS NULL, p.at, p.id, c.name_key"
    ))?;
    let mut rows = stmt.query(params)?;
    let mut posts: Vec<Post> = Vec::new();
    while let Some(r) = rows.next()? {
        let id = PostId(r.get(0)?);
        if posts.last().is_none_or(|p| p.id != id) {
            posts.push(Post {
                id,
                brand_id: BrandId(r.get(1)?),
                body: r.get(2)?,
                link: r.get(3)?,
                category_id: r.get::<_, Option<i64>>(4)?.map(CategoryId),
                status: r.get(5)?,
                at: r.get(6)?,
                zone: r.get(7)?,
                notes: r.get(8)?,
                deliveries: Vec::new(),
            });
        }
        if let (Some(channel), Some(post)) = (r.get::<_, Option<i64>>(9)?, posts.last_mut()) {
            post.deliveries.push(Delivery {
                channel_id: ChannelId(channel),
                channel: r.get(10)?,
                kind: r.get(11)?,
                text: r.get(12)?,
                status: r.get(13)?,
            });
        }
    }
    Ok(posts)
}

fn channel_of_brand(
    conn: &Connection,
    brand: BrandId,
    id: ChannelId,
) -> Result<(ChannelId, Name, ChannelKind)> {
    conn.prepare_cached("SELECT name, kind FROM channels WHERE id = ?1 AND brand_id = ?2")?
        .query_row(params![id.0, brand.0], |r| Ok((id, r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::ChannelNotFound(id.0))
}

#[cfg(test)]
mod tests;
