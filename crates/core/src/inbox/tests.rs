use super::alerts::{self, QuietHours};
use super::replies::{self, ReplyStatus, Sent};
use super::*;
use crate::posts::tests::{Fixture, fixture, now};
use crate::worded::Worded;

fn at(secs_after_now: i64) -> Timestamp {
    Timestamp::from_unix(now().unix() + secs_after_now).expect("in range")
}

fn incoming(channel: ChannelId, remote: &str, author: &str, text: &str, received: i64) -> Incoming {
    Incoming {
        channel,
        remote_id: Some(remote.to_owned()),
        url: None,
        source: Source::Reply,
        author: Author {
            handle: author.to_owned(),
            ..Author::default()
        },
        text: text.to_owned(),
        language: None,
        received_at: at(received),
        parent_remote_id: None,
        parent_text: None,
    }
}

fn receive_all(f: &Fixture, items: &[Incoming]) -> Vec<InteractionId> {
    f.store
        .write(|tx| receive(tx, &f.brand, items, now()))
        .expect("received")
}

fn waiting(f: &Fixture, view: View, when: Timestamp) -> InboxPage {
    let filter = InboxFilter {
        view,
        ..InboxFilter::default()
    };
    f.store
        .read(|c| list(c, f.brand.id, &filter, 0, 50, when))
        .expect("list")
}

#[test]
fn arrivals_are_triaged_given_deadlines_and_never_doubled() {
    let f = fixture();
    let items = [
        incoming(f.bluesky, "at://a/1", "sara", "My order never arrived", 0),
        incoming(
            f.bluesky,
            "at://a/2",
            "@omar",
            "Are you open on Friday?",
            60,
        ),
        incoming(
            f.bluesky,
            "at://a/3",
            "spam",
            "free followers, check my profile",
            120,
        ),
    ];
    let added = receive_all(&f, &items);
    assert_eq!(added.len(), 3);
    assert!(
        receive_all(&f, &items).is_empty(),
        "polled again: nothing new"
    );

    let complaint = f.store.read(|c| get(c, added[0])).expect("get");
    assert_eq!(
        (complaint.kind, complaint.priority),
        (Kind::Complaint, Priority::High)
    );
    // High priority halves the complaint's hour.
    assert_eq!(complaint.deadline, Some(at(30 * 60)));
    assert_eq!(complaint.status, Status::New);
    let question = f.store.read(|c| get(c, added[1])).expect("get");
    assert_eq!(question.author.handle, "omar");
    assert_eq!(question.deadline, Some(at(60 + 2 * 3600)));
    let spam = f.store.read(|c| get(c, added[2])).expect("get");
    assert_eq!((spam.status, spam.deadline), (Status::Spam, None));

    let page = waiting(&f, View::Waiting, now());
    assert_eq!(page.total, 2);
    assert_eq!(
        page.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        [added[0], added[1]],
        "soonest deadline first"
    );
    assert_eq!(waiting(&f, View::Overdue, at(31 * 60)).total, 1);
    assert_eq!(
        f.store
            .read(|c| overdue_count(c, None, at(3 * 3600)))
            .expect("count"),
        2
    );
    assert_eq!(waiting(&f, View::Status(Status::Spam), now()).total, 1);
}

#[test]
fn an_answer_to_one_of_our_posts_links_to_it() {
    let f = fixture();
    let post = f
        .store
        .write(|tx| {
            let post = crate::posts::create(
                tx,
                &f.brand,
                &crate::posts::tests::scheduled(&f, "Fresh bread", "2026-11-25 14:00"),
                now(),
            )?;
            tx.execute(
                "UPDATE deliveries SET remote_id = 'at://bakery/post/1' WHERE post_id = ?1",
                [post.id.0],
            )?;
            Ok(post)
        })
        .expect("post");
    let mut item = incoming(f.bluesky, "at://a/9", "sara", "Looks lovely", 0);
    item.parent_remote_id = Some("at://bakery/post/1".into());
    item.parent_text = Some("Fresh bread".into());
    let id = receive_all(&f, &[item])[0];
    let got = f.store.read(|c| get(c, id)).expect("get");
    assert_eq!(got.post_id, Some(post.id));
    assert_eq!(got.parent_text.as_deref(), Some("Fresh bread"));
}

