use std::collections::HashSet;

use rstest::rstest;

use super::request::{self, OutgoingRequest};
use super::rights::{self, EventKind, ManualGrant, RightsState, Scope};
use super::searches::{self, SearchKind};
use super::terms::{self, Answer, Terms};
use super::*;
use crate::inbox::replies::Sent;
use crate::inbox::{Author, COUNT_AHEAD, Incoming, Source};
use crate::posts::tests::{Fixture, fixture, local, now, scheduled};
use crate::posts::{self, NewPost, PostIntent, PostStatus};
use crate::settings::Language;
use crate::templates::{self, NewTemplate, Variant};
use crate::worded::Worded;

/// The templates' words, asked by Huda.
const HUDA: request::Words<'static> = request::Words::Templates { agent: "Huda" };
/// The templates' words, asked by nobody named.
const NOBODY: request::Words<'static> = request::Words::Templates { agent: "" };

fn at(days: i64) -> Timestamp {
    Timestamp::from_unix(now().unix() + days * 86_400).expect("in range")
}

fn photo(f: &Fixture, n: u32, creator: &str, language: Option<&str>) -> Found {
    Found {
        channel: Some(f.bluesky),
        network: "bluesky".into(),
        remote_id: Some(format!("at://did:plc:{creator}/app.bsky.feed.post/{n}")),
        url: Some(format!("https://bsky.app/profile/{creator}/post/{n}")),
        creator: Creator {
            handle: creator.into(),
            name: None,
            url: None,
        },
        text: "Breakfast at Rayyan #RayyanBakery".into(),
        language: language.map(str::to_owned),
        ..Found::default()
    }
}

fn added(f: &Fixture, found: &Found) -> UgcId {
    f.store
        .write(|tx| add(tx, f.brand.id, Origin::Search, found, None, None, now()))
        .expect("added")
        .expect("new")
}

fn state(f: &Fixture, id: UgcId) -> RightsState {
    f.store.read(|c| get(c, id)).expect("item").state
}

/// Asks for `id`'s rights and records the request as landed at `remote`.
fn asked(f: &Fixture, id: UgcId, remote: &str) -> OutgoingRequest {
    f.store
        .write(|tx| {
            let out = request::begin(tx, id, HUDA, now())?;
            request::record(
                tx,
                &out,
                &Sent::Landed {
                    remote_id: remote.into(),
                    remote_url: Some(format!("https://bsky.app/{remote}")),
                },
                now(),
            )?;
            Ok(out)
        })
        .expect("asked")
}

/// The creator's reply to `parent`, taken into the inbox and read for an answer.
fn answer(f: &Fixture, author: &str, parent: &str, text: &str) -> Vec<UgcId> {
    let reply = Incoming {
        channel: f.bluesky,
        remote_id: Some(format!("at://{author}/reply/{}", text.len())),
        url: Some(format!(
            "https://bsky.app/profile/{author}/post/r{}",
            text.len()
        )),
        source: Source::Reply,
        author: Author {
            handle: author.into(),
            ..Author::default()
        },
        text: text.into(),
        language: None,
        received_at: at(1),
        parent_remote_id: Some(parent.into()),
        parent_text: None,
    };
    f.store
        .write(|tx| {
            let ids = crate::inbox::receive(tx, &f.brand, &[reply], at(1))?;
            rights::hear(tx, &ids, at(1))
        })
        .expect("heard")
}

/// A template for rights requests, titled and filed as given.
fn rights_template(
    f: &Fixture,
    (title, category): (&str, &str),
    english: &str,
    arabic: &str,
) -> templates::Template {
    let new = NewTemplate {
        brand: Some(f.brand.id),
        title: title.into(),
        category: category.into(),
        shortcut: None,
        variants: vec![
            Variant {
                language: "en".into(),
                body: english.into(),
            },
            Variant {
                language: "ar".into(),
                body: arabic.into(),
            },
        ],
    };
    f.store
        .write(|tx| templates::create(tx, &new, now()))
        .expect("template")
}

#[test]
fn the_state_machine_allows_exactly_its_arrows() {
    use RightsState::*;
    let allowed: HashSet<(RightsState, RightsState)> = [
        (Found, Requested),
        (Found, Granted),
        (Found, Declined),
        (Requested, Granted),
        (Requested, Declined),
        (Requested, Expired),
        (Granted, Used),
        (Granted, Revoked),
        (Granted, Expired),
        (Used, Used),
        (Used, Revoked),
        (Used, Expired),
        (Declined, Granted),
        (Expired, Requested),
        (Expired, Granted),
        (Revoked, Granted),
    ]
    .into();
    for from in RightsState::ALL {
        for to in RightsState::ALL {
            assert_eq!(
                from.can_become(to),
                allowed.contains(&(from, to)),
                "{from:?} → {to:?}"
            );
        }
    }
}

