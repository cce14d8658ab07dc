//! The local Bluesky network works end to end, in both modes: accounts, posts written
//! and read back from the PDS, and (full mode) mentions indexed by the AppView into
//! notifications. Also: its loopback preload keeps a Node process on 127.0.0.1.

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use majlis_peers::{Account, Bluesky, BlueskyMode};
use serde_json::{Value, json};

/// Posts `record` for `author` with `com.atproto.repo.createRecord` and returns its
/// AT URI.
fn create_post(network: &Bluesky, author: &Account, record: &Value) -> Result<String> {
    let created = network.xrpc_post(
        "com.atproto.repo.createRecord",
        Some(&author.access_jwt),
        &json!({ "repo": author.did, "collection": "app.bsky.feed.post", "record": record }),
    )?;
    created["uri"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("createRecord answered without a uri: {created}"))
}

/// Writes a post and reads it back, as anyone (getRecord needs no login).
fn post_round_trip(network: &Bluesky) -> Result<()> {
    let alice = network.create_account("alice.test", "alice-password")?;
    ensure!(alice.did.starts_with("did:plc:"), "{alice:?}");
    ensure!(alice.handle == "alice.test", "{alice:?}");

    let text = "Hello from Majlis 👋";
    let uri = create_post(
        network,
        &alice,
        &json!({
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": "2026-01-01T12:00:00.000Z",
        }),
    )?;
    let rkey = uri.rsplit('/').next().context("uri without a record key")?;
    ensure!(
        uri == format!("at://{}/app.bsky.feed.post/{rkey}", alice.did),
        "unexpected uri {uri}"
    );

    let got = network.xrpc_get(
        "com.atproto.repo.getRecord",
        None,
        &[
            ("repo", &alice.did),
            ("collection", "app.bsky.feed.post"),
            ("rkey", rkey),
        ],
    )?;
    ensure!(got["uri"] == uri.as_str(), "{got}");
    ensure!(got["value"]["text"] == text, "{got}");
    Ok(())
}

#[test]
fn pds_only_network_stores_and_serves_posts() -> Result<()> {
    let started = Instant::now();
    let network = Bluesky::start(BlueskyMode::PdsOnly)?;
    eprintln!(
        "pds-only network up in {:?}: {network:?}",
        started.elapsed()
    );
    ensure!(network.appview.is_none());
    ensure!(
        network.pds.starts_with("http://127.0.0.1:"),
        "{}",
        network.pds
    );
    post_round_trip(&network)
}

#[test]
fn full_network_notifies_mentions() -> Result<()> {
    let started = Instant::now();
    let network = Bluesky::start(BlueskyMode::Full)?;
    eprintln!("full network up in {:?}: {network:?}", started.elapsed());
    ensure!(
        network
            .appview
            .as_deref()
            .is_some_and(|url| url.starts_with("http://127.0.0.1:"))
    );
    post_round_trip(&network)?;

    let bob = network.create_account("bob.test", "bob-password")?;
    let carol = network.create_account("carol.test", "carol-password")?;
    let text = "hi @bob.test";
    let mention = text.find("@bob.test").context("no mention")?;
    let uri = create_post(
        &network,
        &carol,
        &json!({
            "$type": "app.bsky.feed.post",
            "text": text,
            "createdAt": "2026-01-01T12:00:00.000Z",
            "facets": [{
                "index": { "byteStart": mention, "byteEnd": text.len() },
                "features": [{ "$type": "app.bsky.richtext.facet#mention", "did": bob.did }],
            }],
        }),
    )?;

    // The AppView indexes the PDS' firehose on its own, within a second here: poll.
    let posted = Instant::now();
    let deadline = posted + Duration::from_secs(20);
    loop {
        // Through the PDS, which proxies app.bsky.* to the AppView, as for a real user.
        let answer = network.xrpc_get(
            "app.bsky.notification.listNotifications",
            Some(&bob.access_jwt),
            &[],
        )?;
        let notifications = answer["notifications"]
            .as_array()
            .context("no notifications")?;
        if let Some(found) = notifications.iter().find(|n| n["uri"] == uri.as_str()) {
            ensure!(found["reason"] == "mention", "{found}");
            ensure!(found["author"]["did"] == carol.did.as_str(), "{found}");
            ensure!(found["record"]["text"] == text, "{found}");
            eprintln!("mention indexed in {:?}", posted.elapsed());
            return Ok(());
        }
        ensure!(
            Instant::now() < deadline,
            "no mention notification after 20 s: {answer}"
        );
        thread::sleep(Duration::from_millis(100));
    }
}

/// `loopback.cjs` pins servers to 127.0.0.1 and refuses other names and addresses.
/// Nothing here can leave the machine even if it failed: the name is in `.invalid`
/// and 0.0.0.0 means this host.
#[test]
fn loopback_preload_pins_listen_and_refuses_other_hosts() -> Result<()> {
    let script = r#"
        const net = require('node:net');
        const dns = require('node:dns');
        const out = {};
        const server = net.createServer().listen(0, () => {
          out.listen = server.address().address;
          dns.lookup('peer.invalid', (err) => {
            out.lookup = err && err.message;
            const socket = net.connect(9, '0.0.0.0');
            socket.on('error', (err) => {
              out.connect = err.message;
              dns.lookup('localhost', { family: 4 }, (err, address) => {
                out.localhost = address;
                console.log(JSON.stringify(out));
                server.close();
              });
            });
          });
        });
    "#;
    let preload = Path::new(env!("CARGO_MANIFEST_DIR")).join("bluesky/loopback.cjs");
    let output = Command::new("node")
        .arg("--require")
        .arg(preload)
        .args(["-e", script])
        .output()
        .context("running node")?;
    ensure!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out: Value = serde_json::from_slice(&output.stdout)?;
    ensure!(out["listen"] == "127.0.0.1", "{out}");
    ensure!(out["localhost"] == "127.0.0.1", "{out}");
    for key in ["lookup", "connect"] {
        let message = out[key].as_str().unwrap_or_default();
        ensure!(
            message.contains("[loopback.cjs]"),
            "{key} was not refused: {out}"
        );
    }
    Ok(())
}
