use chrono::NaiveDateTime;
use proptest::prelude::*;

use super::*;
use crate::Store;
use crate::brands::{self, NewBrand};
use crate::channels::{self, NewChannel};
use crate::posts::{self, NewPost, PostIntent};

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("valid local time")
}

fn time(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").expect("valid time")
}

fn brand_in(store: &Store, zone: &str) -> Brand {
    let new = NewBrand {
        name: format!("Brand in {zone}"),
        time_zone: zone.into(),
        ..NewBrand::default()
    };
    let now = Timestamp::from_unix(0).expect("epoch");
    store
        .write(|tx| brands::create(tx, &new, now))
        .expect("brand")
}

#[test]
fn the_queue_takes_the_next_free_slot_in_the_brands_week() {
    let store = Store::open_in_memory().expect("store");
    let brand = brand_in(&store, "Asia/Riyadh");
    store
        .write(|tx| {
            add(tx, brand.id, Slot::new(Weekday::Tue, time("09:00")))?;
            add(tx, brand.id, Slot::new(Weekday::Thu, time("18:30")))
        })
        .expect("slots");
    // Wednesday 2 December 2026, 10:00 in Riyadh: next is Thursday 18:30.
    let now = brand
        .time_zone
        .instant_of(local("2026-12-02 10:00"))
        .expect("t");
    let next = store.read(|c| next_free(c, &brand, now)).expect("slot");
    assert_eq!(brand.time_zone.local_of(next), local("2026-12-03 18:30"));

    // Once a post takes it, the queue moves on to next Tuesday 09:00.
    let channel = store
        .write(|tx| {
            channels::create(
                tx,
                brand.id,
                &NewChannel {
                    kind: "x".into(),
                    name: "X".into(),
                    handle: None,
                },
                now,
            )
        })
        .expect("channel")
        .id;
    let post = NewPost {
        channels: vec![channel],
        body: "Hi".into(),
        at: Some(local("2026-12-03 18:30")),
        ..NewPost::default()
    };
    store
        .write(|tx| posts::create(tx, &brand, &post, now))
        .expect("post");
    let next = store.read(|c| next_free(c, &brand, now)).expect("slot");
    assert_eq!(brand.time_zone.local_of(next), local("2026-12-08 09:00"));
}

#[test]
fn adding_to_the_queue_fills_slots_in_order() {
    let store = Store::open_in_memory().expect("store");
    let brand = brand_in(&store, "Asia/Riyadh");
    let now = brand
        .time_zone
        .instant_of(local("2026-12-02 10:00"))
        .expect("t");
    let channel = store
        .write(|tx| {
            add(tx, brand.id, Slot::new(Weekday::Wed, time("19:00")))?;
            add(tx, brand.id, Slot::new(Weekday::Thu, time("09:00")))?;
            channels::create(
                tx,
                brand.id,
                &NewChannel {
                    kind: "bluesky".into(),
                    name: "Bluesky".into(),
                    handle: None,
                },
                now,
            )
        })
        .expect("setup")
        .id;
    let new = NewPost {
        channels: vec![channel],
        body: "صباح الخير".into(),
        intent: PostIntent::Draft,
        ..NewPost::default()
    };
    let first = store
        .write(|tx| queue_post(tx, &brand, &new, now))
        .expect("queued");
    let second = store
        .write(|tx| queue_post(tx, &brand, &new, now))
        .expect("queued");
    let locals: Vec<_> = [first, second]
        .iter()
        .map(|p| p.at.map(|at| brand.time_zone.local_of(at)))
        .collect();
    assert_eq!(
        locals,
        [
            Some(local("2026-12-02 19:00")),
            Some(local("2026-12-03 09:00"))
        ]
    );
}

#[test]
fn a_brand_without_slots_is_told_to_add_some() {
    let store = Store::open_in_memory().expect("store");
    let brand = brand_in(&store, "UTC");
    let err = store
        .read(|c| next_free(c, &brand, Timestamp::from_unix(0).expect("t")))
        .expect_err("no slots");
    assert_eq!(err.code(), "no_slots");
}

#[test]
fn a_slot_in_the_spring_gap_moves_forward_by_the_gap() {
    // New York skips 02:00–03:00 on 8 March 2026: a 02:30 slot that day posts at 03:30.
    let store = Store::open_in_memory().expect("store");
    let brand = brand_in(&store, "America/New_York");
    store
        .write(|tx| add(tx, brand.id, Slot::new(Weekday::Sun, time("02:30"))))
        .expect("slot");
    let saturday = brand
        .time_zone
        .instant_of(local("2026-03-07 12:00"))
        .expect("t");
    let next = store
        .read(|c| next_free(c, &brand, saturday))
        .expect("slot");
    assert_eq!(brand.time_zone.local_of(next), local("2026-03-08 03:30"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A daily 09:00 slot posts at 09:00 local every day of the year, in zones that
    /// change clocks both ways (London, New York) and one that does not (Riyadh).
    #[test]
    fn a_daily_slot_keeps_its_wall_clock_time_across_dst(
        zone in prop::sample::select(vec!["Europe/London", "America/New_York", "Asia/Riyadh"]),
        start_day in 0u64..365,
    ) {
        let store = Store::open_in_memory().expect("store");
        let brand = brand_in(&store, zone);
        store.write(|tx| {
            for day in [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun] {
                add(tx, brand.id, Slot::new(day, time("09:00")))?;
            }
            Ok(())
        }).expect("slots");
        let start = local("2026-01-01 12:00").checked_add_days(Days::new(start_day)).expect("date");
        let mut after = brand.time_zone.instant_of(start).expect("t");
        // Walk a fortnight, which crosses a DST change for some start days.
        for _ in 0..14 {
            let next = store.read(|c| next_free(c, &brand, after)).expect("slot");
            prop_assert_eq!(brand.time_zone.local_of(next).time(), time("09:00"));
            let gap_hours = (next.unix() - after.unix()) / 3600;
            prop_assert!((20..=25).contains(&gap_hours) || after == brand.time_zone.instant_of(start).expect("t"));
            after = next;
        }
    }
}

#[test]
fn the_schedule_is_replaced_whole_or_not_at_all_and_slots_come_off() {
    let store = Store::open_in_memory().expect("store");
    let brand = brand_in(&store, "Asia/Riyadh");
    let friday = Slot::new(Weekday::Fri, time("16:00"));
    let sunday = Slot::new(Weekday::Sun, time("09:00"));
    let saved = store
        .write(|tx| set(tx, brand.id, &[sunday, friday, friday]))
        .expect("set");
    assert_eq!(saved, [friday, sunday], "Monday first, duplicates once");

    let bad = Slot {
        weekday: 7,
        minute: 0,
    };
    let err = store
        .write(|tx| set(tx, brand.id, &[friday, bad]))
        .expect_err("no eighth day");
    assert_eq!(err.code(), "invalid_slot");
    assert_eq!(
        store.read(|c| list(c, brand.id)).expect("list"),
        [friday, sunday]
    );

    store
        .write(|tx| remove(tx, brand.id, friday))
        .expect("removed");
    assert_eq!(store.read(|c| list(c, brand.id)).expect("list"), [sunday]);
}
