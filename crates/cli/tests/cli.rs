//! The `majlis` commands, run as a person runs them.

use std::path::Path;
use std::process::{Command, Output};

fn majlis(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_majlis"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("MAJLIS_DATA_DIR")
        .output()
        .expect("majlis runs")
}

fn listed(data_dir: &Path) -> serde_json::Value {
    let out = majlis(data_dir, &["brand", "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON value on stdout")
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
        let out = majlis(dir.path(), &["sample", "--language", "ar"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
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

    let out = majlis(
        dir.path(),
        &["channel", "list", "--brand", "Rayyan Bakery", "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let channels: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
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
