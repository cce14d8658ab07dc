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

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::volume::Series;
use super::{Period, monday};
use crate::Result;
use crate::brands::Brand;
use crate::inbox::policy::{BusinessHours, OpenClock, ReplyPolicy};
use crate::inbox::{self, Kind};
use crate::time::Timestamp;
use crate::zone::Zone;

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
    /// By week (Monday to Sunday), every week the period touches, in order.
    pub by_week: Vec<Slice>,
    /// How many messages of each kind came in, week by week (the weeks of `by_week`);
    /// the kinds that came, the most first.
    pub kinds_by_week: Vec<Series>,
    /// Messages of the period still waiting for an answer now.
    pub open: u32,
    /// Of those, the ones past their deadline now.
    pub overdue: u32,
}

/// Every kind, in the order of their discriminants (`kind as usize` indexes it).
const KINDS: [Kind; 7] = [
    Kind::Question,
    Kind::Complaint,
    Kind::Praise,
    Kind::Feedback,
    Kind::Ugc,
    Kind::Spam,
    Kind::Other,
];

/// One message, as the figures need it.
struct Message {
    /// When its answer was due; `None`: none was expected.
    deadline: Option<i64>,
    answered: Option<i64>,
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
        let answered = self.times.len() as u32;
        let rate = |n: u32| (self.expected > 0).then(|| f64::from(n) / f64::from(self.expected));
        // The nearest ranks picked out in place: the same values as sorting first.
        let p90_seconds = ranked(&mut self.times, 0.9);
        let median_seconds = ranked(&mut self.times, 0.5);
        ResponseStats {
            received: self.received,
            expected: self.expected,
            answered,
            on_time: self.on_time,
            response_rate: rate(answered),
            on_time_rate: rate(self.on_time),
            median_seconds,
            p90_seconds,
        }
    }
}

/// [`super::nearest_rank`] of `values` once sorted, found without sorting them all.
fn ranked(values: &mut [i64], p: f64) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let rank = (p * values.len() as f64).ceil() as usize;
    let at = rank.clamp(1, values.len()) - 1;
    Some(*values.select_nth_unstable(at).1)
}

/// A local day of the brand as the figures read it.
struct Day {
    /// Its first instant, and the next day's.
    start: i64,
    end: i64,
    /// Whether its wall clock runs evenly from 00:00 to 24:00 (one UTC offset all
    /// day), so that every instant from `start` to `end` falls on it.
    plain: bool,
    /// Its business hours (opening and closing instants) when it is an open day.
    window: Option<(i64, i64)>,
    /// The Monday of its week.
    monday: NaiveDate,
}

/// The brand's calendar for the figures: each day's bounds, week and business hours
/// read from the zone once, instead of once or more per message. Instants outside it,
/// and days that daylight saving makes uneven, are read from the zone as before.
pub(super) struct Calendar {
    zone: Zone,
    clock: OpenClock,
    /// The business hours are kept: the clock runs only in each day's window.
    hours: bool,
    days: Vec<Day>,
}

impl Calendar {
    /// The days from `from` to `to`, both included.
    pub(super) fn new(zone: Zone, policy: &ReplyPolicy, from: NaiveDate, to: NaiveDate) -> Self {
        let clock = policy.clock();
        let window = policy.business_hours.as_ref().and_then(window);
        let midnight = |day: NaiveDate| zone.instant_of_or_later(day.and_time(NaiveTime::MIN));
        let offset = |t: i64| {
            Timestamp::from_unix(t).map_or(i64::MIN, |t| {
                zone.local_of(t).and_utc().timestamp() - t.unix()
            })
        };
        let mut days = Vec::new();
        let mut day = from;
        let mut start = midnight(day);
        while day <= to {
            let Some(next) = day.succ_opt() else { break };
            let end = midnight(next);
            let last = end.unix() - 1;
            let plain = zone.local_of(start) == day.and_time(NaiveTime::MIN)
                && end.unix() - start.unix() == 86_400
                && offset(start.unix()) == offset(last);
            let window = window.as_ref().and_then(|(opens, closes, open_days)| {
                open_days.contains(&day.weekday()).then(|| {
                    (
                        zone.instant_of_or_later(day.and_time(*opens)).unix(),
                        zone.instant_of_or_later(day.and_time(*closes)).unix(),
                    )
                })
            });
            days.push(Day {
                start: start.unix(),
                end: end.unix(),
                plain,
                window,
                monday: monday(day),
            });
            day = next;
            start = end;
        }
        Self {
            zone,
            clock,
            hours: window.is_some(),
            days,
        }
    }

