//! Mastodon, on any instance, with an access token: pictures through `/api/v2/media` with
//! their descriptions, then `POST /api/v1/statuses` with the delivery's key as its
//! `Idempotency-Key`; and the account's mentions for the inbox.
//!
//! **Exactly once while the instance remembers the key** (an hour, in Mastodon): a
//! repeat with the same key answers the status already made. A send cut short is sent
//! again with its key if its first attempt is younger than that; an older one is not
//! repeated by itself (it fails and asks the person to check).

mod listen;
mod search;

use std::time::Duration;

use majlis_core::channels::{ChannelId, ChannelKind};
use majlis_core::publishing::Envelope;
use majlis_core::ugc::searches::SavedSearch;
use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Answer, Connector, Discovered, Failure, Guarantee, Heard, Picture, Reason, Receipt};

const NETWORK: ChannelKind = ChannelKind::Mastodon;
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
        read(request.bearer_auth(&self.token)).await
    }

    async fn upload(&self, picture: &Picture) -> Result<String, Failure> {
        let file = Part::bytes(picture.bytes.clone())
            .file_name("picture")
            .mime_str(picture.mime)
            .map_err(|e| Failure::Permanent(e.to_string().into()))?;
        let form = Form::new()
            .part("file", file)
            .text("description", picture.alt.clone());
        let url = format!("{}/api/v2/media", self.instance);
        let media = self.call(self.http.post(url).multipart(form)).await?;
        media["id"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| Failure::Transient {
                reason: Reason::NotUnderstood {
                    network: NETWORK,
                    detail: "no id for the picture".into(),
                },
                after: None,
            })
    }
}

/// Signs in to `instance` in the person's browser (OAuth's authorization code, with a
/// redirect to a one-time listener on 127.0.0.1) and returns the account's access token:
/// the alternative to pasting a token. `open` shows the instance's sign-in page.
pub async fn authorize(
    http: &reqwest::Client,
    instance: &str,
    open: impl FnOnce(&str) -> Result<(), String>,
) -> Result<String, Failure> {
    let instance = instance.trim_end_matches('/');
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| Failure::Permanent(format!("cannot listen for the sign-in: {e}").into()))?;
    let port = listener
        .local_addr()
        .map_err(|e| Failure::Permanent(e.to_string().into()))?
        .port();
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let scopes = "read write";
    let app = json!({ "client_name": "Majlis", "redirect_uris": redirect, "scopes": scopes });
    let registered: Value = read(http.post(format!("{instance}/api/v1/apps")).json(&app)).await?;
    let field = |name: &str| registered[name].as_str().unwrap_or_default().to_owned();
    let (client_id, client_secret) = (field("client_id"), field("client_secret"));
    // Ties the answer to this request: a page elsewhere cannot hand us a code.
    let state = format!(
        "{:x}",
        std::hash::BuildHasher::hash_one(&std::hash::RandomState::new(), port)
    );
    let mut page = url::Url::parse(&format!("{instance}/oauth/authorize")).map_err(|_| {
        Failure::Permanent(format!("\"{instance}\" is not a server address").into())
    })?;
    page.query_pairs_mut()
        .append_pair("client_id", &client_id)
        .append_pair("redirect_uri", &redirect)
        .append_pair("response_type", "code")
        .append_pair("scope", scopes)
        .append_pair("state", &state);
    open(page.as_str()).map_err(|e| Failure::Permanent(Reason::BrowserDidNotOpen(e)))?;
    let code = tokio::time::timeout(SIGN_IN, callback(&listener, &state))
        .await
        .map_err(|_| Failure::Permanent(Reason::SignInUnfinished))??;
    let token: Value = read(http.post(format!("{instance}/oauth/token")).form(&[
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("client_id", client_id.as_str()),
        ("client_secret", client_secret.as_str()),
        ("redirect_uri", redirect.as_str()),
        ("scope", scopes),
    ]))
    .await?;
    token["access_token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| {
            Failure::Permanent(Reason::NotUnderstood {
                network: NETWORK,
                detail: "no access token".into(),
            })
        })
}

/// How long the person has to sign in in their browser.
const SIGN_IN: Duration = Duration::from_secs(5 * 60);

