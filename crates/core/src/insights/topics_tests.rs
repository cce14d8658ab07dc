//! Topics on a labelled bilingual sample (fixtures/voices.csv: messages and the group
//! each belongs to, "-" for none) and on synthetic weeks with a planted spike.

use chrono::NaiveDate;
use rusqlite::params;

use super::Period;
use super::topics::{g2, terms, topics};
use crate::Store;
use crate::brands::{self, Brand, NewBrand};
use crate::channels::{self, ChannelId, NewChannel};
use crate::inbox::InteractionId;
use crate::time::Timestamp;

fn bakery() -> (Store, Brand, ChannelId) {
    let store = Store::open_in_memory().expect("store");
    let t = Timestamp::from_unix(1_790_000_000).expect("t");
    let (brand, channel) = store
        .write(|tx| {
            let new = NewBrand {
                name: "Rayyan Bakery".into(),
                time_zone: "Asia/Riyadh".into(),
                ..NewBrand::default()
            };
            let brand = brands::create(tx, &new, t)?;
            let new = NewChannel {
                kind: "instagram".into(),
                name: "Instagram".into(),
                handle: None,
            };
            let channel = channels::create(tx, brand.id, &new, t)?.id;
            Ok((brand, channel))
        })
        .expect("bakery");
    (store, brand, channel)
}

/// Adds `(text, kind, unix time)` messages; returns their ids in order.
fn said(
    store: &Store,
    brand: &Brand,
    channel: ChannelId,
    messages: &[(&str, &str, i64)],
) -> Vec<InteractionId> {
    store
        .write(|tx| {
            let mut insert = tx.prepare(
                "INSERT INTO interactions (brand_id, channel_id, source, author_handle, text,
                     received_at, status, kind, priority, created_at)
                 VALUES (?1, ?2, 'manual', 'someone', ?3, ?4, 'open', ?5, 'normal', ?4)
                 RETURNING id",
            )?;
            messages
                .iter()
                .map(|(text, kind, at)| {
                    insert
                        .query_row(params![brand.id.0, channel.0, text, at, kind], |r| r.get(0))
                        .map(InteractionId)
                        .map_err(Into::into)
                })
                .collect()
        })
        .expect("said")
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

#[test]
fn terms_fold_case_stop_words_endings_and_the_arabic_article() {
    assert_eq!(terms("My ORDERS were late!!"), vec!["order", "late"]);
    assert_eq!(terms("والطلبات تأخرت كثير"), vec!["طلبات", "تاخرت", "كثير"]);
    // A hyphenated compound is one term: "free" alone would read as its opposite.
    assert_eq!(
        terms("Is it gluten-free? 100% - sure"),
        vec!["gluten-free", "sure"]
    );
    assert_eq!(terms("-well- baked--"), vec!["well", "baked"]);
    assert_eq!(terms("open 24-7, call 050-1234"), vec!["open", "call"]);
}

#[test]
fn near_identical_messages_group_by_their_labels_in_both_languages() {
    let (store, brand, channel) = bakery();
    let noon = Timestamp::from_unix(1_795_600_800).expect("t").unix();
    let mut reader = csv::Reader::from_reader(&include_bytes!("fixtures/voices.csv")[..]);
    let rows: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            (r[0].to_owned(), r[1].to_owned(), r[2].to_owned())
        })
        .collect();
    let messages: Vec<(&str, &str, i64)> = rows
        .iter()
        .enumerate()
        .map(|(n, (_, kind, text))| (text.as_str(), kind.as_str(), noon - n as i64 * 600))
        .collect();
    let ids = said(&store, &brand, channel, &messages);
    let label = |id: &InteractionId| {
        let n = ids.iter().position(|i| i == id).expect("known");
        rows[n].0.as_str()
    };
    let period = Period::new(day("2026-11-20"), day("2026-11-25")).expect("period");
    let found = store.read(|c| topics(c, &brand, period)).expect("topics");
    assert_eq!(found.messages as usize, rows.len());

    // Precision: the share of each group's messages that carry its majority label.
    let (mut right, mut grouped) = (0, 0);
    for group in &found.groups {
        let labels: Vec<&str> = group.interactions.iter().map(label).collect();
        let majority = labels
            .iter()
            .map(|l| labels.iter().filter(|x| *x == l).count())
            .max()
            .unwrap_or(0);
        right += majority;
        grouped += labels.len();
        assert!(
            !labels.contains(&"-"),
            "a lone message was grouped: {labels:?}"
        );
    }
    let precision = right as f64 / grouped as f64;
    println!(
        "groups: {} (precision {precision:.2}): {:?}",
        found.groups.len(),
        found.groups.iter().map(|g| g.count).collect::<Vec<_>>()
    );
    assert!(precision >= 0.9, "precision {precision}");
    // Every labelled group is found (English and Arabic wordings may form two).
    for wanted in ["late", "friday", "gluten", "cold", "barley"] {
        assert!(
            found
                .groups
                .iter()
                .any(|g| g.interactions.iter().all(|i| label(i) == wanted)),
            "no group for {wanted}"
        );
    }
    // The most recurring topics name what people raise, in both languages.
    let recurring: Vec<&str> = found.recurring.iter().map(|t| t.phrase.as_str()).collect();
    for phrase in [
        "order late",
        "open friday",
        "gluten-free bread",
        "الخبز وصل",
    ] {
        assert!(recurring.contains(&phrase), "{phrase} not in {recurring:?}");
    }
}

