//! Featuring the community from a terminal, against a real local Bluesky network (PLC,
//! PDS and AppView from `tests/peers`, on 127.0.0.1 only): a follower's photo with the
//! brand's hashtag is found by a saved search, the rights request goes out as a reply,
//! the follower's "#YesRayyanBakery" grants it with its evidence, and the repost goes out
//! with the photo and the credit line. Without permission, nothing is scheduled.

use std::path::Path;
use std::time::{Duration, Instant};

use majlis_peers::{Bluesky, BlueskyMode, PostExtras};
use serde_json::{Value, json};

#[allow(dead_code)]
mod common;
use common::{PASSWORD, connected_bakery, indexed, majlis, ok};

/// A 640×480 JPEG, as a phone would post it.
fn photo() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .expect("encoded");
    bytes
}

fn board(data_dir: &Path) -> Vec<Value> {
    serde_json::from_str(&ok(
        data_dir,
        &["ugc", "list", "--brand", "Rayyan Bakery", "--json"],
    ))
    .expect("JSON")
}

fn shown(data_dir: &Path, id: &str) -> Value {
    serde_json::from_str(&ok(data_dir, &["ugc", "show", id, "--json"])).expect("JSON")
}

#[test]
fn a_found_photo_is_asked_for_granted_by_hashtag_and_reposted_with_credit() {
    let network = Bluesky::start(BlueskyMode::Full).expect("a local Bluesky network");
    let bakery = network
        .create_account("bakery.test", PASSWORD)
        .expect("account");
    let sara = network
        .create_account("sara.test", "sara-password")
        .expect("account");
    let data = tempfile::tempdir().expect("tempdir");
    connected_bakery(&network, data.path());
    let saved = ok(
        data.path(),
        &[
            "ugc",
            "search",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--hashtag",
            "#RayyanBakery",
        ],
    );
    assert!(saved.contains("#RayyanBakery"), "{saved}");

    let original = network
        .post(
            &sara,
            "Saturday breakfast 🥐 #RayyanBakery",
            PostExtras {
                picture: Some(&photo()),
                language: Some("en"),
                ..PostExtras::default()
            },
        )
        .expect("sara's post");
    indexed(
        &network,
        &bakery,
        "app.bsky.feed.searchPosts",
        &[("q", "#RayyanBakery")],
        "posts",
    );
    let ran = ok(data.path(), &["engine", "run", "--once"]);
    assert!(ran.contains("1 new on the community board"), "{ran}");
    let items = board(data.path());
    assert_eq!(items.len(), 1, "{items:#?}");
    let item = &items[0];
    assert_eq!(item["state"], "found");
    assert_eq!(item["creator"]["handle"], "sara.test");
    assert_eq!(item["remoteId"], original["uri"]);
    assert_eq!(item["origin"], "search");
    let picture = &item["pictures"][0]["media"];
    let file = data
        .path()
        .join(picture["file"]["file"].as_str().expect("a stored picture"));
    assert!(
        file.exists(),
        "the photo was fetched and re-encoded into the data directory"
    );
    assert!(
        picture["thumbnail"]
            .as_str()
            .is_some_and(|t| t.starts_with("data:image/jpeg"))
    );
    // Found again on the next run: still one item.
    ok(data.path(), &["engine", "run", "--once"]);
    assert_eq!(board(data.path()).len(), 1);

    // Without permission, the repost is refused with the reason.
    let id = item["id"].to_string();
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d 09:00")
        .to_string();
    let repost = [
        "post",
        "add",
        "--brand",
        "Rayyan Bakery",
        "--channel",
        "Bakery on Bluesky",
        "--at",
        &tomorrow,
        "--text",
        "Look at Sara's breakfast!",
        "--ugc",
        &id,
    ];
    let refused = majlis(data.path(), &repost);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("@sara.test has not given permission"),
        "{said}"
    );

    // The request goes out as a reply to Sara's post, in the person's own words, with
    // the agreement hashtag they left out.
    let words = "Sara, your breakfast made our morning! May we share it?";
    let asked = ok(data.path(), &["ugc", "ask", &id, "--text", words]);
    assert!(
        asked.contains("https://bsky.app/profile/bakery.test/post/"),
        "{asked}"
    );
    let request = network
        .posts(&bakery.did)
        .expect("records")
        .into_iter()
        .find(|r| r["value"]["reply"]["parent"]["uri"] == original["uri"])
        .expect("the request is a reply to sara's post");
    let text = request["value"]["text"].as_str().unwrap_or_default();
    assert_eq!(text, format!("{words}\nReply #YesRayyanBakery to agree."));
    assert_eq!(shown(data.path(), &id)["item"]["state"], "requested");

    // Sara answers the request (once the AppView knows it, so it tells the bakery).
    let request_uri = request["uri"].as_str().expect("uri");
    indexed(
        &network,
        &bakery,
        "app.bsky.feed.getPosts",
        &[("uris", request_uri)],
        "posts",
    );
    let request_ref = json!({ "uri": request["uri"], "cid": request["cid"] });
    let yes = network
        .post(
            &sara,
            "Of course, happy to! #YesRayyanBakery",
            PostExtras {
                reply_to: Some(&request_ref),
                ..PostExtras::default()
            },
        )
        .expect("sara's answer");
    let deadline = Instant::now() + Duration::from_secs(120);
    let granted = loop {
        ok(data.path(), &["engine", "run", "--once"]);
        let now = shown(data.path(), &id);
        if now["item"]["state"] == "granted" || Instant::now() > deadline {
            break now;
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    assert_eq!(granted["item"]["state"], "granted", "{granted:#}");
    assert_eq!(granted["item"]["grant"]["manual"], false);
    let evidence = granted["trail"]
        .as_array()
        .and_then(|t| t.iter().find(|e| e["what"] == "answer"))
        .expect("the answer is in the trail");
    assert_eq!(evidence["text"], "Of course, happy to! #YesRayyanBakery");
    let rkey = yes["uri"]
        .as_str()
        .and_then(|u| u.rsplit('/').next())
        .unwrap_or("?");
    assert!(
        evidence["url"].as_str().is_some_and(|u| u.ends_with(rkey)),
        "{evidence:#}"
    );

    // Now the repost is scheduled with the photo and the credit line, and published.
    let added = ok(data.path(), &repost);
    assert!(added.contains("(scheduled)"), "{added}");
    let db = rusqlite::Connection::open(data.path().join("majlis.db")).expect("database");
    db.execute(
        "UPDATE posts SET at = unixepoch() - 5 WHERE at > unixepoch()",
        [],
    )
    .expect("due now");
    ok(data.path(), &["engine", "run", "--once"]);
    let published = network
        .posts(&bakery.did)
        .expect("records")
        .into_iter()
        .find(|r| {
            r["value"]["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("Look at Sara's breakfast!"))
        })
        .expect("the repost is on the PDS");
    assert_eq!(
        published["value"]["text"],
        "Look at Sara's breakfast!\n\n📸 @sara.test"
    );
    assert_eq!(
        published["value"]["embed"]["$type"],
        "app.bsky.embed.images"
    );
    assert_eq!(shown(data.path(), &id)["item"]["state"], "used");
}

#[test]
fn items_added_by_hand_refuse_unsafe_files_and_record_permission_given_elsewhere() {
    let data = tempfile::tempdir().expect("tempdir");
    common::bakery_with(data.path(), "instagram", "Bakery on Instagram", None);
    let svg = data.path().join("cute.jpg");
    std::fs::write(
        &svg,
        br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
    )
    .expect("file");
    let add = |file: Option<&Path>| {
        let mut args = vec![
            "ugc".to_owned(),
            "add".into(),
            "--brand".into(),
            "Rayyan Bakery".into(),
            "--url".into(),
            "https://www.instagram.com/p/Cx1/".into(),
            "--creator".into(),
            "@lina".into(),
        ];
        if let Some(file) = file {
            args.extend(["--file".into(), file.display().to_string()]);
        }
        majlis(
            data.path(),
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };
    let refused = add(Some(&svg));
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("as a picture: it may be damaged"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let real = data.path().join("lina.jpg");
    std::fs::write(&real, photo()).expect("file");
    let added = add(Some(&real));
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(!add(None).status.success(), "the same address twice");
    let id = board(data.path())[0]["id"].to_string();

    // Majlis cannot ask on Instagram: the person records what the creator said.
    let cannot = majlis(data.path(), &["ugc", "ask", &id]);
    assert!(String::from_utf8_lossy(&cannot.stderr).contains("cannot ask for permission"));
    let without_note = majlis(data.path(), &["ugc", "grant", &id, "--note", " "]);
    assert!(!without_note.status.success());
    ok(
        data.path(),
        &[
            "ugc",
            "grant",
            &id,
            "--note",
            "By DM on Instagram, 1 Dec",
            "--months",
            "6",
        ],
    );
    let item = shown(data.path(), &id);
    assert_eq!(item["item"]["state"], "granted");
    assert_eq!(item["item"]["grant"]["manual"], true);
    assert!(item["item"]["grant"]["expiresAt"].is_string());
    let listed = ok(
        data.path(),
        &[
            "ugc",
            "list",
            "--brand",
            "Rayyan Bakery",
            "--state",
            "granted",
        ],
    );
    assert!(listed.contains("@lina"), "{listed}");
    let unknown = majlis(
        data.path(),
        &[
            "ugc",
            "list",
            "--brand",
            "Rayyan Bakery",
            "--state",
            "maybe",
        ],
    );
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("found, requested"));
}
