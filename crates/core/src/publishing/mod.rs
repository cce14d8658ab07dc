//! The publisher's side of the store: which deliveries are due, claiming them so that
//! each is sent by one attempt at a time, recording what the network answered, and a
//! post's status following its deliveries.
//!
//! A delivery goes `pending → publishing → published | failed`; a transient failure
//! puts it back to `pending` with a `retry_at`; on a channel the person posts to by
//! hand it goes `pending → reminded → published` when they say it is done.
//!
//! Claims are the guard against sending twice: only the attempt whose id a delivery
//! holds may record its outcome, and a delivery found `publishing` when a publisher
//! starts was left by one that stopped mid-way (one publisher runs per data directory,
//! see the engine), so it is checked against the network before anything else.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::brands::BrandId;
use crate::channels::{ChannelId, ChannelKind};
pub use crate::posts::DeliveryId;
use crate::posts::{self, PostId, PostStatus};
use crate::time::Timestamp;
use crate::worded::Worded;
use crate::{Error, Result};

/// A delivery claimed for sending, with everything a connector needs to send it.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// The delivery.
    pub id: DeliveryId,
    /// The claim: only this attempt may record the outcome.
    pub attempt: String,
    /// Attempts so far, this one included.
    pub attempts: u32,
    /// The post, as planned.
    pub post: posts::Post,
    /// The account it goes out through.
    pub route: Route,
    /// What goes on the network.
    pub envelope: Envelope,
}

/// The account a message goes out through.
#[derive(Clone, Debug)]
pub struct Route {
    /// The channel.
    pub channel: ChannelId,
    /// Its network.
    pub kind: ChannelKind,
    /// Its per-network settings (service URL, where its secret is).
    pub settings: serde_json::Value,
    /// The account's handle.
    pub handle: Option<String>,
}

/// The route in a row's columns `first..first + 4`: a channel's id, kind, settings
/// (JSON) and handle.
pub(crate) fn route_at(r: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Route> {
    Ok(Route {
        channel: ChannelId(r.get(first)?),
        kind: r.get(first + 1)?,
        settings: serde_json::from_str(&r.get::<_, String>(first + 2)?).unwrap_or_default(),
        handle: r.get(first + 3)?,
    })
}

/// What a connector puts on the network: a post's delivery, or a reply.
#[derive(Clone, Debug)]
pub struct Envelope {
    /// Its idempotency key: the same for every attempt, unique, and shaped as an AT
    /// Protocol TID so that Bluesky can take it as the record key.
    pub key: String,
    /// The text (a delivery's variant or body, with the post's link).
    pub text: String,
    /// The language it is written in, as an ISO 639 code such as `ar`.
    pub language: String,
    /// The network's id of the post it answers (a Bluesky `at://` URI, a Mastodon
    /// status id), for a reply.
    pub reply_to: Option<String>,
    /// The post's link, for receivers that take it apart from the text (webhooks).
    pub link: Option<String>,
    /// When it was planned to go out.
    pub at: Option<Timestamp>,
}

/// What became of one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It is on the network.
    Published {
        /// The network's id for it.
        remote_id: String,
        /// Where people see it.
        remote_url: Option<String>,
    },
    /// The person was reminded to post it by hand.
    Reminded,
    /// It did not go out this time; try again at `at`.
    RetryAt {
        /// When to try again.
        at: Timestamp,
        /// Why it did not go out.
        error: Worded,
    },
    /// It will not go out without the person.
    Failed {
        /// Why, in words they can act on.
        error: Worded,
    },
    /// It did not go out, and nothing was tried that counts as an attempt (a stranded
    /// claim the network has no trace of): send it again now.
    Released,
}

