//! Bluesky, over the AT Protocol's XRPC: log in with a handle and an app password,
//! write `app.bsky.feed.post` records with facets, pictures and languages, and read
//! the account's notifications for the inbox.
//!
//! **Exactly once.** The record key is the delivery's key (a TID), written with
//! `putRecord` and `swapRecord: null`, which the PDS accepts only when no record has
//! that key: a repeat of the same delivery is refused by the server itself, and an
//! interrupted attempt is settled by reading the record back (`getRecord`).

pub mod facets;
mod listen;
mod search;

use std::sync::Mutex;

use majlis_core::channels::{ChannelId, ChannelKind};
use majlis_core::publishing::Envelope;
use majlis_core::ugc::searches::SavedSearch;
use reqwest::{Client, Method, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};

use self::facets::Feature;
use super::{Answer, Connector, Discovered, Failure, Guarantee, Heard, Picture, Reason, Receipt};

const NETWORK: ChannelKind = ChannelKind::Bluesky;
const POST: &str = "app.bsky.feed.post";

/// Where a Bluesky account lives and how it logs in.
#[derive(Clone, Debug)]
pub struct Login {
    /// The PDS or entryway, e.g. `https://bsky.social`.
    pub service: String,
    /// The web app that shows posts, for their links, e.g. `https://bsky.app`.
    pub web: String,
    /// The handle (or DID, or e-mail) to log in with.
    pub identifier: String,
    /// An app password.
    pub password: String,
}

/// A logged-in session's tokens.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Session {
    access_jwt: String,
    refresh_jwt: String,
    did: String,
    handle: String,
}

/// One Bluesky account, logged in on first use.
pub struct Bluesky {
    http: Client,
    account: Login,
    session: Mutex<Option<Session>>,
}

/// An XRPC error body: `{"error": "InvalidSwap", "message": "…"}`.
#[derive(Debug, Default, Deserialize)]
struct XrpcError {
    #[serde(default)]
    error: String,
    #[serde(default)]
    message: String,
}