#[test]
fn the_person_moves_items_only_where_a_hand_can() {
    use RightsState::*;
    assert_eq!(Found.moves(true), vec![Requested, Granted, Declined]);
    assert_eq!(Found.moves(false), vec![Granted, Declined]);
    assert_eq!(Used.moves(true), vec![Revoked]);
    assert_eq!(Expired.moves(true), vec![Requested, Granted]);
}

#[test]
fn the_same_post_is_on_the_board_once_however_it_is_found() {
    let f = fixture();
    let first = added(&f, &photo(&f, 1, "sara.test", None));
    let again = f
        .store
        .write(|tx| {
            add(
                tx,
                f.brand.id,
                Origin::Search,
                &photo(&f, 1, "sara.test", None),
                None,
                None,
                now(),
            )
        })
        .expect("add");
    assert_eq!(again, None);
    let item = f.store.read(|c| get(c, first)).expect("item");
    assert_eq!(item.state, RightsState::Found);
    assert_eq!(item.creator.handle, "sara.test");
    let trail = f.store.read(|c| rights::trail(c, first)).expect("trail");
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].what, EventKind::Found);
}

#[test]
fn an_interaction_saved_twice_is_one_item() {
    let f = fixture();
    let incoming = Incoming {
        channel: f.bluesky,
        remote_id: Some("at://omar/app.bsky.feed.post/1".into()),
        url: Some("https://bsky.app/profile/omar.test/post/1".into()),
        source: Source::Mention,
        author: Author {
            handle: "omar.test".into(),
            name: Some("Omar".into()),
            avatar: None,
        },
        text: "Look at this cake from @rayyan!".into(),
        language: Some("en".into()),
        received_at: now(),
        parent_remote_id: None,
        parent_text: None,
    };
    let saved = f
        .store
        .write(|tx| {
            let ids = crate::inbox::receive(tx, &f.brand, &[incoming], now())?;
            let first = save_interaction(tx, ids[0], now())?;
            Ok((first, save_interaction(tx, ids[0], now())?))
        })
        .expect("saved");
    assert_eq!(saved.0, saved.1);
    let item = f.store.read(|c| get(c, saved.0)).expect("item");
    assert_eq!(item.origin, Origin::Inbox);
    assert!(item.can_ask, "a Bluesky post Majlis can answer");
    assert_eq!(item.creator.name.as_deref(), Some("Omar"));
    assert_eq!(item.channel_id, Some(f.bluesky));
}

#[rstest]
#[case(
    "https://bsky.app/profile/sara.test/post/3kabc",
    None,
    "bluesky",
    "sara.test"
)]
#[case("https://www.instagram.com/p/Cx1/", Some("@lina"), "web", "lina")]
#[case("https://mastodon.social/@noor/1234", None, "web", "noor")]
fn an_address_added_by_hand_names_its_network_and_creator(
    #[case] url: &str,
    #[case] creator: Option<&str>,
    #[case] network: &str,
    #[case] handle: &str,
) {
    let found = manual(url, creator).expect("found");
    assert_eq!(
        (found.network.as_str(), found.creator.handle.as_str()),
        (network, handle)
    );
}

#[test]
fn an_address_without_a_creator_or_not_on_the_web_is_refused() {
    assert!(matches!(
        manual("https://www.instagram.com/p/Cx1/", None),
        Err(Error::CreatorMissing)
    ));
    assert!(matches!(
        manual("javascript:alert(1)", Some("x")),
        Err(Error::InvalidLink(_))
    ));
}

