//! The `majlis` commands, run as a person runs them.

use std::path::Path;

#[allow(dead_code)]
mod common;
use common::{majlis, ok};

fn listed(data_dir: &Path) -> serde_json::Value {
    let out = ok(data_dir, &["brand", "list", "--json"]);
    serde_json::from_str(&out).expect("one JSON value on stdout")
}

#[test]
fn adds_and_lists_brands_as_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let add = majlis(
        dir.path(),
        &[
            "brand",
            "add",
            "مخبز الريّان",
            "--timezone",
            "Asia/Riyadh",
            "--locale",
            "ar-SA",
            "--color",
            "#D97706",
        ],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    assert!(
        majlis(
            dir.path(),
            &["brand", "add", "Zaytoun Café", "--timezone", "Asia/Amman"]
        )
        .status
        .success()
    );

    let brands = listed(dir.path());
    let brands = brands.as_array().expect("an array");
    assert_eq!(brands.len(), 2);
    assert_eq!(brands[0]["name"], "Zaytoun Café");
    assert_eq!(brands[0]["locale"], "en");
    assert_eq!(brands[1]["name"], "مخبز الريّان");
    assert_eq!(brands[1]["timeZone"], "Asia/Riyadh");
    assert_eq!(brands[1]["color"], "#d97706");
}

#[test]
fn the_table_lists_what_was_added() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = majlis(dir.path(), &["brand", "list"]);
    assert!(String::from_utf8_lossy(&empty.stdout).contains("no brands yet"));
    majlis(
        dir.path(),
        &["brand", "add", "Souq", "--timezone", "Africa/Cairo"],
    );
    let table =
        String::from_utf8_lossy(&majlis(dir.path(), &["brand", "list"]).stdout).into_owned();
    assert!(
        table.contains("Souq") && table.contains("Africa/Cairo"),
        "{table}"
    );
}

#[test]
fn bad_input_fails_with_one_line_naming_the_problem_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(
        majlis(
            dir.path(),
            &["brand", "add", "Souq", "--timezone", "Africa/Cairo"]
        )
        .status
        .success()
    );
    let cases: [(&[&str], &str); 5] = [
        (
            &["brand", "add", "Bazaar", "--timezone", "Mars/Olympus"],
            "Mars/Olympus",
        ),
        (
            &["brand", "add", "  ", "--timezone", "UTC"],
            "name is empty",
        ),
        (
            &["brand", "add", "SOUQ", "--timezone", "UTC"],
            "already exists",
        ),
        (
            &[
                "brand",
                "add",
                "Bazaar",
                "--timezone",
                "UTC",
                "--color",
                "teal",
            ],
            "teal",
        ),
        (
            &[
                "brand",
                "add",
                "Bazaar",
                "--timezone",
                "UTC",
                "--locale",
                "english",
            ],
            "english",
        ),
    ];
    for (args, named) in cases {
        let out = majlis(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "one line for {args:?}: {stderr}"
        );
        assert!(stderr.contains(named), "{args:?}: {stderr}");
    }
    assert_eq!(listed(dir.path()).as_array().expect("array").len(), 1);
}

#[test]
fn the_sample_brand_is_created_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    for _ in 0..2 {
        ok(dir.path(), &["sample", "--language", "ar"]);
    }
    let brands = listed(dir.path());
    assert_eq!(brands.as_array().expect("array").len(), 1);
    assert_eq!(brands[0]["name"], "مخبز الريّان");
}

