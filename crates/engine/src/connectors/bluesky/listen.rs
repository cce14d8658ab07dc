//! Listening on Bluesky: the account's notifications (`app.bsky.notification.
//! listNotifications`) that are mentions, replies and quotes become interactions, each
//! with the text of the post it answers (`app.bsky.feed.getPosts`).
//!
//! Notifications come newest first, ordered by a time the AppView takes partly from the
//! post itself, so one indexed late can sort before one already seen. The cursor Majlis
//! keeps is the `indexedAt` of the newest one taken in, and a poll reads pages until it
//! is [`OVERLAP`] past that: what it reads twice, the inbox ignores (one interaction per
//! network id). It never marks anything as seen on the network (that is the person's
//! own app's business).

use chrono::{DateTime, Utc};
use majlis_core::channels::ChannelId;
use majlis_core::inbox::{Author, Incoming, Source};
use reqwest::Method;
use serde::Deserialize;
use serde_json::Value;

use super::{Bluesky, Xrpc};
use crate::connectors::{Failure, Heard};

/// Notifications asked for per page.
const PAGE: usize = 50;
/// Pages read in one poll at most; the rest waits for the next poll.
const MOST_PAGES: usize = 10;
/// Posts `getPosts` takes at once.
const POSTS_AT_ONCE: usize = 25;
/// How far before the cursor a poll still reads, for notifications indexed late.
const OVERLAP: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

#[derive(Debug, Deserialize)]
struct Page {
    notifications: Vec<Notification>,
    cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    uri: String,
    author: Profile,
    reason: String,
    #[serde(default)]
    record: Value,
    indexed_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    handle: String,
    display_name: Option<String>,
    avatar: Option<String>,
}

impl Bluesky {
    /// Mentions, replies and quotes since `cursor`, newest first.
    pub(super) async fn notifications(
        &self,
        channel: ChannelId,
        cursor: Option<&str>,
    ) -> Result<Heard, Failure> {
        let seen: Option<DateTime<Utc>> = cursor.and_then(|c| c.parse().ok());
        let mut items = Vec::new();
        let mut newest = seen;
        let mut page_cursor: Option<String> = None;
        for _ in 0..MOST_PAGES {
            let mut query = vec![("limit", PAGE.to_string())];
            if let Some(c) = &page_cursor {
                query.push(("cursor", c.clone()));
            }
            let page: Page = self
                .call(
                    Method::GET,
                    "app.bsky.notification.listNotifications",
                    |r| r.query(&query),
                )
                .await?
                .decoded()?;
            let mut reached_seen = false;
            for n in page.notifications {
                if seen.is_some_and(|s| n.indexed_at < s - OVERLAP) {
                    reached_seen = true;
                    break;
                }
                newest = newest.max(Some(n.indexed_at));
                if let Some(item) = self.incoming(channel, n) {
                    items.push(item);
                }
            }
            // The first poll takes the latest page only: older history is not news.
            page_cursor = page.cursor;
            if reached_seen || seen.is_none() || page_cursor.is_none() {
                break;
            }
        }
        // Context is a courtesy: without it, the interactions still come in.
        if let Err(e) = self.add_parents(&mut items).await {
            tracing::warn!("cannot read the posts the new replies answer: {e}");
        }
        Ok(Heard {
            items,
            cursor: newest.map(|n| n.to_rfc3339()),
        })
    }

    fn incoming(&self, channel: ChannelId, n: Notification) -> Option<Incoming> {
        let source = match n.reason.as_str() {
            "mention" => Source::Mention,
            "reply" => Source::Reply,
            "quote" => Source::Quote,
            _ => return None,
        };
        let rkey = n.uri.rsplit('/').next().unwrap_or_default();
        Some(Incoming {
            channel,
            url: Some(format!(
                "{}/profile/{}/post/{rkey}",
                self.account.web.trim_end_matches('/'),
                n.author.handle
            )),
            remote_id: Some(n.uri),
            source,
            author: Author {
                handle: n.author.handle,
                name: n.author.display_name.filter(|d| !d.trim().is_empty()),
                avatar: n.author.avatar,
            },
            text: n.record["text"].as_str().unwrap_or_default().to_owned(),
            language: n.record["langs"][0].as_str().map(str::to_owned),
            received_at: n.indexed_at.into(),
            parent_remote_id: n.record["reply"]["parent"]["uri"]
                .as_str()
                .map(str::to_owned),
            parent_text: None,
        })
    }

    /// Fills in the text of each reply's parent post, for context.
    async fn add_parents(&self, items: &mut [Incoming]) -> Result<(), Failure> {
        let mut parents: Vec<String> = items
            .iter()
            .filter_map(|i| i.parent_remote_id.clone())
            .collect();
        parents.sort_unstable();
        parents.dedup();
        for batch in parents.chunks(POSTS_AT_ONCE) {
            let query: Vec<(&str, &str)> = batch.iter().map(|u| ("uris", u.as_str())).collect();
            let found: Value = self
                .call(Method::GET, "app.bsky.feed.getPosts", |r| r.query(&query))
                .await?
                .decoded()?;
            for post in found["posts"].as_array().into_iter().flatten() {
                let (Some(uri), Some(text)) =
                    (post["uri"].as_str(), post["record"]["text"].as_str())
                else {
                    continue;
                };
                for item in items
                    .iter_mut()
                    .filter(|i| i.parent_remote_id.as_deref() == Some(uri))
                {
                    item.parent_text = Some(text.to_owned());
                }
            }
        }
        Ok(())
    }
}
