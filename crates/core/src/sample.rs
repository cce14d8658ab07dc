//! "Try with a sample brand": a living workspace for a newcomer to explore.
//!
//! Each feature adds its own realistic sample rows here, in Arabic and English (the
//! bakery's followers write in both), so the first run shows what Majlis does rather
//! than empty screens.

use std::path::Path;

use chrono::{Datelike, NaiveTime, Weekday};
use rusqlite::Transaction;

use crate::brands::{self, Brand, NewBrand};
use crate::categories::{self, CategoryId};
use crate::channels::{self, ChannelId, NewChannel};
use crate::inbox::{self, Author, Incoming, Source};
use crate::media::{self, NewMedia};
use crate::posts::{NewPost, PostIntent, Variant};
use crate::publishing::{self, Outcome};
use crate::settings::Language;
use crate::slots::{self, Slot};
use crate::time::Timestamp;
use crate::worded::Worded;
use crate::{Result, settings, templates, ugc};

/// Creates the sample brand (a bakery in Riyadh), named in the interface's language,
/// with channels, a posting schedule, a month of posts behind it and a few weeks of
/// planned ones, and selects it.
/// Trying again selects the brand already there.
/// Its pictures are copied into `data_dir`'s media folder like any other.
pub fn create(
    tx: &Transaction<'_>,
    data_dir: &Path,
    language: Language,
    now: Timestamp,
) -> Result<Brand> {
    let (name, locale) = match language {
        Language::En => ("Rayyan Bakery", "en"),
        Language::Ar => ("مخبز الريّان", "ar-SA"),
    };
    let brand = match brands::list(tx)?
        .into_iter()
        .find(|b| b.name.as_str() == name)
    {
        Some(brand) => brand,
        None => {
            let new = NewBrand {
                name: name.into(),
                time_zone: "Asia/Riyadh".into(),
                locale: Some(locale.into()),
                color: Some("#d97706".into()),
            };
            let brand = brands::create(tx, &new, now)?;
            plan(tx, &brand, data_dir, language, now)?;
            brand
        }
    };
    settings::set(tx, &settings::CURRENT_BRAND, &Some(brand.id))?;
    Ok(brand)
}

