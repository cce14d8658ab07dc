//! Searching Bluesky for followers' posts (`app.bsky.feed.searchPosts`, latest first):
//! `#tag` for a hashtag, `@handle` (with the `mentions` filter) for a mention, the words
//! for keywords.
//!
//! The cursor Majlis keeps is the `indexedAt` of the newest post taken; a run reads
//! pages until it is [`OVERLAP`] past that. What it reads twice, the board ignores (one
//! item per post).

use chrono::{DateTime, Utc};
use majlis_core::ugc::searches::{SavedSearch, SearchKind};
use majlis_core::ugc::{Creator, Found};
use reqwest::Method;
use serde::Deserialize;
use serde_json::Value;

use super::{Bluesky, Xrpc};
use crate::connectors::{Discovered, Failure, RemotePicture};

/// Posts asked for per page (the lexicon's most is 100).
const PAGE: usize = 50;
/// Pages read in one run at most; the rest waits for the next run.
const MOST_PAGES: usize = 4;
/// How far before the cursor a run still reads, for posts indexed late.
const OVERLAP: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

#[derive(Debug, Deserialize)]
struct Page {
    posts: Vec<PostView>,
    cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostView {
    uri: String,
    author: Author,
    #[serde(default)]
    record: Value,
    #[serde(default)]
    embed: Value,
    indexed_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Author {
    did: String,
    handle: String,
    display_name: Option<String>,
}

impl Bluesky {
    /// Posts matching `search` since `cursor`, newest first.
    pub(super) async fn search_posts(
        &self,
        search: &SavedSearch,
        cursor: Option<&str>,
    ) -> Result<Discovered, Failure> {
        let seen: Option<DateTime<Utc>> = cursor.and_then(|c| c.parse().ok());
        let mut query = vec![
            ("q", search.label()),
            ("sort", "latest".to_owned()),
            ("limit", PAGE.to_string()),
        ];
        if search.kind == SearchKind::Mention {
            query.push(("mentions", search.query.clone()));
        }
        let mut items = Vec::new();
        let mut newest = seen;
        let mut page_cursor: Option<String> = None;
        for _ in 0..MOST_PAGES {
            let mut query = query.clone();
            if let Some(c) = &page_cursor {
                query.push(("cursor", c.clone()));
            }
            let page: Page = self
                .call(Method::GET, "app.bsky.feed.searchPosts", |r| {
                    r.query(&query)
                })
                .await?
                .decoded()?;
            let mut reached_seen = false;
            for post in page.posts {
                if seen.is_some_and(|s| post.indexed_at < s - OVERLAP) {
                    reached_seen = true;
                    break;
                }
                newest = newest.max(Some(post.indexed_at));
                items.push(self.found(post));
            }
            // The first run takes the latest page only: old posts are not news.
            page_cursor = page.cursor;
            if reached_seen || seen.is_none() || page_cursor.is_none() {
                break;
            }
        }
        Ok(Discovered {
            items,
            cursor: newest.map(|n| n.to_rfc3339()),
        })
    }

    fn found(&self, post: PostView) -> (Found, Vec<RemotePicture>) {
        let web = self.account.web.trim_end_matches('/');
        let rkey = post.uri.rsplit('/').next().unwrap_or_default();
        let pictures = pictures(&post.embed);
        let found = Found {
            channel: None,
            network: "bluesky".to_owned(),
            url: Some(format!("{web}/profile/{}/post/{rkey}", post.author.handle)),
            remote_id: Some(post.uri),
            creator: Creator {
                url: Some(format!("{web}/profile/{}", post.author.handle)),
                handle: post.author.handle,
                name: post.author.display_name.filter(|d| !d.trim().is_empty()),
            },
            text: post.record["text"].as_str().unwrap_or_default().to_owned(),
            language: post.record["langs"][0].as_str().map(str::to_owned),
            posted_at: Some(post.indexed_at.into()),
            pictures: Vec::new(),
        };
        // The AppView's picture address, then the blob on the account's own service.
        let blob = |cid: &str| {
            format!(
                "{}?did={}&cid={cid}",
                self.url("com.atproto.sync.getBlob"),
                post.author.did
            )
        };
        let pictures = pictures
            .into_iter()
            .map(|(fullsize, cid, alt)| RemotePicture {
                urls: fullsize.into_iter().chain([blob(&cid)]).collect(),
                alt,
            })
            .collect();
        (found, pictures)
    }
}

/// The pictures of a post view's embed (images, or images with a quoted post): each
/// one's full-size address if the AppView gave one, its blob's CID, and its alt text.
fn pictures(embed: &Value) -> Vec<(Option<String>, String, String)> {
    let images = match embed["$type"].as_str() {
        Some("app.bsky.embed.images#view") => &embed["images"],
        Some("app.bsky.embed.recordWithMedia#view") => &embed["media"]["images"],
        _ => return Vec::new(),
    };
    images
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|image| {
            let fullsize = image["fullsize"].as_str().map(str::to_owned);
            // ".../feed_fullsize/plain/did:plc:x/bafy...@jpeg": the CID is the last part.
            let cid = fullsize
                .as_deref()
                .and_then(|f| f.rsplit('/').next())
                .map(|last| last.split('@').next().unwrap_or(last).to_owned())?;
            Some((
                fullsize,
                cid,
                image["alt"].as_str().unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}
