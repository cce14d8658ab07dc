//! Responsiveness: how fast and how reliably the brand answers, overall and by
//! channel, kind and week, on the same clock as its deadlines (business hours when it
//! keeps them).
//!
//! - **Response rate**: of the messages that expected an answer (those with a
//!   deadline, that is not spam, and not closed by the person as needing none), the
//!   share that got one.
//! - **Response time**: the time from a message's arrival to its first answer,
//!   counted in business hours when the brand keeps them; median and 90th percentile
//!   (nearest rank) of the answered messages.
//! - **On time**: of the messages that expected an answer, the share answered by
//!   their deadline.

use std::collections::BTreeMap;

use chrono::{Datelike, Days};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::{Period, nearest_rank};
use crate::Result;
use crate::brands::Brand;
use crate::inbox::{self, Kind};
use crate::time::Timestamp;

/// Figures for a set of messages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ResponseStats {
    /// Messages received (spam left out).
    pub received: u32,
    /// Of those, the ones that expected an answer.
    pub expected: u32,
    /// Of those, the ones answered.
    pub answered: u32,
    /// Of those, the ones answered by their deadline.
    pub on_time: u32,
    /// Response rate, 0–1; `None` when nothing expected an answer.
    pub response_rate: Option<f64>,
    /// On-time rate, 0–1; `None` when nothing expected an answer.
    pub on_time_rate: Option<f64>,
    /// Median response time, seconds.
    pub median_seconds: Option<i64>,
    /// 90th percentile response time, seconds.
    pub p90_seconds: Option<i64>,
}

/// The figures for one channel, kind or week.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Slice {
    /// The channel's name, the kind's name, or the week's first day (a Monday).
    pub key: String,
    /// Its figures.
    pub stats: ResponseStats,
}

/// How well a brand answered in a period.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Responsiveness {
    /// The period.
    pub period: Period,
    /// Every message of the period.
    pub overall: ResponseStats,
    /// By channel, by name.
    pub by_channel: Vec<Slice>,
    /// By kind.
    pub by_kind: Vec<Slice>,
    /// By week (Monday to Sunday), in order.
    pub by_week: Vec<Slice>,
    /// Messages of the period still waiting for an answer now.
    pub open: u32,
    /// Of those, the ones past their deadline now.
    pub overdue: u32,
}

/// One message, as the figures need it.
struct Message {
    received: Timestamp,
    /// When its answer was due; `None`: none was expected.
    deadline: Option<Timestamp>,
    answered: Option<Timestamp>,
}

#[derive(Default)]
struct Tally {
    received: u32,
    expected: u32,
    on_time: u32,
    times: Vec<i64>,
}

impl Tally {
    fn add(&mut self, message: &Message, open_seconds: Option<i64>) {
        self.received += 1;
        if let Some(deadline) = message.deadline {
            self.expected += 1;
            if message.answered.is_some_and(|a| a <= deadline) {
                self.on_time += 1;
            }
            if let Some(seconds) = open_seconds {
                self.times.push(seconds);
            }
        }
    }

    fn stats(mut self) -> ResponseStats {
        self.times.sort_unstable();
        let answered = self.times.len() as u32;
        let rate = |n: u32| (self.expected > 0).then(|| f64::from(n) / f64::from(self.expected));
        ResponseStats {
            received: self.received,
            expected: self.expected,
            answered,
            on_time: self.on_time,
            response_rate: rate(answered),
            on_time_rate: rate(self.on_time),
            median_seconds: nearest_rank(&self.times, 0.5),
            p90_seconds: nearest_rank(&self.times, 0.9),
        }
    }
}

/// How well `brand` answered the messages it received in `period`, as of `now`.
#[tracing::instrument(skip_all, fields(brand = brand.id.0), err)]
pub fn responsiveness(
    conn: &Connection,
    brand: &Brand,
    period: Period,
    now: Timestamp,
) -> Result<Responsiveness> {
    let zone = brand.time_zone;
    let clock = inbox::policy(conn, brand.id)?.clock();
    let (start, end) = period.instants(zone);
    let mut overall = Tally::default();
    let mut by_channel: BTreeMap<i64, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut by_week: BTreeMap<chrono::NaiveDate, Tally> = BTreeMap::new();
    let (mut open, mut overdue) = (0, 0);
    let mut stmt = conn.prepare_cached(
        "SELECT i.received_at, i.deadline, i.first_response_at, i.kind, i.channel_id, i.status
         FROM interactions i
         WHERE i.brand_id = ?1 AND i.received_at >= ?2 AND i.received_at < ?3
           AND i.status <> 'spam'",
    )?;
    let mut rows = stmt.query(params![brand.id.0, start, end])?;
    while let Some(r) = rows.next()? {
        let status: inbox::Status = r.get(5)?;
        let answered: Option<Timestamp> = r.get(2)?;
        // Closed without an answer: the person judged none was needed.
        let unneeded = status == inbox::Status::Closed && answered.is_none();
        let message = Message {
            received: r.get(0)?,
            deadline: r.get::<_, Option<Timestamp>>(1)?.filter(|_| !unneeded),
            answered,
        };
        let kind: Kind = r.get(3)?;
        let channel: i64 = r.get(4)?;
        if status.is_waiting() {
            open += 1;
            if message.deadline.is_some_and(|d| d <= now) {
                overdue += 1;
            }
        }
        let seconds = message
            .answered
            .map(|a| clock.seconds(message.received, a, zone));
        let day = zone.local_of(message.received).date();
        let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
        for tally in [
            &mut overall,
            by_channel.entry(channel).or_default(),
            by_kind.entry(kind.as_str()).or_default(),
            by_week.entry(monday).or_default(),
        ] {
            tally.add(&message, seconds);
        }
    }
    let slices = |map: Vec<(String, Tally)>| {
        map.into_iter()
            .map(|(key, tally)| Slice {
                key,
                stats: tally.stats(),
            })
            .collect()
    };
    let names: std::collections::HashMap<i64, String> = conn
        .prepare_cached("SELECT id, name FROM channels WHERE brand_id = ?1")?
        .query_map([brand.id.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_channel: Vec<(String, Tally)> = by_channel
        .into_iter()
        .map(|(id, tally)| (names.get(&id).cloned().unwrap_or_default(), tally))
        .collect();
    by_channel.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Responsiveness {
        period,
        overall: overall.stats(),
        by_channel: slices(by_channel),
        by_kind: slices(
            by_kind
                .into_iter()
                .map(|(k, t)| (k.to_owned(), t))
                .collect(),
        ),
        by_week: slices(
            by_week
                .into_iter()
                .map(|(w, t)| (w.to_string(), t))
                .collect(),
        ),
        open,
        overdue,
    })
}
