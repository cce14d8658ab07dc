//! User-generated content (UGC): followers' posts a brand would like to share, and the
//! rights to do so.
//!
//! An item is found (saved from the inbox, found by a saved search, or added by hand),
//! its creator is asked for permission (a reply to their post), and their answer moves
//! it to granted or declined, with the evidence kept. Only a granted item can go into a
//! post, with a credit line; a grant that ends or is revoked holds the posts not yet
//! out. Pictures from outsiders are re-encoded by [`crate::media::store_untrusted`]
//! before anything shows them.

pub mod request;
pub mod rights;
pub mod searches;
pub mod terms;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::brands::BrandId;
use crate::channels::{ChannelId, ChannelKind};
use crate::inbox::{self, COUNT_AHEAD, InteractionId, replies};
use crate::media::{self, Media, MediaFile};
use crate::posts::PostId;
use crate::sql_name::sql_as_name;
use crate::time::Timestamp;
use crate::{Error, Result};

pub use rights::RightsState;

/// A UGC item's row id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct UgcId(pub i64);

/// How an item reached the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Saved from the inbox.
    Inbox,
    /// Found by a saved search.
    Search,
    /// Added by hand, from an address or a file.
    Manual,
}

sql_as_name!(Origin {
    Inbox => "inbox",
    Search => "search",
    Manual => "manual",
});

/// Who made it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Creator {
    /// Their handle, without `@`.
    pub handle: String,
    /// Their display name.
    pub name: Option<String>,
    /// Their profile's address.
    pub url: Option<String>,
}

/// A picture of an item: re-encoded by Majlis, with the address it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Picture {
    /// The stored, re-encoded file with its preview.
    pub media: Media,
    /// Where it was on the network.
    pub original_url: Option<String>,
}

/// One UGC item, as the board shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UgcItem {
    /// Row id.
    pub id: UgcId,
    /// The brand that would share it.
    pub brand_id: BrandId,
    /// How it was found.
    pub origin: Origin,
    /// The interaction it was saved from.
    pub interaction_id: Option<InteractionId>,
    /// The brand's account on its network, which can ask for the rights.
    pub channel_id: Option<ChannelId>,
    /// Whether Majlis can send the rights request itself: the item is a post on a
    /// network it answers on (else the person asks there and records the answer).
    pub can_ask: bool,
    /// Where the person can move it by hand ([`RightsState::moves`]).
    pub moves: Vec<RightsState>,
    /// Its network (a channel kind's name, or `web`).
    pub network: String,
    /// The network's id for the creator's post.
    pub remote_id: Option<String>,
    /// Where people see it.
    pub url: Option<String>,
    /// Who made it.
    pub creator: Creator,
    /// What they wrote (untrusted: shown as text only).
    pub text: String,
    /// Its language, when known.
    pub language: Option<String>,
    /// When they posted it.
    pub posted_at: Option<Timestamp>,
    /// The person's rating, 0 (none) to 5.
    pub rating: u8,
    /// The team's notes.
    pub notes: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// Its pictures, in order.
    pub pictures: Vec<Picture>,
    /// Where its rights are.
    pub state: RightsState,
    /// The permission, once given.
    pub grant: Option<rights::Grant>,
    /// The request for it, once written.
    pub request: Option<request::Request>,
    /// When it was found.
    pub found_at: Timestamp,
    /// The posts that use it.
    pub used_in: Vec<PostId>,
}

/// An item as a search, the inbox or the person hands it over.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The brand's account that found it (and can ask for its rights).
    pub channel: Option<ChannelId>,
    /// Its network (a channel kind's name, or `web`).
    pub network: String,
    /// The network's id for it.
    pub remote_id: Option<String>,
    /// Where people see it.
    pub url: Option<String>,
    /// Who made it.
    pub creator: Creator,
    /// What they wrote.
    pub text: String,
    /// Its language.
    pub language: Option<String>,
    /// When they posted it.
    pub posted_at: Option<Timestamp>,
    /// Its pictures, already stored by [`media::store_untrusted`].
    pub pictures: Vec<FoundPicture>,
}

/// A picture of a found item, stored and re-encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundPicture {
    /// The stored file.
    pub file: MediaFile,
    /// Its preview, a `data:` URL.
    pub thumbnail: Option<String>,
    /// Its description.
    pub alt: String,
    /// Where it came from.
    pub original_url: Option<String>,
}

/// Which items a board column shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UgcFilter {
    /// Only this state.
    pub state: Option<RightsState>,
    /// Only items with this tag.
    pub tag: Option<String>,
    /// Only this network.
    pub network: Option<String>,
    /// Only items rated at least this.
    pub min_rating: Option<u8>,
}

