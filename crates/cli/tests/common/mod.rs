//! What the CLI's integration tests share: running `majlis` on a data directory, and a
//! bakery whose Bluesky channel is connected to the local PDS.

use std::path::Path;
use std::process::{Command, Output};

use std::time::{Duration, Instant};

use majlis_peers::{Account, Bluesky};

pub const SECRET_VAR: &str = "MAJLIS_TEST_BLUESKY_PASSWORD";
pub const PASSWORD: &str = "bakery-app-password";

pub fn majlis(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_majlis"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("MAJLIS_DATA_DIR")
        .env(SECRET_VAR, PASSWORD)
        .output()
        .expect("majlis runs")
}

pub fn ok(data_dir: &Path, args: &[&str]) -> String {
    let out = majlis(data_dir, args);
    assert!(
        out.status.success(),
        "majlis {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// "Rayyan Bakery" (Riyadh, Arabic) with one channel: `name`, of `kind`, with `handle`.
pub fn bakery_with(data_dir: &Path, kind: &str, name: &str, handle: Option<&str>) {
    ok(
        data_dir,
        &[
            "brand",
            "add",
            "Rayyan Bakery",
            "--timezone",
            "Asia/Riyadh",
            "--locale",
            "ar-SA",
        ],
    );
    let mut channel = vec![
        "channel",
        "add",
        "--brand",
        "Rayyan Bakery",
        "--kind",
        kind,
        "--name",
        name,
    ];
    channel.extend(handle.iter().flat_map(|h| ["--handle", *h]));
    ok(data_dir, &channel);
}

/// A bakery whose Bluesky channel is connected to `bakery.test` on the local PDS.
pub fn connected_bakery(network: &Bluesky, data_dir: &Path) {
    bakery_with(
        data_dir,
        "bluesky",
        "Bakery on Bluesky",
        Some("bakery.test"),
    );
    let connected = ok(
        data_dir,
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
    assert!(connected.contains("as @bakery.test"), "{connected}");
}

/// Schedules `text` for tomorrow, then lets "time pass": the post becomes due now.
pub fn due_post(data_dir: &Path, text: &str, extra: &[&str]) {
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%d 09:00")
        .to_string();
    let mut args = vec![
        "post",
        "add",
        "--brand",
        "Rayyan Bakery",
        "--channel",
        "Bakery on Bluesky",
        "--at",
        &tomorrow,
        "--text",
        text,
    ];
    args.extend_from_slice(extra);
    ok(data_dir, &args);
    let db = rusqlite::Connection::open(data_dir.join("majlis.db")).expect("database");
    db.execute(
        "UPDATE posts SET at = unixepoch() - 5 WHERE at > unixepoch()",
        [],
    )
    .expect("due now");
}

/// The variable a Mastodon channel's token is read from in these tests.
pub const TOKEN_VAR: &str = "MAJLIS_TEST_MASTODON_TOKEN";

/// Runs `majlis` with a Mastodon account's `token` in [`TOKEN_VAR`]; it must succeed.
pub fn majlis_with(data_dir: &Path, token: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_majlis"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env(TOKEN_VAR, token)
        .output()
        .expect("majlis runs");
    assert!(
        out.status.success(),
        "majlis {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// "Rayyan Bakery" with a channel "Bakery on Mastodon" connected to `@bakery` on the
/// fake instance, its token read from [`TOKEN_VAR`].
pub fn connected_mastodon_bakery(server: &majlis_peers::Mastodon, token: &str, data: &Path) {
    bakery_with(data, "mastodon", "Bakery on Mastodon", Some("bakery"));
    let connected = majlis_with(
        data,
        token,
        &[
            "channel",
            "connect",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Mastodon",
            "--service",
            &server.url,
            "--secret-env",
            TOKEN_VAR,
        ],
    );
    assert!(connected.contains("as @bakery@127.0.0.1"), "{connected}");
}

/// Waits until the AppView answers `query` with something: what a search or a
/// notification can see only once it has indexed it.
pub fn indexed(network: &Bluesky, who: &Account, nsid: &str, query: &[(&str, &str)], list: &str) {
    let deadline = Instant::now() + Duration::from_secs(90);
    while network
        .xrpc_get(nsid, Some(&who.access_jwt), query)
        .ok()
        .and_then(|found| found[list].as_array().map(Vec::len))
        .unwrap_or(0)
        == 0
    {
        assert!(
            Instant::now() < deadline,
            "the AppView never indexed {query:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}
