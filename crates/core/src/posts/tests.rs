use chrono::NaiveDateTime;
use rstest::rstest;

use super::*;
use crate::Store;
use crate::brands::{self, NewBrand};
use crate::categories;
use crate::channels::{self, NewChannel};
use crate::settings::Language;

pub(crate) fn now() -> Timestamp {
    // 2026-11-25 13:00 in Riyadh (10:00 UTC).
    Timestamp::from_unix(1_795_600_800).expect("in range")
}

/// `secs` seconds after [`now`].
fn now_plus(secs: i64) -> Timestamp {
    Timestamp::from_unix(now().unix() + secs).expect("in range")
}

pub(crate) fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("valid local time")
}

/// A bakery in Riyadh with a Bluesky and an X channel; other modules' tests use it too.
pub(crate) struct Fixture {
    pub(crate) store: Store,
    pub(crate) brand: Brand,
    pub(crate) bluesky: ChannelId,
    pub(crate) x: ChannelId,
}

pub(crate) fn fixture() -> Fixture {
    let store = Store::open_in_memory().expect("store");
    let new = NewBrand {
        name: "Rayyan Bakery".into(),
        time_zone: "Asia/Riyadh".into(),
        ..NewBrand::default()
    };
    let brand = store
        .write(|tx| brands::create(tx, &new, now()))
        .expect("brand");
    let add = |kind: &str, name: &str| {
        let new = NewChannel {
            kind: kind.into(),
            name: name.into(),
            handle: None,
        };
        store
            .write(|tx| channels::create(tx, brand.id, &new, now()))
            .expect("channel")
            .id
    };
    let bluesky = add("bluesky", "Bakery on Bluesky");
    let x = add("x", "Bakery on X");
    Fixture {
        store,
        brand,
        bluesky,
        x,
    }
}

pub(crate) fn scheduled(f: &Fixture, body: &str, at: &str) -> NewPost {
    NewPost {
        channels: vec![f.bluesky, f.x],
        body: body.into(),
        at: Some(local(at)),
        ..NewPost::default()
    }
}

#[test]
fn schedules_a_post_in_the_brands_zone_with_a_delivery_per_channel() {
    let f = fixture();
    let post = f
        .store
        .write(|tx| {
            create(
                tx,
                &f.brand,
                &scheduled(&f, "  خبز طازج كل صباح 🥖 ", "2026-12-01 09:00"),
                now(),
            )
        })
        .expect("scheduled");
    assert_eq!(post.status, PostStatus::Scheduled);
    assert_eq!(post.body, "خبز طازج كل صباح 🥖");
    assert_eq!(post.zone.to_string(), "Asia/Riyadh");
    assert_eq!(
        post.at.map(|t| t.as_utc().to_rfc3339()).as_deref(),
        Some("2026-12-01T06:00:00+00:00")
    );
    let channels: Vec<_> = post
        .deliveries
        .iter()
        .map(|d| (d.channel.to_string(), d.status))
        .collect();
    assert_eq!(
        channels,
        [
            ("Bakery on Bluesky".to_owned(), DeliveryStatus::Pending),
            ("Bakery on X".to_owned(), DeliveryStatus::Pending)
        ]
    );
}

#[test]
fn a_post_can_be_planned_in_another_zone() {
    let f = fixture();
    let new = NewPost {
        zone: Some("Europe/London".into()),
        ..scheduled(&f, "Fresh bread", "2026-12-01 09:00")
    };
    let post = f
        .store
        .write(|tx| create(tx, &f.brand, &new, now()))
        .expect("scheduled");
    assert_eq!(post.zone.to_string(), "Europe/London");
    assert_eq!(
        post.at.map(|t| t.as_utc().to_rfc3339()).as_deref(),
        Some("2026-12-01T09:00:00+00:00")
    );
}

#[test]
fn a_draft_needs_neither_time_nor_channels() {
    let f = fixture();
    let new = NewPost {
        body: "Idea: a Ramadan hours post".into(),
        intent: PostIntent::Draft,
        ..NewPost::default()
    };
    let post = f
        .store
        .write(|tx| create(tx, &f.brand, &new, now()))
        .expect("draft");
    assert_eq!(post.status, PostStatus::Draft);
    assert_eq!(post.at, None);
    assert!(post.deliveries.is_empty());
}

