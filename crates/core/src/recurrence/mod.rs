//! Repeating posts: an RFC 5545 RRULE expanded in the zone the post was planned in,
//! so "every Friday at 16:00" stays 16:00 on the wall clock across DST changes.

use chrono::{NaiveDateTime, TimeZone};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::zone::Zone;
use crate::{Error, Result};

/// Most occurrences expanded for one window: a daily post over a long view stays cheap.
const MAX_OCCURRENCES: u16 = 1_000;

/// A validated repeat rule, kept as its RRULE value (`FREQ=DAILY;COUNT=10`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct Repeat(String);

impl Repeat {
    /// Reads an RRULE value, with or without the `RRULE:` prefix, and checks it can be
    /// expanded (it must end: COUNT or UNTIL, so a series is never endless by mistake).
    pub fn parse(text: &str) -> Result<Self> {
        let value = text
            .trim()
            .trim_start_matches("RRULE:")
            .trim()
            .to_ascii_uppercase();
        let invalid = |reason: String| Error::InvalidRepeat {
            rule: text.trim().to_owned(),
            reason,
        };
        let rule: rrule::RRule<rrule::Unvalidated> = value
            .parse()
            .map_err(|e: rrule::RRuleError| invalid(e.to_string()))?;
        if !value.contains("COUNT=") && !value.contains("UNTIL=") {
            return Err(invalid("give COUNT or UNTIL so the series ends".into()));
        }
        rule.validate(
            rrule::Tz::UTC
                .timestamp_opt(0, 0)
                .single()
                .ok_or_else(|| invalid("no start".into()))?,
        )
        .map_err(|e| invalid(e.to_string()))?;
        Ok(Repeat(value))
    }

    /// The rule as written in iCalendar files.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The local start times of the series that begins at `first` in `zone`, from
    /// `from` (inclusive) to `to` (exclusive), leaving out `skipped` ones.
    pub fn occurrences(
        &self,
        zone: Zone,
        first: NaiveDateTime,
        skipped: &[NaiveDateTime],
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Vec<NaiveDateTime> {
        let tz = rrule::Tz::Tz(zone.tz());
        let (Some(start), Some(after), Some(before)) = (
            tz.from_local_datetime(&first).earliest(),
            tz.from_local_datetime(&(from - chrono::Duration::seconds(1)))
                .earliest(),
            tz.from_local_datetime(&to).earliest(),
        ) else {
            return Vec::new();
        };
        let Ok(rule) = self.0.parse::<rrule::RRule<rrule::Unvalidated>>() else {
            return Vec::new();
        };
        let Ok(set) = rule.build(start) else {
            return Vec::new();
        };
        set.after(after)
            .before(before)
            .all(MAX_OCCURRENCES)
            .dates
            .into_iter()
            .map(|t| t.naive_local())
            .filter(|local| *local >= from && *local < to && !skipped.contains(local))
            .collect()
    }
}

impl ToSql for Repeat {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.as_str().into())
    }
}

impl FromSql for Repeat {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Repeat::parse(value.as_str()?).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Days, NaiveDate, NaiveTime};
    use proptest::prelude::*;

    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("valid")
    }

    #[test]
    fn reads_rules_and_refuses_endless_or_broken_ones() {
        assert_eq!(
            Repeat::parse("RRULE:freq=weekly;byday=FR;count=8")
                .expect("valid")
                .as_str(),
            "FREQ=WEEKLY;BYDAY=FR;COUNT=8"
        );
        for bad in ["FREQ=DAILY", "FREQ=SOMETIMES;COUNT=2", "every friday"] {
            let err = Repeat::parse(bad).expect_err("invalid");
            assert_eq!(err.code(), "invalid_repeat", "{bad}");
            assert!(err.to_string().contains(bad), "{err}");
        }
    }

    #[test]
    fn expands_within_a_window_and_skips_moved_occurrences() {
        let repeat = Repeat::parse("FREQ=WEEKLY;BYDAY=FR;COUNT=8").expect("valid");
        let zone: Zone = "Asia/Riyadh".parse().expect("zone");
        let first = local("2026-12-04 16:00"); // a Friday
        let december = repeat.occurrences(
            zone,
            first,
            &[local("2026-12-18 16:00")],
            local("2026-12-01 00:00"),
            local("2027-01-01 00:00"),
        );
        assert_eq!(
            december,
            [
                local("2026-12-04 16:00"),
                local("2026-12-11 16:00"),
                local("2026-12-25 16:00")
            ]
        );
        let all = repeat.occurrences(
            zone,
            first,
            &[],
            local("2026-01-01 00:00"),
            local("2028-01-01 00:00"),
        );
        assert_eq!(all.len(), 8);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// A daily 09:00 post is at 09:00 local every day of a year, in zones that move
        /// their clocks both ways (London, New York) and one that does not (Riyadh).
        #[test]
        fn a_daily_post_keeps_its_wall_clock_time_across_dst(
            zone in prop::sample::select(vec!["Europe/London", "America/New_York", "Asia/Riyadh"]),
            start_day in 0u64..300,
        ) {
            let zone: Zone = zone.parse().expect("zone");
            let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
                .checked_add_days(Days::new(start_day)).expect("date")
                .and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("time"));
            let repeat = Repeat::parse("FREQ=DAILY;COUNT=60").expect("valid");
            let all = repeat.occurrences(zone, first, &[], first, first + chrono::Duration::days(90));
            prop_assert_eq!(all.len(), 60);
            for (i, occurrence) in all.iter().enumerate() {
                prop_assert_eq!(*occurrence, first + chrono::Duration::days(i as i64));
            }
        }
    }
}
