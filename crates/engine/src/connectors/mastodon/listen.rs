//! Listening on Mastodon: the account's notifications of type `mention` (which is how
//! Mastodon tells of replies and direct messages too) become interactions, each with
//! the text of the status it answers.
//!
//! The cursor Majlis keeps is the newest notification id taken in; a poll asks for the
//! ones after it (`min_id`), page by page. Status text arrives as HTML and is read as
//! plain text: nothing of it is ever shown as HTML.

use majlis_core::channels::ChannelId;
use majlis_core::inbox::{Author, Incoming, Source};
use serde_json::Value;

use super::Mastodon;
use crate::connectors::{Failure, Heard};

/// Notifications asked for per page (Mastodon's most).
const PAGE: usize = 40;
/// Pages read in one poll at most; the rest waits for the next poll.
const MOST_PAGES: usize = 10;

impl Mastodon {
    /// Mentions, replies and direct messages since `cursor`.
    pub(super) async fn notifications(
        &self,
        channel: ChannelId,
        cursor: Option<&str>,
    ) -> Result<Heard, Failure> {
        let mut newest: Option<String> = cursor.map(str::to_owned);
        let mut items = Vec::new();
        for _ in 0..MOST_PAGES {
            let mut query = vec![
                ("types[]", "mention".to_owned()),
                ("limit", PAGE.to_string()),
            ];
            if let Some(after) = &newest {
                query.push(("min_id", after.clone()));
            }
            let url = format!("{}/api/v1/notifications", self.instance);
            let page = self.call(self.http.get(url).query(&query)).await?;
            let page = page.as_array().cloned().unwrap_or_default();
            for n in &page {
                let id = n["id"].as_str().unwrap_or_default();
                if newest.as_deref().is_none_or(|seen| newer(id, seen)) {
                    newest = Some(id.to_owned());
                }
                if let Some(item) = incoming(channel, n) {
                    items.push(item);
                }
            }
            // The first poll takes the latest page only: older history is not news.
            if page.len() < PAGE || cursor.is_none() {
                break;
            }
        }
        // Context is a courtesy: without it, the interactions still come in.
        self.add_parents(&mut items).await;
        Ok(Heard {
            items,
            cursor: newest,
        })
    }

    /// Fills in the text of each reply's parent status, for context.
    async fn add_parents(&self, items: &mut [Incoming]) {
        let mut parents: Vec<String> = items
            .iter()
            .filter_map(|i| i.parent_remote_id.clone())
            .collect();
        parents.sort_unstable();
        parents.dedup();
        for parent in parents {
            let url = format!("{}/api/v1/statuses/{parent}", self.instance);
            // A parent that is gone (deleted, private) only loses its context.
            let Ok(status) = self.call(self.http.get(url)).await else {
                continue;
            };
            let text = plain_text(status["content"].as_str().unwrap_or_default());
            for item in items
                .iter_mut()
                .filter(|i| i.parent_remote_id.as_deref() == Some(parent.as_str()))
            {
                item.parent_text = Some(text.clone());
            }
        }
    }
}

/// Whether notification id `a` is newer than `b` (ids are decimal snowflakes).
pub(super) fn newer(a: &str, b: &str) -> bool {
    (a.len(), a) > (b.len(), b)
}

fn incoming(channel: ChannelId, n: &Value) -> Option<Incoming> {
    let status = &n["status"];
    let id = status["id"].as_str()?;
    let source = if status["visibility"] == "direct" {
        Source::Message
    } else if status["in_reply_to_id"].is_string() {
        Source::Reply
    } else {
        Source::Mention
    };
    let account = &n["account"];
    Some(Incoming {
        channel,
        remote_id: Some(id.to_owned()),
        url: status["url"].as_str().map(str::to_owned),
        source,
        author: Author {
            handle: account["acct"].as_str().unwrap_or_default().to_owned(),
            name: account["display_name"]
                .as_str()
                .filter(|d| !d.trim().is_empty())
                .map(str::to_owned),
            avatar: account["avatar"].as_str().map(str::to_owned),
        },
        text: plain_text(status["content"].as_str().unwrap_or_default()),
        language: status["language"].as_str().map(str::to_owned),
        received_at: chrono::DateTime::parse_from_rfc3339(status["created_at"].as_str()?)
            .ok()?
            .to_utc()
            .into(),
        parent_remote_id: status["in_reply_to_id"].as_str().map(str::to_owned),
        parent_text: None,
    })
}

/// A status's HTML as the words a person reads: paragraphs and line breaks become new
/// lines, tags go, and character references are decoded.
pub(crate) fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let at_end = open + close + 1 >= rest.len();
        if tag == "br" || tag.starts_with("br ") || tag.starts_with("br/") {
            text.push('\n');
        } else if tag == "/p" && !at_end {
            text.push_str("\n\n");
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    decode_entities(text.trim())
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn status_html_reads_as_plain_text() {
        assert_eq!(
            plain_text(
                "<p><span class=\"h-card\"><a href=\"https://x.example/@bakery\" class=\"u-url mention\">@<span>bakery</span></a></span> متى تفتحون؟</p><p>Line two<br>three &amp; &lt;b&gt; &#39;quoted&#39; &#x1F35E;</p>"
            ),
            "@bakery متى تفتحون؟\n\nLine two\nthree & <b> 'quoted' 🍞"
        );
        assert_eq!(plain_text("a &unknown; & b"), "a &unknown; & b");
        assert_eq!(plain_text("<script>alert(1)</script>"), "alert(1)");
    }

    #[test]
    fn newer_ids_are_longer_or_greater() {
        assert!(newer("110", "99"));
        assert!(newer("111", "110"));
        assert!(!newer("110", "110"));
    }

    proptest! {
        #[test]
        fn any_html_reads_without_panicking(html in "\\PC{0,60}") {
            let _ = plain_text(&html);
        }
    }
}