#[test]
fn requests_rotate_templates_speak_the_creators_language_and_carry_the_terms() {
    let f = fixture();
    f.store
        .write(|tx| {
            let mut t = terms::get(tx, f.brand.id)?;
            t.link = Some("https://rayyan.example/ugc-terms".into());
            terms::set(tx, f.brand.id, &t)
        })
        .expect("terms");
    rights_template(
        &f,
        ("Ask nicely", "Rights request"),
        "Love this, {author_name}! May we share it? Reply {hashtag} to agree.",
        "صورة رائعة يا {author_name}! هل نشاركها؟ ردّ بـ {word} للموافقة.",
    );
    // Filed by its Arabic category, and taken as well.
    rights_template(
        &f,
        ("Ask warmly", "طلب إذن"),
        "{author_name}, this made our day. Could we feature it with credit?",
        "يا {author_name}، أسعدتنا صورتك. هل نعرضها مع ذكر اسمك؟",
    );
    let first = added(&f, &photo(&f, 1, "sara.test", Some("en")));
    let second = added(&f, &photo(&f, 2, "huda.test", Some("ar")));
    let one = asked(&f, first, "at://brand/req/1");
    let two = asked(&f, second, "at://brand/req/2");

    assert!(
        one.envelope.text.starts_with("Love this, Sara!"),
        "{}",
        one.envelope.text
    );
    assert!(one.envelope.text.contains("#YesRayyanBakery"));
    assert!(
        one.envelope
            .text
            .contains("https://rayyan.example/ugc-terms")
    );
    assert_eq!(
        one.envelope.reply_to.as_deref(),
        photo(&f, 1, "sara.test", None).remote_id.as_deref()
    );
    // The other template, in Arabic; the hashtag and terms added in Arabic words.
    assert_ne!(one.template, two.template);
    assert!(
        two.envelope.text.starts_with("يا Huda"),
        "{}",
        two.envelope.text
    );
    assert!(two.envelope.text.contains("ردّ بالوسم #YesRayyanBakery"));
    assert!(
        two.envelope
            .text
            .contains("الشروط: https://rayyan.example/ugc-terms")
    );

    let item = f.store.read(|c| get(c, first)).expect("item");
    assert_eq!(item.state, RightsState::Requested);
    let request = item.request.expect("request");
    assert_eq!(request.sent_at, Some(now()));
    assert!(request.url.is_some());
}

#[test]
fn the_words_shown_before_asking_are_the_words_that_go_out() {
    let f = fixture();
    rights_template(
        &f,
        ("Ask nicely", "Rights request"),
        "Love this, {author_name}!",
        "صورة رائعة يا {author_name}!",
    );
    rights_template(
        &f,
        ("Ask warmly", "rights request"),
        "{author_name}, this made our day.",
        "يا {author_name}، أسعدتنا صورتك.",
    );
    let first = added(&f, &photo(&f, 1, "sara.test", Some("en")));
    let second = added(&f, &photo(&f, 2, "lina.test", Some("en")));
    let preview = |id| f.store.read(|c| request::preview(c, id, "Huda", now()));
    let shown = preview(first).expect("preview");
    assert_eq!(
        preview(first).expect("again"),
        shown,
        "a look uses nothing up"
    );
    assert_eq!(state(&f, first), RightsState::Found);
    assert_eq!(asked(&f, first, "at://brand/req/1").envelope.text, shown);
    // The template just used rotates away from the next item's words too.
    let next = preview(second).expect("preview");
    assert!(next.starts_with("Lina, this made our day."), "{next}");
    assert_eq!(asked(&f, second, "at://brand/req/2").envelope.text, next);
    assert!(matches!(
        preview(first),
        Err(Error::RightsCannotMove { .. })
    ));
}

#[test]
fn a_request_in_the_persons_own_words_still_carries_the_agreement() {
    let f = fixture();
    let english = added(&f, &photo(&f, 1, "sara.test", Some("en")));
    let arabic = added(&f, &photo(&f, 2, "huda.test", Some("ar")));
    let own = |id, words| {
        f.store
            .write(|tx| request::begin(tx, id, request::Words::Own(words), now()))
            .map(|out| out.envelope.text)
    };
    assert!(matches!(own(english, " \n "), Err(Error::ReplyEmpty)));
    assert_eq!(
        own(english, "  Sara, may we share this? #YesRayyanBakery ").expect("begun"),
        "Sara, may we share this? #YesRayyanBakery",
        "the hashtag is there: nothing added"
    );
    assert_eq!(
        own(arabic, "هل نشارك صورتك؟").expect("begun"),
        "هل نشارك صورتك؟\nردّ بالوسم #YesRayyanBakery أو بكلمة «موافق» للموافقة."
    );
    assert_eq!(
        own(arabic, "May we share your photo?").expect("begun"),
        "May we share your photo?\nReply #YesRayyanBakery to agree.",
        "what is added speaks as the words do"
    );
    assert_eq!(
        own(arabic, "📸🤍").expect("begun"),
        "📸🤍\nردّ بالوسم #YesRayyanBakery أو بكلمة «موافق» للموافقة.",
        "without a word, as the creator speaks"
    );
    assert_eq!(
        state(&f, english),
        RightsState::Found,
        "only begun, not sent"
    );
}