/// One page of a board column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UgcPage {
    /// The items, newest first.
    pub items: Vec<UgcItem>,
    /// How many match, counted up to [`COUNT_AHEAD`] past the page.
    pub total: u32,
    /// Whether more than `total` match.
    pub more: bool,
}

/// What the person changes on an item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UgcEdit {
    /// Its tags.
    pub tags: Vec<String>,
    /// 0 to 5.
    pub rating: u8,
    /// The team's notes.
    pub notes: String,
}

/// Adds `found` to `brand`'s board, in the `found` state. Returns `None` when the board
/// has it already (the same post, or the same address).
#[tracing::instrument(skip_all, fields(brand = brand.0), err)]
pub fn add(
    tx: &Transaction<'_>,
    brand: BrandId,
    origin: Origin,
    found: &Found,
    interaction: Option<InteractionId>,
    search: Option<searches::SearchId>,
    now: Timestamp,
) -> Result<Option<UgcId>> {
    let handle = found.creator.handle.trim().trim_start_matches('@');
    if handle.is_empty() {
        return Err(Error::CreatorMissing);
    }
    let id: Option<i64> = tx
        .prepare_cached(
            "INSERT INTO ugc_items (brand_id, origin, interaction_id, search_id, channel_id,
                 network, remote_id, url, creator_handle, creator_name, creator_url, text,
                 language, posted_at, state, found_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'found', ?15)
             ON CONFLICT DO NOTHING RETURNING id",
        )?
        .query_row(
            params![
                brand.0,
                origin,
                interaction.map(|i| i.0),
                search.map(|s| s.0),
                found.channel.map(|c| c.0),
                found.network,
                found.remote_id,
                found.url,
                handle,
                found.creator.name,
                found.creator.url,
                found.text,
                found.language,
                found.posted_at,
                now,
            ],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = id else { return Ok(None) };
    let mut picture = tx.prepare_cached(
        "INSERT INTO ugc_media (item_id, position, file, alt, thumbnail, original_url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, p) in (0_i64..).zip(&found.pictures) {
        picture.execute(params![
            id,
            position,
            p.file.file,
            p.alt,
            p.thumbnail,
            p.original_url
        ])?;
    }
    rights::log(
        tx,
        UgcId(id),
        RightsState::Found,
        rights::Step::Found {
            url: found.url.as_deref(),
        },
        now,
    )?;
    Ok(Some(UgcId(id)))
}

/// "Save to Community" in the inbox: interaction `id` goes on its brand's board, with the
/// account it came on (which can ask for the rights). Saving it twice returns the same
/// item.
pub fn save_interaction(tx: &Transaction<'_>, id: InteractionId, now: Timestamp) -> Result<UgcId> {
    let item = inbox::get(tx, id)?;
    let found = Found {
        channel: Some(item.channel_id),
        network: item.channel_kind.as_str().to_owned(),
        remote_id: item.remote_id.clone(),
        url: item.url.clone(),
        creator: Creator {
            handle: item.author.handle.clone(),
            name: item.author.name.clone(),
            url: None,
        },
        text: item.text.clone(),
        language: item.language.clone(),
        posted_at: Some(item.received_at),
        pictures: Vec::new(),
    };
    if let Some(added) = add(
        tx,
        item.brand_id,
        Origin::Inbox,
        &found,
        Some(id),
        None,
        now,
    )? {
        return Ok(added);
    }
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM ugc_items WHERE brand_id = ?1
               AND (interaction_id = ?2 OR (remote_id = ?3 AND network = ?4) OR url = ?5)",
            params![
                item.brand_id.0,
                id.0,
                item.remote_id,
                found.network,
                item.url
            ],
            |r| r.get(0),
        )
        .optional()?;
    existing.map(UgcId).ok_or(Error::UgcNotFound(0))
}

/// An item added by hand from its address (`url`), with the creator's handle when the
/// address does not say it. A Bluesky post's address gives its network and creator.
pub fn manual(url: &str, creator: Option<&str>) -> Result<Found> {
    let parsed = web_link(url)?;
    let segments: Vec<&str> = parsed
        .path_segments()
        .map(Iterator::collect)
        .unwrap_or_default();
    let (network, from_address) = match (parsed.host_str(), segments.as_slice()) {
        (Some("bsky.app"), ["profile", handle, "post", _]) => ("bluesky", Some(*handle)),
        (_, [at, _]) if at.starts_with('@') && at.len() > 1 => ("web", Some(&at[1..])),
        _ => ("web", None),
    };
    let handle = creator
        .map(|c| c.trim().trim_start_matches('@'))
        .filter(|c| !c.is_empty())
        .or(from_address)
        .ok_or(Error::CreatorMissing)?;
    Ok(Found {
        network: network.to_owned(),
        url: Some(parsed.to_string()),
        creator: Creator {
            handle: handle.to_owned(),
            ..Creator::default()
        },
        ..Found::default()
    })
}

