//! The Mastodon peer (`mastodon_mock`) does what the Mastodon connector's tests will
//! lean on: `Idempotency-Key` on posting, injected rate limits with `Retry-After`,
//! the instance's limits, and mentions, replies, threads and media.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use majlis_peers::{Mastodon, MastodonAccount, MastodonFault};
use serde_json::{Value, json};

/// A plain HTTP client that hands back every status as it is, as a connector's own
/// would see it.
fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .new_agent()
}

/// `POST /api/v1/statuses` as `account`, with an `Idempotency-Key` if given; the
/// status code, the `Retry-After` header and the JSON body of the answer.
fn post_status(
    server: &Mastodon,
    account: &MastodonAccount,
    body: &Value,
    idempotency_key: Option<&str>,
) -> Result<(u16, Option<String>, Value)> {
    let mut request = client()
        .post(format!("{}/api/v1/statuses", server.url))
        .header("authorization", format!("Bearer {}", account.token));
    if let Some(key) = idempotency_key {
        request = request.header("idempotency-key", key);
    }
    let mut response = request.send_json(body)?;
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response.body_mut().read_json()?;
    Ok((status, retry_after, body))
}

fn start() -> Result<Mastodon> {
    let started = Instant::now();
    let server = Mastodon::start()?;
    eprintln!("mastodon_mock up in {:?}: {server:?}", started.elapsed());
    ensure!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    Ok(server)
}

#[test]
fn idempotency_rate_limits_and_instance_limits() -> Result<()> {
    let server = start()?;
    let alice = server.create_account("alice")?;
    ensure!(alice.username == "alice", "{alice:?}");
    let me = server.get("/api/v1/accounts/verify_credentials", Some(&alice.token))?;
    ensure!(me["id"] == alice.id.as_str(), "{me}");

    // The same Idempotency-Key twice: one status, answered twice.
    let hello = json!({ "status": "Hello from Majlis 👋", "visibility": "public" });
    let (first_code, _, first) = post_status(&server, &alice, &hello, Some("majlis-1"))?;
    let (second_code, _, second) = post_status(&server, &alice, &hello, Some("majlis-1"))?;
    ensure!(
        first_code == 200 && second_code == 200,
        "{first} / {second}"
    );
    ensure!(
        first["id"].is_string() && first["id"] == second["id"],
        "{first} / {second}"
    );
    let posted = server.statuses(&alice)?;
    ensure!(posted.len() == 1, "one status expected: {posted:?}");
    ensure!(
        posted[0]["content"] == "<p>Hello from Majlis 👋</p>",
        "{}",
        posted[0]
    );

    // A 429 with Retry-After on the next post only; the one after goes through.
    let rule = server.inject_fault(
        &MastodonFault::rate_limit("/api/v1/statuses", 7)
            .method("POST")
            .times(1),
    )?;
    let active = server.faults()?;
    ensure!(
        active.len() == 1 && active[0]["id"] == rule.as_str(),
        "{active:?}"
    );
    ensure!(active[0]["remaining"] == 1, "{active:?}");
    let again = json!({ "status": "second" });
    let (code, retry_after, error) = post_status(&server, &alice, &again, Some("majlis-2"))?;
    ensure!(code == 429, "{code}: {error}");
    ensure!(retry_after.as_deref() == Some("7"), "{retry_after:?}");
    ensure!(error["error"] == "Too many requests", "{error}");
    ensure!(server.faults()?.is_empty(), "the rule should be spent");
    // Rejected before the API saw it: the retry with the same key makes the status.
    let (code, retry_after, second) = post_status(&server, &alice, &again, Some("majlis-2"))?;
    ensure!(code == 200 && retry_after.is_none(), "{code}: {second}");
    ensure!(server.statuses(&alice)?.len() == 2);

    // Other effects, for the record: a forced 503, then a body that is not JSON.
    server.inject_fault(&MastodonFault::status("/api/v2/instance", 503).times(1))?;
    let error = server
        .get("/api/v2/instance", None)
        .err()
        .context("a 503 expected")?;
    ensure!(format!("{error:#}").contains("503"), "{error:#}");
    server.inject_fault(&MastodonFault::malformed("/api/v2/instance"))?;
    ensure!(server.get("/api/v2/instance", None).is_err());
    server.clear_faults()?;

    let instance = server.get("/api/v2/instance", None)?;
    let statuses = &instance["configuration"]["statuses"];
    let max_characters = statuses["max_characters"]
        .as_u64()
        .with_context(|| format!("no max_characters: {instance}"))?;
    println!(
        "mastodon_mock {}: max_characters {max_characters}, max_media_attachments {}, \
         characters_reserved_per_url {}",
        instance["version"],
        statuses["max_media_attachments"],
        statuses["characters_reserved_per_url"],
    );
    ensure!(max_characters == 500, "{instance}");
    let (code, _, error) =
        post_status(&server, &alice, &json!({ "status": "a".repeat(501) }), None)?;
    ensure!(code == 422, "over-long status not refused: {code} {error}");
    Ok(())
}

