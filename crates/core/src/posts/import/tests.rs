use super::*;
use crate::Store;
use crate::brands::{self, NewBrand};
use crate::channels::NewChannel;
use crate::posts::{self, PostFilter, PostIntent, PostRecord, PostStatus};
use crate::settings::Language;

fn now() -> Timestamp {
    // 2026-11-25 13:00 in Riyadh (10:00 UTC).
    Timestamp::from_unix(1_795_600_800).expect("in range")
}

struct Fixture {
    store: Store,
    brand: Brand,
    channels: Vec<ChannelId>,
}

fn fixture() -> Fixture {
    let store = Store::open_in_memory().expect("store");
    let new = NewBrand {
        name: "Rayyan Bakery".into(),
        time_zone: "Asia/Riyadh".into(),
        ..NewBrand::default()
    };
    let brand = store
        .write(|tx| brands::create(tx, &new, now()))
        .expect("brand");
    let channels = [("bluesky", "Bluesky"), ("x", "X")]
        .into_iter()
        .map(|(kind, name)| {
            let new = NewChannel {
                kind: kind.into(),
                name: name.into(),
                handle: None,
            };
            store
                .write(|tx| channels::create(tx, brand.id, &new, now()))
                .expect("channel")
                .id
        })
        .collect();
    Fixture {
        store,
        brand,
        channels,
    }
}

fn run(f: &Fixture, csv: &str, format: CsvFormat, order: DateOrder) -> Result<usize> {
    f.store.write(|tx| {
        import(
            tx,
            &f.brand,
            csv.as_bytes(),
            format,
            order,
            &f.channels,
            now(),
        )
    })
}