/// `text` as a web address (http or https only: a request or credit never points
/// anywhere else).
pub(crate) fn web_link(text: &str) -> Result<url::Url> {
    url::Url::parse(text.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .ok_or_else(|| Error::InvalidLink(text.trim().to_owned()))
}

/// Item `id`, with its pictures, grant, request and posts.
pub fn get(conn: &Connection, id: UgcId) -> Result<UgcItem> {
    let mut item = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM ugc_items u WHERE u.id = ?1"
        ))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or(Error::UgcNotFound(id.0))?;
    fill(conn, std::slice::from_mut(&mut item))?;
    Ok(item)
}

/// One page of `brand`'s items matching `filter`, newest first. Only the filter's
/// conditions are in the query, so each reads its index (a board of 100k items pages
/// in milliseconds); like the inbox's lists, it counts at most [`COUNT_AHEAD`] items
/// past the page (a huge column says "1,000+").
pub fn list(
    conn: &Connection,
    brand: BrandId,
    filter: &UgcFilter,
    offset: u32,
    limit: u32,
) -> Result<UgcPage> {
    let mut condition = String::from("u.brand_id = ?1");
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(brand.0)];
    let mut and = |sql: &str, value: Box<dyn rusqlite::ToSql>| {
        args.push(value);
        condition.push_str(&sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(state) = filter.state {
        and(" AND u.state = ?", Box::new(state));
    }
    if let Some(tag) = &filter.tag {
        and(
            " AND EXISTS (SELECT 1 FROM ugc_tags t WHERE t.item_id = u.id AND t.tag = ?)",
            Box::new(tag.trim().trim_start_matches('#').to_owned()),
        );
    }
    if let Some(network) = &filter.network {
        and(" AND u.network = ?", Box::new(network.clone()));
    }
    if let Some(rating) = filter.min_rating.filter(|r| *r > 0) {
        and(" AND u.rating >= ?", Box::new(rating));
    }
    let n = args.len();
    fn refs<'a>(
        args: &'a [Box<dyn rusqlite::ToSql>],
        extra: &[&'a dyn rusqlite::ToSql],
    ) -> Vec<&'a dyn rusqlite::ToSql> {
        args.iter()
            .map(|a| a.as_ref())
            .chain(extra.iter().copied())
            .collect()
    }
    let ahead = offset.saturating_add(limit).saturating_add(COUNT_AHEAD);
    let counted: u32 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM (SELECT 1 FROM ugc_items u WHERE {condition} LIMIT ?{})",
            n + 1
        ))?
        .query_row(refs(&args, &[&ahead.saturating_add(1)]).as_slice(), |r| {
            r.get(0)
        })?;
    let mut items: Vec<UgcItem> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM ugc_items u WHERE {condition}
             ORDER BY u.found_at DESC, u.id DESC LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        ))?
        .query_map(refs(&args, &[&limit, &offset]).as_slice(), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    fill(conn, &mut items)?;
    Ok(UgcPage {
        items,
        total: counted.min(ahead),
        more: counted > ahead,
    })
}

/// Sets an item's tags, rating and notes.
pub fn edit(tx: &Transaction<'_>, id: UgcId, edit: &UgcEdit) -> Result<UgcItem> {
    if edit.rating > 5 {
        return Err(Error::InvalidRating(edit.rating));
    }
    if tx.execute(
        "UPDATE ugc_items SET rating = ?2, notes = ?3 WHERE id = ?1",
        params![id.0, edit.rating, edit.notes.trim()],
    )? == 0
    {
        return Err(Error::UgcNotFound(id.0));
    }
    tx.execute("DELETE FROM ugc_tags WHERE item_id = ?1", [id.0])?;
    let mut tag =
        tx.prepare_cached("INSERT OR IGNORE INTO ugc_tags (item_id, tag) VALUES (?1, ?2)")?;
    for t in &edit.tags {
        let t = t.trim().trim_start_matches('#');
        if !t.is_empty() {
            tag.execute(params![id.0, t])?;
        }
    }
    get(tx, id)
}

/// What a post sharing an item starts with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Repost {
    /// The item.
    pub item: UgcId,
    /// The credit line the post carries (the brand's terms; `📸 @creator` by default).
    pub credit: String,
    /// The item's pictures, re-encoded, with their descriptions.
    pub pictures: Vec<Media>,
}

/// What a post sharing item `id` starts with: its pictures and its credit line. Any
/// item can be drafted; only a granted one can be scheduled (the post says why not).
pub fn repost(conn: &Connection, id: UgcId) -> Result<Repost> {
    let item = get(conn, id)?;
    Ok(Repost {
        item: id,
        credit: terms::credit(conn, &item)?,
        pictures: item.pictures.into_iter().map(|p| p.media).collect(),
    })
}

