//! All insights for one brand over a year with 200,000 interactions (budget: median
//! ≤ 200 ms): its responsiveness (by channel, kind and week, on a business-hours clock)
//! and its topics (recurring, emerging, groups).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use majlis_core::Store;
use majlis_core::brands::{self, NewBrand};
use majlis_core::channels::{self, NewChannel};
use majlis_core::inbox::{self, policy::BusinessHours, policy::ReplyPolicy};
use majlis_core::insights::report::Report;
use majlis_core::insights::{Period, response, topics};
use majlis_core::settings::Language;
use majlis_core::time::Timestamp;
use rusqlite::params;

const INTERACTIONS: i64 = 200_000;

const TEXTS: [(&str, &str); 10] = [
    ("Where is my order? It never arrived", "complaint"),
    ("متى تفتحون يوم الجمعة؟", "question"),
    ("Loved the cinnamon rolls 😍", "praise"),
    ("الخبز كان بارد وناقص للأسف", "complaint"),
    ("Do you deliver to Al Olaya?", "question"),
    ("ياليت توفرون خبز الشعير", "feedback"),
    ("The croissants were stale this morning", "complaint"),
    ("Can I order a birthday cake for Thursday?", "question"),
    ("Please open a branch in Jeddah", "feedback"),
    ("شكرا على الخدمة الرائعة", "praise"),
];

fn all_insights(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("bench.db")).expect("store");
    let now = Timestamp::from_unix(1_795_600_800).expect("in range"); // 2026-11-25
    let brand = store
        .write(|tx| {
            let new = NewBrand {
                name: "Bench Bakery".into(),
                time_zone: "Asia/Riyadh".into(),
                ..NewBrand::default()
            };
            let brand = brands::create(tx, &new, now)?;
            let mut channel_ids = Vec::new();
            for (kind, name) in [
                ("bluesky", "Bluesky"),
                ("instagram", "Instagram"),
                ("x", "X"),
            ] {
                let new = NewChannel {
                    kind: kind.into(),
                    name: name.into(),
                    handle: None,
                };
                channel_ids.push(channels::create(tx, brand.id, &new, now)?.id);
            }
            let policy = ReplyPolicy {
                business_hours: Some(BusinessHours {
                    days: vec![7, 1, 2, 3, 4],
                    opens: "08:00".into(),
                    closes: "22:00".into(),
                }),
                ..ReplyPolicy::default()
            };
            inbox::set_policy(tx, brand.id, &policy)?;
            let mut insert = tx.prepare(
                "INSERT INTO interactions (brand_id, channel_id, source, author_handle, text,
                     received_at, status, kind, priority, deadline, first_response_at, created_at,
                     terms)
                 VALUES (?1, ?2, 'mention', ?3, ?4, ?5, ?6, ?7, 'normal', ?8, ?9, ?5, ?10)",
            )?;
            let span = 365 * 24 * 3600;
            for i in 0..INTERACTIONS {
                let received = now.unix() - span + i * span / INTERACTIONS;
                let (text, kind) = TEXTS[(i % 10) as usize];
                // As the inbox writes them when a message arrives.
                let text = format!("{text} #{}", i % 500);
                let terms = topics::terms(&text).join(" ");
                let answered = (i % 5 != 0).then_some(received + 600 + (i % 17) * 900);
                insert.execute(params![
                    brand.id.0,
                    channel_ids[(i % 3) as usize].0,
                    format!("follower{}", i % 20_000),
                    text,
                    received,
                    if answered.is_some() {
                        "replied"
                    } else {
                        "open"
                    },
                    kind,
                    received + 7_200,
                    answered,
                    terms,
                ])?;
            }
            Ok(brand)
        })
        .expect("seed");
    store
        .read(|c| Ok(c.execute_batch("ANALYZE")?))
        .expect("analyze");
    let year = Period::new(
        NaiveDate::from_ymd_opt(2025, 11, 26).expect("date"),
        NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
    )
    .expect("period");
    c.bench_function(
        "insights: responsiveness, a year of 200k interactions",
        |b| {
            b.iter(|| {
                store
                    .read(|c| response::responsiveness(c, &brand, black_box(year), now))
                    .expect("response")
            })
        },
    );
    c.bench_function("insights: topics, a year of 200k interactions", |b| {
        b.iter(|| {
            store
                .read(|c| topics::topics(c, &brand, black_box(year)))
                .expect("topics")
        })
    });
    // Everything the Insights view and the client report show: responsiveness (with the
    // kinds by week), topics, tags by week and content, as the report gathers them.
    c.bench_function("insights: all, a year of 200k interactions", |b| {
        b.iter(|| {
            store
                .read(|c| Report::gather(c, &brand, black_box(year), Language::En, now))
                .expect("all")
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = all_insights
}
criterion_main!(benches);