#[test]
fn a_request_that_does_not_go_out_keeps_the_item_found_and_its_key() {
    let f = fixture();
    let id = added(&f, &photo(&f, 1, "sara.test", None));
    let first = f
        .store
        .write(|tx| {
            let out = request::begin(tx, id, NOBODY, now())?;
            let down = Worded {
                en: "network down".into(),
                ar: "الشبكة متوقفة".into(),
            };
            request::record(tx, &out, &Sent::Failed(down), now())?;
            Ok(out)
        })
        .expect("failed");
    let item = f.store.read(|c| get(c, id)).expect("item");
    assert_eq!(item.state, RightsState::Found);
    let why = item.request.and_then(|r| r.error).expect("why");
    assert_eq!(why.in_language(Language::Ar), "الشبكة متوقفة");
    let trail = f.store.read(|c| rights::trail(c, id)).expect("trail");
    let failed = trail.last().expect("a step");
    assert_eq!(failed.what, rights::EventKind::RequestFailed);
    assert_eq!(
        (failed.text.as_deref(), failed.why.as_ref()),
        (None, Some(&why))
    );
    assert_eq!(failed.said(Language::Ar), "الشبكة متوقفة");
    let again = f
        .store
        .write(|tx| request::begin(tx, id, NOBODY, now()))
        .expect("again");
    assert_eq!(
        again.envelope.key, first.envelope.key,
        "the same key: never twice"
    );
}

#[test]
fn an_item_without_a_post_to_reply_to_cannot_be_asked() {
    let f = fixture();
    let found = manual("https://www.instagram.com/p/Cx1/", Some("lina")).expect("found");
    let id = f
        .store
        .write(|tx| add(tx, f.brand.id, Origin::Manual, &found, None, None, now()))
        .expect("add")
        .expect("new");
    assert!(matches!(
        f.store.write(|tx| request::begin(tx, id, NOBODY, now())),
        Err(Error::CannotAskOn(_))
    ));
}

#[rstest]
#[case("Sure! #YesRayyanBakery", Some(RightsState::Granted))]
#[case("#yesrayyanbakery 😊", Some(RightsState::Granted))]
#[case("No problem at all #YesRayyanBakery", Some(RightsState::Granted))]
#[case("no thanks, I'd rather not", Some(RightsState::Declined))]
#[case("Please don't share it", Some(RightsState::Declined))]
#[case("موافق طبعًا", Some(RightsState::Granted))]
#[case("غير موافق", Some(RightsState::Declined))]
#[case("لا، شكرًا", Some(RightsState::Declined))]
#[case("Where would you post it?", None)]
fn the_creators_answer_grants_or_declines_with_its_evidence(
    #[case] text: &str,
    #[case] becomes: Option<RightsState>,
) {
    let f = fixture();
    let id = added(&f, &photo(&f, 1, "sara.test", None));
    asked(&f, id, "at://brand/req/1");
    let changed = answer(&f, "sara.test", "at://brand/req/1", text);
    assert_eq!(changed.len(), usize::from(becomes.is_some()));
    let item = f.store.read(|c| get(c, id)).expect("item");
    assert_eq!(item.state, becomes.unwrap_or(RightsState::Requested));
    if becomes == Some(RightsState::Granted) {
        let grant = item.grant.expect("grant");
        assert!(!grant.manual);
        assert_eq!(grant.scope, vec![Scope::Organic]);
        let trail = f.store.read(|c| rights::trail(c, id)).expect("trail");
        let last = trail.last().expect("evidence");
        assert_eq!(
            (last.what, last.text.as_deref()),
            (EventKind::Answer, Some(text))
        );
        assert!(last.url.as_deref().is_some_and(|u| u.contains("sara.test")));
    }
}

#[test]
fn only_the_creator_answering_the_request_counts() {
    let f = fixture();
    let id = added(&f, &photo(&f, 1, "sara.test", None));
    asked(&f, id, "at://brand/req/1");
    assert!(answer(&f, "troll.test", "at://brand/req/1", "#YesRayyanBakery").is_empty());
    assert!(answer(&f, "sara.test", "at://elsewhere/1", "#YesRayyanBakery").is_empty());
    assert_eq!(state(&f, id), RightsState::Requested);
}