/// The bakery's channels, schedule, past month's posts and upcoming ones.
fn plan(
    tx: &Transaction<'_>,
    brand: &Brand,
    data_dir: &Path,
    language: Language,
    now: Timestamp,
) -> Result<()> {
    let picture = |name: &str, bytes: &[u8], alt: &str| -> Result<NewMedia> {
        Ok(NewMedia {
            file: media::store(data_dir, name, bytes)?.file,
            alt: alt.into(),
            thumbnail: None,
        })
    };
    let loaf = picture(
        "tannour-loaf.png",
        include_bytes!("../assets/sample/tannour-loaf.png"),
        match language {
            Language::En => "A golden tannour loaf with four scored lines, on a wooden board",
            Language::Ar => "رغيف تنور ذهبي عليه أربعة شقوق، على لوح خشبي",
        },
    )?;
    let basket = picture(
        "breakfast-box.png",
        include_bytes!("../assets/sample/breakfast-box.png"),
        match language {
            Language::En => {
                "A basket with two round loaves, a block of white cheese and a bowl of za'atar"
            }
            Language::Ar => "سلة فيها رغيفان مستديران وقطعة جبن أبيض ووعاء زعتر",
        },
    )?;
    let channel_names: [(&str, &str, &str); 3] = match language {
        Language::En => [
            ("bluesky", "Bakery on Bluesky", "rayyanbakery.bsky.social"),
            ("instagram", "Bakery on Instagram", "rayyan.bakery"),
            ("x", "Bakery on X", "RayyanBakery"),
        ],
        Language::Ar => [
            ("bluesky", "المخبز على بلوسكاي", "rayyanbakery.bsky.social"),
            ("instagram", "المخبز على إنستغرام", "rayyan.bakery"),
            ("x", "المخبز على إكس", "RayyanBakery"),
        ],
    };
    let mut channel_ids: Vec<ChannelId> = Vec::new();
    for (kind, name, handle) in channel_names {
        let new = NewChannel {
            kind: kind.into(),
            name: name.into(),
            handle: Some(handle.into()),
        };
        channel_ids.push(channels::create(tx, brand.id, &new, now)?.id);
    }

    // The Saudi week: Sunday to Thursday mornings and evenings, a Friday afternoon.
    let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
    for day in [
        Weekday::Sun,
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
    ] {
        slots::add(tx, brand.id, Slot::new(day, at(9, 0)))?;
        slots::add(tx, brand.id, Slot::new(day, at(19, 30)))?;
    }
    slots::add(tx, brand.id, Slot::new(Weekday::Fri, at(16, 0)))?;

    let pillars = categories::list(tx, brand.id)?;
    let pillar = |i: usize| pillars.get(i).map(|c| c.id);
    let (promotion, question, behind, community) = (pillar(0), pillar(1), pillar(2), pillar(3));
    // The mix the brief recommends: little selling, plenty of the community.
    let target = |at_least, at_most| categories::Target { at_least, at_most };
    for (pillar, target) in [
        (promotion, target(None, Some(20))),
        (community, target(Some(25), None)),
    ] {
        if let Some(id) = pillar {
            categories::set_target(tx, brand.id, id, target)?;
        }
    }
    posted(
        tx,
        brand,
        &channel_ids[1..],
        [promotion, question, behind, community],
        [&loaf, &basket],
        now,
    )?;
    let posts = [
        (
            "الساعة الرابعة فجرًا: أول دفعة من خبز التنور تخرج من الفرن 🔥 تعالوا قبل أن تنفد!",
            behind,
            true,
        ),
        (
            "4 a.m.: the first tannour loaves come out of the oven 🔥 Come early, they go fast!",
            behind,
            true,
        ),
        (
            "ما هو خبزكم المفضل للفطور؟ 🥐 كرواسون أم 🫓 خبز التنور؟ أخبرونا في التعليقات 👇",
            question,
            false,
        ),
        (
            "What's your breakfast bread: croissant 🥐 or tannour 🫓? Tell us in the comments 👇",
            question,
            false,
        ),
        (
            "خصم ٢٠٪ على كعك العيد حتى نهاية الأسبوع 🎉 الطلب من الفرع أو عبر الرابط في الحساب.",
            promotion,
            false,
        ),
        (
            "20% off Eid ka'ak until the weekend 🎉 Order in store or through the link in our bio.",
            promotion,
            false,
        ),
        (
            "شكرًا لكل من شاركنا صور فطوره هذا الأسبوع 💛 أعيدوا النشر مع #مخبز_الريان لنشارك صوركم.",
            community,
            false,
        ),
        (
            "Thank you for every breakfast photo you shared this week 💛 Tag #RayyanBakery to be featured.",
            community,
            false,
        ),
        (
            "جديدنا: خبز الزعتر بزيت الزيتون الفلسطيني 🌿 متوفر من الأحد.",
            promotion,
            false,
        ),
        (
            "Meet our bakers: Abu Khalid has been shaping dough here for 22 years 👨‍🍳",
            behind,
            false,
        ),
    ];
    // (text, pillar, shows the loaf)
    for (body, category, with_loaf) in posts {
        let media = if with_loaf {
            vec![loaf.clone()]
        } else {
            Vec::new()
        };
        let new = NewPost {
            channels: channel_ids.clone(),
            body: body.into(),
            category,
            media,
            ..NewPost::default()
        };
        slots::queue_post(tx, brand, &new, now)?;
    }
    // A weekly series: the Thursday family box, with a shorter text of its own on X.
    let today = brand.time_zone.local_of(now).date();
    let thursday = (1..=7)
        .map(|d| today + chrono::Days::new(d))
        .find(|d| d.weekday() == Weekday::Thu)
        .unwrap_or(today);
    let (box_text, box_on_x) = match language {
        Language::En => (
            "Friday family breakfast box 🧺 bread, cheese and za'atar for four. Order before midnight!",
            "Friday breakfast box 🧺 order before midnight",
        ),
        Language::Ar => (
            "صندوق فطور الجمعة العائلي 🧺 خبز وجبن وزعتر لأربعة أشخاص. اطلبوه قبل منتصف الليل!",
            "صندوق فطور الجمعة 🧺 اطلبوه قبل منتصف الليل",
        ),
    };
    let weekly = NewPost {
        channels: channel_ids.clone(),
        body: box_text.into(),
        category: promotion,
        at: Some(thursday.and_time(at(12, 0))),
        repeat: Some("FREQ=WEEKLY;COUNT=12".into()),
        media: vec![basket],
        variants: vec![Variant {
            channel: channel_ids[2],
            text: box_on_x.into(),
        }],
        ..NewPost::default()
    };
    crate::posts::create(tx, brand, &weekly, now)?;
    // This morning's post, already out: Majlis reminded the person to post it on
    // Instagram and X by hand (it waits for "Mark as posted"), and could not send it to
    // Bluesky, which is not connected yet: the post shows what to do about both.
    let morning = match language {
        Language::En => "Good morning! Za'atar manakeesh fresh from the oven until 11 ☀️",
        Language::Ar => "صباح الخير! مناقيش الزعتر طازجة من الفرن حتى الحادية عشرة ☀️",
    };
    let not_connected = Worded::each(|language| {
        match language {
            Language::En => "this channel is not connected",
            Language::Ar => "هذه القناة غير مربوطة",
        }
        .into()
    });
    // 7:00 this morning in the bakery's zone, or yesterday's if it is not 7:00 yet.
    let local_now = brand.time_zone.local_of(now);
    let seven = local_now.date().and_time(at(7, 0));
    let seven = if seven < local_now {
        seven
    } else {
        seven - chrono::Duration::days(1)
    };
    let sent = NewPost {
        channels: channel_ids.clone(),
        body: morning.into(),
        category: promotion,
        ..NewPost::default()
    };
    for out in gone_out(tx, brand, sent, seven, now)? {
        let outcome = if out.route.kind.publishes_itself() {
            Outcome::Failed {
                error: not_connected.clone(),
            }
        } else {
            Outcome::Reminded
        };
        publishing::record(tx, out.id, &out.attempt, &outcome, now)?;
    }
    let idea = NewPost {
        channels: channel_ids.clone(),
        body: "فكرة: منشور عن ساعات العمل في رمضان 🌙 / Idea: a post on our Ramadan hours 🌙"
            .into(),
        category: question,
        intent: PostIntent::Draft,
        ..NewPost::default()
    };
    crate::posts::create(tx, brand, &idea, now)?;
    // The evening-hours posts the team wrote, waiting for the owner's approval.
    let evenings = [
        (
            "جديد: نسهر معكم 🌙 من هذا الأسبوع نفتح حتى منتصف الليل، مع شاي كرك وكعك طازج.",
            at(18, 0),
            "الصورة من المحل يوم الخميس",
        ),
        (
            "New: late nights 🌙 From this week we're open until midnight, with karak tea and fresh ka'ak.",
            at(18, 30),
            "Photo to come from the shop on Thursday",
        ),
    ];
    for (body, time, notes) in evenings {
        let new = NewPost {
            channels: channel_ids.clone(),
            body: body.into(),
            category: promotion,
            at: Some((today + chrono::Days::new(3)).and_time(time)),
            intent: PostIntent::Review,
            notes: notes.into(),
            ..NewPost::default()
        };
        crate::posts::create(tx, brand, &new, now)?;
    }
    conversations(tx, brand, &channel_ids, morning, now)?;
    history(tx, brand, &channel_ids, now)?;
    replies(tx, brand, language, now)?;
    shared_by_followers(tx, brand, data_dir, &channel_ids, now)
}