impl Bluesky {
    /// A connector for `account`; nothing is sent until it is used.
    pub fn new(http: Client, account: Login) -> Self {
        Self {
            http,
            account,
            session: Mutex::new(None),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Session>> {
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn url(&self, method: &str) -> String {
        format!(
            "{}/xrpc/{method}",
            self.account.service.trim_end_matches('/')
        )
    }

    async fn create_session(&self) -> Result<Session, Failure> {
        let body =
            json!({ "identifier": self.account.identifier, "password": self.account.password });
        let request = self
            .http
            .post(self.url("com.atproto.server.createSession"))
            .json(&body);
        let answer = Answer::send(NETWORK, request).await?;
        if answer.status == StatusCode::UNAUTHORIZED || answer.status == StatusCode::BAD_REQUEST {
            let error = answer.error();
            return Err(Failure::Permanent(Reason::Credentials {
                network: NETWORK,
                account: Some(self.account.identifier.clone()),
                detail: if error.message.is_empty() {
                    error.error
                } else {
                    error.message
                },
            }));
        }
        answer.decoded()
    }

    /// The current session, logging in when there is none.
    async fn session(&self) -> Result<Session, Failure> {
        if let Some(session) = self.lock().clone() {
            return Ok(session);
        }
        let session = self.create_session().await?;
        *self.lock() = Some(session.clone());
        Ok(session)
    }

    /// Trades the refresh token for new tokens; logs in again when that fails.
    async fn refresh(&self, stale: &Session) -> Result<Session, Failure> {
        let request = self
            .http
            .post(self.url("com.atproto.server.refreshSession"))
            .bearer_auth(&stale.refresh_jwt);
        let refreshed = Answer::send(NETWORK, request).await?;
        let session = if refreshed.status.is_success() {
            refreshed.decoded()?
        } else {
            self.create_session().await?
        };
        *self.lock() = Some(session.clone());
        Ok(session)
    }

    /// Sends an authenticated XRPC call and reads its answer, refreshing the session
    /// once if it expired.
    async fn call(
        &self,
        method: Method,
        name: &str,
        build: impl Fn(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
    ) -> Result<Answer, Failure> {
        let mut session = self.session().await?;
        let mut refreshed = false;
        loop {
            let request = self.http.request(method.clone(), self.url(name));
            let request = build(request).bearer_auth(&session.access_jwt);
            let answer = Answer::send(NETWORK, request).await?;
            let expired =
                answer.status == StatusCode::UNAUTHORIZED || answer.error().error == "ExpiredToken";
            if !expired || refreshed {
                return Ok(answer);
            }
            session = self.refresh(&session).await?;
            refreshed = true;
        }
    }

    async fn upload(&self, picture: &Picture) -> Result<Value, Failure> {
        let bytes = picture.bytes.clone();
        let response = self
            .call(Method::POST, "com.atproto.repo.uploadBlob", |r| {
                r.header("content-type", picture.mime).body(bytes.clone())
            })
            .await?;
        let uploaded: Value = response.decoded()?;
        Ok(uploaded["blob"].clone())
    }

    /// Turns `@handle` into the account's DID; a handle nobody has stays plain text.
    async fn resolve(&self, handle: &str) -> Option<String> {
        let response = self
            .http
            .get(self.url("com.atproto.identity.resolveHandle"))
            .query(&[("handle", handle)])
            .send()
            .await
            .ok()?;
        let found: Value = response.error_for_status().ok()?.json().await.ok()?;
        found["did"].as_str().map(str::to_owned)
    }

    async fn record(&self, item: &Envelope, pictures: &[Picture]) -> Result<Value, Failure> {
        let text = item.text.clone();
        let mut facets = Vec::new();
        for facet in facets::detect(&text) {
            let feature = match facet.feature {
                Feature::Link(uri) => {
                    json!({ "$type": "app.bsky.richtext.facet#link", "uri": uri })
                }
                Feature::Tag(tag) => json!({ "$type": "app.bsky.richtext.facet#tag", "tag": tag }),
                Feature::Mention(handle) => match self.resolve(&handle).await {
                    Some(did) => json!({ "$type": "app.bsky.richtext.facet#mention", "did": did }),
                    None => continue,
                },
            };
            facets.push(json!({
                "index": { "byteStart": facet.start, "byteEnd": facet.end },
                "features": [feature],
            }));
        }
        let mut record = json!({
            "$type": POST,
            "text": text,
            "createdAt": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "langs": [item.language.clone()],
        });
        if !facets.is_empty() {
            record["facets"] = Value::Array(facets);
        }
        if let Some(parent) = &item.reply_to {
            record["reply"] = self.reply_refs(parent).await?;
        }
        if !pictures.is_empty() {
            let mut images = Vec::with_capacity(pictures.len());
            for picture in pictures {
                images.push(json!({ "alt": picture.alt, "image": self.upload(picture).await? }));
            }
            record["embed"] = json!({ "$type": "app.bsky.embed.images", "images": images });
        }
        Ok(record)
    }

    /// A reply's `reply`: the post it answers, and the thread's root (that post's own
    /// root, or that post when it starts the thread).
    async fn reply_refs(&self, parent: &str) -> Result<Value, Failure> {
        let (repo, collection, rkey) = parent
            .strip_prefix("at://")
            .and_then(|rest| {
                let mut parts = rest.splitn(3, '/');
                Some((parts.next()?, parts.next()?, parts.next()?))
            })
            .ok_or_else(|| {
                Failure::Permanent(format!("\"{parent}\" is not a Bluesky post's address").into())
            })?;
        let query = [("repo", repo), ("collection", collection), ("rkey", rkey)];
        let answered: Value = self
            .call(Method::GET, "com.atproto.repo.getRecord", |r| {
                r.query(&query)
            })
            .await?
            .decoded()?;
        let parent = json!({ "uri": answered["uri"], "cid": answered["cid"] });
        let root = match &answered["value"]["reply"]["root"] {
            root if root.is_object() => root.clone(),
            _ => parent.clone(),
        };
        Ok(json!({ "root": root, "parent": parent }))
    }

    fn receipt(&self, session: &Session, rkey: &str) -> Receipt {
        Receipt {
            remote_id: format!("at://{}/{POST}/{rkey}", session.did),
            remote_url: Some(format!(
                "{}/profile/{}/post/{rkey}",
                self.account.web.trim_end_matches('/'),
                session.handle
            )),
        }
    }
}

#[async_trait::async_trait]
impl Connector for Bluesky {
    fn guarantee(&self) -> Guarantee {
        Guarantee::ExactlyOnce
    }

    async fn log_in(&self) -> Result<String, Failure> {
        let session = self.create_session().await?;
        let handle = format!("@{}", session.handle);
        *self.lock() = Some(session);
        Ok(handle)
    }

    async fn publish(&self, item: &Envelope, pictures: &[Picture]) -> Result<Receipt, Failure> {
        let record = self.record(item, pictures).await?;
        let session = self.session().await?;
        let body = json!({
            "repo": session.did,
            "collection": POST,
            "rkey": item.key,
            "record": record,
            // Create if absent: the server refuses a second record with this key.
            "swapRecord": null,
        });
        let answer = self
            .call(Method::POST, "com.atproto.repo.putRecord", |r| {
                r.json(&body)
            })
            .await?;
        if answer.error().error == "InvalidSwap" {
            // An earlier attempt of this delivery got there first.
            return self.find(item).await?.ok_or_else(|| {
                Failure::Permanent("Bluesky has a different record under this post's key".into())
            });
        }
        let _: Value = answer.decoded()?;
        Ok(self.receipt(&session, &item.key))
    }

    async fn find(&self, item: &Envelope) -> Result<Option<Receipt>, Failure> {
        let session = self.session().await?;
        let query = [
            ("repo", session.did.as_str()),
            ("collection", POST),
            ("rkey", item.key.as_str()),
        ];
        let answer = self
            .call(Method::GET, "com.atproto.repo.getRecord", |r| {
                r.query(&query)
            })
            .await?;
        if answer.error().error == "RecordNotFound" {
            return Ok(None);
        }
        let _: Value = answer.decoded()?;
        Ok(Some(self.receipt(&session, &item.key)))
    }

    async fn listen(&self, channel: ChannelId, cursor: Option<&str>) -> Result<Heard, Failure> {
        self.notifications(channel, cursor).await
    }

    async fn search(
        &self,
        search: &SavedSearch,
        cursor: Option<&str>,
    ) -> Result<Discovered, Failure> {
        self.search_posts(search, cursor).await
    }
}

/// XRPC's reading of an answer: errors are `{"error": "InvalidSwap", "message": "…"}`.
trait Xrpc {
    /// The XRPC error, when it is one.
    fn error(&self) -> XrpcError;
    /// A success's JSON, or the failure the answer stands for, in XRPC's words.
    fn decoded<T: serde::de::DeserializeOwned>(&self) -> Result<T, Failure>;
}

impl Xrpc for Answer {
    fn error(&self) -> XrpcError {
        if self.status.is_success() {
            return XrpcError::default();
        }
        serde_json::from_slice(&self.body).unwrap_or_default()
    }

    fn decoded<T: serde::de::DeserializeOwned>(&self) -> Result<T, Failure> {
        let error = self.error();
        self.json(NETWORK, |_| {
            if error.message.is_empty() {
                error.error
            } else {
                error.message
            }
        })
    }
}

#[cfg(test)]
mod tests;
