//! A brand's reply policy: how soon each kind of interaction deserves an answer, in
//! which hours the clock runs, and when the person is told again.

use chrono::{Datelike, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::{Kind, Priority};
use crate::time::Timestamp;
use crate::zone::Zone;
use crate::{Error, Result};

/// The longest deadline a policy may set: thirty days.
const LONGEST_MINUTES: u32 = 30 * 24 * 60;

/// Minutes to answer each kind of interaction; `None`: no answer is expected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Deadlines {
    /// A question.
    pub question: Option<u32>,
    /// A complaint.
    pub complaint: Option<u32>,
    /// Praise.
    pub praise: Option<u32>,
    /// Feedback or a suggestion.
    pub feedback: Option<u32>,
    /// Content a follower made.
    pub ugc: Option<u32>,
    /// Spam.
    pub spam: Option<u32>,
    /// Anything else.
    pub other: Option<u32>,
}

impl Deadlines {
    fn of(&self, kind: Kind) -> Option<u32> {
        match kind {
            Kind::Question => self.question,
            Kind::Complaint => self.complaint,
            Kind::Praise => self.praise,
            Kind::Feedback => self.feedback,
            Kind::Ugc => self.ugc,
            Kind::Spam => self.spam,
            Kind::Other => self.other,
        }
    }

    fn all(&self) -> [Option<u32>; 7] {
        [
            self.question,
            self.complaint,
            self.praise,
            self.feedback,
            self.ugc,
            self.spam,
            self.other,
        ]
    }
}

/// The hours a brand answers in, in its own time zone: outside them the clock stops.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BusinessHours {
    /// The days it is open, 1 = Monday … 7 = Sunday.
    pub days: Vec<u8>,
    /// When it opens, `HH:MM`.
    pub opens: String,
    /// When it closes, `HH:MM`, after it opens.
    pub closes: String,
}

/// How soon a brand answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReplyPolicy {
    /// Minutes to answer, by kind, for a normal priority. A high priority halves the
    /// time, an urgent one quarters it, a low one doubles it.
    pub deadlines: Deadlines,
    /// When the clock runs; `None`: always.
    pub business_hours: Option<BusinessHours>,
    /// Minutes past a deadline after which the person is told again.
    pub escalate_after: u32,
    /// The fewest minutes between two overdue notifications for the brand.
    pub notify_every: u32,
}

impl Default for ReplyPolicy {
    fn default() -> Self {
        Self {
            deadlines: Deadlines {
                question: Some(120),
                complaint: Some(60),
                praise: Some(240),
                feedback: Some(240),
                ugc: Some(240),
                spam: None,
                other: Some(240),
            },
            business_hours: None,
            escalate_after: 60,
            notify_every: 15,
        }
    }
}

/// Why a reply policy or quiet hours cannot be used: each its own error code, so the
/// window words it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PolicyProblem {
    /// A deadline of no time, or longer than 30 days.
    #[error("a deadline must be between 1 minute and 30 days")]
    DeadlineOutOfRange,
    /// Telling again after no time.
    #[error("the times to tell again must be at least 1 minute")]
    RepeatTooSoon,
    /// A time of day that is not `HH:MM`.
    #[error("\"{0}\" is not a time: use HH:MM")]
    NotATime(String),
    /// Business hours that close before they open.
    #[error("business hours must close after they open")]
    ClosesBeforeOpening,
    /// A weekday number outside 1–7.
    #[error("{0} is not a weekday: use 1 (Monday) to 7 (Sunday)")]
    NotAWeekday(u8),
    /// Business hours on no day.
    #[error("business hours need at least one open day")]
    NoOpenDay,
}

impl PolicyProblem {
    /// The error code the window translates.
    pub fn code(&self) -> &'static str {
        match self {
            PolicyProblem::DeadlineOutOfRange => "policy_deadline_out_of_range",
            PolicyProblem::RepeatTooSoon => "policy_repeat_too_soon",
            PolicyProblem::NotATime(_) => "policy_not_a_time",
            PolicyProblem::ClosesBeforeOpening => "policy_closes_before_opening",
            PolicyProblem::NotAWeekday(_) => "policy_not_a_weekday",
            PolicyProblem::NoOpenDay => "policy_no_open_day",
        }
    }
}

