//! Saved searches: hashtags, mentions and keywords the engine looks for on the
//! networks that can search (Bluesky all three, Mastodon hashtags), every
//! [`EVERY`], putting new finds on the brand's board.

use std::time::Duration;

use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Found, Origin, UgcId};
use crate::brands::BrandId;
use crate::channels::{ChannelId, ChannelKind};
use crate::publishing::{self, Route};
use crate::sql_name::sql_as_name;
use crate::time::Timestamp;
use crate::{Error, Result};

/// How often each search runs: often enough to ask while a post is fresh, rarely
/// enough to stay far inside the networks' limits.
pub const EVERY: Duration = Duration::from_secs(15 * 60);

/// A saved search's row id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct SearchId(pub i64);

/// What a search looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    /// Posts with a hashtag (`#RayyanBakery`).
    Hashtag,
    /// Posts mentioning an account (`@rayyan.bsky.social`).
    Mention,
    /// Posts with these words.
    Keyword,
}

sql_as_name!(SearchKind {
    Hashtag => "hashtag",
    Mention => "mention",
    Keyword => "keyword",
});

impl SearchKind {
    /// Whether `network` can run this kind of search.
    pub fn runs_on(self, network: ChannelKind) -> bool {
        match network {
            ChannelKind::Bluesky => true,
            ChannelKind::Mastodon => self == Self::Hashtag,
            _ => false,
        }
    }
}

/// A saved search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedSearch {
    /// Row id.
    pub id: SearchId,
    /// Its brand.
    pub brand_id: BrandId,
    /// What it looks for.
    pub kind: SearchKind,
    /// The hashtag, handle or words, without `#` or `@`.
    pub query: String,
    /// When it last ran.
    pub last_run_at: Option<Timestamp>,
    /// How many items it put on the board.
    pub found: u32,
}

impl SavedSearch {
    /// As people write it: `#tag`, `@handle`, or the words.
    pub fn label(&self) -> String {
        match self.kind {
            SearchKind::Hashtag => format!("#{}", self.query),
            SearchKind::Mention => format!("@{}", self.query),
            SearchKind::Keyword => self.query.clone(),
        }
    }
}

/// One search to run on one channel, from where it got to there.
#[derive(Clone, Debug)]
pub struct SearchRun {
    /// The search.
    pub search: SavedSearch,
    /// The brand's account it runs through.
    pub route: Route,
    /// Where the last run on this channel stopped (network-specific).
    pub cursor: Option<String>,
}

/// Why a search cannot be saved: each its own error code, so the window words it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SearchProblem {
    /// Nothing to look for.
    #[error("it looks for nothing")]
    Empty,
    /// A hashtag or handle of more than one word.
    #[error("a {} is one word: \"{query}\" is not", kind.as_str())]
    NotOneWord {
        /// Hashtag or mention.
        kind: SearchKind,
        /// The words given.
        query: String,
    },
    /// The brand looks for this already.
    #[error("the brand already looks for \"{0}\"")]
    Taken(String),
}

impl SearchProblem {
    /// The error code the window translates.
    pub fn code(&self) -> &'static str {
        match self {
            SearchProblem::Empty => "search_empty",
            SearchProblem::NotOneWord { .. } => "search_not_one_word",
            SearchProblem::Taken(_) => "search_taken",
        }
    }
}

/// Saves a search for `brand`. A hashtag or handle is one word (its `#` or `@` is
/// optional); keywords are any words.
pub fn add(
    tx: &Transaction<'_>,
    brand: BrandId,
    kind: SearchKind,
    query: &str,
    now: Timestamp,
) -> Result<SavedSearch> {
    let query = query.trim();
    let query = match kind {
        SearchKind::Hashtag => query.trim_start_matches('#'),
        SearchKind::Mention => query.trim_start_matches('@'),
        SearchKind::Keyword => query,
    };
    if query.is_empty() {
        return Err(Error::InvalidSearch(SearchProblem::Empty));
    }
    if kind != SearchKind::Keyword && query.chars().any(|c| c.is_whitespace() || c == '#') {
        return Err(Error::InvalidSearch(SearchProblem::NotOneWord {
            kind,
            query: query.to_owned(),
        }));
    }
    let id: i64 = tx
        .query_row(
            "INSERT INTO ugc_searches (brand_id, kind, query, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT DO NOTHING RETURNING id",
            params![brand.0, kind, query, now],
            |r| r.get(0),
        )
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => {
                Error::InvalidSearch(SearchProblem::Taken(query.to_owned()))
            }
            e => e.into(),
        })?;
    list(tx, brand)?
        .into_iter()
        .find(|s| s.id.0 == id)
        .ok_or(Error::Database(rusqlite::Error::QueryReturnedNoRows))
}

