//! Publishing through `majlis engine run --once`, against a real local Bluesky network
//! (Bluesky's own PDS and PLC, from `tests/peers`), on 127.0.0.1 only.

use std::path::Path;
use std::process::Command;

use majlis_peers::{Bluesky, BlueskyMode};
use serde_json::Value;

#[allow(dead_code)]
mod common;
use common::{PASSWORD, SECRET_VAR, bakery_with, connected_bakery, due_post, majlis, ok};

/// Whether `secret` is anywhere in the database's files (the write-ahead log too).
fn stored(data_dir: &Path, secret: &str) -> bool {
    ["majlis.db", "majlis.db-wal"].iter().any(|file| {
        std::fs::read(data_dir.join(file))
            .is_ok_and(|bytes| bytes.windows(secret.len()).any(|w| w == secret.as_bytes()))
    })
}

fn deliveries(data_dir: &Path) -> Vec<Value> {
    let posts: Vec<Value> = serde_json::from_str(&ok(
        data_dir,
        &["posts", "list", "--brand", "Rayyan Bakery", "--json"],
    ))
    .expect("JSON");
    posts
        .iter()
        .flat_map(|p| p["deliveries"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn a_due_post_goes_out_once_with_its_facets_picture_and_language() {
    let network = Bluesky::start(BlueskyMode::PdsOnly).expect("a local Bluesky network");
    let bakery = network
        .create_account("bakery.test", PASSWORD)
        .expect("account");
    let friend = network
        .create_account("noura.test", "noura-password")
        .expect("account");
    let data = tempfile::tempdir().expect("tempdir");
    connected_bakery(&network, data.path());
    let loaf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/assets/sample/tannour-loaf.png");
    let text = "خبز طازج 🍞👨‍👩‍👧 https://rayyan.example/menu مع @noura.test #مخبز_الريّان";
    due_post(
        data.path(),
        text,
        &[
            "--image",
            &loaf.display().to_string(),
            "--alt",
            "A tannour loaf",
        ],
    );

    let report = ok(data.path(), &["engine", "run", "--once"]);
    assert!(report.contains("published 1,"), "{report}");
    let posts = network.posts(&bakery.did).expect("records");
    assert_eq!(posts.len(), 1);
    let record = &posts[0]["value"];
    assert_eq!(record["text"], text);
    assert_eq!(record["langs"], serde_json::json!(["ar"]));
    // Each facet's byte range slices exactly its link, mention or tag out of the text.
    let bytes = text.as_bytes();
    let sliced: Vec<(String, Value)> = record["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .map(|f| {
            let (start, end) = (
                f["index"]["byteStart"].as_u64().expect("start"),
                f["index"]["byteEnd"].as_u64().expect("end"),
            );
            let slice = String::from_utf8(bytes[start as usize..end as usize].to_vec())
                .expect("on char boundaries");
            (slice, f["features"][0].clone())
        })
        .collect();
    assert_eq!(sliced[0].0, "https://rayyan.example/menu");
    assert_eq!(sliced[0].1["uri"], "https://rayyan.example/menu");
    assert_eq!(sliced[1].0, "@noura.test");
    assert_eq!(sliced[1].1["did"], friend.did.as_str());
    assert_eq!(sliced[2].0, "#مخبز_الريّان");
    assert_eq!(sliced[2].1["tag"], "مخبز_الريّان");
    assert_eq!(record["embed"]["images"][0]["alt"], "A tannour loaf");
    assert_eq!(
        record["embed"]["images"][0]["image"]["mimeType"],
        "image/png"
    );

    let delivery = &deliveries(data.path())[0];
    assert_eq!(delivery["status"], "published");
    let uri = posts[0]["uri"].as_str().expect("uri");
    assert_eq!(delivery["remote_id"], uri);
    let rkey = uri.rsplit('/').next().expect("rkey");
    assert_eq!(
        delivery["remote_url"],
        format!("https://bsky.app/profile/bakery.test/post/{rkey}")
    );

    // Nothing is due any more: a second run sends nothing.
    let again = ok(data.path(), &["engine", "run", "--once"]);
    assert!(again.contains("published 0,"), "{again}");
    assert_eq!(network.posts(&bakery.did).expect("records").len(), 1);
}

#[test]
fn an_attempt_cut_short_is_settled_without_a_second_copy() {
    let network = Bluesky::start(BlueskyMode::PdsOnly).expect("a local Bluesky network");
    let bakery = network
        .create_account("bakery.test", PASSWORD)
        .expect("account");
    let data = tempfile::tempdir().expect("tempdir");
    connected_bakery(&network, data.path());
    due_post(data.path(), "Fresh manakeesh at 9", &[]);
    ok(data.path(), &["engine", "run", "--once"]);
    assert_eq!(network.posts(&bakery.did).expect("records").len(), 1);

    // As if Majlis had been killed after Bluesky took the post and before it noted so;
    // and a second post killed after its claim, before anything was sent.
    let db = rusqlite::Connection::open(data.path().join("majlis.db")).expect("database");
    db.execute(
        "UPDATE deliveries SET status = 'publishing', attempt_id = 'killed.1'",
        [],
    )
    .expect("cut short");
    db.execute("UPDATE posts SET status = 'scheduled'", [])
        .expect("not yet out");
    due_post(data.path(), "Zaatar bread is back", &[]);
    db.execute(
        "UPDATE deliveries SET status = 'publishing', attempt_id = 'killed.1', attempts = 1,
                key = '3m2mxmsnqws22' WHERE status = 'pending'",
        [],
    )
    .expect("claimed, never sent");

    let report = ok(data.path(), &["engine", "run", "--once"]);
    assert!(report.contains("published 1,"), "{report}");
    let texts: Vec<String> = network
        .posts(&bakery.did)
        .expect("records")
        .iter()
        .map(|r| r["value"]["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.contains(&"Fresh manakeesh at 9".to_owned()));
    assert!(texts.contains(&"Zaatar bread is back".to_owned()));
    assert!(
        deliveries(data.path())
            .iter()
            .all(|d| d["status"] == "published")
    );
}

#[test]
fn a_wrong_app_password_is_refused_when_connecting() {
    let network = Bluesky::start(BlueskyMode::PdsOnly).expect("a local Bluesky network");
    network
        .create_account("bakery.test", "another-password")
        .expect("account");
    let data = tempfile::tempdir().expect("tempdir");
    bakery_with(
        data.path(),
        "bluesky",
        "Bakery on Bluesky",
        Some("bakery.test"),
    );
    let out = majlis(
        data.path(),
        &[
            "channel",
            "connect",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Bluesky",
            "--service",
            &network.pds,
            "--secret-env",
            SECRET_VAR,
        ],
    );
    assert!(!out.status.success());
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(
        error.contains(&format!(
            "Bluesky at {} did not accept these credentials (",
            network.pds
        )),
        "{error}"
    );
    let bad = majlis(
        data.path(),
        &[
            "channel",
            "connect",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Bluesky",
            "--service",
            "bsky dot social",
            "--secret-env",
            SECRET_VAR,
        ],
    );
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("\"bsky dot social\" is not a server address")
    );
}

#[test]
fn a_secret_from_standard_input_is_kept_in_the_desktop_keyring() {
    let network = Bluesky::start(BlueskyMode::PdsOnly).expect("a local Bluesky network");
    let bakery = network
        .create_account("bakery.test", PASSWORD)
        .expect("account");
    let keyring = majlis_peers::Keyring::start().expect("a desktop keyring");
    let data = tempfile::tempdir().expect("tempdir");
    let with_keyring = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_majlis"))
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .env_remove("MAJLIS_DATA_DIR")
            .env_remove(SECRET_VAR)
            .env("DBUS_SESSION_BUS_ADDRESS", &keyring.bus)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("majlis runs");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), stdin.as_bytes())
            .expect("secret written");
        let out = child.wait_with_output().expect("majlis ends");
        assert!(
            out.status.success(),
            "majlis {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    bakery_with(
        data.path(),
        "bluesky",
        "Bakery on Bluesky",
        Some("bakery.test"),
    );
    let connected = with_keyring(
        &[
            "channel",
            "connect",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Bluesky",
            "--service",
            &network.pds,
            "--secret-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(connected.contains("as @bakery.test"), "{connected}");
    // Nothing of the secret in the database.
    assert!(!stored(data.path(), PASSWORD));

    due_post(data.path(), "Kept in the keyring", &[]);
    let report = with_keyring(&["engine", "run", "--once"], "");
    assert!(report.contains("published 1,"), "{report}");
    assert_eq!(network.posts(&bakery.did).expect("records").len(), 1);

    // Disconnected, the secret is gone from the keyring: nothing more goes out there.
    with_keyring(
        &[
            "channel",
            "disconnect",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Bluesky",
        ],
        "",
    );
    due_post(data.path(), "After the disconnect", &[]);
    let report = with_keyring(&["engine", "run", "--once"], "");
    assert!(report.contains("failed 1,"), "{report}");
    let failed = deliveries(data.path())
        .into_iter()
        .find(|d| d["status"] == "failed")
        .expect("a failed delivery");
    assert!(
        failed["last_error"]
            .as_str()
            .unwrap_or_default()
            .contains("not connected"),
        "{failed}"
    );
    assert_eq!(network.posts(&bakery.did).expect("records").len(), 1);
}

#[test]
fn a_burst_killed_again_and_again_goes_out_exactly_once() {
    const BURST: usize = 200;
    let network = Bluesky::start(BlueskyMode::PdsOnly).expect("a local Bluesky network");
    let bakery = network
        .create_account("bakery.test", PASSWORD)
        .expect("account");
    let data = tempfile::tempdir().expect("tempdir");
    connected_bakery(&network, data.path());
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    let csv: String = (0..BURST)
        .map(|i| {
            format!(
                "{} {:02}:{:02},Burst post number {i}\n",
                tomorrow.format("%d/%m/%Y"),
                8 + i / 60,
                i % 60
            )
        })
        .collect();
    let file = data.path().join("burst.csv");
    std::fs::write(&file, csv).expect("csv");
    ok(
        data.path(),
        &[
            "import",
            "posts",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Bluesky",
            "--format",
            "hootsuite",
            "--date-order",
            "dmy",
            &file.display().to_string(),
        ],
    );
    let db = rusqlite::Connection::open(data.path().join("majlis.db")).expect("database");
    db.execute("UPDATE posts SET at = unixepoch() - 5", [])
        .expect("all due now");

    // Start the publisher and kill it (SIGKILL: no chance to tidy up) at several points.
    let mut published = Vec::new();
    for after_ms in [150, 300, 500, 800, 1200, 2000] {
        let mut engine = Command::new(env!("CARGO_BIN_EXE_majlis"))
            .arg("--data-dir")
            .arg(data.path())
            .args(["engine", "run"])
            .env(SECRET_VAR, PASSWORD)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("engine starts");
        std::thread::sleep(std::time::Duration::from_millis(after_ms));
        engine.kill().expect("killed");
        engine.wait().expect("reaped");
        published.push(network.posts(&bakery.did).expect("records").len());
    }
    assert!(
        published.iter().any(|&n| n > 0 && n < BURST),
        "no kill landed in the middle of the burst: {published:?}"
    );
    let report = ok(data.path(), &["engine", "run", "--once"]);
    let texts: Vec<String> = network
        .posts(&bakery.did)
        .expect("records")
        .iter()
        .map(|r| r["value"]["text"].as_str().unwrap_or_default().to_owned())
        .collect();
    let unique: std::collections::HashSet<&String> = texts.iter().collect();
    assert_eq!(
        (texts.len(), unique.len()),
        (BURST, BURST),
        "on the PDS after each kill: {published:?}; last run: {report}"
    );
    let statuses: Vec<Value> = deliveries(data.path())
        .iter()
        .map(|d| d["status"].clone())
        .collect();
    assert!(statuses.iter().all(|s| s == "published"), "{statuses:?}");
    eprintln!("records on the PDS after each kill: {published:?}");
}

/// A one-request HTTP receiver on 127.0.0.1: answers 204 and hands back the request.
fn receiver() -> (String, std::sync::mpsc::Receiver<String>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!(
        "http://{}/hooks/posts/token-9f3a",
        listener.local_addr().expect("address")
    );
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let mut request = Vec::new();
        let mut buffer = [0u8; 4096];
        // Headers, then as many body bytes as Content-Length says.
        loop {
            let Ok(n) = std::io::Read::read(&mut stream, &mut buffer) else {
                return;
            };
            request.extend_from_slice(&buffer[..n]);
            let text = String::from_utf8_lossy(&request).into_owned();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                    })
                    .unwrap_or(0);
                if body.len() >= length || n == 0 {
                    let _ = std::io::Write::write_all(
                        &mut stream,
                        b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
                    );
                    let _ = tx.send(text);
                    return;
                }
            }
        }
    });
    (url, rx)
}

