//! Mastodon, on any instance, with an access token: pictures through `/api/v2/media` with
//! their descriptions, then `POST /api/v1/statuses` with the delivery's key as its
//! `Idempotency-Key`.
//!
//! **Exactly once while the instance remembers the key** (an hour, in Mastodon): a
//! repeat with the same key answers the status already made. A send cut short is sent
//! again with its key if its first attempt is younger than that; an older one is not
//! repeated by itself (it fails and asks the person to check).

use std::time::Duration;

use majlis_core::publishing::Outgoing;
use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Connector, Failure, Guarantee, Picture, Receipt, http_failure, transport_failure};

const NETWORK: &str = "Mastodon";
/// How long Mastodon keeps an `Idempotency-Key` (an hour), with a margin.
const KEY_KEPT: Duration = Duration::from_secs(50 * 60);

/// One account on one instance.
pub struct Mastodon {
    http: reqwest::Client,
    instance: String,
    token: String,
}

/// `{"error": "…"}`, Mastodon's error body.
#[derive(Debug, Default, Deserialize)]
struct MastodonError {
    #[serde(default)]
    error: String,
}

impl Mastodon {
    /// A connector for the account whose access token is `token` on `instance`.
    pub fn new(http: reqwest::Client, instance: String, token: String) -> Self {
        Self {
            http,
            instance: instance.trim_end_matches('/').to_owned(),
            token,
        }
    }

    /// Sends a request with the token and reads a successful answer's JSON.
    async fn call(&self, request: reqwest::RequestBuilder) -> Result<Value, Failure> {
        let response = request
            .bearer_auth(&self.token)
            .send()
            .await
            .map_err(|e| transport_failure(NETWORK, &e))?;
        let status = response.status();
        let retry_after = response.headers().get("retry-after").cloned();
        let body = response
            .bytes()
            .await
            .map_err(|e| transport_failure(NETWORK, &e))?;
        if !status.is_success() {
            let error: MastodonError = serde_json::from_slice(&body).unwrap_or_default();
            return Err(http_failure(
                NETWORK,
                status,
                retry_after.as_ref(),
                &error.error,
            ));
        }
        serde_json::from_slice(&body).map_err(|e| Failure::Transient {
            message: format!("Mastodon's answer was not understood: {e}"),
            after: Some(Duration::from_secs(30)),
        })
    }

    async fn upload(&self, picture: &Picture) -> Result<String, Failure> {
        let file = Part::bytes(picture.bytes.clone())
            .file_name("picture")
            .mime_str(picture.mime)
            .map_err(|e| Failure::Permanent(e.to_string()))?;
        let form = Form::new()
            .part("file", file)
            .text("description", picture.alt.clone());
        let url = format!("{}/api/v2/media", self.instance);
        let media = self.call(self.http.post(url).multipart(form)).await?;
        media["id"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| Failure::Transient {
                message: "Mastodon did not say which picture it took".into(),
                after: None,
            })
    }
}

#[async_trait::async_trait]
impl Connector for Mastodon {
    fn guarantee(&self) -> Guarantee {
        Guarantee::KeyKept(KEY_KEPT)
    }

    async fn log_in(&self) -> Result<String, Failure> {
        let url = format!("{}/api/v1/accounts/verify_credentials", self.instance);
        let account = self.call(self.http.get(url)).await?;
        let host = url::Url::parse(&self.instance)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        Ok(format!(
            "@{}@{host}",
            account["username"].as_str().unwrap_or_default()
        ))
    }

    async fn max_characters(&self) -> Result<Option<u32>, Failure> {
        let url = format!("{}/api/v2/instance", self.instance);
        let instance = self.call(self.http.get(url)).await?;
        Ok(instance["configuration"]["statuses"]["max_characters"]
            .as_u64()
            .and_then(|n| u32::try_from(n).ok()))
    }

    async fn publish(&self, item: &Outgoing, pictures: &[Picture]) -> Result<Receipt, Failure> {
        let mut media_ids = Vec::with_capacity(pictures.len());
        for picture in pictures {
            media_ids.push(self.upload(picture).await?);
        }
        let mut status = json!({
            "status": item.text,
            "visibility": "public",
            "language": item.language,
        });
        if !media_ids.is_empty() {
            status["media_ids"] = json!(media_ids);
        }
        let url = format!("{}/api/v1/statuses", self.instance);
        let posted = self
            .call(
                self.http
                    .post(url)
                    .header("Idempotency-Key", &item.key)
                    .json(&status),
            )
            .await?;
        Ok(Receipt {
            remote_id: posted["id"].as_str().unwrap_or_default().to_owned(),
            remote_url: posted["url"].as_str().map(str::to_owned),
        })
    }

    async fn find(&self, _item: &Outgoing) -> Result<Option<Receipt>, Failure> {
        Err(Failure::Permanent(
            "Mastodon cannot be asked for a status by its key; it is sent again with it".into(),
        ))
    }
}
