use proptest::prelude::*;

use super::*;
use crate::posts::tests::{Fixture, fixture, local, now, scheduled};
use crate::posts::{DeliveryStatus, NewPost, Post, PostRecord};
use crate::settings::Language;

fn at(secs_after_now: i64) -> Timestamp {
    Timestamp::from_unix(now().unix() + secs_after_now).expect("in range")
}

/// A post for both channels at `when` (local, Riyadh), made an hour before it.
fn post(f: &Fixture, when: &str) -> Post {
    f.store
        .write(|tx| posts::create(tx, &f.brand, &scheduled(f, "Fresh bread", when), now()))
        .expect("post")
}

fn claim_at(f: &Fixture, when: Timestamp) -> Vec<Outgoing> {
    f.store
        .write(|tx| claim(tx, when, "test", 100))
        .expect("claim")
}

/// Why a network refused a post, as the engine records it.
fn refused() -> Worded {
    Worded {
        en: "Bluesky refused it".into(),
        ar: "رفضه Bluesky".into(),
    }
}

fn status(f: &Fixture, id: PostId) -> PostStatus {
    f.store.read(|c| posts::get(c, id)).expect("post").status
}

#[test]
fn a_post_claimed_by_its_id_leaves_every_other_due_delivery_waiting() {
    let f = fixture();
    let due = post(&f, "2026-11-25 14:00");
    let own = post(&f, "2026-11-26 09:00");
    let claimed = f
        .store
        .write(|tx| claim_post(tx, own.id, "sample"))
        .expect("claim");
    assert_eq!(claimed.len(), 2);
    assert!(claimed.iter().all(|c| c.post.id == own.id));
    // The other post, due, still goes out with the publisher's next claim.
    let next = claim_at(&f, at(3600));
    assert_eq!(next.len(), 2);
    assert!(next.iter().all(|c| c.post.id == due.id));
}

#[test]
fn a_due_post_is_claimed_once_with_a_key_that_survives_retries() {
    let f = fixture();
    // 2026-11-25 14:00 in Riyadh: an hour after `now`.
    let p = post(&f, "2026-11-25 14:00");
    assert!(claim_at(&f, at(3599)).is_empty(), "not due yet");
    let due = f.store.read(next_due).expect("next");
    assert_eq!(due, Some(at(3600)));

    let claimed = claim_at(&f, at(3600));
    assert_eq!(claimed.len(), 2);
    assert!(
        claim_at(&f, at(3600)).is_empty(),
        "a claim is not claimed again"
    );
    let first = &claimed[0];
    assert_eq!(first.post.id, p.id);
    assert_eq!(
        (
            first.attempts,
            first.envelope.text.as_str(),
            first.envelope.language.as_str()
        ),
        (1, "Fresh bread", "en")
    );
    assert_eq!(first.envelope.key.len(), 13);
    assert_ne!(claimed[0].envelope.key, claimed[1].envelope.key);

    let retry = Outcome::RetryAt {
        at: at(3660),
        error: Worded {
            en: "Bluesky answered 503".into(),
            ar: "أجاب Bluesky بـ 503".into(),
        },
    };
    assert!(
        f.store
            .write(|tx| record(tx, first.id, &first.attempt, &retry, at(3601)))
            .expect("record")
    );
    assert_eq!(f.store.read(next_due).expect("next"), Some(at(3660)));
    assert!(
        claim_at(&f, at(3659)).is_empty(),
        "waits for its retry time"
    );
    let again = claim_at(&f, at(3660));
    assert_eq!(again.len(), 1);
    assert_eq!(
        (again[0].attempts, &again[0].envelope.key),
        (2, &first.envelope.key),
        "same key, next attempt"
    );
    // The first attempt's claim is stale: it can no longer record anything.
    let late = Outcome::Published {
        remote_id: "x".into(),
        remote_url: None,
    };
    assert!(
        !f.store
            .write(|tx| record(tx, first.id, &first.attempt, &late, at(3661)))
            .expect("record")
    );
}

