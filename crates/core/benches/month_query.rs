//! The calendar's month query for a brand with 100k posts over five years.
//!
//! Budget (DESIGN.md): median ≤ 2 ms on a 2-core machine, release build.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use majlis_core::Store;
use majlis_core::brands::{self, NewBrand};
use majlis_core::calendar::{self, CalendarFilter};
use majlis_core::channels::{self, NewChannel};
use majlis_core::time::Timestamp;
use rusqlite::params;

const POSTS: i64 = 100_000;

fn month_query(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("bench.db")).expect("store");
    let start = Timestamp::from_unix(1_767_225_600).expect("2026-01-01"); // 2026-01-01T00:00Z
    let brand = store
        .write(|tx| {
            let new = NewBrand {
                name: "Bench Bakery".into(),
                time_zone: "Asia/Riyadh".into(),
                ..NewBrand::default()
            };
            let brand = brands::create(tx, &new, start)?;
            for (kind, name) in [("bluesky", "Bluesky"), ("x", "X")] {
                let new = NewChannel {
                    kind: kind.into(),
                    name: name.into(),
                    handle: None,
                };
                channels::create(tx, brand.id, &new, start)?;
            }
            // Five years of posts, evenly spread, each on both channels.
            let step = 5 * 365 * 24 * 3600 / POSTS;
            let mut post = tx.prepare(
                "INSERT INTO posts (brand_id, body, status, at, zone, created_at, updated_at)
                 VALUES (?1, ?2, 'scheduled', ?3, 'Asia/Riyadh', ?4, ?4)",
            )?;
            let mut delivery = tx.prepare(
                "INSERT INTO deliveries (post_id, channel_id, status) VALUES (?1, ?2, 'pending')",
            )?;
            for i in 0..POSTS {
                post.execute(params![
                    brand.id.0,
                    format!("منشور رقم {i} — post number {i}"),
                    start.unix() + i * step,
                    start
                ])?;
                let id = tx.last_insert_rowid();
                delivery.execute(params![id, 1])?;
                delivery.execute(params![id, 2])?;
            }
            Ok(brand)
        })
        .expect("seed");

    let (from, to) = (
        NaiveDate::from_ymd_opt(2028, 6, 1).expect("date"),
        NaiveDate::from_ymd_opt(2028, 7, 1).expect("date"),
    );
    let month = store
        .read(|conn| calendar::items(conn, &brand, from, to, CalendarFilter::default()))
        .expect("items");
    println!("a month holds {} posts", month.len());
    c.bench_function("calendar month of 100k posts", |b| {
        b.iter(|| {
            store
                .read(|conn| {
                    calendar::items(
                        conn,
                        &brand,
                        black_box(from),
                        black_box(to),
                        CalendarFilter::default(),
                    )
                })
                .expect("items")
        })
    });
}

criterion_group!(benches, month_query);
criterion_main!(benches);
