//! Telegram, through a bot the person added to their channel or group as an admin:
//! `sendMessage`, or `sendPhoto` with the text as the caption; what people write in the
//! chat comes into the inbox (`getUpdates`), and answers go as replies to their message.
//!
//! **At most once.** The Bot API keeps no key Majlis could send or look up, so a send
//! cut short (Majlis killed between Telegram's answer and recording it) is not repeated
//! by itself: it fails and asks the person to check the chat.

mod listen;

use std::time::Duration;

use majlis_core::channels::{ChannelId, ChannelKind};
use majlis_core::publishing::Envelope;
use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Connector, Failure, Guarantee, Heard, Picture, Receipt};

const NETWORK: ChannelKind = ChannelKind::Telegram;
/// Telegram's limit for a photo's caption; longer texts go as a message after it.
const CAPTION: usize = 1024;

/// A bot and the chat it posts to.
#[derive(Clone, Debug)]
pub struct Bot {
    /// The Bot API's address, `https://api.telegram.org` unless the person runs their own.
    pub service: String,
    /// `@channelname`, or a numeric chat id.
    pub chat: String,
    /// The bot's token, from @BotFather.
    pub token: String,
}

/// One bot posting to one chat.
pub struct Telegram {
    http: reqwest::Client,
    bot: Bot,
}

/// Every Bot API answer: `{"ok": true, "result": …}` or
/// `{"ok": false, "error_code": 429, "description": "…", "parameters": {"retry_after": 7}}`.
#[derive(Debug, Deserialize)]
struct Reply {
    ok: bool,
    #[serde(default)]
    result: Value,
    #[serde(default)]
    description: String,
    #[serde(default)]
    parameters: Parameters,
}

#[derive(Debug, Default, Deserialize)]
struct Parameters {
    retry_after: Option<u64>,
}

impl Telegram {
    /// A connector for `bot`; nothing is sent until it is used.
    pub fn new(http: reqwest::Client, bot: Bot) -> Self {
        Self { http, bot }
    }

    fn url(&self, method: &str) -> String {
        format!(
            "{}/bot{}/{method}",
            self.bot.service.trim_end_matches('/'),
            self.bot.token
        )
    }

    /// Sends one Bot API request and reads its answer. The token is part of the
    /// address, so no error may carry the address.
    async fn call(&self, request: reqwest::RequestBuilder) -> Result<Value, Failure> {
        let answer = super::Answer::send(NETWORK, request).await?;
        let reply: Reply = match serde_json::from_slice(&answer.body) {
            Ok(reply) => reply,
            // Not the Bot API's JSON (a proxy's error page): the status says enough.
            Err(_) => return answer.json(NETWORK, |_| String::new()),
        };
        if reply.ok {
            return Ok(reply.result);
        }
        let mut failure = answer.failure(NETWORK, &reply.description);
        if let (Failure::Transient { after, .. }, Some(secs)) =
            (&mut failure, reply.parameters.retry_after)
        {
            *after = Some(Duration::from_secs(secs));
        }
        Err(failure)
    }

    fn receipt(&self, message: &Value) -> Receipt {
        let id = message["message_id"].as_i64().unwrap_or_default();
        let chat = message["chat"]["id"]
            .as_i64()
            .map_or(self.bot.chat.clone(), |c| c.to_string());
        // A public channel's posts have addresses; a private chat's do not.
        let url = message["chat"]["username"]
            .as_str()
            .map(|name| format!("https://t.me/{name}/{id}"));
        Receipt {
            remote_id: format!("{chat}/{id}"),
            remote_url: url,
        }
    }
}

#[async_trait::async_trait]
impl Connector for Telegram {
    fn guarantee(&self) -> Guarantee {
        Guarantee::AtMostOnce
    }

