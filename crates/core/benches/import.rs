//! Importing 100k CSV rows against a bare rusqlite insert of the same rows, in one run.
//!
//! Goal (DESIGN.md): the import runs at ≥ 50 % of the bare insert's speed. Both write
//! the same posts and deliveries to a fresh SQLite file in WAL mode; the import also
//! parses the CSV, converts wall-clock times in the brand's zone, measures every text
//! against each channel's rule and checks every row before writing any.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate, NaiveTime};
use majlis_core::Store;
use majlis_core::brands::{self, Brand, NewBrand};
use majlis_core::channels::{self, ChannelId, NewChannel};
use majlis_core::posts::{self, csv::CsvFormat, csv::DateOrder};
use majlis_core::time::Timestamp;
use rusqlite::params;

const ROWS: usize = 100_000;
const RUNS: usize = 5;

fn main() {
    let now = Timestamp::from_unix(1_767_225_600).expect("2026-01-01");
    let first = NaiveDate::from_ymd_opt(2030, 1, 1).expect("date");
    let rows: Vec<(String, String)> = (0..ROWS)
        .map(|i| {
            let day = first
                .checked_add_days(Days::new((i / 48) as u64))
                .expect("date");
            let minutes = (i % 48) as u32 * 30;
            let at =
                day.and_time(NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).expect("time"));
            let body = if i % 2 == 0 {
                format!("خبز طازج كل صباح — عرض رقم {i} 🥖")
            } else {
                format!("Fresh bread every morning, offer {i} 🥖")
            };
            (at.format("%d/%m/%Y %H:%M").to_string(), body)
        })
        .collect();
    let mut csv = Vec::new();
    {
        let mut writer = csv::Writer::from_writer(&mut csv);
        for (at, body) in &rows {
            writer.write_record([at, body]).expect("row");
        }
    }

    let (mut imports, mut bares) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let (store, brand, channels, _dir) = fresh(now);
        let start = Instant::now();
        let count = store
            .write(|tx| {
                posts::import(
                    tx,
                    &brand,
                    csv.as_slice(),
                    CsvFormat::Hootsuite,
                    DateOrder::Dmy,
                    &channels,
                    now,
                )
            })
            .expect("import");
        imports.push(start.elapsed());
        assert_eq!(count, ROWS);

        let (store, brand, channels, _dir) = fresh(now);
        let start = Instant::now();
        bare_insert(&store, &brand, &channels, &rows, now);
        bares.push(start.elapsed());
    }
    let (import, bare) = (median(&mut imports), median(&mut bares));
    let rate = |d: Duration| ROWS as f64 / d.as_secs_f64();
    println!(
        "import of {ROWS} CSV rows: median {import:.2?} ({:.0} rows/s)",
        rate(import)
    );
    println!(
        "bare rusqlite insert of the same rows: median {bare:.2?} ({:.0} rows/s)",
        rate(bare)
    );
    println!(
        "ratio (import speed / bare speed): {:.2}",
        bare.as_secs_f64() / import.as_secs_f64()
    );
}

/// A new database file with the brand and its two channels.
fn fresh(now: Timestamp) -> (Store, Brand, Vec<ChannelId>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("bench.db")).expect("store");
    let (brand, channels) = store
        .write(|tx| {
            let new = NewBrand {
                name: "Bench Bakery".into(),
                time_zone: "Asia/Riyadh".into(),
                ..NewBrand::default()
            };
            let brand = brands::create(tx, &new, now)?;
            let mut ids = Vec::new();
            for (kind, name) in [("bluesky", "Bluesky"), ("x", "X")] {
                let new = NewChannel {
                    kind: kind.into(),
                    name: name.into(),
                    handle: None,
                };
                ids.push(channels::create(tx, brand.id, &new, now)?.id);
            }
            Ok((brand, ids))
        })
        .expect("seed");
    (store, brand, channels, dir)
}

/// The same rows written with prepared statements and nothing else: the floor.
fn bare_insert(
    store: &Store,
    brand: &Brand,
    channels: &[ChannelId],
    rows: &[(String, String)],
    now: Timestamp,
) {
    store
        .write(|tx| {
            let mut post = tx.prepare(
                "INSERT INTO posts (brand_id, body, status, at, zone, created_at, updated_at)
                 VALUES (?1, ?2, 'scheduled', ?3, 'Asia/Riyadh', ?4, ?4)",
            )?;
            let mut delivery = tx.prepare(
                "INSERT INTO deliveries (post_id, channel_id, status) VALUES (?1, ?2, 'pending')",
            )?;
            for (i, (_, body)) in rows.iter().enumerate() {
                post.execute(params![
                    brand.id.0,
                    body,
                    now.unix() + 1_000_000 + i as i64 * 1800,
                    now
                ])?;
                let id = tx.last_insert_rowid();
                for channel in channels {
                    delivery.execute(params![id, channel.0])?;
                }
            }
            Ok(())
        })
        .expect("bare insert");
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}
