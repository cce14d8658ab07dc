//! A webhook: the post as JSON to an address the person gives — Discord's and Slack's
//! incoming webhooks, or any endpoint that takes Majlis's own JSON.
//!
//! The address is the secret (Discord's and Slack's carry their token in it), so it is
//! kept in the keyring; the channel's `service` is only its origin, for display.
//!
//! **At most once.** Majlis sends the delivery's key as an `Idempotency-Key` header, which
//! a receiver may use to drop repeats; but it cannot be asked afterwards whether a post
//! arrived, so a send cut short is not repeated by itself.

use majlis_core::channels::ChannelKind;
use majlis_core::publishing::Envelope;
use serde_json::{Value, json};

use super::{Answer, Connector, Failure, Guarantee, Picture, Reason, Receipt};

const NETWORK: ChannelKind = ChannelKind::Webhook;

/// The shape of the JSON a webhook takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Discord: `{"content": …}`.
    Discord,
    /// Slack: `{"text": …}`.
    Slack,
    /// Majlis's own: the post's text, link, time, channel and pictures' descriptions.
    Json,
}

impl Format {
    /// The format the address's host takes: Discord's and Slack's own, Majlis's JSON
    /// anywhere else.
    pub fn of(url: &str) -> Self {
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
            .unwrap_or_default();
        if host == "discord.com" || host.ends_with(".discord.com") || host == "discordapp.com" {
            Self::Discord
        } else if host == "hooks.slack.com" {
            Self::Slack
        } else {
            Self::Json
        }
    }
}

/// One webhook address.
pub struct Webhook {
    http: reqwest::Client,
    url: String,
    format: Format,
}

impl Webhook {
    /// A connector posting to `url`, in the format its host takes.
    pub fn new(http: reqwest::Client, url: String) -> Self {
        let format = Format::of(&url);
        Self { http, url, format }
    }

    fn body(&self, item: &Envelope, pictures: &[Picture]) -> Value {
        let text = item.text.clone();
        match self.format {
            Format::Discord => json!({ "content": text }),
            Format::Slack => json!({ "text": text }),
            Format::Json => json!({
                "id": item.key,
                "text": text,
                "link": item.link,
                "at": item.at.map(|at| at.as_utc().to_rfc3339()),
                "language": item.language,
                "pictures": pictures.iter().map(|p| json!({ "type": p.mime, "alt": p.alt })).collect::<Vec<_>>(),
            }),
        }
    }
}

#[async_trait::async_trait]
impl Connector for Webhook {
    fn guarantee(&self) -> Guarantee {
        Guarantee::AtMostOnce
    }