#[test]
fn a_posts_status_follows_its_deliveries() {
    let f = fixture();
    let p = post(&f, "2026-11-25 14:00");
    let claimed = claim_at(&f, at(3600));
    let published = Outcome::Published {
        remote_id: "at://did:plc:bakery/app.bsky.feed.post/3k".into(),
        remote_url: Some("https://bsky.app/profile/bakery/post/3k".into()),
    };
    let bluesky = claimed
        .iter()
        .find(|o| o.route.kind == ChannelKind::Bluesky)
        .expect("bluesky");
    let x = claimed
        .iter()
        .find(|o| o.route.kind == ChannelKind::X)
        .expect("x");
    f.store
        .write(|tx| record(tx, bluesky.id, &bluesky.attempt, &published, at(3601)))
        .expect("record");
    assert_eq!(status(&f, p.id), PostStatus::Scheduled, "X is still to go");
    f.store
        .write(|tx| record(tx, x.id, &x.attempt, &Outcome::Reminded, at(3601)))
        .expect("record");
    assert_eq!(
        status(&f, p.id),
        PostStatus::Scheduled,
        "X waits for the person"
    );
    f.store
        .write(|tx| mark_posted(tx, x.id, Some("https://x.com/bakery/status/1"), at(3700)))
        .expect("posted");
    assert_eq!(status(&f, p.id), PostStatus::Published);

    let q = post(&f, "2026-11-25 15:00");
    for o in claim_at(&f, at(7200)) {
        let outcome = if o.route.kind == ChannelKind::Bluesky {
            published.clone()
        } else {
            Outcome::Failed { error: refused() }
        };
        f.store
            .write(|tx| record(tx, o.id, &o.attempt, &outcome, at(7201)))
            .expect("record");
    }
    assert_eq!(status(&f, q.id), PostStatus::PartlyPublished);
    // The person posts the refused one by hand: everything is out.
    let refused = f
        .store
        .read(|c| posts::get(c, q.id))
        .expect("post")
        .deliveries
        .into_iter()
        .find(|d| d.status == DeliveryStatus::Failed)
        .expect("failed");
    f.store
        .write(|tx| mark_posted(tx, refused.id, None, at(7300)))
        .expect("posted");
    assert_eq!(status(&f, q.id), PostStatus::Published);
}

#[test]
fn a_failure_beside_a_reminder_shows_on_the_post_until_posted_by_hand() {
    let f = fixture();
    // Bluesky refuses both posts; X waits for the person.
    let sent = |when: &str, at_secs: i64| {
        let p = post(&f, when);
        let claimed = claim_at(&f, at(at_secs));
        for o in &claimed {
            let outcome = if o.route.kind == ChannelKind::Bluesky {
                Outcome::Failed { error: refused() }
            } else {
                Outcome::Reminded
            };
            f.store
                .write(|tx| record(tx, o.id, &o.attempt, &outcome, at(at_secs + 1)))
                .expect("record");
        }
        let of = |kind| {
            claimed
                .iter()
                .find(|o| o.route.kind == kind)
                .expect("claimed")
                .id
        };
        (p, of(ChannelKind::Bluesky), of(ChannelKind::X))
    };
    let posted = |id, secs| {
        f.store
            .write(|tx| mark_posted(tx, id, None, at(secs)))
            .expect("posted");
    };
    let (p, bluesky, x) = sent("2026-11-25 14:00", 3600);
    assert_eq!(
        status(&f, p.id),
        PostStatus::Failed,
        "nothing is out, and Bluesky refused it: the reminder does not hide that"
    );
    // Why is read in the reader's language, whichever it was recorded in.
    let failed = f.store.read(|c| posts::get(c, p.id)).expect("post");
    let record = |language| PostRecord::of(&failed, &[], language);
    let why = |record: PostRecord| {
        record
            .deliveries
            .into_iter()
            .find_map(|d| d.last_error)
            .expect("why")
    };
    assert_eq!(why(record(Language::En)), "Bluesky refused it");
    assert_eq!(why(record(Language::Ar)), "رفضه Bluesky");
    // Its channel is not connected, so the post offers to connect it; then no more.
    let connected = |f: &Fixture| {
        let post = f.store.read(|c| posts::get(c, p.id)).expect("post");
        let d = post.deliveries.iter().find(|d| d.id == bluesky);
        d.expect("bluesky").connected
    };
    assert!(!connected(&f));
    let endpoint = crate::channels::Endpoint::parse("https://bsky.example", None).expect("url");
    let channel = failed.deliveries.iter().find(|d| d.id == bluesky);
    let channel = channel.expect("bluesky").channel_id;
    f.store
        .write(|tx| crate::channels::connect(tx, channel, None, &endpoint))
        .expect("connect");
    assert!(connected(&f));
    posted(x, 3700);
    assert_eq!(status(&f, p.id), PostStatus::PartlyPublished);
    posted(bluesky, 3800);
    assert_eq!(status(&f, p.id), PostStatus::Published);

    // The refused one posted by hand first: the post waits for the person again.
    let (q, bluesky, x) = sent("2026-11-25 15:00", 7200);
    posted(bluesky, 7300);
    assert_eq!(status(&f, q.id), PostStatus::Scheduled);
    posted(x, 7400);
    assert_eq!(status(&f, q.id), PostStatus::Published);
}

#[test]
fn a_stranded_claim_is_found_again_and_can_be_released() {
    let f = fixture();
    post(&f, "2026-11-25 14:00");
    let claimed = claim_at(&f, at(3600));
    let stranded = f.store.read(stranded).expect("stranded");
    assert_eq!(stranded.len(), 2);
    assert_eq!(stranded[0].envelope.key, claimed[0].envelope.key);
    let o = &stranded[0];
    f.store
        .write(|tx| record(tx, o.id, &o.attempt, &Outcome::Released, at(3700)))
        .expect("record");
    let again = claim_at(&f, at(3700));
    assert_eq!(again.len(), 1);
    assert_eq!(
        (again[0].attempts, &again[0].envelope.key),
        (1, &o.envelope.key),
        "a release is not an attempt"
    );
}