/// Moves every occurrence of a scheduled series that is due by `now` out as a post of
/// its own, which then publishes like any other.
pub fn release_occurrences(tx: &Transaction<'_>, now: Timestamp) -> Result<usize> {
    let mut released = 0;
    for series in scheduled_series(tx)? {
        for occurrence in due_occurrences(&series, now) {
            posts::detach_occurrence(tx, series.id, occurrence, now)?;
            released += 1;
        }
    }
    Ok(released)
}

/// Holds every scheduled post that is later than its brand allows (it was due while
/// Majlis was not running): it waits for the person to publish, reschedule or cancel
/// it. Returns the posts held now.
pub fn hold_late(tx: &Transaction<'_>, now: Timestamp) -> Result<Vec<PostId>> {
    let mut stmt = tx.prepare_cached(
        "UPDATE posts SET held = 1
         WHERE status = 'scheduled' AND held = 0 AND repeat IS NULL AND at <= ?1
           AND at < ?1 - 60 * (SELECT b.hold_late_after FROM brands b WHERE b.id = posts.brand_id)
           AND EXISTS (SELECT 1 FROM deliveries d
                       WHERE d.post_id = posts.id AND d.status = 'pending' AND d.retry_at IS NULL)
         RETURNING id",
    )?;
    let held = stmt
        .query_map(params![now], |r| r.get(0).map(PostId))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(held)
}

