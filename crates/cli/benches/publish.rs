//! The publisher against a real local Bluesky PDS (tests/peers), through `majlis engine
//! run`, as it runs beside the window:
//!
//! - **burst**: 500 deliveries due at the same second: deliveries per second, and the lag
//!   from the due time to the request (the record's `createdAt`, set just before it is
//!   sent), median and p99;
//! - **idle**: 10,000 posts scheduled over the next months and nothing due: how often the
//!   process wakes (context switches of all its threads) per minute.
//!
//! Not criterion: each figure comes from one real run, printed for BENCHMARKS.md.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use majlis_peers::{Bluesky, BlueskyMode};

const SECRET_VAR: &str = "MAJLIS_BENCH_BLUESKY_PASSWORD";
const PASSWORD: &str = "bakery-app-password";
const BURST: usize = 500;
const IDLE_POSTS: usize = 10_000;
const IDLE_FOR: Duration = Duration::from_secs(60);

fn majlis(data_dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_majlis"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env(SECRET_VAR, PASSWORD)
        .output()
        .expect("majlis runs");
    assert!(
        out.status.success(),
        "majlis {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn engine(data_dir: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_majlis"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(["engine", "run"])
        .env(SECRET_VAR, PASSWORD)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("engine starts")
}

/// A bakery with a Bluesky channel connected to the PDS and `posts` posts imported for
/// it, one a minute from 08:00 tomorrow on (UTC).
fn bakery(network: &Bluesky, data_dir: &Path, posts: usize) {
    majlis(
        data_dir,
        &["brand", "add", "Bench Bakery", "--timezone", "UTC"],
    );
    majlis(
        data_dir,
        &[
            "channel",
            "add",
            "--brand",
            "Bench Bakery",
            "--kind",
            "bluesky",
            "--name",
            "Bluesky",
            "--handle",
            "bakery.test",
        ],
    );
    majlis(
        data_dir,
        &[
            "channel",
            "connect",
            "--brand",
            "Bench Bakery",
            "--channel",
            "Bluesky",
            "--service",
            &network.pds,
            "--secret-env",
            SECRET_VAR,
        ],
    );
    let start = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    let csv: String = (0..posts)
        .map(|i| {
            let at = start.and_hms_opt(8, 0, 0).expect("08:00")
                + chrono::Duration::minutes(i64::try_from(i).expect("small"));
            format!("{},Fresh bread, batch {i}\n", at.format("%d/%m/%Y %H:%M"))
        })
        .collect();
    let file = data_dir.join("posts.csv");
    std::fs::write(&file, csv).expect("csv");
    majlis(
        data_dir,
        &[
            "import",
            "posts",
            "--brand",
            "Bench Bakery",
            "--channel",
            "Bluesky",
            "--format",
            "hootsuite",
            "--date-order",
            "dmy",
            &file.display().to_string(),
        ],
    );
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn burst(network: &Bluesky, did: &str) {
    let data = tempfile::tempdir().expect("tempdir");
    bakery(network, data.path(), BURST);
    // Every post due at the same second, a few seconds from now: the engine is asleep
    // until then.
    let due = chrono::Utc::now().timestamp() + 4;
    let db = rusqlite::Connection::open(data.path().join("majlis.db")).expect("database");
    db.execute("UPDATE posts SET at = ?1", [due])
        .expect("due together");
    let mut running = engine(data.path());
    let deadline = Instant::now() + Duration::from_secs(300);
    let sent = loop {
        let sent = network.posts(did).expect("records");
        if sent.len() >= BURST || Instant::now() > deadline {
            break sent;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    running.kill().expect("stopped");
    running.wait().expect("reaped");
    assert_eq!(sent.len(), BURST, "every delivery went out");
    let mut sent_at: Vec<f64> = sent
        .iter()
        .map(|r| {
            let created = r["value"]["createdAt"].as_str().expect("createdAt");
            chrono::DateTime::parse_from_rfc3339(created)
                .expect("RFC 3339")
                .timestamp_millis() as f64
        })
        .collect();
    sent_at.sort_by(f64::total_cmp);
    let lags: Vec<f64> = sent_at.iter().map(|t| t - (due * 1000) as f64).collect();
    let span = (sent_at[BURST - 1] - sent_at[0]) / 1000.0;
    println!("burst of {BURST} deliveries due at the same second, to the local PDS:");
    println!(
        "  throughput        {:>8.1} deliveries/s (first to last request: {span:.2} s)",
        BURST as f64 / span
    );
    println!(
        "  lag, due → request  median {:>7.0} ms, p99 {:>7.0} ms, first {:>5.0} ms",
        percentile(&lags, 0.5),
        percentile(&lags, 0.99),
        lags[0]
    );
}

/// Voluntary and involuntary context switches of every thread of `pid`: each is the
/// process waking (or being woken) once.
fn context_switches(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("status")).ok())
        .flat_map(|status| {
            status
                .lines()
                .filter(|l| l.contains("ctxt_switches"))
                .filter_map(|l| l.split_whitespace().last()?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

fn idle(network: &Bluesky) {
    let data = tempfile::tempdir().expect("tempdir");
    bakery(network, data.path(), IDLE_POSTS);
    let mut running = engine(data.path());
    // Let it start, settle and compute its first sleep.
    std::thread::sleep(Duration::from_secs(5));
    let before = context_switches(running.id());
    std::thread::sleep(IDLE_FOR);
    let after = context_switches(running.id());
    running.kill().expect("stopped");
    running.wait().expect("reaped");
    println!("idle with {IDLE_POSTS} posts scheduled over the coming days:");
    assert!(before > 0, "the engine's threads were not found in /proc");
    println!(
        "  wake-ups          {:>8.1} per minute (context switches of all threads: {before} at 5 s, {after} {} s later)",
        (after - before) as f64 * 60.0 / IDLE_FOR.as_secs_f64(),
        IDLE_FOR.as_secs()
    );
}

fn main() {
    // `cargo bench` passes --bench; a filter argument picks one part.
    let only: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let network = Bluesky::start(BlueskyMode::PdsOnly).expect("a local Bluesky network");
    let account = network
        .create_account("bakery.test", PASSWORD)
        .expect("account");
    if only.as_deref().is_none_or(|o| "burst".contains(o)) {
        burst(&network, &account.did);
    }
    if only.as_deref().is_none_or(|o| "idle".contains(o)) {
        idle(&network);
    }
}