#[test]
fn a_webhook_gets_the_post_as_json_with_its_key() {
    let data = tempfile::tempdir().expect("tempdir");
    let (url, received) = receiver();
    bakery_with(data.path(), "webhook", "Team chat", None);
    let connect = Command::new(env!("CARGO_BIN_EXE_majlis"))
        .arg("--data-dir")
        .arg(data.path())
        .args([
            "channel",
            "connect",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Team chat",
        ])
        .args(["--service", &url, "--secret-env", "MAJLIS_TEST_WEBHOOK"])
        .env("MAJLIS_TEST_WEBHOOK", &url)
        .output()
        .expect("majlis runs");
    assert!(
        connect.status.success(),
        "{}",
        String::from_utf8_lossy(&connect.stderr)
    );
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d 09:00")
        .to_string();
    ok(
        data.path(),
        &[
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Team chat",
            "--at",
            &tomorrow,
            "--text",
            "مناقيش طازجة الآن 🔥",
        ],
    );
    let db = rusqlite::Connection::open(data.path().join("majlis.db")).expect("database");
    db.execute("UPDATE posts SET at = unixepoch() - 5", [])
        .expect("due now");
    let run = Command::new(env!("CARGO_BIN_EXE_majlis"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["engine", "run", "--once"])
        .env("MAJLIS_TEST_WEBHOOK", &url)
        .output()
        .expect("majlis runs");
    assert!(
        String::from_utf8_lossy(&run.stdout).contains("published 1,"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let request = received
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the webhook was called");
    assert!(
        request.starts_with("POST /hooks/posts/token-9f3a HTTP/1.1"),
        "{request}"
    );
    let (head, body) = request.split_once("\r\n\r\n").expect("a body");
    let key = deliveries(data.path())[0]["remote_id"]
        .as_str()
        .expect("key")
        .to_owned();
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("idempotency-key: {key}")),
        "{head}"
    );
    let json: Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(json["text"], "مناقيش طازجة الآن 🔥");
    assert_eq!(json["id"], key.as_str());
}

#[test]
fn nothing_goes_out_while_publishing_is_paused_and_nothing_is_lost() {
    let network = Bluesky::start(BlueskyMode::PdsOnly).expect("a local Bluesky network");
    let bakery = network
        .create_account("bakery.test", PASSWORD)
        .expect("account");
    let data = tempfile::tempdir().expect("tempdir");
    connected_bakery(&network, data.path());
    due_post(data.path(), "Held back by the pause", &[]);
    ok(data.path(), &["engine", "pause"]);
    let paused = majlis(data.path(), &["engine", "run", "--once"]);
    assert!(!paused.status.success());
    assert!(String::from_utf8_lossy(&paused.stderr).contains("publishing is paused"));
    assert!(network.posts(&bakery.did).expect("records").is_empty());
    ok(data.path(), &["engine", "resume"]);
    let report = ok(data.path(), &["engine", "run", "--once"]);
    assert!(report.contains("published 1,"), "{report}");
    assert_eq!(network.posts(&bakery.did).expect("records").len(), 1);
}

mod mastodon {
    //! The same, to Mastodon: `mastodon_mock` (tests/peers), a stateful fake of the API.

    use majlis_peers::{Mastodon, MastodonFault};

    use super::*;

    use crate::common::{connected_mastodon_bakery, majlis_with};

    /// A bakery whose Mastodon channel is connected, with one post due now.
    fn bakery_with_a_due_post(server: &Mastodon, token: &str, data: &Path, extra: &[&str]) {
        connected_mastodon_bakery(server, token, data);
        let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
            .format("%Y-%m-%d 09:00")
            .to_string();
        let mut args = vec![
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Mastodon",
            "--at",
            &tomorrow,
            "--text",
            "Fresh tannour bread, out of the oven now",
        ];
        args.extend_from_slice(extra);
        ok(data, &args);
        let db = rusqlite::Connection::open(data.join("majlis.db")).expect("database");
        db.execute("UPDATE posts SET at = unixepoch() - 5", [])
            .expect("due now");
    }

    #[test]
    fn a_due_post_goes_out_with_its_picture_and_description() {
        let server = Mastodon::start().expect("a Mastodon fake");
        let account = server.create_account("bakery").expect("account");
        let data = tempfile::tempdir().expect("tempdir");
        let loaf =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/assets/sample/tannour-loaf.png");
        bakery_with_a_due_post(
            &server,
            &account.token,
            data.path(),
            &[
                "--image",
                &loaf.display().to_string(),
                "--alt",
                "A tannour loaf",
            ],
        );
        let report = majlis_with(data.path(), &account.token, &["engine", "run", "--once"]);
        assert!(report.contains("published 1,"), "{report}");
        let statuses = server.statuses(&account).expect("statuses");
        assert_eq!(statuses.len(), 1);
        assert!(
            statuses[0]["content"]
                .as_str()
                .unwrap_or_default()
                .contains("Fresh tannour bread")
        );
        assert_eq!(
            statuses[0]["media_attachments"][0]["description"],
            "A tannour loaf"
        );
        let delivery = &deliveries(data.path())[0];
        assert_eq!(delivery["status"], "published");
        assert_eq!(delivery["remote_id"], statuses[0]["id"]);
        assert_eq!(delivery["remote_url"], statuses[0]["url"]);
    }

    #[test]
    fn a_server_error_is_tried_again_and_a_revoked_token_fails_at_once() {
        let server = Mastodon::start().expect("a Mastodon fake");
        let account = server.create_account("bakery").expect("account");
        let data = tempfile::tempdir().expect("tempdir");
        bakery_with_a_due_post(&server, &account.token, data.path(), &[]);
        server
            .inject_fault(
                &MastodonFault::status("/api/v1/statuses", 500)
                    .method("POST")
                    .times(1),
            )
            .expect("fault");
        let report = majlis_with(data.path(), &account.token, &["engine", "run", "--once"]);
        assert!(report.contains("to retry 1,"), "{report}");
        let db = rusqlite::Connection::open(data.path().join("majlis.db")).expect("database");
        db.execute("UPDATE deliveries SET retry_at = unixepoch()", [])
            .expect("time passes");
        let report = majlis_with(data.path(), &account.token, &["engine", "run", "--once"]);
        assert!(report.contains("published 1,"), "{report}");

        let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
            .format("%Y-%m-%d 10:00")
            .to_string();
        ok(
            data.path(),
            &[
                "post",
                "add",
                "--brand",
                "Rayyan Bakery",
                "--channel",
                "Bakery on Mastodon",
                "--at",
                &tomorrow,
                "--text",
                "Second batch",
            ],
        );
        db.execute(
            "UPDATE posts SET at = unixepoch() - 5 WHERE body = 'Second batch'",
            [],
        )
        .expect("due now");
        server
            .inject_fault(&MastodonFault::status("/api/v1/statuses", 401).method("POST"))
            .expect("fault");
        let report = majlis_with(data.path(), &account.token, &["engine", "run", "--once"]);
        assert!(report.contains("failed 1,"), "{report}");
        let failed = deliveries(data.path())
            .into_iter()
            .find(|d| d["status"] == "failed")
            .expect("the second post failed");
        assert!(
            failed["last_error"]
                .as_str()
                .unwrap_or_default()
                .contains("reconnect the channel"),
            "{failed}"
        );
        assert_eq!(server.statuses(&account).expect("statuses").len(), 1);
    }

    #[test]
    fn the_instances_own_character_limit_is_read_when_connecting() {
        let server = Mastodon::start().expect("a Mastodon fake");
        let account = server.create_account("bakery").expect("account");
        let data = tempfile::tempdir().expect("tempdir");
        bakery_with_a_due_post(&server, &account.token, data.path(), &[]);
        let listed: Value = serde_json::from_str(&ok(
            data.path(),
            &["channel", "list", "--brand", "Rayyan Bakery", "--json"],
        ))
        .expect("JSON");
        assert_eq!(listed[0]["maxCharacters"], 500, "{listed}");
        let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
            .format("%Y-%m-%d 10:00")
            .to_string();
        let too_long = "ب".repeat(501);
        let out = majlis(
            data.path(),
            &[
                "post",
                "add",
                "--brand",
                "Rayyan Bakery",
                "--channel",
                "Bakery on Mastodon",
                "--at",
                &tomorrow,
                "--text",
                &too_long,
            ],
        );
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("501"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[test]
    fn a_rate_limit_is_waited_out_and_a_send_cut_short_is_not_doubled() {
        let server = Mastodon::start().expect("a Mastodon fake");
        let account = server.create_account("bakery").expect("account");
        let data = tempfile::tempdir().expect("tempdir");
        bakery_with_a_due_post(&server, &account.token, data.path(), &[]);
        server
            .inject_fault(
                &MastodonFault::rate_limit("/api/v1/statuses", 7)
                    .method("POST")
                    .times(1),
            )
            .expect("fault");
        let report = majlis_with(data.path(), &account.token, &["engine", "run", "--once"]);
        assert!(report.contains("to retry 1,"), "{report}");
        let delivery = &deliveries(data.path())[0];
        assert_eq!(delivery["status"], "pending");
        assert!(
            delivery["last_error"]
                .as_str()
                .unwrap_or_default()
                .contains("429"),
            "{delivery}"
        );
        let db = rusqlite::Connection::open(data.path().join("majlis.db")).expect("database");
        let wait: i64 = db
            .query_row("SELECT retry_at - unixepoch() FROM deliveries", [], |r| {
                r.get(0)
            })
            .expect("retry time");
        assert!(wait >= 6, "no sooner than Retry-After: {wait} s");
        // Too early: nothing goes. Then its time comes.
        let early = majlis_with(data.path(), &account.token, &["engine", "run", "--once"]);
        assert!(early.contains("published 0,"), "{early}");
        db.execute("UPDATE deliveries SET retry_at = unixepoch()", [])
            .expect("time passes");
        let report = majlis_with(data.path(), &account.token, &["engine", "run", "--once"]);
        assert!(report.contains("published 1,"), "{report}");

        // As if Majlis had been killed after Mastodon took it and before it noted so: it
        // is sent again with its key, and Mastodon answers with the same status.
        db.execute(
            "UPDATE deliveries SET status = 'publishing', attempt_id = 'killed.3'",
            [],
        )
        .expect("cut short");
        db.execute("UPDATE posts SET status = 'scheduled'", [])
            .expect("not yet out");
        let report = majlis_with(data.path(), &account.token, &["engine", "run", "--once"]);
        assert!(report.contains("published 1,"), "{report}");
        assert_eq!(server.statuses(&account).expect("statuses").len(), 1);
        assert_eq!(deliveries(data.path())[0]["status"], "published");
    }
}