#[test]
fn a_post_needs_granted_rights_and_takes_them_into_use() {
    let f = fixture();
    let id = added(&f, &photo(&f, 1, "sara.test", None));
    let with_item = |intent: PostIntent| NewPost {
        ugc: vec![id],
        intent,
        ..scheduled(&f, "Sara's breakfast 📸 @sara.test", "2026-12-10 09:00")
    };
    let refused = f
        .store
        .write(|tx| posts::create(tx, &f.brand, &with_item(PostIntent::Schedule), now()));
    assert!(
        matches!(&refused, Err(Error::UgcNotCleared { creator, state }) if creator == "sara.test" && *state == "found"),
        "{refused:?}"
    );
    // A draft may wait for the answer.
    f.store
        .write(|tx| posts::create(tx, &f.brand, &with_item(PostIntent::Draft), now()))
        .expect("a draft");
    assert_eq!(state(&f, id), RightsState::Found);

    let grant = ManualGrant {
        note: "By email on 24 November".into(),
        scope: vec![Scope::Organic, Scope::Website],
        months: None,
    };
    f.store
        .write(|tx| rights::grant_manually(tx, id, &grant, now()))
        .expect("granted");
    let post = f
        .store
        .write(|tx| posts::create(tx, &f.brand, &with_item(PostIntent::Schedule), now()))
        .expect("scheduled");
    let item = f.store.read(|c| get(c, id)).expect("item");
    assert_eq!(item.state, RightsState::Used);
    assert!(item.used_in.contains(&post.id));
    assert!(item.grant.expect("grant").manual);
}

/// Sara's photo, its use granted in the shop for a month from now.
fn granted_for_a_month() -> (Fixture, UgcId) {
    let f = fixture();
    let id = added(&f, &photo(&f, 1, "sara.test", None));
    let grant = ManualGrant {
        note: "In the shop".into(),
        scope: Vec::new(),
        months: Some(1),
    };
    f.store
        .write(|tx| rights::grant_manually(tx, id, &grant, now()))
        .expect("granted");
    (f, id)
}

/// A post sharing `item`, on the schedule for 20 December (within its month).
fn reposted_soon(f: &Fixture, item: UgcId) -> posts::Post {
    let soon = NewPost {
        ugc: vec![item],
        ..scheduled(f, "Soon", "2026-12-20 09:00")
    };
    f.store
        .write(|tx| posts::create(tx, &f.brand, &soon, now()))
        .expect("scheduled")
}

#[test]
fn a_grant_that_ends_before_the_post_refuses_it_and_expiry_holds_scheduled_posts() {
    let (f, id) = granted_for_a_month();
    let late = NewPost {
        ugc: vec![id],
        ..scheduled(&f, "Too late", "2027-02-01 09:00")
    };
    assert!(matches!(
        f.store
            .write(|tx| posts::create(tx, &f.brand, &late, now())),
        Err(Error::UgcGrantEnds { .. })
    ));
    let post = reposted_soon(&f, id);
    assert_eq!(post.status, PostStatus::Scheduled);

    // Nothing ends before its time...
    assert!(
        f.store
            .write(|tx| rights::expire_due(tx, at(20)))
            .expect("expire")
            .is_empty()
    );
    // ...and the grant's month is over: expired, and the post is held as a draft.
    speaking(&f, crate::settings::LanguageChoice::En);
    let expired = f
        .store
        .write(|tx| rights::expire_due(tx, at(32)))
        .expect("expire");
    assert_eq!(expired, vec![id]);
    let held = f.store.read(|c| posts::get(c, post.id)).expect("post");
    assert_eq!(held.status, PostStatus::Draft);
    assert_eq!(
        held.notes,
        "On hold: the permission to use @sara.test's post ran out."
    );
    let trail = f.store.read(|c| rights::trail(c, id)).expect("trail");
    let step = trail.last().expect("a step");
    assert_eq!((step.what, step.post), (EventKind::PostHeld, Some(post.id)));
    assert_eq!(step.text, None, "the post is the step's, not words");
    assert_eq!(step.said(Language::En), format!("post {}", post.id.0));
    let used = trail.iter().find(|e| e.what == EventKind::Used);
    assert_eq!(used.and_then(|e| e.post), Some(post.id));
}

/// The window speaks `language` from now on.
fn speaking(f: &Fixture, language: crate::settings::LanguageChoice) {
    use crate::settings::{self, PREFERENCES, Preferences};
    let preferences = Preferences {
        language,
        ..Preferences::default()
    };
    f.store
        .write(|tx| settings::set(tx, &PREFERENCES, &preferences))
        .expect("language");
}

#[test]
fn a_post_held_for_a_permission_taken_back_says_so_in_the_windows_language() {
    let (f, id) = granted_for_a_month();
    let post = reposted_soon(&f, id);
    speaking(&f, crate::settings::LanguageChoice::Ar);
    f.store
        .write(|tx| rights::refuse(tx, id, RightsState::Revoked, "", now()))
        .expect("revoked");
    let held = f.store.read(|c| posts::get(c, post.id)).expect("post");
    assert_eq!(held.status, PostStatus::Draft);
    assert_eq!(
        held.notes,
        "موقوف: سُحب إذن استخدام منشور \u{2068}@sara.test\u{2069}."
    );
}

