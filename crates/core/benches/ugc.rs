//! The community board over a brand with 100,000 items (years of saved searches: most
//! found and never asked, some asked, granted, used or declined; tags and ratings on a
//! few), in a file database as the app uses it.
//!
//! The standing rule: every list scales to 100k rows without freezing the window. The
//! board's first view is every column's first page with its count; a filter by tag or
//! rating reads the same way. Also: the engine's minute question, what expires now.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use majlis_core::Store;
use majlis_core::brands::{self, BrandId, NewBrand};
use majlis_core::time::Timestamp;
use majlis_core::ugc::rights::{self, RightsState};
use majlis_core::ugc::{self, UgcFilter};
use rusqlite::params;

const ITEMS: i64 = 100_000;
/// What a column shows at first (the window's page).
const PAGE: u32 = 40;

fn seed(store: &Store, now: Timestamp) -> BrandId {
    store
        .write(|tx| {
            let new = NewBrand {
                name: "Bench Bakery".into(),
                time_zone: "Asia/Riyadh".into(),
                ..NewBrand::default()
            };
            let brand = brands::create(tx, &new, now)?;
            let mut insert = tx.prepare(
                "INSERT INTO ugc_items (brand_id, origin, network, remote_id, url, creator_handle,
                     text, rating, state, scope, granted_at, grant_expires_at, grant_manual,
                     requested_at, request_text, found_at)
                 VALUES (?1, 'search', 'bluesky', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            let mut tag = tx.prepare("INSERT INTO ugc_tags (item_id, tag) VALUES (?1, ?2)")?;
            let span = 3 * 365 * 24 * 3600;
            for i in 0..ITEMS {
                let found = now.unix() - span + i * span / ITEMS;
                let state = match i % 50 {
                    0..=39 => "found",
                    40..=43 => "requested",
                    44..=46 => "granted",
                    47 => "used",
                    48 => "declined",
                    _ => "expired",
                };
                let granted = matches!(state, "granted" | "used").then_some(found + 86_400);
                // Requests still waiting were sent in the last ten days (older ones
                // expired long ago); the others when the item was found.
                let requested = match state {
                    "found" => None,
                    "requested" => Some(now.unix() - (i % 10) * 86_400),
                    _ => Some(found + 3_600),
                };
                insert.execute(params![
                    brand.id.0,
                    format!("at://did:plc:f{}/app.bsky.feed.post/{i}", i % 9000),
                    format!("https://bsky.app/profile/f{}/post/{i}", i % 9000),
                    format!("follower{}.bsky.social", i % 9000),
                    "Saturday breakfast at Rayyan 🥐 #RayyanBakery",
                    i % 6,
                    state,
                    granted.map(|_| "[\"organic\"]"),
                    granted,
                    // A few grants end in the coming year; most never do. (Those that
                    // ended before are expired already.)
                    granted.filter(|_| i % 7 == 0).map(|_| now.unix() + (i % 365 + 1) * 86_400),
                    granted.map(|_| 0),
                    requested,
                    requested.map(|_| "May we share it? #YesBenchBakery"),
                    found,
                ])?;
                if i % 10 == 0 {
                    tag.execute(params![tx.last_insert_rowid(), "breakfast"])?;
                }
            }
            Ok(brand.id)
        })
        .expect("seed")
}

fn board(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("bench.db")).expect("store");
    let now = Timestamp::from_unix(1_795_600_800).expect("in range");
    let brand = seed(&store, now);
    store
        .read(|c| Ok(c.execute_batch("ANALYZE")?))
        .expect("analyze");

    let columns = |filter: &UgcFilter| {
        store
            .read(|c| {
                RightsState::ALL
                    .into_iter()
                    .map(|state| {
                        let filter = UgcFilter {
                            state: Some(state),
                            ..filter.clone()
                        };
                        ugc::list(c, brand, &filter, 0, PAGE)
                    })
                    .collect::<majlis_core::Result<Vec<_>>>()
            })
            .expect("board")
    };
    c.bench_function("board: every column's first page, 100k items", |b| {
        b.iter(|| columns(black_box(&UgcFilter::default())))
    });
    let tagged = UgcFilter {
        tag: Some("breakfast".into()),
        min_rating: Some(4),
        ..UgcFilter::default()
    };
    c.bench_function("board: filtered by tag and rating, 100k items", |b| {
        b.iter(|| columns(black_box(&tagged)))
    });
    c.bench_function("board: a column's 50th page, 100k items", |b| {
        let filter = UgcFilter {
            state: Some(RightsState::Found),
            ..UgcFilter::default()
        };
        b.iter(|| {
            store
                .read(|c| ugc::list(c, brand, black_box(&filter), 49 * PAGE, PAGE))
                .expect("page")
        })
    });
    c.bench_function("engine: what expires now, 100k items", |b| {
        b.iter(|| {
            store
                .read(|c| {
                    let tx = c.unchecked_transaction()?;
                    let expired = rights::expire_due(&tx, black_box(now))?;
                    tx.rollback()?;
                    Ok(expired)
                })
                .expect("expire")
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = board
}
criterion_main!(benches);