#[test]
fn a_planted_spike_emerges_and_everyday_talk_does_not() {
    let (store, brand, channel) = bakery();
    // Period ending Wednesday 25 November 2026 (Riyadh): this week is 19–25 November.
    let end = Timestamp::from_unix(1_795_640_400).expect("t").unix(); // 25 Nov 21:00 Riyadh
    let everyday = [
        ("Do you deliver to Olaya?", "question"),
        ("My order is late", "complaint"),
        ("متى تفتحون يوم الجمعة؟", "question"),
        ("Please add barley bread", "feedback"),
        ("الخبز وصل بارد", "complaint"),
    ];
    let mut messages = Vec::new();
    // Nine weeks of everyday talk, ten messages a week.
    for week in 0..9 {
        for n in 0..10 {
            let (text, kind) = everyday[(n + week) % everyday.len()];
            messages.push((
                text,
                kind,
                end - (week as i64 * 7 * 86_400) - n as i64 * 3_600 - 3_600,
            ));
        }
    }
    // This week, the oven burnt the bread: six people say so.
    for n in 0..6 {
        let text = if n % 2 == 0 {
            "The bread tasted burnt today"
        } else {
            "الخبز محروق اليوم"
        };
        messages.push((text, "complaint", end - n * 7_200 - 1_800));
    }
    said(&store, &brand, channel, &messages);
    let period = Period::new(day("2026-10-01"), day("2026-11-25")).expect("period");
    let found = store.read(|c| topics(c, &brand, period)).expect("topics");
    let rising: Vec<&str> = found.emerging.iter().map(|e| e.term.as_str()).collect();
    assert!(
        rising.contains(&"burnt") || rising.contains(&"محروق"),
        "{rising:?}"
    );
    for everyday in ["order", "late", "deliver", "بارد", "barley"] {
        assert!(
            !rising.contains(&everyday),
            "{everyday} is not new: {rising:?}"
        );
    }
    let burnt = found
        .emerging
        .iter()
        .find(|e| e.term == "burnt" || e.term == "محروق")
        .expect("burnt");
    assert!(burnt.g2 >= 10.83);
}

#[test]
fn g2_is_zero_for_equal_rates_and_grows_with_the_gap() {
    assert!(g2(5.0, 50.0, 40.0, 400.0).abs() < 1e-9);
    assert!(g2(10.0, 50.0, 10.0, 400.0) > g2(5.0, 50.0, 10.0, 400.0));
    assert!(
        g2(3.0, 10.0, 0.0, 0.0).abs() < 1e-9,
        "no baseline: no evidence"
    );
}

#[test]
fn a_message_keeps_its_terms_from_when_it_arrived() {
    let (store, brand, channel) = bakery();
    let text = "والطلبات تأخرت كثير، My ORDERS were late";
    let item = crate::inbox::manual(
        channel,
        "sara",
        text,
        Timestamp::from_unix(1_795_600_800).expect("t"),
    )
    .expect("manual");
    let stored: String = store
        .write(|tx| {
            let ids = crate::inbox::receive(
                tx,
                &brand,
                &[item],
                Timestamp::from_unix(1_795_600_800).expect("t"),
            )?;
            Ok(tx.query_row(
                "SELECT terms FROM interactions WHERE id = ?1",
                [ids[0].0],
                |r| r.get(0),
            )?)
        })
        .expect("stored");
    assert_eq!(stored, terms(text).join(" "));
}