#[test]
fn a_cancelled_repost_comes_back_only_while_its_permission_holds() {
    let (f, id) = granted_for_a_month();
    let post = reposted_soon(&f, id);
    let called_off = f
        .store
        .write(|tx| posts::cancel(tx, post.id, now()))
        .expect("cancelled");
    // The grant's month is over while the post is off the calendar.
    f.store
        .write(|tx| rights::expire_due(tx, at(32)))
        .expect("expire");
    let refused = f.store.write(|tx| posts::uncancel(tx, &called_off, at(32)));
    assert!(
        matches!(&refused, Err(Error::UgcNotCleared { state, .. }) if *state == "expired"),
        "{refused:?}"
    );
}

#[test]
fn a_repost_moves_on_the_calendar_only_within_its_permission() {
    let (f, id) = granted_for_a_month();
    let post = reposted_soon(&f, id);
    let zone = f.brand.time_zone;
    // Dragged past the grant's month: refused, and the post stays where it was.
    let refused = f
        .store
        .write(|tx| posts::reschedule(tx, post.id, zone, local("2027-01-05 09:00"), now()));
    assert!(
        matches!(&refused, Err(Error::UgcGrantEnds { .. })),
        "{refused:?}"
    );
    assert_eq!(
        f.store.read(|c| posts::get(c, post.id)).expect("post").at,
        post.at
    );
    // Within it: moved; and not taken back once the permission is withdrawn (which
    // held the post).
    let moved = f
        .store
        .write(|tx| posts::reschedule(tx, post.id, zone, local("2026-12-22 09:00"), now()))
        .expect("moved");
    f.store
        .write(|tx| rights::refuse(tx, id, RightsState::Revoked, "She asked us to stop", at(1)))
        .expect("revoked");
    let refused = f.store.write(|tx| posts::move_back(tx, &moved, at(1)));
    assert!(matches!(&refused, Err(Error::ChangedSince)), "{refused:?}");
}

#[test]
fn a_request_nobody_answers_expires_after_the_brands_wait() {
    let f = fixture();
    let id = added(&f, &photo(&f, 1, "sara.test", None));
    asked(&f, id, "at://brand/req/1");
    assert!(
        f.store
            .write(|tx| rights::expire_due(tx, at(13)))
            .expect("expire")
            .is_empty()
    );
    assert_eq!(
        f.store
            .write(|tx| rights::expire_due(tx, at(14)))
            .expect("expire"),
        vec![id]
    );
    assert_eq!(state(&f, id), RightsState::Expired);
    // An expired request can be asked again.
    asked(&f, id, "at://brand/req/2");
    assert_eq!(state(&f, id), RightsState::Requested);
}

#[test]
fn a_revoked_grant_holds_its_posts_and_refuses_new_ones() {
    let f = fixture();
    let id = added(&f, &photo(&f, 1, "sara.test", None));
    asked(&f, id, "at://brand/req/1");
    answer(&f, "sara.test", "at://brand/req/1", "#YesRayyanBakery");
    let post = f
        .store
        .write(|tx| {
            posts::create(
                tx,
                &f.brand,
                &NewPost {
                    ugc: vec![id],
                    ..scheduled(&f, "Sara's photo", "2026-12-10 09:00")
                },
                now(),
            )
        })
        .expect("scheduled");
    f.store
        .write(|tx| rights::refuse(tx, id, RightsState::Revoked, "She asked us to stop", now()))
        .expect("revoked");
    assert_eq!(
        f.store
            .read(|c| posts::get(c, post.id))
            .expect("post")
            .status,
        PostStatus::Draft
    );
    // Putting the held post back on the schedule is refused.
    let again = NewPost {
        channels: vec![f.bluesky],
        body: "Sara's photo".into(),
        at: Some(local("2026-12-11 09:00")),
        ..NewPost::default()
    };
    assert!(matches!(
        f.store
            .write(|tx| posts::update(tx, post.id, &again, now())),
        Err(Error::UgcNotCleared { .. })
    ));
    assert!(matches!(
        f.store
            .write(|tx| rights::refuse(tx, id, RightsState::Used, "", now())),
        Err(Error::RightsCannotMove { .. })
    ));
}

#[test]
fn a_manual_grant_needs_its_note() {
    let f = fixture();
    let id = added(&f, &photo(&f, 1, "sara.test", None));
    assert!(matches!(
        f.store
            .write(|tx| rights::grant_manually(tx, id, &ManualGrant::default(), now())),
        Err(Error::GrantNoteMissing)
    ));
}