/// Waits for the browser to come back with the code (requests without one, a favicon
/// say, are answered and ignored).
async fn callback(listener: &tokio::net::TcpListener, state: &str) -> Result<String, Failure> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    loop {
        let (mut stream, _) = listener
            .accept()
            .await
            .map_err(|e| Failure::Permanent(e.to_string().into()))?;
        let mut request = vec![0u8; 8192];
        let n = stream.read(&mut request).await.unwrap_or(0);
        let request = String::from_utf8_lossy(&request[..n]);
        let target = request.split_whitespace().nth(1).unwrap_or("/");
        let query: Vec<(String, String)> = url::Url::parse(&format!("http://127.0.0.1{target}"))
            .map(|u| u.query_pairs().into_owned().collect())
            .unwrap_or_default();
        let value = |name: &str| {
            query
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let page = "<!doctype html><meta charset=utf-8><title>Majlis</title>\
                    <p>Majlis is connected. You can close this tab.</p>\
                    <p dir=rtl>رُبط مجلس بحسابك. يمكنك إغلاق هذه الصفحة.</p>";
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        );
        let _ = stream.write_all(answer.as_bytes()).await;
        if let (Some(code), Some(returned)) = (value("code"), value("state"))
            && returned == state
        {
            return Ok(code);
        }
        if let Some(error) = value("error") {
            return Err(Failure::Permanent(Reason::SignInRefused(error)));
        }
    }
}

