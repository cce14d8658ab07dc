//! How the connector reads a server that misbehaves. The real PDS (tests/peers, in the
//! CLI's tests) cannot be made to fail on cue, so these faults come from a local fake
//! that answers as XRPC does.

use std::time::Duration;

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::connectors::testing::outgoing;

fn bluesky(server: &MockServer, timeout: Duration) -> Bluesky {
    let http = reqwest::Client::builder()
        .timeout(timeout)
        .build()
        .expect("client");
    Bluesky::new(
        http,
        Login {
            service: server.uri(),
            web: "https://bsky.app".into(),
            identifier: "bakery.test".into(),
            password: "app-password".into(),
        },
    )
}

async fn logged_in() -> MockServer {
    let server = MockServer::start().await;
    let session = json!({
        "accessJwt": "access-1", "refreshJwt": "refresh-1",
        "did": "did:plc:bakery", "handle": "bakery.test",
    });
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.server.createSession"))
        .respond_with(ResponseTemplate::new(200).set_body_json(session))
        .mount(&server)
        .await;
    server
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({ "uri": "at://did:plc:bakery/app.bsky.feed.post/x", "cid": "bafy" }))
}

#[tokio::test]
async fn too_many_requests_is_tried_again_no_sooner_than_retry_after() {
    let server = logged_in().await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.repo.putRecord"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "7")
                .set_body_json(
                    json!({ "error": "RateLimitExceeded", "message": "Rate Limit Exceeded" }),
                ),
        )
        .mount(&server)
        .await;
    let failure = bluesky(&server, Duration::from_secs(5))
        .publish(&outgoing("bluesky", Some("bakery.test")), &[])
        .await;
    assert_eq!(
        failure,
        Err(Failure::Transient {
            reason: Reason::Answered {
                network: ChannelKind::Bluesky,
                status: 429,
                detail: "Rate Limit Exceeded".into()
            },
            after: Some(Duration::from_secs(7)),
        })
    );
}

#[tokio::test]
async fn a_server_error_is_tried_again_and_the_next_try_goes_through() {
    let server = logged_in().await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.repo.putRecord"))
        .respond_with(
            ResponseTemplate::new(500).set_body_json(json!({ "error": "InternalServerError" })),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.repo.putRecord"))
        .respond_with(created())
        .mount(&server)
        .await;
    let connector = bluesky(&server, Duration::from_secs(5));
    let item = outgoing("bluesky", Some("bakery.test"));
    assert!(matches!(
        connector.publish(&item, &[]).await,
        Err(Failure::Transient { after: None, .. })
    ));
    let receipt = connector.publish(&item, &[]).await.expect("the second try");
    assert_eq!(
        receipt.remote_id,
        format!("at://did:plc:bakery/app.bsky.feed.post/{}", item.key)
    );
    assert_eq!(
        receipt.remote_url,
        Some(format!(
            "https://bsky.app/profile/bakery.test/post/{}",
            item.key
        ))
    );
}

#[tokio::test]
async fn an_expired_session_is_refreshed_once_and_the_post_goes_out() {
    let server = logged_in().await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.repo.putRecord"))
        .and(wiremock::matchers::header(
            "authorization",
            "Bearer access-1",
        ))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({ "error": "ExpiredToken", "message": "Token has expired" })),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.server.refreshSession"))
        .and(wiremock::matchers::header(
            "authorization",
            "Bearer refresh-1",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "accessJwt": "access-2", "refreshJwt": "refresh-2",
            "did": "did:plc:bakery", "handle": "bakery.test",
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.repo.putRecord"))
        .and(wiremock::matchers::header(
            "authorization",
            "Bearer access-2",
        ))
        .respond_with(created())
        .mount(&server)
        .await;
    bluesky(&server, Duration::from_secs(5))
        .publish(&outgoing("bluesky", Some("bakery.test")), &[])
        .await
        .expect("published after a refresh");
}

#[tokio::test]
async fn a_refused_password_fails_at_once_with_what_to_do() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.server.createSession"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "AuthenticationRequired", "message": "Invalid identifier or password",
        })))
        .mount(&server)
        .await;
    let failure = bluesky(&server, Duration::from_secs(5))
        .publish(&outgoing("bluesky", Some("bakery.test")), &[])
        .await;
    assert_eq!(
        failure,
        Err(Failure::Permanent(Reason::Credentials {
            network: ChannelKind::Bluesky,
            account: Some("bakery.test".into()),
            detail: "Invalid identifier or password".into()
        }))
    );
}

#[tokio::test]
async fn a_server_that_does_not_answer_in_time_is_tried_again() {
    let server = logged_in().await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.repo.putRecord"))
        .respond_with(created().set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let failure = bluesky(&server, Duration::from_millis(500))
        .publish(&outgoing("bluesky", Some("bakery.test")), &[])
        .await;
    assert!(
        matches!(&failure, Err(f @ Failure::Transient { .. }) if f.to_string().starts_with("Bluesky did not answer")),
        "{failure:?}"
    );
}

/// Replies against Bluesky's own PDS (tests/peers): a reply names the post it answers
/// as its parent and the thread's first post as its root, however deep.
#[test]
fn a_reply_names_its_parent_and_the_threads_root_on_a_real_pds() {
    let network =
        majlis_peers::Bluesky::start(majlis_peers::BlueskyMode::PdsOnly).expect("a local PDS");
    let account = network
        .create_account("bakery.test", "app-password")
        .expect("account");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let bluesky = Bluesky::new(
            reqwest::Client::new(),
            Login {
                service: network.pds.clone(),
                web: "https://bsky.app".into(),
                identifier: "bakery.test".into(),
                password: "app-password".into(),
            },
        );
        let first = outgoing("bluesky", Some("bakery.test"));
        let top = bluesky.publish(&first, &[]).await.expect("the first post");
        let mut answer = outgoing("bluesky", Some("bakery.test"));
        answer.reply_to = Some(top.remote_id.clone());
        let reply = bluesky.publish(&answer, &[]).await.expect("a reply");
        let mut deeper = outgoing("bluesky", Some("bakery.test"));
        deeper.reply_to = Some(reply.remote_id.clone());
        let deepest = bluesky
            .publish(&deeper, &[])
            .await
            .expect("a reply to the reply");

        let record = |uri: &str| {
            let rkey = uri.rsplit('/').next().unwrap_or_default().to_owned();
            network
                .xrpc_get(
                    "com.atproto.repo.getRecord",
                    None,
                    &[
                        ("repo", account.did.as_str()),
                        ("collection", "app.bsky.feed.post"),
                        ("rkey", rkey.as_str()),
                    ],
                )
                .expect("the record")
        };
        let second = record(&reply.remote_id);
        assert_eq!(
            second["value"]["reply"]["parent"]["uri"],
            top.remote_id.as_str()
        );
        assert_eq!(
            second["value"]["reply"]["root"]["uri"],
            top.remote_id.as_str()
        );
        assert_eq!(
            second["value"]["reply"]["parent"]["cid"],
            record(&top.remote_id)["cid"]
        );
        let third = record(&deepest.remote_id);
        assert_eq!(
            third["value"]["reply"]["parent"]["uri"],
            reply.remote_id.as_str()
        );
        assert_eq!(
            third["value"]["reply"]["root"]["uri"],
            top.remote_id.as_str()
        );
    });
}