#[test]
fn adds_and_lists_channels_of_a_brand() {
    let dir = tempfile::tempdir().expect("tempdir");
    majlis(
        dir.path(),
        &["brand", "add", "Rayyan Bakery", "--timezone", "Asia/Riyadh"],
    );
    let add = majlis(
        dir.path(),
        &[
            "channel",
            "add",
            "--brand",
            "rayyan bakery",
            "--kind",
            "bluesky",
            "--name",
            "Bakery on Bluesky",
            "--handle",
            "@rayyan.bsky.social",
        ],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    majlis(
        dir.path(),
        &[
            "channel",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--kind",
            "instagram",
            "--name",
            "انستغرام",
        ],
    );

    let out = ok(
        dir.path(),
        &["channel", "list", "--brand", "Rayyan Bakery", "--json"],
    );
    let channels: serde_json::Value = serde_json::from_str(&out).expect("one JSON value");
    assert_eq!(channels[0]["name"], "Bakery on Bluesky");
    assert_eq!(channels[0]["kind"], "bluesky");
    assert_eq!(channels[0]["handle"], "rayyan.bsky.social");
    assert_eq!(channels[1]["kind"], "instagram");
    let table = String::from_utf8_lossy(
        &majlis(dir.path(), &["channel", "list", "--brand", "Rayyan Bakery"]).stdout,
    )
    .into_owned();
    assert!(
        table.contains("انستغرام") && table.contains("rayyan.bsky.social"),
        "{table}"
    );
}

#[test]
fn bad_channels_fail_with_one_line_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    majlis(
        dir.path(),
        &["brand", "add", "Souq", "--timezone", "Africa/Cairo"],
    );
    majlis(
        dir.path(),
        &[
            "channel",
            "add",
            "--brand",
            "Souq",
            "--kind",
            "x",
            "--name",
            "Souq on X",
        ],
    );
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "channel", "add", "--brand", "Bazaar", "--kind", "x", "--name", "A",
            ],
            "no brand named \"Bazaar\"",
        ),
        (
            &[
                "channel", "add", "--brand", "Souq", "--kind", "myspace", "--name", "A",
            ],
            "myspace",
        ),
        (
            &[
                "channel",
                "add",
                "--brand",
                "Souq",
                "--kind",
                "x",
                "--name",
                "souq ON x",
            ],
            "already exists",
        ),
        (
            &[
                "channel", "add", "--brand", "Souq", "--kind", "x", "--name", " ",
            ],
            "channel name is empty",
        ),
    ];
    for (args, named) in cases {
        let out = majlis(dir.path(), args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "one line for {args:?}: {stderr}"
        );
        assert!(stderr.contains(named), "{args:?}: {stderr}");
    }
    let out = majlis(
        dir.path(),
        &["channel", "list", "--brand", "Souq", "--json"],
    );
    let channels: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(channels.as_array().map(Vec::len), Some(1));
}

/// A brand with a Bluesky and an X channel.
fn bakery(dir: &Path) {
    majlis(
        dir,
        &["brand", "add", "Rayyan Bakery", "--timezone", "Asia/Riyadh"],
    );
    majlis(
        dir,
        &[
            "channel",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--kind",
            "bluesky",
            "--name",
            "Bluesky",
        ],
    );
    majlis(
        dir,
        &[
            "channel",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--kind",
            "x",
            "--name",
            "X",
        ],
    );
}

fn posts(dir: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["posts", "list", "--brand", "Rayyan Bakery", "--json"];
    args.extend(extra);
    let out = ok(dir, &args);
    serde_json::from_str(&out).expect("one JSON value")
}

