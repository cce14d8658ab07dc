use super::*;
use crate::inbox::{Author, Incoming, Source};
use crate::posts::tests::{Fixture, fixture, now};

fn variant(language: &str, body: &str) -> Variant {
    Variant {
        language: language.into(),
        body: body.into(),
    }
}

fn add(
    f: &Fixture,
    title: &str,
    category: &str,
    shortcut: Option<&str>,
    variants: Vec<Variant>,
) -> Template {
    add_for(f, Some(f.brand.id), title, category, shortcut, variants)
}

/// A template of `brand`'s (`None`: shared by every brand).
fn add_for(
    f: &Fixture,
    brand: Option<BrandId>,
    title: &str,
    category: &str,
    shortcut: Option<&str>,
    variants: Vec<Variant>,
) -> Template {
    f.store
        .write(|tx| {
            create(
                tx,
                &NewTemplate {
                    brand,
                    title: title.into(),
                    category: category.into(),
                    shortcut: shortcut.map(str::to_owned),
                    variants,
                },
                now(),
            )
        })
        .expect("template")
}

/// The bakery's search for `query`, as the picker asks it with no interaction in view.
fn found(f: &Fixture, query: &str, limit: usize) -> Vec<Hit> {
    f.store
        .read(|c| search(c, Some(f.brand.id), query, &Prefer::default(), limit))
        .expect("search")
}

/// A second brand beside the bakery.
fn cafe_noor(f: &Fixture) -> crate::brands::Brand {
    f.store
        .write(|tx| {
            let new = crate::brands::NewBrand {
                name: "Café Noor".into(),
                time_zone: "Asia/Riyadh".into(),
                ..crate::brands::NewBrand::default()
            };
            crate::brands::create(tx, &new, now())
        })
        .expect("brand")
}

/// A question from Sara, in `language`.
fn question(f: &Fixture, language: Option<&str>) -> InteractionId {
    asked_by(f, "sara.bsky.social", Some("Sara Al-Harbi"), language)
}

/// "Where is my order?", from `handle`.
fn asked_by(
    f: &Fixture,
    handle: &str,
    name: Option<&str>,
    language: Option<&str>,
) -> InteractionId {
    f.store
        .write(|tx| {
            let item = Incoming {
                channel: f.bluesky,
                remote_id: Some(format!("at://{handle}/{language:?}")),
                url: None,
                source: Source::Reply,
                author: Author {
                    handle: handle.into(),
                    name: name.map(str::to_owned),
                    avatar: None,
                },
                text: "Where is my order?".into(),
                language: language.map(str::to_owned),
                received_at: now(),
                parent_remote_id: None,
                parent_text: None,
            };
            Ok(inbox::receive(tx, &f.brand, &[item], now())?.remove(0))
        })
        .expect("interaction")
}

#[test]
fn a_template_is_saved_with_its_languages_and_shortcut_and_checked() {
    let f = fixture();
    let shipping = add(
        &f,
        "Where is my order",
        "Shipping question",
        Some("Ship"),
        vec![
            variant(
                "en",
                "Hi {author_name:first}, your order {order} is on its way!",
            ),
            variant("AR", "أهلًا {author_name:first}، طلبك {order} في الطريق!"),
        ],
    );
    assert_eq!(shipping.shortcut.as_deref(), Some(";ship"));
    let languages: Vec<&str> = shipping
        .variants
        .iter()
        .map(|v| v.language.as_str())
        .collect();
    assert_eq!(
        languages,
        ["ar", "en"],
        "stored lower-case, listed by language"
    );
    let refuse = |new: NewTemplate| {
        f.store
            .write(|tx| create(tx, &new, now()))
            .expect_err("refused")
    };
    let base = NewTemplate {
        brand: Some(f.brand.id),
        title: "Thanks".into(),
        variants: vec![variant("en", "Thank you!")],
        ..NewTemplate::default()
    };
    let err = refuse(NewTemplate {
        variants: vec![variant("ar", "شكرًا {author_name")],
        ..base.clone()
    });
    assert_eq!(err.code(), "invalid_template");
    assert!(err.to_string().contains("at character 6"), "{err}");
    assert_eq!(
        refuse(NewTemplate {
            title: " ".into(),
            ..base.clone()
        })
        .code(),
        "template_title_empty"
    );
    assert_eq!(
        refuse(NewTemplate {
            variants: vec![],
            ..base.clone()
        })
        .code(),
        "template_without_text"
    );
    assert_eq!(
        refuse(NewTemplate {
            variants: vec![variant("en", "a"), variant("EN", "b")],
            ..base.clone()
        })
        .code(),
        "template_language_twice"
    );
    assert_eq!(
        refuse(NewTemplate {
            shortcut: Some(";two words".into()),
            ..base.clone()
        })
        .code(),
        "invalid_shortcut"
    );
    assert_eq!(
        refuse(NewTemplate {
            shortcut: Some(";SHIP".into()),
            ..base
        })
        .code(),
        "shortcut_taken"
    );
}