/// A question and a thanks, just in.
fn two_messages() -> (Fixture, Vec<InteractionId>) {
    let f = fixture();
    let ids = receive_all(
        &f,
        &[
            incoming(f.bluesky, "at://a/1", "sara", "Where is the shop?", 0),
            incoming(f.bluesky, "at://a/2", "omar", "Thanks!", 0),
        ],
    );
    (f, ids)
}

#[test]
fn a_triage_step_is_taken_back_where_nothing_moved_since() {
    let (f, ids) = two_messages();
    f.store
        .write(|tx| snooze(tx, &ids[1..], at(600), now()))
        .expect("snooze");
    let as_they_are = |f: &Fixture| {
        f.store
            .read(|c| ids.iter().map(|&id| get(c, id)).collect::<Result<Vec<_>>>())
            .expect("get")
    };
    let was = as_they_are(&f);

    // Marked replied by hand, then taken back: no first response is left behind.
    let step = f
        .store
        .write(|tx| set_status(tx, &ids, Status::Replied, at(60)))
        .expect("replied");
    assert_eq!(step.before[1].status, Status::Snoozed);
    assert_eq!(step.before[1].snoozed_until, Some(at(600)));
    assert_eq!(f.store.write(|tx| restore(tx, &step)).expect("restore"), 2);
    assert_eq!(as_they_are(&f), was);

    // Snoozed, then one is closed meanwhile: only the other goes back.
    let step = f
        .store
        .write(|tx| snooze(tx, &ids, at(7200), now()))
        .expect("snooze both");
    f.store
        .write(|tx| set_status(tx, &ids[..1], Status::Closed, now()))
        .expect("closed");
    assert_eq!(f.store.write(|tx| restore(tx, &step)).expect("restore"), 1);
    let now_they_are = as_they_are(&f);
    assert_eq!(now_they_are[0].status, Status::Closed);
    assert_eq!(now_they_are[1], was[1]);
    // A step whose interactions all moved since has nothing to put back.
    let step = f
        .store
        .write(|tx| set_status(tx, &ids[1..], Status::Spam, now()))
        .expect("spam");
    f.store
        .write(|tx| set_status(tx, &ids[1..], Status::Open, now()))
        .expect("open");
    assert_eq!(
        f.store
            .write(|tx| restore(tx, &step))
            .expect_err("moved since")
            .code(),
        "changed_since"
    );

    // A step that names a missing interaction changes none of the others.
    let before = as_they_are(&f);
    let missing = [ids[1], InteractionId(99)];
    let error = f
        .store
        .write(|tx| set_status(tx, &missing, Status::Closed, now()))
        .expect_err("missing");
    assert_eq!(error.code(), "interaction_not_found");
    assert_eq!(as_they_are(&f), before);
}

#[test]
fn statuses_snoozes_assignees_and_corrections() {
    let (f, ids) = two_messages();
    f.store.write(|tx| open(tx, ids[0])).expect("open");
    assert_eq!(
        f.store.read(|c| get(c, ids[0])).expect("get").status,
        Status::Open
    );

    f.store
        .write(|tx| snooze(tx, &ids, at(600), now()))
        .expect("snooze");
    assert_eq!(waiting(&f, View::Waiting, now()).total, 0);
    assert_eq!(
        f.store
            .write(|tx| snooze(tx, &ids, now(), now()))
            .expect_err("past")
            .code(),
        "snooze_in_past"
    );
    assert_eq!(
        f.store.write(|tx| wake_snoozed(tx, at(599))).expect("wake"),
        0
    );
    assert_eq!(
        f.store.write(|tx| wake_snoozed(tx, at(600))).expect("wake"),
        2
    );
    assert_eq!(waiting(&f, View::Waiting, now()).total, 2);

    f.store
        .write(|tx| assign(tx, &ids[..1], Some(" Huda ")))
        .expect("assign");
    let filter = InboxFilter {
        assignee: Some("Huda".into()),
        ..InboxFilter::default()
    };
    let mine = f
        .store
        .read(|c| list(c, f.brand.id, &filter, 0, 10, now()))
        .expect("list");
    assert_eq!(mine.items.len(), 1);
    assert_eq!(mine.items[0].assignee.as_deref(), Some("Huda"));

    let fixed = f
        .store
        .write(|tx| reclassify(tx, &f.brand, ids[1], Kind::Complaint, Priority::Urgent))
        .expect("reclassify");
    assert_eq!(fixed.deadline, Some(at(15 * 60)));

    f.store
        .write(|tx| set_status(tx, &ids, Status::Replied, at(900)))
        .expect("replied");
    let answered = f.store.read(|c| get(c, ids[0])).expect("get");
    assert_eq!(answered.first_response_at, Some(at(900)));
    f.store
        .write(|tx| set_status(tx, &ids, Status::Closed, at(1000)))
        .expect("closed");
    assert_eq!(
        f.store
            .read(|c| get(c, ids[0]))
            .expect("get")
            .first_response_at,
        Some(at(900)),
        "the first response stays the first"
    );
    assert_eq!(
        f.store
            .write(|tx| set_status(tx, &[InteractionId(99)], Status::Closed, now()))
            .expect_err("missing")
            .code(),
        "interaction_not_found"
    );
}

