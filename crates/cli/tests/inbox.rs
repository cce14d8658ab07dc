//! The inbox from a terminal, against a real local Bluesky network (PLC, PDS and the
//! AppView that serves notifications and threads, from `tests/peers`), on 127.0.0.1
//! only: a follower's reply and mention come in with their thread, and the answer
//! goes back as a threaded reply.

use std::path::Path;
use std::time::{Duration, Instant};

use majlis_peers::{Bluesky, BlueskyMode, PostExtras};
use serde_json::{Value, json};

#[allow(dead_code)]
mod common;
use common::{PASSWORD, bakery_with, connected_bakery, due_post, indexed, majlis, ok};

fn inbox(data_dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["inbox", "list", "--brand", "Rayyan Bakery", "--json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&ok(data_dir, &args)).expect("JSON")
}

/// Runs the engine once at a time until the inbox holds `count` interactions: the
/// AppView indexes what is posted a moment later (longer when the machine is busy with
/// other tests).
fn poll_until(data_dir: &Path, count: usize) -> Vec<Value> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        ok(data_dir, &["engine", "run", "--once"]);
        let items = inbox(data_dir, &["--status", "all"]);
        if items.len() >= count || Instant::now() > deadline {
            return items;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[test]
fn a_reply_and_a_mention_come_in_with_their_thread_and_the_answer_goes_back_threaded() {
    let network = Bluesky::start(BlueskyMode::Full).expect("a local Bluesky network");
    let bakery = network
        .create_account("bakery.test", PASSWORD)
        .expect("account");
    let sara = network
        .create_account("sara.test", "sara-password")
        .expect("account");
    let data = tempfile::tempdir().expect("tempdir");
    connected_bakery(&network, data.path());
    due_post(data.path(), "خبز التنور طازج اليوم", &[]);
    ok(data.path(), &["engine", "run", "--once"]);
    let ours = &network.posts(&bakery.did).expect("records")[0];
    let parent = json!({ "uri": ours["uri"], "cid": ours["cid"] });
    // Sara answers a post she has seen: one the AppView has indexed. (A reply to a post
    // it has not indexed yet gets no notification at all: seen on a busy machine.)
    let uri = ours["uri"].as_str().expect("uri");
    indexed(
        &network,
        &bakery,
        "app.bsky.feed.getPosts",
        &[("uris", uri)],
        "posts",
    );

    let question = network
        .post(
            &sara,
            "متى تفتحون يوم الجمعة؟",
            PostExtras {
                reply_to: Some(&parent),
                language: Some("ar"),
                ..PostExtras::default()
            },
        )
        .expect("a reply");
    network
        .post(
            &sara,
            "@bakery.test the bread was stale this morning",
            PostExtras {
                mentioning: Some(&bakery),
                ..PostExtras::default()
            },
        )
        .expect("a mention");

    let items = poll_until(data.path(), 2);
    assert_eq!(
        items.len(),
        2,
        "the inbox: {items:#?}\nwhat the AppView notifies: {:#}",
        network
            .xrpc_get(
                "app.bsky.notification.listNotifications",
                Some(&bakery.access_jwt),
                &[]
            )
            .unwrap_or_default()
    );
    let reply = items
        .iter()
        .find(|i| i["source"] == "reply")
        .expect("the reply came in");
    assert_eq!(reply["remoteId"], question["uri"]);
    assert_eq!(reply["author"]["handle"], "sara.test");
    assert_eq!(reply["kind"], "question");
    assert_eq!(reply["language"], "ar");
    assert_eq!(reply["parentText"], "خبز التنور طازج اليوم");
    assert!(reply["postId"].is_number(), "linked to the post it answers");
    assert!(reply["deadline"].is_string());
    let mention = items
        .iter()
        .find(|i| i["source"] == "mention")
        .expect("the mention came in");
    assert_eq!(
        (&mention["kind"], &mention["priority"]),
        (&json!("complaint"), &json!("high"))
    );

    // Polling again brings nothing twice.
    ok(data.path(), &["engine", "run", "--once"]);
    assert_eq!(inbox(data.path(), &["--status", "all"]).len(), 2);

    let id = reply["id"].to_string();
    let answered = ok(
        data.path(),
        &["inbox", "reply", &id, "--text", "نفتح الجمعة من ٤ العصر 🌙"],
    );
    assert!(
        answered.contains("https://bsky.app/profile/bakery.test/post/"),
        "{answered}"
    );
    let records = network.posts(&bakery.did).expect("records");
    let sent = records
        .iter()
        .find(|r| r["value"]["text"] == "نفتح الجمعة من ٤ العصر 🌙")
        .expect("the answer is on the PDS");
    assert_eq!(sent["value"]["reply"]["parent"]["uri"], question["uri"]);
    assert_eq!(sent["value"]["reply"]["root"]["uri"], ours["uri"]);
    let replied = inbox(data.path(), &["--status", "replied"]);
    assert_eq!(replied.len(), 1);
    assert!(replied[0]["firstResponseAt"].is_string());
    assert_eq!(
        inbox(data.path(), &[]).len(),
        1,
        "only the mention still waits"
    );

    // The bakery's own answer is not news to it.
    ok(data.path(), &["engine", "run", "--once"]);
    assert_eq!(inbox(data.path(), &["--status", "all"]).len(), 2);
}

#[test]
fn interactions_typed_in_or_imported_get_deadlines_and_bad_files_are_refused_whole() {
    let data = tempfile::tempdir().expect("tempdir");
    bakery_with(data.path(), "instagram", "Bakery on Instagram", None);
    let added = ok(
        data.path(),
        &[
            "inbox",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Instagram",
            "--author",
            "@lina",
            "--text",
            "الطلب لم يصل",
            "--at",
            "2026-11-29 10:00",
        ],
    );
    assert!(
        added.contains("(complaint, due 2026-11-29 10:30)"),
        "{added}"
    );
    let overdue = inbox(data.path(), &["--overdue"]);
    assert_eq!(overdue.len(), 1, "its half hour has long passed");

    let file = data.path().join("comments.csv");
    std::fs::write(
        &file,
        "author,text,received_at,url,status,replied_at\n\
         omar,How much is the box?,2026-11-28 09:00,https://instagram.com/p/a,replied,2026-11-28 09:20\n\
         huda,Love it,2026-11-28 10:00,https://instagram.com/p/b,,\n",
    )
    .expect("write");
    let imported = ok(
        data.path(),
        &[
            "inbox",
            "import",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Instagram",
            &file.display().to_string(),
        ],
    );
    assert!(imported.contains("imported 2 interactions"), "{imported}");
    assert_eq!(inbox(data.path(), &["--status", "all"]).len(), 3);

    std::fs::write(&file, "author,text,received_at\nomar,hi,someday\n").expect("write");
    let refused = majlis(
        data.path(),
        &[
            "inbox",
            "import",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Instagram",
            &file.display().to_string(),
        ],
    );
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("comments.csv:2: received_at \"someday\" is not a date and time"),
        "{stderr}"
    );

    let answer = majlis(data.path(), &["inbox", "reply", "1", "--text", "Sorry!"]);
    assert!(!answer.status.success());
    assert!(
        String::from_utf8_lossy(&answer.stderr).contains("cannot answer on Instagram"),
        "{}",
        String::from_utf8_lossy(&answer.stderr)
    );
    let bad_status = majlis(
        data.path(),
        &[
            "inbox",
            "list",
            "--brand",
            "Rayyan Bakery",
            "--status",
            "later",
        ],
    );
    assert!(String::from_utf8_lossy(&bad_status.stderr).contains("\"later\" is not a status"));
}

#[test]
fn mastodon_mentions_come_in_as_text_and_the_answer_mentions_its_author() {
    use common::{connected_mastodon_bakery, majlis_with};
    let server = majlis_peers::Mastodon::start().expect("a Mastodon fake");
    let bakery = server.create_account("bakery").expect("account");
    let sara = server.create_account("sara").expect("account");
    let data = tempfile::tempdir().expect("tempdir");
    connected_mastodon_bakery(&server, &bakery.token, data.path());
    let ours = server
        .post_json(
            "/api/v1/statuses",
            Some(&bakery.token),
            &json!({ "status": "Fresh tannour bread, out of the oven now" }),
        )
        .expect("our status");
    server
        .post_json(
            "/api/v1/statuses",
            Some(&sara.token),
            &json!({ "status": "@bakery is it still warm? & <b>hot</b>", "in_reply_to_id": ours["id"] }),
        )
        .expect("a reply");
    let question = server
        .post_json(
            "/api/v1/statuses",
            Some(&sara.token),
            &json!({ "status": "@bakery متى تفتحون؟" }),
        )
        .expect("a mention");

    majlis_with(data.path(), &bakery.token, &["engine", "run", "--once"]);
    majlis_with(data.path(), &bakery.token, &["engine", "run", "--once"]);
    let items = inbox(data.path(), &["--status", "all"]);
    assert_eq!(items.len(), 2, "{items:#?}");
    let reply = items
        .iter()
        .find(|i| i["source"] == "reply")
        .expect("the reply");
    assert_eq!(reply["text"], "@bakery is it still warm? & <b>hot</b>");
    assert_eq!(
        reply["parentText"],
        "Fresh tannour bread, out of the oven now"
    );
    assert_eq!(reply["author"]["handle"], "sara");
    let mention = items
        .iter()
        .find(|i| i["source"] == "mention")
        .expect("the mention");
    assert_eq!(mention["kind"], "question");

    let id = mention["id"].to_string();
    majlis_with(
        data.path(),
        &bakery.token,
        &["inbox", "reply", &id, "--text", "من ٧ صباحًا"],
    );
    let statuses = server.statuses(&bakery).expect("statuses");
    let answer = statuses
        .iter()
        .find(|s| s["in_reply_to_id"] == question["id"])
        .expect("the answer, in the thread");
    let content = answer["content"].as_str().unwrap_or_default();
    assert!(
        content.contains("@") && content.contains("sara") && content.contains("من ٧ صباحًا"),
        "{content}"
    );
}
