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
    /// The server it is connected through; `None` until it is connected.
    pub service: Option<String>,
    /// The longest text its server takes, when the server says (a Mastodon instance's
    /// own limit, read when connecting); else its network's rule holds.
    pub max_characters: Option<u32>,
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
        service: None,
        max_characters: None,
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

/// How a channel reaches its account. Never its secret: at most the name of the
/// environment variable that holds it, on machines without a keyring.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    /// The server: a Bluesky PDS, a Mastodon instance, Telegram's Bot API, the webhook.
    pub service: String,
    /// The environment variable the engine reads the secret from, when not the keyring.
    pub secret_env: Option<String>,
    /// The longest text the server takes, when it says (Mastodon's instance limit).
    pub max_characters: Option<u32>,
}

impl Endpoint {
    /// An endpoint at `service`, which must be an http(s) address with a host.
    pub fn parse(service: &str, secret_env: Option<String>) -> Result<Self> {
        let service = service.trim();
        let parsed =
            url::Url::parse(service).map_err(|_| Error::InvalidService(service.to_owned()))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
            return Err(Error::InvalidService(service.to_owned()));
        }
        Ok(Self {
            service: service.trim_end_matches('/').to_owned(),
            secret_env,
            max_characters: None,
        })
    }

    /// The settings a connector reads (`service`, `secretEnv`).
    pub fn settings(&self) -> serde_json::Value {
        serde_json::json!({
            "service": self.service,
            "secretEnv": self.secret_env,
            "maxCharacters": self.max_characters,
        })
    }
}

/// Records how `id` reaches its account (and its handle, when given), keeping any
/// other setting the channel has.
pub fn connect(
    tx: &Transaction<'_>,
    id: ChannelId,
    handle: Option<&str>,
    endpoint: &Endpoint,
) -> Result<()> {
    let handle = handle
        .map(|h| h.trim().trim_start_matches('@'))
        .filter(|h| !h.is_empty());
    let changed = tx.execute(
        "UPDATE channels
         SET settings = json_patch(settings, ?2), handle = coalesce(?3, handle)
         WHERE id = ?1",
        params![id.0, endpoint.settings().to_string(), handle],
    )?;
    if changed == 0 {
        return Err(Error::ChannelNotFound(id.0));
    }
    Ok(())
}

/// Forgets how `id` reaches its account: it is no longer connected (its secret is the
/// engine's to forget).
pub fn disconnect(tx: &Transaction<'_>, id: ChannelId) -> Result<()> {
    let changed = tx.execute(
        "UPDATE channels
         SET settings = json_remove(settings, '$.service', '$.secretEnv', '$.maxCharacters')
         WHERE id = ?1",
        [id.0],
    )?;
    if changed == 0 {
        return Err(Error::ChannelNotFound(id.0));
    }
    Ok(())
}

/// The channel's per-network settings (service, where its secret is kept).
pub fn settings(conn: &Connection, id: ChannelId) -> Result<serde_json::Value> {
    let settings: String = conn
        .query_row("SELECT settings FROM channels WHERE id = ?1", [id.0], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(Error::ChannelNotFound(id.0))?;
    Ok(serde_json::from_str(&settings).unwrap_or_default())
}

/// The channel with this id.
pub fn get(conn: &Connection, id: ChannelId) -> Result<Channel> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or(Error::ChannelNotFound(id.0))
}

impl Channel {
    /// Whether it is connected: Majlis knows the server it reaches its account through.
    pub fn is_connected(&self) -> bool {
        self.service.is_some()
    }

    /// How long `text` is here, against this channel's limit.
    pub fn measure(&self, text: &str) -> crate::length::Length {
        crate::length::measure_within(self.kind, text, self.max_characters)
    }
}

const SELECT: &str = "SELECT id, brand_id, kind, name, handle, created_at,
                             json_extract(settings, '$.service'),
                             json_extract(settings, '$.maxCharacters') FROM channels";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Channel> {
    Ok(Channel {
        id: ChannelId(r.get(0)?),
        brand_id: BrandId(r.get(1)?),
        kind: r.get(2)?,
        name: r.get(3)?,
        handle: r.get(4)?,
        created_at: r.get(5)?,
        service: r.get(6)?,
        max_characters: r.get(7)?,
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