#[test]
fn filters_by_channel_kind_and_tag() {
    let f = fixture();
    let rules = [
        vec![triage::Rule {
            name: "Orders".into(),
            words: vec!["order".into()],
            tags: vec!["orders".into()],
            ..triage::default_rules(settings::Language::En).remove(0)
        }],
        triage::default_rules(settings::Language::En),
    ]
    .concat();
    let mut rules = rules;
    rules[0].kind = None;
    f.store
        .write(|tx| set_rules(tx, f.brand.id, &rules))
        .expect("rules");
    receive_all(
        &f,
        &[
            incoming(f.bluesky, "1", "sara", "my order never arrived", 0),
            incoming(f.x, "2", "omar", "Is my order ready?", 0),
            incoming(f.x, "3", "lina", "Love it", 0),
        ],
    );
    let count = |filter: InboxFilter| {
        f.store
            .read(|c| list(c, f.brand.id, &filter, 0, 10, now()))
            .expect("list")
            .total
    };
    assert_eq!(
        count(InboxFilter {
            tag: Some("orders".into()),
            ..InboxFilter::default()
        }),
        2
    );
    assert_eq!(
        count(InboxFilter {
            channel: Some(f.x),
            ..InboxFilter::default()
        }),
        2
    );
    assert_eq!(
        count(InboxFilter {
            channel: Some(f.x),
            kind: Some(Kind::Question),
            view: View::All,
            ..InboxFilter::default()
        }),
        1
    );
    let got = waiting(&f, View::All, now());
    // The messages an insight points at, by id: one of them is on another channel.
    let pointed: Vec<InteractionId> = got
        .items
        .iter()
        .filter(|i| i.author.handle != "omar")
        .map(|i| i.id)
        .collect();
    let only = |channel| InboxFilter {
        interactions: Some(pointed.clone()),
        channel,
        view: View::All,
        ..InboxFilter::default()
    };
    assert_eq!(count(only(None)), 2);
    assert_eq!(count(only(Some(f.x))), 1);
    assert_eq!(
        count(InboxFilter {
            interactions: Some(Vec::new()),
            ..InboxFilter::default()
        }),
        0
    );
    assert_eq!(
        got.items
            .iter()
            .find(|i| i.author.handle == "sara")
            .expect("sara")
            .tags,
        ["orders"]
    );
}