/// The month before: what the person posted on Instagram and X (with a picture, as
/// Instagram wants) when Majlis reminded them, each marked as posted, so the calendar's
/// past days and the insights' content mix hold a month of work at any hour of the day.
/// `pillars` are promotion, question, behind the scenes and community.
fn posted(
    tx: &Transaction<'_>,
    brand: &Brand,
    channels: &[ChannelId],
    pillars: [Option<CategoryId>; 4],
    pictures: [&NewMedia; 2],
    now: Timestamp,
) -> Result<()> {
    // (text, pillar, days ago, at the evening slot rather than the morning's)
    const POSTED: [(&str, usize, u64, bool); 10] = [
        (
            "خلف الكواليس: عجينة الكرواسون ترتاح ٢٤ ساعة قبل أن تدخل الفرن 🥐",
            2,
            26,
            false,
        ),
        (
            "Your breakfast photos made our week 💛 Keep tagging #RayyanBakery",
            3,
            24,
            true,
        ),
        (
            "سؤال اليوم: مناقيش الزعتر أم الجبن؟ 🌿🧀 صوّتوا في التعليقات",
            1,
            21,
            false,
        ),
        (
            "How we score a tannour loaf: four cuts and one quick turn of the wrist 👐",
            2,
            19,
            true,
        ),
        (
            "وصل خبز الشعير إلى مخبز الريّان 🌾 متوفر كل صباح حتى نفاد الكمية",
            0,
            17,
            false,
        ),
        (
            "شكرًا لأم فهد على صورة فطورها الجميلة 📸 شاركونا صوركم بوسم #مخبز_الريان",
            3,
            14,
            true,
        ),
        (
            "Which bread should we bake for Ramadan nights? 🌙 Tell us below",
            1,
            11,
            false,
        ),
        (
            "رائحة الخبز منذ الرابعة فجرًا: هكذا يبدأ يومنا في المخبز 🔥",
            2,
            8,
            true,
        ),
        (
            "This week only: a second box of ka'ak at half price 🎁 In store",
            0,
            5,
            false,
        ),
        (
            "Thank you, Riyadh! 1,000 of you follow the bakery now 🎉",
            3,
            3,
            true,
        ),
    ];
    let today = brand.time_zone.local_of(now).date();
    for (n, (body, pillar, days_ago, evening)) in POSTED.into_iter().enumerate() {
        // On a day and at a time of the bakery's posting schedule: Sunday to Thursday,
        // 9:00 or 19:30 (a Friday or Saturday moves back to Thursday).
        let mut day = today - chrono::Days::new(days_ago);
        while matches!(day.weekday(), Weekday::Fri | Weekday::Sat) {
            day = day.pred_opt().unwrap_or(day);
        }
        let time = if evening { (19, 30) } else { (9, 0) };
        let at = day.and_time(NaiveTime::from_hms_opt(time.0, time.1, 0).unwrap_or(NaiveTime::MIN));
        let new = NewPost {
            channels: channels.to_vec(),
            body: body.into(),
            category: pillars[pillar],
            media: vec![pictures[n % 2].clone()],
            ..NewPost::default()
        };
        for out in gone_out(tx, brand, new, at, now)? {
            publishing::record(tx, out.id, &out.attempt, &Outcome::Reminded, now)?;
            // Posted by hand a few minutes after the reminder.
            let at = out.post.at.unwrap_or(now);
            let posted = Timestamp::from_unix(at.unix() + 7 * 60).unwrap_or(now);
            publishing::mark_posted(tx, out.id, None, posted)?;
        }
    }
    Ok(())
}