#[rstest]
#[case::empty_body("  ", "2026-12-01 09:00", "post_body_empty")]
#[case::in_the_past("Hello", "2026-11-25 08:59", "post_time_in_past")]
#[case::skipped_time_is_not_a_problem_in_riyadh_but_the_past_is(
    "Hello",
    "2020-01-01 00:00",
    "post_time_in_past"
)]
fn refuses_what_cannot_be_scheduled(#[case] body: &str, #[case] at: &str, #[case] code: &str) {
    let f = fixture();
    let err = f
        .store
        .write(|tx| create(tx, &f.brand, &scheduled(&f, body, at), now()))
        .expect_err("refused");
    assert_eq!(err.code(), code, "{err}");
    assert!(
        f.store
            .read(|c| list(c, f.brand.id, PostFilter::default()))
            .expect("list")
            .is_empty()
    );
}

#[test]
fn refuses_a_text_over_any_channels_limit_naming_the_channel() {
    let f = fixture();
    // 290 Arabic letters fit Bluesky's 300 graphemes and weigh 290 on X, over its 280.
    let err = f
        .store
        .write(|tx| {
            create(
                tx,
                &f.brand,
                &scheduled(&f, &"ب".repeat(290), "2026-12-01 09:00"),
                now(),
            )
        })
        .expect_err("too long for X");
    assert_eq!(err.code(), "post_too_long");
    assert_eq!(
        err.to_string(),
        "the text is too long for Bakery on X: 290 of 280"
    );
}

#[test]
fn refuses_channels_of_another_brand_and_missing_ones() {
    let f = fixture();
    let missing = NewPost {
        channels: vec![],
        ..scheduled(&f, "Hello", "2026-12-01 09:00")
    };
    let err = f
        .store
        .write(|tx| create(tx, &f.brand, &missing, now()))
        .expect_err("no channel");
    assert_eq!(err.code(), "post_channels_missing");
    let foreign = NewPost {
        channels: vec![ChannelId(999)],
        ..scheduled(&f, "Hello", "2026-12-01 09:00")
    };
    let err = f
        .store
        .write(|tx| create(tx, &f.brand, &foreign, now()))
        .expect_err("not the brand's");
    assert_eq!(err.code(), "channel_not_found");
}

#[test]
fn lists_posts_in_a_window_in_time_order_with_undated_drafts_only_when_unbounded() {
    let f = fixture();
    for (body, at) in [
        ("Second", "2026-12-02 09:00"),
        ("First", "2026-12-01 09:00"),
        ("January", "2027-01-05 09:00"),
    ] {
        f.store
            .write(|tx| create(tx, &f.brand, &scheduled(&f, body, at), now()))
            .expect("post");
    }
    let draft = NewPost {
        body: "Draft".into(),
        intent: PostIntent::Draft,
        ..NewPost::default()
    };
    f.store
        .write(|tx| create(tx, &f.brand, &draft, now()))
        .expect("draft");

    let december = PostFilter {
        from: Some(
            f.brand
                .time_zone
                .instant_of(local("2026-12-01 00:00"))
                .expect("t"),
        ),
        to: Some(
            f.brand
                .time_zone
                .instant_of(local("2027-01-01 00:00"))
                .expect("t"),
        ),
    };
    let bodies = |filter| -> Vec<String> {
        f.store
            .read(|c| list(c, f.brand.id, filter))
            .expect("list")
            .into_iter()
            .map(|p| p.body)
            .collect()
    };
    assert_eq!(bodies(december), ["First", "Second"]);
    assert_eq!(
        bodies(PostFilter::default()),
        ["First", "Second", "January", "Draft"]
    );
}

