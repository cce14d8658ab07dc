//! What the connectors' tests share: a claimed delivery's envelope, as the publisher hands
//! it over.

use majlis_core::Store;
use majlis_core::brands::{self, NewBrand};
use majlis_core::channels::{self, NewChannel};
use majlis_core::posts::{self, NewPost};
use majlis_core::publishing::{self, Envelope};
use majlis_core::time::Timestamp;

/// "Fresh bread", claimed for a channel of `kind` with `handle`.
pub(crate) fn outgoing(kind: &str, handle: Option<&str>) -> Envelope {
    outgoing_with(
        kind,
        handle,
        NewPost {
            body: "Fresh bread".into(),
            ..NewPost::default()
        },
    )
}

/// `post` (its channel and time filled in), claimed for a channel of `kind`.
pub(crate) fn outgoing_with(kind: &str, handle: Option<&str>, post: NewPost) -> Envelope {
    let store = Store::open_in_memory().expect("store");
    let now = Timestamp::from_unix(1_795_600_800).expect("in range");
    store
        .write(|tx| {
            let new = NewBrand {
                name: "Rayyan Bakery".into(),
                time_zone: "Asia/Riyadh".into(),
                ..NewBrand::default()
            };
            let brand = brands::create(tx, &new, now)?;
            let new = NewChannel {
                kind: kind.into(),
                name: "The channel".into(),
                handle: handle.map(str::to_owned),
            };
            let channel = channels::create(tx, brand.id, &new, now)?;
            let at = brand.time_zone.local_of(now) + chrono::Duration::hours(1);
            let post = NewPost {
                channels: vec![channel.id],
                at: Some(at),
                ..post
            };
            posts::create(tx, &brand, &post, now)?;
            let due = Timestamp::from_unix(now.unix() + 3600).expect("in range");
            Ok(publishing::claim(tx, due, "test", 1)?.remove(0).envelope)
        })
        .expect("a claimed delivery")
}