#[test]
fn rendering_picks_the_interactions_language_and_fills_what_it_knows() {
    let f = fixture();
    let shipping = add(
        &f,
        "Where is my order",
        "Shipping question",
        Some(";ship"),
        vec![
            variant(
                "en",
                "Hi {author_name:first}, order {order} left us on {today}. — {agent}, {brand}",
            ),
            variant(
                "ar",
                // Majlis's own placeholders by their Arabic names.
                "أهلًا {اسم_المتابع_الأول}، طلبك {order} خرج يوم {تاريخ_اليوم} — {اسم_المجيب}، {اسم_العلامة}",
            ),
        ],
    );
    let arabic = question(&f, Some("ar"));
    let mut set = HashMap::new();
    let rendered = f
        .store
        .read(|c| render(c, shipping.id, arabic, "Huda", &set, now()))
        .expect("render");
    assert_eq!(rendered.language, "ar");
    assert_eq!(rendered.blanks, ["order"]);
    assert_eq!(
        rendered.text,
        "أهلًا Sara، طلبك {order} خرج يوم ٢٥ نوفمبر ٢٠٢٦ — Huda، Rayyan Bakery"
    );
    set.insert("order".to_owned(), "#42".to_owned());
    let english = question(&f, None);
    let rendered = f
        .store
        .read(|c| render(c, shipping.id, english, "Huda", &set, now()))
        .expect("render");
    assert_eq!(
        rendered.language, "en",
        "the brand's language when the message has none"
    );
    assert!(rendered.blanks.is_empty());
    assert_eq!(
        rendered.text,
        "Hi Sara, order #42 left us on 25 November 2026. — Huda, Rayyan Bakery"
    );
}

#[test]
fn a_reply_kept_as_a_template_answers_the_next_follower_by_name() {
    let f = fixture();
    let sara = question(&f, Some("ar"));
    let made = f
        .store
        .read(|c| from_reply(c, sara, " أهلًا سارة! طلبك خرج اليوم، @sara.bsky.social "))
        .expect("made")
        .template;
    assert_eq!(made.brand, Some(f.brand.id));
    assert_eq!(
        made.variants,
        [variant("ar", "أهلًا سارة! طلبك خرج اليوم، {معرّف_المتابع}")],
        "her name in another script is hers to change"
    );
    let made = f
        .store
        .read(|c| from_reply(c, sara, "Hi Sara, it left us today."))
        .expect("made");
    assert!(made.named);
    let made = made.template;
    assert!(made.title.is_empty(), "the title is the person's");
    let saved = f
        .store
        .write(|tx| {
            create(
                tx,
                &NewTemplate {
                    title: "Order left".into(),
                    ..made
                },
                now(),
            )
        })
        .expect("saved");
    let omar = asked_by(&f, "omar.bsky.social", None, None);
    let rendered = f
        .store
        .read(|c| render(c, saved.id, omar, "Huda", &HashMap::new(), now()))
        .expect("render");
    assert_eq!(rendered.text, "Hi Omar, it left us today.");
    assert!(matches!(
        f.store.read(|c| from_reply(c, sara, "  ")),
        Err(Error::ReplyEmpty)
    ));
}

#[test]
fn a_template_is_found_by_its_words_not_its_placeholders_names() {
    let f = fixture();
    add(
        &f,
        "Thanks",
        "Thanks",
        None,
        vec![
            variant("en", "Thanks {author_name:first}! {note|See you soon}"),
            variant("ar", "شكرًا يا {اسم_المتابع_الأول}! {ملاحظة|نراك قريبًا}"),
        ],
    );
    assert_eq!(found(&f, "soon", 5).len(), 1, "a fallback is words");
    assert_eq!(found(&f, "قريبا", 5).len(), 1);
    for name in ["author", "first", "note", "المتابع", "ملاحظه"] {
        assert!(found(&f, name, 5).is_empty(), "{name}");
    }
}