#[test]
fn policies_and_rules_are_stored_per_brand_and_checked() {
    let f = fixture();
    assert_eq!(
        f.store.read(|c| policy(c, f.brand.id)).expect("policy"),
        ReplyPolicy::default()
    );
    let mut changed = ReplyPolicy::default();
    changed.deadlines.question = Some(30);
    f.store
        .write(|tx| set_policy(tx, f.brand.id, &changed))
        .expect("set");
    assert_eq!(
        f.store.read(|c| policy(c, f.brand.id)).expect("policy"),
        changed
    );
    let id = receive_all(
        &f,
        &[incoming(f.bluesky, "1", "sara", "when do you open?", 0)],
    )[0];
    assert_eq!(
        f.store.read(|c| get(c, id)).expect("get").deadline,
        Some(at(1800))
    );

    changed.deadlines.question = Some(0);
    assert_eq!(
        f.store
            .write(|tx| set_policy(tx, f.brand.id, &changed))
            .expect_err("zero")
            .code(),
        "policy_deadline_out_of_range"
    );
    let bad = triage::Rule {
        pattern: Some("(".into()),
        ..triage::default_rules(settings::Language::En).remove(0)
    };
    assert_eq!(
        f.store
            .write(|tx| set_rules(tx, f.brand.id, &[bad]))
            .expect_err("bad pattern")
            .code(),
        "invalid_rule"
    );
    // Until changed, the defaults are named in the window's language.
    for (choice, language) in [
        (settings::LanguageChoice::En, settings::Language::En),
        (settings::LanguageChoice::Ar, settings::Language::Ar),
    ] {
        let preferences = settings::Preferences {
            language: choice,
            ..settings::Preferences::default()
        };
        f.store
            .write(|tx| settings::set(tx, &settings::PREFERENCES, &preferences))
            .expect("language");
        assert_eq!(
            f.store.read(|c| rules(c, f.brand.id)).expect("rules"),
            triage::default_rules(language)
        );
    }
}

fn take(f: &Fixture, when: Timestamp) -> Vec<alerts::Alert> {
    f.store
        .write(|tx| alerts::take_due(tx, when))
        .expect("alerts")
}

fn wake(f: &Fixture) -> Option<Timestamp> {
    f.store.read(alerts::next_wake).expect("next")
}

#[test]
fn overdue_answers_are_told_once_grouped_then_escalated_without_spamming() {
    let f = fixture();
    assert_eq!(wake(&f), None, "an empty inbox sleeps");
    let ids = receive_all(
        &f,
        &[
            incoming(f.bluesky, "1", "sara", "My order never arrived", 0), // due +30 min
            incoming(f.bluesky, "2", "omar", "Are you open today?", 0),    // due +2 h
            incoming(f.bluesky, "3", "lina", "Where are you?", 60),        // due +2 h 1 min
        ],
    );
    assert_eq!(wake(&f), Some(at(1800)));
    assert!(take(&f, at(1799)).is_empty(), "nothing is overdue yet");

    let first = take(&f, at(1800));
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].overdue, 1);
    assert!(!first[0].escalation);
    assert_eq!(first[0].oldest.author, "sara");
    assert_eq!(first[0].oldest.kind, Kind::Complaint);
    assert!(take(&f, at(1801)).is_empty(), "told once");

    // Sara's complaint is told again an hour past its deadline.
    assert_eq!(wake(&f), Some(at(1800 + 3600)));
    let escalated = take(&f, at(5400));
    assert_eq!(escalated.len(), 1);
    assert!(escalated[0].escalation);
    assert_eq!(escalated[0].oldest.overdue_by, 3600);

    // The two questions fall due a minute apart: one notification, after both.
    assert_eq!(wake(&f), Some(at(7200)));
    let second = take(&f, at(7260));
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].overdue, 3);
    assert!(!second[0].escalation);
    assert_eq!(second[0].oldest.author, "sara");
    assert_eq!(second[0].oldest.overdue_by, 7260 - 1800);

    // The questions escalate an hour after their deadlines, and that is the last.
    assert_eq!(wake(&f), Some(at(7200 + 3600)));
    let third = take(&f, at(7260 + 3600));
    assert_eq!(third.len(), 1);
    assert!(third[0].escalation);
    assert!(
        take(&f, at(7260 + 3600 + 3600)).is_empty(),
        "escalated once"
    );
    assert_eq!(wake(&f), None);

    // Answered ones are no longer counted.
    f.store
        .write(|tx| set_status(tx, &ids[..1], Status::Replied, at(12000)))
        .expect("replied");
    assert_eq!(
        f.store
            .read(|c| overdue_count(c, Some(f.brand.id), at(12000)))
            .expect("n"),
        2
    );
}