/// A successful answer's JSON, or the failure it stands for.
async fn read(request: reqwest::RequestBuilder) -> Result<Value, Failure> {
    Answer::send(NETWORK, request).await?.json(NETWORK, |body| {
        serde_json::from_slice::<MastodonError>(body)
            .unwrap_or_default()
            .error
    })
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

    async fn publish(&self, item: &Envelope, pictures: &[Picture]) -> Result<Receipt, Failure> {
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
        if let Some(parent) = &item.reply_to {
            status["in_reply_to_id"] = json!(parent);
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

    async fn find(&self, _item: &Envelope) -> Result<Option<Receipt>, Failure> {
        Err(Failure::Permanent(
            "Mastodon cannot be asked for a status by its key; it is sent again with it".into(),
        ))
    }

    async fn listen(&self, channel: ChannelId, cursor: Option<&str>) -> Result<Heard, Failure> {
        self.notifications(channel, cursor).await
    }

    async fn search(
        &self,
        search: &SavedSearch,
        cursor: Option<&str>,
    ) -> Result<Discovered, Failure> {
        self.tagged(search, cursor).await
    }
}

#[cfg(test)]
mod tests {
    //! Every request the connector sends, checked against Mastodon's published API
    //! (the OpenAPI description in tests/peers/mastodon/openapi, from
    //! abraham/mastodon-openapi): the path and method exist, the JSON body's fields are
    //! the schema's with their types and values, the form's fields are the schema's.

    use majlis_core::posts::NewPost;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, Request, ResponseTemplate};

    use super::*;
    use crate::connectors::testing::outgoing_with;

    fn spec() -> Value {
        let file = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/peers/mastodon/openapi/mastodon-openapi.json"
        );
        serde_json::from_str(&std::fs::read_to_string(file).expect("the OpenAPI description"))
            .expect("JSON")
    }

    /// A schema with its `$ref`s followed.
    fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
        match schema["$ref"].as_str() {
            Some(reference) => {
                let name = reference.trim_start_matches("#/components/schemas/");
                resolve(spec, &spec["components"]["schemas"][name])
            }
            None => schema,
        }
    }

    /// Why `value` does not fit `schema` (objects: no unknown field, the required
    /// ones, each field's type and enum), or `None` when it fits.
    fn misfit(spec: &Value, schema: &Value, value: &Value) -> Option<String> {
        let schema = resolve(spec, schema);
        if let Some(branches) = schema["oneOf"].as_array() {
            let misfits: Vec<String> = branches
                .iter()
                .filter_map(|b| misfit(spec, b, value))
                .collect();
            return (misfits.len() == branches.len()).then(|| misfits.join("; or "));
        }
        let mut properties = serde_json::Map::new();
        let mut required = Vec::new();
        let parts: Vec<&Value> = match schema["allOf"].as_array() {
            Some(all) => all.iter().map(|p| resolve(spec, p)).collect(),
            None => vec![schema],
        };
        for part in parts {
            if let Some(p) = part["properties"].as_object() {
                properties.extend(p.clone());
            }
            required.extend(part["required"].as_array().cloned().unwrap_or_default());
        }
        let object = value.as_object()?;
        for field in required {
            let field = field.as_str().unwrap_or_default();
            if !object.contains_key(field) {
                return Some(format!("no {field}"));
            }
        }
        for (field, v) in object {
            let Some(property) = properties.get(field) else {
                return Some(format!("{field} is not in the API"));
            };
            let property = resolve(spec, property);
            let fits = match property["type"].as_str() {
                Some("string") => v.is_string(),
                Some("array") => v.is_array(),
                Some("boolean") => v.is_boolean(),
                Some("integer") => v.is_i64(),
                _ => true,
            };
            if !fits {
                return Some(format!("{field} is not a {}", property["type"]));
            }
            if let Some(allowed) = property["enum"].as_array().filter(|a| !a.contains(v)) {
                return Some(format!("{field} is {v}, not one of {allowed:?}"));
            }
        }
        None
    }

    /// The names of a multipart form's fields.
    fn form_fields(request: &Request) -> Vec<String> {
        let body = String::from_utf8_lossy(&request.body);
        body.split("form-data; name=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next().map(str::to_owned))
            .collect()
    }

    #[tokio::test]
    async fn every_request_is_one_the_published_api_describes() {
        let server = MockServer::start().await;
        let answer = |body: Value| ResponseTemplate::new(200).set_body_json(body);
        Mock::given(method("POST"))
            .and(path("/api/v2/media"))
            .respond_with(answer(
                json!({ "id": "m1", "type": "image", "url": "https://x/m1.png" }),
            ))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/api/v1/statuses"))
            .respond_with(answer(json!({ "id": "s1", "url": "https://x/@bakery/s1" })))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/api/v1/accounts/verify_credentials"))
            .respond_with(answer(json!({ "id": "1", "username": "bakery" })))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/api/v2/instance"))
            .respond_with(answer(
                json!({ "configuration": { "statuses": { "max_characters": 1000 } } }),
            ))
            .mount(&server)
            .await;
        let mastodon = Mastodon::new(reqwest::Client::new(), server.uri(), "token".into());
        assert_eq!(
            mastodon.log_in().await.expect("logged in"),
            "@bakery@127.0.0.1"
        );
        assert_eq!(
            mastodon.max_characters().await.expect("instance"),
            Some(1000)
        );
        let item = outgoing_with(
            "mastodon",
            None,
            NewPost {
                body: "خبز طازج 🍞".into(),
                link: Some("https://rayyan.example".into()),
                ..NewPost::default()
            },
        );
        let picture = Picture {
            bytes: b"a picture".to_vec(),
            mime: "image/png",
            alt: "A loaf".into(),
        };
        mastodon
            .publish(&item, &[picture])
            .await
            .expect("published");

        let spec = spec();
        // The check itself catches what the API does not take.
        let statuses = &spec["paths"]["/api/v1/statuses"]["post"]["requestBody"]["content"]["application/json"]
            ["schema"];
        for wrong in [
            json!({ "status": "x", "visibility": "everyone" }),
            json!({ "status": "x", "colour": "red" }),
            json!({ "status": 7 }),
            json!({ "visibility": "public" }),
        ] {
            assert!(misfit(&spec, statuses, &wrong).is_some(), "{wrong} passed");
        }
        let requests = server.received_requests().await.expect("recorded");
        assert_eq!(requests.len(), 4);
        for request in &requests {
            let route = request.url.path();
            let verb = request.method.as_str().to_ascii_lowercase();
            let operation = &spec["paths"][route][&verb];
            assert!(operation.is_object(), "{verb} {route} is not in the API");
            let Some(body) = operation["requestBody"]["content"].as_object() else {
                continue;
            };
            if let Some(json) = body.get("application/json") {
                let sent: Value = serde_json::from_slice(&request.body).expect("a JSON body");
                assert_eq!(
                    misfit(&spec, &json["schema"], &sent),
                    None,
                    "{verb} {route}: {sent}"
                );
                for parameter in operation["parameters"].as_array().into_iter().flatten() {
                    if parameter["in"] == "header" {
                        let name = parameter["name"].as_str().unwrap_or_default();
                        assert!(request.headers.contains_key(name), "{route} without {name}");
                    }
                }
            } else if let Some(form) = body.get("multipart/form-data") {
                let schema = resolve(&spec, &form["schema"]);
                let fields = form_fields(request);
                for field in &fields {
                    assert!(
                        schema["properties"][field].is_object(),
                        "{route}: {field} is not in the API"
                    );
                }
                for field in schema["required"].as_array().into_iter().flatten() {
                    assert!(fields.iter().any(|f| field == f), "{route} without {field}");
                }
            }
        }
        let posted = requests
            .iter()
            .find(|r| r.url.path() == "/api/v1/statuses")
            .expect("a status");
        let status: Value = serde_json::from_slice(&posted.body).expect("the status");
        assert_eq!(status["status"], "خبز طازج 🍞\nhttps://rayyan.example");
        assert_eq!(status["media_ids"], json!(["m1"]));
    }

    #[tokio::test]
    async fn a_hashtag_search_reads_the_tag_timeline_as_the_api_describes_it() {
        let server = MockServer::start().await;
        let status = |id: &str, who: &str, html: &str, pictures: Value| {
            json!({
                "id": id,
                "url": format!("https://x/@{who}/{id}"),
                "content": html,
                "language": "ar",
                "created_at": "2026-12-01T08:00:00.000Z",
                "account": { "acct": who, "display_name": "", "url": format!("https://x/@{who}") },
                "media_attachments": pictures,
            })
        };
        Mock::given(method("GET"))
            .and(path("/api/v1/timelines/tag/RayyanBakery"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                status("110", "noor@other.example", "<p>فطور اليوم <a href=\"https://x/tags/rayyanbakery\">#RayyanBakery</a></p>",
                    json!([{ "type": "image", "url": "https://x/media/1.jpg", "description": "كرواسون" }])),
                status("109", "lina", "<p>Best bread &amp; tea</p>", json!([{ "type": "video", "url": "https://x/v.mp4" }])),
            ])))
            .mount(&server)
            .await;
        let mastodon = Mastodon::new(reqwest::Client::new(), server.uri(), "token".into());
        let search = SavedSearch {
            id: majlis_core::ugc::searches::SearchId(1),
            brand_id: majlis_core::brands::BrandId(1),
            kind: majlis_core::ugc::searches::SearchKind::Hashtag,
            query: "RayyanBakery".into(),
            last_run_at: None,
            found: 0,
        };
        let found = mastodon
            .search(&search, Some("100"))
            .await
            .expect("searched");
        assert_eq!(found.cursor.as_deref(), Some("110"));
        let (noor, pictures) = &found.items[0];
        assert_eq!(noor.creator.handle, "noor@other.example");
        assert_eq!(noor.creator.name, None);
        assert_eq!(noor.text, "فطور اليوم #RayyanBakery");
        assert_eq!(noor.remote_id.as_deref(), Some("110"));
        assert_eq!(pictures[0].urls, vec!["https://x/media/1.jpg".to_owned()]);
        assert_eq!(pictures[0].alt, "كرواسون");
        assert_eq!(found.items[1].0.text, "Best bread & tea");
        assert!(found.items[1].1.is_empty(), "videos are not pictures");

        let spec = spec();
        let operation = &spec["paths"]["/api/v1/timelines/tag/{hashtag}"]["get"];
        assert!(operation.is_object(), "the tag timeline is in the API");
        let known: Vec<&str> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["name"].as_str())
            .collect();
        let requests = server.received_requests().await.expect("recorded");
        for (name, _) in requests[0].url.query_pairs() {
            assert!(
                known.contains(&name.as_ref()),
                "{name} is not in the API ({known:?})"
            );
        }
    }
}

