//! Searching Mastodon for followers' posts: a hashtag's timeline
//! (`/api/v1/timelines/tag/:hashtag`) on the brand's instance, which holds the public
//! posts the instance knows of. The cursor is the newest status id taken in; a run
//! asks for the ones after it (`min_id`).

use majlis_core::ugc::searches::SavedSearch;
use majlis_core::ugc::{Creator, Found};
use serde_json::Value;

use super::Mastodon;
use super::listen::{newer, plain_text};
use crate::connectors::{Discovered, Failure, RemotePicture};

/// Statuses asked for in one run (the timeline's most).
const PAGE: usize = 40;

impl Mastodon {
    /// Public statuses with the search's hashtag since `cursor`, newest first.
    pub(super) async fn tagged(
        &self,
        search: &SavedSearch,
        cursor: Option<&str>,
    ) -> Result<Discovered, Failure> {
        let mut query = vec![("limit", PAGE.to_string())];
        if let Some(after) = cursor {
            query.push(("min_id", after.to_owned()));
        }
        let url = format!(
            "{}/api/v1/timelines/tag/{}",
            self.instance,
            urlencode(&search.query)
        );
        let page = self.call(self.http.get(url).query(&query)).await?;
        let statuses = page.as_array().cloned().unwrap_or_default();
        let mut newest = cursor.map(str::to_owned);
        let mut items = Vec::with_capacity(statuses.len());
        for status in &statuses {
            let Some(id) = status["id"].as_str() else {
                continue;
            };
            if newest.as_deref().is_none_or(|seen| newer(id, seen)) {
                newest = Some(id.to_owned());
            }
            items.push(found(status, id));
        }
        Ok(Discovered {
            items,
            cursor: newest,
        })
    }
}

fn found(status: &Value, id: &str) -> (Found, Vec<RemotePicture>) {
    let account = &status["account"];
    let pictures = status["media_attachments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["type"] == "image")
        .filter_map(|m| {
            Some(RemotePicture {
                urls: vec![m["url"].as_str()?.to_owned()],
                alt: m["description"].as_str().unwrap_or_default().to_owned(),
            })
        })
        .collect();
    let found = Found {
        channel: None,
        network: "mastodon".to_owned(),
        remote_id: Some(id.to_owned()),
        url: status["url"].as_str().map(str::to_owned),
        creator: Creator {
            handle: account["acct"].as_str().unwrap_or_default().to_owned(),
            name: account["display_name"]
                .as_str()
                .filter(|d| !d.trim().is_empty())
                .map(str::to_owned),
            url: account["url"].as_str().map(str::to_owned),
        },
        text: plain_text(status["content"].as_str().unwrap_or_default()),
        language: status["language"].as_str().map(str::to_owned),
        posted_at: status["created_at"]
            .as_str()
            .and_then(|c| chrono::DateTime::parse_from_rfc3339(c).ok())
            .map(|c| c.to_utc().into()),
        pictures: Vec::new(),
    };
    (found, pictures)
}

/// A hashtag as one path segment.
fn urlencode(tag: &str) -> String {
    url::form_urlencoded::byte_serialize(tag.as_bytes()).collect()
}