fn locals(f: &Fixture) -> Vec<(String, String)> {
    f.store
        .read(|c| posts::list(c, f.brand.id, PostFilter::default()))
        .expect("list")
        .into_iter()
        .map(|p| {
            (
                p.body,
                p.at.map(|at| f.brand.time_zone.local_of(at).to_string())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn imports_hootsuite_rows_in_either_date_order() {
    let f = fixture();
    let dmy = "01/12/2026 09:00,خبز طازج كل صباح,https://rayyan.example/bread\n02/12/2026 18:30,\"Fresh bread, every morning\"\n";
    assert_eq!(
        run(&f, dmy, CsvFormat::Hootsuite, DateOrder::Dmy).expect("imported"),
        2
    );
    let mdy = "12/03/2026 09:00,Third\n";
    assert_eq!(
        run(&f, mdy, CsvFormat::Hootsuite, DateOrder::Mdy).expect("imported"),
        1
    );
    assert_eq!(
        locals(&f),
        [
            (
                "خبز طازج كل صباح".to_owned(),
                "2026-12-01 09:00:00".to_owned()
            ),
            (
                "Fresh bread, every morning".to_owned(),
                "2026-12-02 18:30:00".to_owned()
            ),
            ("Third".to_owned(), "2026-12-03 09:00:00".to_owned()),
        ]
    );
    let first = f
        .store
        .read(|c| posts::list(c, f.brand.id, PostFilter::default()))
        .expect("list")
        .remove(0);
    assert_eq!(first.link.as_deref(), Some("https://rayyan.example/bread"));
    assert_eq!(first.deliveries.len(), 2);
    assert_eq!(first.status, PostStatus::Scheduled);
}

#[test]
fn imports_sprout_rows_by_their_header_names() {
    let f = fixture();
    let csv = "network,date,time_24hr,message_text,tags\nx,31/12/2026,23:30,سنة جديدة سعيدة 🎉,x\n";
    assert_eq!(
        run(&f, csv, CsvFormat::Sprout, DateOrder::Dmy).expect("imported"),
        1
    );
    assert_eq!(
        locals(&f),
        [(
            "سنة جديدة سعيدة 🎉".to_owned(),
            "2026-12-31 23:30:00".to_owned()
        )]
    );
}

#[test]
fn a_file_with_bad_rows_imports_nothing_and_names_every_bad_row() {
    let f = fixture();
    let csv = format!(
        "01/12/2026 09:00,Good\n31/02/2026 09:00,Bad date\n02/12/2026 09:00,\n01/01/2020 09:00,In the past\n03/12/2026 09:00,{}\n",
        "ب".repeat(290)
    );
    let err = run(&f, &csv, CsvFormat::Hootsuite, DateOrder::Dmy).expect_err("rejected");
    let Error::ImportRejected(problems) = &err else {
        panic!("not a rejection: {err}")
    };
    let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 3, 4, 5]);
    assert!(
        problems[0].why.to_string().contains("31/02/2026 09:00"),
        "{}",
        problems[0].why.to_string()
    );
    assert!(
        problems[1].why.to_string().contains("no text"),
        "{}",
        problems[1].why.to_string()
    );
    assert!(
        problems[2].why.to_string().contains("already passed"),
        "{}",
        problems[2].why.to_string()
    );
    assert!(
        problems[3]
            .why
            .to_string()
            .contains("too long for X: 290 of 280"),
        "{}",
        problems[3].why.to_string()
    );
    // The same reasons, named with what they name, for the window's own words.
    let whys: Vec<&Why> = problems.iter().map(|p| &p.why).collect();
    assert_eq!(
        whys,
        [
            &Why::NotDateTime {
                text: "31/02/2026 09:00".into(),
                example: "31/12/2026 09:00".into()
            },
            &Why::NoText,
            &Why::Passed {
                at: "2020-01-01 09:00".into()
            },
            &Why::TooLong {
                channel: "X".into(),
                used: 290,
                limit: 280
            },
        ]
    );
    assert_eq!(err.code(), "import_rejected");
    assert!(locals(&f).is_empty(), "nothing imported");
}

#[test]
fn majlis_csv_round_trips_through_export() {
    let f = fixture();
    run(
        &f,
        "01/12/2026 09:00,\"First, with a comma\"\n02/12/2026 18:30,\"سطران\nفي منشور\"\n",
        CsvFormat::Hootsuite,
        DateOrder::Dmy,
    )
    .expect("seed");
    let draft = NewPost {
        body: "Idea".into(),
        intent: PostIntent::Draft,
        notes: "Noura: say which days, please\nملاحظة ثانية, بفاصلة".into(),
        ..NewPost::default()
    };
    f.store
        .write(|tx| posts::create(tx, &f.brand, &draft, now()))
        .expect("draft");
    let mut exported = Vec::new();
    f.store
        .read(|c| posts::export_csv(c, &f.brand, &mut exported))
        .expect("export");

    let copy = fixture();
    let csv = String::from_utf8(exported).expect("utf-8");
    assert_eq!(
        run(&copy, &csv, CsvFormat::Majlis, DateOrder::Dmy).expect("imported"),
        3
    );
    let records = |f: &Fixture| -> Vec<PostRecord> {
        let posts = f
            .store
            .read(|c| posts::list(c, f.brand.id, PostFilter::default()))
            .expect("list");
        posts
            .iter()
            .map(|p| PostRecord {
                id: 0,
                ..PostRecord::of(p, &[], Language::En)
            })
            .collect()
    };
    assert_eq!(records(&copy), records(&f));

    // A file exported before notes were (no such column) reads as without notes.
    let before = "id,status,body,link,category,at_utc,at_local,zone,repeat,deliveries\n\
                  1,draft,Idea,,,,,Asia/Riyadh,,\n";
    let older = fixture();
    assert_eq!(
        run(&older, before, CsvFormat::Majlis, DateOrder::Dmy).expect("imported"),
        1
    );
    assert_eq!(records(&older)[0].notes, "");
}

#[test]
fn the_majlis_format_names_unknown_channels_and_categories() {
    let f = fixture();
    let csv = "id,status,body,link,category,at_utc,at_local,zone,repeat,deliveries\n\
               1,scheduled,Hello,,Giveaway,,2026-12-01 09:00,Asia/Riyadh,,\"[{\"\"channel\"\":\"\"X\"\",\"\"text\"\":\"\"Hello\"\",\"\"status\"\":\"\"pending\"\"}]\"\n\
               2,scheduled,Hi,,,,2026-12-01 10:00,Asia/Riyadh,,\"[{\"\"channel\"\":\"\"Telegram\"\",\"\"text\"\":\"\"Hi\"\",\"\"status\"\":\"\"pending\"\"}]\"\n";
    let Err(Error::ImportRejected(problems)) = run(&f, csv, CsvFormat::Majlis, DateOrder::Dmy)
    else {
        panic!("should be rejected")
    };
    assert!(
        problems[0].why.to_string().contains("Giveaway"),
        "{problems:?}"
    );
    assert!(
        problems[1].why.to_string().contains("Telegram"),
        "{problems:?}"
    );
}

#[test]
fn the_majlis_format_names_a_bad_time_and_bad_deliveries_as_reasons_the_window_words() {
    let f = fixture();
    let csv = "id,status,body,link,category,at_utc,at_local,zone,repeat,deliveries\n\
               1,scheduled,Hello,,,,tomorrow 9am,Asia/Riyadh,,\n\
               2,scheduled,Hi,,,,2026-12-01 10:00,Asia/Riyadh,,\"[{\"\"channel\"\":\"\n";
    let Err(Error::ImportRejected(problems)) = run(&f, csv, CsvFormat::Majlis, DateOrder::Dmy)
    else {
        panic!("should be rejected")
    };
    assert_eq!(
        problems[0].why,
        Why::NotWhen {
            column: "at_local".into(),
            text: "tomorrow 9am".into()
        }
    );
    assert!(
        matches!(&problems[1].why, Why::NotJson { column, .. } if column == "deliveries"),
        "{problems:?}"
    );
    assert!(
        problems[1]
            .why
            .to_string()
            .starts_with("deliveries is not valid JSON: "),
        "{}",
        problems[1].why
    );
}

#[test]
fn the_preview_shows_good_rows_and_problems_and_writes_nothing() {
    let f = fixture();
    let csv = "01/12/2026 09:00,صباح الخير\n31/02/2026 09:00,Bad date\n";
    let preview = f
        .store
        .read(|c| {
            preview(
                c,
                &f.brand,
                csv.as_bytes(),
                CsvFormat::Hootsuite,
                DateOrder::Dmy,
                &f.channels,
                now(),
            )
        })
        .expect("preview");
    assert_eq!(
        preview.rows,
        [PreviewRow {
            line: 1,
            at_local: Some("2026-12-01 09:00".into()),
            body: "صباح الخير".into()
        }]
    );
    assert_eq!(preview.problems.len(), 1);
    assert_eq!(preview.problems[0].line, 2);
    assert!(locals(&f).is_empty());
}
