//! The queue: a brand's weekly posting times, like Buffer's posting schedule.
//!
//! Slots are wall-clock times in the brand's zone, so "Tuesday 09:00" stays 09:00 for
//! the brand's followers on both sides of a DST change.

use chrono::{Datelike, Days, NaiveTime, Timelike, Weekday};
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::brands::Brand;
use crate::brands::BrandId;
use crate::posts::{self, NewPost, Post, PostIntent};
use crate::time::Timestamp;
use crate::{Error, Result};

/// How far ahead the queue looks for a free slot before giving up.
const HORIZON_DAYS: u64 = 366;

/// One weekly posting time.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub struct Slot {
    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// Minutes after local midnight.
    pub minute: u16,
}

impl Slot {
    /// The slot at `time` on `weekday`.
    pub fn new(weekday: Weekday, time: NaiveTime) -> Self {
        let minute = u16::try_from(time.hour() * 60 + time.minute()).unwrap_or(0);
        Slot {
            weekday: u8::try_from(weekday.num_days_from_monday()).unwrap_or(0),
            minute,
        }
    }

    /// Its day of the week.
    pub fn day(self) -> Weekday {
        Weekday::try_from(self.weekday).unwrap_or(Weekday::Mon)
    }

    /// Its wall-clock time.
    pub fn time(self) -> NaiveTime {
        NaiveTime::from_hms_opt(u32::from(self.minute / 60), u32::from(self.minute % 60), 0)
            .unwrap_or(NaiveTime::MIN)
    }
}

/// Adds a slot to the brand's schedule (adding one that exists changes nothing).
pub fn add(tx: &Transaction<'_>, brand: BrandId, slot: Slot) -> Result<()> {
    if slot.weekday > 6 || slot.minute >= 24 * 60 {
        return Err(Error::InvalidSlot);
    }
    tx.execute(
        "INSERT INTO slots (brand_id, weekday, minute) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        params![brand.0, slot.weekday, slot.minute],
    )?;
    Ok(())
}

/// Takes a slot off the brand's schedule (posts already in it stay where they are).
pub fn remove(tx: &Transaction<'_>, brand: BrandId, slot: Slot) -> Result<()> {
    tx.execute(
        "DELETE FROM slots WHERE brand_id = ?1 AND weekday = ?2 AND minute = ?3",
        params![brand.0, slot.weekday, slot.minute],
    )?;
    Ok(())
}

/// Makes `slots` the brand's whole schedule (the posting-times editor saves this way).
pub fn set(tx: &Transaction<'_>, brand: BrandId, slots: &[Slot]) -> Result<Vec<Slot>> {
    tx.execute("DELETE FROM slots WHERE brand_id = ?1", params![brand.0])?;
    for slot in slots {
        add(tx, brand, *slot)?;
    }
    list(tx, brand)
}

/// The brand's schedule, Monday first, in time order.
pub fn list(conn: &Connection, brand: BrandId) -> Result<Vec<Slot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT weekday, minute FROM slots WHERE brand_id = ?1 ORDER BY weekday, minute",
    )?;
    let slots = stmt
        .query_map([brand.0], |r| {
            Ok(Slot {
                weekday: r.get(0)?,
                minute: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(slots)
}

/// The first slot after `after` that no live post of the brand already takes.
pub fn next_free(conn: &Connection, brand: &Brand, after: Timestamp) -> Result<Timestamp> {
    let slots = list(conn, brand.id)?;
    if slots.is_empty() {
        return Err(Error::NoSlots);
    }
    let mut taken = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM posts WHERE brand_id = ?1 AND at = ?2 AND status <> 'cancelled')",
    )?;
    let first_day = brand.time_zone.local_of(after).date();
    for day in (0..HORIZON_DAYS).filter_map(|n| first_day.checked_add_days(Days::new(n))) {
        let weekday = u8::try_from(day.weekday().num_days_from_monday()).unwrap_or(0);
        for slot in slots.iter().filter(|s| s.weekday == weekday) {
            let at = brand
                .time_zone
                .instant_of_or_later(day.and_time(slot.time()));
            if at > after && !taken.query_row(params![brand.id.0, at], |r| r.get::<_, bool>(0))? {
                return Ok(at);
            }
        }
    }
    Err(Error::QueueFull)
}

/// "Add to queue": schedules `new` at the brand's next free slot after `now`.
pub fn queue_post(
    tx: &Transaction<'_>,
    brand: &Brand,
    new: &NewPost,
    now: Timestamp,
) -> Result<Post> {
    let at = next_free(tx, brand, now)?;
    let queued = NewPost {
        at: Some(brand.time_zone.local_of(at)),
        zone: Some(brand.time_zone.to_string()),
        intent: PostIntent::Schedule,
        ..new.clone()
    };
    posts::create(tx, brand, &queued, now)
}

#[cfg(test)]
mod tests;
