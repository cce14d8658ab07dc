//! Why an attempt did not go out: whether trying again may help, and the reason as a
//! value, so that it is recorded in each language the window speaks and read in the
//! reader's (the network's own words stay as the network gave them).

use std::time::Duration;

use majlis_core::channels::ChannelKind;
use majlis_core::settings::Language;

use crate::credentials::SecretError;
use crate::messages;

/// Why an attempt did not go out.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// Worth trying again (a timeout, a server error, too many requests); no sooner
    /// than `after` when the network said so.
    #[error("{reason}")]
    Transient {
        /// What happened.
        reason: Reason,
        /// The network's `Retry-After`, if it gave one.
        after: Option<Duration>,
    },
    /// Trying again will not help: the person must act (reconnect, shorten, …).
    #[error("{0}")]
    Permanent(Reason),
}

impl Failure {
    /// What happened.
    pub fn reason(&self) -> &Reason {
        match self {
            Failure::Transient { reason, .. } | Failure::Permanent(reason) => reason,
        }
    }
}

/// What happened, as a value: [`messages::reason`] says it in either language; its
/// `Display` is the English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The network answered with an error worth another try (busy, broken).
    Answered {
        /// Which network.
        network: ChannelKind,
        /// The HTTP status.
        status: u16,
        /// The network's own words.
        detail: String,
    },
    /// The network refused the account's credentials.
    Credentials {
        /// Which network.
        network: ChannelKind,
        /// The account it refused, when Majlis named one.
        account: Option<String>,
        /// The network's own words.
        detail: String,
    },
    /// The network refused what was sent.
    Refused {
        /// Which network.
        network: ChannelKind,
        /// The HTTP status.
        status: u16,
        /// The network's own words.
        detail: String,
    },
    /// A success whose answer Majlis could not read.
    NotUnderstood {
        /// Which network.
        network: ChannelKind,
        /// What could not be read.
        detail: String,
    },
    /// No answer came (a timeout, a refused connection).
    NoAnswer {
        /// Which network.
        network: ChannelKind,
        /// The transport's words.
        detail: String,
    },
    /// The request could not be made at all (a malformed address).
    Unreachable {
        /// Which network.
        network: ChannelKind,
        /// The transport's words.
        detail: String,
    },
    /// The channel's secret could not be read.
    Secret(SecretError),
    /// A picture of the post cannot be read from the data folder (why is logged).
    PictureUnreadable,
    /// The browser did not open the sign-in page: why.
    BrowserDidNotOpen(String),
    /// A Telegram channel without a chat to post to.
    NoChat,
    /// A webhook's address (its secret, so not repeated) is not a web address.
    NotAWebhookAddress,
    /// The person did not finish signing in in the browser in time (five minutes).
    SignInUnfinished,
    /// The server refused the sign-in: its words (the person said no, say).
    SignInRefused(String),
    /// A network Majlis reminds about instead of posting to.
    CannotPublish(ChannelKind),
    /// Anything else, in English: steps of a sign-in, a picture file that cannot be
    /// read, an answer that contradicts itself.
    Other(String),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&messages::reason(Language::En, self))
    }
}

impl From<String> for Reason {
    fn from(other: String) -> Self {
        Reason::Other(other)
    }
}

impl From<&str> for Reason {
    fn from(other: &str) -> Self {
        Reason::Other(other.to_owned())
    }
}

/// How an HTTP answer that is not a success reads as a [`Failure`]: 408, 429 and 5xx
/// are worth another try (429 and 503 after their `Retry-After`), everything else
/// needs the person. `detail` is the network's own words, when it gave any.
pub(crate) fn http_failure(
    network: ChannelKind,
    status: reqwest::StatusCode,
    retry_after: Option<&reqwest::header::HeaderValue>,
    detail: &str,
) -> Failure {
    let detail = if detail.trim().is_empty() {
        status
            .canonical_reason()
            .unwrap_or("no reason given")
            .to_owned()
    } else {
        detail.trim().to_owned()
    };
    let status = status.as_u16();
    match status {
        408 | 429 | 500..=599 => Failure::Transient {
            reason: Reason::Answered {
                network,
                status,
                detail,
            },
            after: retry_after.and_then(parse_retry_after),
        },
        401 | 403 => Failure::Permanent(Reason::Credentials {
            network,
            account: None,
            detail,
        }),
        _ => Failure::Permanent(Reason::Refused {
            network,
            status,
            detail,
        }),
    }
}

/// A request that got no answer: a timeout or a refused connection is worth another
/// try; anything else (a malformed address) is not.
pub(crate) fn transport_failure(network: ChannelKind, error: &reqwest::Error) -> Failure {
    let detail = error.to_string();
    if error.is_timeout() || error.is_connect() || error.is_request() || error.is_body() {
        Failure::Transient {
            reason: Reason::NoAnswer { network, detail },
            after: None,
        }
    } else {
        Failure::Permanent(Reason::Unreachable { network, detail })
    }
}

/// `Retry-After` in seconds (the form networks use; an HTTP date is read as "soon").
fn parse_retry_after(value: &reqwest::header::HeaderValue) -> Option<Duration> {
    value
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use reqwest::StatusCode;
    use reqwest::header::HeaderValue;

    use super::*;

    const BLUESKY: ChannelKind = ChannelKind::Bluesky;

    #[test]
    fn busy_and_broken_servers_are_tried_again_and_refusals_are_not() {
        let wait = HeaderValue::from_static("7");
        let busy = http_failure(BLUESKY, StatusCode::TOO_MANY_REQUESTS, Some(&wait), "");
        assert_eq!(
            busy,
            Failure::Transient {
                reason: Reason::Answered {
                    network: BLUESKY,
                    status: 429,
                    detail: "Too Many Requests".into()
                },
                after: Some(Duration::from_secs(7)),
            }
        );
        assert_eq!(busy.to_string(), "Bluesky answered 429: Too Many Requests");
        assert!(matches!(
            http_failure(BLUESKY, StatusCode::BAD_GATEWAY, None, "upstream"),
            Failure::Transient { after: None, .. }
        ));
        assert_eq!(
            http_failure(BLUESKY, StatusCode::UNAUTHORIZED, None, "Invalid password").to_string(),
            "Bluesky refused the account's credentials (Invalid password): reconnect the channel"
        );
        let refused = http_failure(BLUESKY, StatusCode::BAD_REQUEST, None, "text too long");
        assert!(matches!(
            refused,
            Failure::Permanent(Reason::Refused { status: 400, .. })
        ));
        assert_eq!(
            refused.to_string(),
            "Bluesky refused the post (400: text too long)"
        );
    }
}