#[test]
fn the_record_shows_utc_local_time_zone_and_delivery_texts() {
    let f = fixture();
    let categories = f
        .store
        .read(|c| categories::list(c, f.brand.id))
        .expect("categories");
    let new = NewPost {
        category: Some(categories[0].id),
        ..scheduled(&f, "Fresh bread", "2026-12-01 09:00")
    };
    let post = f
        .store
        .write(|tx| create(tx, &f.brand, &new, now()))
        .expect("post");
    let record = PostRecord::of(&post, &categories, Language::En);
    assert_eq!(record.at_utc.as_deref(), Some("2026-12-01T06:00:00Z"));
    assert_eq!(record.at_local.as_deref(), Some("2026-12-01 09:00"));
    assert_eq!(record.zone, "Asia/Riyadh");
    assert_eq!(record.category.as_deref(), Some("Promotion"));
    assert_eq!(record.deliveries[1].text, "Fresh bread");
    let json = serde_json::to_value(&record).expect("json");
    assert_eq!(json["deliveries"][0]["status"], "pending");
    assert_eq!(json["status"], "scheduled");
}

#[test]
fn a_scheduled_post_moves_to_a_new_time_ahead_but_not_into_the_past() {
    let f = fixture();
    let post = f
        .store
        .write(|tx| {
            create(
                tx,
                &f.brand,
                &scheduled(&f, "Hello", "2026-12-01 09:00"),
                now(),
            )
        })
        .expect("post");
    let zone = f.brand.time_zone;
    let moved = f
        .store
        .write(|tx| {
            reschedule(tx, post.id, zone, local("2026-12-04 09:00"), now())?;
            get(tx, post.id)
        })
        .expect("moved");
    assert_eq!(
        moved.at.map(|at| zone.local_of(at)),
        Some(local("2026-12-04 09:00"))
    );
    assert_eq!(moved.status, PostStatus::Scheduled);
    let err = f
        .store
        .write(|tx| reschedule(tx, post.id, zone, local("2026-11-01 09:00"), now()))
        .expect_err("past");
    assert_eq!(err.code(), "post_time_in_past");
    let unchanged = f.store.read(|c| get(c, post.id)).expect("get");
    assert_eq!(unchanged.at, moved.at);
}

#[test]
fn a_post_sent_for_approval_waits_until_approved_and_records_who_and_when() {
    let f = fixture();
    let new = NewPost {
        intent: PostIntent::Review,
        ..scheduled(&f, "خصم العيد", "2026-12-01 09:00")
    };
    let post = f
        .store
        .write(|tx| create(tx, &f.brand, &new, now()))
        .expect("in review");
    assert_eq!(post.status, PostStatus::InReview);
    assert!(
        post.deliveries
            .iter()
            .all(|d| d.status == DeliveryStatus::Pending)
    );

    let approved = f
        .store
        .write(|tx| approve(tx, post.id, " Noura ", now()))
        .expect("approved");
    assert_eq!(approved.status, PostStatus::Scheduled);
    assert_eq!(approved.approved_by.as_deref(), Some("Noura"));
    assert_eq!(approved.approved_at, Some(now()));
    let again = f
        .store
        .write(|tx| approve(tx, post.id, "Noura", now()))
        .expect_err("not in review any more");
    assert_eq!(again.code(), "post_not_in_review");
}

