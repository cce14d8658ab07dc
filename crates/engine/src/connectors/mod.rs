//! Connectors: one module per network, each sending a delivery its own way and each
//! with its own guard against sending it twice.

pub mod bluesky;
mod failure;
pub mod mastodon;
pub mod telegram;
#[cfg(test)]
mod testing;
pub mod webhook;

use std::sync::Arc;
use std::time::Duration;

use majlis_core::channels::{ChannelId, ChannelKind};
use majlis_core::inbox::Incoming;
use majlis_core::publishing::Envelope;
use majlis_core::ugc::Found;
use majlis_core::ugc::searches::SavedSearch;

pub use failure::{Failure, Reason};
use failure::{http_failure, transport_failure};

/// Where a delivery landed on its network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// The network's id for it (for Bluesky, the record's `at://` URI).
    pub remote_id: String,
    /// Where people see it.
    pub remote_url: Option<String>,
}

/// What a connector can promise about a delivery whose attempt was cut short (the
/// app was killed between sending and recording).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guarantee {
    /// The network keeps the delivery's key: an interrupted attempt is looked up
    /// before anything is sent again, and a repeat is refused by the network itself.
    /// Every delivery goes out exactly once.
    ExactlyOnce,
    /// The network remembers the delivery's key for this long and answers a repeat
    /// with what the first attempt made (Mastodon's `Idempotency-Key`): an interrupted
    /// attempt younger than that is sent again with its key; an older one is not.
    KeyKept(std::time::Duration),
    /// The network keeps no key Majlis can look up: an interrupted attempt is never
    /// repeated by itself; it fails and asks the person to check. Never twice, but
    /// possibly not at all.
    AtMostOnce,
}

/// A picture ready to upload.
#[derive(Clone, Debug)]
pub struct Picture {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its media type.
    pub mime: &'static str,
    /// Its description for screen readers.
    pub alt: String,
}

/// One network account that deliveries go out through.
#[async_trait::async_trait]
pub trait Connector: Send + Sync {
    /// What it promises about an interrupted attempt.
    fn guarantee(&self) -> Guarantee;

    /// Logs in and returns the account's name as the network knows it: the "test
    /// connection" of Settings and `majlis channel connect`.
    async fn log_in(&self) -> Result<String, Failure>;

    /// The longest text the server takes, when it sets its own (a Mastodon instance);
    /// `None`: the network's rule holds.
    async fn max_characters(&self) -> Result<Option<u32>, Failure> {
        Ok(None)
    }

    /// Sends `item` with its `pictures`. Sending the same item again (same key) must
    /// not make a second copy where the network allows it to be prevented.
    async fn publish(&self, item: &Envelope, pictures: &[Picture]) -> Result<Receipt, Failure>;

    /// Looks for `item` on the network after an interrupted attempt: where it is, or
    /// `None` when it is not there. Only asked of [`Guarantee::ExactlyOnce`] connectors.
    async fn find(&self, item: &Envelope) -> Result<Option<Receipt>, Failure>;

    /// What was said to the account since `cursor` (the one the last call returned;
    /// `None` the first time: the latest few), as interactions of `channel`. Only
    /// asked of networks the inbox [listens](majlis_core::inbox::listens) to.
    async fn listen(&self, channel: ChannelId, cursor: Option<&str>) -> Result<Heard, Failure> {
        let _ = (channel, cursor);
        Err(Failure::Permanent(
            "Majlis cannot read this network's notifications yet".into(),
        ))
    }

    /// Public posts matching `search` since `cursor` (the one the last run returned;
    /// `None` the first time: the latest page), newest first. Only asked of networks
    /// that [run](majlis_core::ugc::searches::SearchKind::runs_on) the search.
    async fn search(
        &self,
        search: &SavedSearch,
        cursor: Option<&str>,
    ) -> Result<Discovered, Failure> {
        let _ = (search, cursor);
        Err(Failure::Permanent(
            "Majlis cannot search this network".into(),
        ))
    }
}

/// What a search run found.
#[derive(Clone, Debug, Default)]
pub struct Discovered {
    /// The posts, newest first, each with the addresses of its pictures.
    pub items: Vec<(Found, Vec<RemotePicture>)>,
    /// Where the next run starts; `None`: where this one did.
    pub cursor: Option<String>,
}

