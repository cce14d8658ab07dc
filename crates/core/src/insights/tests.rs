//! Insights against hand-computed expectations, on a café in New York that answers
//! weekdays 09:00–17:00, over the weekend daylight saving time ends (1 November 2026).

use chrono::NaiveDate;

use super::response::responsiveness;
use super::*;
use crate::Store;
use crate::brands::{self, Brand, NewBrand};
use crate::channels::{self, ChannelId, NewChannel};
use crate::inbox::policy::{BusinessHours, ReplyPolicy};
use crate::inbox::{self, Kind, Status};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// An instant given as New York wall-clock time.
fn ny(brand: &Brand, local: &str) -> Timestamp {
    brand
        .time_zone
        .instant_of(crate::time::parse_local(local).expect("local"))
        .expect("instant")
}

struct Cafe {
    store: Store,
    brand: Brand,
    channel: ChannelId,
}

fn cafe() -> Cafe {
    let store = Store::open_in_memory().expect("store");
    let (brand, channel) = store
        .write(|tx| {
            let new = NewBrand {
                name: "Corner Café".into(),
                time_zone: "America/New_York".into(),
                ..NewBrand::default()
            };
            let brand = brands::create(tx, &new, Timestamp::from_unix(1_790_000_000).expect("t"))?;
            let channel = channels::create(
                tx,
                brand.id,
                &NewChannel {
                    kind: "bluesky".into(),
                    name: "Café on Bluesky".into(),
                    handle: None,
                },
                Timestamp::from_unix(1_790_000_000).expect("t"),
            )?
            .id;
            let policy = ReplyPolicy {
                business_hours: Some(BusinessHours {
                    days: vec![1, 2, 3, 4, 5],
                    opens: "09:00".into(),
                    closes: "17:00".into(),
                }),
                ..ReplyPolicy::default()
            };
            inbox::set_policy(tx, brand.id, &policy)?;
            Ok((brand, channel))
        })
        .expect("cafe");
    Cafe {
        store,
        brand,
        channel,
    }
}

/// A message received at `at` (New York time), answered at `answered`.
fn message(cafe: &Cafe, n: u32, text: &str, at: &str, answered: Option<&str>) -> Kind {
    cafe.store
        .write(|tx| {
            let said = inbox::manual(
                cafe.channel,
                &format!("guest{n}"),
                text,
                ny(&cafe.brand, at),
            )?;
            let ids = inbox::receive(tx, &cafe.brand, &[said], ny(&cafe.brand, at))?;
            if let Some(answered) = answered {
                inbox::set_status(tx, &ids, Status::Replied, ny(&cafe.brand, answered))?;
            }
            Ok(inbox::get(tx, ids[0])?.kind)
        })
        .expect("message")
}

#[test]
fn response_figures_match_a_hand_count_across_a_weekend_and_the_end_of_dst() {
    let cafe = cafe();
    // Friday 16:30 EDT, answered Monday 09:30 EST: 30 open minutes on Friday, 30 on
    // Monday. Due after two open hours: Monday 10:30. On time.
    let q1 = message(
        &cafe,
        1,
        "What time do you open on Monday?",
        "2026-10-30 16:30",
        Some("2026-11-02 09:30"),
    );
    // A complaint (high priority: half an hour), answered after an hour. Late.
    let c = message(
        &cafe,
        2,
        "My order arrived broken",
        "2026-11-02 10:00",
        Some("2026-11-02 11:00"),
    );
    // A question nobody answered: open, and overdue now.
    let q2 = message(
        &cafe,
        3,
        "When do you open on Sunday?",
        "2026-11-02 12:00",
        None,
    );
    // Saturday: the clock waits for Monday 09:00; answered at 09:15. On time.
    let p = message(
        &cafe,
        4,
        "Thank you, the croissants were amazing!",
        "2026-11-07 10:00",
        Some("2026-11-09 09:15"),
    );
    // Spam does not count.
    message(
        &cafe,
        5,
        "free followers, check my profile",
        "2026-11-03 10:00",
        None,
    );
    // Closed without a reply: received, but no answer was expected.
    let ok = message(&cafe, 6, "ok 👍", "2026-11-03 11:00", None);
    assert_eq!(ok, Kind::Other);
    cafe.store
        .write(|tx| {
            let waiting = inbox::list(
                tx,
                cafe.brand.id,
                &inbox::InboxFilter::default(),
                0,
                50,
                ny(&cafe.brand, "2026-11-03 11:05"),
            )?;
            let ok = waiting
                .items
                .iter()
                .find(|i| i.text == "ok 👍")
                .ok_or(Error::InteractionNotFound(6))?;
            inbox::set_status(
                tx,
                &[ok.id],
                Status::Closed,
                ny(&cafe.brand, "2026-11-03 11:05"),
            )
        })
        .expect("closed");
    assert_eq!(
        (q1, c, q2),
        (Kind::Question, Kind::Complaint, Kind::Question)
    );
    assert_eq!(p, Kind::Praise);

    let now = ny(&cafe.brand, "2026-11-10 12:00");
    let period = Period::new(day("2026-10-26"), day("2026-11-08")).expect("period");
    let report = cafe
        .store
        .read(|c| responsiveness(c, &cafe.brand, period, now))
        .expect("figures");
    let all = &report.overall;
    assert_eq!(
        (all.received, all.expected, all.answered, all.on_time),
        (5, 4, 3, 2)
    );
    assert_eq!(all.response_rate, Some(0.75));
    assert_eq!(all.on_time_rate, Some(0.5));
    // Times 15 min, 60 min, 60 min: the median and the 90th percentile are an hour.
    assert_eq!(
        (all.median_seconds, all.p90_seconds),
        (Some(3600), Some(3600))
    );
    assert_eq!((report.open, report.overdue), (1, 1));

    let weeks: Vec<(&str, u32)> = report
        .by_week
        .iter()
        .map(|w| (w.key.as_str(), w.stats.received))
        .collect();
    assert_eq!(weeks, vec![("2026-10-26", 1), ("2026-11-02", 4)]);
    let kinds: Vec<(&str, u32, Option<i64>)> = report
        .by_kind
        .iter()
        .map(|k| (k.key.as_str(), k.stats.received, k.stats.median_seconds))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("complaint", 1, Some(3600)),
            ("other", 1, None),
            ("praise", 1, Some(900)),
            ("question", 2, Some(3600)),
        ]
    );
    assert_eq!(report.by_channel.len(), 1);
    assert_eq!(report.by_channel[0].stats, report.overall);
}