/// A time of day written `HH:MM`, as business and quiet hours are.
pub(crate) fn time_of_day(text: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| Error::InvalidPolicy(PolicyProblem::NotATime(text.to_owned())))
}

impl ReplyPolicy {
    /// Checks every value, naming the first that cannot be used.
    pub fn validate(&self) -> Result<()> {
        let bad = |problem| Err(Error::InvalidPolicy(problem));
        if self
            .deadlines
            .all()
            .iter()
            .flatten()
            .any(|m| *m == 0 || *m > LONGEST_MINUTES)
        {
            return bad(PolicyProblem::DeadlineOutOfRange);
        }
        if self.escalate_after == 0 || self.notify_every == 0 {
            return bad(PolicyProblem::RepeatTooSoon);
        }
        if let Some(hours) = &self.business_hours {
            hours.window()?;
        }
        Ok(())
    }

    /// When an interaction of `kind` and `priority` received at `received` is due,
    /// counting only business hours in `zone`; `None` when no answer is expected.
    pub fn deadline(
        &self,
        kind: Kind,
        priority: Priority,
        received: Timestamp,
        zone: Zone,
    ) -> Option<Timestamp> {
        let minutes = i64::from(self.deadlines.of(kind)?);
        let seconds = match priority {
            Priority::Urgent => minutes * 15,
            Priority::High => minutes * 30,
            Priority::Normal => minutes * 60,
            Priority::Low => minutes * 120,
        };
        Some(match &self.business_hours {
            None => Timestamp::from_unix(received.unix() + seconds).unwrap_or(received),
            Some(hours) => hours.add(received, seconds, zone),
        })
    }

    /// How long the clock ran between `start` and `end` in `zone`, in seconds: all of
    /// it, or only business hours when the brand keeps them (the clock its deadlines
    /// run on, so a response time and a deadline are measured alike).
    pub fn open_seconds(&self, start: Timestamp, end: Timestamp, zone: Zone) -> i64 {
        self.clock().seconds(start, end, zone)
    }

    /// The brand's clock, its business hours read once, for measuring many intervals.
    pub fn clock(&self) -> OpenClock {
        OpenClock(
            self.business_hours
                .as_ref()
                .and_then(|hours| hours.window().ok()),
        )
    }
}

/// A brand's answering clock with its business hours read: it runs always, or only in
/// those hours.
#[derive(Clone, Debug)]
pub struct OpenClock(Option<(NaiveTime, NaiveTime, Vec<Weekday>)>);