#[test]
fn plans_posts_and_lists_them_with_times_in_utc_and_local() {
    let dir = tempfile::tempdir().expect("tempdir");
    bakery(dir.path());
    let add = majlis(
        dir.path(),
        &[
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bluesky,X",
            "--at",
            "2030-03-01 09:00",
            "--text",
            "خبز طازج 🥖",
            "--category",
            "promotion",
        ],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    majlis(
        dir.path(),
        &[
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "X",
            "--at",
            "2030-04-01 18:30",
            "--timezone",
            "Europe/London",
            "--text",
            "Evening bake",
        ],
    );
    majlis(
        dir.path(),
        &[
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "X",
            "--text",
            "Idea",
            "--draft",
        ],
    );

    let all = posts(dir.path(), &[]);
    assert_eq!(all.as_array().map(Vec::len), Some(3));
    let first = &all[0];
    assert_eq!(first["status"], "scheduled");
    assert_eq!(first["body"], "خبز طازج 🥖");
    assert_eq!(first["at_utc"], "2030-03-01T06:00:00Z");
    assert_eq!(first["at_local"], "2030-03-01 09:00");
    assert_eq!(first["zone"], "Asia/Riyadh");
    assert_eq!(first["category"], "Promotion");
    assert_eq!(first["deliveries"][0]["channel"], "Bluesky");
    assert_eq!(first["deliveries"][1]["text"], "خبز طازج 🥖");
    assert_eq!(first["deliveries"][1]["status"], "pending");
    assert_eq!(all[1]["zone"], "Europe/London");
    assert_eq!(all[1]["at_utc"], "2030-04-01T17:30:00Z");
    assert_eq!(all[2]["status"], "draft");
    assert_eq!(all[2]["at_utc"], serde_json::Value::Null);

    let march = posts(dir.path(), &["--from", "2030-03-01", "--to", "2030-03-31"]);
    assert_eq!(march.as_array().map(Vec::len), Some(1));
    assert_eq!(march[0]["at_local"], "2030-03-01 09:00");
}

#[test]
fn bad_posts_fail_with_one_line_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    bakery(dir.path());
    let base = ["post", "add", "--brand", "Rayyan Bakery", "--channel", "X"];
    let long = "ب".repeat(281);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--at", "2030-13-01 09:00", "--text", "Hi"],
            "\"2030-13-01 09:00\" is not a time",
        ),
        (
            vec!["--at", "2020-01-01 09:00", "--text", "Hi"],
            "has already passed",
        ),
        (vec!["--text", "Hi"], "has no time"),
        (vec!["--at", "2030-03-01 09:00", "--text", " "], "no text"),
        (
            vec!["--at", "2030-03-01 09:00", "--text", &long],
            "too long for X: 281 of 280",
        ),
        (
            vec![
                "--at",
                "2030-03-01 09:00",
                "--text",
                "Hi",
                "--category",
                "Giveaway",
            ],
            "no category named \"Giveaway\"",
        ),
        (
            vec![
                "--at",
                "2030-03-01 09:00",
                "--text",
                "Hi",
                "--timezone",
                "Mars/Olympus",
            ],
            "Mars/Olympus",
        ),
        (
            vec![
                "--at",
                "2030-03-31 01:30",
                "--text",
                "Hi",
                "--timezone",
                "Europe/London",
            ],
            "does not exist in Europe/London",
        ),
    ];
    for (extra, named) in cases {
        let args: Vec<&str> = base.iter().copied().chain(extra.iter().copied()).collect();
        let out = majlis(dir.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{extra:?} should fail");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "one line for {extra:?}: {stderr}"
        );
        assert!(stderr.contains(named), "{extra:?}: {stderr}");
    }
    let out = majlis(
        dir.path(),
        &[
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Telegram",
            "--at",
            "2030-03-01 09:00",
            "--text",
            "Hi",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("no channel named \"Telegram\""));
    assert_eq!(posts(dir.path(), &[]).as_array().map(Vec::len), Some(0));
}