#[test]
fn terms_start_from_the_brands_name_and_refuse_what_cannot_be_answered() {
    let terms = Terms::default_for("Rayyan Bakery");
    assert_eq!(terms.hashtag, "#YesRayyanBakery");
    let arabic = Terms::default_for("مخبز الريّان");
    assert_eq!(arabic.hashtag, "#نعم_مخبز_الريّان");
    assert_eq!(
        arabic.read_answer("موافقة أكيد #نعم_مخبز_الريان"),
        Some(Answer::Yes)
    );
    assert_eq!(
        terms.credit_for(&Creator {
            handle: "sara.test".into(),
            ..Creator::default()
        }),
        "📸 @sara.test"
    );
    assert_eq!(
        terms.read_answer("yes!! #YesRayyanBakery"),
        Some(Answer::Yes)
    );
    let f = fixture();
    for broken in [
        Terms {
            hashtag: "YesRayyan".into(),
            ..terms.clone()
        },
        Terms {
            credit: "Photo by a follower".into(),
            ..terms.clone()
        },
        Terms {
            link: Some("file:///etc/passwd".into()),
            ..terms.clone()
        },
    ] {
        assert!(
            f.store
                .write(|tx| terms::set(tx, f.brand.id, &broken))
                .is_err(),
            "{broken:?}"
        );
    }
}

#[test]
fn searches_are_one_word_where_they_must_be_and_skip_the_brands_own_posts() {
    let f = fixture();
    assert!(matches!(
        f.store
            .write(|tx| searches::add(tx, f.brand.id, SearchKind::Hashtag, "two words", now())),
        Err(Error::InvalidSearch(
            searches::SearchProblem::NotOneWord { .. }
        ))
    ));
    let search = f
        .store
        .write(|tx| searches::add(tx, f.brand.id, SearchKind::Hashtag, "#RayyanBakery", now()))
        .expect("search");
    assert_eq!(search.label(), "#RayyanBakery");
    assert!(matches!(
        f.store.write(|tx| searches::add(
            tx,
            f.brand.id,
            SearchKind::Hashtag,
            "RayyanBakery",
            now()
        )),
        Err(Error::InvalidSearch(searches::SearchProblem::Taken(_)))
    ));
    f.store
        .write(|tx| {
            tx.execute(
                "UPDATE channels SET handle = 'rayyan.test' WHERE id = ?1",
                [f.bluesky.0],
            )?;
            Ok(())
        })
        .expect("handle");
    let finds = [
        photo(&f, 1, "sara.test", None),
        photo(&f, 2, "rayyan.test", None),
        photo(&f, 1, "sara.test", None),
    ];
    let new = f
        .store
        .write(|tx| searches::found(tx, &search, f.bluesky, &finds, Some("c1"), now()))
        .expect("found");
    assert_eq!(
        new.len(),
        1,
        "the brand's own post and the repeat are skipped"
    );
    let listed = f
        .store
        .read(|c| searches::list(c, f.brand.id))
        .expect("list");
    assert_eq!((listed[0].found, listed[0].last_run_at), (1, Some(now())));
}

#[test]
fn the_board_filters_by_state_tag_and_rating() {
    let f = fixture();
    let a = added(&f, &photo(&f, 1, "sara.test", None));
    added(&f, &photo(&f, 2, "omar.test", None));
    f.store
        .write(|tx| {
            edit(
                tx,
                a,
                &UgcEdit {
                    tags: vec!["#breakfast".into()],
                    rating: 5,
                    notes: "Lovely light".into(),
                },
            )
        })
        .expect("edit");
    let page = |filter: UgcFilter| {
        f.store
            .read(|c| list(c, f.brand.id, &filter, 0, 10))
            .expect("list")
    };
    assert_eq!(page(UgcFilter::default()).total, 2);
    let tagged = page(UgcFilter {
        tag: Some("breakfast".into()),
        ..UgcFilter::default()
    });
    assert_eq!(
        tagged.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![a]
    );
    assert_eq!(
        page(UgcFilter {
            min_rating: Some(4),
            ..UgcFilter::default()
        })
        .total,
        1
    );
    assert_eq!(
        page(UgcFilter {
            state: Some(RightsState::Granted),
            ..UgcFilter::default()
        })
        .total,
        0
    );
    assert!(matches!(
        f.store.write(|tx| edit(
            tx,
            a,
            &UgcEdit {
                rating: 6,
                ..UgcEdit::default()
            }
        )),
        Err(Error::InvalidRating(6))
    ));
}