/// Claims up to `limit` deliveries due by `now`, each for an attempt named after
/// `attempt_prefix` (the publisher's run), the delivery and its attempt count.
pub fn claim(
    tx: &Transaction<'_>,
    now: Timestamp,
    attempt_prefix: &str,
    limit: usize,
) -> Result<Vec<Outgoing>> {
    let due: Vec<(DeliveryId, PostId)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT d.id, d.post_id FROM posts p JOIN deliveries d ON d.post_id = p.id
             WHERE p.status = 'scheduled' AND p.held = 0 AND p.repeat IS NULL AND p.at <= ?1
               AND d.status = 'pending' AND coalesce(d.retry_at, 0) <= ?1
             ORDER BY p.at, d.id
             LIMIT ?2",
        )?;
        stmt.query_map(params![now, limit as i64], |r| {
            Ok((DeliveryId(r.get(0)?), PostId(r.get(1)?)))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    claim_each(tx, due, attempt_prefix)
}

/// Claims the deliveries of `post` still waiting to go, whatever its time and whatever
/// else is due: for a post that went out before Majlis knew of it (the sample brand's
/// past), whose outcome is recorded rather than sent.
pub fn claim_post(
    tx: &Transaction<'_>,
    post: PostId,
    attempt_prefix: &str,
) -> Result<Vec<Outgoing>> {
    let waiting: Vec<(DeliveryId, PostId)> = tx
        .prepare_cached(
            "SELECT id, post_id FROM deliveries WHERE post_id = ?1 AND status = 'pending' ORDER BY id",
        )?
        .query_map([post.0], |r| Ok((DeliveryId(r.get(0)?), PostId(r.get(1)?))))?
        .collect::<rusqlite::Result<_>>()?;
    claim_each(tx, waiting, attempt_prefix)
}

/// Marks each of `due` as being published by a new attempt, keyed for its network.
fn claim_each(
    tx: &Transaction<'_>,
    due: Vec<(DeliveryId, PostId)>,
    attempt_prefix: &str,
) -> Result<Vec<Outgoing>> {
    let mut claimed = Vec::with_capacity(due.len());
    let micros = now_micros();
    for ((id, post), n) in due.into_iter().zip(0..) {
        let attempt = format!("{attempt_prefix}-{}", id.0);
        // Distinct per delivery: a claim's deliveries differ in time, two claims' in
        // time by more than their size, and the clock part is the delivery's.
        let key = tid(micros + n, (id.0 % 1024) as u16);
        tx.execute(
            "UPDATE deliveries SET status = 'publishing', attempt_id = ?2 || '.' || (attempts + 1), retry_at = NULL,
                                   attempts = attempts + 1, key = coalesce(key, ?3)
             WHERE id = ?1",
            params![id.0, attempt, key],
        )?;
        claimed.push(outgoing(tx, id, post)?);
    }
    Ok(claimed)
}

/// The deliveries a stopped publisher left `publishing`: each must be checked against
/// its network before it is sent again.
pub fn stranded(conn: &Connection) -> Result<Vec<Outgoing>> {
    let ids: Vec<(DeliveryId, PostId)> = conn
        .prepare_cached(
            "SELECT id, post_id FROM deliveries WHERE status = 'publishing' ORDER BY id",
        )?
        .query_map([], |r| Ok((DeliveryId(r.get(0)?), PostId(r.get(1)?))))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter()
        .map(|(id, post)| outgoing(conn, id, post))
        .collect()
}

fn outgoing(conn: &Connection, id: DeliveryId, post: PostId) -> Result<Outgoing> {
    let post = posts::get(conn, post)?;
    let delivery = post
        .deliveries
        .iter()
        .find(|d| d.id == id)
        .ok_or(Error::NoSuchDelivery(id.0))?;
    let (channel, kind) = (delivery.channel_id, delivery.kind);
    let text = delivery.caption.clone();
    conn.prepare_cached(
        "SELECT d.key, d.attempt_id, d.attempts, c.settings, c.handle, b.locale
         FROM deliveries d JOIN channels c ON c.id = d.channel_id
                           JOIN brands b ON b.id = c.brand_id
         WHERE d.id = ?1",
    )?
    .query_row([id.0], |r| {
        Ok(Outgoing {
            id,
            attempt: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
            attempts: r.get(2)?,
            route: Route {
                channel,
                kind,
                settings: serde_json::from_str(&r.get::<_, String>(3)?).unwrap_or_default(),
                handle: r.get(4)?,
            },
            envelope: Envelope {
                key: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                text: text.clone(),
                language: language_of(&r.get::<_, String>(5)?),
                reply_to: None,
                link: post.link.clone(),
                at: post.at,
            },
            post: post.clone(),
        })
    })
    .optional()?
    .ok_or(Error::NoSuchDelivery(id.0))
}

/// Records what became of `attempt` of delivery `id`, and brings its post's status
/// along. Returns `false` (and changes nothing) when the delivery is no longer that
/// attempt's: another publisher took it over.
pub fn record(
    tx: &Transaction<'_>,
    id: DeliveryId,
    attempt: &str,
    outcome: &Outcome,
    now: Timestamp,
) -> Result<bool> {
    let changed = match outcome {
        Outcome::Published {
            remote_id,
            remote_url,
        } => tx.execute(
            "UPDATE deliveries SET status = 'published', remote_id = ?3, remote_url = ?4,
                                   published_at = ?5, last_error = NULL, attempt_id = NULL
             WHERE id = ?1 AND attempt_id = ?2 AND status = 'publishing'",
            params![id.0, attempt, remote_id, remote_url, now],
        )?,
        Outcome::Reminded => tx.execute(
            "UPDATE deliveries SET status = 'reminded', attempt_id = NULL
             WHERE id = ?1 AND attempt_id = ?2 AND status = 'publishing'",
            params![id.0, attempt],
        )?,
        Outcome::RetryAt { at, error } => tx.execute(
            "UPDATE deliveries SET status = 'pending', retry_at = ?3, last_error = ?4, attempt_id = NULL
             WHERE id = ?1 AND attempt_id = ?2 AND status = 'publishing'",
            params![id.0, attempt, at, error],
        )?,
        Outcome::Failed { error } => tx.execute(
            "UPDATE deliveries SET status = 'failed', last_error = ?3, attempt_id = NULL
             WHERE id = ?1 AND attempt_id = ?2 AND status = 'publishing'",
            params![id.0, attempt, error],
        )?,
        Outcome::Released => tx.execute(
            "UPDATE deliveries SET status = 'pending', attempts = max(attempts - 1, 0), attempt_id = NULL
             WHERE id = ?1 AND attempt_id = ?2 AND status = 'publishing'",
            params![id.0, attempt],
        )?,
    };
    if changed == 0 {
        return Ok(false);
    }
    roll_up(tx, id, now)?;
    Ok(true)
}

/// The person posted a reminded delivery by hand (with its address, if they have it).
pub fn mark_posted(
    tx: &Transaction<'_>,
    id: DeliveryId,
    url: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    let changed = tx.execute(
        "UPDATE deliveries SET status = 'published', remote_url = ?2, published_at = ?3
         WHERE id = ?1 AND status IN ('reminded', 'pending', 'failed')",
        params![id.0, url, now],
    )?;
    if changed == 0 {
        return Err(Error::NoSuchDelivery(id.0));
    }
    roll_up(tx, id, now)
}

/// A post's status follows its deliveries once the publisher has none left to send:
/// all out is `published`, some `partly_published`, none `failed`. A delivery the
/// person was reminded of keeps the post `scheduled` while nothing failed (it is only
/// waiting for them); beside a failure it does not hide it. Posting by hand later moves
/// the status on: a reminded one, from `failed` to `partly_published`; the failed one,
/// back to `scheduled` while reminders wait, or to `published` once all is out.
fn roll_up(tx: &Transaction<'_>, id: DeliveryId, now: Timestamp) -> Result<()> {
    let (post, sending, reminded, out, failed): (i64, i64, i64, i64, i64) = tx
        .prepare_cached(
            "SELECT post_id,
                    (SELECT count(*) FROM deliveries s WHERE s.post_id = d.post_id
                        AND s.status IN ('pending', 'publishing')),
                    (SELECT count(*) FROM deliveries s WHERE s.post_id = d.post_id AND s.status = 'reminded'),
                    (SELECT count(*) FROM deliveries s WHERE s.post_id = d.post_id AND s.status = 'published'),
                    (SELECT count(*) FROM deliveries s WHERE s.post_id = d.post_id AND s.status = 'failed')
             FROM deliveries d WHERE d.id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    let status = match (sending, reminded, out, failed) {
        (0, 0, _, 0) => PostStatus::Published,
        (0, _, 0, 1..) => PostStatus::Failed,
        (0, _, _, 1..) => PostStatus::PartlyPublished,
        // The failure was posted by hand: only the person's reminders are left.
        (0, 1.., _, 0) => PostStatus::Scheduled,
        _ => return Ok(()),
    };
    tx.execute(
        "UPDATE posts SET status = ?2, updated_at = ?3
         WHERE id = ?1 AND status IN ('scheduled', 'published', 'partly_published', 'failed')",
        params![post, status, now],
    )?;
    Ok(())
}

/// When the publisher next has something to do: the earliest due delivery, retry or
/// series occurrence; `None` when nothing is scheduled.
pub fn next_due(conn: &Connection) -> Result<Option<Timestamp>> {
    let single: Option<Timestamp> = conn
        .prepare_cached(
            "SELECT min(p.at) FROM posts p
             WHERE p.status = 'scheduled' AND p.held = 0 AND p.repeat IS NULL
               AND EXISTS (SELECT 1 FROM deliveries d
                           WHERE d.post_id = p.id AND d.status = 'pending' AND d.retry_at IS NULL)",
        )?
        .query_row([], |r| r.get(0))?;
    let retry: Option<Timestamp> = conn
        .prepare_cached(
            "SELECT min(d.retry_at) FROM deliveries d JOIN posts p ON p.id = d.post_id
             WHERE d.retry_at IS NOT NULL AND d.status = 'pending'
               AND p.status = 'scheduled' AND p.held = 0",
        )?
        .query_row([], |r| r.get(0))?;
    let series = scheduled_series(conn)?
        .iter()
        .filter_map(next_occurrence)
        .min();
    Ok([single, retry, series].into_iter().flatten().min())
}

/// Sends a held post now: its time becomes now, and the publisher takes it.
pub fn publish_now(tx: &Transaction<'_>, id: PostId, now: Timestamp) -> Result<posts::Post> {
    let changed = tx.execute(
        "UPDATE posts SET held = 0, at = ?2, updated_at = ?2 WHERE id = ?1 AND held = 1",
        params![id.0, now],
    )?;
    if changed == 0 {
        return Err(Error::PostNotHeld(id.0));
    }
    posts::get(tx, id)
}

/// The posts of `brand` held for the person's choice, oldest first.
pub fn held(conn: &Connection, brand: BrandId) -> Result<Vec<posts::Post>> {
    let ids: Vec<PostId> = conn
        .prepare_cached("SELECT id FROM posts WHERE brand_id = ?1 AND held = 1 AND status = 'scheduled' ORDER BY at, id")?
        .query_map([brand.0], |r| r.get(0).map(PostId))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| posts::get(conn, id)).collect()
}

fn scheduled_series(conn: &Connection) -> Result<Vec<posts::Post>> {
    let ids: Vec<PostId> = conn
        .prepare_cached("SELECT id FROM posts WHERE status = 'scheduled' AND repeat IS NOT NULL")?
        .query_map([], |r| r.get(0).map(PostId))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| posts::get(conn, id)).collect()
}