#[test]
fn a_busy_inbox_is_told_at_most_once_per_interval_and_a_snooze_holds_it() {
    let f = fixture();
    receive_all(&f, &[incoming(f.bluesky, "1", "sara", "broken!", 0)]);
    assert_eq!(take(&f, at(1800)).len(), 1);
    // Another falls due five minutes later: held until fifteen after the last.
    receive_all(&f, &[incoming(f.bluesky, "2", "omar", "broken too", 300)]);
    assert!(take(&f, at(2100)).is_empty());
    assert_eq!(wake(&f), Some(at(1800 + 900)));
    assert_eq!(take(&f, at(2700))[0].overdue, 2);

    // "Snooze 30 min" from the notification.
    receive_all(&f, &[incoming(f.bluesky, "3", "lina", "worst", 1000)]);
    f.store
        .write(|tx| alerts::snooze_brand(tx, f.brand.id, at(2800 + 1800)))
        .expect("snooze");
    assert!(take(&f, at(2800)).is_empty());
    assert_eq!(wake(&f), Some(at(2800 + 1800)));
    assert_eq!(take(&f, at(4600))[0].overdue, 3);
}

#[test]
fn a_snoozed_interaction_wakes_the_watcher_and_is_told_again() {
    let f = fixture();
    let ids = receive_all(&f, &[incoming(f.bluesky, "1", "sara", "refund please", 0)]);
    assert_eq!(take(&f, at(1800)).len(), 1);
    f.store
        .write(|tx| snooze(tx, &ids, at(5000), at(1900)))
        .expect("snooze");
    assert_eq!(wake(&f), Some(at(5000)));
    f.store
        .write(|tx| wake_snoozed(tx, at(5000)))
        .expect("wake");
    let again = take(&f, at(5000));
    assert_eq!(again.len(), 1);
    assert!(!again[0].escalation, "it is news again after its snooze");
}

#[test]
fn quiet_hours_span_midnight_in_the_persons_zone() {
    let zone: crate::zone::Zone = "Asia/Riyadh".parse().expect("zone");
    let quiet = QuietHours {
        from: "22:00".into(),
        to: "07:00".into(),
        zone,
    };
    let local = |s: &str| {
        zone.instant_of(crate::time::parse_local(s).expect("t"))
            .expect("t")
    };
    assert_eq!(quiet.until(local("2026-11-25 21:59")), None);
    assert_eq!(
        quiet.until(local("2026-11-25 22:00")),
        Some(local("2026-11-26 07:00"))
    );
    assert_eq!(
        quiet.until(local("2026-11-26 03:00")),
        Some(local("2026-11-26 07:00"))
    );
    assert_eq!(quiet.until(local("2026-11-26 07:00")), None);
    let lunch = QuietHours {
        from: "13:00".into(),
        to: "14:00".into(),
        zone,
    };
    assert_eq!(
        lunch.until(local("2026-11-26 13:30")),
        Some(local("2026-11-26 14:00"))
    );
    assert!(
        QuietHours {
            from: "25:00".into(),
            ..lunch
        }
        .validate()
        .is_err()
    );
}

