//! The inbox over a brand with 1M interactions (a busy brand's years of history: most
//! answered or closed, a few thousand waiting, some overdue).
//!
//! Budget (DESIGN.md): "overdue now" and the inbox's first page, median ≤ 5 ms on a
//! 2-core machine, release build. Also: the cost per item of taking in what a poll
//! heard (triage, deadline, insert), 10k at a time; and the deadline watcher's
//! questions (what is due to be told, when to wake next).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use majlis_core::Store;
use majlis_core::brands::{self, Brand, NewBrand};
use majlis_core::channels::{self, ChannelId, NewChannel};
use majlis_core::inbox::{self, Author, InboxFilter, Incoming, Source, View, alerts};
use majlis_core::time::Timestamp;
use rusqlite::params;

const INTERACTIONS: i64 = 1_000_000;
const WAITING_EVERY: i64 = 200; // 5,000 waiting
const INGEST: usize = 10_000;

const TEXTS: [&str; 6] = [
    "Where is my order? It never arrived",
    "متى تفتحون يوم الجمعة؟",
    "Loved the cinnamon rolls 😍",
    "الخبز كان بارد وناقص للأسف",
    "Do you deliver to Al Olaya?",
    "ياليت توفرون خبز الشعير",
];

fn seed(store: &Store, now: Timestamp) -> (Brand, ChannelId) {
    store
        .write(|tx| {
            let new = NewBrand {
                name: "Bench Bakery".into(),
                time_zone: "Asia/Riyadh".into(),
                ..NewBrand::default()
            };
            let brand = brands::create(tx, &new, now)?;
            let new = NewChannel {
                kind: "bluesky".into(),
                name: "Bluesky".into(),
                handle: None,
            };
            let channel = channels::create(tx, brand.id, &new, now)?.id;
            let mut insert = tx.prepare(
                "INSERT INTO interactions (brand_id, channel_id, remote_id, source, author_handle,
                     text, received_at, status, kind, priority, deadline, first_response_at,
                     alerted, created_at)
                 VALUES (?1, ?2, ?3, 'reply', ?4, ?5, ?6, ?7, ?8, 'normal', ?9, ?10, ?11, ?6)",
            )?;
            // Three years of history, one interaction every ~95 s, newest last.
            let span = 3 * 365 * 24 * 3600;
            for i in 0..INTERACTIONS {
                let received = now.unix() - span + i * span / INTERACTIONS;
                let deadline = received + 2 * 3600;
                let waiting = i % WAITING_EVERY == 0 || i > INTERACTIONS - 50;
                let (status, answered, alerted) = if waiting {
                    ("open", None, i64::from(deadline <= now.unix()) * 2)
                } else if i % 7 == 0 {
                    ("closed", None, 0)
                } else {
                    ("replied", Some(received + 1800), 0)
                };
                insert.execute(params![
                    brand.id.0,
                    channel.0,
                    format!("at://did:plc:bench/app.bsky.feed.post/{i}"),
                    format!("follower{}", i % 5000),
                    TEXTS[(i % 6) as usize],
                    received,
                    status,
                    if i % 3 == 0 { "question" } else { "complaint" },
                    deadline,
                    answered,
                    alerted,
                ])?;
            }
            Ok((brand, channel))
        })
        .expect("seed")
}

fn inbox(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("bench.db")).expect("store");
    let now = Timestamp::from_unix(1_795_600_800).expect("in range");
    let (brand, channel) = seed(&store, now);
    store
        .read(|c| Ok(c.execute_batch("ANALYZE")?))
        .expect("analyze");
    let overdue = store
        .read(|c| inbox::overdue_count(c, Some(brand.id), now))
        .expect("count");
    println!("{overdue} of {INTERACTIONS} interactions are overdue");

    c.bench_function("inbox overdue now, 1M interactions", |b| {
        b.iter(|| {
            store
                .read(|c| inbox::overdue_count(c, Some(black_box(brand.id)), black_box(now)))
                .expect("count")
        })
    });
    for (name, view) in [
        ("inbox first page (waiting), 1M interactions", View::Waiting),
        ("inbox first page (overdue), 1M interactions", View::Overdue),
        ("inbox first page (all), 1M interactions", View::All),
    ] {
        let filter = InboxFilter {
            view,
            ..InboxFilter::default()
        };
        c.bench_function(name, |b| {
            b.iter(|| {
                store
                    .read(|c| inbox::list(c, brand.id, black_box(&filter), 0, 50, now))
                    .expect("page")
            })
        });
    }
    c.bench_function("deadline watcher: next wake, 1M interactions", |b| {
        b.iter(|| store.read(alerts::next_wake).expect("next"))
    });

    let heard: Vec<Incoming> = (0..INGEST)
        .map(|i| Incoming {
            channel,
            remote_id: Some(format!("at://did:plc:fresh/app.bsky.feed.post/{i}")),
            url: None,
            source: Source::Mention,
            author: Author {
                handle: format!("new{i}.bsky.social"),
                name: Some("Follower".into()),
                avatar: None,
            },
            text: TEXTS[i % 6].into(),
            language: None,
            received_at: now,
            parent_remote_id: Some(format!("at://did:plc:bakery/app.bsky.feed.post/{i}")),
            parent_text: None,
        })
        .collect();
    let mut group = c.benchmark_group("poller ingest");
    group.sample_size(10);
    group.bench_function("10k new interactions (triage, deadline, insert)", |b| {
        b.iter_batched(
            || {
                // Each round takes in the same 10k as new: the last round's are removed.
                store
                    .write(|tx| {
                        Ok(tx.execute(
                            "DELETE FROM interactions WHERE remote_id LIKE 'at://did:plc:fresh/%'",
                            [],
                        )?)
                    })
                    .expect("reset");
            },
            |()| {
                store
                    .write(|tx| inbox::heard(tx, channel, &heard, None, now))
                    .expect("ingest")
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, inbox);
criterion_main!(benches);