#[cfg(test)]
mod against_the_fake {
    //! Against `mastodon_mock` (tests/peers), a stateful fake of the API.

    use super::*;
    use crate::connectors::testing::outgoing;

    #[test]
    fn a_reply_goes_in_the_thread_of_the_status_it_answers() {
        let server = majlis_peers::Mastodon::start().expect("a Mastodon fake");
        let account = server.create_account("bakery").expect("account");
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let (top, reply) = runtime.block_on(async {
            let mastodon = Mastodon::new(
                reqwest::Client::new(),
                server.url.clone(),
                account.token.clone(),
            );
            let top = mastodon
                .publish(&outgoing("mastodon", None), &[])
                .await
                .expect("a status");
            let mut answer = outgoing("mastodon", None);
            answer.reply_to = Some(top.remote_id.clone());
            let reply = mastodon.publish(&answer, &[]).await.expect("a reply");
            (top, reply)
        });
        let context = server
            .get(
                &format!("/api/v1/statuses/{}/context", top.remote_id),
                Some(&account.token),
            )
            .expect("the thread");
        assert_eq!(context["descendants"][0]["id"], reply.remote_id.as_str());
        assert_eq!(
            context["descendants"][0]["in_reply_to_id"],
            top.remote_id.as_str()
        );
    }
}

#[cfg(test)]
mod slow {
    use super::*;
    use crate::connectors::testing::outgoing;

    #[test]
    fn an_instance_that_does_not_answer_in_time_is_tried_again() {
        let server = majlis_peers::Mastodon::start().expect("a Mastodon fake");
        let account = server.create_account("bakery").expect("account");
        server
            .inject_fault(
                &majlis_peers::MastodonFault::latency("/api/v1/statuses", Duration::from_secs(3))
                    .method("POST")
                    .times(1),
            )
            .expect("fault");
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let item = outgoing("mastodon", None);
        runtime.block_on(async {
            let impatient = reqwest::Client::builder()
                .timeout(Duration::from_millis(500))
                .build()
                .expect("client");
            let mastodon = Mastodon::new(impatient, server.url.clone(), account.token.clone());
            let timeout = mastodon.publish(&item, &[]).await;
            assert!(
                matches!(&timeout, Err(f @ Failure::Transient { .. }) if f.to_string().starts_with("Mastodon did not answer")),
                "{timeout:?}"
            );
            mastodon.publish(&item, &[]).await.expect("the next try");
        });
        assert_eq!(server.statuses(&account).expect("statuses").len(), 1);
    }
}