#[test]
fn a_reply_is_recorded_before_it_goes_and_keeps_its_key_until_it_lands() {
    let f = fixture();
    let id = receive_all(
        &f,
        &[incoming(
            f.bluesky,
            "at://sara/post/1",
            "sara",
            "Open today?",
            0,
        )],
    )[0];
    let first = f
        .store
        .write(|tx| replies::begin(tx, id, "Yes, until 10pm!", at(60)))
        .expect("begin");
    assert_eq!(first.envelope.reply_to.as_deref(), Some("at://sara/post/1"));
    assert_eq!(first.envelope.text, "Yes, until 10pm!");
    assert_eq!(first.envelope.language, "en");
    assert_eq!(first.route.kind, ChannelKind::Bluesky);
    f.store
        .write(|tx| {
            replies::record(
                tx,
                first.id,
                &Sent::Failed(Worded {
                    en: "Bluesky did not answer".into(),
                    ar: "لم يُجب Bluesky".into(),
                }),
                at(61),
            )
        })
        .expect("record");
    let kept = f.store.read(|c| replies::list(c, id)).expect("list");
    assert_eq!(kept[0].status, ReplyStatus::Failed);
    assert_eq!(kept[0].text, "Yes, until 10pm!", "the draft is kept");
    assert_eq!(
        f.store.read(|c| get(c, id)).expect("get").status,
        Status::New
    );

    let again = f
        .store
        .write(|tx| replies::begin(tx, id, "Yes, open until 10pm!", at(120)))
        .expect("begin");
    assert_eq!(
        (again.id, &again.envelope.key),
        (first.id, &first.envelope.key)
    );
    let landed = Sent::Landed {
        remote_id: "at://bakery/post/9".into(),
        remote_url: Some("https://bsky.app/profile/bakery/post/9".into()),
    };
    f.store
        .write(|tx| replies::record(tx, again.id, &landed, at(121)))
        .expect("record");
    let item = f.store.read(|c| get(c, id)).expect("get");
    assert_eq!(
        (item.status, item.first_response_at),
        (Status::Replied, Some(at(121)))
    );
    let sent = f.store.read(|c| replies::list(c, id)).expect("list");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].status, ReplyStatus::Sent);

    let next = f
        .store
        .write(|tx| replies::begin(tx, id, "Anything else?", at(200)))
        .expect("begin");
    assert_ne!(
        next.envelope.key, first.envelope.key,
        "a new answer has its own key"
    );
}

#[test]
fn replies_that_cannot_go_are_refused_with_the_reason() {
    let f = fixture();
    let ids = receive_all(
        &f,
        &[
            incoming(f.bluesky, "at://sara/post/1", "sara", "Open today?", 0),
            incoming(f.x, "x-1", "omar", "Open today?", 0),
        ],
    );
    let refuse = |id, text: &str| {
        f.store
            .write(|tx| replies::begin(tx, id, text, now()))
            .expect_err("refused")
    };
    assert_eq!(refuse(ids[0], "  ").code(), "reply_empty");
    assert_eq!(refuse(ids[0], &"و".repeat(301)).code(), "post_too_long");
    let on_x = refuse(ids[1], "Yes");
    assert_eq!(on_x.code(), "cannot_reply_on");
    assert!(on_x.to_string().contains("X"), "{on_x}");
}

#[test]
fn mastodon_replies_mention_their_author() {
    let f = fixture();
    let mastodon = f
        .store
        .write(|tx| {
            let new = crate::channels::NewChannel {
                kind: "mastodon".into(),
                name: "Bakery on Mastodon".into(),
                handle: None,
            };
            crate::channels::create(tx, f.brand.id, &new, now())
        })
        .expect("channel")
        .id;
    let ids = receive_all(
        &f,
        &[
            incoming(mastodon, "101", "sara@social.example", "Open?", 0),
            incoming(mastodon, "102", "omar@social.example", "Open?", 0),
        ],
    );
    let text = |id, reply: &str| {
        f.store
            .write(|tx| replies::begin(tx, id, reply, now()))
            .expect("begin")
            .envelope
            .text
    };
    assert_eq!(text(ids[0], "Yes!"), "@sara@social.example Yes!");
    assert_eq!(
        text(ids[1], "Hi @omar@social.example, yes!"),
        "Hi @omar@social.example, yes!"
    );
}

