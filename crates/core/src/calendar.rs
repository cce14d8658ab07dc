//! What the calendar shows: a brand's posts placed at their wall-clock time in the
//! brand's zone, whatever zone each was planned in.
//!
//! The month view asks for up to a few thousand posts at a time, so it has its own lean
//! query: what a calendar cell draws, not whole posts with their deliveries.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, named_params};
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::brands::Brand;
use crate::categories::CategoryId;
use crate::channels::ChannelId;
use crate::posts::{PostId, PostStatus};
use crate::recurrence::Repeat;
use crate::zone::Zone;

/// Longest title a calendar cell gets, in characters (the cell ellipsises anyway).
const TITLE_CHARS: usize = 120;

/// One post on the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarItem {
    /// The post.
    pub id: PostId,
    /// Its first line.
    pub title: String,
    /// Where it is in its life.
    pub status: PostStatus,
    /// Its time in the brand's zone, as floating ISO 8601 (`2026-12-01T09:00:00`).
    pub local: String,
    /// Its category, for the colour and the filter.
    pub category_id: Option<CategoryId>,
    /// For one occurrence of a repeating post: that occurrence's time in the series'
    /// own zone (floating ISO 8601), which names it to move it out alone.
    pub occurrence: Option<String>,
}

/// Which posts the calendar shows; every field left empty shows them all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarFilter {
    /// Only posts going to this channel.
    pub channel: Option<ChannelId>,
    /// Only posts of this category.
    pub category: Option<CategoryId>,
    /// Only posts in this status (without one, every post but the cancelled).
    pub status: Option<PostStatus>,
}

/// Both queries' conditions for a filter: the range on `(brand_id, at)` still leads,
/// the filter only drops rows from it. Cancelled posts show only when asked for.
const FILTERED: &str = "(:channel IS NULL OR EXISTS
         (SELECT 1 FROM deliveries d WHERE d.post_id = p.id AND d.channel_id = :channel))
     AND (:category IS NULL OR p.category_id = :category)
     AND (:status IS NULL AND p.status <> 'cancelled' OR p.status = :status)";

