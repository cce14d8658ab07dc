//! Listening on Telegram: what people write in the bot's chat (a group, or a channel's
//! discussion group) becomes interactions, replies with the message they answer.
//!
//! `getUpdates` hands each update out until a later call confirms it with a higher
//! `offset`; the cursor Majlis keeps is the last update id taken in. (A bot with a
//! webhook set cannot be asked this way: Telegram says so, and the poll fails with its
//! words.)

use majlis_core::channels::ChannelId;
use majlis_core::inbox::{Author, Incoming, Source};
use serde_json::{Value, json};

use super::Telegram;
use crate::connectors::{Failure, Heard};

/// Updates asked for per call (the Bot API's most).
const PAGE: usize = 100;
/// Calls in one poll at most; the rest waits for the next poll.
const MOST_PAGES: usize = 10;

impl Telegram {
    /// Messages in the bot's chat since `cursor`.
    pub(super) async fn updates(
        &self,
        channel: ChannelId,
        cursor: Option<&str>,
    ) -> Result<Heard, Failure> {
        let mut last: Option<i64> = cursor.and_then(|c| c.parse().ok());
        let mut items = Vec::new();
        for _ in 0..MOST_PAGES {
            let mut ask = json!({
                "limit": PAGE,
                "timeout": 0,
                "allowed_updates": ["message", "edited_message"],
            });
            if let Some(last) = last {
                ask["offset"] = json!(last + 1);
            }
            let updates = self
                .call(self.http.post(self.url("getUpdates")).json(&ask))
                .await?;
            let updates = updates.as_array().cloned().unwrap_or_default();
            for update in &updates {
                if let Some(id) = update["update_id"].as_i64() {
                    last = Some(last.map_or(id, |l| l.max(id)));
                }
                if let Some(item) = self.incoming(channel, &update["message"]) {
                    items.push(item);
                }
            }
            if updates.len() < PAGE {
                break;
            }
        }
        Ok(Heard {
            items,
            cursor: last.map(|l| l.to_string()),
        })
    }

    /// A message in the bot's chat, unless it is the bot's own or has no text.
    fn incoming(&self, channel: ChannelId, message: &Value) -> Option<Incoming> {
        let chat = &message["chat"];
        let ours = self.bot.chat.trim_start_matches('@');
        let in_our_chat = chat["username"]
            .as_str()
            .is_some_and(|u| u.eq_ignore_ascii_case(ours))
            || chat["id"].as_i64().is_some_and(|id| id.to_string() == ours);
        let from = &message["from"];
        if !in_our_chat || from["is_bot"] == true {
            return None;
        }
        let text = message["text"]
            .as_str()
            .or_else(|| message["caption"].as_str())?;
        let chat_id = chat["id"].as_i64()?;
        let id = message["message_id"].as_i64()?;
        let name = [from["first_name"].as_str(), from["last_name"].as_str()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let parent = &message["reply_to_message"];
        Some(Incoming {
            channel,
            remote_id: Some(format!("{chat_id}/{id}")),
            url: chat["username"]
                .as_str()
                .map(|u| format!("https://t.me/{u}/{id}")),
            source: if parent.is_object() {
                Source::Reply
            } else {
                Source::Message
            },
            author: Author {
                handle: from["username"]
                    .as_str()
                    .map_or_else(|| from["id"].to_string(), str::to_owned),
                name: Some(name).filter(|n| !n.trim().is_empty()),
                avatar: None,
            },
            text: text.to_owned(),
            language: None,
            received_at: majlis_core::time::Timestamp::from_unix(message["date"].as_i64()?)?,
            parent_remote_id: parent["message_id"]
                .as_i64()
                .map(|p| format!("{chat_id}/{p}")),
            parent_text: parent["text"]
                .as_str()
                .or_else(|| parent["caption"].as_str())
                .map(str::to_owned),
        })
    }
}