#[test]
fn imports_a_csv_all_or_nothing_and_exports_it_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    bakery(dir.path());
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "01/03/2030 09:00,Good row\n31/02/2030 09:00,Bad date\n02/03/2030 09:00,\n",
    )
    .expect("write");
    let out = majlis(
        dir.path(),
        &[
            "import",
            "posts",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bluesky,X",
            "--format",
            "hootsuite",
            bad.to_str().expect("path"),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("bad.csv:2: \"31/02/2030 09:00\" is not a date and time"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.csv:3: the post has no text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 of the rows cannot be imported, so nothing was imported"),
        "{stderr}"
    );
    assert_eq!(posts(dir.path(), &[]).as_array().map(Vec::len), Some(0));

    let good = dir.path().join("sprout.csv");
    std::fs::write(&good, "date,time_24hr,message_text\n03/01/2030,18:30,عرض نهاية الأسبوع\n03/02/2030,09:00,Weekend offer\n").expect("write");
    ok(
        dir.path(),
        &[
            "import",
            "posts",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "X",
            "--format",
            "sprout",
            "--date-order",
            "mdy",
            good.to_str().expect("path"),
        ],
    );
    let listed = posts(dir.path(), &[]);
    assert_eq!(listed[0]["at_local"], "2030-03-01 18:30");
    assert_eq!(listed[1]["body"], "Weekend offer");

    let exported = dir.path().join("export.csv");
    ok(
        dir.path(),
        &[
            "export",
            "posts",
            "--brand",
            "Rayyan Bakery",
            "--format",
            "majlis",
            exported.to_str().expect("path"),
        ],
    );
    let csv = std::fs::read_to_string(&exported).expect("read");
    assert!(
        csv.starts_with("id,status,body,link,category,at_utc,at_local,zone,repeat,deliveries"),
        "{csv}"
    );
    assert!(csv.contains("عرض نهاية الأسبوع"));

    let ics = dir.path().join("bakery.ics");
    ok(
        dir.path(),
        &[
            "export",
            "ics",
            "--brand",
            "Rayyan Bakery",
            ics.to_str().expect("path"),
        ],
    );
    let ics = std::fs::read_to_string(&ics).expect("read");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    assert!(ics.contains("DTSTART:20300301T153000Z"), "{ics}");
}

#[test]
fn a_post_sent_for_review_is_scheduled_once_approved() {
    let dir = tempfile::tempdir().expect("tempdir");
    bakery(dir.path());
    ok(
        dir.path(),
        &[
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "X",
            "--at",
            "2030-03-01 09:00",
            "--text",
            "Eid offer",
            "--review",
        ],
    );
    let listed = posts(dir.path(), &[]);
    assert_eq!(listed[0]["status"], "in_review");
    let id = listed[0]["id"].to_string();
    let out = ok(dir.path(), &["post", "approve", &id, "--by", "Noura"]);
    assert!(out.contains("approved post"));
    assert_eq!(posts(dir.path(), &[])[0]["status"], "scheduled");
    let again = majlis(dir.path(), &["post", "approve", &id]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not waiting for approval"));

    let out = majlis(dir.path(), &["post", "cancel", &id]);
    assert!(out.status.success());
    assert_eq!(posts(dir.path(), &[])[0]["status"], "cancelled");
    let missing = majlis(dir.path(), &["post", "cancel", "999"]);
    assert!(!missing.status.success());
    assert_eq!(String::from_utf8_lossy(&missing.stderr).lines().count(), 1);
}

/// Whether every post of the bakery is in `status`.
fn every_post_is(dir: &Path, status: &str) -> bool {
    posts(dir, &[])
        .as_array()
        .expect("posts")
        .iter()
        .all(|p| p["status"] == status)
}

#[test]
fn every_post_waiting_for_approval_is_approved_at_once_and_bad_asks_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    bakery(dir.path());
    for (at, text) in [
        ("2030-03-01 09:00", "Eid offer"),
        ("2030-03-02 09:00", "عرض العيد"),
    ] {
        ok(
            dir.path(),
            &[
                "post",
                "add",
                "--brand",
                "Rayyan Bakery",
                "--channel",
                "X",
                "--at",
                at,
                "--text",
                text,
                "--review",
            ],
        );
    }
    // Neither an id nor --all; --all without a brand; both: each refused, nothing changed.
    for args in [
        &["post", "approve"][..],
        &["post", "approve", "--all"],
        &["post", "approve", "1", "--all", "--brand", "Rayyan Bakery"],
    ] {
        let out = majlis(dir.path(), args);
        assert!(!out.status.success(), "{args:?}");
    }
    assert!(every_post_is(dir.path(), "in_review"));

    // One sent back with what should change: a draft, the words in its notes.
    let first = posts(dir.path(), &[])[0]["id"].to_string();
    ok(
        dir.path(),
        &[
            "post",
            "return",
            &first,
            "--change",
            "Name the offer",
            "--by",
            "Noura",
        ],
    );
    let returned = &posts(dir.path(), &[])[0];
    assert_eq!(returned["status"], "draft");
    assert_eq!(returned["notes"], "Noura: Name the offer");
    let again = majlis(dir.path(), &["post", "return", &first]);
    assert!(
        !again.status.success(),
        "a draft is not waiting for approval"
    );

    let out = ok(
        dir.path(),
        &[
            "post",
            "approve",
            "--all",
            "--brand",
            "Rayyan Bakery",
            "--by",
            "Noura",
        ],
    );
    assert_eq!(out.trim(), "approved 1 post by Noura");
    assert_eq!(posts(dir.path(), &[])[1]["status"], "scheduled");
    let unknown = majlis(
        dir.path(),
        &["post", "approve", "--all", "--brand", "Nobody"],
    );
    assert!(!unknown.status.success());
    assert_eq!(String::from_utf8_lossy(&unknown.stderr).lines().count(), 1);
}

#[test]
fn a_repeating_post_is_listed_once_with_its_rule_and_a_bad_rule_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    bakery(dir.path());
    let out = majlis(
        dir.path(),
        &[
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "X",
            "--at",
            "2030-03-01 16:00",
            "--text",
            "Friday bake",
            "--repeat",
            "FREQ=WEEKLY;COUNT=8",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = posts(dir.path(), &[]);
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["repeat"], "FREQ=WEEKLY;COUNT=8");
    let bad = majlis(
        dir.path(),
        &[
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "X",
            "--at",
            "2030-03-01 16:00",
            "--text",
            "Forever",
            "--repeat",
            "FREQ=DAILY",
        ],
    );
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success());
    assert!(
        stderr.contains("\"FREQ=DAILY\" is not a repeat rule") && stderr.contains("COUNT or UNTIL"),
        "{stderr}"
    );
}