    async fn log_in(&self) -> Result<String, Failure> {
        let bot = self.call(self.http.get(self.url("getMe"))).await?;
        let chat = self
            .call(
                self.http
                    .get(self.url("getChat"))
                    .query(&[("chat_id", &self.bot.chat)]),
            )
            .await?;
        let chat = chat["title"].as_str().unwrap_or(&self.bot.chat).to_owned();
        Ok(format!(
            "@{} in {chat}",
            bot["username"].as_str().unwrap_or("bot")
        ))
    }

    async fn publish(&self, item: &Envelope, pictures: &[Picture]) -> Result<Receipt, Failure> {
        let text = item.text.clone();
        let captioned = text.chars().count() <= CAPTION;
        let sent = match pictures {
            [] => None,
            [picture] => {
                let mut form = Form::new()
                    .text("chat_id", self.bot.chat.clone())
                    .part("photo", part(picture)?);
                if captioned {
                    form = form.text("caption", text.clone());
                }
                Some(
                    self.call(self.http.post(self.url("sendPhoto")).multipart(form))
                        .await?,
                )
            }
            several => {
                let media: Vec<Value> = (0..several.len())
                    .map(|i| match i {
                        0 if captioned => {
                            json!({ "type": "photo", "media": "attach://p0", "caption": text })
                        }
                        _ => json!({ "type": "photo", "media": format!("attach://p{i}") }),
                    })
                    .collect();
                let mut form = Form::new()
                    .text("chat_id", self.bot.chat.clone())
                    .text("media", Value::Array(media).to_string());
                for (i, picture) in several.iter().enumerate() {
                    form = form.part(format!("p{i}"), part(picture)?);
                }
                let album = self
                    .call(self.http.post(self.url("sendMediaGroup")).multipart(form))
                    .await?;
                Some(album[0].clone())
            }
        };
        match sent {
            Some(message) if captioned => Ok(self.receipt(&message)),
            // No pictures, or a text too long to be their caption: it follows them.
            _ => {
                let mut message = json!({ "chat_id": self.bot.chat, "text": text });
                // An answer: a reply to the message (`chat/message` as it came in).
                if let Some(parent) = item.reply_to.as_deref().and_then(|r| r.rsplit('/').next()) {
                    let id: i64 = parent.parse().map_err(|_| {
                        Failure::Permanent(format!("\"{parent}\" is not a Telegram message").into())
                    })?;
                    message["reply_parameters"] = json!({ "message_id": id });
                }
                Ok(self.receipt(
                    &self
                        .call(self.http.post(self.url("sendMessage")).json(&message))
                        .await?,
                ))
            }
        }
    }

    async fn find(&self, _item: &Envelope) -> Result<Option<Receipt>, Failure> {
        Err(Failure::Permanent(
            "Telegram cannot be asked whether a message was sent".into(),
        ))
    }

    async fn listen(&self, channel: ChannelId, cursor: Option<&str>) -> Result<Heard, Failure> {
        self.updates(channel, cursor).await
    }
}

/// A picture as a multipart file.
fn part(picture: &Picture) -> Result<Part, Failure> {
    Part::bytes(picture.bytes.clone())
        .file_name("picture")
        .mime_str(picture.mime)
        .map_err(|e| Failure::Permanent(e.to_string().into()))
}

#[cfg(test)]
mod tests {
    use majlis_core::posts::NewPost;
    use wiremock::matchers::{body_json, body_string_contains, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::*;
    use crate::connectors::testing::{outgoing, outgoing_with};

    const TOKEN: &str = "123456:ABC-secret";

    fn telegram(server: &MockServer) -> Telegram {
        Telegram::new(
            reqwest::Client::new(),
            Bot {
                service: server.uri(),
                chat: "@rayyanbakery".into(),
                token: TOKEN.into(),
            },
        )
    }

    fn sent(id: i64) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_json(json!({
            "ok": true,
            "result": { "message_id": id, "chat": { "id": -100_123, "username": "rayyanbakery" } },
        }))
    }