    /// A webhook has no account to log in to: this checks the address is one.
    async fn log_in(&self) -> Result<String, Failure> {
        url::Url::parse(&self.url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .and_then(|u| u.host_str().map(str::to_owned))
            .ok_or(Failure::Permanent(Reason::NotAWebhookAddress))
    }

    async fn publish(&self, item: &Envelope, pictures: &[Picture]) -> Result<Receipt, Failure> {
        let request = self
            .http
            .post(&self.url)
            .header("Idempotency-Key", &item.key)
            .json(&self.body(item, pictures));
        let answer = Answer::send(NETWORK, request).await?;
        if answer.status.is_success() {
            return Ok(Receipt {
                remote_id: item.key.clone(),
                remote_url: None,
            });
        }
        let detail: String = String::from_utf8_lossy(&answer.body)
            .chars()
            .take(200)
            .collect();
        Err(answer.failure(NETWORK, &detail))
    }

    async fn find(&self, _item: &Envelope) -> Result<Option<Receipt>, Failure> {
        Err(Failure::Permanent(
            "a webhook cannot be asked whether a post arrived".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use wiremock::matchers::{body_json, header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;
    use crate::connectors::testing::outgoing;

    #[test]
    fn discord_and_slack_addresses_get_their_own_json() {
        assert_eq!(
            Format::of("https://discord.com/api/webhooks/1/token"),
            Format::Discord
        );
        assert_eq!(
            Format::of("https://hooks.slack.com/services/T/B/x"),
            Format::Slack
        );
        assert_eq!(
            Format::of("https://crm.rayyan.example/hooks/posts"),
            Format::Json
        );
    }

    #[tokio::test]
    async fn the_post_goes_as_json_with_its_key() {
        let server = MockServer::start().await;
        let item = outgoing("webhook", None);
        Mock::given(method("POST"))
            .and(path("/hooks/posts"))
            .and(header("idempotency-key", item.key.as_str()))
            .and(body_json(json!({
                "id": item.key, "text": "Fresh bread", "link": null,
                "at": item.at.map(|at| at.as_utc().to_rfc3339()),
                "language": "en", "pictures": [],
            })))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let webhook = Webhook::new(
            reqwest::Client::new(),
            format!("{}/hooks/posts", server.uri()),
        );
        let receipt = webhook.publish(&item, &[]).await.expect("sent");
        assert_eq!(receipt.remote_id, item.key);
    }

    #[tokio::test]
    async fn a_secret_that_is_not_a_web_address_is_refused_without_repeating_it() {
        let webhook = Webhook::new(reqwest::Client::new(), "token-123".into());
        let refused = webhook.log_in().await.expect_err("not a web address");
        assert!(matches!(
            refused,
            Failure::Permanent(Reason::NotAWebhookAddress)
        ));
        assert!(!refused.to_string().contains("token-123"));
    }

    #[tokio::test]
    async fn a_receiver_that_fails_once_or_does_not_answer_is_tried_again() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/hooks/token-123"))
            .respond_with(ResponseTemplate::new(500))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/hooks/token-123"))
            .respond_with(
                ResponseTemplate::new(200).set_delay(std::time::Duration::from_millis(300)),
            )
            .mount(&server)
            .await;
        let item = outgoing("webhook", None);
        let url = format!("{}/hooks/token-123", server.uri());
        let impatient = reqwest::Client::builder()
            .timeout(std::time::Duration::from_millis(100))
            .build()
            .expect("client");
        let webhook = Webhook::new(impatient, url.clone());
        assert!(
            matches!(
                webhook.publish(&item, &[]).await,
                Err(Failure::Transient { .. })
            ),
            "500"
        );
        let timeout = webhook.publish(&item, &[]).await;
        assert!(
            matches!(&timeout, Err(f @ Failure::Transient { .. }) if !f.to_string().contains("token-123")),
            "{timeout:?}"
        );
        let patient = Webhook::new(reqwest::Client::new(), url);
        assert!(patient.publish(&item, &[]).await.is_ok(), "the third try");
    }

    #[tokio::test]
    async fn a_busy_receiver_is_tried_again_and_a_refusing_or_missing_one_is_not() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/busy/token-123"))
            .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "30"))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/gone/token-123"))
            .respond_with(ResponseTemplate::new(404).set_body_string("Unknown Webhook"))
            .mount(&server)
            .await;
        let item = outgoing("webhook", None);
        let busy = Webhook::new(
            reqwest::Client::new(),
            format!("{}/busy/token-123", server.uri()),
        );
        assert!(matches!(
            busy.publish(&item, &[]).await,
            Err(Failure::Transient { after: Some(wait), .. }) if wait == std::time::Duration::from_secs(30)
        ));
        Mock::given(method("POST"))
            .and(path("/limited/token-123"))
            .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "12"))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/locked/token-123"))
            .respond_with(ResponseTemplate::new(401).set_body_string("Invalid Webhook Token"))
            .mount(&server)
            .await;
        let at = |route: &str| {
            Webhook::new(
                reqwest::Client::new(),
                format!("{}/{route}/token-123", server.uri()),
            )
        };
        assert!(matches!(
            at("limited").publish(&item, &[]).await,
            Err(Failure::Transient { after: Some(wait), .. }) if wait == std::time::Duration::from_secs(12)
        ));
        assert!(matches!(
            at("locked").publish(&item, &[]).await,
            Err(Failure::Permanent(m)) if m.to_string().contains("reconnect the channel")
        ));
        let gone = at("gone");
        let Err(Failure::Permanent(reason)) = gone.publish(&item, &[]).await else {
            panic!("a missing webhook is not worth another try");
        };
        let message = reason.to_string();
        assert!(
            message.contains("Unknown Webhook") && !message.contains("token-123"),
            "{message}"
        );
    }
}