/// The brand's dated posts on the local days `from` to `to` (exclusive) that pass
/// `filter`, with every occurrence of repeating posts in that span, in time order.
pub fn items(
    conn: &Connection,
    brand: &Brand,
    from: NaiveDate,
    to: NaiveDate,
    filter: CalendarFilter,
) -> Result<Vec<CalendarItem>> {
    let zone = brand.time_zone;
    let from = zone.instant_of_or_later(from.and_time(NaiveTime::MIN));
    let to = zone.instant_of_or_later(to.and_time(NaiveTime::MIN));
    let (channel, category, status) = (
        filter.channel.map(|c| c.0),
        filter.category.map(|c| c.0),
        filter.status,
    );
    let params = named_params! {
        ":brand": brand.id.0, ":from": from, ":to": to,
        ":channel": channel, ":category": category, ":status": status,
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.body, p.status, p.at, p.category_id
         FROM posts p
         WHERE p.brand_id = :brand AND p.at >= :from AND p.at < :to AND p.repeat IS NULL
           AND {FILTERED}
         ORDER BY p.at, p.id"
    ))?;
    let mut items: Vec<CalendarItem> = stmt
        .query_map(params, |r| {
            Ok(CalendarItem {
                id: PostId(r.get(0)?),
                title: title(r.get_ref(1)?),
                status: r.get(2)?,
                local: floating(zone.local_of(r.get(3)?)),
                category_id: r.get::<_, Option<i64>>(4)?.map(CategoryId),
                occurrence: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    // Repeating posts that began before the span's end: their occurrences in the span.
    let mut series = conn.prepare_cached(&format!(
        "SELECT p.id, p.body, p.status, p.at, p.category_id, p.zone, p.repeat, p.skipped
         FROM posts p
         WHERE p.brand_id = :brand AND p.repeat IS NOT NULL AND p.at < :to
           AND {FILTERED}"
    ))?;
    // A series that began before the span may still repeat into it: no lower bound.
    let unbounded: Vec<_> = params
        .iter()
        .filter(|(n, _)| *n != ":from")
        .copied()
        .collect();
    let mut rows = series.query(&*unbounded)?;
    while let Some(r) = rows.next()? {
        let (series_zone, repeat): (Zone, Repeat) = (r.get(5)?, r.get(6)?);
        let skipped: Vec<NaiveDateTime> =
            serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default();
        let first = series_zone.local_of(r.get(3)?);
        let span = (series_zone.local_of(from), series_zone.local_of(to));
        for occurrence in repeat.occurrences(series_zone, first, &skipped, span.0, span.1) {
            items.push(CalendarItem {
                id: PostId(r.get(0)?),
                title: title(r.get_ref(1)?),
                status: r.get(2)?,
                local: floating(zone.local_of(series_zone.instant_of_or_later(occurrence))),
                category_id: r.get::<_, Option<i64>>(4)?.map(CategoryId),
                occurrence: Some(floating(occurrence)),
            });
        }
    }
    items.sort_by(|a, b| a.local.cmp(&b.local).then(a.id.cmp(&b.id)));
    Ok(items)
}

/// A month grid's worth of posts: each day's first few, and how many more each fuller
/// day has. A month of an agency's plan holds a thousand posts or more and a cell shows
/// a few: sending and drawing only those keeps the month view quick to open (see
/// BENCHMARKS.md); the whole day opens as a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MonthGrid {
    /// The posts drawn, in time order.
    pub items: Vec<CalendarItem>,
    /// The days with more posts than drawn, and how many more.
    pub more: Vec<MoreOnDay>,
}

/// A day's posts not drawn in its cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MoreOnDay {
    /// The local day, `YYYY-MM-DD`.
    pub day: String,
    /// How many of its posts are not drawn.
    pub count: u32,
}

/// See [`MonthGrid`]: at most `per_day` posts a day, except that a day with just one
/// more draws it (it takes the room "+1 more" would).
pub fn month_grid(
    conn: &Connection,
    brand: &Brand,
    from: NaiveDate,
    to: NaiveDate,
    filter: CalendarFilter,
    per_day: usize,
) -> Result<MonthGrid> {
    let all = items(conn, brand, from, to, filter)?;
    let mut grid = MonthGrid {
        items: Vec::new(),
        more: Vec::new(),
    };
    for day in all.chunk_by(|a, b| a.local[..10] == b.local[..10]) {
        if day.len() <= per_day + 1 {
            grid.items.extend_from_slice(day);
        } else {
            grid.items.extend_from_slice(&day[..per_day]);
            grid.more.push(MoreOnDay {
                day: day[0].local[..10].to_owned(),
                count: u32::try_from(day.len() - per_day).unwrap_or(u32::MAX),
            });
        }
    }
    Ok(grid)
}

/// What is still to go out on the local days `from` to `to`: the first `limit` items
/// that pass `filter` and have not gone out, and how many more there are (the queue
/// panel shows a page of them, not an agency's whole month).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Upcoming {
    /// The first items, in time order.
    pub items: Vec<CalendarItem>,
    /// How many more there are after them.
    pub more: u32,
}

/// See [`Upcoming`].
pub fn upcoming(
    conn: &Connection,
    brand: &Brand,
    from: NaiveDate,
    to: NaiveDate,
    filter: CalendarFilter,
    limit: usize,
) -> Result<Upcoming> {
    let mut waiting: Vec<CalendarItem> = items(conn, brand, from, to, filter)?
        .into_iter()
        .filter(|i| !i.status.is_out() && i.status != PostStatus::Cancelled)
        .collect();
    let more = u32::try_from(waiting.len().saturating_sub(limit)).unwrap_or(u32::MAX);
    waiting.truncate(limit);
    Ok(Upcoming {
        items: waiting,
        more,
    })
}

fn title(body: ValueRef<'_>) -> String {
    match body {
        ValueRef::Text(body) => first_line(&String::from_utf8_lossy(body)),
        _ => String::new(),
    }
}

fn floating(local: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.second()
    )
}