/// A post that went out at `at` (local), before the sample was made: created ahead, as
/// scheduling wants, moved back to its time, and its deliveries claimed (its own only,
/// whatever else is due) for the caller to record what became of each.
fn gone_out(
    tx: &Transaction<'_>,
    brand: &Brand,
    new: NewPost,
    at: chrono::NaiveDateTime,
    now: Timestamp,
) -> Result<Vec<publishing::Outgoing>> {
    let ahead = NewPost {
        at: Some(brand.time_zone.local_of(now) + chrono::Duration::hours(1)),
        ..new
    };
    let post = crate::posts::create(tx, brand, &ahead, now)?;
    tx.execute(
        "UPDATE posts SET at = ?2 WHERE id = ?1",
        rusqlite::params![post.id.0, brand.time_zone.instant_of_or_later(at)],
    )?;
    publishing::claim_post(tx, post.id, "sample")
}

/// The bakery's reply templates, each in English and Arabic (a follower is answered in
/// theirs), with blanks for the personal part; filed under titles and categories in the
/// window's language, the requests for rights under the one they are looked for by.
fn replies(tx: &Transaction<'_>, brand: &Brand, language: Language, now: Timestamp) -> Result<()> {
    let named = |en: &'static str, ar: &'static str| match language {
        Language::En => en,
        Language::Ar => ar,
    };
    let saved = [
        (
            named("Late order", "طلب متأخر"),
            named("Apology", "اعتذار"),
            ";late",
            "Hi {first_name}, we're so sorry your order is late. {what_happened} We'll make it right. — {your_name}, {brand_name}",
            "أهلًا {اسم_المتابع_الأول}، نعتذر جدًا عن تأخر طلبك. {ما_حدث} وسنعوّضك. — {اسم_المجيب}، {اسم_العلامة}",
        ),
        (
            named("Opening hours", "ساعات العمل"),
            named("Question", "سؤال"),
            ";hours",
            "Hi {first_name}! We're open {hours|7 am to 11 pm, Saturday to Thursday}. See you soon!",
            "أهلًا {اسم_المتابع_الأول}! نفتح {أوقات_العمل|من ٧ صباحًا حتى ١١ مساءً، من السبت إلى الخميس}. ننتظرك!",
        ),
        (
            named("Thank you", "شكرًا"),
            named("Thanks", "شكر"),
            ";thanks",
            "Thank you so much, {first_name}! {personal_note} 🤍",
            "شكرًا جزيلًا يا {اسم_المتابع_الأول}! {لمسة_شخصية} 🤍",
        ),
        (
            named("May we share your photo?", "مشاركة صورتك"),
            ugc::request::category(language),
            ";rights",
            "We love this photo, {first_name}! May we share it on our page, with credit to you? Reply {agreement_hashtag} to say yes.",
            "أعجبتنا صورتك يا {اسم_المتابع_الأول}! هل تسمح بنشرها في صفحتنا مع ذكر اسمك؟ ردّ بكلمة «{كلمة_الموافقة}» أو بالوسم {وسم_الموافقة} للموافقة.",
        ),
    ];
    for (title, category, shortcut, english, arabic) in saved {
        let new = templates::NewTemplate {
            brand: Some(brand.id),
            title: title.into(),
            category: category.into(),
            shortcut: Some(shortcut.into()),
            variants: vec![
                templates::Variant {
                    language: "en".into(),
                    body: english.into(),
                },
                templates::Variant {
                    language: "ar".into(),
                    body: arabic.into(),
                },
            ],
        };
        templates::create(tx, &new, now)?;
    }
    Ok(())
}