#[test]
fn the_posts_waiting_for_approval_are_read_soonest_first_and_approved_together() {
    let f = fixture();
    let review = |body: &str, at: &str| NewPost {
        intent: PostIntent::Review,
        ..scheduled(&f, body, at)
    };
    let plans = [
        review("Eid hours", "2026-12-05 09:00"),
        review("Ramadan hours", "2026-12-02 18:00"),
        review("Friday bake", "2026-12-11 16:00"),
        scheduled(&f, "Already on the schedule", "2026-12-01 10:00"),
    ];
    f.store
        .write(|tx| {
            plans
                .iter()
                .try_for_each(|new| create(tx, &f.brand, new, now()).map(drop))
        })
        .expect("planned");
    // Another brand's post in review is never this brand's to read or approve.
    let other = f
        .store
        .write(|tx| {
            let brand = crate::brands::create(
                tx,
                &crate::brands::NewBrand {
                    name: "Zaytoun Café".into(),
                    time_zone: "Asia/Riyadh".into(),
                    ..crate::brands::NewBrand::default()
                },
                now(),
            )?;
            let channel = channels::create(
                tx,
                brand.id,
                &NewChannel {
                    kind: "x".into(),
                    name: "Café on X".into(),
                    handle: None,
                },
                now(),
            )?;
            let new = NewPost {
                intent: PostIntent::Review,
                body: "Their post".into(),
                at: Some(local("2026-12-02 09:00")),
                channels: vec![channel.id],
                ..NewPost::default()
            };
            create(tx, &brand, &new, now())
        })
        .expect("another brand");
    let waiting = |limit, at| {
        f.store
            .read(|c| in_review(c, f.brand.id, limit, at))
            .expect("in review")
    };
    let first = waiting(2, now());
    let bodies: Vec<&str> = first.posts.iter().map(|p| p.body.as_str()).collect();
    assert_eq!(bodies, ["Ramadan hours", "Eid hours"]);
    assert_eq!((first.total, first.late), (3, 0));
    assert_eq!(waiting(5, now()).posts.len(), 3);

    // Eleven days on, the first two missed their time while they waited: approving all
    // leaves them for the reviewer to give a new time, and approves only as many as the
    // reviewer was shown.
    let later = now_plus(11 * 86_400);
    assert_eq!(waiting(5, later).late, 2);
    let shown_two = f
        .store
        .write(|tx| approve_all(tx, f.brand.id, Some(2), "Noura", later))
        .expect_err("one is ready, not two");
    assert_eq!(shown_two.code(), "approvals_changed");
    let approved = f
        .store
        .write(|tx| approve_all(tx, f.brand.id, Some(1), "Noura", later))
        .expect("approved");
    assert_eq!(approved, 1);
    assert_eq!((waiting(5, later).total, waiting(5, later).late), (2, 2));
    let status = |id| f.store.read(|c| get(c, id)).expect("post");
    assert_eq!(status(other.id).status, PostStatus::InReview);
    let all = f
        .store
        .read(|c| list(c, f.brand.id, PostFilter::default()))
        .expect("list");
    let by = |body: &str| {
        all.iter()
            .find(|p| p.body == body)
            .map(|p| (p.status, p.approved_by.clone()))
    };
    assert_eq!(
        by("Friday bake"),
        Some((PostStatus::Scheduled, Some("Noura".into())))
    );
    assert_eq!(by("Eid hours"), Some((PostStatus::InReview, None)));
    assert_eq!(
        by("Already on the schedule"),
        Some((PostStatus::Scheduled, None))
    );
}

#[test]
fn a_review_is_checked_like_a_schedule_and_can_go_back_to_draft() {
    let f = fixture();
    let too_long = NewPost {
        intent: PostIntent::Review,
        ..scheduled(&f, &"ب".repeat(290), "2026-12-01 09:00")
    };
    let err = f
        .store
        .write(|tx| create(tx, &f.brand, &too_long, now()))
        .expect_err("checked");
    assert_eq!(err.code(), "post_too_long");

    // Sent back with what should change, in the post's notes, under the notes it had;
    // or without a word, the notes as they were.
    let send_back = |notes: &str, change: &str| {
        let new = NewPost {
            intent: PostIntent::Review,
            notes: notes.into(),
            ..scheduled(&f, "Hello", "2026-12-01 09:00")
        };
        let post = f
            .store
            .write(|tx| create(tx, &f.brand, &new, now()))
            .expect("in review");
        let draft = f
            .store
            .write(|tx| return_to_draft(tx, post.id, change, " Noura ", now()))
            .expect("back");
        assert_eq!(draft.status, PostStatus::Draft);
        draft.notes
    };
    assert_eq!(send_back("", " اجعله أقصر "), "Noura: اجعله أقصر");
    assert_eq!(
        send_back("Photo by Abu Khalid", "Name the bakery"),
        "Photo by Abu Khalid\nNoura: Name the bakery"
    );
    assert_eq!(
        send_back("Photo by Abu Khalid", "  "),
        "Photo by Abu Khalid"
    );
}