#[test]
fn a_period_running_backwards_is_refused_and_percentiles_take_the_nearest_rank() {
    assert!(matches!(
        Period::new(day("2026-11-08"), day("2026-11-01")),
        Err(Error::InvalidPeriod { .. })
    ));
    assert!(matches!(
        Period::new(day("2026-11-08"), day("2206-11-08")),
        Err(Error::PeriodTooLong { .. })
    ));
    assert!(Period::new(day("2016-11-09"), day("2026-11-08")).is_ok());
    assert_eq!(nearest_rank(&[], 0.5), None);
    assert_eq!(nearest_rank(&[10], 0.9), Some(10));
    assert_eq!(nearest_rank(&[1, 2, 3, 4], 0.5), Some(2));
    assert_eq!(nearest_rank(&(1..=10).collect::<Vec<_>>(), 0.9), Some(9));
}

#[test]
fn the_content_mix_publishing_reminders_and_the_ugc_funnel_are_counted() {
    use crate::categories;
    use crate::posts::{self, NewPost};
    use crate::ugc;

    let f = crate::posts::tests::fixture();
    let now = crate::posts::tests::now();
    let promo = f
        .store
        .read(|c| categories::find(c, f.brand.id, "Promotion"))
        .map(|c| Some(c.id))
        .expect("a brand starts with a Promotion category");
    let plan = |body: &str, at: &str, category| NewPost {
        category,
        ..crate::posts::tests::scheduled(&f, body, at)
    };
    f.store
        .write(|tx| {
            posts::create(tx, &f.brand, &plan("Sale!", "2026-12-01 09:00", promo), now)?;
            posts::create(
                tx,
                &f.brand,
                &plan("Our bakers", "2026-12-02 09:00", None),
                now,
            )?;
            posts::create(
                tx,
                &f.brand,
                &plan("Weekend sale", "2026-12-03 09:00", promo),
                now,
            )?;
            Ok(())
        })
        .expect("planned");
    // Time passes: the first post went out on Bluesky, failed never, and its X
    // reminder was marked as posted; the second's X reminder was missed.
    let later = Timestamp::from_unix(now.unix() + 9 * 86_400).expect("later");
    f.store
        .write(|tx| {
            tx.execute(
                "UPDATE deliveries SET status = CASE
                     WHEN channel_id = ?1 THEN 'published'
                     WHEN post_id = (SELECT min(id) FROM posts) THEN 'published'
                     ELSE 'reminded' END",
                [f.bluesky.0],
            )?;
            tx.execute(
                "UPDATE deliveries SET status = 'failed'
                 WHERE channel_id = ?1 AND post_id = (SELECT max(id) FROM posts)",
                [f.bluesky.0],
            )?;
            Ok(())
        })
        .expect("went out");
    let found = ugc::Found {
        network: "web".into(),
        url: Some("https://example.com/p/1".into()),
        creator: ugc::Creator {
            handle: "lina".into(),
            ..ugc::Creator::default()
        },
        ..ugc::Found::default()
    };
    f.store
        .write(|tx| {
            let id = ugc::add(tx, f.brand.id, ugc::Origin::Manual, &found, None, None, now)?
                .ok_or(Error::UgcNotFound(0))?;
            let grant = ugc::rights::ManualGrant {
                note: "by email".into(),
                ..ugc::rights::ManualGrant::default()
            };
            ugc::rights::grant_manually(tx, id, &grant, now)
        })
        .expect("ugc");
    // The person's target mix: promotion at most 20 %, community features at least 25 %.
    let feature = f
        .store
        .read(|c| categories::find(c, f.brand.id, "Community feature"))
        .expect("a brand starts with a Community feature category");
    let target = |at_least, at_most| categories::Target { at_least, at_most };
    f.store
        .write(|tx| {
            categories::set_target(
                tx,
                f.brand.id,
                promo.expect("promo"),
                target(None, Some(20)),
            )?;
            categories::set_target(tx, f.brand.id, feature.id, target(Some(25), None))
        })
        .expect("targets");
    let crossed = f
        .store
        .write(|tx| categories::set_target(tx, f.brand.id, feature.id, target(Some(30), Some(10))));
    assert_eq!(crossed.expect_err("crossed").code(), "invalid_target");
    let over = f
        .store
        .write(|tx| categories::set_target(tx, f.brand.id, feature.id, target(None, Some(101))));
    assert_eq!(over.expect_err("over 100").code(), "invalid_target");

    let period = Period::new(day("2026-11-20"), day("2026-12-10")).expect("period");
    let found = f
        .store
        .read(|c| super::content::content(c, &f.brand, period, later))
        .expect("content");
    assert_eq!(found.mix.iter().map(|s| s.posts).sum::<u32>(), 3);
    let mix: Vec<_> = found
        .mix
        .iter()
        .map(|s| (s.category.as_deref(), s.posts, s.standing))
        .collect();
    use crate::categories::Standing::*;
    assert_eq!(
        mix,
        [
            (Some("Promotion"), 2, Some(Over)),
            (None, 1, None),
            (Some("Community feature"), 0, Some(Under)),
        ]
    );
    assert_eq!((found.published, found.failed), (2, 1));
    assert_eq!((found.reminders_done, found.reminders_missed), (1, 2));
    assert_eq!(
        (found.ugc_found, found.ugc_requested, found.ugc_granted),
        (1, 0, 1)
    );
}