#[test]
fn a_post_later_than_its_brand_allows_is_held_until_the_person_chooses() {
    let f = fixture();
    let p = post(&f, "2026-11-25 14:00");
    let q = post(&f, "2026-11-25 14:30");
    // Majlis comes back at 15:45: the 14:00 post is 105 minutes late, the 14:30 one 75.
    // The brand allows 90 minutes.
    f.store
        .write(|tx| crate::brands::set_hold_late_after(tx, f.brand.id, Some(90), now()))
        .expect("setting");
    let back = at(2 * 3600 + 45 * 60);
    let held = f.store.write(|tx| hold_late(tx, back)).expect("hold");
    assert_eq!(held, vec![p.id]);
    let claimed = claim_at(&f, back);
    assert!(claimed.iter().all(|o| o.post.id == q.id));
    assert_eq!(
        f.store.read(|c| super::held(c, f.brand.id)).expect("held")[0].id,
        p.id
    );

    let sent = f
        .store
        .write(|tx| publish_now(tx, p.id, back))
        .expect("now");
    assert_eq!(sent.at, Some(back));
    assert_eq!(claim_at(&f, back).len(), 2, "it goes out now");
    assert!(matches!(
        f.store.write(|tx| publish_now(tx, p.id, back)),
        Err(Error::PostNotHeld(_))
    ));
}

#[test]
fn each_due_occurrence_of_a_series_goes_out_as_a_post_of_its_own() {
    let f = fixture();
    let weekly = NewPost {
        repeat: Some("FREQ=DAILY;COUNT=3".into()),
        ..scheduled(&f, "Breakfast box", "2026-11-25 14:00")
    };
    let series = f
        .store
        .write(|tx| posts::create(tx, &f.brand, &weekly, now()))
        .expect("series");
    assert_eq!(f.store.read(next_due).expect("next"), Some(at(3600)));
    // Two days later, the first two occurrences are due.
    let later = at(3600 + 86_400);
    assert_eq!(
        f.store
            .write(|tx| release_occurrences(tx, later))
            .expect("released"),
        2
    );
    let claimed = claim_at(&f, later);
    assert_eq!(claimed.len(), 4, "two dates, two channels each");
    assert!(
        claimed
            .iter()
            .all(|o| o.post.id != series.id && o.envelope.text == "Breakfast box")
    );
    assert_eq!(
        f.store.read(next_due).expect("next"),
        Some(at(3600 + 2 * 86_400))
    );
    let _ = local("2026-11-27 14:00");
}

proptest! {
    #[test]
    fn tids_are_13_sortable_characters_ordered_as_their_times(
        a in 0u64..(1 << 53), b in 0u64..(1 << 53), clock in 0u16..1024,
    ) {
        let (ta, tb) = (tid(a, clock), tid(b, clock));
        prop_assert_eq!(ta.len(), 13);
        prop_assert!(ta.chars().all(|c| "234567abcdefghijklmnopqrstuvwxyz".contains(c)));
        prop_assert_eq!(a.cmp(&b), ta.cmp(&tb));
        prop_assert_eq!(tid_micros(&ta), Some(a));
    }
}

#[test]
fn a_held_post_moved_to_a_new_time_is_no_longer_held() {
    let f = fixture();
    let p = post(&f, "2026-11-25 14:00");
    let back = at(3 * 3600);
    assert_eq!(
        f.store.write(|tx| hold_late(tx, back)).expect("hold"),
        vec![p.id]
    );
    f.store
        .write(|tx| posts::reschedule(tx, p.id, f.brand.time_zone, local("2026-11-26 09:00"), back))
        .expect("moved");
    assert!(
        f.store
            .read(|c| super::held(c, f.brand.id))
            .expect("held")
            .is_empty()
    );
}

#[test]
fn a_brand_may_publish_late_posts_however_late_but_not_hold_them_too_soon() {
    let f = fixture();
    post(&f, "2026-11-25 14:00");
    let set = |minutes| {
        f.store
            .write(|tx| crate::brands::set_hold_late_after(tx, f.brand.id, minutes, now()))
    };
    assert!(matches!(set(Some(2)), Err(Error::HoldLateTooShort(5))));
    assert_eq!(set(None).expect("never hold").hold_late_after, None);
    let a_day_late = at(3600 + 86_400);
    assert!(
        f.store
            .write(|tx| hold_late(tx, a_day_late))
            .expect("hold")
            .is_empty()
    );
    assert_eq!(
        claim_at(&f, a_day_late).len(),
        2,
        "it goes out, however late"
    );
}