/// What the bakery's followers said lately, in Arabic and English: two answers are
/// overdue (a complaint about this morning's order, a question about Ramadan hours),
/// others are due soon, one was answered and one closed, and a spammer is set aside.
fn conversations(
    tx: &Transaction<'_>,
    brand: &Brand,
    channels: &[ChannelId],
    morning: &str,
    now: Timestamp,
) -> Result<()> {
    let [bluesky, instagram, x] = channels else {
        return Ok(());
    };
    let ago = |minutes: i64| Timestamp::from_unix(now.unix() - minutes * 60).unwrap_or(now);
    let said = |channel: ChannelId,
                (handle, name): (&str, &str),
                text: &str,
                minutes: i64,
                network: Option<(Source, &str)>| Incoming {
        channel,
        remote_id: network
            .map(|(_, rkey)| format!("at://did:plc:{handle}/app.bsky.feed.post/{rkey}")),
        url: network.map(|(_, rkey)| format!("https://bsky.app/profile/{handle}/post/{rkey}")),
        source: network.map_or(Source::Manual, |(source, _)| source),
        author: Author {
            handle: handle.into(),
            name: Some(name.into()),
            avatar: None,
        },
        text: text.into(),
        language: None,
        received_at: ago(minutes),
        parent_remote_id: None,
        parent_text: None,
    };
    let order = Incoming {
        parent_text: Some(morning.into()),
        ..said(
            *bluesky,
            ("sara.bsky.social", "Sara Al-Harbi"),
            "طلبت صندوق الفطور الساعة ٨ وما وصل إلى الآن 😞",
            95,
            Some((Source::Reply, "3lsample2a")),
        )
    };
    let items = [
        order,
        said(
            *instagram,
            ("maha.bakes", "Maha"),
            "متى تفتحون في رمضان؟",
            150,
            None,
        ),
        said(
            *instagram,
            ("omar.k", "Omar Khalil"),
            "Do you have gluten-free bread? My daughter is celiac",
            40,
            None,
        ),
        said(
            *x,
            ("noura_m", "Noura"),
            "@RayyanBakery best manakeesh in Riyadh, hands down 😍",
            180,
            None,
        ),
        said(
            *instagram,
            ("lina.designs", "Lina"),
            "ياليت توفرون خبز الشعير، نحتاج خيارات صحية أكثر",
            20,
            None,
        ),
        said(
            *bluesky,
            ("faisal.dev", "Faisal"),
            "Is the Olaya branch open on Friday?",
            10,
            Some((Source::Mention, "3lsample2b")),
        ),
        said(
            *x,
            ("promo_bot", "Promo"),
            "Get 10k free followers now!! check my profile",
            60,
            None,
        ),
        said(
            *instagram,
            ("huda.s", "Huda"),
            "الكعك كان لذيذ جداً، شكراً لكم",
            26 * 60,
            None,
        ),
        said(
            *bluesky,
            ("khalid.r", "Khalid"),
            "The cinnamon rolls were cold when they arrived",
            50 * 60,
            Some((Source::Reply, "3lsample2c")),
        ),
    ];
    let ids = inbox::receive(tx, brand, &items, now)?;
    if let [.., huda, khalid] = ids.as_slice() {
        inbox::set_status(tx, &[*huda], inbox::Status::Replied, ago(26 * 60 - 25))?;
        inbox::set_status(tx, &[*khalid], inbox::Status::Replied, ago(50 * 60 - 40))?;
        inbox::set_status(tx, &[*khalid], inbox::Status::Closed, ago(49 * 60))?;
    }
    Ok(())
}

/// Eight weeks of what followers asked and said before today, all answered, so
/// Insights has something to tell: people keep asking for gluten-free bread (in both
/// languages: two groups of near-identical questions), deliveries run late now and then,
/// and this week several say the croissants were burnt — a rising term.
fn history(
    tx: &Transaction<'_>,
    brand: &Brand,
    channels: &[ChannelId],
    now: Timestamp,
) -> Result<()> {
    const SAID: [(&str, &str, i64); 24] = [
        ("Do you have gluten-free bread?", "en", 52),
        ("Do you have gluten free bread? 🙏", "en", 45),
        ("do you have gluten-free bread??", "en", 31),
        ("Hi! Do you have gluten-free bread?", "en", 17),
        ("Do you have gluten-free bread please", "en", 9),
        ("هل عندكم خبز بدون جلوتين؟", "ar", 48),
        ("هل عندكم خبز بدون جلوتين", "ar", 26),
        ("هل عندكم خبز بدون جلوتين؟ 🙏", "ar", 12),
        ("My delivery was late again, over an hour", "en", 40),
        ("Delivery arrived late and the bread was cold", "en", 23),
        ("التوصيل متأخر ساعة كاملة", "ar", 36),
        ("تأخر التوصيل مرة ثانية", "ar", 15),
        ("How much is the Eid ka'ak box?", "en", 33),
        ("بكم صندوق كعك العيد؟", "ar", 29),
        (
            "Can you add a barley loaf? Would love healthier options",
            "en",
            20,
        ),
        ("ممكن توفرون خبز الشعير؟", "ar", 11),
        ("Do you deliver to Al Malqa?", "en", 38),
        ("هل توصلون إلى حي الملقا؟", "ar", 6),
        (
            "The croissants were burnt this morning, disappointed",
            "en",
            3,
        ),
        ("Croissants burnt again today… disappointed", "en", 2),
        (
            "burnt croissants in my box, not great, disappointed",
            "en",
            1,
        ),
        (
            "Two burnt croissants in today's order, disappointed",
            "en",
            1,
        ),
        ("Croissants came burnt on the bottom, disappointed", "en", 4),
        ("Why are the croissants burnt lately?", "en", 2),
    ];
    const WHO: [&str; 8] = [
        "reem.alq",
        "jamal.h",
        "sofia.bakes",
        "abdullah_92",
        "nadia.k",
        "tariq.s",
        "emma.riyadh",
        "haya.m",
    ];
    let Some(&channel) = channels.first() else {
        return Ok(());
    };
    for (n, (text, language, days_ago)) in SAID.into_iter().enumerate() {
        // Spread over the day, answered between 20 minutes and three hours later.
        let handle = match n / WHO.len() {
            0 => WHO[n % WHO.len()].to_owned(),
            round => format!("{}_{}", WHO[n % WHO.len()], round + 1),
        };
        let n = n as i64;
        let at = now.unix() - days_ago * 86_400 - (n * 97 % 600) * 60;
        let received = Timestamp::from_unix(at).unwrap_or(now);
        let answered = Timestamp::from_unix(at + 1200 + (n * 53 % 160) * 60).unwrap_or(now);
        let incoming = Incoming {
            language: Some(language.into()),
            ..inbox::manual(channel, &handle, text, received)?
        };
        let ids = inbox::receive(tx, brand, &[incoming], received)?;
        inbox::set_status(tx, &ids, inbox::Status::Replied, answered.min(now))?;
    }
    Ok(())
}