#[test]
fn mentions_replies_threads_and_media() -> Result<()> {
    let server = start()?;
    let alice = server.create_account("alice")?;
    let bob = server.create_account("bob")?;
    ensure!(
        server.create_account("bob").is_err(),
        "usernames are unique"
    );

    // Media: multipart upload, then attached to a status.
    let boundary = "majlis-boundary";
    let mut upload = Vec::new();
    upload.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n\
             A red pixel\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
             filename=\"pixel.png\"\r\nContent-Type: image/png\r\n\r\n"
        )
        .as_bytes(),
    );
    upload.extend_from_slice(b"\x89PNG\r\n\x1a\n not really");
    upload.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let mut response = client()
        .post(format!("{}/api/v2/media", server.url))
        .header("authorization", format!("Bearer {}", alice.token))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .send(&upload[..])?;
    let media: Value = response.body_mut().read_json()?;
    ensure!(response.status() == 200, "{media}");
    ensure!(
        media["type"] == "image" && media["description"] == "A red pixel",
        "{media}"
    );

    let (code, _, root) = post_status(
        &server,
        &alice,
        &json!({ "status": "hi @bob, a picture", "media_ids": [media["id"]] }),
        None,
    )?;
    ensure!(code == 200, "{root}");
    ensure!(root["media_attachments"][0]["id"] == media["id"], "{root}");
    ensure!(root["mentions"][0]["id"] == bob.id.as_str(), "{root}");

    let (code, _, reply) = post_status(
        &server,
        &bob,
        &json!({ "status": "@alice nice", "in_reply_to_id": root["id"] }),
        None,
    )?;
    ensure!(code == 200, "{reply}");
    ensure!(reply["in_reply_to_id"] == root["id"], "{reply}");

    let mentioned = server.notifications(&bob)?;
    ensure!(
        mentioned.len() == 1
            && mentioned[0]["type"] == "mention"
            && mentioned[0]["status"]["id"] == root["id"]
            && mentioned[0]["account"]["id"] == alice.id.as_str(),
        "{mentioned:?}"
    );
    let replied = server.notifications(&alice)?;
    ensure!(
        replied
            .iter()
            .any(|n| n["type"] == "mention" && n["status"]["id"] == reply["id"]),
        "{replied:?}"
    );

    let root_id = root["id"].as_str().context("no id")?;
    let context = server.get(&format!("/api/v1/statuses/{root_id}/context"), None)?;
    ensure!(context["ancestors"] == json!([]), "{context}");
    ensure!(context["descendants"][0]["id"] == reply["id"], "{context}");
    let reply_id = reply["id"].as_str().context("no id")?;
    let context = server.get(&format!("/api/v1/statuses/{reply_id}/context"), None)?;
    ensure!(context["ancestors"][0]["id"] == root["id"], "{context}");
    Ok(())
}