/// A picture of a found post, still on the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemotePicture {
    /// Where to fetch it (plain `http(s)` addresses, fetched by the engine only), the
    /// one kept as its original first, then others to try when it cannot be fetched.
    pub urls: Vec<String>,
    /// Its description.
    pub alt: String,
}

/// What a poll heard.
#[derive(Clone, Debug, Default)]
pub struct Heard {
    /// The interactions, newest first.
    pub items: Vec<Incoming>,
    /// Where the next poll starts; `None`: where this one did.
    pub cursor: Option<String>,
}

/// Everything a connector needs to reach one channel's account.
#[derive(Clone, Debug)]
pub struct Account {
    /// The network.
    pub kind: ChannelKind,
    /// The channel's settings (`service`, and per network more).
    pub settings: serde_json::Value,
    /// The account's handle.
    pub handle: Option<String>,
    /// Its app password or token.
    pub secret: String,
}

impl Account {
    /// A setting, or its default.
    fn setting(&self, key: &str, default: &str) -> String {
        self.settings[key]
            .as_str()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(default)
            .to_owned()
    }
}

/// The connector for `account`'s network (nothing is sent until it is used).
pub fn open(http: &reqwest::Client, account: Account) -> Result<Arc<dyn Connector>, Failure> {
    match account.kind {
        ChannelKind::Bluesky => Ok(Arc::new(bluesky::Bluesky::new(
            http.clone(),
            bluesky::Login {
                service: account.setting("service", "https://bsky.social"),
                web: account.setting("web", "https://bsky.app"),
                identifier: account.handle.clone().unwrap_or_default(),
                password: account.secret,
            },
        ))),
        ChannelKind::Mastodon => Ok(Arc::new(mastodon::Mastodon::new(
            http.clone(),
            account.setting("service", "https://mastodon.social"),
            account.secret,
        ))),
        ChannelKind::Telegram => Ok(Arc::new(telegram::Telegram::new(
            http.clone(),
            telegram::Bot {
                service: account.setting("service", "https://api.telegram.org"),
                chat: account
                    .handle
                    .clone()
                    .ok_or(Failure::Permanent(Reason::NoChat))?,
                token: account.secret,
            },
        ))),
        ChannelKind::Webhook => Ok(Arc::new(webhook::Webhook::new(
            http.clone(),
            account.secret,
        ))),
        other => Err(Failure::Permanent(Reason::CannotPublish(other))),
    }
}

/// The HTTP client every connector shares: bounded waits, and Majlis's name.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("Majlis/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

/// An HTTP answer read whole: its status decides, `Retry-After` says when to come back,
/// its body explains. Every connector reads the network this way.
pub(crate) struct Answer {
    /// The status.
    pub status: reqwest::StatusCode,
    retry_after: Option<reqwest::header::HeaderValue>,
    /// The body's bytes.
    pub body: Vec<u8>,
}

impl Answer {
    /// Sends `request` to `network` and reads its answer. No error carries the
    /// address: some (Telegram's, a webhook's) hold a token.
    pub(crate) async fn send(
        network: ChannelKind,
        request: reqwest::RequestBuilder,
    ) -> Result<Self, Failure> {
        let response = request
            .send()
            .await
            .map_err(|e| transport_failure(network, &e.without_url()))?;
        let status = response.status();
        let retry_after = response.headers().get("retry-after").cloned();
        let body = response
            .bytes()
            .await
            .map_err(|e| transport_failure(network, &e.without_url()))?;
        Ok(Self {
            status,
            retry_after,
            body: body.to_vec(),
        })
    }

    /// The failure this answer stands for, in the network's own words (`detail`).
    pub(crate) fn failure(&self, network: ChannelKind, detail: &str) -> Failure {
        http_failure(network, self.status, self.retry_after.as_ref(), detail)
    }

    /// A success's JSON; otherwise the failure it stands for, explained by what
    /// `detail` reads out of the error body. A success not understood is worth
    /// another try.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(
        &self,
        network: ChannelKind,
        detail: impl FnOnce(&[u8]) -> String,
    ) -> Result<T, Failure> {
        if !self.status.is_success() {
            return Err(self.failure(network, &detail(&self.body)));
        }
        serde_json::from_slice(&self.body).map_err(|e| Failure::Transient {
            reason: Reason::NotUnderstood {
                network,
                detail: e.to_string(),
            },
            after: Some(Duration::from_secs(30)),
        })
    }
}
