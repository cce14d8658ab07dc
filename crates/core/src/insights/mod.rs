//! Insights: what the community says and how well the brand answers, as SQL over the
//! inbox and small tested algorithms (no network). Each works on a [`Period`] of days
//! in the brand's own time zone.

pub mod content;
pub mod report;
pub mod response;
pub mod topics;
pub mod volume;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::time::Timestamp;
use crate::zone::Zone;
use crate::{Error, Result};

/// The days an insight covers, both included, in the brand's zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Period {
    /// The first day.
    #[specta(type = String)]
    pub from: NaiveDate,
    /// The last day.
    #[specta(type = String)]
    pub to: NaiveDate,
}

impl Period {
    /// The longest period insights cover: ten years (a typed "2206" for "2026" would
    /// otherwise ask for two centuries of weeks).
    pub const MAX_DAYS: i64 = 3_653;

    /// The days from `from` to `to`; refused when they run backwards or span more than
    /// [`Self::MAX_DAYS`].
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self> {
        if to < from {
            return Err(Error::InvalidPeriod {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        if (to - from).num_days() >= Self::MAX_DAYS {
            return Err(Error::PeriodTooLong {
                from: from.to_string(),
                to: to.to_string(),
            });
        }
        Ok(Self { from, to })
    }

    /// The days from `from` to `to` as people type them (`YYYY-MM-DD`).
    pub fn parse(from: &str, to: &str) -> Result<Self> {
        Self::new(crate::time::parse_date(from)?, crate::time::parse_date(to)?)
    }

    /// The Monday of each week it touches, in order.
    pub fn weeks(self) -> Vec<NaiveDate> {
        let mut weeks = Vec::new();
        let mut week = monday(self.from);
        while week <= self.to {
            weeks.push(week);
            week = week + chrono::Days::new(7);
        }
        weeks
    }

    /// Its first instant and the first instant after it, in `zone`.
    pub fn instants(self, zone: Zone) -> (Timestamp, Timestamp) {
        let start = |day: NaiveDate| zone.instant_of_or_later(day.and_time(chrono::NaiveTime::MIN));
        let after = self.to.succ_opt().unwrap_or(self.to);
        (start(self.from), start(after))
    }
}

/// The Monday of `day`'s week.
pub(crate) fn monday(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The value at fraction `p` (0 < p ≤ 1) of `sorted` by the nearest-rank method: the
/// smallest value with at least `p` of the values at or below it.
pub fn nearest_rank(sorted: &[i64], p: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod topics_tests;