#[test]
fn a_huge_column_is_counted_only_a_little_past_its_page() {
    let f = fixture();
    f.store
        .write(|tx| {
            for n in 0..(COUNT_AHEAD + 60) {
                add(
                    tx,
                    f.brand.id,
                    Origin::Search,
                    &photo(&f, n, &format!("f{n}.test"), None),
                    None,
                    None,
                    now(),
                )?;
            }
            Ok(())
        })
        .expect("seeded");
    let page = |offset| {
        f.store
            .read(|c| list(c, f.brand.id, &UgcFilter::default(), offset, 40))
            .expect("page")
    };
    let first = page(0);
    assert_eq!(
        (first.items.len(), first.total, first.more),
        (40, COUNT_AHEAD + 40, true)
    );
    let last = page(COUNT_AHEAD);
    assert_eq!((last.total, last.more), (COUNT_AHEAD + 60, false));
}

/// A permission recorded by hand.
fn by_email() -> ManualGrant {
    ManualGrant {
        note: "By email".into(),
        ..ManualGrant::default()
    }
}

/// Sara's photo, permitted by email, shared by a weekly series from 10 December (a
/// draft series with `intent` Draft).
fn shared_every_week(f: &Fixture, intent: PostIntent) -> (UgcId, posts::Post) {
    let id = added(f, &photo(f, 1, "sara.test", None));
    if intent != PostIntent::Draft {
        f.store
            .write(|tx| rights::grant_manually(tx, id, &by_email(), now()))
            .expect("granted");
    }
    let new = NewPost {
        ugc: vec![id],
        intent,
        repeat: Some("FREQ=WEEKLY;COUNT=4".into()),
        ..scheduled(f, "Sara's photo, every week", "2026-12-10 09:00")
    };
    let series = f
        .store
        .write(|tx| posts::create(tx, &f.brand, &new, now()))
        .expect("series");
    (id, series)
}

#[test]
fn a_series_occurrence_shares_under_the_same_permission() {
    let f = fixture();
    let (id, series) = shared_every_week(&f, PostIntent::Schedule);
    assert_eq!(series.ugc, vec![id]);
    let single = f
        .store
        .write(|tx| posts::detach_occurrence(tx, series.id, local("2026-12-17 09:00"), now()))
        .expect("occurrence");
    assert_eq!(single.ugc, vec![id]);
    // Revoked: the series and its occurrence both leave the schedule.
    f.store
        .write(|tx| rights::refuse(tx, id, RightsState::Revoked, "", now()))
        .expect("revoked");
    for post in [series.id, single.id] {
        assert_eq!(
            f.store.read(|c| posts::get(c, post)).expect("post").status,
            PostStatus::Draft
        );
    }
}

#[test]
fn a_series_date_put_back_leaves_no_use_on_the_items_trail() {
    let f = fixture();
    let (id, series) = shared_every_week(&f, PostIntent::Schedule);
    let uses = || -> Vec<Option<posts::PostId>> {
        f.store
            .read(|c| rights::trail(c, id))
            .expect("trail")
            .into_iter()
            .filter(|e| e.what == EventKind::Used)
            .map(|e| e.post)
            .collect()
    };
    let later = Timestamp::from_unix(now().unix() + 60).expect("in range");
    let detached = f
        .store
        .write(|tx| posts::detach(tx, series.id, local("2026-12-17 09:00"), later))
        .expect("moved out");
    assert_eq!(uses().len(), 2, "the series and its date");
    f.store
        .write(|tx| posts::rejoin(tx, &detached, later))
        .expect("put back");
    assert_eq!(uses(), vec![Some(series.id)]);
    let item = f.store.read(|c| get(c, id)).expect("item");
    assert_eq!(item.state, RightsState::Used, "the series still uses it");

    // A draft series holds an item permitted only since: its date moved out made the
    // item used; put back, the item is permitted and unused again, as its trail says.
    let f = fixture();
    let (found, series) = shared_every_week(&f, PostIntent::Draft);
    f.store
        .write(|tx| rights::grant_manually(tx, found, &by_email(), now()))
        .expect("granted");
    let state = || f.store.read(|c| get(c, found)).expect("item").state;
    let detached = f
        .store
        .write(|tx| posts::detach(tx, series.id, local("2026-12-17 09:00"), later))
        .expect("moved out");
    assert_eq!(state(), RightsState::Used);
    f.store
        .write(|tx| posts::rejoin(tx, &detached, later))
        .expect("put back");
    assert_eq!(state(), RightsState::Granted);
}