#[test]
fn approval_that_comes_too_late_leaves_the_post_approved_waiting_for_a_new_time() {
    let f = fixture();
    let new = NewPost {
        intent: PostIntent::Review,
        ..scheduled(&f, "Hello", "2026-11-25 14:00")
    };
    let post = f
        .store
        .write(|tx| create(tx, &f.brand, &new, now()))
        .expect("in review");
    let later = Timestamp::from_unix(now().unix() + 2 * 3600).expect("t");
    let approved = f
        .store
        .write(|tx| approve(tx, post.id, "Noura", later))
        .expect("approved");
    assert_eq!(approved.status, PostStatus::Approved);
}

#[test]
fn a_channel_can_have_its_own_text_measured_against_its_own_limit() {
    let f = fixture();
    let long = "خبز طازج ".repeat(32); // 287 once trimmed: over X's 280, within Bluesky's 300
    let mut new = scheduled(&f, &long, "2026-12-01 09:00");
    // The body is too long for X, but X gets a short variant of its own.
    new.variants = vec![
        Variant {
            channel: f.x,
            text: "Fresh bread at 9 🥖".into(),
        },
        Variant {
            channel: f.bluesky,
            text: format!("  {}  ", long.trim()),
        },
    ];
    let post = f
        .store
        .write(|tx| create(tx, &f.brand, &new, now()))
        .expect("fits everywhere");
    let texts: Vec<_> = post
        .deliveries
        .iter()
        .map(|d| (d.channel.to_string(), d.text_or(&post.body).to_owned()))
        .collect();
    assert_eq!(
        texts,
        [
            ("Bakery on Bluesky".into(), long.trim().to_owned()),
            ("Bakery on X".into(), "Fresh bread at 9 🥖".into()),
        ]
    );
    // A copy of the body is no variant at all.
    assert_eq!(post.deliveries[0].text, None);

    new.variants[0].text = format!("{long}{long}");
    let err = f
        .store
        .write(|tx| create(tx, &f.brand, &new, now()))
        .expect_err("the variant is over X's limit");
    assert_eq!(err.code(), "post_too_long");
}

#[test]
fn an_edit_replaces_text_channels_time_and_asks_again_for_approval() {
    let f = fixture();
    let mut new = scheduled(&f, "Soup of the day", "2026-12-01 09:00");
    new.intent = PostIntent::Review;
    let post = f
        .store
        .write(|tx| {
            let post = create(tx, &f.brand, &new, now())?;
            approve(tx, post.id, "Huda", now())
        })
        .expect("approved");
    assert_eq!(post.approved_by.as_deref(), Some("Huda"));

    let edit = NewPost {
        channels: vec![f.x],
        body: "Lentil soup of the day".into(),
        at: Some(local("2026-12-02 12:30")),
        intent: PostIntent::Review,
        variants: vec![Variant {
            channel: f.x,
            text: "Lentil soup 🍲".into(),
        }],
        notes: "  Huda asked for a warmer photo  ".into(),
        ..NewPost::default()
    };
    let edited = f
        .store
        .write(|tx| update(tx, post.id, &edit, now()))
        .expect("edited");
    assert_eq!(edited.id, post.id);
    assert_eq!(edited.body, "Lentil soup of the day");
    assert_eq!(edited.status, PostStatus::InReview);
    assert_eq!(edited.approved_by, None);
    assert_eq!(edited.notes, "Huda asked for a warmer photo");
    assert_eq!(
        edited.at.map(|at| f.brand.time_zone.local_of(at)),
        Some(local("2026-12-02 12:30"))
    );
    let deliveries: Vec<_> = edited
        .deliveries
        .iter()
        .map(|d| (d.channel_id, d.text.clone()))
        .collect();
    assert_eq!(deliveries, [(f.x, Some("Lentil soup 🍲".to_owned()))]);
}

/// "Soup" on both channels, scheduled for 1 December 09:00.
fn soup(f: &Fixture) -> Post {
    f.store
        .write(|tx| {
            create(
                tx,
                &f.brand,
                &scheduled(f, "Soup", "2026-12-01 09:00"),
                now(),
            )
        })
        .expect("post")
}

