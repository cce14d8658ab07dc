//! Instants and the clock.
//!
//! Instants are stored as UTC unix seconds (`INTEGER` columns) and cross IPC as RFC 3339
//! text. Anything that depends on "now" takes a [`Clock`], so schedules and deadlines are
//! tested without sleeping.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, NaiveDate, NaiveDateTime, SubsecRound, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

/// A UTC instant with second precision, the unit every table stores.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct Timestamp(#[specta(type = String)] DateTime<Utc>);

impl Timestamp {
    /// The instant `secs` seconds after the unix epoch, if it is representable.
    pub fn from_unix(secs: i64) -> Option<Self> {
        DateTime::from_timestamp(secs, 0).map(Self)
    }

    /// Seconds since the unix epoch.
    pub fn unix(self) -> i64 {
        self.0.timestamp()
    }

    /// The instant as a chrono value, for zone conversions.
    pub fn as_utc(self) -> DateTime<Utc> {
        self.0
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Self(t.trunc_subsecs(0))
    }
}

impl ToSql for Timestamp {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.unix().into())
    }
}

impl FromSql for Timestamp {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let secs = value.as_i64()?;
        Self::from_unix(secs).ok_or(FromSqlError::OutOfRange(secs))
    }
}

/// How people type wall-clock times (`2026-12-01 09:00`), in the CLI and in files.
pub const LOCAL_FORMAT: &str = "%Y-%m-%d %H:%M";

/// Reads a wall-clock time typed as `YYYY-MM-DD HH:MM`.
pub fn parse_local(text: &str) -> crate::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim(), LOCAL_FORMAT)
        .map_err(|_| crate::Error::InvalidLocalTime(text.trim().to_owned()))
}

/// Reads a date typed as `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> crate::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| crate::Error::InvalidDate(text.trim().to_owned()))
}

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Timestamp;
}

/// The operating system's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Utc::now().into()
    }
}

/// A clock that only moves when told to: for deterministic tests of time rules.
#[derive(Clone, Debug)]
pub struct ManualClock(Arc<Mutex<Timestamp>>);

impl ManualClock {
    /// A clock stopped at `start`.
    pub fn new(start: Timestamp) -> Self {
        Self(Arc::new(Mutex::new(start)))
    }

    /// Moves the clock forward by `secs` seconds.
    pub fn advance(&self, secs: i64) {
        let mut now = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *now = Timestamp::from(now.as_utc() + chrono::Duration::seconds(secs));
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_round_trip_through_sqlite_as_integers() {
        let conn = rusqlite::Connection::open_in_memory().expect("open");
        let t = Timestamp::from_unix(1_790_000_000).expect("in range");
        let (back, kind): (Timestamp, String) = conn
            .query_row("SELECT ?1, typeof(?1)", [t], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query");
        assert_eq!(back, t);
        assert_eq!(kind, "integer");
    }

    #[test]
    fn timestamps_cross_ipc_as_rfc3339() {
        let t = Timestamp::from_unix(0).expect("in range");
        assert_eq!(
            serde_json::to_string(&t).expect("json"),
            "\"1970-01-01T00:00:00Z\""
        );
    }

    #[test]
    fn reads_typed_times_and_names_what_is_wrong() {
        assert_eq!(
            parse_local(" 2026-12-01 09:05 ")
                .expect("valid")
                .to_string(),
            "2026-12-01 09:05:00"
        );
        for bad in [
            "2026-13-01 09:00",
            "01/12/2026 09:00",
            "2026-12-01",
            "tomorrow",
        ] {
            let err = parse_local(bad).expect_err("invalid");
            assert_eq!(err.code(), "invalid_local_time");
            assert!(err.to_string().contains(bad), "{err}");
        }
        assert_eq!(
            parse_date("2026-02-28").expect("valid").to_string(),
            "2026-02-28"
        );
        assert_eq!(
            parse_date("2026-02-30").expect_err("invalid").code(),
            "invalid_date"
        );
    }

    #[test]
    fn manual_clock_moves_only_when_advanced() {
        let clock = ManualClock::new(Timestamp::from_unix(100).expect("in range"));
        assert_eq!(clock.now().unix(), 100);
        clock.advance(60);
        assert_eq!(clock.now().unix(), 160);
    }
}