/// What the bakery's followers shared, on the community board: a breakfast photo
/// found by the saved #RayyanBakery search and asked about, a loaf its creator agreed
/// to share (with the answer as evidence), a photo given by direct message on
/// Instagram (recorded by hand), one declined, and a fresh find.
fn shared_by_followers(
    tx: &Transaction<'_>,
    brand: &Brand,
    data_dir: &Path,
    channels: &[ChannelId],
    now: Timestamp,
) -> Result<()> {
    let [bluesky, instagram, _] = channels else {
        return Ok(());
    };
    let ago = |hours: i64| Timestamp::from_unix(now.unix() - hours * 3600).unwrap_or(now);
    let search = ugc::searches::add(
        tx,
        brand.id,
        ugc::searches::SearchKind::Hashtag,
        "RayyanBakery",
        ago(72),
    )?;
    let photo = |name: &str, bytes: &[u8], alt: &str| -> Result<ugc::FoundPicture> {
        let cleaned = media::store_untrusted(data_dir, name, bytes)?;
        Ok(ugc::FoundPicture {
            file: cleaned.file,
            thumbnail: Some(cleaned.thumbnail),
            alt: alt.into(),
            original_url: None,
        })
    };
    let loaf = include_bytes!("../assets/sample/tannour-loaf.png");
    let basket = include_bytes!("../assets/sample/breakfast-box.png");
    let post =
        |channel: ChannelId, handle: &str, name: &str, text: &str, language: &str, rkey: &str| {
            ugc::Found {
                channel: Some(channel),
                network: "bluesky".into(),
                remote_id: Some(format!("at://did:plc:{handle}/app.bsky.feed.post/{rkey}")),
                url: Some(format!("https://bsky.app/profile/{handle}/post/{rkey}")),
                creator: ugc::Creator {
                    handle: handle.into(),
                    name: Some(name.into()),
                    url: Some(format!("https://bsky.app/profile/{handle}")),
                },
                text: text.into(),
                language: Some(language.into()),
                posted_at: None,
                pictures: Vec::new(),
            }
        };
    let found = |found: ugc::Found, hours: i64| -> Result<Option<ugc::UgcId>> {
        let posted = ugc::Found {
            posted_at: Some(ago(hours + 1)),
            ..found
        };
        ugc::add(
            tx,
            brand.id,
            ugc::Origin::Search,
            &posted,
            None,
            Some(search.id),
            ago(hours),
        )
    };
    // Asked yesterday; no answer yet.
    let reem = ugc::Found {
        pictures: vec![photo(
            "reem-breakfast.png",
            basket,
            "Breakfast box on a café table",
        )?],
        ..post(
            *bluesky,
            "reem.eats",
            "Reem",
            "Saturday breakfast at Rayyan 🥐☕ #RayyanBakery",
            "en",
            "3lsugc1a",
        )
    };
    let huda = ugc::request::Words::Templates { agent: "Huda" };
    let ask = |id: ugc::UgcId, hours: i64| -> Result<String> {
        let out = ugc::request::begin(tx, id, huda, ago(hours))?;
        let remote = format!("at://did:plc:rayyan/app.bsky.feed.post/req{}", id.0);
        ugc::request::record(
            tx,
            &out,
            &inbox::replies::Sent::Landed {
                remote_id: remote.clone(),
                remote_url: Some(format!(
                    "https://bsky.app/profile/rayyanbakery.bsky.social/post/req{}",
                    id.0
                )),
            },
            ago(hours),
        )?;
        Ok(remote)
    };
    if let Some(id) = found(reem, 30)? {
        ask(id, 20)?;
    }
    // Asked, and Ahmad said yes with the hashtag: granted, his words kept as evidence.
    let ahmad = ugc::Found {
        pictures: vec![photo(
            "ahmad-tannour.png",
            loaf,
            "خبز تنور ذهبي على لوح خشبي",
        )?],
        ..post(
            *bluesky,
            "ahmad.photos",
            "أحمد",
            "خبز التنور من الريّان… ما في أطيب منه ✨ #RayyanBakery",
            "ar",
            "3lsugc1b",
        )
    };
    if let Some(id) = found(ahmad, 70)? {
        let request = ask(id, 60)?;
        let terms = ugc::terms::get(tx, brand.id)?;
        let yes = Incoming {
            channel: *bluesky,
            remote_id: Some("at://did:plc:ahmad.photos/app.bsky.feed.post/3lsugc1y".into()),
            url: Some("https://bsky.app/profile/ahmad.photos/post/3lsugc1y".into()),
            source: Source::Reply,
            author: Author {
                handle: "ahmad.photos".into(),
                name: Some("أحمد".into()),
                avatar: None,
            },
            text: format!("أكيد، تشرفت! {}", terms.hashtag),
            language: Some("ar".into()),
            received_at: ago(58),
            parent_remote_id: Some(request),
            parent_text: None,
        };
        let heard = inbox::receive(tx, brand, &[yes], ago(58))?;
        ugc::rights::hear(tx, &heard, ago(58))?;
        // Nothing to answer: the yes is on the board.
        inbox::set_status(tx, &heard, inbox::Status::Closed, ago(57))?;
    }
    // Lina sent her photo by direct message on Instagram: recorded by hand.
    let lina = ugc::Found {
        channel: Some(*instagram),
        network: "instagram".into(),
        url: Some("https://www.instagram.com/p/rayyan-lina/".into()),
        creator: ugc::Creator {
            handle: "lina.designs".into(),
            name: Some("Lina".into()),
            url: None,
        },
        text: "My kids' favourite Friday treat: your za'atar manakeesh 💚".into(),
        language: Some("en".into()),
        posted_at: Some(ago(50)),
        pictures: vec![photo(
            "lina-basket.png",
            basket,
            "A basket of round loaves with za'atar and white cheese",
        )?],
        ..ugc::Found::default()
    };
    if let Some(id) = ugc::add(
        tx,
        brand.id,
        ugc::Origin::Manual,
        &lina,
        None,
        None,
        ago(48),
    )? {
        let grant = ugc::rights::ManualGrant {
            note: "By DM on Instagram: \"of course, tag me!\"".into(),
            scope: vec![ugc::rights::Scope::Organic, ugc::rights::Scope::Website],
            months: Some(12),
        };
        ugc::rights::grant_manually(tx, id, &grant, ago(40))?;
    }
    // Majed preferred to keep his to himself.
    if let Some(id) = found(
        post(
            *bluesky,
            "majed.k",
            "Majed",
            "Family dinner, Rayyan bread on the table #RayyanBakery",
            "en",
            "3lsugc1c",
        ),
        120,
    )? {
        ask(id, 110)?;
        ugc::rights::refuse(
            tx,
            id,
            ugc::rights::RightsState::Declined,
            "He'd rather keep it personal — thanked him.",
            ago(100),
        )?;
    }
    // A fresh find, not asked yet.
    let dana = ugc::Found {
        pictures: vec![photo("dana-loaf.png", loaf, "A tannour loaf, torn open")?],
        ..post(
            *bluesky,
            "dana.sa",
            "Dana",
            "أول مرة أجرب خبز التنور عندكم وصار المفضل 😍 #RayyanBakery",
            "ar",
            "3lsugc1d",
        )
    };
    found(dana, 3)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::channels::ChannelKind;
    use crate::posts::{self, DeliveryStatus, PostFilter, PostStatus};

    #[test]
    fn creates_a_living_sample_brand_once_per_language() {
        let store = Store::open_in_memory().expect("store");
        let now = Timestamp::from_unix(1_790_000_000).expect("in range");
        let dir = tempfile::tempdir().expect("dir");
        let ar = store
            .write(|tx| create(tx, dir.path(), Language::Ar, now))
            .expect("ar");
        assert_eq!(ar.name.as_str(), "مخبز الريّان");
        assert_eq!(ar.locale.to_string(), "ar-SA");
        let again = store
            .write(|tx| create(tx, dir.path(), Language::Ar, now))
            .expect("again");
        assert_eq!(again.id, ar.id);

        let planned = store
            .read(|c| posts::list(c, ar.id, PostFilter::default()))
            .expect("posts");
        assert_eq!(
            planned.len(),
            25,
            "ten posted in the month before, ten queued posts, a weekly series, this \
             morning's post, a draft and two waiting for approval, created once"
        );
        let waiting: Vec<_> = planned
            .iter()
            .filter(|p| p.status == PostStatus::InReview)
            .collect();
        assert!(
            waiting.len() == 2
                && waiting.iter().any(|p| p.body.starts_with("جديد"))
                && waiting.iter().all(|p| p.at > Some(now))
        );
        // The month before went out on Instagram and X, posted by hand, at its time.
        let posted: Vec<_> = planned
            .iter()
            .filter(|p| p.status == PostStatus::Published)
            .collect();
        assert_eq!(posted.len(), 10);
        for post in posted {
            let mut kinds: Vec<_> = post.deliveries.iter().map(|d| d.kind).collect();
            kinds.sort();
            assert_eq!(kinds, [ChannelKind::Instagram, ChannelKind::X]);
            assert!(
                post.at < Some(now) && post.at > Timestamp::from_unix(now.unix() - 27 * 86_400)
            );
        }
        assert!(
            planned
                .iter()
                .filter(|p| p.status == PostStatus::Scheduled)
                .all(|p| p.at > Some(now))
        );
        // This morning's post waits for the person on Instagram and X, and failed on
        // Bluesky, which is not connected: nothing is out yet, and the failure shows.
        let out: Vec<_> = planned
            .iter()
            .filter(|p| p.status == PostStatus::Failed)
            .collect();
        assert_eq!(out.len(), 1);
        let statuses: Vec<_> = out[0]
            .deliveries
            .iter()
            .map(|d| (d.kind, d.status))
            .collect();
        assert!(statuses.contains(&(ChannelKind::Bluesky, DeliveryStatus::Failed)));
        assert!(statuses.contains(&(ChannelKind::X, DeliveryStatus::Reminded)));
        assert!(
            planned.iter().any(|p| p.body.starts_with("What's"))
                && planned.iter().any(|p| p.body.starts_with("ما هو"))
        );
        assert!(
            planned
                .iter()
                .filter(|p| p.status != PostStatus::Published)
                .all(|p| p.deliveries.len() == 3)
        );
        assert_eq!(planned.iter().filter(|p| p.repeat.is_some()).count(), 1);
        let pictured: Vec<_> = planned.iter().flat_map(|p| &p.media).collect();
        assert_eq!(
            pictured.len(),
            13,
            "the loaf twice and the breakfast box, and a picture on each past post"
        );
        assert!(pictured.iter().all(|m| !m.alt.is_empty()));
        assert!(
            pictured
                .iter()
                .all(|m| dir.path().join(&m.file.file).is_file())
        );

        // Followers wrote in both languages; two answers are overdue, one was given.
        let talk = store
            .read(|c| {
                let filter = inbox::InboxFilter {
                    view: inbox::View::All,
                    ..inbox::InboxFilter::default()
                };
                inbox::list(c, ar.id, &filter, 0, 50, now)
            })
            .expect("inbox");
        // Nine conversations, Ahmad's "yes" to a rights request (closed), and 24
        // answered messages of the eight weeks before.
        assert_eq!(talk.total, 34);
        assert!(talk.items.iter().any(|i| i.text.starts_with("Do you")));
        assert!(talk.items.iter().any(|i| i.text.starts_with("متى")));
        assert_eq!(
            store
                .read(|c| inbox::overdue_count(c, Some(ar.id), now))
                .expect("overdue"),
            2
        );
        assert!(talk.items.iter().any(|i| i.kind == inbox::Kind::Spam));
        assert!(talk.items.iter().any(|i| i.first_response_at.is_some()));
        // Insights have something to say: a group of the same question, a rising term.
        let week = now.as_utc().date_naive();
        let said = store
            .read(|c| {
                let period = crate::insights::Period::new(week - chrono::Days::new(60), week)?;
                crate::insights::topics::topics(c, &ar, period)
            })
            .expect("topics");
        assert!(
            said.groups.iter().any(|g| g.count >= 5),
            "{:?}",
            said.groups
        );
        assert!(
            said.emerging.iter().any(|e| e.term == "burnt"),
            "{:?}",
            said.emerging
        );
        let saved = store
            .read(|c| templates::list(c, Some(ar.id)))
            .expect("templates");
        assert_eq!(saved.len(), 4);
        assert!(saved.iter().all(|t| t.variants.len() == 2));
        // Filed in Arabic for an Arabic window, the requests' one where they look.
        assert!(saved.iter().all(|t| !t.category.is_ascii()), "{saved:?}");
        let requests = store
            .read(|c| templates::in_category(c, ar.id, ugc::request::category(Language::Ar)))
            .expect("requests");
        assert_eq!(requests.len(), 1);

        // The community board: an item in each step of its rights.
        let board = store
            .read(|c| ugc::list(c, ar.id, &ugc::UgcFilter::default(), 0, 50))
            .expect("board");
        let states: Vec<_> = board.items.iter().map(|i| i.state).collect();
        use ugc::rights::RightsState::*;
        for state in [Found, Requested, Granted, Declined] {
            assert!(states.contains(&state), "{state:?} in {states:?}");
        }
        let ahmad = board
            .items
            .iter()
            .find(|i| i.creator.handle == "ahmad.photos")
            .expect("ahmad");
        assert!(
            ahmad.grant.as_ref().is_some_and(|g| !g.manual),
            "granted by his answer"
        );
        assert!(
            board
                .items
                .iter()
                .filter(|i| !i.pictures.is_empty())
                .count()
                >= 4
        );

        let en = store
            .write(|tx| create(tx, dir.path(), Language::En, now))
            .expect("en");
        let ws = store.read(brands::workspace).expect("workspace");
        assert_eq!(ws.brands.len(), 2);
        assert_eq!(ws.current, Some(en.id));
    }
}