/// Marks a post published, as the publisher (a later issue) will.
fn went_out(f: &Fixture, id: PostId) {
    f.store
        .write(|tx| {
            tx.execute(
                "UPDATE posts SET status = 'published' WHERE id = ?1",
                [id.0],
            )?;
            Ok(())
        })
        .expect("published");
}

#[test]
fn a_bad_edit_changes_nothing_and_a_post_that_went_out_cannot_change() {
    let f = fixture();
    let post = soup(&f);
    let empty = NewPost {
        body: "  ".into(),
        ..scheduled(&f, "", "2026-12-01 09:00")
    };
    let err = f
        .store
        .write(|tx| update(tx, post.id, &empty, now()))
        .expect_err("empty");
    assert_eq!(err.code(), "post_body_empty");
    let kept = f.store.read(|c| get(c, post.id)).expect("post");
    assert_eq!(kept, post);

    went_out(&f, post.id);
    let err = f
        .store
        .write(|tx| {
            update(
                tx,
                post.id,
                &scheduled(&f, "Soup!", "2026-12-01 09:00"),
                now(),
            )
        })
        .expect_err("out");
    assert_eq!(err.code(), "post_already_out");
}

#[test]
fn pictures_go_with_a_post_within_each_networks_limit() {
    let f = fixture();
    let dir = tempfile::tempdir().expect("dir");
    let picture = |n: u8| {
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        png.push(n);
        NewMedia {
            file: media::store(dir.path(), "p.png", &png)
                .expect("stored")
                .file,
            alt: format!("picture {n}"),
            thumbnail: Some("data:image/jpeg;base64,AAAA".into()),
        }
    };
    let mut new = scheduled(&f, "Five loaves", "2026-12-01 09:00");
    new.media = (1..=5).map(picture).collect();
    let err = f
        .store
        .write(|tx| create(tx, &f.brand, &new, now()))
        .expect_err("X takes four");
    assert_eq!(err.code(), "too_many_media");
    assert!(err.to_string().contains("Bakery on Bluesky"), "{err}");

    new.media.truncate(2);
    let post = f
        .store
        .write(|tx| create(tx, &f.brand, &new, now()))
        .expect("two fit");
    let alts: Vec<_> = post.media.iter().map(|m| m.alt.as_str()).collect();
    assert_eq!(alts, ["picture 1", "picture 2"]);
    assert_eq!(
        f.store.read(|c| get(c, post.id)).expect("post").media,
        post.media
    );

    // An edit reorders and replaces them; a draft may hold more than a network takes.
    new.media = vec![picture(2), picture(1), picture(3), picture(4), picture(5)];
    new.intent = PostIntent::Draft;
    let edited = f
        .store
        .write(|tx| update(tx, post.id, &new, now()))
        .expect("edited");
    let alts: Vec<_> = edited.media.iter().map(|m| m.alt.as_str()).collect();
    assert_eq!(
        alts,
        [
            "picture 2",
            "picture 1",
            "picture 3",
            "picture 4",
            "picture 5"
        ]
    );
}

#[test]
fn a_cancelled_post_stays_in_the_history_and_leaves_the_calendar() {
    let f = fixture();
    let post = soup(&f);
    f.store
        .write(|tx| cancel(tx, post.id, now()))
        .expect("cancelled");
    let cancelled = f.store.read(|c| get(c, post.id)).expect("get");
    assert_eq!(cancelled.status, PostStatus::Cancelled);
    assert!(
        cancelled
            .deliveries
            .iter()
            .all(|d| d.status == DeliveryStatus::Cancelled)
    );
    let december = |d| chrono::NaiveDate::from_ymd_opt(2026, 12, d).expect("date");
    let shown = |filter| {
        f.store
            .read(|c| crate::calendar::items(c, &f.brand, december(1), december(2), filter))
            .expect("items")
            .len()
    };
    assert_eq!(shown(crate::calendar::CalendarFilter::default()), 0);
    let only_cancelled = crate::calendar::CalendarFilter {
        status: Some(PostStatus::Cancelled),
        ..Default::default()
    };
    assert_eq!(shown(only_cancelled), 1);

    went_out(&f, post.id);
    let err = f
        .store
        .write(|tx| cancel(tx, post.id, now()))
        .expect_err("out");
    assert_eq!(err.code(), "post_already_out");
}