#[test]
fn pictures_are_copied_in_with_their_descriptions_and_a_non_picture_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    bakery(dir.path());
    let png = dir.path().join("loaves.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n rest of the picture").expect("png");
    let pdf = dir.path().join("menu.pdf");
    std::fs::write(&pdf, b"%PDF-1.7").expect("pdf");
    let add = |picture: &Path| {
        majlis(
            dir.path(),
            &[
                "post",
                "add",
                "--brand",
                "Rayyan Bakery",
                "--channel",
                "X",
                "--at",
                "2030-03-01 09:00",
                "--text",
                "Morning loaves",
                "--image",
                picture.to_str().expect("path"),
                "--alt",
                "أرغفة التنور على الرف",
            ],
        )
    };
    let out = add(&png);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = posts(dir.path(), &[]);
    let media = &listed[0]["media"][0];
    assert_eq!(media["alt"], "أرغفة التنور على الرف");
    let file = media["file"].as_str().expect("file");
    assert_eq!(
        std::fs::read(dir.path().join(file)).expect("copied"),
        std::fs::read(&png).expect("original")
    );

    let bad = add(&pdf);
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success());
    assert!(
        stderr.contains("open \"menu.pdf\" as a picture"),
        "{stderr}"
    );
    assert_eq!(posts(dir.path(), &[]).as_array().map(Vec::len), Some(1));
}

#[test]
fn posting_times_are_added_listed_and_removed_and_a_bad_day_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    bakery(dir.path());
    for (day, time) in [("fri", "16:00"), ("Sunday", "09:00")] {
        ok(
            dir.path(),
            &[
                "slot",
                "add",
                "--brand",
                "Rayyan Bakery",
                "--day",
                day,
                "--time",
                time,
            ],
        );
    }
    let list = |dir: &Path| -> serde_json::Value {
        let out = majlis(dir, &["slot", "list", "--brand", "Rayyan Bakery", "--json"]);
        serde_json::from_slice(&out.stdout).expect("json")
    };
    assert_eq!(
        list(dir.path()),
        serde_json::json!([{"day": "fri", "time": "16:00"}, {"day": "sun", "time": "09:00"}])
    );
    let out = majlis(
        dir.path(),
        &[
            "slot",
            "remove",
            "--brand",
            "Rayyan Bakery",
            "--day",
            "fri",
            "--time",
            "16:00",
        ],
    );
    assert!(out.status.success());
    assert_eq!(list(dir.path()).as_array().map(Vec::len), Some(1));

    for (day, time, named) in [
        ("funday", "09:00", "\"funday\" is not a day of the week"),
        ("mon", "25:00", "\"25:00\" is not a time"),
    ] {
        let bad = majlis(
            dir.path(),
            &[
                "slot",
                "add",
                "--brand",
                "Rayyan Bakery",
                "--day",
                day,
                "--time",
                time,
            ],
        );
        let stderr = String::from_utf8_lossy(&bad.stderr);
        assert!(!bad.status.success());
        assert!(stderr.contains(named), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    assert_eq!(list(dir.path()).as_array().map(Vec::len), Some(1));
}

#[test]
fn insights_on_the_sample_brand_and_a_period_running_backwards() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(majlis(dir.path(), &["sample"]).status.success());
    let today = chrono::Utc::now().date_naive();
    let from = (today - chrono::Days::new(30)).to_string();
    let to = (today + chrono::Days::new(1)).to_string();
    let out = ok(
        dir.path(),
        &[
            "insights",
            "response",
            "--brand",
            "Rayyan Bakery",
            "--from",
            &from,
            "--to",
            &to,
            "--json",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&out).expect("json");
    // The sample's conversations, a creator's yes and the 16 of its history in these
    // days, without the spam; two overdue.
    assert_eq!(report["overall"]["received"], 25);
    assert_eq!(report["overdue"], 2);
    assert!(report["overall"]["medianSeconds"].is_number());
    ok(
        dir.path(),
        &[
            "insights",
            "topics",
            "--brand",
            "Rayyan Bakery",
            "--from",
            &from,
            "--to",
            &to,
            "--json",
        ],
    );
    let backwards = majlis(
        dir.path(),
        &[
            "insights",
            "response",
            "--brand",
            "Rayyan Bakery",
            "--from",
            &to,
            "--to",
            &from,
        ],
    );
    assert!(!backwards.status.success());
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("before it starts"));
}