#[test]
fn search_ranks_by_words_in_both_languages_and_prefers_what_fits() {
    let f = fixture();
    let apology = add(
        &f,
        "Late delivery",
        "Apology",
        Some(";late"),
        vec![
            variant("en", "We're so sorry your order is late, {author_name}."),
            variant("ar", "نعتذر عن تأخر طلبك يا {author_name}."),
        ],
    );
    let shipping = add(
        &f,
        "Delivery areas",
        "Shipping question",
        Some(";areas"),
        vec![variant(
            "en",
            "We deliver across Riyadh: your order reaches you the same day.",
        )],
    );
    add(
        &f,
        "Thanks for the photo",
        "Thanks",
        None,
        vec![variant("en", "Thank you for sharing!")],
    );
    let find = |query: &str, prefer: Prefer| {
        f.store
            .read(|c| search(c, Some(f.brand.id), query, &prefer, 10))
            .expect("search")
            .into_iter()
            .map(|h| h.template.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find("deliv", Prefer::default())[..2].len(),
        2,
        "prefixes match"
    );
    assert_eq!(
        find("delivery areas", Prefer::default()),
        [shipping.id],
        "every word"
    );
    // Arabic, typed without the hamza the template has, or with diacritics.
    assert_eq!(find("تاخر", Prefer::default()), [apology.id]);
    assert_eq!(find("نَعتذِر", Prefer::default()), [apology.id]);
    assert_eq!(
        find(";late", Prefer::default()),
        [apology.id],
        "by shortcut"
    );
    // "order" is in both: a complaint puts the apology first, a question the shipping one.
    let complaint = Prefer {
        kind: Some(crate::inbox::Kind::Complaint),
        language: None,
    };
    assert_eq!(find("order", complaint)[0], apology.id);
    let asked = Prefer {
        kind: Some(crate::inbox::Kind::Question),
        language: Some("en".into()),
    };
    assert_eq!(find("order", asked)[0], shipping.id);
    // Nothing typed: the most used first.
    f.store
        .write(|tx| mark_used(tx, shipping.id, now()))
        .expect("used");
    assert_eq!(find("", Prefer::default())[0], shipping.id);
    // Edits and removals reach the index.
    f.store
        .write(|tx| {
            update(
                tx,
                shipping.id,
                &NewTemplate {
                    brand: Some(f.brand.id),
                    title: "Delivery zones".into(),
                    category: "Shipping question".into(),
                    shortcut: None,
                    variants: vec![variant("en", "We bring it to your door.")],
                },
                now(),
            )
        })
        .expect("update");
    assert!(find("areas", Prefer::default()).is_empty());
    assert_eq!(find("zones", Prefer::default()), [shipping.id]);
    let gone = f.store.write(|tx| delete(tx, shipping.id)).expect("delete");
    assert!(find("zones", Prefer::default()).is_empty());
    // Taken back, it is found again, with its texts and use.
    let back = f
        .store
        .write(|tx| restore(tx, &gone, now()))
        .expect("restore");
    assert_eq!(find("zones", Prefer::default()), [back.id]);
    assert_eq!(
        Template {
            id: gone.id,
            ..back
        },
        gone
    );
}

#[test]
fn a_word_only_one_word_begins_is_asked_as_that_word_and_ranks_the_same() {
    let f = fixture();
    let texts = [
        (
            "Refund",
            "Apology",
            "Your refund is on its way. Refund, refund!",
        ),
        ("Refund sent", "Apology", "Sent."),
        (
            "Late order",
            "Apology",
            "Sorry: your refund and your order, both late, and a long story about why the oven was cold today.",
        ),
        ("Hours", "Question", "Open 7 to 11. No refund on Fridays."),
        ("Delay", "Apology", "نعتذر عن تأخر طلبك، تأخر لا يتكرر."),
        ("Delay, short", "Apology", "تأخر."),
        ("Refunds policy", "Info", "Refunds take a week."),
    ];
    for (title, category, body) in texts {
        add(&f, title, category, None, vec![variant("en", body)]);
    }
    let terms = |word: &str| {
        f.store
            .read(|c| search::asked(c, word, true))
            .expect("term")
            .phrase
    };
    // "refun" and "refund" begin "refund" and "refunds": asked as prefixes. "refunds",
    // "تاخ" and "تاخر" begin one word each; "refundz" none.
    assert_eq!(terms("refun"), "\"refun\"*");
    assert_eq!(terms("refund"), "\"refund\"*");
    assert_eq!(terms("refunds"), "\"refunds\"");
    assert_eq!(terms("refu"), "\"refu\"*");
    assert_eq!(terms("تاخ"), "\"تاخر\"");
    assert_eq!(terms("تاخر"), "\"تاخر\"");
    assert_eq!(terms("sorr"), "\"sorry\"");
    assert_eq!(terms("refundz"), "\"refundz\"*");
    // Not the tokenizer's own form: left a prefix.
    assert_eq!(terms("café"), "\"café\"*");
    let prefer = Prefer {
        kind: Some(crate::inbox::Kind::Complaint),
        language: Some("en".into()),
    };
    for (query, prefixes) in [
        ("refunds", "\"refunds\"*"),
        ("تاخ", "\"تاخ\"*"),
        ("تاخر", "\"تاخر\"*"),
        ("sorr", "\"sorr\"*"),
        ("refunds week", "\"refunds\"* \"week\"*"),
        ("your", "\"your\"*"),
    ] {
        let (asked, as_prefixes) = f
            .store
            .read(|c| {
                Ok((
                    search(c, Some(f.brand.id), query, &prefer, 10)?,
                    search::ranked(
                        c,
                        Some(f.brand.id),
                        None,
                        &prefixes
                            .split(' ')
                            .map(|phrase| search::Asked {
                                phrase: phrase.to_owned(),
                                names_only: false,
                            })
                            .collect::<Vec<_>>(),
                        &prefer,
                        10,
                    )?,
                ))
            })
            .expect("search");
        assert!(!asked.is_empty(), "{query}");
        assert_eq!(
            asked, as_prefixes,
            "{query}: same templates, order and scores"
        );
    }
}

#[test]
fn where_a_word_is_and_how_rare_it_is_rank_a_template() {
    let f = fixture();
    let in_body = add(
        &f,
        "Opening hours",
        "Info",
        None,
        vec![variant("en", "No refund on Fridays.")],
    );
    let in_title = add(
        &f,
        "Refund",
        "Info",
        None,
        vec![variant("en", "It is on its way.")],
    );
    let in_both = add(
        &f,
        "Refund sent",
        "Info",
        None,
        vec![variant("en", "Your refund left today.")],
    );
    let by_shortcut = add(
        &f,
        "Money back",
        "Info",
        Some(";refund"),
        vec![variant("en", "Sent.")],
    );
    let find = |query: &str| found(&f, query, 10);
    let refund = find("refund");
    let ids: Vec<_> = refund.iter().map(|h| h.template.id).collect();
    // In a title and a body, then a title or a shortcut (in the order written), then a body.
    assert_eq!(ids, [in_both.id, in_title.id, by_shortcut.id, in_body.id]);
    assert!(refund[0].score > refund[1].score && refund[2].score > refund[3].score);
    // Every word is needed, and a second word adds to the score.
    let both = find("refund today");
    assert_eq!(both.len(), 1, "every word");
    assert_eq!(both[0].template.id, in_both.id);
    assert!(
        both[0].score > refund[0].score,
        "a second word adds to the score"
    );
    // Two letters typed alone look in the templates' names only.
    let named: Vec<_> = find("re").iter().map(|h| h.template.id).collect();
    assert_eq!(named, [in_title.id, in_both.id, by_shortcut.id]);
    // Beside another word, two letters are looked for everywhere ("today" in a body).
    let beside: Vec<_> = find("refund to").iter().map(|h| h.template.id).collect();
    assert_eq!(beside, [in_both.id]);
}

#[test]
fn a_brand_finds_its_own_templates_however_many_better_matches_other_brands_have() {
    let f = fixture();
    let noor = cafe_noor(&f);
    f.store
        .write(|tx| {
            for i in 0..120 {
                let new = NewTemplate {
                    brand: Some(noor.id),
                    title: format!("Refund {i}"),
                    category: "Apology".into(),
                    shortcut: None,
                    variants: vec![variant("en", "Your refund is on its way.")],
                };
                create(tx, &new, now())?;
            }
            Ok(())
        })
        .expect("Café Noor's library");
    let ours = add(
        &f,
        "Late order",
        "Apology",
        None,
        vec![variant("en", "Sorry: a refund is coming.")],
    );
    let ids: Vec<_> = found(&f, "refund", 10)
        .iter()
        .map(|h| h.template.id)
        .collect();
    assert_eq!(ids, [ours.id], "below 120 better matches of another brand");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Whatever the library and the words typed, the search finds exactly the templates
    /// holding a word beginning with each typed word: in their title, shortcut or body,
    /// or, for one or two letters typed alone, in their title or shortcut.
    #[test]
    fn search_finds_every_template_holding_every_word(
        library in proptest::collection::vec(
            (proptest::sample::subsequence(WORDS.to_vec(), 1..4),
             proptest::sample::subsequence(WORDS.to_vec(), 1..5),
             proptest::option::of(proptest::sample::select(WORDS.to_vec()))),
            1..12,
        ),
        typed in proptest::sample::subsequence(PREFIXES.to_vec(), 1..3),
    ) {
        let f = fixture();
        let mut expected = Vec::new();
        for (i, (title, body, shortcut)) in library.iter().enumerate() {
            // Shortcuts are one to a template: numbered, which keeps their beginnings.
            let template = add(
                &f,
                &title.join(" "),
                "Info",
                shortcut.map(|s| format!(";{s}{i}")).as_deref(),
                vec![variant("en", &body.join(" "))],
            );
            let names: Vec<&str> = title.iter().chain(shortcut).copied().collect();
            // One or two letters typed alone are looked for in names only.
            let names_only = |t: &str| typed.len() == 1 && t.chars().count() < 3;
            let holds = |t: &str| {
                names.iter().any(|w| w.starts_with(t))
                    || (!names_only(t) && body.iter().any(|w| w.starts_with(t)))
            };
            if typed.iter().all(|t| holds(t)) {
                expected.push(template.id.0);
            }
        }
        let mut ids: Vec<_> = found(&f, &typed.join(" "), 20)
            .into_iter()
            .map(|h| h.template.id.0)
            .collect();
        ids.sort_unstable();
        proptest::prop_assert_eq!(ids, expected);
    }
}

/// Words for random libraries: some begin others ("refund", "refunds"), some are Arabic.
const WORDS: [&str; 10] = [
    "refund", "refunds", "late", "order", "ordered", "hours", "تاخر", "طلب", "طلبك", "shipping",
];
/// What a person types: whole words and beginnings of them.
const PREFIXES: [&str; 11] = [
    "refund", "ref", "re", "late", "order", "ord", "or", "تاخ", "طلب", "ط", "ship",
];

#[test]
fn shared_templates_reach_every_brand_and_a_brands_stay_its_own() {
    let f = fixture();
    let shared = add_for(
        &f,
        None,
        "Rights request",
        "Rights",
        Some(";rights"),
        vec![variant("en", "May we share your photo? Reply #YesRayyan")],
    );
    add(&f, "Hours", "", None, vec![variant("en", "Open 7 to 11")]);
    let other = cafe_noor(&f);
    let titles = |brand| {
        f.store
            .read(|c| list(c, Some(brand)))
            .expect("list")
            .into_iter()
            .map(|t| t.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(f.brand.id).len(), 2);
    assert_eq!(titles(other.id), ["Rights request"]);
    assert_eq!(shared.brand_id, None);
}

#[test]
fn a_category_lists_its_templates_however_many_others_come_first() {
    let f = fixture();
    let cake = add(
        &f,
        "Zaatar cake",
        "Cakes",
        None,
        vec![variant("en", "Our cake is back")],
    );
    let shared = add_for(
        &f,
        None,
        "Birthday cake",
        "Cakes",
        None,
        vec![variant("en", "Happy birthday from our cake team")],
    );
    f.store
        .write(|tx| mark_used(tx, shared.id, now()))
        .expect("used");
    for i in 0..5 {
        let t = add(
            &f,
            &format!("Cake order {i}"),
            "Orders",
            None,
            vec![variant("en", "Your cake order")],
        );
        for _ in 0..2 {
            f.store
                .write(|tx| mark_used(tx, t.id, now()))
                .expect("used");
        }
    }
    add(&f, "Hours", "", None, vec![variant("en", "Open 7 to 11")]);
    cafe_noor_templates(&f, &[("Café cake", "Cakes"), ("Flat white", "Coffee")]);
    let titles = |category: &str, query: &str, limit| {
        f.store
            .read(|c| search_category(c, f.brand.id, category, query, limit))
            .expect("search")
            .into_iter()
            .map(|h| h.template.title)
            .collect::<Vec<_>>()
    };
    // The five orders are used more and match "cake" as well: the category still lists
    // its own, most used first, and the brand's shared ones, never another brand's.
    assert_eq!(titles("Cakes", "", 2), ["Birthday cake", "Zaatar cake"]);
    assert_eq!(titles("Cakes", "cake", 2).len(), 2);
    assert_eq!(titles("Cakes", "zaatar", 2), ["Zaatar cake"]);
    assert_eq!(titles("Orders", "", 3).len(), 3, "at most the limit");
    assert_eq!(titles("Orders", "zaatar", 3), Vec::<String>::new());
    assert_eq!(cake.category, "Cakes");
    // The filter names every category of the brand's library and the shared one's.
    let categories = f
        .store
        .read(|c| categories(c, f.brand.id))
        .expect("categories");
    assert_eq!(categories, ["Cakes", "Orders"]);
}

/// Templates of Café Noor's, another brand's: each a title and a category.
fn cafe_noor_templates(f: &Fixture, templates: &[(&str, &str)]) {
    let other = cafe_noor(f);
    for (title, category) in templates {
        add_for(
            f,
            Some(other.id),
            title,
            category,
            None,
            vec![variant("en", "From the café")],
        );
    }
}

#[test]
fn a_reply_like_one_sent_to_someone_else_lately_is_pointed_out() {
    use crate::inbox::replies::{self, Sent};
    let f = fixture();
    let from = |handle: &str, remote: &str, at: Timestamp| {
        f.store
            .write(|tx| {
                let item = Incoming {
                    channel: f.bluesky,
                    remote_id: Some(remote.into()),
                    url: None,
                    source: Source::Reply,
                    author: Author {
                        handle: handle.into(),
                        ..Author::default()
                    },
                    text: "Where is my order?".into(),
                    language: None,
                    received_at: at,
                    parent_remote_id: None,
                    parent_text: None,
                };
                Ok(inbox::receive(tx, &f.brand, &[item], at)?.remove(0))
            })
            .expect("interaction")
    };
    let answer = |id, text: &str, at: Timestamp| {
        f.store
            .write(|tx| {
                let out = replies::begin(tx, id, text, at)?;
                let landed = Sent::Landed {
                    remote_id: format!("at://bakery/{}", id.0),
                    remote_url: None,
                };
                replies::record(tx, out.id, &landed, at)
            })
            .expect("sent");
    };
    let days_ago = |d: i64| Timestamp::from_unix(now().unix() - d * 86_400).expect("in range");
    let omar = from("omar", "at://omar/1", days_ago(3));
    answer(
        omar,
        "Hi Omar! So sorry your order is late — it leaves today.",
        days_ago(3),
    );
    let old = from("lina", "at://lina/1", days_ago(20));
    answer(
        old,
        "Hi Lina! Thanks so much for the lovely photo of the manakeesh.",
        days_ago(20),
    );

    let sara = from("sara", "at://sara/1", now());
    let check = |id, text: &str| {
        f.store
            .read(|c| echo(c, id, text, now(), 0.8))
            .expect("echo")
    };
    let found = check(
        sara,
        "Hi Sara! So sorry your order is late — it leaves today.",
    )
    .expect("an echo");
    assert_eq!(found.author, "omar");
    assert!(
        found.similarity > 0.8 && found.similarity < 1.0,
        "{}",
        found.similarity
    );
    assert!(
        check(
            sara,
            "Sara, I'm so sorry! I checked: your box left at 9 and reaches you by noon."
        )
        .is_none()
    );
    assert!(
        check(
            sara,
            "Hi Sara! Thanks so much for the lovely photo of the manakeesh."
        )
        .is_none(),
        "older than two weeks"
    );
    let omar_again = from("omar", "at://omar/2", now());
    assert!(
        check(
            omar_again,
            "Hi Omar! So sorry your order is late — it leaves today."
        )
        .is_none(),
        "the same person may get the same words"
    );
}

#[test]
fn a_brands_voice_is_kept_and_checked() {
    use super::voice::{self, Avoid, Emoji, Tone, Voice};
    let f = fixture();
    assert_eq!(
        f.store.read(|c| voice::get(c, f.brand.id)).expect("voice"),
        Voice::default()
    );
    let wanted = Voice {
        tone: Tone::Formal,
        avoid: vec![Avoid {
            word: "cheap".into(),
            instead: Some("affordable".into()),
        }],
        sign_off: Some("— Rayyan Bakery".into()),
        emoji: Emoji::None,
        max_length: Some(280),
    };
    f.store
        .write(|tx| voice::set(tx, f.brand.id, &wanted))
        .expect("set");
    assert_eq!(
        f.store.read(|c| voice::get(c, f.brand.id)).expect("voice"),
        wanted
    );
    let bad = Voice {
        max_length: Some(0),
        ..wanted
    };
    assert_eq!(
        f.store
            .write(|tx| voice::set(tx, f.brand.id, &bad))
            .expect_err("refused")
            .code(),
        "invalid_voice"
    );
}

#[test]
fn the_editor_previews_a_body_for_a_sample_follower_or_says_where_it_breaks() {
    let f = fixture();
    let shown = f
        .store
        .read(|c| {
            preview(
                c,
                f.brand.id,
                "Hi {author_name:first}! {note} — {brand}",
                "en",
                "",
                now(),
            )
        })
        .expect("preview")
        .expect("a body");
    assert_eq!(shown.text, "Hi Sara! {note} — Rayyan Bakery");
    assert_eq!(shown.blanks, ["note"]);
    let arabic = f
        .store
        .read(|c| preview(c, f.brand.id, "أهلًا {author_name}", "ar", "", now()))
        .expect("preview")
        .expect("a body");
    assert_eq!(arabic.text, "أهلًا سارة الحربي");
    let broken = f
        .store
        .read(|c| preview(c, f.brand.id, "Hi {author_name", "en", "", now()))
        .expect("preview")
        .expect_err("broken");
    assert_eq!(broken.position, 3);
}

#[test]
fn templates_travel_as_json_whole_or_not_at_all() {
    let f = fixture();
    add(
        &f,
        "Hours",
        "Question",
        Some(";hours"),
        vec![
            variant("en", "Open 7 to 11"),
            variant("ar", "نفتح من ٧ إلى ١١"),
        ],
    );
    let json = f
        .store
        .read(|c| export_json(c, f.brand.id))
        .expect("export");
    let other = cafe_noor(&f);
    assert_eq!(
        f.store
            .write(|tx| import_json(tx, other.id, &json, now()))
            .expect("import"),
        1
    );
    let moved = f.store.read(|c| list(c, Some(other.id))).expect("list");
    assert_eq!(
        (moved[0].title.as_str(), moved[0].variants.len()),
        ("Hours", 2)
    );
    // Again into the same brand: the shortcut is taken, so nothing comes in.
    let err = f
        .store
        .write(|tx| import_json(tx, other.id, &json, now()))
        .expect_err("refused");
    let Error::ImportRejected(problems) = err else {
        panic!("not a rejection")
    };
    assert_eq!(problems[0].line, 1);
    assert!(
        problems[0].why.to_string().contains("shortcut ;hours"),
        "{}",
        problems[0].why.to_string()
    );
    // By its code too, for the window to word it.
    assert!(
        matches!(&problems[0].why, crate::posts::Why::Template { title, code, .. } if title == "Hours" && code == "shortcut_taken"),
        "{:?}",
        problems[0].why
    );
    assert_eq!(
        f.store
            .read(|c| list(c, Some(other.id)))
            .expect("list")
            .len(),
        1
    );
    assert_eq!(
        f.store
            .write(|tx| import_json(tx, other.id, "{oops", now()))
            .expect_err("bad")
            .code(),
        "templates_file"
    );
    // A text that cannot be read is named with where and why, for the window to word.
    let broken =
        r#"[{"title": "Prices", "variants": [{"language": "en", "body": "From {price"}]}]"#;
    let Err(Error::ImportRejected(problems)) =
        f.store.write(|tx| import_json(tx, other.id, broken, now()))
    else {
        panic!("not a rejection")
    };
    assert_eq!(
        problems[0].why,
        crate::posts::Why::TemplateText {
            title: "Prices".into(),
            language: "en".into(),
            position: 5,
            problem: body::BodyProblem::Unclosed,
        }
    );
}