/// `text` with `credit` on a line of its own at the end, unless it is there already.
pub fn with_credit(text: &str, credit: &str) -> String {
    let text = text.trim_end();
    if text.contains(credit.trim()) {
        text.to_owned()
    } else if text.is_empty() {
        credit.trim().to_owned()
    } else {
        format!("{text}\n\n{}", credit.trim())
    }
}

const COLUMNS: &str = "u.id, u.brand_id, u.origin, u.interaction_id, u.channel_id, u.network,
    u.remote_id, u.url, u.creator_handle, u.creator_name, u.creator_url, u.text, u.language,
    u.posted_at, u.rating, u.notes, u.state, u.scope, u.granted_at, u.grant_expires_at,
    u.grant_manual, u.request_text, u.request_url, u.request_error, u.requested_at, u.found_at,
    (SELECT c.kind FROM channels c WHERE c.id = u.channel_id)";

fn from_row(r: &Row<'_>) -> rusqlite::Result<UgcItem> {
    let granted_at: Option<Timestamp> = r.get(18)?;
    let remote_id: Option<String> = r.get(6)?;
    let channel_kind: Option<ChannelKind> = r.get(26)?;
    let can_ask = remote_id.is_some() && channel_kind.is_some_and(replies::replies_itself);
    let state: RightsState = r.get(16)?;
    let scope: Option<String> = r.get(17)?;
    let request_text: Option<String> = r.get(21)?;
    Ok(UgcItem {
        id: UgcId(r.get(0)?),
        brand_id: BrandId(r.get(1)?),
        origin: r.get(2)?,
        interaction_id: r.get::<_, Option<i64>>(3)?.map(InteractionId),
        channel_id: r.get::<_, Option<i64>>(4)?.map(ChannelId),
        can_ask,
        moves: state.moves(can_ask),
        network: r.get(5)?,
        remote_id,
        url: r.get(7)?,
        creator: Creator {
            handle: r.get(8)?,
            name: r.get(9)?,
            url: r.get(10)?,
        },
        text: r.get(11)?,
        language: r.get(12)?,
        posted_at: r.get(13)?,
        rating: r.get(14)?,
        notes: r.get(15)?,
        tags: Vec::new(),
        pictures: Vec::new(),
        state,
        grant: match granted_at {
            Some(granted_at) => Some(rights::Grant {
                scope: scope
                    .and_then(|s| serde_json::from_str(&s).ok())
                    .unwrap_or_default(),
                granted_at,
                expires_at: r.get(19)?,
                manual: r.get::<_, Option<bool>>(20)?.unwrap_or(false),
            }),
            None => None,
        },
        request: request_text
            .map(|text| -> rusqlite::Result<_> {
                Ok(request::Request {
                    text,
                    url: r.get(22)?,
                    error: r.get(23)?,
                    sent_at: r.get(24)?,
                })
            })
            .transpose()?,
        found_at: r.get(25)?,
        used_in: Vec::new(),
    })
}

/// Reads the items' tags, pictures and posts: three queries for a whole page.
fn fill(conn: &Connection, items: &mut [UgcItem]) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let ids = serde_json::to_string(&items.iter().map(|i| i.id.0).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into());
    let index: std::collections::HashMap<i64, usize> =
        items.iter().enumerate().map(|(n, i)| (i.id.0, n)).collect();
    let of = |id: i64| index.get(&id).copied();
    let mut tags = conn.prepare_cached(
        "SELECT item_id, tag FROM ugc_tags WHERE item_id IN (SELECT value FROM json_each(?1))
         ORDER BY item_id, tag",
    )?;
    let mut rows = tags.query([&ids])?;
    while let Some(r) = rows.next()? {
        if let Some(n) = of(r.get(0)?) {
            items[n].tags.push(r.get(1)?);
        }
    }
    let mut pictures = conn.prepare_cached(
        "SELECT item_id, file, alt, thumbnail, original_url FROM ugc_media
         WHERE item_id IN (SELECT value FROM json_each(?1)) ORDER BY item_id, position",
    )?;
    let mut rows = pictures.query([&ids])?;
    while let Some(r) = rows.next()? {
        if let Some(n) = of(r.get(0)?) {
            let file: String = r.get(1)?;
            items[n].pictures.push(Picture {
                media: Media {
                    file: media::parse(&file)?,
                    alt: r.get(2)?,
                    thumbnail: r.get(3)?,
                },
                original_url: r.get(4)?,
            });
        }
    }
    let mut posts = conn.prepare_cached(
        "SELECT item_id, post_id FROM post_ugc WHERE item_id IN (SELECT value FROM json_each(?1))
         ORDER BY item_id, post_id",
    )?;
    let mut rows = posts.query([&ids])?;
    while let Some(r) = rows.next()? {
        if let Some(n) = of(r.get(0)?) {
            items[n].used_in.push(PostId(r.get(1)?));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