#[test]
fn the_target_mix_a_table_as_csv_and_the_client_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(majlis(dir.path(), &["sample"]).status.success());
    let today = chrono::Utc::now().date_naive();
    let from = (today - chrono::Days::new(30)).to_string();
    let to = (today + chrono::Days::new(30)).to_string();
    let days = ["--brand", "Rayyan Bakery", "--from", &from, "--to", &to];
    let run = |args: &[&str]| {
        let out = majlis(dir.path(), args);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.success(), text, err)
    };

    // The sample keeps promotion to at most 20%; the person tightens it to 10%.
    let (ok, _, err) = run(&[
        "category",
        "target",
        "--brand",
        "Rayyan Bakery",
        "--category",
        "promotion",
        "--at-most",
        "10",
    ]);
    assert!(ok, "{err}");
    let (ok, _, err) = run(&[
        "category",
        "target",
        "--brand",
        "Rayyan Bakery",
        "--category",
        "Promotion",
        "--at-least",
        "50",
        "--at-most",
        "10",
    ]);
    assert!(
        !ok && err.contains("at least"),
        "crossed bounds refused: {err}"
    );
    let (_, list, _) = run(&["category", "list", "--brand", "Rayyan Bakery"]);
    assert!(
        list.contains("at most 10% of posts") && list.contains("at least 25% of posts"),
        "{list}"
    );

    let (ok, weekly, err) = run(&[&["insights", "volume"][..], &days].concat());
    assert!(
        ok && weekly.starts_with("week of") && weekly.contains("question"),
        "{weekly}{err}"
    );
    let (ok, csv, err) = run(&[&["insights", "csv", "--table", "mix"][..], &days].concat());
    assert!(ok, "{err}");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("Category,Posts,Share,Target,Against the target")
    );
    let promotion = csv
        .lines()
        .find(|l| l.starts_with("Promotion,"))
        .expect("promotion row");
    assert!(promotion.ends_with(",at most 10%,Over"), "{promotion}");
    let (ok, _, err) = run(&[&["insights", "csv", "--table", "answers"][..], &days].concat());
    assert!(
        !ok && err.contains("weeks, volume, channels, kinds"),
        "{err}"
    );

    let out = dir.path().join("report.html");
    let out_arg = out.to_str().expect("utf-8 path");
    let (ok, _, err) = run(&[&["report", "--out", out_arg, "--lang", "ar"][..], &days].concat());
    assert!(ok, "{err}");
    let html = std::fs::read_to_string(&out).expect("report written");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(html.contains("<h1>Rayyan Bakery</h1>") && html.contains("مزيج المحتوى"));
    assert!(
        html.contains("١٠٪ على الأكثر"),
        "the target in Arabic digits"
    );
}
