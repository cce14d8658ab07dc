//! IANA time zones, the only way Majlis names where a brand lives.

use std::fmt;
use std::str::FromStr;

use chrono::{LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::time::Timestamp;

/// An IANA time zone such as `Asia/Riyadh`; conversions go through chrono-tz.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
#[specta(type = String)]
pub struct Zone(Tz);

impl Zone {
    /// Every zone name the picker offers, sorted, without legacy aliases like `US/Eastern`
    /// (they still parse, so old data and scripts keep working).
    pub fn all_names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name())
            .filter(|name| *name == "UTC" || (name.contains('/') && !is_legacy(name)))
            .collect();
        names.sort_unstable();
        names
    }

    /// The instant a wall-clock time in this zone names. When clocks go back, an
    /// ambiguous time is its first occurrence; a time skipped when clocks go forward is
    /// an error naming it, because a person who typed it meant something else.
    pub fn instant_of(self, local: NaiveDateTime) -> Result<Timestamp, Error> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.to_utc().into()),
            LocalResult::None => Err(Error::SkippedLocalTime {
                local,
                zone: self.to_string(),
            }),
        }
    }

    /// Like [`Zone::instant_of`], for times a schedule produced rather than a person
    /// typed: a time skipped when clocks go forward moves forward by the gap (a 02:30
    /// slot on the night New York skips 02:00–03:00 posts at 03:30).
    pub fn instant_of_or_later(self, local: NaiveDateTime) -> Timestamp {
        self.instant_of(local).unwrap_or_else(|_| {
            // Read the skipped time with the offset in force just before the jump.
            let before = self
                .0
                .from_local_datetime(&(local - chrono::Duration::hours(3)))
                .earliest();
            let offset = before.map_or(0, |t| t.offset().fix().local_minus_utc());
            (local - chrono::Duration::seconds(i64::from(offset)))
                .and_utc()
                .into()
        })
    }

    /// The chrono-tz zone, for libraries that take one (recurrence).
    pub fn tz(self) -> Tz {
        self.0
    }

    /// The wall-clock time of `at` in this zone.
    pub fn local_of(self, at: Timestamp) -> NaiveDateTime {
        at.as_utc().with_timezone(&self.0).naive_local()
    }
}

fn is_legacy(name: &str) -> bool {
    const LEGACY_PREFIXES: [&str; 6] = ["US/", "Etc/", "SystemV/", "Canada/", "Mexico/", "Brazil/"];
    LEGACY_PREFIXES.iter().any(|p| name.starts_with(p))
}

impl FromStr for Zone {
    type Err = Error;

    /// Accepts exact IANA names, and the same names in any case (`asia/riyadh`).
    fn from_str(s: &str) -> Result<Self, Error> {
        let trimmed = s.trim();
        trimmed
            .parse::<Tz>()
            .or_else(|_| Tz::from_str_insensitive(trimmed))
            .map(Zone)
            .map_err(|_| Error::UnknownTimeZone(s.to_owned()))
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

impl TryFrom<String> for Zone {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<Zone> for String {
    fn from(z: Zone) -> String {
        z.0.name().to_owned()
    }
}

impl ToSql for Zone {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.name().into())
    }
}

impl FromSql for Zone {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exact_and_case_insensitive_names() {
        assert_eq!(
            "Asia/Riyadh".parse::<Zone>().expect("valid").to_string(),
            "Asia/Riyadh"
        );
        assert_eq!(
            "europe/london".parse::<Zone>().expect("valid").to_string(),
            "Europe/London"
        );
    }

    #[test]
    fn names_the_unknown_zone_in_the_error() {
        let err = "Mars/Olympus".parse::<Zone>().expect_err("not a zone");
        assert_eq!(err.code(), "unknown_time_zone");
        assert!(err.to_string().contains("Mars/Olympus"));
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("valid local time")
    }

    #[test]
    fn converts_wall_clock_times_both_ways() {
        let riyadh: Zone = "Asia/Riyadh".parse().expect("zone");
        let at = riyadh
            .instant_of(local("2026-12-01 09:00"))
            .expect("exists");
        assert_eq!(at.as_utc().to_rfc3339(), "2026-12-01T06:00:00+00:00");
        assert_eq!(riyadh.local_of(at), local("2026-12-01 09:00"));
    }

    #[test]
    fn an_ambiguous_time_is_its_first_occurrence() {
        // London clocks go back at 02:00 BST on 25 October 2026: 01:30 happens twice.
        let london: Zone = "Europe/London".parse().expect("zone");
        let at = london
            .instant_of(local("2026-10-25 01:30"))
            .expect("exists");
        assert_eq!(at.as_utc().to_rfc3339(), "2026-10-25T00:30:00+00:00");
    }

    #[test]
    fn a_skipped_time_is_an_error_naming_it() {
        // London clocks go forward at 01:00 GMT on 29 March 2026: 01:30 never happens.
        let london: Zone = "Europe/London".parse().expect("zone");
        let err = london
            .instant_of(local("2026-03-29 01:30"))
            .expect_err("skipped");
        assert_eq!(err.code(), "skipped_local_time");
        assert!(
            err.to_string().contains("2026-03-29 01:30")
                && err.to_string().contains("Europe/London"),
            "{err}"
        );
    }

    #[test]
    fn the_picker_list_is_sorted_and_every_name_parses() {
        let names = Zone::all_names();
        assert!(names.len() > 300);
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        for wanted in ["Asia/Riyadh", "America/New_York", "UTC"] {
            assert!(names.contains(&wanted), "{wanted} is offered");
        }
        assert!(!names.contains(&"US/Eastern"));
        assert!(names.iter().all(|n| n.parse::<Zone>().is_ok()));
    }
}