#[test]
fn a_cancelled_post_is_taken_back_as_it_was() {
    let f = fixture();
    let post = soup(&f);
    f.store
        .write(|tx| {
            tx.execute(
                "UPDATE deliveries SET status = 'reminded' WHERE id = ?1",
                [post.deliveries[0].id.0],
            )?;
            Ok(())
        })
        .expect("reminded");
    let was = f.store.read(|c| get(c, post.id)).expect("get");
    let called_off = f
        .store
        .write(|tx| cancel(tx, post.id, now()))
        .expect("cancelled");
    let back = f
        .store
        .write(|tx| uncancel(tx, &called_off, now()))
        .expect("taken back");
    assert_eq!(back.status, was.status);
    assert_eq!(back.deliveries, was.deliveries);

    // Only once, and not from a second cancelling (which found it cancelled).
    let changed = |called_off: &CalledOff| {
        f.store
            .write(|tx| uncancel(tx, called_off, now()))
            .expect_err("changed since")
            .code()
    };
    assert_eq!(changed(&called_off), "changed_since");
    f.store
        .write(|tx| cancel(tx, post.id, now()))
        .expect("cancelled");
    let twice = f
        .store
        .write(|tx| cancel(tx, post.id, now()))
        .expect("cancelled again");
    assert_eq!(changed(&twice), "changed_since");

    // A post going out this moment is not called off.
    let f = fixture();
    let post = soup(&f);
    f.store
        .write(|tx| {
            tx.execute(
                "UPDATE deliveries SET status = 'publishing' WHERE id = ?1",
                [post.deliveries[0].id.0],
            )?;
            Ok(())
        })
        .expect("publishing");
    assert_eq!(
        f.store
            .write(|tx| cancel(tx, post.id, now()))
            .expect_err("going out")
            .code(),
        "post_being_sent"
    );
}

#[test]
fn a_moved_post_goes_back_to_its_time_and_hold() {
    let f = fixture();
    let post = soup(&f);
    let zone = f.brand.time_zone;
    f.store
        .write(|tx| {
            tx.execute("UPDATE posts SET held = 1 WHERE id = ?1", [post.id.0])?;
            Ok(())
        })
        .expect("held");
    let moved = f
        .store
        .write(|tx| reschedule(tx, post.id, zone, local("2026-12-04 09:00"), now()))
        .expect("moved");
    let is_held = || {
        f.store
            .read(|c| {
                Ok(
                    c.query_row("SELECT held FROM posts WHERE id = ?1", [post.id.0], |r| {
                        r.get::<_, bool>(0)
                    })?,
                )
            })
            .expect("held")
    };
    assert!(!is_held());
    let back = f
        .store
        .write(|tx| move_back(tx, &moved, now()))
        .expect("moved back");
    assert_eq!(back.at, post.at);
    assert!(is_held());
    // Called off since: the move is not taken back.
    let moved = f
        .store
        .write(|tx| reschedule(tx, post.id, zone, local("2026-12-04 09:00"), now_plus(60)))
        .expect("moved");
    f.store
        .write(|tx| cancel(tx, post.id, now_plus(120)))
        .expect("cancelled");
    assert_eq!(
        f.store
            .write(|tx| move_back(tx, &moved, now_plus(180)))
            .expect_err("cancelled since")
            .code(),
        "changed_since"
    );
    let post = soup(&f);
    let moved = f
        .store
        .write(|tx| reschedule(tx, post.id, zone, local("2026-12-04 09:00"), now()))
        .expect("moved");
    // Moved again since: the old step has nothing to take back.
    f.store
        .write(|tx| reschedule(tx, post.id, zone, local("2026-12-05 09:00"), now()))
        .expect("moved again");
    assert_eq!(
        f.store
            .write(|tx| move_back(tx, &moved, now()))
            .expect_err("changed since")
            .code(),
        "changed_since"
    );
}

