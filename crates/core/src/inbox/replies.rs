//! Answers sent from Majlis: each goes back through the channel it came on, as a reply
//! in the same thread.
//!
//! A reply is recorded before it is sent, with a key kept across tries: sending again
//! after a failure or a crash reuses the key, so a network that keeps keys (Bluesky)
//! cannot get it twice. A reply that did not go out keeps its text, for the person to
//! send again.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{InteractionId, Status};
use crate::channels::{self, ChannelKind};
use crate::publishing::{self, Envelope, Route};
use crate::sql_name::sql_as_name;
use crate::time::Timestamp;
use crate::worded::Worded;
use crate::{Error, Result};

/// A reply's row id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct ReplyId(pub i64);

/// Where a reply is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReplyStatus {
    /// On its way (or cut short: it is looked up before it is sent again).
    Sending,
    /// On the network.
    Sent,
    /// The network refused it, or could not be reached; its text is kept.
    Failed,
}

sql_as_name!(ReplyStatus {
    Sending => "sending",
    Sent => "sent",
    Failed => "failed",
});

/// One answer to an interaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Reply {
    /// Row id.
    pub id: ReplyId,
    /// What it says.
    pub text: String,
    /// Where it is.
    pub status: ReplyStatus,
    /// Where people see it.
    pub remote_url: Option<String>,
    /// Why it did not go out.
    pub error: Option<Worded>,
    /// When it was written.
    pub created_at: Timestamp,
    /// When it went out.
    pub sent_at: Option<Timestamp>,
}

/// A reply ready for its channel's connector.
#[derive(Clone, Debug)]
pub struct OutgoingReply {
    /// The reply.
    pub id: ReplyId,
    /// What it answers.
    pub interaction: InteractionId,
    /// The account it goes out through.
    pub route: Route,
    /// What goes on the network.
    pub envelope: Envelope,
}

/// What became of sending a reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sent {
    /// It is on the network.
    Landed {
        /// The network's id for it.
        remote_id: String,
        /// Where people see it.
        remote_url: Option<String>,
    },
    /// It did not go out, and why.
    Failed(Worded),
}

/// Records `text` as the answer to `id` and readies it for sending. An earlier reply
/// to the same interaction that did not go out is replaced, keeping its key.
pub fn begin(
    tx: &Transaction<'_>,
    id: InteractionId,
    text: &str,
    now: Timestamp,
) -> Result<OutgoingReply> {
    let item = super::get(tx, id)?;
    let channel = channels::get(tx, item.channel_id)?;
    let parent = item
        .remote_id
        .clone()
        .filter(|_| replies_itself(channel.kind))
        .ok_or_else(|| Error::CannotReplyOn(channel.kind.label().to_owned()))?;
    if text.trim().is_empty() {
        return Err(Error::ReplyEmpty);
    }
    let text = with_mention(channel.kind, &item.author.handle, text.trim());
    let length = channel.measure(&text);
    if length.is_over() {
        return Err(Error::PostTooLong {
            channel: channel.name.to_string(),
            used: length.used,
            limit: length.limit.unwrap_or_default(),
        });
    }
    let unsent: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, key FROM replies WHERE interaction_id = ?1 AND status <> 'sent'
             ORDER BY id DESC LIMIT 1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (reply, key) = match unsent {
        Some((reply, key)) => {
            tx.execute(
                "UPDATE replies SET text = ?2, status = 'sending', error = NULL WHERE id = ?1",
                params![reply, text],
            )?;
            (reply, key)
        }
        None => {
            let key = publishing::fresh_tid((id.0 % 1024) as u16);
            let reply = tx.query_row(
                "INSERT INTO replies (interaction_id, text, key, status, created_at)
                 VALUES (?1, ?2, ?3, 'sending', ?4) RETURNING id",
                params![id.0, text, key, now],
                |r| r.get(0),
            )?;
            (reply, key)
        }
    };
    let brand_language: String = tx.query_row(
        "SELECT locale FROM brands WHERE id = ?1",
        [item.brand_id.0],
        |r| r.get(0),
    )?;
    Ok(OutgoingReply {
        id: ReplyId(reply),
        interaction: id,
        route: Route {
            channel: channel.id,
            kind: channel.kind,
            settings: channels::settings(tx, channel.id)?,
            handle: channel.handle.clone(),
        },
        envelope: Envelope {
            key,
            text,
            language: item
                .language
                .unwrap_or_else(|| publishing::language_of(&brand_language)),
            reply_to: Some(parent),
            link: None,
            at: None,
        },
    })
}

/// Records what became of a reply; one that landed marks its interaction `replied`
/// and, the first time, its first-response time.
pub fn record(tx: &Transaction<'_>, id: ReplyId, sent: &Sent, now: Timestamp) -> Result<()> {
    match sent {
        Sent::Landed {
            remote_id,
            remote_url,
        } => {
            let interaction: i64 = tx.query_row(
                "UPDATE replies SET status = 'sent', remote_id = ?2, remote_url = ?3,
                                    sent_at = ?4, error = NULL
                 WHERE id = ?1 RETURNING interaction_id",
                params![id.0, remote_id, remote_url, now],
                |r| r.get(0),
            )?;
            super::move_to(tx, &[InteractionId(interaction)], Status::Replied, now)
        }
        Sent::Failed(error) => {
            tx.execute(
                "UPDATE replies SET status = 'failed', error = ?2 WHERE id = ?1",
                params![id.0, error],
            )?;
            Ok(())
        }
    }
}

/// An interaction's replies, oldest first.
pub fn list(conn: &Connection, id: InteractionId) -> Result<Vec<Reply>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, text, status, remote_url, error, created_at, sent_at FROM replies
             WHERE interaction_id = ?1 ORDER BY id",
        )?
        .query_map([id.0], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Reply> {
    Ok(Reply {
        id: ReplyId(r.get(0)?),
        text: r.get(1)?,
        status: r.get(2)?,
        remote_url: r.get(3)?,
        error: r.get(4)?,
        created_at: r.get(5)?,
        sent_at: r.get(6)?,
    })
}

/// Whether Majlis can answer on this network itself (elsewhere the person answers in
/// the network's app and marks the interaction replied).
pub fn replies_itself(kind: ChannelKind) -> bool {
    matches!(
        kind,
        ChannelKind::Bluesky | ChannelKind::Mastodon | ChannelKind::Telegram
    )
}

/// Mastodon shows a reply to its author only when it mentions them: the mention is
/// put first unless the person wrote it.
pub(crate) fn with_mention(kind: ChannelKind, author: &str, text: &str) -> String {
    let mention = format!("@{}", author.trim_start_matches('@'));
    if kind == ChannelKind::Mastodon && !text.to_lowercase().contains(&mention.to_lowercase()) {
        format!("{mention} {text}")
    } else {
        text.to_owned()
    }
}