    /// The day `t` falls on, when it is a plain day of the calendar.
    fn day(&self, t: i64) -> Option<usize> {
        let first = self.days.first()?;
        let last = self.days.len() - 1;
        let mut k = usize::try_from((t - first.start).div_euclid(86_400))
            .unwrap_or(0)
            .min(last);
        while k > 0 && t < self.days[k].start {
            k -= 1;
        }
        while k < last && t >= self.days[k].end {
            k += 1;
        }
        let day = &self.days[k];
        (day.plain && day.start <= t && t < day.end).then_some(k)
    }

    /// The Monday of the week `t` falls in.
    pub(super) fn week(&self, t: i64) -> NaiveDate {
        match (self.day(t), Timestamp::from_unix(t)) {
            (Some(k), _) => self.days[k].monday,
            (None, Some(t)) => monday(self.zone.local_of(t).date()),
            (None, None) => NaiveDate::MIN,
        }
    }

    /// The open seconds between `start` and `end`, as [`OpenClock::seconds`] counts
    /// them.
    pub(super) fn seconds(&self, start: i64, end: i64) -> i64 {
        if !self.hours {
            return (end - start).max(0);
        }
        let (Some(first), Some(last)) = (self.day(start), self.day(end)) else {
            return match (Timestamp::from_unix(start), Timestamp::from_unix(end)) {
                (Some(start), Some(end)) => self.clock.seconds(start, end, self.zone),
                _ => 0,
            };
        };
        self.days
            .get(first..=last)
            .unwrap_or_default()
            .iter()
            .filter_map(|day| day.window)
            .map(|(from, to)| (to.min(end) - from.max(start)).max(0))
            .sum()
    }
}