impl OpenClock {
    /// The open seconds between `start` and `end` (none when `end` is not later), each
    /// day's hours read in `zone` that day: the inverse of the deadlines' addition.
    pub fn seconds(&self, start: Timestamp, end: Timestamp, zone: Zone) -> i64 {
        let Some((opens, closes, days)) = &self.0 else {
            return (end.unix() - start.unix()).max(0);
        };
        let mut open = 0;
        let mut day = zone.local_of(start).date();
        let last = zone.local_of(end).date();
        while day <= last {
            if days.contains(&day.weekday()) {
                let from = zone.instant_of_or_later(day.and_time(*opens)).unix();
                let to = zone.instant_of_or_later(day.and_time(*closes)).unix();
                open += (to.min(end.unix()) - from.max(start.unix())).max(0);
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
        open
    }
}

impl BusinessHours {
    /// Opening and closing times, and the open days, or what is wrong with them.
    fn window(&self) -> Result<(NaiveTime, NaiveTime, Vec<Weekday>)> {
        let (opens, closes) = (time_of_day(&self.opens)?, time_of_day(&self.closes)?);
        if closes <= opens {
            return Err(Error::InvalidPolicy(PolicyProblem::ClosesBeforeOpening));
        }
        let days: Vec<Weekday> = self
            .days
            .iter()
            .map(|d| match d {
                1..=7 => Ok(Weekday::try_from(d - 1).unwrap_or(Weekday::Mon)),
                _ => Err(Error::InvalidPolicy(PolicyProblem::NotAWeekday(*d))),
            })
            .collect::<Result<_>>()?;
        if days.is_empty() {
            return Err(Error::InvalidPolicy(PolicyProblem::NoOpenDay));
        }
        Ok((opens, closes, days))
    }

    /// The instant `seconds` of open time after `start`. Each day's opening and
    /// closing are read in `zone` that day, so daylight saving changes are kept.
    fn add(&self, start: Timestamp, seconds: i64, zone: Zone) -> Timestamp {
        let Ok((opens, closes, days)) = self.window() else {
            return Timestamp::from_unix(start.unix() + seconds).unwrap_or(start);
        };
        let mut left = seconds;
        let mut day = zone.local_of(start).date();
        // A policy always has an open day, so a year and a bit always suffices.
        for _ in 0..400 {
            if days.contains(&day.weekday()) {
                let open = zone.instant_of_or_later(day.and_time(opens)).unix();
                let close = zone.instant_of_or_later(day.and_time(closes)).unix();
                let from = open.max(start.unix());
                if from < close {
                    if left <= close - from {
                        return Timestamp::from_unix(from + left).unwrap_or(start);
                    }
                    left -= close - from;
                }
            }
            day = day.succ_opt().unwrap_or(day);
        }
        start
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;

    fn at(zone: Zone, local: &str) -> Timestamp {
        zone.instant_of(crate::time::parse_local(local).expect("time"))
            .expect("exists")
    }

    fn local(zone: Zone, t: Timestamp) -> String {
        zone.local_of(t)
            .format(crate::time::LOCAL_FORMAT)
            .to_string()
    }

    fn weekdays_nine_to_five() -> ReplyPolicy {
        ReplyPolicy {
            business_hours: Some(BusinessHours {
                days: vec![1, 2, 3, 4, 5],
                opens: "09:00".into(),
                closes: "17:00".into(),
            }),
            ..ReplyPolicy::default()
        }
    }

    #[test]
    fn defaults_answer_complaints_first_and_spam_never() {
        let policy = ReplyPolicy::default();
        let zone: Zone = "Asia/Riyadh".parse().expect("zone");
        let t = at(zone, "2026-12-01 10:00");
        let due = |kind, priority| {
            policy
                .deadline(kind, priority, t, zone)
                .map(|d| local(zone, d))
        };
        assert_eq!(
            due(Kind::Complaint, Priority::Normal).as_deref(),
            Some("2026-12-01 11:00")
        );
        assert_eq!(
            due(Kind::Question, Priority::Normal).as_deref(),
            Some("2026-12-01 12:00")
        );
        assert_eq!(
            due(Kind::Praise, Priority::Normal).as_deref(),
            Some("2026-12-01 14:00")
        );
        assert_eq!(
            due(Kind::Complaint, Priority::Urgent).as_deref(),
            Some("2026-12-01 10:15")
        );
        assert_eq!(
            due(Kind::Question, Priority::High).as_deref(),
            Some("2026-12-01 11:00")
        );
        assert_eq!(
            due(Kind::Question, Priority::Low).as_deref(),
            Some("2026-12-01 14:00")
        );
        assert_eq!(due(Kind::Spam, Priority::Normal), None);
    }

    #[test]
    fn the_clock_stops_outside_business_hours_and_over_the_weekend() {
        let policy = weekdays_nine_to_five();
        let zone: Zone = "Europe/London".parse().expect("zone");
        // Friday 16:30 + 2 h: 30 min on Friday, 90 min on Monday morning.
        let friday = at(zone, "2026-12-04 16:30");
        let due = policy.deadline(Kind::Question, Priority::Normal, friday, zone);
        assert_eq!(local(zone, due.expect("due")), "2026-12-07 10:30");
        // Saturday night: the clock starts on Monday at nine.
        let saturday = at(zone, "2026-12-05 23:00");
        let due = policy.deadline(Kind::Complaint, Priority::Normal, saturday, zone);
        assert_eq!(local(zone, due.expect("due")), "2026-12-07 10:00");
        // Early on a weekday: from nine.
        let early = at(zone, "2026-12-08 06:00");
        let due = policy.deadline(Kind::Complaint, Priority::Normal, early, zone);
        assert_eq!(local(zone, due.expect("due")), "2026-12-08 10:00");
    }

    #[test]
    fn business_hours_keep_their_wall_clock_across_daylight_saving() {
        let policy = weekdays_nine_to_five();
        let zone: Zone = "America/New_York".parse().expect("zone");
        // Friday 16:00 before the clocks go forward (Sunday 2026-03-08), 4 h: one on
        // Friday, three from nine on Monday, local time.
        let friday = at(zone, "2026-03-06 16:00");
        let due = policy
            .deadline(Kind::Question, Priority::Low, friday, zone)
            .expect("due");
        assert_eq!(local(zone, due), "2026-03-09 12:00");
        // And back in November (Sunday 2026-11-01).
        let friday = at(zone, "2026-10-30 16:00");
        let due = policy
            .deadline(Kind::Question, Priority::Normal, friday, zone)
            .expect("due");
        assert_eq!(local(zone, due), "2026-11-02 10:00");
    }

    #[test]
    fn bad_policies_are_refused_with_the_reason() {
        let mut policy = weekdays_nine_to_five();
        policy.business_hours.as_mut().expect("hours").closes = "08:00".into();
        assert!(
            policy
                .validate()
                .expect_err("closes first")
                .to_string()
                .contains("close after")
        );
        let mut policy = weekdays_nine_to_five();
        policy.business_hours.as_mut().expect("hours").days = vec![8];
        assert!(
            policy
                .validate()
                .expect_err("day 8")
                .to_string()
                .contains("not a weekday")
        );
        let mut policy = ReplyPolicy::default();
        policy.deadlines.question = Some(0);
        assert_eq!(
            policy.validate().expect_err("zero").code(),
            "policy_deadline_out_of_range"
        );
        assert!(ReplyPolicy::default().validate().is_ok());
    }

    #[test]
    fn open_time_between_counts_only_business_hours() {
        let zone: Zone = "America/New_York".parse().expect("zone");
        let policy = weekdays_nine_to_five();
        // Friday 16:00 to Monday 10:00: an hour on Friday, an hour on Monday.
        let open = policy.open_seconds(
            at(zone, "2026-11-27 16:00"),
            at(zone, "2026-11-30 10:00"),
            zone,
        );
        assert_eq!(open, 2 * 3600);
        // Without business hours, all of it.
        assert_eq!(
            ReplyPolicy::default().open_seconds(
                at(zone, "2026-11-27 16:00"),
                at(zone, "2026-11-30 10:00"),
                zone
            ),
            66 * 3600
        );
    }

    proptest! {
        /// A deadline lands inside business hours (or exactly at a closing time), never
        /// before the interaction, and a longer time never lands earlier.
        #[test]
        fn deadlines_fall_in_open_hours(
            day in 0i64..730, minute in 0i64..1440, minutes in 1u32..3000,
            zone in prop::sample::select(vec!["Europe/London", "America/New_York", "Asia/Riyadh", "Australia/Sydney"]),
        ) {
            let zone: Zone = zone.parse().expect("zone");
            let start = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
                .and_hms_opt(0, 0, 0).expect("time")
                + chrono::Duration::days(day) + chrono::Duration::minutes(minute);
            let received = zone.instant_of_or_later(start);
            let mut policy = weekdays_nine_to_five();
            policy.deadlines.question = Some(minutes);
            policy.deadlines.other = Some(minutes + 1);
            let due = policy.deadline(Kind::Question, Priority::Normal, received, zone).expect("due");
            let later = policy.deadline(Kind::Other, Priority::Normal, received, zone).expect("due");
            prop_assert!(due > received);
            prop_assert!(later > due);
            let wall = zone.local_of(due);
            prop_assert!(wall.weekday().number_from_monday() <= 5);
            let time = wall.time();
            prop_assert!(time > NaiveTime::from_hms_opt(9, 0, 0).expect("nine")
                && time <= NaiveTime::from_hms_opt(17, 0, 0).expect("five"), "{wall}");
            // Measuring the open time back gives the deadline's minutes: response times
            // and deadlines run on one clock.
            prop_assert_eq!(policy.open_seconds(received, due, zone), i64::from(minutes) * 60);
        }
    }
}
