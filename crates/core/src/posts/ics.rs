//! iCalendar (RFC 5545) export: one VEVENT per dated post, for any calendar app.
//!
//! One-off posts are written in UTC (`DTSTART:…Z`), which every client places
//! correctly. A repeating post is one VEVENT with its RRULE, and its start in its own
//! zone (`DTSTART;TZID=…`) with a VTIMEZONE describing that zone's clock changes, so
//! every occurrence keeps its wall-clock time; moved-out occurrences are EXDATEs. UIDs
//! are stable (the post's id and the brand's), so importing the file again updates
//! events instead of duplicating them. Text is escaped and folded at 75 octets without
//! splitting a UTF-8 character.

use std::fmt::Write as _;

use chrono::{NaiveDateTime, Offset};

use super::{Post, PostStatus};
use crate::APP_ID;
use crate::time::Timestamp;
use crate::zone::Zone;

/// The calendar of `posts` (undated drafts and cancelled posts are left out).
pub fn calendar(brand_name: &str, posts: &[Post], now: Timestamp) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Majlis//Content calendar//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(brand_name)));
    let series_zones: std::collections::BTreeSet<_> = posts
        .iter()
        .filter(|p| p.repeat.is_some())
        .map(|p| p.zone.to_string())
        .collect();
    for zone in series_zones {
        if let Ok(zone) = zone.parse::<Zone>() {
            vtimezone(&mut out, zone, now);
        }
    }
    for post in posts.iter().filter(|p| p.status != PostStatus::Cancelled) {
        let Some(at) = post.at else { continue };
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!("UID:post-{}-brand-{}@{APP_ID}", post.id.0, post.brand_id.0),
        );
        line(&mut out, &format!("DTSTAMP:{}", utc(now)));
        match &post.repeat {
            None => line(&mut out, &format!("DTSTART:{}", utc(at))),
            Some(repeat) => {
                let local = |t: NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
                line(
                    &mut out,
                    &format!(
                        "DTSTART;TZID={}:{}",
                        post.zone,
                        local(post.zone.local_of(at))
                    ),
                );
                line(&mut out, &format!("RRULE:{}", repeat.as_str()));
                for skipped in &post.skipped {
                    line(
                        &mut out,
                        &format!("EXDATE;TZID={}:{}", post.zone, local(*skipped)),
                    );
                }
            }
        }
        line(&mut out, "DURATION:PT30M");
        line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                escape(post.body.lines().next().unwrap_or_default())
            ),
        );
        line(&mut out, &format!("DESCRIPTION:{}", escape(&post.body)));
        let channels: Vec<&str> = post.deliveries.iter().map(|d| d.channel.as_str()).collect();
        if !channels.is_empty() {
            line(
                &mut out,
                &format!(
                    "CATEGORIES:{}",
                    channels
                        .iter()
                        .map(|c| escape(c))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            );
        }
        if let Some(link) = &post.link {
            line(&mut out, &format!("URL:{link}"));
        }
        let status = if post.status == PostStatus::Draft {
            "TENTATIVE"
        } else {
            "CONFIRMED"
        };
        line(&mut out, &format!("STATUS:{status}"));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// A VTIMEZONE for `zone`: each change of its UTC offset from two years before `now`
/// to ten after, found by stepping through the zone's rules hour by hour.
fn vtimezone(out: &mut String, zone: Zone, now: Timestamp) {
    let offset = |t: i64| -> i32 {
        let at = chrono::DateTime::from_timestamp(t, 0).unwrap_or_default();
        at.with_timezone(&zone.tz())
            .offset()
            .fix()
            .local_minus_utc()
    };
    let hhmm = |secs: i32| {
        format!(
            "{}{:02}{:02}",
            if secs < 0 { '-' } else { '+' },
            secs.abs() / 3600,
            secs.abs() % 3600 / 60
        )
    };
    line(out, "BEGIN:VTIMEZONE");
    line(out, &format!("TZID:{zone}"));
    let (start, end) = (
        now.unix() - 2 * 366 * 86_400,
        now.unix() + 10 * 366 * 86_400,
    );
    let mut before = offset(start);
    let mut changes = 0;
    for t in (start..end).step_by(3600) {
        let after = offset(t);
        if after != before {
            // Clocks change between t - 1h and t: find the second.
            let at = (t - 3600..=t).find(|s| offset(*s) == after).unwrap_or(t);
            let local_before =
                chrono::DateTime::from_timestamp(at + i64::from(before), 0).unwrap_or_default();
            let kind = if after > before {
                "DAYLIGHT"
            } else {
                "STANDARD"
            };
            line(out, &format!("BEGIN:{kind}"));
            line(
                out,
                &format!("DTSTART:{}", local_before.format("%Y%m%dT%H%M%S")),
            );
            line(out, &format!("TZOFFSETFROM:{}", hhmm(before)));
            line(out, &format!("TZOFFSETTO:{}", hhmm(after)));
            line(out, &format!("END:{kind}"));
            before = after;
            changes += 1;
        }
    }
    if changes == 0 {
        line(out, "BEGIN:STANDARD");
        line(out, "DTSTART:19700101T000000");
        line(out, &format!("TZOFFSETFROM:{}", hhmm(before)));
        line(out, &format!("TZOFFSETTO:{}", hhmm(before)));
        line(out, "END:STANDARD");
    }
    line(out, "END:VTIMEZONE");
}

fn utc(t: Timestamp) -> String {
    t.as_utc().format("%Y%m%dT%H%M%SZ").to_string()
}

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `content` as one content line, folded so no line exceeds 75 octets, each
/// continuation starting with a space, never inside a UTF-8 character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brands::BrandId;
    use crate::channels::{ChannelId, ChannelKind};
    use crate::name::{Name, Named};
    use crate::posts::{Delivery, DeliveryId, DeliveryStatus, PostId};

    fn post(id: i64, body: &str, at: Option<i64>, status: PostStatus) -> Post {
        Post {
            id: PostId(id),
            brand_id: BrandId(3),
            body: body.into(),
            link: Some("https://rayyan.example/eid".into()),
            category_id: None,
            status,
            at: at.and_then(Timestamp::from_unix),
            zone: "Asia/Riyadh".parse().expect("zone"),
            notes: String::new(),
            approved_by: None,
            approved_at: None,
            repeat: None,
            skipped: Vec::new(),
            deliveries: vec![Delivery {
                id: DeliveryId(1),
                channel_id: ChannelId(1),
                channel: Name::parse("Bakery, on X", Named::Channel).expect("name"),
                kind: ChannelKind::X,
                connected: false,
                text: None,
                caption: String::new(),
                status: DeliveryStatus::Pending,
                remote_id: None,
                remote_url: None,
                last_error: None,
            }],
            media: Vec::new(),
            ugc: Vec::new(),
        }
    }

    #[test]
    fn an_independent_parser_reads_back_every_post() {
        use icalendar::Component;

        let long_arabic = "عرض العيد: خصم ٢٠٪ على كعك العيد والمعمول، طازج كل صباح من فرننا؛ اطلبوا الآن!\nسطر ثانٍ, with a comma; and a \\ backslash 🎉👨‍👩‍👧‍👦";
        let posts = [
            post(7, long_arabic, Some(1_796_112_000), PostStatus::Scheduled),
            post(8, "Undated idea", None, PostStatus::Draft),
            post(9, "Called off", Some(1_796_112_000), PostStatus::Cancelled),
        ];
        let ics = calendar(
            "مخبز الريّان",
            &posts,
            Timestamp::from_unix(1_795_600_800).expect("now"),
        );

        for line in ics.split("\r\n") {
            assert!(
                line.len() <= 75,
                "a line is longer than 75 octets: {line:?}"
            );
        }
        let parsed: icalendar::Calendar = ics.parse().expect("parses");
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(
            events.len(),
            1,
            "the undated draft and the cancelled post are left out"
        );
        let event = events[0];
        assert_eq!(event.get_uid(), Some("post-7-brand-3@app.majlis.desktop"));
        assert_eq!(event.get_description(), Some(long_arabic));
        assert_eq!(
            event.get_summary(),
            Some("عرض العيد: خصم ٢٠٪ على كعك العيد والمعمول، طازج كل صباح من فرننا؛ اطلبوا الآن!")
        );
        let start = event.get_start().expect("start");
        assert_eq!(
            start,
            icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(
                Timestamp::from_unix(1_796_112_000).expect("t").as_utc()
            ))
        );
    }

    #[test]
    fn a_series_is_one_event_with_its_rule_in_its_own_zone() {
        use icalendar::Component;

        // Friday 4 December 2026, 16:00 in London (GMT).
        let mut series = post(
            11,
            "Friday bake 🥖",
            Some(1_796_400_000),
            PostStatus::Scheduled,
        );
        series.zone = "Europe/London".parse().expect("zone");
        series.repeat =
            Some(crate::recurrence::Repeat::parse("FREQ=WEEKLY;BYDAY=FR;COUNT=20").expect("rule"));
        series.skipped =
            vec![NaiveDateTime::parse_from_str("2026-12-18 16:00", "%Y-%m-%d %H:%M").expect("t")];
        let ics = calendar(
            "Bakery",
            &[series],
            Timestamp::from_unix(1_795_600_800).expect("now"),
        );
        assert!(
            ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London"),
            "{ics}"
        );
        assert!(ics.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100"), "{ics}");
        assert!(
            ics.contains("DTSTART;TZID=Europe/London:20261204T160000"),
            "{ics}"
        );
        assert!(
            ics.contains("EXDATE;TZID=Europe/London:20261218T160000"),
            "{ics}"
        );

        let parsed: icalendar::Calendar = ics.parse().expect("parses");
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(events.len(), 1);
        assert_eq!(
            events[0].property_value("RRULE"),
            Some("FREQ=WEEKLY;BYDAY=FR;COUNT=20")
        );
        match events[0].get_start() {
            Some(icalendar::DatePerhapsTime::DateTime(
                icalendar::CalendarDateTime::WithTimezone { date_time, tzid },
            )) => {
                assert_eq!(tzid, "Europe/London");
                assert_eq!(date_time.to_string(), "2026-12-04 16:00:00");
            }
            other => panic!("start in its zone, not {other:?}"),
        }
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        line(&mut out, &format!("DESCRIPTION:{}", "ب".repeat(100)));
        for part in out.split("\r\n") {
            assert!(part.len() <= 75);
            assert!(std::str::from_utf8(part.as_bytes()).is_ok());
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("DESCRIPTION:{}", "ب".repeat(100))
        );
    }
}
