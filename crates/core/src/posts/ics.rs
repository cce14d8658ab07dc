//! iCalendar (RFC 5545) export: one VEVENT per dated post, for any calendar app.
//!
//! Times are written in UTC (`DTSTART:…Z`), which every client places correctly
//! without a VTIMEZONE; UIDs are stable (the post's id and the brand's), so importing
//! the file again updates events instead of duplicating them. Text is escaped and
//! folded at 75 octets without splitting a UTF-8 character.

use std::fmt::Write as _;

use super::{Post, PostStatus};
use crate::APP_ID;
use crate::time::Timestamp;

/// The calendar of `posts` (undated drafts and cancelled posts are left out).
pub fn calendar(brand_name: &str, posts: &[Post], now: Timestamp) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Majlis//Content calendar//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(brand_name)));
    for post in posts.iter().filter(|p| p.status != PostStatus::Cancelled) {
        let Some(at) = post.at else { continue };
        line(&mut out, "BEGIN:VEVENT");
        line(
            &mut out,
            &format!("UID:post-{}-brand-{}@{APP_ID}", post.id.0, post.brand_id.0),
        );
        line(&mut out, &format!("DTSTAMP:{}", utc(now)));
        line(&mut out, &format!("DTSTART:{}", utc(at)));
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
    use crate::posts::{Delivery, DeliveryStatus, PostId};

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
            deliveries: vec![Delivery {
                channel_id: ChannelId(1),
                channel: Name::parse("Bakery, on X", Named::Channel).expect("name"),
                kind: ChannelKind::X,
                text: None,
                status: DeliveryStatus::Pending,
            }],
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