#[test]
fn topics_read_as_people_wrote_them_not_as_they_were_counted() {
    let (store, brand, channel) = bakery();
    let noon = Timestamp::from_unix(1_795_600_800).expect("t").unix();
    // Counted as "arriv", "ساعه", "تاخر" and "توصيل"; read as people wrote them, a phrase
    // in the order most wrote it.
    let messages = [
        ("My order arrived late", "complaint", noon - 3_600),
        ("The order arrived late again", "complaint", noon - 7_200),
        (
            "Arrived late, and arriving cold",
            "complaint",
            noon - 10_800,
        ),
        // The newest puts the phrase the way fewer people did: shown as most wrote it.
        ("التوصيل تأخر ساعة كاملة", "complaint", noon - 14_400),
        ("تأخر التوصيل ساعة", "complaint", noon - 18_000),
        ("التوصـيل متأخر", "complaint", noon - 21_600),
        ("تأخر التوصيل مرة ثانية", "complaint", noon - 25_200),
    ];
    said(&store, &brand, channel, &messages);
    let period = Period::new(day("2026-11-01"), day("2026-11-30")).expect("period");
    let found = store.read(|c| topics(c, &brand, period)).expect("topics");
    let phrases: Vec<&str> = found.recurring.iter().map(|t| t.phrase.as_str()).collect();
    // "تأخر التوصيل" and "التوصيل تأخر" are one topic, shown as most wrote it.
    for written in [
        "arrived late",
        "order arrived",
        "ساعة",
        "تأخر التوصيل",
        "التوصيل",
    ] {
        assert!(phrases.contains(&written), "{written} in {phrases:?}");
    }
    assert!(!phrases.contains(&"التوصيل تأخر"), "{phrases:?}");
    let late = found.recurring.iter().find(|t| t.phrase == "تأخر التوصيل");
    assert_eq!(late.map(|t| t.count), Some(3), "in either order");
    assert!(
        !phrases
            .iter()
            .any(|p| p.contains("arriv ") || p.ends_with("arriv") || p.contains("ساعه")),
        "{phrases:?}"
    );
}

#[test]
fn a_topic_in_thousands_of_messages_carries_its_newest_thousand() {
    let (store, brand, channel) = bakery();
    let noon = Timestamp::from_unix(1_795_600_800).expect("t").unix();
    let messages: Vec<(&str, &str, i64)> = (0..1_200)
        .map(|n| ("Delivery was late", "complaint", noon - n * 60))
        .collect();
    let ids = said(&store, &brand, channel, &messages);
    let period = Period::new(day("2026-11-01"), day("2026-11-30")).expect("period");
    let found = store.read(|c| topics(c, &brand, period)).expect("topics");
    let late = found
        .recurring
        .iter()
        .find(|t| t.phrase == "delivery late")
        .expect("delivery late");
    assert_eq!(late.count, 1_200);
    assert_eq!(late.interactions.len(), super::topics::SHOWN);
    assert_eq!(late.interactions.first(), ids.first(), "the newest first");
    let group = found.groups.first().expect("one group of the same words");
    assert_eq!(
        (group.count, group.interactions.len()),
        (1_200, super::topics::SHOWN)
    );
}

#[test]
fn spam_is_left_out_and_the_same_words_of_another_kind_are_another_group() {
    let (store, brand, channel) = bakery();
    let noon = Timestamp::from_unix(1_795_600_800).expect("t").unix();
    let ids = said(
        &store,
        &brand,
        channel,
        &[
            ("Is my order ready?", "question", noon - 600),
            ("is my order ready??", "question", noon - 1_200),
            ("My order is not ready", "complaint", noon - 1_800),
            ("my order is NOT ready!", "complaint", noon - 2_400),
            ("Cheap followers, order now", "complaint", noon - 3_000),
            ("cheap followers order now!!", "complaint", noon - 3_600),
        ],
    );
    // The person marks the last two as spam; their kind stays what triage read.
    store
        .write(|tx| {
            for id in &ids[4..] {
                tx.execute(
                    "UPDATE interactions SET status = 'spam' WHERE id = ?1",
                    [id.0],
                )?;
            }
            Ok(())
        })
        .expect("spam");
    let period = Period::new(day("2026-11-01"), day("2026-11-30")).expect("period");
    let found = store.read(|c| topics(c, &brand, period)).expect("topics");
    assert_eq!(found.messages, 4);
    let groups: Vec<Vec<InteractionId>> = found
        .groups
        .iter()
        .map(|g| g.interactions.clone())
        .collect();
    assert_eq!(groups.len(), 2, "{groups:?}");
    assert!(groups.contains(&vec![ids[0], ids[1]]) && groups.contains(&vec![ids[2], ids[3]]));
}
