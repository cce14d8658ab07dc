//! Template search over 10k templates (a large agency's library, shared and per brand,
//! in English and Arabic): five kinds of answer, each for forty products, so a product's
//! name is in 250 templates and a kind's word in 2,000 (the worst case measured).
//!
//! Budget (issue 6): median ≤ 1 ms on a 2-core machine, release build.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use majlis_core::Store;
use majlis_core::brands::{self, NewBrand};
use majlis_core::inbox::Kind;
use majlis_core::templates::{self, NewTemplate, Prefer, Variant};
use majlis_core::time::Timestamp;

const TEMPLATES: usize = 10_000;
const PRODUCTS: usize = 40;

const TOPICS: [(&str, &str, &str); 5] = [
    (
        "Late delivery",
        "Apology",
        "We're sorry your order is late, {author_name}. It leaves today.",
    ),
    (
        "Opening hours",
        "Question",
        "We're open from 7 to 11, every day but Friday morning.",
    ),
    (
        "Thanks for the photo",
        "Thanks",
        "Thank you for sharing, {author_name}! It made our day.",
    ),
    (
        "Gluten free",
        "Question",
        "Our gluten-free loaves are baked on Thursdays.",
    ),
    (
        "Refund",
        "Apology",
        "Your refund of {amount} is on its way, {author_name}.",
    ),
];
const ARABIC: [&str; 5] = [
    "نعتذر عن تأخر طلبك يا {author_name}، يخرج اليوم.",
    "نفتح من ٧ إلى ١١ كل يوم عدا صباح الجمعة.",
    "شكرًا على مشاركتك يا {author_name}! أسعدت يومنا.",
    "خبزنا الخالي من الجلوتين يُخبز كل خميس.",
    "المبلغ {amount} في طريقه إليك يا {author_name}.",
];

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("bench.db")).expect("store");
    let now = Timestamp::from_unix(1_795_600_800).expect("in range");
    let brand = store
        .write(|tx| {
            let brand = brands::create(
                tx,
                &NewBrand {
                    name: "Bench Bakery".into(),
                    time_zone: "Asia/Riyadh".into(),
                    ..NewBrand::default()
                },
                now,
            )?;
            for i in 0..TEMPLATES {
                let (title, category, body) = TOPICS[i % 5];
                let product = format!("product{}", (i / 5) % PRODUCTS);
                let new = NewTemplate {
                    brand: (i % 4 != 0).then_some(brand.id),
                    title: format!("{title}: {product}"),
                    category: category.into(),
                    shortcut: Some(format!(";t{i}")),
                    variants: vec![
                        Variant {
                            language: "en".into(),
                            body: body.into(),
                        },
                        Variant {
                            language: "ar".into(),
                            body: ARABIC[i % 5].into(),
                        },
                    ],
                };
                templates::create(tx, &new, now)?;
            }
            Ok(brand)
        })
        .expect("seed");
    let prefer = Prefer {
        kind: Some(Kind::Complaint),
        language: Some("ar".into()),
    };
    for (name, query) in [
        ("template search, a shortcut, 10k templates", ";t7321"),
        (
            "template search, two words (50 match), 10k templates",
            "refund product7",
        ),
        (
            "template search, a product (250 match), 10k templates",
            "product7",
        ),
        (
            "template search, a kind's word (2,000 match), 10k templates",
            "refund",
        ),
        (
            "template search, Arabic (2,000 match), 10k templates",
            "تاخر",
        ),
        (
            "template search, two letters (th: several words begin them), 10k templates",
            "th",
        ),
        (
            "template search, nothing typed (most used), 10k templates",
            "",
        ),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                store
                    .read(|conn| {
                        templates::search(conn, Some(brand.id), black_box(query), &prefer, 10)
                    })
                    .expect("search")
            })
        });
    }
}

criterion_group!(benches, search);
criterion_main!(benches);