mod calendar {
    use chrono::Datelike;
    use proptest::prelude::*;

    use super::*;
    use crate::insights::response::Calendar;

    /// Zones whose clocks change at midnight, by half an hour, or not at all.
    const ZONES: [&str; 6] = [
        "America/New_York",
        "America/Santiago",
        "America/Havana",
        "Asia/Beirut",
        "Australia/Lord_Howe",
        "Asia/Riyadh",
    ];

    proptest! {
        /// The calendar read once gives the same weeks and open seconds as reading the
        /// zone for every message.
        #[test]
        fn the_calendar_counts_as_the_clock_does(
            zone in 0..ZONES.len(),
            days in proptest::collection::vec(1u8..=7, 0..7),
            opens in 0u32..24,
            hours in 0u32..24,
            keep_hours in any::<bool>(),
            start in 1_767_225_600i64..1_798_761_600, // 2026
            length in 0i64..10 * 86_400,
        ) {
            let zone: crate::zone::Zone = ZONES[zone].parse().expect("zone");
            let policy = ReplyPolicy {
                business_hours: keep_hours.then(|| BusinessHours {
                    days,
                    opens: format!("{opens:02}:00"),
                    closes: format!("{:02}:30", (opens + hours) % 24),
                }),
                ..ReplyPolicy::default()
            };
            let calendar = Calendar::new(zone, &policy, day("2025-12-20"), day("2027-01-10"));
            let at = |t: i64| Timestamp::from_unix(t).expect("instant");
            let (start, end) = (at(start), at(start + length));
            prop_assert_eq!(
                calendar.seconds(start.unix(), end.unix()),
                policy.clock().seconds(start, end, zone)
            );
            prop_assert_eq!(
                calendar.seconds(end.unix(), start.unix()),
                policy.clock().seconds(end, start, zone)
            );
            for t in [start, end] {
                let local = zone.local_of(t).date();
                let monday =
                    local - chrono::Days::new(u64::from(local.weekday().num_days_from_monday()));
                prop_assert_eq!(calendar.week(t.unix()), monday);
            }
        }
    }
}