/// The business hours as [`ReplyPolicy::clock`] reads them: opening and closing
/// times and the open days; `None` when they cannot be used (the clock runs always).
fn window(hours: &BusinessHours) -> Option<(NaiveTime, NaiveTime, Vec<Weekday>)> {
    let time = |text: &str| NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
    let (opens, closes) = (time(&hours.opens)?, time(&hours.closes)?);
    if closes <= opens {
        return None;
    }
    let days: Vec<Weekday> = hours
        .days
        .iter()
        .map(|d| match d {
            1..=7 => Some(Weekday::try_from(d - 1).unwrap_or(Weekday::Mon)),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!days.is_empty()).then_some((opens, closes, days))
}

/// The instant in column `column` of `row`, in seconds since the epoch; refused as a
/// [`Timestamp`] refuses it when no date has it.
fn instant(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Option<i64>> {
    static DATED: std::sync::LazyLock<std::ops::RangeInclusive<i64>> =
        std::sync::LazyLock::new(|| {
            chrono::DateTime::<chrono::Utc>::MIN_UTC.timestamp()
                ..=chrono::DateTime::<chrono::Utc>::MAX_UTC.timestamp()
        });
    match row.get::<_, Option<i64>>(column)? {
        Some(secs) if !DATED.contains(&secs) => {
            row.get::<_, Timestamp>(column).map(|t| Some(t.unix()))
        }
        secs => Ok(secs),
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
    let (start, end) = period.instants(zone);
    // Answers come after the period too, until now.
    let last_day = period.to.max(zone.local_of(now).date());
    let calendar = Calendar::new(
        zone,
        &inbox::policy(conn, brand.id)?,
        period.from.pred_opt().unwrap_or(period.from),
        last_day.succ_opt().unwrap_or(last_day),
    );
    let mut overall = Tally::default();
    let mut by_channel: Vec<(i64, Tally)> = Vec::new();
    let mut by_kind: Vec<(Kind, Tally)> = Vec::new();
    // Each week's figures, and its messages of each kind.
    let mut by_week: BTreeMap<NaiveDate, (Tally, [u32; KINDS.len()])> = period
        .weeks()
        .into_iter()
        .map(|w| (w, Default::default()))
        .collect();
    let (mut open, mut overdue) = (0, 0);
    let mut stmt = conn.prepare_cached(
        "SELECT i.received_at, i.deadline, i.first_response_at, i.kind, i.channel_id, i.status
         FROM interactions i
         WHERE i.brand_id = ?1 AND i.received_at >= ?2 AND i.received_at < ?3
           AND i.status <> 'spam'",
    )?;
    let mut rows = stmt.query(params![brand.id.0, start, end])?;
    // The week of the message before: messages mostly come in order.
    let mut week: Option<(NaiveDate, (Tally, [u32; KINDS.len()]))> = None;
    while let Some(r) = rows.next()? {
        let status: inbox::Status = r.get(5)?;
        let answered = instant(r, 2)?;
        // Closed without an answer: the person judged none was needed.
        let unneeded = status == inbox::Status::Closed && answered.is_none();
        let received = instant(r, 0)?.unwrap_or_default();
        let message = Message {
            deadline: instant(r, 1)?.filter(|_| !unneeded),
            answered,
        };
        let kind: Kind = r.get(3)?;
        let channel: i64 = r.get(4)?;
        let monday = calendar.week(received);
        if status.is_waiting() {
            open += 1;
            if message.deadline.is_some_and(|d| d <= now.unix()) {
                overdue += 1;
            }
        }
        let seconds = message.answered.map(|a| calendar.seconds(received, a));
        if week.as_ref().is_none_or(|(w, _)| *w != monday) {
            let tally = by_week.remove(&monday).unwrap_or_default();
            if let Some((w, before)) = week.replace((monday, tally)) {
                by_week.insert(w, before);
            }
        }
        let (_, (this_week, kinds)) = week.as_mut().expect("the week was just set");
        kinds[kind as usize] += 1;
        let channel = match by_channel.iter().position(|(id, _)| *id == channel) {
            Some(at) => at,
            None => {
                by_channel.push((channel, Tally::default()));
                by_channel.len() - 1
            }
        };
        let kind = match by_kind.iter().position(|(k, _)| *k == kind) {
            Some(at) => at,
            None => {
                by_kind.push((kind, Tally::default()));
                by_kind.len() - 1
            }
        };
        for tally in [
            &mut overall,
            &mut by_channel[channel].1,
            &mut by_kind[kind].1,
            this_week,
        ] {
            tally.add(&message, seconds);
        }
    }
    if let Some((w, tally)) = week {
        by_week.insert(w, tally);
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
    by_channel.sort_by_key(|(id, _)| *id);
    let mut by_channel: Vec<(String, Tally)> = by_channel
        .into_iter()
        .map(|(id, tally)| (names.get(&id).cloned().unwrap_or_default(), tally))
        .collect();
    by_channel.sort_by(|a, b| a.0.cmp(&b.0));
    let mut by_kind: Vec<(String, Tally)> = by_kind
        .into_iter()
        .map(|(k, t)| (k.as_str().to_owned(), t))
        .collect();
    by_kind.sort_by(|a, b| a.0.cmp(&b.0));
    let mut kinds: Vec<Series> = KINDS
        .iter()
        .map(|kind| {
            let counts: Vec<u32> = by_week
                .values()
                .map(|(_, kinds)| kinds[*kind as usize])
                .collect();
            Series {
                key: kind.as_str().to_owned(),
                total: counts.iter().sum(),
                counts,
            }
        })
        .filter(|s| s.total > 0)
        .collect();
    kinds.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.key.cmp(&b.key)));
    Ok(Responsiveness {
        period,
        kinds_by_week: kinds,
        overall: overall.stats(),
        by_channel: slices(by_channel),
        by_kind: slices(by_kind),
        by_week: slices(
            by_week
                .into_iter()
                .map(|(w, (t, _))| (w.to_string(), t))
                .collect(),
        ),
        open,
        overdue,
    })
}