#[test]
fn the_link_counts_in_the_length_because_it_goes_out_with_the_text() {
    let f = fixture();
    let text = "ب".repeat(280);
    let fits = scheduled(&f, &text, "2026-12-01 09:00");
    f.store
        .write(|tx| create(tx, &f.brand, &fits, now()))
        .expect("280 of Bluesky's 300");
    let linked = NewPost {
        link: Some("https://rayyan.example/menu/eid".into()),
        ..scheduled(&f, &text, "2026-12-01 10:00")
    };
    let refused = f.store.write(|tx| create(tx, &f.brand, &linked, now()));
    assert!(
        matches!(
            &refused,
            Err(Error::PostTooLong {
                used: 312,
                limit: 300,
                ..
            })
        ),
        "{refused:?}"
    );
    assert_eq!(
        with_link("خبز ", Some(" https://rayyan.example ")),
        "خبز\nhttps://rayyan.example"
    );
    assert_eq!(
        with_link("See https://rayyan.example", Some("https://rayyan.example")),
        "See https://rayyan.example"
    );
}

#[rstest]
#[case::moved(true)]
#[case::called_off(false)]
fn a_series_date_taken_back_is_the_series_again(#[case] moved: bool) {
    let f = fixture();
    let weekly = NewPost {
        repeat: Some("FREQ=WEEKLY;COUNT=4".into()),
        ..scheduled(&f, "Friday bake", "2026-11-27 16:00")
    };
    let series = f
        .store
        .write(|tx| create(tx, &f.brand, &weekly, now()))
        .expect("series");
    let date = local("2026-12-04 16:00");
    let step = |at: Timestamp| {
        f.store
            .write(|tx| {
                let detached = detach(tx, series.id, date, at)?;
                if moved {
                    reschedule(
                        tx,
                        detached.single,
                        f.brand.time_zone,
                        local("2026-12-05 10:00"),
                        at,
                    )?;
                } else {
                    cancel(tx, detached.single, at)?;
                }
                Ok(detached)
            })
            .expect("step")
    };
    let detached = step(now());
    let back = f
        .store
        .write(|tx| rejoin(tx, &detached, now_plus(5)))
        .expect("taken back");
    assert!(back.skipped.is_empty(), "the series plans that date again");
    let gone = f.store.read(|c| get(c, detached.single)).expect_err("gone");
    assert_eq!(gone.code(), "post_not_found");
    assert_eq!(
        f.store
            .write(|tx| rejoin(tx, &detached, now_plus(10)))
            .expect_err("only once")
            .code(),
        "post_not_found"
    );

    // The date on its way out, back in the series by other means, or either changed
    // since (the date edited, the whole series edited): the step stays.
    let by_hand = |sql: &str, id: PostId| {
        f.store
            .write(|tx| {
                tx.execute(sql, [id.0])?;
                Ok(())
            })
            .expect("by hand");
    };
    let refused = |detached: &Detached| {
        f.store
            .write(|tx| rejoin(tx, detached, now_plus(40)))
            .expect_err("refused")
            .code()
    };
    let as_before = |detached: &Detached| {
        by_hand("UPDATE posts SET skipped = '[]' WHERE id = ?1", series.id);
        by_hand("DELETE FROM posts WHERE id = ?1", detached.single);
    };
    // Each change, and whether it is to the date (else to the series).
    let changes = [
        (
            "UPDATE deliveries SET status = 'publishing' WHERE post_id = ?1",
            true,
        ),
        ("UPDATE posts SET skipped = '[]' WHERE id = ?1", false),
        (
            "UPDATE posts SET updated_at = updated_at + 1 WHERE id = ?1",
            true,
        ),
        (
            "UPDATE posts SET updated_at = updated_at + 1 WHERE id = ?1",
            false,
        ),
    ];
    for (at, (sql, to_the_date)) in (20..).zip(changes) {
        let detached = step(now_plus(at));
        let changed = if to_the_date {
            detached.single
        } else {
            detached.series
        };
        by_hand(sql, changed);
        assert_eq!(refused(&detached), "changed_since", "{sql}");
        as_before(&detached);
    }
}
