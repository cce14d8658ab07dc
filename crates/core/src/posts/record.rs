//! The documented record of a post: what `majlis posts list --json` prints and the
//! `majlis` CSV format carries. Field names are part of the format (snake_case), so they
//! do not follow the IPC's camelCase.

use serde::{Deserialize, Serialize};

use super::{Post, PostStatus};
use crate::categories::Category;
use crate::posts::DeliveryStatus;
use crate::settings::Language;
use crate::time::LOCAL_FORMAT;

/// A post as records show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PostRecord {
    /// Row id.
    pub id: i64,
    /// Where it is in its life.
    pub status: PostStatus,
    /// The text.
    pub body: String,
    /// Its link, if any.
    pub link: Option<String>,
    /// Its category's name, if any.
    pub category: Option<String>,
    /// When it goes out, RFC 3339 in UTC.
    pub at_utc: Option<String>,
    /// The same instant as wall-clock time in `zone` (`YYYY-MM-DD HH:MM`).
    pub at_local: Option<String>,
    /// The IANA zone it was planned in.
    pub zone: String,
    /// Its RRULE, when it repeats.
    pub repeat: Option<String>,
    /// Notes for the team, never published (a reviewer's "what should change" among them).
    pub notes: String,
    /// One per channel.
    pub deliveries: Vec<DeliveryRecord>,
    /// Its pictures, in order (the JSON only: a CSV carries text, not files).
    pub media: Vec<MediaRecord>,
}

/// A picture as records show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MediaRecord {
    /// Its file, relative to the data directory.
    pub file: String,
    /// Its description.
    pub alt: String,
}

/// A delivery as records show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRecord {
    /// The channel's name.
    pub channel: String,
    /// The text that goes out there.
    pub text: String,
    /// Where it is.
    pub status: DeliveryStatus,
    /// The network's id for it, once published.
    #[serde(default)]
    pub remote_id: Option<String>,
    /// Where people see it, once published.
    #[serde(default)]
    pub remote_url: Option<String>,
    /// Why the last attempt did not go out.
    #[serde(default)]
    pub last_error: Option<String>,
}

impl PostRecord {
    /// The record of `post`, naming its category from the brand's `categories`, and
    /// why a delivery did not go out in `language`.
    pub fn of(post: &Post, categories: &[Category], language: Language) -> Self {
        PostRecord {
            id: post.id.0,
            status: post.status,
            body: post.body.clone(),
            link: post.link.clone(),
            category: post
                .category_id
                .and_then(|id| categories.iter().find(|c| c.id == id))
                .map(|c| c.name.clone()),
            at_utc: post.at.map(|at| {
                at.as_utc()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            }),
            at_local: post
                .at
                .map(|at| post.zone.local_of(at).format(LOCAL_FORMAT).to_string()),
            zone: post.zone.to_string(),
            repeat: post.repeat.as_ref().map(|r| r.as_str().to_owned()),
            notes: post.notes.clone(),
            deliveries: post
                .deliveries
                .iter()
                .map(|d| DeliveryRecord {
                    channel: d.channel.to_string(),
                    text: d.text_or(&post.body).to_owned(),
                    status: d.status,
                    remote_id: d.remote_id.clone(),
                    remote_url: d.remote_url.clone(),
                    last_error: d
                        .last_error
                        .as_ref()
                        .map(|e| e.in_language(language).to_owned()),
                })
                .collect(),
            media: post
                .media
                .iter()
                .map(|m| MediaRecord {
                    file: m.file.file.clone(),
                    alt: m.alt.clone(),
                })
                .collect(),
        }
    }
}