/// The series' occurrences still in it (not moved out) that are due by `now`.
fn due_occurrences(series: &posts::Post, now: Timestamp) -> Vec<chrono::NaiveDateTime> {
    let (Some(repeat), Some(first)) = (&series.repeat, series.at) else {
        return Vec::new();
    };
    let first = series.zone.local_of(first);
    let until = series.zone.local_of(now) + chrono::Duration::seconds(1);
    repeat.occurrences(series.zone, first, &series.skipped, first, until)
}

fn next_occurrence(series: &posts::Post) -> Option<Timestamp> {
    let (repeat, first) = (series.repeat.as_ref()?, series.at?);
    let first = series.zone.local_of(first);
    let horizon = first + chrono::Duration::days(366 * 20);
    let next = *repeat
        .occurrences(series.zone, first, &series.skipped, first, horizon)
        .first()?;
    series.zone.instant_of(next).ok()
}

fn now_micros() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64)
}

/// The language of a BCP 47 locale, as an ISO 639 code (`ar-SA` → `ar`).
pub fn language_of(locale: &str) -> String {
    locale
        .split('-')
        .next()
        .filter(|l| !l.is_empty())
        .unwrap_or("en")
        .to_ascii_lowercase()
}

/// A new [`tid`] for now, distinct from others made now by their `clock` ids.
pub fn fresh_tid(clock: u16) -> String {
    tid(now_micros(), clock)
}

/// When a [`tid`] was made, in microseconds since the epoch (a delivery's first claim).
pub fn tid_micros(tid: &str) -> Option<u64> {
    const ALPHABET: &[u8; 32] = b"234567abcdefghijklmnopqrstuvwxyz";
    if tid.len() != 13 {
        return None;
    }
    let mut value = 0u64;
    for byte in tid.bytes() {
        let digit = ALPHABET.iter().position(|&a| a == byte)?;
        value = (value << 5) | digit as u64;
    }
    Some(value >> 10)
}

/// An AT Protocol timestamp identifier: 53 bits of microseconds since the epoch and 10
/// bits of clock id, in base32-sortable (13 characters, ordered as their times).
pub fn tid(micros: u64, clock: u16) -> String {
    const ALPHABET: &[u8; 32] = b"234567abcdefghijklmnopqrstuvwxyz";
    let mut value = ((micros & ((1 << 53) - 1)) << 10) | u64::from(clock & 1023);
    let mut out = [0u8; 13];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(value & 31) as usize];
        value >>= 5;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

#[cfg(test)]
mod tests;
