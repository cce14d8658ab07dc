//! The networks a channel can be an account of.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::Error;

/// A social network (or endpoint) a channel posts to.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    /// Bluesky (AT Protocol).
    Bluesky,
    /// A Mastodon account on any instance.
    Mastodon,
    /// A Telegram channel or group, through a bot.
    Telegram,
    /// Any HTTP endpoint that takes a JSON post.
    Webhook,
    /// Instagram: posted by hand when Majlis reminds.
    Instagram,
    /// Facebook: posted by hand when Majlis reminds.
    Facebook,
    /// TikTok: posted by hand when Majlis reminds.
    Tiktok,
    /// LinkedIn: posted by hand when Majlis reminds.
    Linkedin,
    /// X (Twitter): posted by hand when Majlis reminds.
    X,
    /// Threads: posted by hand when Majlis reminds.
    Threads,
}

impl ChannelKind {
    /// Every kind, in the order pickers show them.
    pub const ALL: [ChannelKind; 10] = [
        ChannelKind::Bluesky,
        ChannelKind::Mastodon,
        ChannelKind::Telegram,
        ChannelKind::Webhook,
        ChannelKind::Instagram,
        ChannelKind::Facebook,
        ChannelKind::Tiktok,
        ChannelKind::Linkedin,
        ChannelKind::X,
        ChannelKind::Threads,
    ];

    /// Whether Majlis publishes to it itself; the others get a reminder at post time.
    pub fn publishes_itself(self) -> bool {
        matches!(
            self,
            ChannelKind::Bluesky
                | ChannelKind::Mastodon
                | ChannelKind::Telegram
                | ChannelKind::Webhook
        )
    }

    /// The most pictures one post carries there (Bluesky's lexicon and Mastodon's default
    /// allow 4, as X does; Telegram's media group and the carousels of Instagram,
    /// Facebook and Threads 10; LinkedIn 9; TikTok's photo posts 35); `None` for webhooks,
    /// which pass the post on as it is.
    pub fn max_pictures(self) -> Option<usize> {
        match self {
            ChannelKind::Bluesky | ChannelKind::Mastodon | ChannelKind::X => Some(4),
            ChannelKind::Telegram
            | ChannelKind::Instagram
            | ChannelKind::Facebook
            | ChannelKind::Threads => Some(10),
            ChannelKind::Linkedin => Some(9),
            ChannelKind::Tiktok => Some(35),
            ChannelKind::Webhook => None,
        }
    }

    /// Whether a link in a post's text can be opened there: Instagram's and TikTok's
    /// captions show a link as plain words (people are pointed to the profile's link).
    pub fn links_open(self) -> bool {
        !matches!(self, ChannelKind::Instagram | ChannelKind::Tiktok)
    }

    /// Whether a post there must carry a picture (or a video): Instagram and TikTok
    /// publish no text alone.
    pub fn needs_picture(self) -> bool {
        matches!(self, ChannelKind::Instagram | ChannelKind::Tiktok)
    }

    /// The network's own name, as people write it (in every language).
    pub fn label(self) -> &'static str {
        match self {
            ChannelKind::Bluesky => "Bluesky",
            ChannelKind::Mastodon => "Mastodon",
            ChannelKind::Telegram => "Telegram",
            ChannelKind::Webhook => "Webhook",
            ChannelKind::Instagram => "Instagram",
            ChannelKind::Facebook => "Facebook",
            ChannelKind::Tiktok => "TikTok",
            ChannelKind::Linkedin => "LinkedIn",
            ChannelKind::X => "X",
            ChannelKind::Threads => "Threads",
        }
    }

    /// The name used in the database, the CLI and IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Bluesky => "bluesky",
            ChannelKind::Mastodon => "mastodon",
            ChannelKind::Telegram => "telegram",
            ChannelKind::Webhook => "webhook",
            ChannelKind::Instagram => "instagram",
            ChannelKind::Facebook => "facebook",
            ChannelKind::Tiktok => "tiktok",
            ChannelKind::Linkedin => "linkedin",
            ChannelKind::X => "x",
            ChannelKind::Threads => "threads",
        }
    }
}

impl FromStr for ChannelKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let wanted = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted || (wanted == "twitter" && *k == ChannelKind::X))
            .ok_or_else(|| Error::UnknownChannelKind(s.to_owned()))
    }
}

impl fmt::Display for ChannelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ToSql for ChannelKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl FromSql for ChannelKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in ChannelKind::ALL {
            assert_eq!(
                kind.as_str().parse::<ChannelKind>().expect("own name"),
                kind
            );
            assert_eq!(serde_json::to_value(kind).expect("json"), kind.as_str());
        }
        assert_eq!(
            "Twitter".parse::<ChannelKind>().expect("old name"),
            ChannelKind::X
        );
    }

    #[test]
    fn an_unknown_kind_is_named_in_the_error() {
        let err = "myspace".parse::<ChannelKind>().expect_err("unknown");
        assert_eq!(err.code(), "unknown_channel_kind");
        assert!(err.to_string().contains("myspace"));
    }
}
