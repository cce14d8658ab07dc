//! Channels: the accounts a brand posts from, one per network account.

mod kind;

use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

pub use kind::ChannelKind;

use crate::brands::BrandId;
use crate::name::{Name, Named};
use crate::time::Timestamp;
use crate::{Error, Result};

/// A channel's row id.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(transparent)]
pub struct ChannelId(pub i64);

/// One account of one network, for one brand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
// TypeScript already has a `Channel` (Tauri's IPC channel).
#[serde(rename = "BrandChannel")]
pub struct Channel {
    /// Row id.
    pub id: ChannelId,
    /// The brand it belongs to.
    pub brand_id: BrandId,
    /// The network.
    pub kind: ChannelKind,
    /// How the person calls it ("Bakery on Bluesky"), unique within the brand.
    pub name: Name,
    /// The account's handle, without a leading `@`.
    pub handle: Option<String>,
    /// When it was added.
    pub created_at: Timestamp,
}

/// A channel as a person types it, before validation.
#[derive(Clone, Debug, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewChannel {
    /// Network name, e.g. `bluesky`.
    pub kind: String,
    /// Display name.
    pub name: String,
    /// Handle, with or without `@`.
    pub handle: Option<String>,
}

/// Validates `new` and adds it to `brand`, naming the first problem if there is one.
pub fn create(
    tx: &Transaction<'_>,
    brand: BrandId,
    new: &NewChannel,
    now: Timestamp,
) -> Result<Channel> {
    let kind: ChannelKind = new.kind.parse()?;
    let name = Name::parse(&new.name, Named::Channel)?;
    let handle = new
        .handle
        .as_deref()
        .map(|h| h.trim().trim_start_matches('@').to_owned())
        .filter(|h| !h.is_empty());
    let id = tx
        .query_row(
            "INSERT INTO channels (brand_id, kind, name, name_key, handle, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            params![brand.0, kind, name, name.key(), handle, now],
            |r| r.get(0),
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::ConstraintViolation) => {
                Error::NameTaken(Named::Channel, name.to_string())
            }
            _ => e.into(),
        })?;
    Ok(Channel {
        id: ChannelId(id),
        brand_id: brand,
        kind,
        name,
        handle,
        created_at: now,
    })
}

/// A brand's channels, in name order.
pub fn list(conn: &Connection, brand: BrandId) -> Result<Vec<Channel>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE brand_id = ?1 ORDER BY name_key"))?;
    let channels = stmt
        .query_map([brand.0], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(channels)
}

/// The brand's channel called `name` (without regard to case).
pub fn find(conn: &Connection, brand: BrandId, name: &str) -> Result<Channel> {
    let key = Name::parse(name, Named::Channel)?.key();
    conn.prepare_cached(&format!("{SELECT} WHERE brand_id = ?1 AND name_key = ?2"))?
        .query_row(params![brand.0, key], from_row)
        .optional()?
        .ok_or_else(|| Error::NoSuchChannel(name.trim().to_owned()))
}

const SELECT: &str = "SELECT id, brand_id, kind, name, handle, created_at FROM channels";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Channel> {
    Ok(Channel {
        id: ChannelId(r.get(0)?),
        brand_id: BrandId(r.get(1)?),
        kind: r.get(2)?,
        name: r.get(3)?,
        handle: r.get(4)?,
        created_at: r.get(5)?,
    })
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;
    use crate::Store;
    use crate::brands::{self, NewBrand};

    fn now() -> Timestamp {
        Timestamp::from_unix(1_790_000_000).expect("in range")
    }

    fn brand(store: &Store, name: &str) -> BrandId {
        let new = NewBrand {
            name: name.into(),
            time_zone: "Asia/Riyadh".into(),
            ..NewBrand::default()
        };
        store
            .write(|tx| brands::create(tx, &new, now()))
            .expect("brand")
            .id
    }

    fn channel(kind: &str, name: &str, handle: Option<&str>) -> NewChannel {
        NewChannel {
            kind: kind.into(),
            name: name.into(),
            handle: handle.map(Into::into),
        }
    }

    #[test]
    fn adds_lists_and_finds_channels_per_brand() {
        let store = Store::open_in_memory().expect("store");
        let bakery = brand(&store, "Rayyan Bakery");
        let cafe = brand(&store, "Zaytoun Café");
        store
            .write(|tx| {
                create(
                    tx,
                    bakery,
                    &channel("bluesky", "Bakery on Bluesky", Some("@rayyan.bsky.social")),
                    now(),
                )
            })
            .expect("bluesky");
        store
            .write(|tx| {
                create(
                    tx,
                    bakery,
                    &channel("Instagram", "انستغرام المخبز", None),
                    now(),
                )
            })
            .expect("ig");
        // The same name is fine for another brand.
        store
            .write(|tx| create(tx, cafe, &channel("x", "Bakery on Bluesky", None), now()))
            .expect("other brand");

        let channels = store.read(|c| list(c, bakery)).expect("list");
        assert_eq!(channels.len(), 2);
        assert_eq!(channels[0].kind, ChannelKind::Bluesky);
        assert_eq!(channels[0].handle.as_deref(), Some("rayyan.bsky.social"));
        assert_eq!(channels[1].kind, ChannelKind::Instagram);
        let found = store
            .read(|c| find(c, bakery, "  bakery ON bluesky "))
            .expect("find");
        assert_eq!(found.id, channels[0].id);
    }

    #[rstest]
    #[case::taken(channel("mastodon", "BAKERY", None), "channel_name_taken")]
    #[case::empty(channel("mastodon", " ", None), "channel_name_empty")]
    #[case::unknown_kind(channel("myspace", "Old", None), "unknown_channel_kind")]
    fn refuses_bad_input_and_changes_nothing(#[case] input: NewChannel, #[case] code: &str) {
        let store = Store::open_in_memory().expect("store");
        let bakery = brand(&store, "Rayyan Bakery");
        store
            .write(|tx| create(tx, bakery, &channel("bluesky", "Bakery", None), now()))
            .expect("first");
        let err = store
            .write(|tx| create(tx, bakery, &input, now()))
            .expect_err("refused");
        assert_eq!(err.code(), code, "{err}");
        assert_eq!(store.read(|c| list(c, bakery)).expect("list").len(), 1);
    }

    #[test]
    fn an_unknown_channel_is_named() {
        let store = Store::open_in_memory().expect("store");
        let bakery = brand(&store, "Rayyan Bakery");
        let err = store
            .read(|c| find(c, bakery, "Telegram"))
            .expect_err("none");
        assert_eq!(err.code(), "channel_not_found");
        assert!(err.to_string().contains("Telegram"));
    }
}