#[test]
fn a_csv_is_imported_whole_or_not_at_all() {
    let f = fixture();
    let good = "author,text,received_at,url,kind,status,replied_at\n\
                @sara,Where is my order?,2026-11-20 10:00,https://instagram.com/p/1,,replied,2026-11-20 10:45\n\
                omar,Love the bread,2026-11-21T08:00:00Z,https://instagram.com/p/2,feedback,,\n\
                lina,شكراً,2026-11-22 09:00,,,closed,\n";
    let added = f
        .store
        .write(|tx| import(tx, &f.brand, f.x, good.as_bytes(), now()))
        .expect("import");
    assert_eq!(added, 3);
    let all = waiting(&f, View::All, now());
    let sara = all
        .items
        .iter()
        .find(|i| i.author.handle == "sara")
        .expect("sara");
    assert_eq!(sara.status, Status::Replied);
    assert_eq!(sara.source, Source::Manual);
    assert_eq!(
        sara.first_response_at
            .map(|t| f.brand.time_zone.local_of(t).to_string()),
        Some("2026-11-20 10:45:00".into())
    );
    let omar = all
        .items
        .iter()
        .find(|i| i.author.handle == "omar")
        .expect("omar");
    assert_eq!((omar.kind, omar.status), (Kind::Feedback, Status::New));
    assert_eq!(
        f.store
            .write(|tx| import(tx, &f.brand, f.x, good.as_bytes(), now()))
            .expect("again"),
        1,
        "rows with a url are not imported twice"
    );

    let bad = "author,text,received_at,kind,status\n\
               sara,hi,yesterday,,\n\
               ,no author,2026-11-20 10:00,,\n\
               omar,hi,2026-11-20 10:00,angry,\n\
               lina,hi,2026-11-20 10:00,,snoozed\n\
               nour,fine,2026-11-20 10:00,,\n";
    let err = f
        .store
        .write(|tx| import(tx, &f.brand, f.x, bad.as_bytes(), now()))
        .expect_err("rejected");
    let Error::ImportRejected(problems) = err else {
        panic!("not a rejection: {err}");
    };
    let lines: Vec<(u64, String)> = problems
        .iter()
        .map(|p| (p.line, p.why.to_string()))
        .collect();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert_eq!(lines[0].0, 2);
    assert!(lines[0].1.contains("\"yesterday\" is not a date and time"));
    assert!(lines[1].1.contains("author is empty"));
    assert!(lines[2].1.contains("\"angry\" is not a kind"));
    assert!(lines[3].1.contains("\"snoozed\" is not a status"));
    // Each is named, for the window to word in its language.
    assert_eq!(
        problems[1].why,
        crate::posts::Why::Empty {
            column: "author".into()
        }
    );
    assert_eq!(
        problems[2].why,
        crate::posts::Why::NotOneOf {
            column: "kind".into(),
            text: "angry".into(),
            known: [
                "question",
                "complaint",
                "praise",
                "feedback",
                "ugc",
                "spam",
                "other"
            ]
            .map(String::from)
            .into()
        }
    );
    assert_eq!(
        lines[3].1,
        "status \"snoozed\" is not a status: use new, open, replied, closed or spam"
    );
    assert_eq!(
        waiting(&f, View::All, now()).total,
        4,
        "nothing of it was imported"
    );

    let headless = f
        .store
        .write(|tx| import(tx, &f.brand, f.x, "who,what\nsara,hi\n".as_bytes(), now()))
        .expect_err("no header");
    assert!(
        headless.to_string().contains("author, text, received_at"),
        "{headless}"
    );
}

#[test]
fn long_lists_are_counted_a_little_past_the_page() {
    let f = fixture();
    let many: Vec<Incoming> = (0..1_100)
        .map(|i| incoming(f.bluesky, &format!("at://a/{i}"), "sara", "hello", i))
        .collect();
    receive_all(&f, &many);
    let page = |offset| {
        let filter = InboxFilter {
            view: View::All,
            ..InboxFilter::default()
        };
        f.store
            .read(|c| list(c, f.brand.id, &filter, offset, 50, now()))
            .expect("list")
    };
    let first = page(0);
    assert_eq!(
        (first.items.len(), first.total, first.more),
        (50, 1_050, true)
    );
    let last = page(1_050);
    assert_eq!(
        (last.items.len(), last.total, last.more),
        (50, 1_100, false)
    );
}

#[test]
fn a_message_says_whether_its_channel_can_answer_from_majlis_yet() {
    let f = fixture();
    let id = receive_all(
        &f,
        &[incoming(f.bluesky, "at://a/1", "sara", "Open today?", 0)],
    )[0];
    let shown = || f.store.read(|c| detail(c, id)).expect("detail");
    assert!(shown().can_reply && !shown().connected);
    let endpoint = crate::channels::Endpoint::parse("https://bsky.social", None).expect("endpoint");
    f.store
        .write(|tx| crate::channels::connect(tx, f.bluesky, None, &endpoint))
        .expect("connected");
    assert!(shown().connected);
    f.store
        .write(|tx| crate::channels::disconnect(tx, f.bluesky))
        .expect("disconnected");
    assert!(!shown().connected);
}