fn first_line(body: &str) -> String {
    body.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(TITLE_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::Store;
    use crate::brands::{self, NewBrand};
    use crate::categories;
    use crate::channels::{self, NewChannel};
    use crate::posts::{self, NewPost};
    use crate::time::Timestamp;

    /// A bakery in Riyadh with an X and a Bluesky channel, at a fixed "now".
    struct Bakery {
        store: Store,
        brand: Brand,
        x: ChannelId,
        bluesky: ChannelId,
        now: Timestamp,
    }

    fn bakery() -> Bakery {
        let store = Store::open_in_memory().expect("store");
        let now = Timestamp::from_unix(1_790_000_000).expect("t");
        let new = NewBrand {
            name: "Bakery".into(),
            time_zone: "Asia/Riyadh".into(),
            ..NewBrand::default()
        };
        let brand = store
            .write(|tx| brands::create(tx, &new, now))
            .expect("brand");
        let channel = |kind: &str| {
            let new = NewChannel {
                kind: kind.into(),
                name: kind.into(),
                handle: None,
            };
            store
                .write(|tx| channels::create(tx, brand.id, &new, now))
                .expect("channel")
                .id
        };
        let (x, bluesky) = (channel("x"), channel("bluesky"));
        Bakery {
            store,
            brand,
            x,
            bluesky,
            now,
        }
    }

    #[test]
    fn places_posts_at_the_brands_wall_clock_time() {
        let Bakery {
            store,
            brand,
            x,
            bluesky,
            now,
        } = bakery();
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
        let categories = store
            .read(|c| categories::list(c, brand.id))
            .expect("categories");
        for (body, local, zone, targets) in [
            (
                "Riyadh morning\nsecond line",
                "2026-12-01 09:00",
                None,
                vec![x, bluesky],
            ),
            (
                "London evening",
                "2026-12-01 18:00",
                Some("Europe/London"),
                vec![bluesky],
            ),
            ("Next month", "2027-01-01 09:00", None, vec![x]),
        ] {
            let new = NewPost {
                channels: targets,
                body: body.into(),
                at: at(local),
                zone: zone.map(Into::into),
                category: Some(categories[1].id),
                ..NewPost::default()
            };
            store
                .write(|tx| posts::create(tx, &brand, &new, now))
                .expect("post");
        }
        let december = |d| NaiveDate::from_ymd_opt(2026, 12, d).expect("date");
        let december_items = store
            .read(|c| {
                items(
                    c,
                    &brand,
                    december(1),
                    december(31),
                    CalendarFilter::default(),
                )
            })
            .expect("items");
        let shown: Vec<_> = december_items
            .iter()
            .map(|i| (i.title.as_str(), i.local.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Riyadh morning", "2026-12-01T09:00:00"),
                ("London evening", "2026-12-01T21:00:00")
            ]
        );
        assert_eq!(december_items[0].category_id, Some(categories[1].id));
        assert_eq!(december_items[0].status, PostStatus::Scheduled);

        let count = |filter| {
            store
                .read(|c| items(c, &brand, december(1), december(31), filter))
                .expect("items")
                .len()
        };
        let on_x = CalendarFilter {
            channel: Some(x),
            ..CalendarFilter::default()
        };
        assert_eq!(
            count(on_x),
            1,
            "only the Riyadh morning goes to X in December"
        );
        let pillar = |i: usize| CalendarFilter {
            category: Some(categories[i].id),
            ..CalendarFilter::default()
        };
        assert_eq!((count(pillar(1)), count(pillar(0))), (2, 0));
        let drafts = CalendarFilter {
            status: Some(PostStatus::Draft),
            ..on_x
        };
        assert_eq!(count(drafts), 0);
    }

    #[test]
    fn the_month_grid_draws_a_few_posts_a_day_and_counts_the_rest() {
        let Bakery {
            store,
            brand,
            x: channel,
            now,
            ..
        } = bakery();
        // Six posts on the 1st, three on the 2nd, one on the 3rd.
        for (day, count) in [(1, 6), (2, 3), (3, 1)] {
            for hour in 0..count {
                let new = NewPost {
                    channels: vec![channel],
                    body: format!("{day}/{hour}"),
                    at: NaiveDateTime::parse_from_str(
                        &format!("2026-12-0{day} {:02}:00", 9 + hour),
                        "%Y-%m-%d %H:%M",
                    )
                    .ok(),
                    ..NewPost::default()
                };
                store
                    .write(|tx| posts::create(tx, &brand, &new, now))
                    .expect("post");
            }
        }
        let december = |d| NaiveDate::from_ymd_opt(2026, 12, d).expect("date");
        let grid = store
            .read(|c| {
                month_grid(
                    c,
                    &brand,
                    december(1),
                    december(31),
                    CalendarFilter::default(),
                    2,
                )
            })
            .expect("grid");
        let titles: Vec<_> = grid.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["1/0", "1/1", "2/0", "2/1", "2/2", "3/0"]);
        assert_eq!(
            grid.more,
            [MoreOnDay {
                day: "2026-12-01".into(),
                count: 4
            }]
        );
    }

    #[test]
    fn the_queue_shows_a_page_of_what_is_still_to_go_out() {
        let Bakery {
            store,
            brand,
            x: channel,
            now,
            ..
        } = bakery();
        let ids: Vec<_> = (1..=5)
            .map(|d| {
                let new = NewPost {
                    channels: vec![channel],
                    body: format!("Day {d}"),
                    at: NaiveDateTime::parse_from_str(
                        &format!("2026-12-0{d} 09:00"),
                        "%Y-%m-%d %H:%M",
                    )
                    .ok(),
                    ..NewPost::default()
                };
                store
                    .write(|tx| posts::create(tx, &brand, &new, now))
                    .expect("post")
                    .id
            })
            .collect();
        store
            .write(|tx| posts::cancel(tx, ids[0], now))
            .expect("cancelled");
        let december = |d| NaiveDate::from_ymd_opt(2026, 12, d).expect("date");
        let page = store
            .read(|c| {
                upcoming(
                    c,
                    &brand,
                    december(1),
                    december(31),
                    CalendarFilter::default(),
                    2,
                )
            })
            .expect("upcoming");
        let titles: Vec<_> = page.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Day 2", "Day 3"]);
        assert_eq!(page.more, 2);
    }

    #[test]
    fn a_repeating_post_shows_each_occurrence_and_one_can_move_out_alone() {
        let Bakery {
            store,
            brand,
            x: channel,
            now,
            ..
        } = bakery();
        let series = NewPost {
            channels: vec![channel],
            body: "Friday bake".into(),
            at: NaiveDateTime::parse_from_str("2026-11-27 16:00", "%Y-%m-%d %H:%M").ok(),
            repeat: Some("FREQ=WEEKLY;COUNT=10".into()),
            ..NewPost::default()
        };
        let series = store
            .write(|tx| posts::create(tx, &brand, &series, now))
            .expect("series");
        let december = |d| NaiveDate::from_ymd_opt(2026, 12, d).expect("date");
        let shown = |store: &Store| -> Vec<(String, Option<String>)> {
            store
                .read(|c| {
                    items(
                        c,
                        &brand,
                        december(1),
                        december(31),
                        CalendarFilter::default(),
                    )
                })
                .expect("items")
                .into_iter()
                .map(|i| (i.local, i.occurrence))
                .collect()
        };
        let fridays: Vec<String> = [4, 11, 18, 25]
            .iter()
            .map(|d| format!("2026-12-{d:02}T16:00:00"))
            .collect();
        assert_eq!(
            shown(&store),
            fridays
                .iter()
                .map(|f| (f.clone(), Some(f.clone())))
                .collect::<Vec<_>>()
        );

        let eleventh =
            NaiveDateTime::parse_from_str("2026-12-11 16:00", "%Y-%m-%d %H:%M").expect("t");
        let single = store
            .write(|tx| posts::detach_occurrence(tx, series.id, eleventh, now))
            .expect("detached");
        assert_eq!(single.repeat, None);
        let after = shown(&store);
        assert_eq!(
            after.len(),
            4,
            "the occurrence became a post of its own, not a second copy"
        );
        assert_eq!(after[1], ("2026-12-11T16:00:00".to_owned(), None));
        let again = store
            .write(|tx| posts::detach_occurrence(tx, series.id, eleventh, now))
            .expect_err("already out");
        assert_eq!(again.code(), "no_such_occurrence");
    }

    #[test]
    fn titles_are_the_first_line_cut_at_a_character_boundary() {
        assert_eq!(first_line("سطر أول\nسطر ثانٍ"), "سطر أول");
        assert_eq!(first_line(&"ب".repeat(500)).chars().count(), TITLE_CHARS);
        assert_eq!(first_line(""), "");
    }
}