/// Stops a search (what it found stays on the board).
pub fn remove(tx: &Transaction<'_>, id: SearchId) -> Result<()> {
    tx.execute("DELETE FROM ugc_searches WHERE id = ?1", [id.0])?;
    Ok(())
}

/// `brand`'s saved searches, in the order they were made.
pub fn list(conn: &Connection, brand: BrandId) -> Result<Vec<SavedSearch>> {
    Ok(conn
        .prepare_cached(
            "SELECT s.id, s.brand_id, s.kind, s.query, s.last_run_at,
                    (SELECT count(*) FROM ugc_items u WHERE u.search_id = s.id)
             FROM ugc_searches s WHERE s.brand_id = ?1 ORDER BY s.id",
        )?
        .query_map([brand.0], |r| {
            Ok(SavedSearch {
                id: SearchId(r.get(0)?),
                brand_id: BrandId(r.get(1)?),
                kind: r.get(2)?,
                query: r.get(3)?,
                last_run_at: r.get(4)?,
                found: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The searches due at `now` (never run, or not for [`EVERY`]), each on every connected
/// channel of its brand whose network can run it.
pub fn due(conn: &Connection, now: Timestamp) -> Result<Vec<SearchRun>> {
    let since = now.unix() - EVERY.as_secs() as i64;
    let rows = conn
        .prepare_cached(
            "SELECT s.id, s.brand_id, s.kind, s.query, s.last_run_at,
                    c.id, c.kind, c.settings, c.handle, k.cursor
             FROM ugc_searches s
             JOIN channels c ON c.brand_id = s.brand_id
                            AND json_extract(c.settings, '$.service') IS NOT NULL
             LEFT JOIN ugc_search_cursors k ON k.search_id = s.id AND k.channel_id = c.id
             WHERE s.last_run_at IS NULL OR s.last_run_at <= ?1
             ORDER BY s.id, c.id",
        )?
        .query_map([since], |r| {
            Ok(SearchRun {
                search: SavedSearch {
                    id: SearchId(r.get(0)?),
                    brand_id: BrandId(r.get(1)?),
                    kind: r.get(2)?,
                    query: r.get(3)?,
                    last_run_at: r.get(4)?,
                    found: 0,
                },
                route: publishing::route_at(r, 5)?,
                cursor: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|run| run.search.kind.runs_on(run.route.kind))
        .collect())
}

/// Puts what a run of `search` on `channel` found on the board (the brand's own posts
/// and items it has already are skipped), and keeps where the run got to. Returns the
/// new items.
pub fn found(
    tx: &Transaction<'_>,
    search: &SavedSearch,
    channel: ChannelId,
    items: &[Found],
    cursor: Option<&str>,
    now: Timestamp,
) -> Result<Vec<UgcId>> {
    let own: Vec<String> = tx
        .prepare_cached(
            "SELECT lower(handle) FROM channels WHERE brand_id = ?1 AND handle IS NOT NULL",
        )?
        .query_map([search.brand_id.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut added = Vec::new();
    for item in items {
        let handle = item.creator.handle.trim_start_matches('@').to_lowercase();
        if own.iter().any(|o| o.trim_start_matches('@') == handle) {
            continue;
        }
        let found = Found {
            channel: Some(channel),
            ..item.clone()
        };
        added.extend(super::add(
            tx,
            search.brand_id,
            Origin::Search,
            &found,
            None,
            Some(search.id),
            now,
        )?);
    }
    if let Some(cursor) = cursor {
        tx.execute(
            "INSERT INTO ugc_search_cursors (search_id, channel_id, cursor) VALUES (?1, ?2, ?3)
             ON CONFLICT (search_id, channel_id) DO UPDATE SET cursor = excluded.cursor",
            params![search.id.0, channel.0, cursor],
        )?;
    }
    tx.execute(
        "UPDATE ugc_searches SET last_run_at = ?2 WHERE id = ?1",
        params![search.id.0, now],
    )?;
    Ok(added)
}