    #[tokio::test]
    async fn a_text_goes_out_with_sendmessage_and_links_to_the_channel_post() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(format!("/bot{TOKEN}/sendMessage")))
            .and(body_json(json!({ "chat_id": "@rayyanbakery", "text": "Fresh bread\nhttps://rayyan.example" })))
            .respond_with(sent(42))
            .expect(1)
            .mount(&server)
            .await;
        let item = outgoing_with(
            "telegram",
            Some("@rayyanbakery"),
            NewPost {
                body: "Fresh bread".into(),
                link: Some("https://rayyan.example".into()),
                ..NewPost::default()
            },
        );
        let receipt = telegram(&server).publish(&item, &[]).await.expect("sent");
        assert_eq!(receipt.remote_id, "-100123/42");
        assert_eq!(
            receipt.remote_url.as_deref(),
            Some("https://t.me/rayyanbakery/42")
        );
    }

    #[tokio::test]
    async fn the_chat_comes_in_from_the_last_update_and_answers_reply_to_their_message() {
        let server = MockServer::start().await;
        let message = |update: i64, id: i64, chat: &str, from: Value, text: &str| {
            json!({ "update_id": update, "message": {
                "message_id": id, "date": 1_795_600_800, "text": text, "from": from,
                "chat": { "id": -100_123, "username": chat, "type": "supergroup" },
            }})
        };
        let sara = json!({ "id": 7, "is_bot": false, "first_name": "Sara", "username": "sara_h" });
        let mut reply = message(11, 502, "rayyanbakery", sara.clone(), "وين الطلب؟");
        reply["message"]["reply_to_message"] = json!({ "message_id": 42, "text": "Fresh bread" });
        Mock::given(method("POST"))
            .and(path(format!("/bot{TOKEN}/getUpdates")))
            .and(body_string_contains("\"offset\":10"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ok": true, "result": [
                message(10, 501, "rayyanbakery", sara.clone(), "Open today?"),
                reply,
                message(12, 503, "otherchat", sara.clone(), "elsewhere"),
                message(13, 504, "rayyanbakery", json!({ "id": 9, "is_bot": true, "username": "rayyan_bot" }), "ours"),
            ]})))
            .expect(1)
            .mount(&server)
            .await;
        let heard = telegram(&server)
            .listen(ChannelId(1), Some("9"))
            .await
            .expect("heard");
        assert_eq!(
            heard.cursor.as_deref(),
            Some("13"),
            "every update is confirmed"
        );
        assert_eq!(heard.items.len(), 2, "{:?}", heard.items);
        let answer = &heard.items[1];
        assert_eq!(answer.remote_id.as_deref(), Some("-100123/502"));
        assert_eq!(answer.parent_remote_id.as_deref(), Some("-100123/42"));
        assert_eq!(answer.parent_text.as_deref(), Some("Fresh bread"));
        assert_eq!(answer.author.handle, "sara_h");
        assert_eq!(answer.url.as_deref(), Some("https://t.me/rayyanbakery/502"));

        Mock::given(method("POST"))
            .and(path(format!("/bot{TOKEN}/sendMessage")))
            .and(body_json(json!({
                "chat_id": "@rayyanbakery", "text": "Yes, until 10!",
                "reply_parameters": { "message_id": 502 },
            })))
            .respond_with(sent(600))
            .expect(1)
            .mount(&server)
            .await;
        let mut envelope = outgoing("telegram", Some("@rayyanbakery"));
        envelope.text = "Yes, until 10!".into();
        envelope.reply_to = answer.remote_id.clone();
        telegram(&server)
            .publish(&envelope, &[])
            .await
            .expect("sent");
    }

    #[tokio::test]
    async fn a_picture_goes_as_a_photo_with_the_text_as_its_caption() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(format!("/bot{TOKEN}/sendPhoto")))
            .and(body_string_contains("name=\"caption\""))
            .and(body_string_contains("Fresh bread"))
            .respond_with(sent(43))
            .expect(1)
            .mount(&server)
            .await;
        // Text bytes, so that the fake can read the form as text.
        let picture = Picture {
            bytes: b"a picture".to_vec(),
            mime: "image/png",
            alt: "A loaf".into(),
        };
        let receipt = telegram(&server)
            .publish(&outgoing("telegram", Some("@rayyanbakery")), &[picture])
            .await
            .expect("sent");
        assert_eq!(receipt.remote_id, "-100123/43");
    }

    #[tokio::test]
    async fn flood_control_waits_as_long_as_telegram_says() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(format!("/bot{TOKEN}/sendMessage")))
            .respond_with(ResponseTemplate::new(429).set_body_json(json!({
                "ok": false, "error_code": 429,
                "description": "Too Many Requests: retry after 7", "parameters": { "retry_after": 7 },
            })))
            .mount(&server)
            .await;
        let failure = telegram(&server)
            .publish(&outgoing("telegram", Some("@rayyanbakery")), &[])
            .await;
        assert!(
            matches!(&failure, Err(Failure::Transient { after: Some(wait), .. }) if *wait == Duration::from_secs(7)),
            "{failure:?}"
        );
    }

    #[tokio::test]
    async fn a_revoked_token_fails_at_once_and_never_shows_the_token() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(format!("/bot{TOKEN}/sendMessage")))
            .respond_with(ResponseTemplate::new(401).set_body_json(json!({
                "ok": false, "error_code": 401, "description": "Unauthorized",
            })))
            .mount(&server)
            .await;
        let failure = telegram(&server)
            .publish(&outgoing("telegram", Some("@rayyanbakery")), &[])
            .await;
        let Err(Failure::Permanent(reason)) = failure else {
            panic!("{failure:?}");
        };
        let message = reason.to_string();
        assert!(message.contains("reconnect the channel"), "{message}");
        assert!(!message.contains("ABC-secret"), "{message}");
    }

    #[tokio::test]
    async fn a_server_error_is_tried_again_and_a_silent_server_too() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(format!("/bot{TOKEN}/sendMessage")))
            .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path(format!("/bot{TOKEN}/sendMessage")))
            .respond_with(sent(44).set_delay(Duration::from_millis(300)))
            .mount(&server)
            .await;
        let item = outgoing("telegram", Some("@rayyanbakery"));
        let impatient = Telegram::new(
            reqwest::Client::builder()
                .timeout(Duration::from_millis(100))
                .build()
                .expect("client"),
            Bot {
                service: server.uri(),
                chat: "@rayyanbakery".into(),
                token: TOKEN.into(),
            },
        );
        assert!(
            matches!(
                impatient.publish(&item, &[]).await,
                Err(Failure::Transient { .. })
            ),
            "502"
        );
        let timeout = impatient.publish(&item, &[]).await;
        assert!(
            matches!(&timeout, Err(f @ Failure::Transient { .. }) if f.to_string().starts_with("Telegram did not answer") && !f.to_string().contains(TOKEN)),
            "{timeout:?}"
        );
        let receipt = telegram(&server)
            .publish(&item, &[])
            .await
            .expect("the third try");
        assert_eq!(receipt.remote_id, "-100123/44");
    }

    #[tokio::test]
    async fn connecting_names_the_bot_and_the_chat() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(format!("/bot{TOKEN}/getMe")))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({ "ok": true, "result": { "username": "rayyan_bot" } })),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("/bot{TOKEN}/getChat")))
            .and(query_param("chat_id", "@rayyanbakery"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({ "ok": true, "result": { "title": "Rayyan Bakery" } })),
            )
            .mount(&server)
            .await;
        assert_eq!(
            telegram(&server).log_in().await.expect("logged in"),
            "@rayyan_bot in Rayyan Bakery"
        );
    }
}
