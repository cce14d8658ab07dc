//! What the calendar shows: a brand's posts placed at their wall-clock time in the
//! brand's zone, whatever zone each was planned in.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::Connection;
use serde::Serialize;

use crate::Result;
use crate::brands::Brand;
use crate::categories::{self, Category};
use crate::posts::{self, Post, PostFilter};

/// One post on the calendar.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CalendarItem {
    /// The post.
    pub post: Post,
    /// Its time in the brand's zone, as floating ISO 8601 (`2026-12-01T09:00:00`).
    pub local: String,
    /// Its category, for the colour and the filter.
    pub category: Option<Category>,
}

/// The brand's dated posts on the local days `from` to `to` (exclusive), in the brand's
/// zone, each with its category.
pub fn items(
    conn: &Connection,
    brand: &Brand,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CalendarItem>> {
    let zone = brand.time_zone;
    let filter = PostFilter {
        from: Some(zone.instant_of_or_later(from.and_time(NaiveTime::MIN))),
        to: Some(zone.instant_of_or_later(to.and_time(NaiveTime::MIN))),
    };
    let categories = categories::list(conn, brand.id)?;
    Ok(posts::list(conn, brand.id, filter)?
        .into_iter()
        .filter_map(|post| {
            let local = zone
                .local_of(post.at?)
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string();
            let category = post
                .category_id
                .and_then(|id| categories.iter().find(|c| c.id == id))
                .cloned();
            Some(CalendarItem {
                post,
                local,
                category,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::Store;
    use crate::brands::{self, NewBrand};
    use crate::channels::{self, NewChannel};
    use crate::posts::NewPost;
    use crate::time::Timestamp;

    #[test]
    fn places_posts_at_the_brands_wall_clock_time() {
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
        let x = NewChannel {
            kind: "x".into(),
            name: "X".into(),
            handle: None,
        };
        let channel = store
            .write(|tx| channels::create(tx, brand.id, &x, now))
            .expect("channel")
            .id;
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
        let categories = store
            .read(|c| categories::list(c, brand.id))
            .expect("categories");
        for (body, local, zone) in [
            ("Riyadh morning", "2026-12-01 09:00", None),
            ("London evening", "2026-12-01 18:00", Some("Europe/London")),
            ("Next month", "2027-01-01 09:00", None),
        ] {
            let new = NewPost {
                channels: vec![channel],
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
        let items = store
            .read(|c| items(c, &brand, december(1), december(31)))
            .expect("items");
        let shown: Vec<_> = items
            .iter()
            .map(|i| (i.post.body.as_str(), i.local.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Riyadh morning", "2026-12-01T09:00:00"),
                ("London evening", "2026-12-01T21:00:00")
            ]
        );
        assert_eq!(
            items[0].category.as_ref().map(|c| c.name.as_str()),
            Some("Question or poll")
        );
    }
}
